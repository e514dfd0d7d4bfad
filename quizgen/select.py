"""Choosing questions: filters by bank, tag, type and difficulty; reproducible samples."""

from __future__ import annotations

import difflib
import random
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import SelectionError
from .model import (
    Catalog,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Ordering,
    Question,
)
from .vocabulary import DIFFICULTIES, MAX_VERSIONS, QUESTION_TYPES


@dataclass(frozen=True)
class Selection:
    banks: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    exclude_tags: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()

    def matches(self, q: Question) -> bool:
        return (
            (not self.banks or q.bank in self.banks)
            and (not self.types or q.kind in self.types)
            and (not self.difficulties or q.difficulty in self.difficulties)
            and (not self.tags or any(_has_tag(q, t) for t in self.tags))
            and not any(_has_tag(q, t) for t in self.exclude_tags)
        )


def _has_tag(q: Question, tag: str) -> bool:
    """A tag filter matches the tag itself and, Anki-style, its children (person::*)."""
    return any(t == tag or t.startswith(tag + "::") for t in q.tags)


def select(catalog: Catalog, selection: Selection) -> tuple[Question, ...]:
    """The questions ``selection`` picks, in bank order; unknown names are errors."""
    _check_names("bank", selection.banks, [b.id for b in catalog.banks])
    _check_names("type", selection.types, QUESTION_TYPES)
    _check_names("difficulty", selection.difficulties, DIFFICULTIES)
    all_tags = {t for q in catalog.questions for t in q.tags}
    # A parent (person) selects its children (person::trotsky), so it is a name too.
    names = sorted(all_tags | {t.rsplit("::", 1)[0] for t in all_tags if "::" in t})
    for tag in (*selection.tags, *selection.exclude_tags):
        if tag not in names:
            _check_names("tag", (tag,), names)
    return tuple(q for q in catalog.questions if selection.matches(q))


def sample(questions: Sequence[Question], count: int | None, seed: int) -> tuple[Question, ...]:
    """``count`` questions drawn at random (reproducibly), kept in their original order."""
    if count is None or count >= len(questions):
        return tuple(questions)
    if count < 1:
        raise SelectionError(f"--count must be at least 1, not {count}")
    chosen = set(random.Random(seed).sample(range(len(questions)), count))
    return tuple(q for i, q in enumerate(questions) if i in chosen)


def _check_names(what: str, given: Sequence[str], known: Sequence[str]) -> None:
    for name in given:
        if name not in known:
            hint = difflib.get_close_matches(name, list(known), n=1)
            suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
            listing = ", ".join(known) if len(known) <= 12 else f"{len(known)} known"
            raise SelectionError(f"unknown {what} {name!r}{suggestion}; {what}s: {listing}")


# Versions of one test, for worksheets: the same questions, shuffled differently.


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
    if isinstance(q, (MultipleChoice, MultipleAnswer)):
        return Arranged(q, _permutation(len(q.choices), rng))
    if isinstance(q, Ordering):
        # Shown in the right order, the question would answer itself.
        return Arranged(q, _not_identity(_permutation(len(q.items), rng)))
    if isinstance(q, Matching):
        left = _permutation(len(q.pairs), rng)
        right = _permutation(len(q.pairs), rng)
        if right == left:  # every match would sit on the same row as its partner
            right = right[1:] + right[:1]
        return Arranged(q, right, left)
    return Arranged(q)


def _permutation(n: int, rng: random.Random) -> tuple[int, ...]:
    indexes = list(range(n))
    rng.shuffle(indexes)
    return tuple(indexes)


def _not_identity(order: tuple[int, ...]) -> tuple[int, ...]:
    return order[1:] + order[:1] if order == tuple(range(len(order))) else order
