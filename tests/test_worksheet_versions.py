"""Versions of a test (quizgen.export.worksheet.versions): shuffled, reproducible, pure."""

from __future__ import annotations

import dataclasses

import pytest
from worksheet_helpers import BUNDLED_BANKS, EVERY_TYPE, SHUFFLE, catalog

from quizgen.errors import SelectionError
from quizgen.export.worksheet.versions import Arranged, Version, arrange, versions
from quizgen.model import Matching, Ordering, Question
from quizgen.vocabulary import MAX_VERSIONS, QUESTION_TYPES

Questions = tuple[Question, ...]


@pytest.fixture(scope="module")
def shuffle_questions() -> tuple[Question, ...]:
    return catalog(SHUFFLE, EVERY_TYPE).questions


def _layout(version: Version) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    return [(a.question.id, a.order, a.left_order) for a in version.questions]


def test_the_same_seed_gives_the_same_versions(shuffle_questions: Questions) -> None:
    assert versions(shuffle_questions, 3, 7) == versions(shuffle_questions, 3, 7)


def test_another_seed_gives_other_versions(shuffle_questions: Questions) -> None:
    assert _layout(arrange(shuffle_questions, 0, 7)) != _layout(arrange(shuffle_questions, 0, 8))


def test_versions_differ_from_each_other(shuffle_questions: Questions) -> None:
    layouts = [_layout(v) for v in versions(shuffle_questions, 4, 1)]
    assert len({str(layout) for layout in layouts}) == 4
    # Not only the choices: the order of questions within a section changes too.
    orders = {tuple(a.question.id for a in v.questions) for v in versions(shuffle_questions, 4, 1)}
    assert len(orders) > 1


def test_letters_run_from_a(shuffle_questions: Questions) -> None:
    assert [v.letter for v in versions(shuffle_questions, 3, 1)] == ["A", "B", "C"]
    assert versions(shuffle_questions, MAX_VERSIONS, 1)[-1].letter == "Z"


@pytest.mark.parametrize("count", [0, MAX_VERSIONS + 1])
def test_version_count_out_of_range_is_an_error(shuffle_questions: Questions, count: int) -> None:
    with pytest.raises(SelectionError, match=f"--versions must be from 1 to 26, not {count}"):
        versions(shuffle_questions, count, 1)


def test_every_question_once_grouped_by_type_in_type_order(shuffle_questions: Questions) -> None:
    for version in versions(shuffle_questions, 5, 3):
        ids = [a.question.id for a in version.questions]
        assert sorted(ids) == sorted(q.id for q in shuffle_questions)
        kinds = [a.question.kind for a in version.questions]
        assert kinds == sorted(kinds, key=QUESTION_TYPES.index)


def test_orders_are_permutations_of_the_parts(shuffle_questions: Questions) -> None:
    for version in versions(shuffle_questions, 5, 3):
        for a in version.questions:
            q = a.question
            parts = len(getattr(q, "choices", getattr(q, "items", getattr(q, "pairs", ()))))
            if q.kind in ("mcq", "multi", "order", "match"):
                assert sorted(a.order) == list(range(parts)), q.id
            else:
                assert a.order == (), q.id
            assert sorted(a.left_order) == (list(range(parts)) if q.kind == "match" else [])


def test_no_version_gives_an_answer_away_by_its_layout(shuffle_questions: Questions) -> None:
    for seed in range(60):
        for a in arrange(shuffle_questions, 0, seed).questions:
            if isinstance(a.question, Ordering):
                assert a.order != tuple(range(len(a.question.items))), (seed, a.question.id)
            if isinstance(a.question, Matching):
                assert a.order != a.left_order, (seed, a.question.id)


def test_a_questions_layout_does_not_depend_on_the_others(shuffle_questions: Questions) -> None:
    """Adding a question to a test leaves every other question's choices where they were."""
    fewer = [q for q in shuffle_questions if q.id != "s-mcq-3"]
    before = {a.question.id: a for a in arrange(shuffle_questions, 1, 5).questions}
    after = {a.question.id: a for a in arrange(fewer, 1, 5).questions}
    assert all(after[i] == before[i] for i in after)


def test_arranging_returns_frozen_objects_and_leaves_questions_alone(
    shuffle_questions: Questions,
) -> None:
    snapshot = [dataclasses.astuple(q) for q in shuffle_questions]
    version = arrange(shuffle_questions, 2, 9)
    assert [dataclasses.astuple(q) for q in shuffle_questions] == snapshot
    with pytest.raises(dataclasses.FrozenInstanceError):
        version.index = 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        version.questions[0].order = ()
    assert isinstance(version.questions[0], Arranged)


def test_bundled_banks_arrange_in_every_version() -> None:
    questions = catalog(BUNDLED_BANKS).questions
    for version in versions(questions, 3, 1):
        assert len(version.questions) == len(questions)
