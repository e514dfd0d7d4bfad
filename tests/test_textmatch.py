from __future__ import annotations

from quizgen.textmatch import EssayIndex, normalise, quote_pieces

PARAS = (
    "Title",
    "He said: \u201cthe midnight of the century\u201d \u2014 and  then\u00a0left.",
    "Serge wrote primarily in French. About twenty of his books were novels.",
)


def test_normalise_quotes_dashes_spaces_and_compatibility_forms() -> None:
    assert normalise("\u201cA\u201d \u2013 \u2018b\u2019\u00a0\u00a0c\ufb01") == "\"A\" - 'b' cfi"


def test_case_is_kept() -> None:
    index = EssayIndex(PARAS)
    assert index.locate("serge wrote primarily in French.") is None
    assert index.locate("Serge wrote primarily in French.") == 3


def test_typographic_variants_match() -> None:
    index = EssayIndex(PARAS)
    assert index.locate('"the midnight of the century" - and then left.') == 2


def test_elision_pieces_in_order_within_one_paragraph() -> None:
    index = EssayIndex(PARAS)
    assert quote_pieces("Serge wrote \u2026 his books") == ["Serge wrote", "his books"]
    assert index.locate("Serge wrote ... twenty of his books") == 3
    assert index.locate("twenty of his books ... Serge wrote") is None  # out of order
    assert index.locate("He said ... About twenty") is None  # spans two paragraphs


def test_no_match_across_paragraph_boundary() -> None:
    index = EssayIndex(PARAS)
    assert index.locate("left. Serge wrote") is None


def test_closest_passage_points_at_the_right_paragraph() -> None:
    index = EssayIndex(PARAS)
    number, passage = index.closest("Serge wrote mainly in French.")
    assert number == 3
    assert "Serge wrote primarily in French." in passage
