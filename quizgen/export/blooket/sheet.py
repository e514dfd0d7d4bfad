"""Blooket's CSV import template: a title row, the header row, one question a row.

The template is 26 columns wide; its cells name the limits ("Max: 300 seconds",
"Only include Answer #"), and a CSV is written with CRLF line ends and no BOM.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from ...errors import SelectionError
from ...model import Question
from ..lms import Misfit
from ..lms.sheets import Limits, sheet_rows
from ..output import write_atomic

WIDTH = 26
TITLE = "Blooket\nImport Template"
HEADER = (
    "Question #",
    "Question Text",
    "Answer 1",
    "Answer 2",
    "Answer 3\n(Optional)",
    "Answer 4\n(Optional)",
    "Time Limit (sec)\n(Max: 300 seconds)",
    "Correct Answer(s)\n(Only include Answer #)",
)
LIMITS = Limits("Blooket", answers=4)


def _padded(cells: Sequence[object]) -> list[object]:
    return [*cells, *[""] * (WIDTH - len(cells))]


def blooket_csv(out: Path, questions: Sequence[Question], seconds: int) -> tuple[int, list[Misfit]]:
    rows, misfits = sheet_rows(questions, LIMITS)
    if not rows:
        raise SelectionError(
            "no selected question fits Blooket's spreadsheet (multiple choice or true/false)"
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_padded([TITLE]))
    writer.writerow(_padded(HEADER))
    for n, row in enumerate(rows, start=1):
        answers = [*row.answers, *[""] * (4 - len(row.answers))]
        correct = ",".join(str(c) for c in row.correct)
        writer.writerow(_padded([n, row.text, *answers, seconds, correct]))
    write_atomic(out, buffer.getvalue())
    return len(rows), misfits
