#!/usr/bin/env python3
"""Set everything up, then run the main job or the tests.

Usage (from the repository root, with nothing but Python >= 3.11 and pip)::

    python3 tasks.py reproduce [STUDY]   # re-run every bundled study (or one)
    python3 tasks.py test [PYTEST ARGS]  # run the whole test suite
    python3 tasks.py docs                # build the site into docs/_build/html (warnings are errors)

The first call creates a virtual environment in ``.venv`` and installs the
package into it (editable, with the extras the job needs); later calls reuse
it and reinstall only when ``pyproject.toml`` changed.  Nothing outside the
repository folder is touched.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

def sphinx_command(python, out):
    """The command that builds the site into ``out/html`` (doctrees in ``out/doctrees``): warnings are errors.

    -E: every page is read again, so that no warning hides in a page an earlier build read; the
    notebooks' executed outputs are reused from docs/_build/.jupyter_cache unless their code changed.
    """
    return [str(python), "-m", "sphinx", "-b", "html", "-E", "-W", "--keep-going",
            "-d", str(Path(out) / "doctrees"), str(ROOT / "docs"), str(Path(out) / "html")]


JOBS = {
    # job: (extras to install, command run inside the environment)
    "reproduce": ("", [str(PYTHON), "-m", "mixedmethods", "reproduce"]),
    "test": ("[docs,notebooks,test]", [str(PYTHON), "-m", "pytest"]),
    "docs": ("[docs]", sphinx_command(PYTHON, ROOT / "docs" / "_build")),
}


def _say(message: str) -> None:
    print(f"[tasks.py] {message}", flush=True)


def ensure_environment(extras: str) -> None:
    """Create ``.venv`` if needed and install the package with ``extras``."""
    if sys.version_info < (3, 11):
        sys.exit(f"mixedmethods needs Python >= 3.11; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        _say(f"creating a virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    stamp = VENV / f".installed{extras.replace(',', '-') or '[runtime]'}-{digest}"
    if stamp.exists():
        return
    _say(f"installing mixedmethods{extras} and its dependencies (first run only)")
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-e", f"{ROOT}{extras}"],
        check=True,
    )
    stamp.touch()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in JOBS:
        print(__doc__)
        return 2
    job, rest = argv[0], argv[1:]
    extras, command = JOBS[job]
    ensure_environment(extras)
    env = dict(os.environ, MPLBACKEND=os.environ.get("MPLBACKEND", "Agg"))
    code = subprocess.run(command + rest, cwd=ROOT, env=env).returncode
    if job == "docs" and code == 0:
        _say(f"the site is in {ROOT / 'docs' / '_build' / 'html' / 'index.html'}")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
