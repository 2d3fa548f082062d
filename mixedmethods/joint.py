"""Joint displays: quantitative and qualitative results in one table.

A joint display (Guetterman, Fetters & Creswell 2015, *Ann Fam Med*
13:554–561) puts the two strands of a mixed-methods study side by side so
that a reader sees where they meet.  Three layouts are built here:

- ``"side-by-side"``: domain | quantitative result | theme | exemplar quote
  (participant) | fit;
- ``"statistics-by-themes"``: theme | n/N (%) | outcome with the theme present
  / absent | test;
- ``"theme-by-group"``: group (N), titled by the attribute (e.g. gender) |
  prevalence of each theme | representative quote.

The *fit* of integration is judged between a quantitative and a qualitative
finding that address the same question (the same phenomenon, construct or
domain).  Fetters, Curry & Creswell (2013, *Health Services Research*
48(6 Pt 2):2134–2156) name three fits:

- ``"confirmation"``: each finding confirms the other; the two lead to the
  same conclusion, which is then more credible;
- ``"expansion"``: the findings diverge and, by addressing different aspects
  of the same phenomenon or complementary aspects of a central one, together
  widen the understanding of it;
- ``"discordance"``: the findings are inconsistent, incongruous or
  contradict each other.

A fourth value is recorded here:

- ``"inconclusive"``: a finding too imprecise to confirm, expand or
  contradict the other, e.g. an effect whose confidence interval spans both a
  meaningful effect and none.

Two findings that do not address the same question have no fit: a
conceptual mismatch (an item and a theme about different things) is not
discordance, and a residual "other" theme (whatever fitted no named theme)
addresses no question and cannot confirm anything; leave such a row's fit
empty ("not coded") and say why.  The fit is a judgement: the analyst
writes it, and this module only checks that it is one of :data:`FITS`; it
never infers a fit from the numbers.

:func:`joint_display` returns a :class:`JointDisplay`: ``.data`` keeps full
precision, ``.table`` the rounded text that is printed, and it renders as
HTML in notebooks, Markdown and LaTeX.
"""
from __future__ import annotations

import numpy as np

from ._joint_display import JointDisplay
from ._validation import InputError, InputTypeError, check_choice, check_columns, check_groups, show_value

__all__ = ["joint_display", "JointDisplay", "FITS", "LAYOUTS"]

_FIT_MEANING = {
    "confirmation": "findings on the same question lead to the same conclusion",
    "expansion": "they diverge but, addressing different aspects of the same phenomenon, together say more",
    "discordance": "they are inconsistent or contradict each other",
    "inconclusive": "a finding is too imprecise to confirm, expand or contradict the other",
}
#: The fits of integration an analyst can record (Fetters, Curry & Creswell 2013, plus "inconclusive").
FITS = tuple(_FIT_MEANING)
#: The layouts :func:`joint_display` builds.
LAYOUTS = ("side-by-side", "statistics-by-themes", "theme-by-group")
_NOT_CODED = "not coded"


# --------------------------------------------------------------------------- helpers
def _is_missing(value):
    """True for None, NaN, ``pd.NA``, ``NaT`` and blank text."""
    import pandas as pd

    if isinstance(value, str):
        return not value.strip()
    if pd.api.types.is_scalar(value):
        return bool(pd.isna(value))
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def _check_fit(value, where):
    """The analyst's fit, checked; missing stays missing (never guessed)."""
    if _is_missing(value):
        return None
    text = str(value).strip().lower()
    if text not in FITS:
        raise InputError(f"fit {value!r} at {where} is not one of {', '.join(FITS)}; the analyst records "
                         "one of these (or leaves it empty: no fit, e.g. when the two findings do not address "
                         "the same question), it is never computed.")
    return text


