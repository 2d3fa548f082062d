"""Sphinx configuration of the mixedmethods site (``python3 tasks.py docs`` builds it into docs/_build/html).

At start-up this file writes two git-ignored folders inside docs/: ``notebooks/`` (a copy of the
repository's notebooks, executed at build time by myst-nb and cached in docs/_build/.jupyter_cache)
and ``api/`` (one reference page per public namespace, its names taken from ``__all__``, so a new
public name appears without editing anything here).
"""
from __future__ import annotations

import filecmp
import importlib
import json
import os
import re
import shutil
import sys
from pathlib import Path

import mixedmethods

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent

project = "mixedmethods"
author = "The mixedmethods developers"
copyright = "2026, the mixedmethods developers (MIT licence)"
release = version = mixedmethods.__version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
]
templates_path = ["_templates"]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "jupyter_execute"]
root_doc = "index"
nitpicky = True
# References to other libraries (pandas.DataFrame, numpy.random.Generator) are left as text: the site
# is built offline, without intersphinx.  Every other reference must resolve (a bare name as a public
# name of mixedmethods), except to private modules (they are not part of the reference).
nitpick_ignore_regex = [
    (r"py:.*", r"(?!mixedmethods\b)\w+(\.\w+)+"),
    (r"py:.*", r"mixedmethods\.(.*\.)?_\w*(\..*)?"),
    # the modules inside a namespace (one per concept) are described by their namespace's page
    (r"py:mod", r"mixedmethods\.\w+\.\w+|\w+"),
]
suppress_warnings = ["myst.header"]  # the README's sections start at level 2 when included

# -- myst-nb: notebooks and the guide's pages are executed at build time, cached between builds ----
nb_execution_mode = "cache"
nb_execution_cache_path = str(DOCS / "_build" / ".jupyter_cache")
nb_execution_timeout = 600
nb_execution_raise_on_error = True  # a notebook error fails the build
nb_execution_show_tb = True
nb_execution_in_temp = True  # a notebook that writes files writes them in a temporary folder
nb_output_stderr = "warn"  # a warning printed by a cell is a build warning, hence an error under -W
nb_merge_streams = True
myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_substitutions = {"version": release}
myst_heading_anchors = 3

# -- API reference ----------------------------------------------------------------------------------
autosummary_generate = True
autodoc_typehints = "none"
autodoc_default_options = {"member-order": "bysource"}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# -- HTML -------------------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"mixedmethods {release}"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    "secondary_sidebar_items": ["page-toc"],
}
html_context = {"default_mode": "light"}
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None

NAMESPACES_FIRST = ["comparisons", "audit", "themes", "readers", "joint", "plot", "studies", "text",
                    "simulation", "effect_sizes", "cli"]


def _canonical(name):
    """Where the top-level name ``mixedmethods.<name>`` is documented (its public subpackage), or None."""
    module = mixedmethods._EXPORTS.get(name)
    if module is None or module.startswith("_"):
        return None
    return f"mixedmethods.{module}.{name}"


