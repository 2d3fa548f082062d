"""Time limits and progress for the functions that search or enumerate (audit, exact tests).

:class:`Deadline` is the clock a search consults between steps; it either
says the time is up (for searches that return what they found, marked
incomplete) or raises an :class:`~mixedmethods._validation.InputError`
naming the limit (for checks that must not answer unchecked).
:class:`Progress` shows how far a long search has come: a ``tqdm`` bar when
tqdm is installed (the notebooks extra), else one line on stderr that
rewrites itself; it stays silent for searches that end within a second.
"""
from __future__ import annotations

import sys
import time
import warnings

from ._validation import InputError, check_number

__all__ = ["Deadline", "Progress"]


class Deadline:
    """A time limit of ``seconds`` from now (None or inf: no limit)."""

    name = "max_seconds"  # the argument the limit comes from, as messages name it

    def __init__(self, seconds):
        self.seconds = float("inf") if seconds is None else check_number(self.name, seconds)
        if not self.seconds > 0:
            raise InputError(f"{self.name} = {seconds!r}; a positive number of seconds is required.")
        self.started = time.perf_counter()

    def elapsed(self):
        return time.perf_counter() - self.started

    def remaining(self):
        return self.seconds - self.elapsed()

    def passed(self):
        return self.elapsed() >= self.seconds

    def check(self, what):
        """Raise an InputError saying ``what`` could not be finished within the limit."""
        if self.passed():
            raise InputError(
                f"{what} did not finish within {self.name} = {self.seconds:g} s; nothing was left "
                f"unchecked silently: raise {self.name}, or give fewer rows or a narrower range."
            )


class Progress:
    """Progress of a search towards ``total``, shown once it has run a second (or at once).

    ``show``: True (at once), False (never) or None (after a second).
    """

    after = 1.0  # seconds a search runs before its progress is shown (show=None)

    def __init__(self, total, *, desc, unit, show=None):
        self.total, self.desc, self.unit = total, desc, unit
        self.show = show
        self.started = time.perf_counter()
        self.bar = None
        self.line = False   # writing a plain line to stderr instead of a bar

    def _open(self):
        try:
            with warnings.catch_warnings():  # tqdm.auto warns in a notebook without ipywidgets
                warnings.simplefilter("ignore")
                from tqdm.auto import tqdm

                self.bar = tqdm(total=self.total, desc=self.desc, unit=self.unit)
        except ImportError:
            self.line = True

    def update(self, done):
        if self.show is False:
            return
        if self.bar is None and not self.line:
            if self.show is None and time.perf_counter() - self.started < self.after:
                return
            self._open()
        done = min(done, self.total)
        if self.bar is not None:
            self.bar.n = done
            self.bar.refresh()
        else:
            seconds = time.perf_counter() - self.started
            sys.stderr.write(f"\r{self.desc}: {done:,} of {self.total:,} {self.unit}s ({seconds:.1f} s)")
            sys.stderr.flush()

    def close(self):
        if self.bar is not None:
            self.bar.close()
        elif self.line:
            sys.stderr.write("\n")
            sys.stderr.flush()
