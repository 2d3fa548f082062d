"""The machinery of SPRITE: which totals and sums of squares a summary allows, exact enumeration
of every sample on a narrow scale, and the random search on a wide one.

:func:`~mixedmethods.audit.sprite` and :func:`~mixedmethods.audit.count_samples`
are the public face; the constants here (:data:`ENUMERATION_LIMIT`) decide
between enumerating and searching.
"""
from __future__ import annotations

import math

import numpy as np

from .._validation import InputError
from .._limits import Deadline, Progress
from ._totals import (
    check_sums_of_squares, extreme_sums_of_squares, largest_sum_of_squares, sd_from_ss, sum_of_squares_window,
    totals_of,
)
from .grim import grim
from .grimmer import grimmer
from .sd_bounds import sd_bounds

__all__ = [
    "ImpossibleSummaryError", "ENUMERATION_LIMIT", "MOST_LEVELS", "targets_and_samples", "exact_samples", "enumerable",
    "counts_to_samples", "sprite_batch", "sprite_batch_values", "search", "sprite_targets", "reachable_sums_of_squares",
    "nearest_reachable_sds",
]


class ImpossibleSummaryError(InputError):
    """No sample of whole numbers can have the reported summary statistics; the message says why."""


ImpossibleSummaryError.__module__ = "mixedmethods.audit"  # where users meet it (and tracebacks name it)


#: Most cell updates the exact table of reachable sums of squares may cost (n = 99 on 1–7, just
#: under it, builds in about 0.05 s).
_REACH_BUDGET = 1.5e9


def reachable_sums_of_squares(n, low, high):
    """Which (total, sum of squares) pairs ``n`` whole numbers in [low, high] can have, exactly.

    Returns a function ``T -> sorted array of reachable Q`` (empty for an
    unreachable total), or None when the table would cost more than
    :data:`_REACH_BUDGET` cell updates.  Built by dynamic programming over
    the shifted values ``v - low`` in ``0..w``: after ``i`` answers the
    reachable (sum, sum of squares) pairs are those after ``i - 1`` shifted
    by ``(v, v²)`` for each ``v``.
    """
    w = int(high - low)
    size_s, size_q = n * w + 1, n * w * w + 1
    if n * (w + 1) * size_s * size_q > _REACH_BUDGET:
        return None
    reach = np.zeros((size_s, size_q), dtype=bool)
    reach[0, 0] = True
    for i in range(n):
        s_max, q_max = i * w, i * w * w
        step = np.zeros_like(reach)
        for v in range(w + 1):
            step[v:v + s_max + 1, v * v:v * v + q_max + 1] |= reach[:s_max + 1, :q_max + 1]
        reach = step

    def sums_of_squares(total):
        shifted = int(total) - n * low
        if not 0 <= shifted < size_s:
            return np.zeros(0, dtype=np.int64)
        q_shifted = np.flatnonzero(reach[shifted])
        return q_shifted + 2 * low * shifted + n * low * low

    return sums_of_squares


def nearest_reachable_sds(reachable, totals, n, sd_units, items):
    """Text naming the SDs nearest to ``sd_units`` that some total can reach (exact, on the scale)."""
    below, above = -np.inf, np.inf
    for total in totals:
        q = reachable(total)
        if q.size:
            sds = sd_from_ss(q.astype(float), np.full(q.size, total), n) / items
            under, over = sds[sds < sd_units / items], sds[sds >= sd_units / items]
            below = max(below, under.max()) if under.size else below
            above = min(above, over.min()) if over.size else above
    found = [f"{v:.4f}" for v in (below, above) if np.isfinite(v)]
    return " and ".join(found) if found else "none"


