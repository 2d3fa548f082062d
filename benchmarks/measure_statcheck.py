"""How many of statcheck's hand-coded real-paper results ``audit.extract`` reads correctly.

statcheck's authors hand-coded the results of published papers in
``inst/test_materials/manually_extracted_stats.csv`` of their repository
(github.com/MicheleNuijten/statcheck, GPL-3; the file's ``raw_result`` column
holds each result's text as PDF or HTML conversion left it).  This script
reads that file from a copy of the repository you give it (a git directory
such as the one ``git clone --mirror`` makes, or a checkout); nothing of it
is copied into this repository.  Run from the repository root::

    .venv/bin/python benchmarks/measure_statcheck.py /path/to/statcheck.git
    .venv/bin/python benchmarks/measure_statcheck.py /path/to/statcheck.git --statcheck   # also R statcheck

Rows are selected as statcheck's own tests select them (``load_manual`` in
``R/helper-load-manual-reference.R``): results in APA style
(``extract_apa == 1``); *clean* text has ``pdf_conversion_issues == 0`` and
``typesetting_issues == 0``; *damaged* text has ``pdf_conversion_issues == 1``.

A hand-coded result counts as read when one row extracted from its text has
the same statistic (t, F, r, χ², z, Q — Qb/Qw/QT/QError are Q), the same
degrees of freedom (those coded), the same value and the same p comparison,
which is what statcheck's tests compare.  Two stricter and looser counts are
printed too: with the p value as well, and with the value's sign ignored
(where the converted text lost a minus sign without a trace, no reader can
restore it).  With ``--statcheck`` the same texts go through R statcheck
(``statcheck(text, messages = FALSE)``, one text at a time, as a text on
which statcheck 1.4.0 stops with an error would otherwise stop the batch)
and are counted by the same rule.
Then statcheck's four test papers (``inst/test_materials/test_dir``, as PDF and
HTML; one has no results) go through ``audit.check_file`` (from a temporary
folder) and are matched one to one against their hand-coded results
(``manually_extracted_stats_testpapers.csv``).  Without a path the script says
how to get one and exits 0.
"""
from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

CSV = "inst/test_materials/manually_extracted_stats.csv"
TESTS = {"t": "t", "F": "F", "r": "r", "Chi2": "chi2", "z": "z", "Z": "z",
         "QBetween": "Q", "QWithin": "Q", "Qb": "Q", "Qw": "Q", "QT": "Q", "QError": "Q", "Q": "Q"}
R_TESTS = {"t": "t", "F": "F", "r": "r", "Chi2": "chi2", "Z": "z", "Q": "Q", "Qb": "Q", "Qw": "Q"}


def read_manual(path):
    """The hand-coded table, from a checkout or a git directory at ``path``."""
    import pandas as pd

    path = Path(path)
    if (path / CSV).is_file():
        data = (path / CSV).read_bytes()
    else:
        data = subprocess.run(["git", f"--git-dir={path}", "show", f"HEAD:{CSV}"],
                              check=True, capture_output=True).stdout
    manual = pd.read_csv(io.BytesIO(data), sep=";")
    for column in ("test_comparison", "p_comparison"):
        manual[column] = manual[column].astype(str).str.strip('"')
    manual["test"] = manual["test_type"].map(TESTS)
    return manual


def matches(found, row, *, p_value=False, sign=True):
    """Whether one of the results ``found`` (dicts) is the hand-coded ``row``."""
    import math

    for got in found:
        if got["test"] != row.test or got["p_comparison"] != row.p_comparison:
            continue
        if any(not math.isnan(want) and not (got[col] == want) for col, want in (("df1", row.df1), ("df2", row.df2))):
            continue
        value = got["statistic"] if sign else abs(got["statistic"])
        if not math.isclose(value, row.test_value if sign else abs(row.test_value), abs_tol=1e-9):
            continue
        if p_value and row.p_comparison != "ns" and not math.isclose(got["p_reported"], row.p, abs_tol=1e-12):
            continue
        return True
    return False


def ours(texts):
    from mixedmethods import audit

    out = []
    for text in texts:
        res = audit.extract(text)
        out.append(res[res["readable"]].to_dict("records"))
    return out


