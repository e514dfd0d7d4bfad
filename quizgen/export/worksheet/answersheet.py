"""The answer sheet of one version: where every bubble sits, in millimetres on the page.

One layout serves three readers: the template places each bubble at its position,
the key file (``mark-key-A.json``) records the same positions for ``quizgen mark``,
and the tests fill the bubbles they find there. Positions are relative to the page's
top-left corner; the four corner marks let a reader map a scan or photo onto them.

Every page carries the header: title, version, name box, the student-number grid and a
QR code naming the test, the version, the check code and the page, so that pages of a
class set can be scanned in any order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ...model import MultipleAnswer, MultipleChoice, TrueFalse
from .view import Item, Worksheet

KEY_FORMAT = "quizgen-mark-key"
KEY_FORMAT_VERSION = 1
QR_PREFIX = "QZG1"

PAGE_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MARK_INSET = 10.0  # corner mark centres, from each edge
MARK_SIZE = 5.0
BUBBLE_D = 4.4  # bubble diameter
BUBBLE_PITCH = 6.0
ROW_PITCH = 6.5
LEFT, RIGHT_INSET = 18.0, 18.0
QUESTIONS_TOP = 84.0
BOTTOM_INSET = 19.0
COLUMNS = 3
LABEL_W = 9.0
QR_SIZE = 26.0
QR_TOP = 15.0
STUDENT_DIGITS = 8
DIGIT_PITCH_X, DIGIT_PITCH_Y = 5.4, 5.0
STUDENT_LEFT, STUDENT_TOP = 112.0, 26.0  # the first digit column's "0" bubble centre


@dataclass(frozen=True)
class Bubble:
    value: str  # a letter (A..H), T/F, a number of points, or a digit
    x: float
    y: float

    def style(self) -> str:
        return f"left:{self.x - BUBBLE_D / 2:.2f}mm;top:{self.y - BUBBLE_D / 2:.2f}mm"


@dataclass(frozen=True)
class Row:
    """One question's bubbles on the answer sheet (a long points row wraps onto more)."""

    item: Item
    page: int
    mode: str  # "letter": the student fills; "points": the teacher fills
    label_x: float
    label_y: float
    bubbles: tuple[Bubble, ...]

    def label_style(self) -> str:
        return f"left:{self.label_x:.2f}mm;top:{self.label_y - 2.4:.2f}mm;width:{LABEL_W - 1:.1f}mm"


@dataclass(frozen=True)
class AnswerSheet:
    worksheet: Worksheet
    width: float
    height: float
    pages: int
    rows: tuple[Row, ...]
    student: tuple[tuple[Bubble, ...], ...]  # per digit column, the bubbles 0..9

    def page_rows(self, page: int) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.page == page)

    def marks(self) -> tuple[tuple[str, float, float], ...]:
        w, h, m = self.width, self.height, MARK_INSET
        return (
            ("top-left", m, m),
            ("top-right", w - m, m),
            ("bottom-left", m, h - m),
            ("bottom-right", w - m, h - m),
        )

    def qr_payload(self, page: int) -> str:
        ws = self.worksheet
        return f"{QR_PREFIX} {ws.test_id} {ws.letter} {ws.check_code} {page}/{self.pages}"

    def qr_svg(self, page: int) -> str:
        import re

        import segno

        qr = segno.make_qr(self.qr_payload(page), error="m")
        svg: str = qr.svg_inline(scale=1, border=2, unit="mm", dark="#000")
        size = f'width="{QR_SIZE}mm" height="{QR_SIZE}mm"'
        return re.sub(r'width="[^"]*" height="[^"]*"', size, svg, count=1)

    def qr_style(self) -> str:
        return f"left:{self.width - RIGHT_INSET - QR_SIZE:.2f}mm;top:{QR_TOP}mm"


def bubble_values(item: Item) -> tuple[str, tuple[str, ...]]:
    """How a question is answered on the sheet: its mode and its bubbles' values."""
    q = item.question
    if isinstance(q, (MultipleChoice, MultipleAnswer)):
        return "letter", tuple(o.letter for o in item.options)
    if isinstance(q, TrueFalse):
        return "letter", ("T", "F")
    return "points", tuple(str(n) for n in range(item.points + 1))


def layout(ws: Worksheet) -> AnswerSheet:
    width, height = PAGE_MM[ws.paper]
    column_w = (width - LEFT - RIGHT_INSET) / COLUMNS
    per_row = max(1, math.floor((column_w - LABEL_W) / BUBBLE_PITCH))
    rows_per_column = math.floor((height - BOTTOM_INSET - QUESTIONS_TOP) / ROW_PITCH) + 1
    page, column, line = 1, 0, 0
    rows: list[Row] = []
    for item in ws.items:
        mode, values = bubble_values(item)
        lines = math.ceil(len(values) / per_row)
        if line + lines > rows_per_column:
            line, column = 0, column + 1
            if column == COLUMNS:
                page, column = page + 1, 0
        x0 = LEFT + column * column_w
        y0 = QUESTIONS_TOP + line * ROW_PITCH
        bubbles = tuple(
            Bubble(
                value,
                x0 + LABEL_W + (n % per_row) * BUBBLE_PITCH + BUBBLE_D / 2,
                y0 + (n // per_row) * ROW_PITCH,
            )
            for n, value in enumerate(values)
        )
        rows.append(Row(item, page, mode, x0, y0, bubbles))
        line += lines
    student = tuple(
        tuple(
            Bubble(str(d), STUDENT_LEFT + c * DIGIT_PITCH_X, STUDENT_TOP + d * DIGIT_PITCH_Y)
            for d in range(10)
        )
        for c in range(STUDENT_DIGITS)
    )
    return AnswerSheet(ws, width, height, page, tuple(rows), student)


def key_data(sheet: AnswerSheet) -> dict[str, Any]:
    """The machine-readable key ``quizgen mark`` reads: answers, points and positions."""
    ws = sheet.worksheet
    return {
        "format": KEY_FORMAT,
        "format_version": KEY_FORMAT_VERSION,
        "test": ws.test_id,
        "title": ws.title,
        "version": ws.letter,
        "check_code": ws.check_code,
        "paper": ws.paper,
        "page_mm": [sheet.width, sheet.height],
        "pages": sheet.pages,
        "scoring": {"match": ws.scoring.match, "partial": ws.scoring.partial},
        "marks_mm": {name: [x, y] for name, x, y in sheet.marks()},
        "mark_size_mm": MARK_SIZE,
        "bubble_mm": BUBBLE_D,
        "qr_mm": [sheet.width - RIGHT_INSET - QR_SIZE, QR_TOP, QR_SIZE],
        "student_number": [[[b.x, b.y] for b in column] for column in sheet.student],
        "questions": [_question_data(row) for row in sheet.rows],
    }


def _question_data(row: Row) -> dict[str, Any]:
    item = row.item
    q = item.question
    answer: list[str] = []
    choices: dict[str, str] = {}
    if isinstance(q, (MultipleChoice, MultipleAnswer)):
        answer = [o.letter for o in item.solution]
        choices = {o.letter: o.text for o in item.options}
    elif isinstance(q, TrueFalse):
        answer = ["T" if q.answer else "F"]
        choices = {"T": "True", "F": "False"}
    return {
        "number": item.number,
        "id": q.id,
        "kind": item.kind,
        "points": item.points,
        "mode": row.mode,
        "answer": answer,
        "choices": choices,
        "page": row.page,
        "bubbles": [[b.value, round(b.x, 3), round(b.y, 3)] for b in row.bubbles],
    }
