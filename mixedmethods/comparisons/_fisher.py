"""Fisher's exact test: vectorised for many 2 x 2 tables, exact network enumeration for r x c.

Both follow R's ``fisher.test``: the two-sided p value sums the probabilities
of every table with the observed margins whose probability is at most the
observed one times ``1 + 1e-7`` (R's ``relErr``).

The r x c enumeration walks the columns one at a time (smallest first; the
largest is then determined).  A partial table is summarised by the remaining
row totals, sorted (the rows are exchangeable for what is left), and by the
log of ``1 / prod n_ij!`` over its filled cells; partial tables with the same
summary are merged and counted once.  After each column a partial table whose
every completion is at most as probable as the observed table adds the total
probability of its completions (a closed form) and is dropped; one whose every
completion is more probable is dropped; only the others go on.  The bounds
relax either the row or the column totals, so they are valid and cheap.  This
is the idea of Mehta and Patel's network algorithm (R's FEXACT), without its
sharper bounds.
"""
from __future__ import annotations

import math

import numpy as np

from .._validation import InputError

#: Most partial tables one step of the exact enumeration may hold (each step's arrays
#: then stay under about 1 GB).
MAX_PARTIAL_TABLES = 5_000_000

_REL_ERR = 1 + 1e-7  # R's fisher.test: relErr


def _support(a, b, c, d):
    """The tables with the margins of each 2 x 2 table, padded to one width.

    Returns ``(x, inside, logd, observed)``: the values of the top-left cell
    (rows; padding repeats the first value), which of them are real, the log of
    their probability at odds ratio 1 up to a constant (-inf for padding), and
    the column of the observed table.
    """
    from scipy.special import gammaln

    a, b, c, d = (np.asarray(v, dtype=np.int64) for v in (a, b, c, d))
    m, n, k = a + b, c + d, a + c
    lo = np.maximum(0, k - n)
    hi = np.minimum(k, m)
    width = int(np.max(hi - lo)) + 1 if a.size else 1
    x = lo[:, None] + np.arange(width)[None, :]
    inside = x <= hi[:, None]
    x = np.where(inside, x, lo[:, None])
    lgam = gammaln(np.arange(int(np.max(m + n)) + 2 if a.size else 2) + 1.0)  # log k! by lookup
    m, n, k = m[:, None], n[:, None], k[:, None]
    # log C(m, x) + log C(n, k - x) without the terms constant in x
    logd = np.where(inside, -(lgam[x] + lgam[m - x] + lgam[k - x] + lgam[n - k + x]), -np.inf)
    return x, inside, logd, (a - lo)[:, None]


def fisher_2x2(a, b, c, d):
    """Two-sided exact p of many 2 x 2 tables ``[[a, b], [c, d]]`` (arrays of counts)."""
    _, _, logd, observed = _support(a, b, c, d)
    dens = np.exp(logd - logd.max(axis=1, keepdims=True))
    dens /= dens.sum(axis=1, keepdims=True)
    at = np.take_along_axis(dens, observed, axis=1)
    p = np.where(dens <= at * _REL_ERR, dens, 0.0).sum(axis=1)
    return np.minimum(p, 1.0)


def _moments(logw, x, part):
    """log of the probability of ``part`` and the mean of x within it minus the overall mean."""
    top = logw.max(axis=1, keepdims=True)
    w = np.exp(logw - top)
    total = w.sum(axis=1)
    wp = np.where(part, w, 0.0)
    mass = wp.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(mass / total), (wp * x).sum(axis=1) / mass - (w * x).sum(axis=1) / total


def _solve(fun, rows, start, low=-60.0, high=60.0, iterations=200):
    """Per table of ``rows``, the root in log odds of an increasing ``fun(theta, rows) -> (value, slope)``.

    Newton steps of at most 2, kept inside a shrinking bracket (bisection when a step leaves it); only the
    tables not yet converged (to 1e-10 in log odds) are computed again.
    """
    theta = np.clip(start[rows], low / 2, high / 2)
    low, high = np.full(len(rows), low), np.full(len(rows), high)
    active = np.arange(len(rows))
    for _ in range(iterations):
        if not active.size:
            break
        t = theta[active]
        value, slope = fun(t, rows[active])
        low[active] = np.where(value < 0, t, low[active])
        high[active] = np.where(value > 0, t, high[active])
        with np.errstate(divide="ignore", invalid="ignore"):
            step = t - np.clip(value / slope, -2.0, 2.0)  # Newton, at most 2 in log odds at a time
        bad = ~np.isfinite(step) | (step <= low[active]) | (step >= high[active])
        new = np.where(value == 0, t, np.where(bad, (low[active] + high[active]) / 2, step))
        theta[active] = new
        active = active[np.abs(new - t) >= 1e-10]
    return theta


