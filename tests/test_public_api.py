"""The public API as a user meets it: ``dir`` and ``python -OO``.

(Light import and lazy names are in ``test_packaging.py``.)
"""
from __future__ import annotations

import subprocess
import sys
import textwrap

import mixedmethods as mm

SUBPACKAGES = ["comparisons", "audit", "themes", "readers", "plot", "studies", "cli"]

# Every public name, every public name of each domain, and a few real calls, with docstrings
# stripped: modules that build docstrings at import time must not break here.
OO_SCRIPT = textwrap.dedent(
    f"""
    import importlib
    import mixedmethods as mm
    names = [getattr(mm, n) for n in mm.__all__]
    for sub in {SUBPACKAGES!r}:
        pkg = importlib.import_module("mixedmethods." + sub)
        [getattr(pkg, n) for n in pkg.__all__]
    res = mm.compare_summary(2.78, 2.30, 61, 1.5, 2.14, 34)
    assert res["test"].tolist() == ["student", "welch"]
    assert mm.audit.grim("2.8", 28)["consistent"].all()
    print("ok", len(names))
    """
)


def test_whole_public_api_works_under_python_OO():
    done = subprocess.run([sys.executable, "-OO", "-c", OO_SCRIPT], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok")


def test_dir_shows_the_public_api_only():
    shown = {n for n in dir(mm) if not n.startswith("__")}
    assert shown == set(mm.__all__)
    assert "__version__" in dir(mm)


def test_every_public_function_has_an_example():
    """Every public function's docstring shows it in use (the examples run as doctests)."""
    import importlib
    import inspect

    import mixedmethods

    modules = [mixedmethods] + [importlib.import_module(f"mixedmethods.{name}") for name in
                                ("comparisons", "audit", "themes", "readers", "plot", "studies", "text",
                                 "simulation", "joint")]
    functions = {f"{module.__name__}.{name}": obj for module in modules for name in module.__all__
                 if inspect.isfunction(obj := getattr(module, name))}
    assert len(functions) > 60
    without = sorted(name for name, f in functions.items() if "Examples\n" not in (inspect.getdoc(f) or ""))
    assert not without, f"public functions without an Examples section: {without}"
