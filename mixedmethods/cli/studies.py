"""``mixedmethods studies``: list the bundled studies."""
from __future__ import annotations

from ._options import add_subcommand

__all__ = ["configure", "run"]


def configure(subparsers) -> None:
    """Add the ``studies`` subcommand to ``subparsers``."""
    add_subcommand(subparsers, "studies", run, help="list the bundled studies")


def run(args) -> int:
    """Print the bundled studies (name, title, tables); return 0."""
    from .._terminal import render_table, terminal_width
    from ..studies.registry import describe_studies

    print(render_table(describe_studies(), terminal_width(args.width)))
    return 0