def conditional_odds_ratio(a, b, c, d, confidence_level=0.95):
    """R's ``fisher.test`` odds ratio: the conditional maximum-likelihood estimate and its exact interval.

    Returns ``(estimate, ci_low, ci_high)`` arrays: the odds ratio of the
    noncentral hypergeometric distribution whose mean is the observed top-left
    cell, and the odds ratios at which each tail probability of the observed
    cell equals (1 - confidence_level) / 2 (0 and infinity at the ends of the support).
    """
    x, inside, logd, observed = _support(a, b, c, d)
    at = np.take_along_axis(x, observed, axis=1)
    at_first = at[:, 0] == x[:, 0]
    at_last = at[:, 0] == np.where(inside, x, -1).max(axis=1)
    alpha = np.log((1 - confidence_level) / 2)
    upper_tail, lower_tail = inside & (x >= at), inside & (x <= at)

    def mean_gap(theta, rows):
        xr = x[rows]
        logw = logd[rows] + theta[:, None] * xr
        w = np.exp(logw - logw.max(axis=1, keepdims=True))
        w /= w.sum(axis=1, keepdims=True)
        mean = (w * xr).sum(axis=1)
        return mean - at[rows, 0], (w * xr * xr).sum(axis=1) - mean**2

    def above(theta, rows):  # log P(X >= observed) - log(alpha / 2), increasing in theta
        log_mass, slope = _moments(logd[rows] + theta[:, None] * x[rows], x[rows], upper_tail[rows])
        return log_mass - alpha, slope

    def below(theta, rows):  # -(log P(X <= observed) - log(alpha / 2)), increasing in theta
        log_mass, slope = _moments(logd[rows] + theta[:, None] * x[rows], x[rows], lower_tail[rows])
        return alpha - log_mass, -slope

    # starting points: the sample log odds ratio (0.5 added to each cell) and Woolf's bounds
    a, b, c, d = (np.asarray(v, dtype=float) + 0.5 for v in (a, b, c, d))
    centre, spread = np.log(a * d / (b * c)), np.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    z = np.sqrt(-2 * alpha)  # a rough normal quantile for alpha / 2, enough for a start
    estimate = np.where(at_first, 0.0, np.inf)
    low, high = np.zeros(len(x)), np.full(len(x), np.inf)
    inner = np.flatnonzero(~at_first & ~at_last)
    estimate[inner] = np.exp(_solve(mean_gap, inner, centre))
    rows = np.flatnonzero(~at_first)
    low[rows] = np.exp(_solve(above, rows, centre - z * spread))
    rows = np.flatnonzero(~at_last)
    high[rows] = np.exp(_solve(below, rows, centre + z * spread))
    return estimate, low, high


def _check_size(size, shape, total):
    if size > MAX_PARTIAL_TABLES:
        raise InputError(
            f"the {shape[0]} x {shape[1]} table (n = {total}) is too large for Fisher's exact test: "
            f"one step of the enumeration would hold {size:,} partial tables (the limit is "
            f"{MAX_PARTIAL_TABLES:,}); report the Pearson or likelihood-ratio test, or merge sparse levels."
        )


