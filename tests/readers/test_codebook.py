"""Tests of mixedmethods.readers.read_codebook: REFI-QDA codebooks (.qdc), built here."""
import pytest

import mixedmethods as mm
from mixedmethods._validation import InputError
from mixedmethods.readers import read_codebook, read_qdpx, read_taguette

from ._qdpx_fixture import NS
from .test_qdpx import CODEBOOK, zipped

QDC = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.5.2"><Codes>
<Code guid="t1" name="barrier" isCodable="true" color="#D55E00"><Description>What stands in the way</Description>
<Code guid="t2" name="time" isCodable="true"/></Code>
<Code guid="t3" name="support" isCodable="false"><Code guid="t4" name="family" isCodable="true" color="#009E73"/></Code>
</Codes><Sets/></CodeBook>"""


def test_read_codebook(tmp_path):
    path = tmp_path / "codebook.qdc"
    path.write_text(QDC, encoding="utf-8")
    codes = read_codebook(path)
    assert codes["code_path"].tolist() == ["barrier", "barrier / time", "support", "support / family"]
    assert codes["description"].tolist()[0] == "What stands in the way"
    assert codes["color"].tolist()[::3] == ["#D55E00", "#009E73"]
    assert codes["is_codable"].tolist() == [True, True, False, True]
    assert mm.read_codebook is read_codebook
    # before: "root element is <CodeBook>"; now both readers say where it goes
    with pytest.raises(InputError, match="is a REFI-QDA codebook.*read it with mixedmethods.read_codebook"):
        read_qdpx(path)
    with pytest.raises(InputError, match="codebook.qdc is read by mixedmethods.read_codebook"):
        read_taguette(path)
    # the codebook of a project
    project = zipped(tmp_path / "p.qdpx", f'<Project xmlns="{NS}" name="x">{CODEBOOK}</Project>')
    assert read_codebook(project)["code"].tolist() == ["place", "feeling"]
    with pytest.raises(InputError, match="not a REFI-QDA codebook"):
        read_codebook(zipped(tmp_path / "q.qdpx", f'<Other xmlns="{NS}"/>'))


def test_hostile_codebook_is_refused(tmp_path):
    path = tmp_path / "bomb.qdc"
    path.write_text('<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY a "aaaa">]><CodeBook>&a;</CodeBook>')
    with pytest.raises(InputError, match="declares entities"):
        read_codebook(path)
