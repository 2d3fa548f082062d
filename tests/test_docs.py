"""The documentation site builds without a warning, and nothing in it points nowhere.

The build is the one ``python3 tasks.py docs`` runs (Sphinx, myst-nb, numpydoc; warnings are errors,
nitpicky references into mixedmethods, every notebook executed, a notebook error fails it), made
into a temporary folder with fresh doctrees (``-E``), so every page is read again and no warning can
hide in a page an earlier build read.  Executed notebooks are reused from the git-ignored cache in
docs/_build/.jupyter_cache when their code has not changed.
"""
import importlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import mixedmethods as mm

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The built site's html folder."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("tasks", ROOT / "tasks.py")
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)  # the command `python3 tasks.py docs` runs, here quiet and into tmp
    out = tmp_path_factory.mktemp("docs")
    html = out / "html"
    command = tasks.sphinx_command(sys.executable, out)
    command.insert(command.index("--keep-going") + 1, "-q")
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=dict(os.environ))
    shown = "\n".join(line for line in (run.stderr + run.stdout).splitlines() if "IPKernelApp" not in line)
    assert run.returncode == 0, f"the site does not build cleanly:\n{shown[-6000:]}"
    return html


class _Links(HTMLParser):
    """The ids of a page and the targets of its href and src attributes."""

    def __init__(self):
        super().__init__()
        self.ids, self.targets = set(), []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            elif name in ("href", "src") and value is not None:
                self.targets.append(value)


def _pages(html):
    """Every page of the site (not the theme's templates in _static) with its ids and link targets."""
    pages = {}
    for path in html.rglob("*.html"):
        if "_static" in path.relative_to(html).parts:
            continue
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.resolve()] = parser
    return pages


@pytest.fixture(scope="module")
def pages(site):
    return _pages(site)


def broken_links(pages):
    """``page: target`` for every internal href/src whose file or anchor does not exist."""
    broken = []
    for page, links in pages.items():
        for target in links.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target in ("", "#"):
                continue  # external (http, mailto, data:) links are not checked here
            path = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.name}: {target}")
            elif parts.fragment and path.suffix == ".html" and unquote(parts.fragment) not in pages[path].ids:
                broken.append(f"{page.name}: {target} (no such anchor)")
    return broken


def test_no_internal_link_is_broken(pages):
    assert len(pages) > 50
    assert broken_links(pages) == []


def test_the_link_check_finds_a_broken_link(tmp_path):
    (tmp_path / "a.html").write_text('<a href="b.html#there">b</a> <img src="missing.png"> <a href="#here">x</a>'
                                     '<a href="https://example.org/x">out</a><p id="here"></p>')
    (tmp_path / "b.html").write_text("<p id='elsewhere'></p>")
    assert sorted(broken_links(_pages(tmp_path))) == ["a.html: b.html#there (no such anchor)",
                                                       "a.html: missing.png"]


def _reference_ids(site):
    ids = set()
    for path in (site / "api").rglob("*.html"):
        ids |= set(re.findall(r'id="([^"]+)"', path.read_text(encoding="utf-8")))
    return ids


def test_every_public_name_is_in_the_reference(site):
    ids = _reference_ids(site)
    wanted = []
    for name in mm.__all__:
        if name in mm._SUBMODULES:
            module = importlib.import_module(f"mixedmethods.{mm._SUBMODULE_PATHS.get(name, name)}")
            wanted.append(f"module-{module.__name__}")
            wanted += [f"{module.__name__}.{inner}" for inner in getattr(module, "__all__", [])]
        elif mm._EXPORTS[name].startswith("_"):
            wanted.append(f"mixedmethods.{name}")  # documented at the top level
        else:
            wanted.append(f"mixedmethods.{mm._EXPORTS[name]}.{name}")
    missing = sorted(set(wanted) - ids)
    assert not missing, f"public names missing from the API reference: {missing}"


def test_every_notebook_is_an_executed_page(site):
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        page = site / "notebooks" / f"{notebook.stem}.html"
        assert page.is_file(), f"{notebook.name} is not on the site"
        text = page.read_text(encoding="utf-8")
        assert "cell_output" in text, f"{notebook.name}: no executed output on its page"
        assert "Traceback" not in text


def test_landing_guide_glossary_and_citation(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    words = " ".join(re.sub(r"<[^>]+>", "", index).split())
    assert "python3 tasks.py reproduce" in words and "python3 tasks.py test" in words  # the two commands
    assert "cell_output" in index  # the 30-second example ran
    for page in ("comparisons", "audit", "qualitative", "joint", "qda"):
        text = (site / "guide" / f"{page}.html").read_text(encoding="utf-8")
        assert "cell_output" in text and "Traceback" not in text, page
    assert "participants=" in (site / "glossary.html").read_text(encoding="utf-8")
    cite = (site / "cite.html").read_text(encoding="utf-8")
    assert "MIT License" in cite
    for name in mm.list_studies():
        for table in mm.load_study(name, printed=True).values():
            for source in set(table.get("source", [])) - {""}:
                assert source in cite, f"{name}: the article {source} is not named on the citation page"


def test_no_page_shows_an_absolute_path(pages, site):
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = re.search(r"(?<![\w.])(/work/|/home/|/Users/|/tmp/|[A-Z]:\\\\)", text)
        assert not found, f"{page.relative_to(site)} shows an absolute path: {text[found.start():found.start() + 80]}"
