"""Packaging: pyproject and environment.yml agree; the wheel carries the data; the import is light."""
import os
import re
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# conda-forge names that differ from PyPI names
CONDA_NAMES = {"build": "python-build"}


def _requirement(text):
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", text)
    return m.group(1).lower(), m.group(2).replace(" ", "")


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _environment_yml():
    """The conda dependencies of environment.yml, read without a YAML library (it is flat)."""
    deps, pip, section = {}, [], None
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        stripped = line.split("#", 1)[0].rstrip()
        if not stripped:
            continue
        if not stripped.startswith(" "):
            section = stripped.rstrip(":")
            continue
        item = stripped.strip()
        if section != "dependencies" or not item.startswith("- "):
            continue
        if line.startswith("    ") or line.startswith("      "):
            pip.append(item[2:].strip())
        elif item != "- pip:":
            name, spec = _requirement(item[2:])
            deps[name] = spec
    return deps, pip


def test_environment_yml_matches_pyproject():
    project = _pyproject()["project"]
    wanted = {}
    for req in project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]:
        name, spec = _requirement(req)
        # a package listed in two extras must carry the same version both times
        assert wanted.setdefault(CONDA_NAMES.get(name, name), spec) == spec, f"{name}: two versions in pyproject"
    deps, pip = _environment_yml()
    python = deps.pop("python", None)
    assert python == project["requires-python"], "python version differs between the two files"
    deps.pop("pip", None)
    assert deps == wanted, (
        "environment.yml and pyproject.toml list different dependencies:\n"
        f"only in pyproject: {sorted(set(wanted) - set(deps))}\n"
        f"only in environment.yml: {sorted(set(deps) - set(wanted))}\n"
        f"different versions: {sorted(k for k in set(deps) & set(wanted) if deps[k] != wanted[k])}"
    )
    assert pip == ["-e ."], "environment.yml must install the package itself with pip (-e .)"
    channels = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "conda-forge" in channels


def test_import_is_light():
    """`import mixedmethods` loads none of the heavy libraries (they are imported on first use)."""
    code = (
        "import sys, mixedmethods; "
        "heavy = [m for m in ('pandas', 'scipy', 'numpy', 'matplotlib', 'pingouin', 'statsmodels') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_lazy_names_resolve():
    import mixedmethods as mm

    for name in mm.__all__:
        assert getattr(mm, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        mm.nope


@pytest.mark.slow
def test_wheel_carries_the_data(tmp_path):
    """Build a wheel, install it into a fresh venv and load a study from there."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, text=True)
    wheel = next(dist.glob("mixedmethods-*.whl"))
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                    "--quiet", "--disable-pip-version-check", str(wheel)], check=True)
    # dependencies come from this environment's site-packages; mixedmethods from the new venv
    site = [p for p in sys.path if p.endswith("site-packages")]
    code = (
        "import mixedmethods, mixedmethods.studies as s; "
        "t = s.load_study('mexico-omi'); "
        "print(mixedmethods.__file__); print(s.data_root()); print(len(t['omi_ttests']))"
    )
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env=dict(os.environ, PYTHONPATH=os.pathsep.join(site)), check=True)
    package_file, data_root, rows = out.stdout.split("\n")[:3]
    assert str(env) in package_file and str(ROOT) not in package_file
    assert data_root.endswith(os.path.join("mixedmethods", "_bundled_data"))
    assert rows == "4"


@pytest.mark.slow
def test_sdist_carries_what_the_test_command_needs(tmp_path):
    """The source distribution holds the tests, notebooks, benchmarks and the documentation's sources (the
    suite builds the site), and none of what the site build writes."""
    import tarfile

    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, text=True)
    with tarfile.open(next(dist.glob("mixedmethods-*.tar.gz"))) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    tracked = subprocess.run(["git", "ls-files", "docs", "tests", "notebooks", "benchmarks", "tasks.py"],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    if tracked:  # in a git checkout: every tracked file of these is in the sdist
        assert set(tracked) <= names, sorted(set(tracked) - names)[:5]
    assert {"docs/conf.py", "docs/index.md", "tasks.py", "README.md"} <= names
    generated = ("docs/_build/", "docs/api/", "docs/notebooks/", "docs/jupyter_execute/")  # .gitignore keeps out
    assert not any(n.startswith(generated) for n in names)
