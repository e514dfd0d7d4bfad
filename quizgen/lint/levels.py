"""recall-share: a bank where recall questions are more than the allowed share.

The share is taken of the bank's selected questions that have a ``level``; a bank
where none has one is not judged. ``--max-recall`` sets the share (default 50%).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..verify import Finding
from . import Context


def check(ctx: Context) -> Iterator[tuple[str, Finding]]:
    levels: dict[str, Counter[str]] = {}
    for q in ctx.questions:
        levels.setdefault(q.bank, Counter())[q.level or ""] += 1
    for bank in ctx.catalog.banks:
        counts = levels.get(bank.id)
        if not counts:
            continue
        unset = counts.pop("", 0)
        rated = sum(counts.values())
        recall = counts["recall"]
        if rated and recall * 100 > ctx.max_recall * rated:
            without = f"; {unset} more have no level" if unset else ""
            yield (
                "recall-share",
                Finding(
                    bank.path,
                    ("questions",),
                    f"recall is {recall * 100 // rated}% of the bank ({recall} of {rated} "
                    f"questions with a level{without}), more than {ctx.max_recall}%: ask "
                    "for comprehension and analysis",
                ),
            )
