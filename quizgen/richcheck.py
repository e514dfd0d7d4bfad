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
from .scalarspot import read_source, text_spot
from .yamlfile import DocPath, PinnedPath


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
    """Each problem of the question's rich content, at its place in the bank file:
    a problem inside a text at its line and column where they can be told (see
    quizgen.scalarspot), else at the field's key, naming the text."""
    if q.image is not None:
        problem = image_problem(Path(q.image.path), _as_written(q))
        if problem:
            yield ("image", "path"), problem
    if not q.markdown:
        return
    source: str | None = None
    for path, text in text_fields(q):
        for p in problems(text):
            if source is None:
                source = read_source(q.origin.path) or ""
            whole = ("questions", q.origin.index, *path)
            spot = text_spot(source, whole, p.offset, p.text) if source else None
            if spot is not None:
                yield PinnedPath(path, *spot), p.message
            else:
                yield path, f"{p.message} (at `{_excerpt(text, p.offset)}`)"


def _excerpt(text: str, offset: int) -> str:
    """Up to 24 characters of ``text`` from ``offset``, on one line."""
    piece = text[offset : offset + 24].split("\n", 1)[0]
    return piece + ("..." if offset + len(piece) < len(text) else "")


def _as_written(q: Question) -> str:
    """The image's path as the bank gives it (the model keeps it resolved against the
    bank file's folder)."""
    assert q.image is not None
    image, folder = Path(q.image.path), Path(q.origin.path).parent
    if image.is_relative_to(folder) and folder != Path("."):
        return str(image.relative_to(folder))
    return q.image.path
