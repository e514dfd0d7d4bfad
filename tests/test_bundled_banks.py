"""The bundled banks: grounded in the essays, covering them, and in the promised numbers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quizgen.load import load_catalog
from quizgen.model import Catalog, Cloze, Essay, MultipleAnswer, MultipleChoice

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([ROOT / "questions"], ROOT / "seeds", require_sources=True).catalog


def test_validate_require_sources_strict_passes(run) -> None:
    result = run("validate", "--require-sources", "--strict", "questions/")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_coverage_has_no_uncited_substantive_paragraph(run) -> None:
    result = run("coverage")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "lynd: 69 of 69 substantive paragraphs cited (" + result.stdout.split("(", 1)[1]
    )


def test_counts(catalog: Catalog) -> None:
    questions = catalog.questions
    assert len(questions) >= 200
    essays = Counter(s for q in questions for s in {c.essay for c in q.sources})
    assert essays["lynd"] >= 90 and essays["greene"] >= 90, essays
    types = Counter(q.kind for q in questions)
    assert len(types) == 8 and min(types.values()) >= 10, types
    levels = Counter(q.difficulty for q in questions)
    assert min(levels.values()) >= len(questions) // 5, levels


def test_every_question_teaches_and_is_tagged(catalog: Catalog) -> None:
    bank_tags = {b.id: set(b.tags) for b in catalog.banks}
    for q in catalog.questions:
        assert len(q.explanation.split()) >= 8, q.id
        assert set(q.tags) - bank_tags[q.bank], f"{q.id} has only its bank's tags"


def test_long_paragraphs_are_covered_in_proportion(catalog: Catalog) -> None:
    """A paragraph of n words is cited by at least n // 120 questions (the long ones many)."""
    cited = Counter((c.essay, c.paragraph) for q in catalog.questions for c in set(q.sources))
    for sid, essay in catalog.essays.items():
        for number in range(1, len(essay.paragraphs) + 1):
            if essay.is_substantive(number):
                words = len(essay.paragraph(number).split())
                assert cited[(sid, number)] >= max(1, words // 120), (sid, number, words)


def test_choices_are_real_distractors(catalog: Catalog) -> None:
    banned = ("all of the above", "none of the above")
    for q in catalog.questions:
        if isinstance(q, MultipleChoice | MultipleAnswer):
            assert not any(c.lower().strip(".") in banned for c in q.choices), q.id


def test_cloze_deletes_key_terms_not_half_sentences(catalog: Catalog) -> None:
    for q in catalog.questions:
        if isinstance(q, Cloze):
            for d in q.deletions:
                assert len(d.answer.split()) <= 6, (q.id, d.answer)
                assert len(d.answer) < len(q.text) / 2, (q.id, d.answer)


def test_the_longest_choice_does_not_give_the_answer_away(catalog: Catalog) -> None:
    """With four choices, chance is a quarter; a careful answer among short distractors
    would be the longest far more often, and students learn to pick it."""
    mcq = [q for q in catalog.questions if isinstance(q, MultipleChoice)]
    longest_wrong = {q.id: max(len(c) for c in q.choices if c != q.answer) for q in mcq}
    longest = [q.id for q in mcq if len(q.answer) > longest_wrong[q.id]]
    assert len(longest) <= len(mcq) // 3, longest
    assert [q.id for q in mcq if len(q.answer) >= 1.5 * longest_wrong[q.id]] == []


def test_every_question_has_a_level_and_recall_is_at_most_half(catalog: Catalog) -> None:
    assert [q.id for q in catalog.questions if q.level is None] == []
    levels = Counter(q.level for q in catalog.questions)
    assert levels["recall"] * 2 <= len(catalog.questions), levels


def test_every_essay_is_marked_out_of_ten_with_weighted_levels(catalog: Catalog) -> None:
    essays = [q for q in catalog.questions if isinstance(q, Essay)]
    assert len(essays) >= 10
    for q in essays:
        assert q.weighted and all(r.levels for r in q.rubric), q.id
        assert q.points == q.rubric_points == 10, q.id


def test_the_core_arguments_are_asked_beyond_recall(catalog: Catalog) -> None:
    """Lynd 37-39 (a theory and a way of life) and Greene 20-21 (Stalinism not inherent
    in Bolshevism): at least four comprehension or analysis questions cite each."""
    cited = Counter(
        place
        for q in catalog.questions
        if q.level != "recall"
        for place in {(c.essay, c.paragraph) for c in q.sources}
    )
    core = [("lynd", 37), ("lynd", 38), ("lynd", 39), ("greene", 20), ("greene", 21)]
    assert {k: cited[k] for k in core if cited[k] < 4} == {}


def test_essays_compared_holds_only_comparisons(catalog: Catalog) -> None:
    (bank,) = [b for b in catalog.banks if b.id == "essays-compared"]
    assert [
        q.id for q in bank.questions if {c.essay for c in q.sources} != {"lynd", "greene"}
    ] == []
