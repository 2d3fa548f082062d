"""How the participants were chosen, and whether a sampling interval then means anything.

The theme counts (:func:`mixedmethods.themes.tally`, ``crosstab``) and their
plots (:func:`mixedmethods.plot.theme_bars`, ``theme_by_group``) take
``sample=``, one of :data:`SAMPLES` (or ``None``, not stated).  A Wilson
interval is a statement about drawing participants at random from a
population, so it is computed and drawn for ``"probability"`` only; the
other kinds get a note saying why there is none.
"""
from __future__ import annotations

from ._validation import InputError, check_choice

__all__ = ["SAMPLES", "NOT_STATED", "check_sample", "check_unit_label", "sample_label", "no_interval_note",
           "short_note", "sample_interval", "sample_notes"]

#: The kinds of sample the theme counts and plots understand.
SAMPLES = ("probability", "purposive", "convenience", "census")
#: The ``sample`` column's value when ``sample=None``.
NOT_STATED = "not stated"

_WHY = {
    None: "the sample was not stated (pass sample='probability' for a random sample of a population; "
          "'purposive', 'convenience' or 'census' otherwise)",
    "purposive": "a purposive sample is chosen for what its members can tell, not drawn at random, so an "
                 "interval would describe no population",
    "convenience": "a convenience (self-selected) sample is not drawn at random, and no interval measures how "
                   "far the people who came differ from those who did not",
    "census": "a census counts every member of the population, so there is no sampling error to put an "
              "interval on",
}


def check_sample(sample):
    """``sample`` if it is None or one of :data:`SAMPLES`, else raise naming the choices."""
    if sample is not None:
        check_choice("sample", sample, SAMPLES)
    return sample


def check_unit_label(unit_label):
    """``unit_label`` (what the participants are, plural: ``"papers"``) if it is non-empty text, else raise."""
    if not isinstance(unit_label, str) or not unit_label.strip():
        raise InputError(f"unit_label must be the plural name of what was counted (e.g. 'papers'), "
                         f"got {unit_label!r}.")
    return unit_label.strip()


def sample_label(sample):
    """The value of a result's ``sample`` column."""
    return NOT_STATED if sample is None else sample


def no_interval_note(sample, unit_label="participants"):
    """Why there is no interval for ``sample``; None for a probability sample.

    ``unit_label`` names what was counted, where the participants are not
    people (papers in a meta-synthesis, schools).
    """
    if sample == "probability":
        return None
    return f"No Wilson intervals: {_WHY[sample]}. Counts and percentages describe these {unit_label} only."


def sample_interval(sample, count, nobs, confidence_level):
    """The Wilson interval of ``count / nobs`` for a probability sample; NaN bounds for any other."""
    import numpy as np

    if sample == "probability":
        from ._formulas import wilson_interval

        return wilson_interval(count, nobs, confidence_level)
    missing = np.full(np.shape(count), np.nan)
    return missing, missing.copy()


def sample_notes(sample, unit_label="participants"):
    """A result's ``attrs["notes"]`` for ``sample``: the :func:`no_interval_note`, if any."""
    note = no_interval_note(sample, unit_label)
    return [note] if note else []


_SHORT = {
    None: "no intervals: the sample was not stated",
    "purposive": "no sampling intervals: a purposive sample is not drawn at random",
    "convenience": "no sampling intervals: a convenience sample is not drawn at random",
    "census": "no sampling intervals: a census has no sampling error",
}


def short_note(sample):
    """:func:`no_interval_note` in a few words, for a plot's axis label; None for a probability sample."""
    return None if sample == "probability" else _SHORT[sample]
