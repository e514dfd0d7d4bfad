"""Summaries of a catalog: counts for ``stats`` and uncited paragraphs for ``coverage``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Catalog, Question, SourceEssay
from .vocabulary import DIFFICULTIES, LEVELS, QUESTION_TYPES

NOT_SET = "not set"


@dataclass(frozen=True)
class Stats:
    total: int
    by_bank: tuple[tuple[str, int], ...]
    by_type: tuple[tuple[str, int], ...]
    by_difficulty: tuple[tuple[str, int], ...]
    # Each level, then "not set" for the questions without one (where there are any).
    by_level: tuple[tuple[str, int], ...]
    by_essay: tuple[tuple[str, int], ...]
    by_tag: tuple[tuple[str, int], ...]
    unsourced: int


def stats(questions: Sequence[Question], catalog: Catalog) -> Stats:
    banks = Counter(q.bank for q in questions)
    types = Counter(q.kind for q in questions)
    difficulties = Counter(q.difficulty for q in questions)
    levels = Counter(q.level or NOT_SET for q in questions)
    essays = Counter(s for q in questions for s in {c.essay for c in q.sources})
    tags = Counter(t for q in questions for t in q.tags)
    return Stats(
        total=len(questions),
        by_bank=tuple((b.id, banks[b.id]) for b in catalog.banks if banks[b.id]),
        by_type=tuple((t, types[t]) for t in QUESTION_TYPES),
        by_difficulty=tuple((d, difficulties[d]) for d in DIFFICULTIES),
        by_level=tuple((v, levels[v]) for v in (*LEVELS, NOT_SET) if v != NOT_SET or levels[v]),
        by_essay=tuple((s, essays[s]) for s in catalog.essays),
        by_tag=tuple(sorted(tags.items(), key=lambda kv: (-kv[1], kv[0]))),
        unsourced=sum(1 for q in questions if not q.sources),
    )


@dataclass(frozen=True)
class Uncovered:
    essay: SourceEssay
    paragraph: int
    words: int

    @property
    def excerpt(self) -> str:
        text = " ".join(self.essay.paragraph(self.paragraph).split())
        return text if len(text) <= 90 else text[:87] + "..."


@dataclass(frozen=True)
class Coverage:
    cited: dict[str, dict[int, int]]  # essay -> paragraph -> number of questions citing it
    uncovered: tuple[Uncovered, ...]
    substantive: dict[str, int]  # essay -> number of substantive paragraphs


def coverage(catalog: Catalog, min_words: int = 25) -> Coverage:
    cited: dict[str, dict[int, int]] = {sid: {} for sid in catalog.essays}
    for q in catalog.questions:
        for c in {(c.essay, c.paragraph) for c in q.sources if c.paragraph is not None}:
            counts = cited.setdefault(c[0], {})
            counts[c[1]] = counts.get(c[1], 0) + 1
    uncovered: list[Uncovered] = []
    substantive: dict[str, int] = {}
    for sid, essay in catalog.essays.items():
        numbers = [
            n for n in range(1, len(essay.paragraphs) + 1) if essay.is_substantive(n, min_words)
        ]
        substantive[sid] = len(numbers)
        uncovered.extend(
            Uncovered(essay, n, len(essay.paragraph(n).split()))
            for n in numbers
            if n not in cited[sid]
        )
    return Coverage(cited, tuple(uncovered), substantive)