def sprite_targets(mean, sd, n, low, high, items, decimals_mean, decimals_sd, gaps=True):
    """Totals and admissible sums of squares (in item-sum units), or raise saying which check fails.

    ``gaps=False`` skips the exact table of reachable sums of squares (the
    costliest check) for callers that enumerate every sample anyway.
    """
    units = n * items
    lo_u, hi_u = low * items, high * items
    where = f"mean {mean:.{decimals_mean}f}, SD {sd:.{decimals_sd}f}, n = {n} on {low}–{high}"
    totals = totals_of(mean, units, decimals_mean)
    if totals.size == 0:
        reason = grim(mean, n, items=items, decimals=decimals_mean).loc[0, "reason"]
        raise ImpossibleSummaryError(f"No sample has {where}: it fails GRIM: {reason}.")
    totals = totals[(totals >= n * lo_u) & (totals <= n * hi_u)]
    if totals.size == 0:
        raise ImpossibleSummaryError(f"No sample has {where}: the mean is outside the scale.")
    g = grimmer(mean, sd, n, items=items, decimals_mean=decimals_mean, decimals_sd=decimals_sd)
    if not g.loc[0, "consistent"]:
        reachable = reachable_sums_of_squares(n, lo_u, hi_u)
        on_scale = ""
        if reachable is not None:
            on_scale = (f"; on the {low}–{high} scale the nearest SDs whole numbers with this mean can have are "
                        f"{nearest_reachable_sds(reachable, totals, n, sd * items, items)}")
        raise ImpossibleSummaryError(f"No sample has {where}: it {g.loc[0, 'reason']}{on_scale}.")
    check_sums_of_squares(largest_sum_of_squares(totals[0], totals[-1], n, lo_u, hi_u), lambda i: where)
    q_lo, q_hi = sum_of_squares_window(totals, n, (sd * items, items), decimals_sd)
    parity = totals % 2
    q_lo = q_lo + ((q_lo - parity) % 2)
    ss_min, ss_max = extreme_sums_of_squares(totals, n, lo_u, hi_u)
    q_lo, q_hi = np.maximum(q_lo, ss_min), np.minimum(q_hi, ss_max)
    keep = q_lo <= q_hi
    if not keep.any():
        b = sd_bounds(mean, n, scale_min=low, scale_max=high, items=items, decimals=decimals_mean).iloc[0]
        side = ("above the largest possible SD" if sd > b["sd_max"] else "below the smallest possible SD")
        bound = b["sd_max"] if sd > b["sd_max"] else b["sd_min"]
        raise ImpossibleSummaryError(
            f"No sample has {where}: SD {sd:.{decimals_sd}f} is beyond the SD bounds, {side} "
            f"({bound:.4f}) for that mean on that scale (possible SDs: {b['sd_min']:.4f} to {b['sd_max']:.4f})."
        )
    reachable = reachable_sums_of_squares(n, lo_u, hi_u) if gaps else None
    if reachable is not None:
        # Not every sum of squares between the extremes is reachable on a bounded scale: the
        # exact table tells whether any sample fits, so the search never runs for nothing.
        for i in np.flatnonzero(keep):
            q = reachable(totals[i])
            keep[i] = bool(((q >= q_lo[i]) & (q <= q_hi[i])).any())
        if not keep.any():
            raise ImpossibleSummaryError(
                f"No sample has {where}: it passes GRIM, GRIMMER and the SD bounds, but SD "
                f"{sd:.{decimals_sd}f} falls in a gap between the SDs whole numbers on that scale can reach "
                f"with this mean; the nearest are {nearest_reachable_sds(reachable, totals, n, sd * items, items)}."
            )
    return totals[keep], q_lo[keep].astype(np.int64), q_hi[keep].astype(np.int64)


def _random_pick(rng, mask):
    """Index of a random True in each row of ``mask`` (rows without one get any index)."""
    keys = rng.random(mask.shape)
    keys[~mask] = -1.0
    return keys.argmax(axis=1)


#: How many count vectors of the upper levels an exact enumeration may look at (memory ~ 8 bytes each
#: per level); beyond it :func:`sprite` searches at random and :func:`count_samples` refuses.
ENUMERATION_LIMIT = 3_000_000