def _write_if_changed(path, text):
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_api_pages():
    """docs/api/: the top-level names, then one page per public namespace, from their ``__all__``."""
    folder = DOCS / "api"
    folder.mkdir(exist_ok=True)
    pages = {}
    own = [n for n in sorted(mixedmethods._EXPORTS) if _canonical(n) is None]
    aliased = [n for n in sorted(mixedmethods._EXPORTS) if _canonical(n) is not None]
    lines = [
        "mixedmethods", "============", "", ".. automodule:: mixedmethods", "   :no-members:", "",
        ".. currentmodule:: mixedmethods", "",
        "``import mixedmethods as mm`` gives these names directly; each is documented where it lives "
        "(``mm.compare`` is :func:`mixedmethods.comparisons.compare`).", "",
        "Names defined at the top level", "------------------------------", "",
        ".. autosummary::", "   :toctree: generated", "   :nosignatures:", "",
        *[f"   {n}" for n in own], "",
        "Names from the subpackages", "--------------------------", "",
        ".. autosummary::", "   :nosignatures:", "",
        *[f"   {_canonical(n)[len('mixedmethods.'):]}" for n in aliased], "",
    ]
    pages["mixedmethods"] = "\n".join(lines)
    namespaces = [n for n in NAMESPACES_FIRST if n in mixedmethods._SUBMODULES]
    for short in namespaces + sorted(set(mixedmethods._SUBMODULES) - set(namespaces)):
        module = importlib.import_module(f"mixedmethods.{mixedmethods._SUBMODULE_PATHS.get(short, short)}")
        full = module.__name__
        names = list(getattr(module, "__all__", []))
        title = f"mixedmethods.{short}"
        lines = [title, "=" * len(title), "", f".. automodule:: {full}", "   :no-members:", "",
                 f".. currentmodule:: {full}", "", ".. autosummary::", "   :toctree: generated", "",
                 *[f"   {n}" for n in names], ""]
        pages[title] = "\n".join(lines)
    written = set()
    for i, (title, text) in enumerate(pages.items()):
        path = folder / f"{i:02d}_{title}.rst"
        _write_if_changed(path, text)
        written.add(path)
    for stale in set(folder.glob("*.rst")) - written:
        stale.unlink()


def copy_notebooks():
    """docs/notebooks/: the repository's notebooks (committed without outputs), executed by myst-nb."""
    folder = DOCS / "notebooks"
    folder.mkdir(exist_ok=True)
    sources = sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in sources:
        target = folder / path.name
        if not target.exists() or not filecmp.cmp(path, target, shallow=False):
            shutil.copyfile(path, target)
    for stale in set(folder.glob("*.ipynb")) - {folder / p.name for p in sources}:
        stale.unlink()


def resolve_top_level(app, env, node, contnode):
    """``mixedmethods.compare`` or ``compare`` (as docstrings write them) link to ``mixedmethods.comparisons.compare``."""
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py":
        return None
    domain = env.get_domain("py")
    if target in mixedmethods._EXPORTS:  # a bare public name, e.g. :func:`compare` in another namespace
        target = f"mixedmethods.{target}"
    elif "." not in target:  # a bare name documented once, e.g. LARGE_T in effect_sizes
        found = [name for name in domain.objects if name.endswith(f".{target}")]
        if len(found) == 1:
            return domain.resolve_xref(env, node.get("refdoc"), app.builder, node.get("reftype"), found[0],
                                       node, contnode)
    if not target.startswith("mixedmethods."):
        return None
    head, _, rest = target[len("mixedmethods."):].partition(".")
    canonical = _canonical(head)
    if canonical is None:
        return None
    new_target = canonical + (f".{rest}" if rest else "")
    return domain.resolve_xref(env, node.get("refdoc"), app.builder, node.get("reftype"), new_target,
                               node, contnode)


def kernel_for_this_python():
    """Execute the notebooks with this very interpreter (a 'python3' kernelspec first on JUPYTER_PATH),
    with figures drawn inline (not on the Agg backend the tests use) and no debugger warning on stderr."""
    spec = DOCS / "_build" / ".kernels" / "kernels" / "python3"
    spec.mkdir(parents=True, exist_ok=True)
    _write_if_changed(spec / "kernel.json", json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3", "language": "python"}))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(spec.parents[1]), os.environ.get("JUPYTER_PATH")]))
    os.environ.pop("MPLBACKEND", None)
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"


write_api_pages()
copy_notebooks()
kernel_for_this_python()


ABSOLUTE_VALUE = re.compile(r"(?<![|\\\w])\|([^|\s`][^|`]{0,14}?)\|(?![|\w])")


def escape_absolute_values(app, what, name, obj, options, lines):
    """``|t|`` in a docstring is an absolute value, not a reStructuredText substitution."""
    lines[:] = [ABSOLUTE_VALUE.sub(r"\\|\1\\|", line) for line in lines]


def setup(app):
    app.connect("missing-reference", resolve_top_level)
    app.connect("autodoc-process-docstring", escape_absolute_values, priority=400)
