"""The registry of bundled studies: listing, loading, describing, reproducing."""
import pytest

from mixedmethods import InputError
from mixedmethods.studies import describe_studies, list_studies, load_study, reproduce_study
from mixedmethods.studies.registry import data_root, study_module


def test_every_study_module_is_listed_in_order():
    assert list_studies() == ["mexico-omi", "south-africa", "japan", "review-table6", "norway"]
    assert [study_module(n).NAME for n in list_studies()] == list_studies()


def test_describe_studies_names_each_csv():
    table = describe_studies()
    assert list(table.columns) == ["name", "title", "tables"]
    mexico = table.set_index("name").loc["mexico-omi", "tables"].split(", ")
    assert sorted(mexico) == sorted(p.stem for p in (data_root() / study_module("mexico-omi").DATA_FOLDER).glob("*.csv"))


def test_printed_keeps_the_text_and_numbers_become_numbers():
    printed = load_study("mexico-omi", printed=True)["recovery_possible"]
    numbers = load_study("mexico-omi")["recovery_possible"]
    assert printed["n_participants"].tolist() == ["45", "28", "16"]
    assert numbers["n_participants"].tolist() == [45, 28, 16]
    assert {"source", "quote"} <= set(numbers.columns)


@pytest.mark.parametrize("call", [load_study, reproduce_study, study_module])
def test_unknown_study_is_an_input_error_naming_it(call):
    with pytest.raises(InputError, match="atlantis"):
        call("atlantis")


def test_dir_shows_the_public_api_only():
    import mixedmethods.studies as studies

    assert sorted(dir(studies)) == sorted(studies.__all__)
    assert "importlib" not in dir(studies)