def _bounded_compositions(n, parts):
    """Every vector of ``parts`` whole numbers >= 0 whose sum is at most ``n``, with its sum."""
    rows = np.zeros((1, 0), dtype=np.int64)
    used = np.zeros(1, dtype=np.int64)
    for _ in range(parts):
        choices = n - used + 1                    # this part can be 0 .. n - used
        parent = np.repeat(np.arange(rows.shape[0]), choices)
        part = np.arange(parent.size) - np.repeat(np.cumsum(choices) - choices, choices)
        rows = np.column_stack([rows[parent], part])
        used = used[parent] + part
    return rows, used


def enumerable(n, width):
    """Whether :func:`exact_samples` can list every sample of ``n`` answers on ``width`` levels."""
    free = max(width - 3, 0)
    return math.comb(n + free, free) <= ENUMERATION_LIMIT


def targets_and_samples(mean, sd, n, low, high, items, decimals_mean, decimals_sd):
    """The admissible (totals, q_lo, q_hi) and, when the scale allows, every sample (else None).

    Raises :class:`ImpossibleSummaryError` as :func:`sprite_targets` does, and
    also when enumeration finds no sample.  When every sample is enumerated,
    the table of reachable sums of squares is built only to explain an empty
    result (it would say nothing the enumeration does not).
    """
    lo_u, hi_u = low * items, high * items
    arguments = (mean, sd, n, low, high, items, decimals_mean, decimals_sd)
    listed = enumerable(n, hi_u - lo_u + 1)
    targets = sprite_targets(*arguments, gaps=not listed)
    if not listed:
        return targets, None
    found = exact_samples(n, lo_u, hi_u, *targets)
    if not found:
        sprite_targets(*arguments, gaps=True)   # raises, naming the nearest reachable SDs
        raise ImpossibleSummaryError(
            f"No sample has mean {mean:.{decimals_mean}f}, SD {sd:.{decimals_sd}f}, n = {n} on "
            f"{low}–{high}: enumerating every sample on the scale finds none."
        )
    return targets, found


def exact_samples(n, lo_u, hi_u, totals, q_lo, q_hi):
    """Every sample of ``n`` whole numbers in [lo_u, hi_u] with a total and sum of squares allowed.

    Returns a list of ``(total, sum_of_squares, counts)``, ``counts`` holding one
    row of counts per level (lo_u, lo_u + 1, ...) for each distinct sample.
    Callers check :func:`enumerable` first.  Three linear equations (count, total, sum of squares) fix the counts of the
    three lowest levels once the others are chosen, so only those are enumerated.
    """
    width = hi_u - lo_u + 1
    upper, used = _bounded_compositions(n, max(width - 3, 0))
    shift = np.arange(3, width, dtype=np.int64)   # levels above the lowest three, minus lo_u
    s1, s2 = upper @ shift, upper @ (shift * shift)
    found = []
    for total, first, last in zip(totals, q_lo, q_hi):
        total = int(total)
        t = total - n * lo_u                               # total of (x - lo_u)
        for ss in range(int(first) + (int(first) - total) % 2, int(last) + 1, 2):
            q = ss - 2 * lo_u * total + n * lo_u * lo_u    # sum of squares of (x - lo_u)
            if width == 2:                                 # answers 0/1 after the shift: q = t
                if q == t and 0 <= t <= n:
                    found.append((total, ss, np.array([[n - t, t]], dtype=np.int64)))
                continue
            a = t - s1                                     # c1 + 2 c2
            twice_c2 = q - s2 - a                          # (c1 + 4 c2) - (c1 + 2 c2)
            c2 = twice_c2 // 2
            c1 = a - 2 * c2
            c0 = n - used - c1 - c2
            ok = (twice_c2 % 2 == 0) & (c2 >= 0) & (c1 >= 0) & (c0 >= 0)
            if ok.any():
                found.append((total, ss, np.column_stack([c0[ok], c1[ok], c2[ok], upper[ok]])))
    return found



def counts_to_samples(counts, levels, n):
    """Counts per level (one row per sample) -> sorted samples (in level units), shape (rows, n)."""
    samples = np.empty((counts.shape[0], n), dtype=levels.dtype)
    for row, c in zip(samples, counts):   # memory: the samples themselves, nothing of size n × levels
        row[:] = np.repeat(levels, c)
    return samples


