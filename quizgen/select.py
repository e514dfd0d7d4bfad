"""Choosing questions: filters by bank, tag, type, difficulty and level; reproducible samples."""

from __future__ import annotations

import difflib
import random
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import SelectionError
from .model import Catalog, Question
from .vocabulary import DIFFICULTIES, LEVELS, QUESTION_TYPES


@dataclass(frozen=True)
class Selection:
    banks: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    exclude_tags: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()

    def matches(self, q: Question) -> bool:
        return (
            (not self.banks or q.bank in self.banks)
            and (not self.types or q.kind in self.types)
            and (not self.difficulties or q.difficulty in self.difficulties)
            and (not self.levels or q.level in self.levels)
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
    _check_names("level", selection.levels, LEVELS)
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
            listing = (
                ", ".join(known)
                if len(known) <= 12
                else f"{len(known)} known (run `quizgen stats` to list the {what}s)"
            )
            raise SelectionError(f"unknown {what} {name!r}{suggestion}; {what}s: {listing}")
