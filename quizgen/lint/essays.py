"""Essays a marker can mark.

- essay-points-rubric: an essay without a rubric, or whose plain criteria cannot
  share its points equally (an essay worth 1 point with three criteria, say). A
  weighted rubric whose points do not add up is already an error of ``validate``.
- rubric-levels: criteria without level descriptors (what full, partial and no
  credit look like), reported once per essay.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Essay
from ..verify import Finding
from . import Context
from .text import finding, short


def check(ctx: Context) -> Iterator[tuple[str, Finding]]:
    for q in ctx.questions:
        if isinstance(q, Essay):
            yield from _points(q)
            yield from _levels(q)


def _points(q: Essay) -> Iterator[tuple[str, Finding]]:
    if not q.rubric:
        yield finding(
            "essay-points-rubric",
            q,
            ("prompt",),
            f"the essay is worth {q.points} point(s) and has no rubric: list what a good "
            "answer does, each criterion with its points",
        )
    elif not q.weighted and q.points % len(q.rubric):
        yield finding(
            "essay-points-rubric",
            q,
            ("rubric",),
            f"the essay is worth {q.points} point(s), which its {len(q.rubric)} criteria "
            "cannot share equally: give each criterion its points",
        )


def _levels(q: Essay) -> Iterator[tuple[str, Finding]]:
    missing = [i for i, r in enumerate(q.rubric) if r.levels is None]
    if missing:
        first = q.rubric[missing[0]].criterion
        yield finding(
            "rubric-levels",
            q,
            ("rubric", missing[0]),
            f"{len(missing)} of {len(q.rubric)} criteria (the first {short(first)}) say "
            "nothing of what full, partial and no credit look like: add levels",
        )
