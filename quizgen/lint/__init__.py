"""``quizgen lint``: checks of question quality that help any author.

A rule has an id, a one-line summary and a family module that implements it. Rules
read the verified model and answer with :class:`~quizgen.verify.Finding` objects,
which the loader positions as it does its own (path:line:column). This module is
light: the CLI reads the rule ids from it at start-up; the families (and rapidfuzz)
are imported only when a lint runs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..errors import Problem
    from ..model import Catalog, Question
    from ..verify import Finding

DEFAULT_MAX_RECALL = 50  # percent of a bank's questions with a level


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    family: str  # the module in quizgen/lint/ whose check(context) runs the rule


@dataclass(frozen=True)
class Context:
    """What every rule sees: the catalog, the selected questions and the settings."""

    catalog: Catalog
    questions: Sequence[Question]
    max_recall: int = DEFAULT_MAX_RECALL


RULES: tuple[Rule, ...] = (
    Rule(
        "near-duplicate",
        "the same fact asked twice: the same quote, a similar question",
        "duplicates",
    ),
    Rule("answer-elsewhere", "a short or cloze answer printed in another question", "giveaways"),
    Rule("cloze-answer-visible", "a cloze answer still visible in its own text", "giveaways"),
    Rule(
        "order-gives-itself-away",
        "ordering items whose dates or numbers give the order",
        "giveaways",
    ),
    Rule(
        "mcq-answer-stands-out", "the right choice stands out by length, echo or hedging", "choices"
    ),
    Rule("all-of-the-above", '"all of the above" or "none of the above" as a choice', "choices"),
    Rule("negative-stem", 'a negative question ("not", "except") without emphasis', "choices"),
    Rule("trivial-false", "a false statement given away by an absolute or a negation", "truefalse"),
    Rule("essay-points-rubric", "an essay whose points its rubric cannot share out", "essays"),
    Rule("rubric-levels", "a rubric criterion without level descriptors", "essays"),
    Rule("recall-share", "a bank where recall questions exceed the allowed share", "levels"),
)
RULE_IDS: tuple[str, ...] = tuple(r.id for r in RULES)


@dataclass(frozen=True)
class LintProblem:
    """A positioned finding and the rule that made it."""

    problem: Problem
    rule: str

    def __str__(self) -> str:
        return f"{self.problem} ({self.rule})"


def lint(
    catalog: Catalog,
    questions: Sequence[Question],
    *,
    disabled: Iterable[str] = (),
    max_recall: int = DEFAULT_MAX_RECALL,
) -> list[LintProblem]:
    """Every finding of every enabled rule, positioned and sorted by place."""
    from ..load import positioned

    off = set(disabled)
    unknown = off - set(RULE_IDS)
    if unknown:
        raise ValueError(f"unknown lint rule(s): {', '.join(sorted(unknown))}")
    context = Context(catalog, questions, max_recall)
    found: list[tuple[str, Finding]] = []
    for family in dict.fromkeys(r.family for r in RULES if r.id not in off):
        check: Callable[[Context], Iterable[tuple[str, Finding]]]
        check = importlib.import_module(f"{__name__}.{family}").check
        found.extend((rule, f) for rule, f in check(context) if rule not in off)
    problems = positioned(f for _, f in found)
    out = [LintProblem(p, rule) for p, (rule, _) in zip(problems, found, strict=True)]
    return sorted(out, key=lambda lp: (lp.problem.location, lp.rule, lp.problem.message))


def answers_elsewhere(questions: Sequence[Question]) -> list[LintProblem]:
    """answer-elsewhere alone, among ``questions``: what an output that puts them on
    one sheet warns about."""
    from ..load import positioned
    from .giveaways import answers_elsewhere as find

    found = list(find(questions))
    problems = positioned(f for _, f in found)
    return [LintProblem(p, rule) for p, (rule, _) in zip(problems, found, strict=True)]
