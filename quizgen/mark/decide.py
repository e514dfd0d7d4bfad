"""What the bubbles of a page say, and what each answer scores; never a guess.

A bubble is *filled* (fill >= FILLED), *empty* (fill <= EMPTY) or *unclear*. A row
whose reading is not certain (an unclear bubble that could change the answer, two
marks in a one-answer row, a points row left blank) is flagged for a person, and it
scores nothing until that person has looked.
"""

from __future__ import annotations

from dataclasses import dataclass

from .keys import KeyQuestion, VersionKey
from .scan import ReadPage

FILLED = 0.45
EMPTY = 0.22
# In a one-answer row, a clearly filled bubble beside faint ones (an erasure, a
# crossed-out letter, a smudge) is the answer when every faint one stays below this
# and below a third of the filled one.
FAINT = 0.36
UNCLEAR = "unclear (half-filled, erased or crossed out): "


@dataclass(frozen=True)
class RowReading:
    """One question's bubbles as read: the chosen values, or why it needs a look."""

    values: tuple[str, ...]
    fills: tuple[float, ...]
    flag: str = ""  # empty when the reading is certain

    @property
    def text(self) -> str:
        return "".join(self.values) if not self.flag else "?"


def read_row(fills: tuple[float, ...], values: tuple[str, ...], single: bool) -> RowReading:
    filled = [i for i, f in enumerate(fills) if f >= FILLED]
    unclear = [i for i, f in enumerate(fills) if EMPTY < f < FILLED]
    chosen = tuple(values[i] for i in filled)
    if not single:
        if unclear:
            names = ", ".join(values[i] for i in unclear)
            return RowReading(chosen, fills, UNCLEAR + names)
        return RowReading(chosen, fills)
    if len(filled) > 1:
        names = " and ".join(values[i] for i in filled)
        return RowReading(chosen, fills, f"two marks in a one-answer row: {names}")
    if len(filled) == 1 and unclear:
        top = fills[filled[0]]
        if all(fills[i] < FAINT and fills[i] < top / 3 for i in unclear):
            return RowReading(chosen, fills)
    if unclear:
        names = ", ".join(values[i] for i in unclear)
        return RowReading(chosen, fills, UNCLEAR + names)
    return RowReading(chosen, fills)


def read_question(page: ReadPage, q: KeyQuestion, bubble_mm: float) -> RowReading:
    fills = tuple(page.fill(x, y, bubble_mm) for _, x, y in q.bubbles)
    values = tuple(v for v, _, _ in q.bubbles)
    reading = read_row(fills, values, q.single)
    if q.mode == "points" and not reading.flag and not reading.values:
        return RowReading((), fills, "no points filled in (not marked yet?)")
    return reading


def read_student(page: ReadPage, key: VersionKey) -> tuple[str, str]:
    """The student number and, where it cannot be read for sure, why."""
    digits = []
    for column in key.student_number:
        fills = tuple(page.fill(x, y, key.bubble_mm) for x, y in column)
        reading = read_row(fills, tuple("0123456789"), single=True)
        if reading.flag:
            return "", f"student number: {reading.flag}"
        digits.append(reading.values[0] if reading.values else " ")
    number = "".join(digits).rstrip()
    if not number:
        return "", "student number: no digit filled in"
    if " " in number:
        return "", "student number: a column left empty between digits"
    return number, ""


def score(q: KeyQuestion, reading: RowReading, partial: str) -> float | None:
    """The points ``reading`` earns, or None while it needs a look."""
    if reading.flag:
        return None
    if q.mode == "points":
        return float(reading.values[0])
    chosen, right = set(reading.values), set(q.answer)
    if q.single:
        return float(q.points) if chosen and chosen <= right else 0.0
    if partial == "none":
        return float(q.points) if chosen == right else 0.0
    earned = len(chosen & right) - len(chosen - right)
    return round(q.points * max(0, earned) / len(right), 2)
