"""Cloze syntax: the ``{{cN::answer::hint}}`` deletions of a cloze text, found and
checked, and anything that looks like a broken one, named.

The model's :class:`~quizgen.model.Cloze` reads its deletions here; the verifier
reports the syntax errors; the exporters place the deletions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Deletion:
    """One ``{{cN::answer::hint}}`` in a cloze text; ``start``/``end`` index the text."""

    number: int
    answer: str
    hint: str | None
    start: int
    end: int


@dataclass(frozen=True)
class ClozeSyntaxError:
    offset: int
    message: str


# An Anki deletion: {{c<N>::answer}} or {{c<N>::answer::hint}}; answer and hint may
# not contain braces, and the answer may not contain "::".
CLOZE_DELETION = re.compile(r"\{\{c(\d+)::((?:(?!::)[^{}])+)(?:::([^{}]*))?\}\}")
# In a Markdown bank an answer may hold math, braces and all: $\frac{1}{2}$ or \(...\).
CLOZE_DELETION_MATH = re.compile(
    r"\{\{c(\d+)::((?:\$[^$]+\$|\\\(.*?\\\)|(?!::)[^{}$])+)(?:::([^{}]*))?\}\}"
)
# Anki numbers a note's cards with 16 bits: c65536 is the last deletion it takes (a
# higher one makes it refuse the whole package).
MAX_CLOZE_NUMBER = 65536


def parse_cloze(
    text: str, *, math: bool = False
) -> tuple[tuple[Deletion, ...], tuple[ClozeSyntaxError, ...]]:
    """Find the deletions of a cloze text and anything that looks like a broken one.

    ``math``: the text is of a Markdown bank, whose deletions may hold math."""
    deletions: list[Deletion] = []
    errors: list[ClozeSyntaxError] = []
    last = 0
    for m in (CLOZE_DELETION_MATH if math else CLOZE_DELETION).finditer(text):
        errors.extend(_stray_braces(text, last, m.start()))
        digits = m.group(1)
        # Checked by length first: Python refuses to read a number of 4,300 digits.
        number = int(digits) if len(digits) <= 6 else MAX_CLOZE_NUMBER + 1
        if number < 1:
            errors.append(ClozeSyntaxError(m.start(), "cloze numbers start at c1, not c0"))
        elif number > MAX_CLOZE_NUMBER:
            errors.append(
                ClozeSyntaxError(
                    m.start(),
                    f"cloze number c{digits[:12]}{'...' if len(digits) > 12 else ''} is too "
                    f"large: Anki takes c1 to c{MAX_CLOZE_NUMBER}",
                )
            )
        answer = m.group(2).strip()
        if not answer:
            errors.append(ClozeSyntaxError(m.start(), f"cloze deletion c{number} is empty"))
        hint = m.group(3).strip() if m.group(3) is not None else None
        deletions.append(Deletion(number, answer, hint or None, m.start(), m.end()))
        last = m.end()
    errors.extend(_stray_braces(text, last, len(text)))
    return tuple(deletions), tuple(errors)


# A deletion written with single braces, or missing one brace at either end.
_SINGLE_BRACES = re.compile(r"(?<!\{)\{(c\d+::[^{}]*)\}(?!\})")
_ONE_CLOSING = re.compile(r"\{\{(c\d+::[^{}]*)\}(?!\})")
_ONE_OPENING = re.compile(r"(?<!\{)\{(c\d+::[^{}]*)\}\}")
_ONE_COLON = re.compile(r"\{\{c(\d+):(?!:)([^{}]*)\}\}")


def _stray_braces(text: str, start: int, end: int) -> Iterator[ClozeSyntaxError]:
    """What is wrong with a broken deletion between ``start`` and ``end``, named."""
    chunk = text[start:end]
    for pattern, problem in (
        (_ONE_CLOSING, "ends with one closing brace"),
        (_ONE_OPENING, "starts with one opening brace"),
        (_SINGLE_BRACES, "has single braces"),
    ):
        m = pattern.search(chunk)
        if m:
            yield ClozeSyntaxError(
                start + m.start(),
                f"cloze deletion {m.group(0)!r} {problem}: write {{{{{m.group(1)}}}}}",
            )
            return
    m = _ONE_COLON.search(chunk)
    if m:
        yield ClozeSyntaxError(
            start + m.start(),
            f"cloze deletion {m.group(0)!r} needs two colons: "
            f"write {{{{c{m.group(1)}::{m.group(2)}}}}}",
        )
        return
    for token in ("{{", "}}"):
        at = chunk.find(token)
        if at >= 0:
            snippet = chunk[max(0, at - 10) : at + 20]
            yield ClozeSyntaxError(
                start + at,
                f"unbalanced braces in the cloze text near {snippet!r}: "
                "write {{c1::answer}} or {{c1::answer::hint}}",
            )
            return
