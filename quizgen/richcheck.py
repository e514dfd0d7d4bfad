"""Verifier rules for rich content: bad TeX, unclosed math and fences, images."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import assert_never

from .media import image_problem
from .model import (
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
from .rich import problems
from .yamlfile import DocPath


def text_fields(q: Question) -> Iterator[tuple[DocPath, str]]:
    """Every text field of ``q`` with its place in the bank file."""
    if q.explanation:
        yield ("explanation",), q.explanation
    if q.image is not None:
        yield ("image", "alt"), q.image.alt
    match q:
        case Cloze():
            yield ("text",), q.text
            return
        case _:
            yield ("prompt",), q.prompt
    match q:
        case MultipleChoice() | MultipleAnswer():
            for i, c in enumerate(q.choices):
                yield ("choices", i), c
        case ShortAnswer():
            yield ("answer",), q.answer
            for i, a in enumerate(q.accept):
                yield ("accept", i), a
        case Matching():
            for i, p in enumerate(q.pairs):
                yield ("pairs", i, "left"), p.left
                yield ("pairs", i, "right"), p.right
        case Ordering():
            for i, item in enumerate(q.items):
                yield ("items", i), item
        case Essay():
            yield ("answer",), q.answer
            for i, r in enumerate(q.rubric):
                yield ("rubric", i), r.criterion
                if r.levels is not None:
                    for level in ("full", "partial", "none"):
                        yield ("rubric", i, "levels", level), getattr(r.levels, level)
        case TrueFalse():
            pass
        case _:
            assert_never(q)


def rich_problems(q: Question) -> Iterator[tuple[DocPath, str]]:
    if q.image is not None:
        problem = image_problem(Path(q.image.path))
        if problem:
            yield ("image", "path"), problem
    if not q.markdown:
        return
    for path, text in text_fields(q):
        for p in problems(text):
            yield path, f"{p.message} (at character {p.offset + 1})"
