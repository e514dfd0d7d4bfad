"""Versions of one test: the same questions, shuffled differently, for paper tests.

This is output layout, not selection: the questions are chosen before, and each
version only decides in which order a sheet shows them, their choices and items.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import assert_never

from ...errors import SelectionError
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
from ...vocabulary import MAX_VERSIONS, QUESTION_TYPES


@dataclass(frozen=True)
class Arranged:
    """A question as one version of a test lays it out; the question itself is untouched.

    ``order`` holds the indexes of the question's choices (mcq, multi), items (order)
    or right-hand sides (match) in the order this version shows them; ``left_order``
    does the same for the left-hand sides of a matching question. Both are empty for
    types with nothing to shuffle. Answers are always read from the question.
    """

    question: Question
    order: tuple[int, ...] = ()
    left_order: tuple[int, ...] = ()


@dataclass(frozen=True)
class Version:
    """One version of a test: questions grouped by type (in QUESTION_TYPES order),
    shuffled within each group."""

    index: int
    questions: tuple[Arranged, ...]

    @property
    def letter(self) -> str:
        return chr(ord("A") + self.index)


def versions(questions: Sequence[Question], count: int, seed: int) -> tuple[Version, ...]:
    """``count`` versions of a test, each reproducible from ``seed`` and its index."""
    if not 1 <= count <= MAX_VERSIONS:
        raise SelectionError(f"--versions must be from 1 to {MAX_VERSIONS}, not {count}")
    return tuple(arrange(questions, index, seed) for index in range(count))


def arrange(questions: Sequence[Question], index: int, seed: int) -> Version:
    # Each group and each question gets its own generator, seeded by name, so a
    # question's layout in version B does not change when another question is added.
    # (String seeds are hashed with SHA-512: the same on every run and platform.)
    arranged: list[Arranged] = []
    for kind in QUESTION_TYPES:
        group = [q for q in questions if q.kind == kind]
        random.Random(f"{seed}/{index}/section/{kind}").shuffle(group)
        arranged.extend(_arrange_one(q, random.Random(f"{seed}/{index}/{q.id}")) for q in group)
    return Version(index, tuple(arranged))


def _arrange_one(q: Question, rng: random.Random) -> Arranged:
    match q:
        case MultipleChoice() | MultipleAnswer():
            return Arranged(q, _permutation(len(q.choices), rng))
        case Ordering():
            # Shown in the right order, the question would answer itself.
            return Arranged(q, _not_identity(_permutation(len(q.items), rng)))
        case Matching():
            left = _permutation(len(q.pairs), rng)
            right = _permutation(len(q.pairs), rng)
            if right == left:  # every match would sit on the same row as its partner
                right = right[1:] + right[:1]
            return Arranged(q, right, left)
        case TrueFalse() | ShortAnswer() | Cloze() | Essay():
            return Arranged(q)  # nothing to shuffle
        case _:
            assert_never(q)


def _permutation(n: int, rng: random.Random) -> tuple[int, ...]:
    indexes = list(range(n))
    rng.shuffle(indexes)
    return tuple(indexes)


def _not_identity(order: tuple[int, ...]) -> tuple[int, ...]:
    return order[1:] + order[:1] if order == tuple(range(len(order))) else order