#: Largest ``chains × n`` answers a batch draws one by one; beyond it the start is drawn as counts
#: per level (a multinomial, the same distribution), so memory does not grow with n.
_DRAWS = 1 << 22
#: Largest number of random keys a step of the search holds (2 × chains × candidates × levels).
_KEYS = 1 << 23
#: From this n on, the search moves many answers at once while far from its target.
_MANY = 100


#: Candidate moves each chain weighs per step in :func:`sprite_batch` (sizes the batches of :func:`search`).
_CANDIDATES = 12
#: Fewest chains a batch of :func:`search` runs.
_FEWEST_CHAINS = 16
#: Most levels (``items × (scale_max - scale_min) + 1``) the search works on as counts per level
#: (:func:`sprite_batch`); on more it works on the answers themselves (:func:`sprite_batch_values`), whose
#: cost does not grow with the number of levels.  Measured (100 samples, median of 3 seeds, from samples drawn
#: uniformly): on 0-5 counts per level take 0.01 s where answers take 0.04-0.16 s (and at n = 30 stop at 88
#: distinct); on 0-63 at n = 40, 0.14 s against 0.005 s; at n = 2,000, 0.04 s against 0.06 s; on 0-100 at
#: n = 300, 0.04 s against 0.01 s.
MOST_LEVELS = 64
#: Widest scale counts per level handle at all: a step of the fewest chains holds at most :data:`_KEYS`
#: random keys (2 × chains × candidates × levels).
_WIDEST_BY_LEVEL = _KEYS // (2 * _CANDIDATES * _FEWEST_CHAINS)


def _distance(q, lo_q, hi_q):
    """How far each sum of squares is from its window [lo_q, hi_q] (0 inside)."""
    return np.maximum(lo_q - q, 0) + np.maximum(q - hi_q, 0)


