"""Words in open answers: frequencies and keywords in context."""
import pandas as pd
import pytest

from mixedmethods import InputError, InputTypeError
from mixedmethods.text import STOPWORDS, keywords_in_context, word_frequencies


def test_word_frequencies_spanish_and_english():
    res = word_frequencies(["La familia apoya.", "Sin la familia no hay apoyo", "FAMILIA"], language="es")
    assert res.iloc[0].to_dict() == {"word": "familia", "n": 3, "n_texts": 3}
    assert "la" not in set(res["word"])
    en = word_frequencies("The family, the FAMILY and don't worry", language="en")
    assert en.set_index("word")["n"].to_dict() == {"family": 2, "worry": 1}
    own = word_frequencies(["the family"], stopwords=STOPWORDS["en"] | {"family"})
    assert len(own) == 0
    keep_all = word_frequencies(["the family"], stopwords=())
    assert list(keep_all["word"]) == ["family", "the"]


def test_word_frequencies_bad_input():
    with pytest.raises(InputError, match="language"):
        word_frequencies(["x"], language="fr")
    with pytest.raises(InputTypeError, match=r"texts\[1\]"):
        word_frequencies(["ok", 3])


def test_keywords_in_context():
    texts_ = pd.Series(["Mi familia me apoyó mucho. La familia es todo.", "Sin apoyo"], index=["P1", "P2"])
    kwic = keywords_in_context(texts_, "familia", window=2)
    assert kwic["text_id"].tolist() == ["P1", "P1"]
    assert kwic["left"].tolist() == ["Mi", "… mucho. La"]
    assert kwic["right"].tolist() == ["me apoyó …", "es todo."]
    assert texts_["P1"][kwic["start"][1]:kwic["end"][1]] == "familia"
    assert keywords_in_context(["familiar"], "familia").empty  # whole words only
    assert len(keywords_in_context(["La Red Social"], "red social")) == 1
    with pytest.raises(InputError, match="keyword"):
        keywords_in_context(["x"], " ")
