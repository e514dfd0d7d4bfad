"""How many points a question is worth, and the rules a key states: one place for the
worksheets, ``quizgen mark`` and the learning platforms' exports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .model import Matching, MultipleAnswer, Question

MatchPoints = Literal["pair", "question"]
PartialCredit = Literal["per-item", "none"]
MATCH_POINTS: tuple[MatchPoints, ...] = ("pair", "question")
PARTIAL_CREDIT: tuple[PartialCredit, ...] = ("per-item", "none")


@dataclass(frozen=True)
class Scoring:
    """How points are counted, stated in the key and used by ``quizgen mark``.

    ``match``: "pair" makes a matching question's points count for each pair (a
    5-pair question of 1 point is worth 5); "question" makes them the whole
    question's. ``partial``: "per-item" gives select-all and whole-question matching
    a share of the points per right box or pair (a wrong tick cancels a right one,
    never below 0); "none" gives all or nothing.
    """

    match: MatchPoints = "pair"
    partial: PartialCredit = "per-item"

    def points(self, q: Question) -> int:
        if isinstance(q, Matching) and self.match == "pair":
            return q.points * len(q.pairs)
        return q.points

    def total(self, questions: Iterable[Question]) -> int:
        return sum(self.points(q) for q in questions)

    def rule(self, q: Question) -> str:
        """The rule for ``q`` in words, for the key; empty where there is nothing to say."""
        per_item = self.partial == "per-item"
        if isinstance(q, MultipleAnswer):
            if per_item:
                return (
                    f"{_share(q.points, len(q.answers))} per right box ticked, less the same "
                    "for each wrong box ticked; never below 0."
                )
            return "All the right boxes and no wrong one for the points; otherwise 0."
        if isinstance(q, Matching):
            if self.match == "pair":
                return f"{_share(q.points, 1)} for each right pair."
            if per_item:
                return f"{_share(q.points, len(q.pairs))} for each right pair."
            return "Every pair right for the points; otherwise 0."
        return ""


def _share(points: int, parts: int) -> str:
    value = points / parts
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text} {'pt' if value == 1 else 'pts'}"


# The default rules: what a key states unless the teacher chooses otherwise, and what
# the learning platforms count (they have no option).
DEFAULT_SCORING = Scoring()
