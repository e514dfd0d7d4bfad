"""Kahoot's quiz spreadsheet template: the header on row 8, one question a row from 9.

Columns B to H as the template names them; column A numbers the questions.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from ...errors import SelectionError
from ...model import Question
from ..lms import Misfit
from ..lms.sheets import Limits, SheetRow, sheet_rows
from ..output import write_atomic

LIMITS = Limits("Kahoot!", question_chars=120, answer_chars=75, answers=4)
HEADER = (
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
HEADER_ROW = 8


def kahoot_rows(questions: Sequence[Question]) -> tuple[list[SheetRow], list[Misfit]]:
    rows, misfits = sheet_rows(questions, LIMITS)
    if not rows:
        raise SelectionError(
            "no selected question fits Kahoot's spreadsheet (multiple choice or "
            "true/false, question up to 120 characters, answers up to 75)"
        )
    return rows, misfits


def write_workbook(out: Path, rows: Sequence[SheetRow], seconds: int) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet["B2"] = "Quiz template"
    sheet["B3"] = "Written by quizgen. Import it in Kahoot! with 'Import spreadsheet'."
    for column, title in enumerate(HEADER, start=2):
        sheet.cell(HEADER_ROW, column, title)
    for n, row in enumerate(rows, start=1):
        r = HEADER_ROW + n
        sheet.cell(r, 1, n)
        sheet.cell(r, 2, row.text)
        for column, answer in enumerate(row.answers, start=3):
            sheet.cell(r, column, answer)
        sheet.cell(r, 7, seconds)
        # One right answer as a number, as the template's examples have it.
        right = row.correct[0] if len(row.correct) == 1 else ",".join(map(str, row.correct))
        sheet.cell(r, 8, right)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(out, buffer.getvalue())
