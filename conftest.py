"""Pytest set-up shared by the tests and the doctests of the package's modules."""
import os

# No windows: figures are drawn off-screen in tests, doctests and executed notebooks.
os.environ.setdefault("MPLBACKEND", "Agg")
