"""The readers' fixture project, written by ``mixedmethods.write_qdpx`` (no other tool involved).

Four participants (Chloé never coded), a codebook with a folder and three
levels, a span coded with two codes, a whole-source coding, two coders,
attributes on the cases and sets naming a third attribute.  The expected
counts are computed by hand in the tests.
"""
import re
import zipfile
from pathlib import Path

import pandas as pd

from mixedmethods.readers import QDAProject, write_qdpx

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
INTEROP = Path(__file__).resolve().parents[2].parent / "shared" / "interop"
NS = "urn:QDA-XML:project:1.0"

TEXTS = {
    # the emoji (one code point, two UTF-16 units, four UTF-8 bytes) comes before the quotes
    "ana": "Entrevista 😊: j'ai peur du coût élevé et des frais cachés. Le temps manque.",
    "bruno": "Bruno: my family helps. Also my family pays.",
    "chloe": "Chloé n'a rien dit de particulier.",
    "dmitri": "Dmitri says the cost is fine.",
}
QUOTES = {  # selection -> (source, quote, code paths)
    "sel-ana-1": ("ana", "coût élevé et des frais cachés",
                  ["Barriers / Cost", "Barriers / Cost / Hidden fees"]),  # one span, two codes
    "sel-ana-2": ("ana", "Le temps manque", ["Barriers / Time"]),
    "sel-bruno-1": ("bruno", "my family helps", ["Support / Family"]),  # Bruno coded twice with one code
    "sel-bruno-2": ("bruno", "my family pays", ["Support / Family"]),
    "sel-dmitri-1": ("dmitri", "cost", ["Barriers / Cost"]),
}
CASES = {  # Chloé is never coded
    "Ana": ("ana", "woman", 34), "Bruno": ("bruno", "man", 51),
    "Chloé": ("chloe", "woman", 29), "Dmitri": ("dmitri", "man", 40),
}
CODES = pd.DataFrame({  # codebook order; Barriers is a folder
    "code_path": ["Barriers", "Barriers / Time", "Barriers / Cost", "Barriers / Cost / Hidden fees",
                  "Support", "Support / Family"],
    "is_codable": [False, True, True, True, True, True],
    "color": ["#D55E00", None, None, None, "#009E73", None],
    "description": [None, None, "Money, prices", None, None, None],
})


def fixture_project():
    """The fixture as a QDAProject: what write_qdpx is given."""
    owner = {src: name for name, (src, _, _) in CASES.items()}
    rows = []
    for sel, (src, quote, paths) in QUOTES.items():
        start = TEXTS[src].index(quote)  # code points, as Python indexes str
        for path in paths:
            rows.append({"participant": owner[src], "code": path.split(" / ")[-1], "code_path": path,
                         "source": f"{src}.txt", "start": start, "end": start + len(quote), "text": quote,
                         "coder": "Zoé", "segment": sel, "source_id": f"s-{src}"})
    rows.append({"participant": "Dmitri", "code": "Support", "code_path": "Support", "source": "dmitri.txt",
                 "start": None, "end": None, "text": None, "coder": "Lin", "segment": "s-dmitri",
                 "source_id": "s-dmitri"})
    segments = pd.DataFrame(rows).astype({"start": "Int64", "end": "Int64"})
    participants = pd.DataFrame([{"participant": name, "gender": gender, "age": age}
                                 for name, (_, gender, age) in CASES.items()])
    sources = pd.DataFrame({"source_id": [f"s-{s}" for s in TEXTS], "source": [f"{s}.txt" for s in TEXTS],
                            "participant": [owner[s] for s in TEXTS]})
    sets = pd.DataFrame({
        "set": ["sector: public", "sector: public", "sector: private", "to reread"],
        "member_type": ["source", "source", "source", "code"],
        "member_id": ["s-ana", "s-bruno", "s-dmitri", None],
        "member": ["ana.txt", "bruno.txt", "dmitri.txt", "Barriers / Time"],
    })
    return QDAProject(codes=CODES, segments=segments, participants=participants, sources=sources, sets=sets,
                      name="fixture", origin="mixedmethods tests",
                      texts={f"s-{s}": text for s, text in TEXTS.items()})


def _inclusive(qde):
    """The same project with endPosition on the last character (the specification's wording)."""
    return re.sub(r'endPosition="(\d+)"', lambda m: f'endPosition="{int(m.group(1)) - 1}"', qde)


def make_qdpx(path, *, inclusive=False, extra_members=(), qde_override=None):
    """Write the fixture with ``write_qdpx``; then, for the hostile-file tests, edit the archive."""
    write_qdpx(fixture_project(), path, origin="mixedmethods tests")
    if not (inclusive or extra_members or qde_override is not None):
        return path
    with zipfile.ZipFile(path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    qde = members.pop("project.qde").decode("utf-8")
    qde = qde_override if qde_override is not None else _inclusive(qde) if inclusive else qde
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", qde)
        for name, data in members.items():
            zf.writestr(name, data)
        for name, data in extra_members:
            zf.writestr(name, data)
    return path
