"""The package's structure, measured from its source (the issue "One house for many tests").

Walks the AST of every module of ``mixedmethods/`` (imports inside functions
included) and checks the rules of the house style: no import circles, no
module over 700 lines, no private name taken from a non-private module, and
every runtime dependency in ``pyproject.toml`` imported by the package.
"""
from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "mixedmethods"
MAX_LINES = 700

# Distribution name -> import name, where they differ.
IMPORT_NAMES = {"python-docx": "docx", "pdfminer.six": "pdfminer", "pyyaml": "yaml", "scikit-learn": "sklearn"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "_bundled_data" not in p.parts}
PACKAGES = {name for name, p in MODULES.items() if p.name == "__init__.py"}


def _is_private(module: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in module.split(".")[1:])


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if module in PACKAGES else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str):
    """(imported module, name or None, line) for every import of the package's own modules."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node)
            for alias in node.names:
                yield target, alias.name, node.lineno


def _internal_edges():
    edges = {m: set() for m in MODULES}
    for module in MODULES:
        for target, name, _ in _imports(module):
            if not target.startswith("mixedmethods"):
                continue
            if name and f"{target}.{name}" in MODULES:
                edges[module].add(f"{target}.{name}")
            elif target in MODULES:
                edges[module].add(target)
    return edges


def _cycles(edges):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in edges:
        if v not in index:
            visit(v)
    return out


def test_the_walk_sees_the_package():
    assert "mixedmethods" in MODULES and len(MODULES) > 20
    assert any(target == "numpy" for m in MODULES for target, _, _ in _imports(m))


def test_no_import_circles():
    assert _cycles(_internal_edges()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_over_700_lines():
    sizes = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in MODULES.items()}
    assert {m: n for m, n in sizes.items() if n > MAX_LINES} == {}


def test_no_private_name_from_a_non_private_module():
    offences = []
    for module in MODULES:
        for target, name, line in _imports(module):
            if not target.startswith("mixedmethods") or name is None:
                continue
            if name.startswith("_") and not name.startswith("__") and not _is_private(target):
                offences.append(f"{MODULES[module].relative_to(ROOT)}:{line} takes {name} from {target}")
    assert offences == []


def _requirement_name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0].lower()


def test_every_runtime_dependency_is_imported():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    needed = {_requirement_name(r) for r in project["dependencies"]}
    imported = {target.split(".")[0] for m in MODULES for target, _, _ in _imports(m) if target}
    unused = sorted(d for d in needed if IMPORT_NAMES.get(d, d.replace("-", "_")) not in imported)
    assert unused == []


@pytest.mark.parametrize("module", sorted(PACKAGES))
def test_packages_show_their_public_api_only(module):
    import importlib

    mod = importlib.import_module(module)
    public = set(mod.__all__)
    shown = {n for n in dir(mod) if not n.startswith("__")}
    assert shown == public, f"dir({module}) shows {sorted(shown - public)} beyond __all__"
