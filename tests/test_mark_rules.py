"""The rules that turn bubble fills into answers and answers into points: certain
readings are read, uncertain ones flagged, never guessed; scoring follows the key."""

from __future__ import annotations

import pytest
from worksheet_helpers import EVERY_TYPE, catalog

from quizgen.export.worksheet.write import WorksheetOptions, make_worksheets
from quizgen.mark.decide import RowReading, read_row, score
from quizgen.mark.keys import KeyQuestion
from quizgen.scoring import Scoring

ABCD = ("A", "B", "C", "D")


@pytest.mark.parametrize(
    ("fills", "single", "values", "flag"),
    [
        ((0.05, 0.9, 0.06, 0.04), True, ("B",), ""),  # one clean fill
        ((0.05, 0.06, 0.06, 0.04), True, (), ""),  # left blank
        ((0.05, 0.9, 0.2, 0.04), True, ("B",), ""),  # a faint erasure stays below EMPTY
        ((0.28, 0.9, 0.06, 0.04), True, ("B",), ""),  # a light ghost beside a firm fill
        ((0.05, 0.9, 0.4, 0.04), True, ("B", "C"), "unclear"),  # too dark to ignore
        ((0.05, 0.35, 0.06, 0.04), True, (), "unclear"),  # a half fill alone
        ((0.8, 0.9, 0.06, 0.04), True, ("A", "B"), "two marks"),
        ((0.8, 0.9, 0.06, 0.04), False, ("A", "B"), ""),  # select-all: two are fine
        ((0.8, 0.3, 0.06, 0.04), False, ("A",), "unclear"),  # ... but never a half one
    ],
)
def test_a_row_is_read_or_flagged(fills, single, values, flag) -> None:
    reading = read_row(fills, ABCD, single)
    assert reading.flag.startswith(flag) if flag else reading.flag == ""
    if not flag:
        assert reading.values == values


def _question(kind: str, answer: tuple[str, ...], points: int = 2, mode: str = "letter"):
    return KeyQuestion(1, "q", kind, points, mode, answer, {}, 1, ())


@pytest.mark.parametrize(
    ("chosen", "partial", "expected"),
    [
        (("A", "C"), "per-item", 2.0),
        (("A",), "per-item", 1.0),
        (("A", "B"), "per-item", 0.0),  # one right, one wrong: they cancel
        (("B", "D"), "per-item", 0.0),  # never below 0
        (("A", "B", "C"), "per-item", 1.0),
        (("A",), "none", 0.0),
        (("A", "C"), "none", 2.0),
    ],
)
def test_select_all_scores_by_the_partial_credit_rule(chosen, partial, expected) -> None:
    q = _question("multi", ("A", "C"))
    assert score(q, RowReading(chosen, ()), partial) == expected


def test_flagged_rows_score_nothing_and_points_rows_score_their_value() -> None:
    mcq = _question("mcq", ("B",))
    assert score(mcq, RowReading(("B",), ()), "per-item") == 2.0
    assert score(mcq, RowReading(("A",), ()), "per-item") == 0.0
    assert score(mcq, RowReading(("B",), (), "unclear"), "per-item") is None
    essay = _question("essay", (), points=5, mode="points")
    assert score(essay, RowReading(("3",), ()), "per-item") == 3.0


def test_matching_points_per_pair_or_per_question_and_the_key_says_so() -> None:
    every = catalog(EVERY_TYPE)
    for match, partial, points, rule in [
        ("pair", "per-item", 2, "1 pt for each right pair."),
        ("question", "per-item", 1, "0.5 pts for each right pair."),
        ("question", "none", 1, "Every pair right for the points; otherwise 0."),
    ]:
        options = WorksheetOptions(scoring=Scoring(match, partial))
        (ws,) = make_worksheets(every, every.questions, options)
        item = next(i for i in ws.items if i.kind == "match")
        assert (item.points, item.rule) == (points, rule)
    multi = next(i for i in ws.items if i.kind == "multi")
    assert multi.rule == "All the right boxes and no wrong one for the points; otherwise 0."