def _unique_rows(states, extra=None):
    """``np.unique`` of the rows of ``states`` (non-negative ints), with a float column ``extra``
    as a further key: ``(unique states, inverse)``, rows in lexicographic
    order.  Rows are packed into one integer when they fit (many times faster than NumPy's sort
    of rows as structured values); else the columns are sorted lexicographically."""
    base = int(states.max()) + 1 if states.size else 1
    if base ** states.shape[1] < 2**62:
        packed = states @ (base ** np.arange(states.shape[1] - 1, -1, -1, dtype=np.int64))
        keys = (packed,) if extra is None else (extra, packed)
    else:
        keys = tuple(states.T[::-1]) if extra is None else (extra, *states.T[::-1])
    order = np.lexsort(keys)
    new = np.zeros(len(order), dtype=bool)
    new[:1] = True
    for key in keys:
        ordered = key[order]
        new[1:] |= ordered[1:] != ordered[:-1]
    inverse = np.empty(len(order), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return states[order[new]], inverse


def _compositions(total, parts):
    """Every way to write ``total`` as an ordered sum of ``parts`` counts (rows of an array)."""
    if parts == 1:
        return np.array([[total]], dtype=np.int64)
    out = []
    for first in range(total + 1):
        rest = _compositions(total - first, parts - 1)
        out.append(np.column_stack([np.full(len(rest), first, dtype=np.int64), rest]))
    return np.vstack(out)


def _even_split_logfact(total, parts, lgam):
    """log of prod x_i! for ``total`` split as evenly as possible into ``parts`` (the smallest)."""
    q, rem = np.divmod(total, parts)
    return (parts - rem) * lgam[q] + rem * lgam[q + 1]


def fisher_rxc(table, *, deadline):
    """Two-sided exact p of one r x c table of counts, as R's ``fisher.test``.

    Raises :class:`InputError` when one step would hold more than
    :data:`MAX_PARTIAL_TABLES` partial tables, or when the enumeration runs
    past ``deadline`` (a :class:`~mixedmethods._limits.Deadline`).
    """
    from scipy.special import gammaln, logsumexp

    table = np.asarray(table, dtype=np.int64)
    shape = table.shape
    if table.shape[0] > table.shape[1]:
        table = table.T
    table = table[:, np.argsort(table.sum(axis=0), kind="stable")]
    rows, cols = table.shape
    col_totals = table.sum(axis=0)
    row_totals = table.sum(axis=1)
    total = int(table.sum())
    what = f"Fisher's exact test of the {shape[0]} x {shape[1]} table (n = {total})"
    lgam = gammaln(np.arange(total + 2) + 1.0)
    constant = lgam[row_totals].sum() + lgam[col_totals].sum() - lgam[total]
    threshold = -lgam[table].sum() + np.log(_REL_ERR)
    # log sum of the columns' own factorials still to come, after column j
    later_cols = np.concatenate([np.cumsum(lgam[col_totals][::-1])[::-1][1:], [0.0]])

    states = np.sort(row_totals)[None, :]
    past = np.zeros(1)
    weight = np.ones(1)
    p = 0.0
    for j in range(cols - 1):
        deadline.check(what)
        unique, state_of = _unique_rows(states)
        ways = math.comb(int(col_totals[j]) + rows - 1, rows - 1)
        _check_size(ways * len(unique), shape, total)
        comps = _compositions(int(col_totals[j]), rows)
        fits = np.all(comps[None, :, :] <= unique[:, None, :], axis=2)  # unique state x composition
        if j == cols - 2:  # the last column is then determined: sum without expanding
            last = _last_step(unique, state_of, fits, comps, past, weight, lgam, threshold, constant,
                              lambda: deadline.check(what))
            return min(p + last, 1.0)
        per_state = fits.sum(axis=1)
        size = int(per_state[state_of].sum())
        _check_size(size, shape, total)
        deadline.check(what)
        # children of every partial table: the compositions that fit its state (CSR expansion)
        pair_state, pair_comp = np.nonzero(fits)
        offsets = np.concatenate([[0], np.cumsum(per_state)])
        lengths = per_state[state_of]
        entry = np.repeat(np.arange(len(state_of)), lengths)
        position = np.arange(size) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        comp_idx = pair_comp[offsets[state_of][entry] + position]
        child_states = np.sort(unique[state_of[entry]] - comps[comp_idx], axis=1)
        child_past = past[entry] - lgam[comps].sum(axis=1)[comp_idx]
        child_weight = weight[entry]
        remaining = child_states.sum(axis=1)
        left = col_totals[j + 1:]
        # log of the sum over completions of prod 1/n_ij!  (multivariate hypergeometric total)
        future_sum = lgam[remaining] - lgam[child_states].sum(axis=1) - later_cols[j]
        # bounds on the log of prod 1/n_ij! of the most and least probable completion
        best = np.minimum(
            -sum(_even_split_logfact(np.full(len(remaining), c), rows, lgam) for c in left),
            -sum(_even_split_logfact(child_states[:, i], len(left), lgam) for i in range(rows)),
        )
        worst = np.maximum(-lgam[left].sum(), -lgam[child_states].sum(axis=1))
        below = child_past + best <= threshold
        above = child_past + worst > threshold
        if below.any():
            terms = np.log(child_weight[below]) + child_past[below] + future_sum[below] + constant
            p += float(np.exp(logsumexp(terms)))
        keep = ~(below | above)
        if not keep.any():
            break
        child_states, child_past, child_weight = child_states[keep], child_past[keep], child_weight[keep]
        # merge partial tables with the same remaining totals and the same past
        merged, inverse = _unique_rows(child_states, np.round(child_past * 1e9))
        weight = np.bincount(inverse, weights=child_weight)
        past = np.zeros(len(merged))
        past[inverse] = child_past
        states = merged
    return min(p, 1.0)


def _last_step(unique, state_of, fits, comps, past, weight, lgam, threshold, constant, check_time):
    """Probability of the completions at most as probable as the observed table, when one
    column is left to choose (the last is then determined): per remaining-totals state, the
    completions sorted by probability, and for each partial table a binary search."""
    total = 0.0
    comp_logfact = lgam[comps].sum(axis=1)
    order = np.argsort(state_of, kind="stable")
    bounds = np.searchsorted(state_of[order], np.arange(len(unique) + 1))
    for u in range(len(unique)):
        if u % 256 == 0:
            check_time()
        entries = order[bounds[u]:bounds[u + 1]]
        if not entries.size:
            continue
        chosen = comps[fits[u]]
        values = np.sort(-comp_logfact[fits[u]] - lgam[unique[u] - chosen].sum(axis=1))
        top = values[-1]
        cumulative = np.cumsum(np.exp(values - top))
        count = np.searchsorted(values, threshold - past[entries], side="right")
        hit = count > 0
        if hit.any():
            e = entries[hit]
            total += float(np.sum(weight[e] * np.exp(past[e] + top + constant) * cumulative[count[hit] - 1]))
    return total