def statcheck(texts):
    """R statcheck 1.4.0 on each text, as dicts with our column names (None when R or statcheck is missing)."""
    script = r"""
    suppressMessages(library(statcheck)); library(jsonlite)
    texts <- fromJSON(file("stdin"))
    one <- function(i) {  # one text at a time: statcheck 1.4.0 stops on some texts ("argument is of length zero")
      res <- tryCatch(statcheck(texts[i], messages = FALSE), error = function(e) NULL)
      if (is.null(res) || nrow(res) == 0) return(NULL)
      res$source <- i
      res
    }
    res <- do.call(rbind, lapply(seq_along(texts), one))
    if (is.null(res)) res <- data.frame()
    cat("\n@@JSON@@", toJSON(res, na = "null", digits = NA), sep = "")
    """
    try:
        proc = subprocess.run(["Rscript", "-e", script], input=json.dumps(texts), capture_output=True,
                              text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        print("R statcheck failed:", proc.stderr.strip().splitlines()[-1:], file=sys.stderr)
        return None
    rows = json.loads(proc.stdout.rpartition("@@JSON@@")[2] or "[]")
    out = [[] for _ in texts]
    for r in rows:
        i = int(r["source"]) - 1
        nan = float("nan")
        out[i].append({"test": R_TESTS.get(r["test_type"], r["test_type"]),
                       "df1": nan if r["df1"] is None else float(r["df1"]),
                       "df2": nan if r["df2"] is None else float(r["df2"]),
                       "statistic": float(r["test_value"]), "p_comparison": r["p_comp"],
                       "p_reported": nan if r["reported_p"] is None else float(r["reported_p"])})
    return out


def count(manual, found):
    return {
        "read": sum(matches(f, row) for f, row in zip(found, manual.itertuples())),
        "read_with_p": sum(matches(f, row, p_value=True) for f, row in zip(found, manual.itertuples())),
        "read_sign_blind": sum(matches(f, row, sign=False) for f, row in zip(found, manual.itertuples())),
        "of": len(manual),
    }


def test_papers(path):
    """statcheck's test papers (PDF and HTML) through ``audit.check_file``: hand-coded results read.

    The files are written to a temporary folder (never into this repository)
    and matched one to one against ``manually_extracted_stats_testpapers.csv``.
    Returns ``{paper_id: (read, of)}``, or a sentence when it cannot run.
    """
    import tempfile

    import pandas as pd

    from mixedmethods import audit

    if not hasattr(audit, "check_file"):
        return "audit.check_file is not available"
    folder = "inst/test_materials/test_dir/"

    def read(name):
        try:
            return read_exact(name)
        except (subprocess.CalledProcessError, FileNotFoundError):  # the table says .html where the file is .htm
            return read_exact(name[:-1] if name.endswith(".html") else name)

    def read_exact(name):
        if (Path(path) / folder / name).is_file():
            return (Path(path) / folder / name).read_bytes()
        return subprocess.run(["git", f"--git-dir={path}", "show", f"HEAD:{folder}{name}"],
                              check=True, capture_output=True).stdout

    manual = pd.read_csv(io.BytesIO(read("manually_extracted_stats_testpapers.csv")), sep=";")
    for column in ("test_comparison", "p_comparison"):
        manual[column] = manual[column].astype(str).str.strip('"')
    manual["test"] = manual["test_type"].map(TESTS)
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(set(manual["file_name"])):
            target = Path(tmp) / name
            target.write_bytes(read(name))
            try:
                found = audit.check_file(target)
                found = found[found["readable"]].to_dict("records") if "readable" in found else []
            except Exception as exc:  # noqa: BLE001 -- a reader's failure is a result to report
                out[name] = f"{type(exc).__name__}: {exc}"
                continue
            rows = manual[manual["file_name"] == name]
            read_count = 0
            for row in rows.itertuples():
                hit = next((g for g in found if matches([g], row)), None)
                if hit is not None:
                    found.remove(hit)
                    read_count += 1
            out[name] = (read_count, len(rows), len(found))
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("statcheck_repo", nargs="?", help="git directory or checkout of MicheleNuijten/statcheck")
    parser.add_argument("--statcheck", action="store_true", help="also run R statcheck on the same texts")
    parser.add_argument("--misses", action="store_true", help="print the texts we do not read")
    args = parser.parse_args(argv)
    if not args.statcheck_repo:
        print("skipped: give the path of a copy of github.com/MicheleNuijten/statcheck "
              "(e.g. git clone --mirror https://github.com/MicheleNuijten/statcheck statcheck.git)")
        return 0
    manual = read_manual(args.statcheck_repo)
    apa = manual[manual["extract_apa"] == 1]
    subsets = {
        "clean": apa[(apa["pdf_conversion_issues"] == 0) & (apa["typesetting_issues"] == 0)],
        "damaged": apa[apa["pdf_conversion_issues"] == 1],
    }
    for name, rows in subsets.items():
        texts = rows["raw_result"].astype(str).tolist()
        found = ours(texts)
        line = f"{name:8s} mixedmethods: {count(rows, found)}"
        if args.statcheck:
            theirs = statcheck(texts)
            line += f"\n{'':8s} statcheck:    {count(rows, theirs) if theirs is not None else 'not available'}"
        print(line)
        if args.misses:
            for f, row in zip(found, rows.itertuples()):
                if not matches(f, row):
                    print("   missed:", repr(row.raw_result), "->", [
                        (g["test"], g["df1"], g["df2"], g["statistic"], g["p_comparison"]) for g in f])
    papers = test_papers(args.statcheck_repo)
    if isinstance(papers, str):
        print("test papers: skipped,", papers)
    else:
        for name, result in papers.items():
            print(f"test paper {name}: " + (result if isinstance(result, str) else
                                           f"{result[0]} of {result[1]} hand-coded results read "
                                           f"({result[2]} other results found)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