def sprite_batch(rng, chains, n, levels, totals, q_lo, q_hi, candidates=_CANDIDATES, deadline=None, tick=None):
    """Run one batch of SPRITE chains on counts per level; return (counts, which reached the target).

    Stops early (those chains unfinished, so not returned as reached) when
    ``deadline`` has passed; calls ``tick()`` now and then for progress.
    """
    width = levels.size
    rows = np.arange(chains)
    pick = rng.integers(0, totals.size, chains)
    T, lo_q, hi_q = totals[pick], q_lo[pick], q_hi[pick]
    # a random start: n answers drawn uniformly, then moved one level at a time to the total
    if chains * n <= _DRAWS:
        draws = rng.integers(0, width, size=(chains, n))
        counts = np.zeros((chains, width), dtype=np.int64)
        np.add.at(counts, (np.repeat(rows, n), draws.ravel()), 1)
    else:
        counts = rng.multinomial(n, np.full(width, 1.0 / width), size=chains).astype(np.int64)
    many = n > _MANY

    def over(step):
        if step % 16 == 0 and tick is not None:
            tick()
        return deadline is not None and deadline.passed()

    total = counts @ levels
    for step in range(n * width + 1):
        diff = T - total
        if not diff.any() or over(step):
            break
        up = _random_pick(rng, (counts[:, :-1] > 0) & (diff > 0)[:, None])
        down = _random_pick(rng, (counts[:, 1:] > 0) & (diff < 0)[:, None]) + 1
        raise_, lower = diff > 0, diff < 0
        c_up = c_down = d_up = d_down = 1
        if many:  # far from the total, a large sample moves many answers of a level, many levels at once
            c_up = np.minimum(np.maximum(diff // 4, 1), counts[rows, up])[raise_]
            c_down = np.minimum(np.maximum(-diff // 4, 1), counts[rows, down])[lower]
            d_up = np.clip(diff[raise_] // (2 * c_up), 1, width - 1 - up[raise_])
            d_down = np.clip(-diff[lower] // (2 * c_down), 1, down[lower])
        np.add.at(counts, (rows[raise_], up[raise_]), -c_up)
        np.add.at(counts, (rows[raise_], up[raise_] + d_up), c_up)
        np.add.at(counts, (rows[lower], down[lower]), -c_down)
        np.add.at(counts, (rows[lower], down[lower] - d_down), c_down)
        total = counts @ levels
    q = counts @ (levels * levels)
    stuck = np.zeros(chains, dtype=np.int64)
    # Moves: one answer at level u goes up one level and one at level w goes
    # down one, keeping the total; Q changes by 2 (levels[u] - levels[w] + 1).
    # Levels are drawn uniformly among the occupied ones, so a rare level is
    # found as easily as a common one.  A move is taken when it brings Q
    # closer to the target window.  In a large sample far from the window,
    # the move is made by up to a quarter of the way's worth of answer pairs.
    for step in range(50 * n * width + 500):
        distance = _distance(q, lo_q, hi_q)
        active = (distance > 0) & (stuck < 60) & (total == T)
        if not active.any() or over(step):
            break
        live = np.flatnonzero(active)
        c = counts[live]
        can_up = c[:, :-1] > 0
        can_down = c[:, 1:] > 0
        keys = rng.random((2, live.size, candidates, width - 1))
        keys[0][~np.broadcast_to(can_up[:, None, :], keys.shape[1:])] = -1.0
        keys[1][~np.broadcast_to(can_down[:, None, :], keys.shape[1:])] = -1.0
        u = keys[0].argmax(axis=2)
        w = keys[1].argmax(axis=2) + 1
        lr = np.arange(live.size)[:, None]
        valid = can_up[lr, u] & can_down[lr, w - 1] & ((u != w) | (c[lr, u] >= 2))
        if many:  # levels are consecutive: u up by `jump` and w down by `jump` change Q by 2 jump (u - w + jump)
            far = np.where(u >= w, np.minimum(width - 1 - u, w), (w - u) // 2)   # the largest useful jump
            gap, quarter = (u - w).astype(float), distance[live, None] / 2.0
            # the jump whose change of Q is about a quarter of the distance left
            aim = np.where(gap >= 0, -gap + np.sqrt(gap**2 + quarter), -gap - np.sqrt(np.maximum(gap**2 - quarter, 0)))
            jump = np.clip(np.floor(aim / 2), 1, np.maximum(far, 1)).astype(np.int64)
            dq = 2 * jump * (u - w + jump)
            room = np.where(u == w, c[lr, u] // 2, np.minimum(c[lr, u], c[lr, w]))
            times = np.clip(distance[live, None] // np.maximum(4 * np.abs(dq), 1), 1, np.maximum(room, 1))
        else:
            jump, times = 1, 1
            dq = 2 * (levels[u] - levels[w] + 1)
        new_q = q[live, None] + times * dq
        new_distance = _distance(new_q, lo_q[live, None], hi_q[live, None])
        better = valid & (new_distance < distance[live, None])
        has = better.any(axis=1)
        # a large sample takes the best of the candidate moves, a small one the first that helps
        choice = np.where(better, new_distance, np.iinfo(np.int64).max).argmin(axis=1) if many else better.argmax(axis=1)
        stuck[live] = np.where(has, 0, stuck[live] + 1)
        go = live[has]
        cu, cw = u[has, choice[has]], w[has, choice[has]]
        moved, by = (times[has, choice[has]], jump[has, choice[has]]) if many else (1, 1)
        np.add.at(counts, (go, cu), -moved)
        np.add.at(counts, (go, cu + by), moved)
        np.add.at(counts, (go, cw), -moved)
        np.add.at(counts, (go, cw - by), moved)
        q[go] = new_q[has, choice[has]]
    return counts, (q >= lo_q) & (q <= hi_q) & (total == T)


def sprite_batch_values(rng, chains, n, lo_u, hi_u, totals, q_lo, q_hi, candidates=_CANDIDATES, deadline=None,
                        tick=None):
    """One batch of SPRITE chains on the answers themselves; return (sorted samples, which reached the target).

    For scales of many levels, where counts per level would be wide and
    moves of one level slow.  Each chain starts from ``n`` answers drawn
    from a normal distribution with the target's mean and SD, rounded into
    [lo_u, hi_u], and moved to the total (:func:`_reach_totals`: each
    answer in proportion to its room).  Then each step weighs ``candidates``
    random pairs of answers ``(i, j)``: moving ``x_i`` up by ``d`` and
    ``x_j`` down by ``d`` keeps the total and changes the sum of squares by
    ``2d(x_i - x_j + d)`` (even, so its parity is kept), and ``d`` is the
    whole number nearest the root that lands on a random point of the
    target window (a quarter of the way while far from it), within the
    scale.  The best candidate is taken when it brings the sum of squares
    closer to the window.  Memory: ``chains × n`` answers and
    ``chains × candidates`` moves a step.
    """
    pick = rng.integers(0, totals.size, chains)
    T, lo_q, hi_q = totals[pick], q_lo[pick], q_hi[pick]

    def over(step):
        if step % 16 == 0 and tick is not None:
            tick()
        return deadline is not None and deadline.passed()

    centre = T / n
    spread = np.sqrt(np.maximum((lo_q + hi_q) / 2 - T.astype(float) ** 2 / n, 0) / max(n - 1, 1))
    x = rng.normal(centre[:, None], spread[:, None], size=(chains, n))
    x = _reach_totals(rng, np.clip(np.rint(x), lo_u, hi_u).astype(np.int64), T, lo_u, hi_u)
    q = (x * x).sum(axis=1)
    stuck = np.zeros(chains, dtype=np.int64)
    for step in range(200 * n + 500):
        distance = _distance(q, lo_q, hi_q)
        active = (distance > 0) & (stuck < 60)
        if not active.any() or over(step):
            break
        live = np.flatnonzero(active)
        i = rng.integers(0, n, (live.size, candidates))
        j = (i + rng.integers(1, n, (live.size, candidates))) % n   # another answer
        xi, xj = x[live[:, None], i], x[live[:, None], j]
        gap = xi - xj
        # to a random point of the window; far from it, a quarter of the way (more moves, more varied samples)
        aim = lo_q[live] + rng.random(live.size) * (hi_q[live] - lo_q[live]) - q[live]
        aim = np.where(distance[live] > hi_q[live] - lo_q[live], aim / 4, aim)
        root = (-gap + np.sqrt(np.maximum(gap.astype(float) ** 2 + 2 * aim[:, None], 0))) / 2
        d_min, d_max = np.maximum(lo_u - xi, xj - hi_u), np.minimum(hi_u - xi, xj - lo_u)
        best_q, best_d = q[live, None], np.zeros_like(gap)
        best_distance = distance[live, None]
        for rounded in (np.floor(root), np.ceil(root)):
            d = np.clip(rounded.astype(np.int64), d_min, d_max)
            new_q = q[live, None] + 2 * d * (gap + d)
            new_distance = _distance(new_q, lo_q[live, None], hi_q[live, None])
            better = new_distance < best_distance
            best_q, best_d = np.where(better, new_q, best_q), np.where(better, d, best_d)
            best_distance = np.where(better, new_distance, best_distance)
        choice = best_distance.argmin(axis=1)
        h = np.flatnonzero(best_distance.min(axis=1) < distance[live])   # the chains a candidate brings closer
        stuck[live] += 1
        stuck[live[h]] = 0
        go, c = live[h], choice[h]
        d = best_d[h, c]
        x[go, i[h, c]] += d
        x[go, j[h, c]] -= d
        q[go] = best_q[h, c]
    return np.sort(x, axis=1), (q >= lo_q) & (q <= hi_q)


def _reach_totals(rng, x, totals, lo_u, hi_u):
    """``x`` (one sample a row, answers in [lo_u, hi_u]) moved to the row totals, each answer in proportion
    to its room towards the scale's end, then one unit each for the remainder, at random (in place).

    Every total is within ``[n × lo_u, n × hi_u]``, so the room suffices: each
    share is below the answer's room unless the room is all used, and the
    remainder is smaller than the number of answers with room left.
    """
    diff = totals - x.sum(axis=1)
    sign = np.sign(diff)[:, None]
    room = np.where(sign > 0, hi_u - x, x - lo_u)
    whole = room.sum(axis=1, dtype=float)
    share = np.floor(np.abs(diff)[:, None] * (room / np.maximum(whole, 1)[:, None])).astype(np.int64)
    x += sign * share
    left = np.abs(diff) - share.sum(axis=1)
    keys = np.where(room > share, rng.random(x.shape), -1.0)
    order = np.argsort(-keys, axis=1)
    chosen = np.arange(x.shape[1])[None, :] < left[:, None]   # the first `left` of a random order with room
    rows = np.broadcast_to(np.arange(x.shape[0])[:, None], x.shape)
    np.add.at(x, (rows[chosen], order[chosen]), np.broadcast_to(sign, x.shape)[chosen])
    return x


def search(rng, k, n, lo_u, hi_u, totals, q_lo, q_hi, *, max_seconds, progress):
    """The SPRITE search: batches of random samples nudged to the target, until ``k`` distinct are found.

    Stops at ``k`` distinct samples, at ``max_seconds`` (checked within a
    batch too), or after ten batches in a row find nothing new (the distinct
    samples may be exhausted).  Returns ``(samples, timed_out)``: the
    distinct samples, sorted, in item-sum units (at most ``k`` rows, drawn at
    random when more were found), and whether the time limit stopped it.
    On up to :data:`MOST_LEVELS` levels it works on counts per level
    (:func:`sprite_batch`; memory: ``chains × levels`` counts and at most
    :data:`_KEYS` random keys a step, whatever ``n``), on more on the
    answers themselves (:func:`sprite_batch_values`; ``chains × n``
    answers, at most :data:`_DRAWS` unless n passes ``_DRAWS / 16`` on a
    scale wider than :data:`_WIDEST_BY_LEVEL`).
    """
    width = hi_u - lo_u + 1
    # counts per level on narrow scales, and on wider ones (where its random keys still fit) for samples
    # so large that chains × n answers would not
    by_level = width <= MOST_LEVELS or (n > _DRAWS // _FEWEST_CHAINS and width <= _WIDEST_BY_LEVEL)
    levels = np.arange(lo_u, hi_u + 1) if by_level else None
    found = np.empty((0, width if by_level else n), dtype=np.int64)   # counts per level, or sorted answers
    deadline = Deadline(max_seconds)
    bar = Progress(k, desc="sprite", unit="sample", show=progress)
    fewest = 256 if n <= _MANY else 32   # a large sample: fewer chains, each step cheaper
    per_chain = 2 * _CANDIDATES * max(width - 1, 1) if by_level else n
    chains = int(min(max(2 * k, fewest), 4096, max(_FEWEST_CHAINS, (_KEYS if by_level else _DRAWS) // per_chain)))
    stale = 0  # batches in a row that found nothing new: the distinct samples may be exhausted

    def tick():
        bar.update(found.shape[0])

    try:
        while found.shape[0] < k and not deadline.passed() and stale < 10:
            if by_level:
                batch, ok = sprite_batch(rng, chains, n, levels, totals, q_lo, q_hi, deadline=deadline, tick=tick)
            else:
                batch, ok = sprite_batch_values(rng, chains, n, lo_u, hi_u, totals, q_lo, q_hi, deadline=deadline,
                                                tick=tick)
            before = found.shape[0]
            if ok.any():
                found = np.unique(np.concatenate([found, batch[ok]]), axis=0)
            stale = stale + 1 if found.shape[0] == before and before > 0 else 0
            bar.update(found.shape[0])
    finally:
        bar.close()
    if found.shape[0] > k:
        found = found[np.sort(rng.permutation(found.shape[0])[:k])]
    if by_level:
        found = counts_to_samples(found, levels, n)
    return found, found.shape[0] < k and stale < 10
