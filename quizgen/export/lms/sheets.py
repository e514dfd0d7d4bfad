"""Game-show spreadsheets (Kahoot, Blooket): one row per question, up to four answers.

Only multiple choice (one right answer) and true/false fit: a sheet that marks
several answers right accepts any ONE of them, which is not select-all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import assert_never

from ...model import (
    Cloze,
    Essay,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    TrueFalse,
)
from . import Misfit, choice_order


@dataclass(frozen=True)
class Limits:
    platform: str
    question_chars: int | None = None
    answer_chars: int | None = None
    answers: int = 4


@dataclass(frozen=True)
class SheetRow:
    question_id: str
    text: str
    answers: tuple[str, ...]
    correct: tuple[int, ...]  # numbered from 1, as the sheets number answers


def one_line(text: str) -> str:
    """A cell's text: white space, line breaks included, folded to single spaces."""
    return " ".join(text.split())


def _candidate(q: Question, platform: str) -> SheetRow | str:
    match q:
        case MultipleChoice():
            order = choice_order(q.id, len(q.choices))
            answers = tuple(one_line(q.choices[n]) for n in order)
            correct = (order.index(q.answer_index) + 1,)
            return SheetRow(q.id, one_line(q.prompt), answers, correct)
        case TrueFalse():
            return SheetRow(q.id, one_line(q.prompt), ("True", "False"), (1 if q.answer else 2,))
        case MultipleAnswer():
            return f"select-all: {platform} counts any one marked answer as right"
        case ShortAnswer() | Cloze() | Matching() | Ordering() | Essay():
            return f"{platform} has no {q.kind} type"
        case _:
            assert_never(q)


def sheet_rows(
    questions: Sequence[Question], limits: Limits
) -> tuple[list[SheetRow], list[Misfit]]:
    """The rows that fit the platform's template, and every question that does not."""
    rows: list[SheetRow] = []
    misfits: list[Misfit] = []
    for q in questions:
        row = _candidate(q, limits.platform)
        reason = row if isinstance(row, str) else _too_long(row, limits)
        if reason:
            misfits.append(Misfit(q.id, reason))
        elif isinstance(row, SheetRow):
            rows.append(row)
    return rows, misfits


def _too_long(row: SheetRow, limits: Limits) -> str | None:
    if len(row.answers) > limits.answers:
        return f"{len(row.answers)} choices; at most {limits.answers}"
    if limits.question_chars and len(row.text) > limits.question_chars:
        return f"question of {len(row.text)} characters; at most {limits.question_chars}"
    longest = max(len(a) for a in row.answers)
    if limits.answer_chars and longest > limits.answer_chars:
        return f"an answer of {longest} characters; at most {limits.answer_chars}"
    return None
