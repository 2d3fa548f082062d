"""Fisher's exact test for an r x 2 table, enumerated as R's ``fisher.test`` does."""
from __future__ import annotations

import numpy as np

__all__ = ["exact_p_rx2"]


def exact_p_rx2(table, max_tables):
    """Two-sided Fisher exact p for an r x 2 table, or None when it has too many tables.

    Enumerates every table with the observed margins (first column total m,
    row totals n_i): P(x) = prod C(n_i, x_i) / C(N, m), and sums those with
    P(x) <= P(observed), with R's relative tolerance 1e-7 (``fisher.test``).
    """
    from scipy.special import gammaln

    def logc(n, k):
        return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)

    x_obs = table[:, 0].astype(np.int64)
    rows = table.sum(axis=1).astype(np.int64)
    m, n = int(x_obs.sum()), int(rows.sum())
    sums = np.zeros(1, dtype=np.int64)
    logp = np.zeros(1)
    rest = int(rows.sum())
    for n_i in rows[:-1]:
        rest -= int(n_i)
        xs = np.arange(min(int(n_i), m) + 1, dtype=np.int64)
        if sums.size * xs.size > 4 * max_tables:
            return None
        s_new = sums[:, None] + xs[None, :]
        keep = (s_new <= m) & (s_new >= m - rest)
        logp = (logp[:, None] + logc(n_i, xs)[None, :])[keep]
        sums = s_new[keep]
        if sums.size > max_tables:
            return None
    logp = logp + logc(rows[-1], m - sums) - logc(n, m)
    observed = float(np.sum(logc(rows, x_obs)) - logc(n, m))
    p = float(np.exp(logp[logp <= observed + 1e-7]).sum())
    return min(1.0, p)
