"""Game-show spreadsheets (Kahoot, Blooket): one row per question, up to four answers.

Only multiple choice (one right answer) and true/false fit: a sheet that marks
several answers right accepts any ONE of them, which is not select-all. A cell holds
plain text: a Markdown bank's text is written as a reader sees it
(:mod:`quizgen.plaintext`), and the limits count that text. Neither template has a
column for a picture, so a question with an image does not fit.
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
from ...plaintext import to_plain
from . import Misfit, choice_order

TYPE_NAMES = {
    "short": "short-answer",
    "cloze": "cloze",
    "match": "matching",
    "order": "ordering",
    "essay": "essay",
}


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


def cell_text(q: Question, text: str, *, block: bool = False) -> str:
    """A field as a cell holds it: plain text on one line."""
    return one_line(to_plain(text, markdown=q.markdown, block=block))


def _candidate(q: Question, platform: str) -> SheetRow | Misfit:
    match q:
        case MultipleChoice() | TrueFalse() if q.image is not None:
            return Misfit(q.id, "has an image")
        case MultipleChoice():
            order = choice_order(q.id, len(q.choices))
            answers = tuple(cell_text(q, q.choices[n]) for n in order)
            correct = (order.index(q.answer_index) + 1,)
            return SheetRow(q.id, cell_text(q, q.prompt, block=True), answers, correct)
        case TrueFalse():
            prompt = cell_text(q, q.prompt, block=True)
            return SheetRow(q.id, prompt, ("True", "False"), (1 if q.answer else 2,))
        case MultipleAnswer():
            return Misfit(q.id, f"select-all ({platform} counts any one marked answer as right)")
        case ShortAnswer() | Cloze() | Matching() | Ordering() | Essay():
            return Misfit(q.id, f"no {TYPE_NAMES[q.kind]} type")
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
        problem = row if isinstance(row, Misfit) else _too_long(row, limits)
        if problem:
            misfits.append(problem)
        elif isinstance(row, SheetRow):
            rows.append(row)
    return rows, misfits


def _too_long(row: SheetRow, limits: Limits) -> Misfit | None:
    if len(row.answers) > limits.answers:
        return Misfit(row.question_id, f"more than {limits.answers} choices", str(len(row.answers)))
    if limits.question_chars and len(row.text) > limits.question_chars:
        reason = f"question over {limits.question_chars} characters"
        return Misfit(row.question_id, reason, str(len(row.text)))
    longest = max(len(a) for a in row.answers)
    if limits.answer_chars and longest > limits.answer_chars:
        return Misfit(
            row.question_id, f"an answer over {limits.answer_chars} characters", str(longest)
        )
    return None