def _fits(keys, data_fits, fit, what):
    """One fit per row from a ``fit`` column and/or a mapping ``key -> fit``."""
    if fit is not None and not isinstance(fit, dict):
        raise InputTypeError(f"fit must be a dict mapping each {what} to one of {FITS}, got {type(fit).__name__}.")
    keys = list(keys)
    if fit:
        unknown = [k for k in fit if k not in keys]
        if unknown:
            raise InputError(f"fit names {what}(s) {unknown!r} that are not in the display.")
    out = []
    for i, key in enumerate(keys):
        value = data_fits[i] if data_fits is not None else None
        if fit and key in fit:
            value = fit[key]
        out.append(_check_fit(value, f"{what} {key!r}"))
    return out


def _fraction(n, d):
    if _is_missing(n):
        return "not printed"
    return f"{n:.0f}/{d:.0f} ({100 * n / d:.0f}%)"


def _check_rows(data):
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise InputTypeError(f"data must be a pandas DataFrame, got {type(data).__name__}.")
    if len(data) == 0:
        raise InputError("data has no rows; a joint display needs at least one.")


def _fit_notes(fits):
    if not any(f is not None for f in fits):
        return []
    meaning = "; ".join(f"{k}: {v}" for k, v in _FIT_MEANING.items())
    note = (f"Fit of integration between findings on the same question, judged by the analyst (Fetters, Curry "
            f"& Creswell 2013) — {meaning}.")
    if any(f is None for f in fits):
        note += f" “{_NOT_CODED}”: no fit recorded."
    return [note]


# --------------------------------------------------------------------------- layouts
def _side_by_side(data, *, quantitative, qualitative, test, label, fit, precision):
    import pandas as pd

    from ._format import format_number
    from .comparisons import apa_report

    check_columns(data, ["domain", "theme"])
    out = pd.DataFrame({"domain": data["domain"].to_numpy(), "theme": data["theme"].to_numpy()})
    if quantitative is not None:
        check_columns(data, ["dv"], what="column (needed to find each row's comparison)")
        check_columns(quantitative, ["dv", "test", "group1", "group2", "mean1", "mean2", "t", "df", "p",
                                     "hedges_g", "hedges_g_ci_low", "hedges_g_ci_high", "confidence_level"],
                      what="quantitative column", argument="quantitative")
        check_choice("test", test, ("student", "welch"))
        rows = quantitative[quantitative["test"] == test]
        found = []
        for i, dv in enumerate(data["dv"]):
            match = rows[rows["dv"] == dv]
            if len(match) != 1:
                raise InputError(f"row {data.index[i]!r}: dv {dv!r} has {len(match)} {test!r} rows in quantitative; "
                                 "each linked outcome needs exactly one.")
            found.append(match.index[0])
        stats = rows.loc[found].reset_index(drop=True)
        apa = apa_report(stats)
        texts = [
            f"{r.group1} {format_number(r.mean1, precision)} vs {r.group2} {format_number(r.mean2, precision)}; "
            f"{test.title()} {line}"
            for r, line in zip(stats.itertuples(index=False), apa)
        ]
        out.insert(1, "dv", data["dv"].to_numpy())
        keep = ["group1", "group2", "mean1", "mean2", "mean_diff", "t", "df", "p", "p_adjusted", "hedges_g",
                "hedges_g_ci_low", "hedges_g_ci_high"]
        for col in keep:
            if col in stats.columns:
                out[col] = stats[col].to_numpy()
        out.insert(2, "quantitative", texts)
    else:
        check_columns(data, ["quantitative"], what="column (or pass quantitative=compare(...) and a dv column)")
        out.insert(1, "quantitative", data["quantitative"].astype(object).to_numpy())
    theme_text = [str(t) for t in data["theme"]]
    if qualitative is not None:
        check_columns(qualitative, [label, "n_participants", "denominator"], what="qualitative column",
                      argument="qualitative")
        n, d = [], []
        for i, theme in enumerate(data["theme"]):
            match = qualitative[qualitative[label] == theme]
            if len(match) != 1:
                raise InputError(f"row {data.index[i]!r}: theme {theme!r} matches {len(match)} rows of qualitative "
                                 f"column {label!r}; it needs exactly one.")
            n.append(float(match["n_participants"].iloc[0]) if not _is_missing(match["n_participants"].iloc[0])
                     else np.nan)
            d.append(float(match["denominator"].iloc[0]))
        out["n_participants"], out["denominator"] = n, d
        out["prevalence"] = np.asarray(n) / np.asarray(d)
        theme_text = [f"{t}: {_fraction(a, b)}" for t, a, b in zip(theme_text, n, d)]
    quotes = []
    has_quote, has_participant = "quote" in data.columns, "participant" in data.columns
    for i in range(len(data)):
        q = data["quote"].iloc[i] if has_quote else None
        who = data["participant"].iloc[i] if has_participant else None
        text = "no quote" if _is_missing(q) else f"“{str(q).strip()}”"
        if not _is_missing(who):
            text = f"{text} ({who})"
        quotes.append(text)
    if has_quote:
        out["quote"] = data["quote"].to_numpy()
    if has_participant:
        out["participant"] = data["participant"].to_numpy()
    fits = _fits(list(data["domain"]), list(data["fit"]) if "fit" in data.columns else None, fit, "domain")
    out["fit"] = pd.Series(fits, dtype=object)
    table = pd.DataFrame({
        "Domain": [str(x) for x in data["domain"]],
        "Quantitative result": [str(x) for x in out["quantitative"]],
        "Theme": theme_text,
        "Exemplar quote (participant)": quotes,
        "Fit": [f if f else _NOT_CODED for f in fits],
    })
    notes = _fit_notes(fits)
    if quantitative is not None:
        notes.insert(0, "Quantitative result: group means, then t, p and Hedges' g with its confidence interval"
                        + ("; p is adjusted for multiple comparisons as each line says, the intervals are not"
                           if "p_adjust" in stats.columns and str(stats["p_adjust"].iloc[0]) != "none" else "")
                        + ".")
    return out, table, notes


def _binary(data, column):
    values = data[column]
    ok = values.isna() | values.isin([0, 1, True, False])
    if not ok.all():
        i = int(np.flatnonzero(~ok.to_numpy())[0])
        raise InputError(f"theme column {column!r} is {show_value(values.iloc[i])} at row {show_value(data.index[i])}; "
                         "use 1 (theme present) or 0 (absent), as case_matrix() gives.")
    return values.map(lambda v: np.nan if _is_missing(v) else float(v)).to_numpy(dtype=float)


def _statistics_by_themes(data, *, themes, outcome, test, fit, precision):
    import pandas as pd

    from ._format import format_number
    from .comparisons import apa_report, compare_summary

    if outcome is None or themes is None:
        raise InputError("layout='statistics-by-themes' needs outcome= (a numeric column) and themes= "
                         "(0/1 columns, e.g. from case_matrix()).")
    themes = [themes] if isinstance(themes, str) else list(themes)
    check_columns(data, [outcome, *themes])
    check_choice("test", test, ("student", "welch"))
    y = pd.to_numeric(data[outcome], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = np.flatnonzero(np.isnan(y) & data[outcome].notna().to_numpy())
    if bad.size:
        raise InputTypeError(f"column {outcome!r} is {data[outcome].iloc[bad[0]]!r} at row {data.index[bad[0]]!r}, "
                             "not a number.")
    records, shown = [], []
    for theme in themes:
        x = _binary(data, theme)
        known = ~np.isnan(x)
        n_present, total = int(np.nansum(x)), int(known.sum())
        rec = {"theme": theme, "n_participants": n_present, "denominator": total,
               "prevalence": n_present / total if total else np.nan}
        summary = {}
        for name, mask in (("present", known & (x == 1)), ("absent", known & (x == 0))):
            vals = y[mask & ~np.isnan(y)]
            summary[name] = vals
            rec[f"n_{name}"] = vals.size
            rec[f"mean_{name}"] = float(vals.mean()) if vals.size else np.nan
            rec[f"sd_{name}"] = float(vals.std(ddof=1)) if vals.size > 1 else np.nan
        a, b = summary["present"], summary["absent"]
        rec.update({"test": "not computable", "t": np.nan, "df": np.nan, "p": np.nan, "hedges_g": np.nan,
                    "hedges_g_ci_low": np.nan, "hedges_g_ci_high": np.nan})
        test_text = "not computable (fewer than 2 per group)"
        if a.size >= 2 and b.size >= 2 and (rec["sd_present"] > 0 or rec["sd_absent"] > 0):
            res = compare_summary(rec["mean_present"], rec["sd_present"], a.size, rec["mean_absent"],
                                  rec["sd_absent"], b.size)
            chosen = res[res["test"] == test]
            row = next(chosen.itertuples(index=False))
            rec.update({"test": test, **{k: float(getattr(row, k)) for k in (
                "t", "df", "p", "hedges_g", "hedges_g_ci_low", "hedges_g_ci_high")}})
            test_text = f"{test.title()} {apa_report(chosen, ci=False).iloc[0]}"
        records.append(rec)

        def msd(name):
            if rec[f"n_{name}"] == 0:
                return "no participants"
            sd = rec[f"sd_{name}"]
            sd_text = format_number(sd, precision) if np.isfinite(sd) else "–"
            return f"{format_number(rec[f'mean_{name}'], precision)} ({sd_text}), n = {rec[f'n_{name}']}"

        shown.append({"Theme": str(theme), "n/N (%)": _fraction(n_present, total),
                      f"{outcome}, theme present: M (SD)": msd("present"),
                      f"{outcome}, theme absent: M (SD)": msd("absent"), "Test": test_text})
    out = pd.DataFrame(records)
    table = pd.DataFrame(shown)
    fits = _fits(themes, None, fit, "theme")
    out["fit"] = pd.Series(fits, dtype=object)
    notes = [f"Outcome {outcome!r} compared between participants with and without each theme "
             f"({test.title()} t-test, Hedges' g)."]
    if fit:
        table["Fit"] = [f if f else _NOT_CODED for f in fits]
        notes += _fit_notes(fits)
    return out, table, notes


def _theme_by_group(data, *, label, between, count, denominator, quotes, fit, groups):
    import pandas as pd

    from .plot._base import between_title

    check_columns(data, [label, between, count, denominator])
    groups = check_groups(data, between, groups)
    name = between_title(data, between)
    themes = list(pd.unique(data[label]))
    n = pd.to_numeric(data[count], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    d = pd.to_numeric(data[denominator], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    for i in range(len(data)):
        where = f"row {data.index[i]!r} ({data[label].iloc[i]!r}, {data[between].iloc[i]!r})"
        if not (d[i] > 0):
            raise InputError(f"column {denominator!r} is {data[denominator].iloc[i]!r} at {where}; "
                             "group sizes must be at least 1.")
        if n[i] < 0:
            raise InputError(f"column {count!r} is negative ({n[i]:g}) at {where}; counts must be >= 0.")
        if n[i] > d[i]:
            raise InputError(f"column {count!r} ({n[i]:g}) exceeds {denominator!r} ({d[i]:g}) at {where}.")
    if quotes is not None and not isinstance(quotes, dict):
        raise InputTypeError(f"quotes must be a dict mapping each {name} to a quote, got {type(quotes).__name__}.")
    cells = {}  # (theme, group) -> positions of its rows
    for i, key in enumerate(zip(data[label], data[between])):
        cells.setdefault(key, []).append(i)
    position = pd.Series(np.arange(len(data)), index=data.index)
    rows, shown = [], []
    for g in groups:
        idx = position[data[between] == g].to_numpy()
        sizes = sorted({d[i] for i in idx})
        if len(sizes) != 1:
            raise InputError(f"{name} {g!r} has several sizes in column {denominator!r}: {sizes}; it needs one.")
        rec = {name: g, "denominator": sizes[0]}
        view = {f"{name} (N)": f"{g} ({sizes[0]:.0f})"}
        for t in themes:
            hit = cells.get((t, g), []) if t == t else []  # a missing (NaN) theme matches no row
            if len(hit) > 1:
                raise InputError(f"theme {t!r} appears {len(hit)} times for {name} {g!r}; give one row per "
                                 f"theme and {name}.")
            value = n[hit[0]] if hit else np.nan
            rec[f"{t}: n_participants"] = value
            rec[f"{t}: prevalence"] = value / sizes[0] if hit else np.nan
            view[str(t)] = _fraction(value, sizes[0]) if hit else "–"
        q = (quotes or {}).get(g)
        rec["quote"] = q
        view["Representative quote"] = "" if _is_missing(q) else f"“{str(q).strip()}”"
        rows.append(rec)
        shown.append(view)
    out, table = pd.DataFrame(rows), pd.DataFrame(shown)
    fits = _fits(groups, None, fit, name)
    out["fit"] = pd.Series(fits, dtype=object)
    notes = ["Cells: participants of the group mentioning the theme / group size (%)."]
    if fit:
        table["Fit"] = [f if f else _NOT_CODED for f in fits]
        notes += _fit_notes(fits)
    return out, table, notes


def joint_display(data, *, layout="side-by-side", quantitative=None, qualitative=None, test="welch",
                  label="code", themes=None, outcome=None, between="group", count="n_participants",
                  denominator="denominator", groups=None, quotes=None, fit=None, title=None, precision=2):
    """Build a joint display of quantitative and qualitative results.

    Parameters
    ----------
    data : pandas.DataFrame
        Depends on ``layout``:

        - ``"side-by-side"``: the analyst's linking table, one row per domain:
          ``domain``, ``theme``, and either ``dv`` (an outcome of
          ``quantitative``) or ``quantitative`` (the result as text);
          optionally ``quote``, ``participant`` and ``fit``;
        - ``"statistics-by-themes"``: one row per participant, with the
          ``outcome`` column and a 0/1 column per theme (``case_matrix``
          merged with questionnaire data);
        - ``"theme-by-group"``: one row per theme and group, as
          :func:`mixedmethods.themes.crosstab` returns.
    layout : {"side-by-side", "statistics-by-themes", "theme-by-group"}
    quantitative : pandas.DataFrame, optional
        Side-by-side: :func:`mixedmethods.compare` or ``compare_summary``
        output; each row's ``dv`` picks its comparison.
    qualitative : pandas.DataFrame, optional
        Side-by-side: theme counts (``tally`` output or a study's theme
        table) with ``label``, ``n_participants`` and ``denominator``; adds
        "n/N (%)" to each theme.
    test : {"welch", "student"}
        The t-test reported.
    label : str
        The theme column of ``qualitative`` (side-by-side) or of ``data``
        (theme-by-group).
    themes, outcome : list of str, str
        Statistics-by-themes: the 0/1 theme columns and the numeric outcome.
    between, count, denominator, groups
        Theme-by-group: columns of the group, of the participants mentioning
        the theme and of the group size; the groups shown, in order.  The
        first column is titled by the attribute: for a crosstab
        (``between="group"``) the name in its ``between`` column (e.g.
        "gender"), else the name of the ``between`` column.
    quotes : dict, optional
        Theme-by-group: a representative quote per group.
    fit : dict, optional
        The analyst's fit per row key (domain, theme or group), each one of
        :data:`FITS` (see the module docstring for their definitions); for
        side-by-side it overrides the ``fit`` column.  Rows without one show
        "not coded": the fit is never inferred.  Judge a fit only between
        findings that address the same question; record ``"inconclusive"``
        when one of them is too imprecise to confirm, expand or contradict
        the other (e.g. an effect size whose interval spans both a
        meaningful effect and none).
    title : str, optional
        Caption.
    precision : int
        Decimals shown for means and SDs in the printed table (``.data``
        keeps full precision).

    Returns
    -------
    JointDisplay
        ``.table`` (printed strings) has the columns of the layout:

        - side-by-side: ``Domain``, ``Quantitative result``, ``Theme``,
          ``Exemplar quote (participant)``, ``Fit``;
        - statistics-by-themes: ``Theme``, ``n/N (%)``, ``<outcome>, theme
          present: M (SD)``, ``<outcome>, theme absent: M (SD)``, ``Test``
          (and ``Fit`` when given);
        - theme-by-group: ``<attribute> (N)``, one column per theme with
          "n/N (%)", ``Representative quote`` (and ``Fit`` when given).

        ``.data`` holds the same rows with numbers at full precision
        (means, t, df, p, Hedges' g and its interval, counts, prevalence)
        and ``fit`` (None where not coded); for theme-by-group: the
        ``<attribute>`` (each group), ``denominator`` (its size),
        ``<theme>: n_participants`` and ``<theme>: prevalence`` per theme,
        ``quote`` and ``fit``.

    Notes
    -----
    Layouts follow Guetterman, Fetters & Creswell (2015), who found
    statistics-by-themes and side-by-side the most common.  The fits are
    those of Fetters, Curry & Creswell (2013, *Health Serv Res*
    48(6 Pt 2):2134–2156), between findings that address the same question:
    confirmation (each confirms the other), expansion (they diverge and
    together widen the understanding, addressing different or complementary
    aspects of one phenomenon), discordance (they are inconsistent or
    contradict each other); plus ``"inconclusive"`` for a finding too
    imprecise to do any of these.

    Examples
    --------
    >>> import pandas as pd
    >>> from mixedmethods import compare_summary
    >>> res = compare_summary([2.78, 3.34], [2.30, 1.09], 61, [1.50, 3.77], [2.14, 0.92], 34,
    ...                       dv=["marriage", "tax money"], groups=("women", "men"))
    >>> links = pd.DataFrame({
    ...     "domain": ["Restricting patients' lives", "Resources for care"],
    ...     "dv": ["marriage", "tax money"],
    ...     "theme": ["family support", "treatment effectiveness"],
    ...     "quote": ["Without the family they relapse.", "Treatment works when it is funded."],
    ...     "participant": ["P07", "P31"],
    ...     "fit": ["expansion", None]})
    >>> jd = joint_display(links, quantitative=res, test="student")
    >>> print(jd.table["Quantitative result"][0])
    women 2.78 vs men 1.50; Student t(93) = 2.66, p = .009, g = 0.57, 95% CI [0.14, 0.99]
    >>> jd.table["Fit"].tolist()
    ['expansion', 'not coded']
    >>> round(float(jd.data["t"][0]), 4)
    2.6646
    >>> print(jd.to_markdown().splitlines()[0])
    | Domain | Quantitative result | Theme | Exemplar quote (participant) | Fit |
    """
    check_choice("layout", layout, LAYOUTS)
    _check_rows(data)
    if isinstance(precision, bool) or not isinstance(precision, int) or precision < 0:
        raise InputError(f"precision must be a whole number >= 0, got {precision!r}.")
    if layout == "side-by-side":
        out, table, notes = _side_by_side(data, quantitative=quantitative, qualitative=qualitative, test=test,
                                          label=label, fit=fit, precision=precision)
    elif layout == "statistics-by-themes":
        out, table, notes = _statistics_by_themes(data, themes=themes, outcome=outcome, test=test, fit=fit,
                                                  precision=precision)
    else:
        out, table, notes = _theme_by_group(data, label=label, between=between, count=count,
                                            denominator=denominator, quotes=quotes, fit=fit, groups=groups)
    return JointDisplay(out, table, layout, title=title, notes=notes)
