"""near-duplicate: the same fact asked twice, within a bank or across banks.

Two questions are candidates when they cite the same paragraph of a seed, or have
the same answer. They are near-duplicates when they quote the same passage (one
quote contains the other, near enough: rapidfuzz partial ratio of at least
:data:`SAME_QUOTE`) and their prompts and answers are alike (rapidfuzz token-sort
ratio of their content words of at least :data:`ALIKE`); or, without a shared
quote, when they have the same answer and are at least :data:`ALIKE_WITHOUT_QUOTE`
alike. Each question that repeats an earlier one is reported once, pointing at the
earlier question it is most like, so the count is the number of questions to cut.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..model import Question, TrueFalse
from ..verify import Finding
from . import Context
from .text import answer, content_words, finding, fold, stem

RULE = "near-duplicate"
SAME_QUOTE = 90
ALIKE = 60
ALIKE_WITHOUT_QUOTE = 80


def check(ctx: Context) -> Iterator[tuple[str, Finding]]:
    from rapidfuzz import fuzz

    questions = ctx.questions
    texts = [" ".join(sorted(content_words(f"{stem(q)} {answer(q)}"))) for q in questions]
    best: dict[int, tuple[float, int, bool]] = {}  # later -> (score, earlier, same quote)
    for i, j in sorted(_candidates(questions)):
        quoted = _same_quote(questions[i], questions[j])
        score = fuzz.token_sort_ratio(texts[i], texts[j])
        alike = score >= (ALIKE if quoted else ALIKE_WITHOUT_QUOTE)
        same = quoted or fold(answer(questions[i])) == fold(answer(questions[j]))
        if alike and same and (j not in best or score > best[j][0]):
            best[j] = (score, i, quoted)
    for j, (score, i, quoted) in sorted(best.items()):
        why = "the same quote" if quoted else "the same answer"
        yield finding(
            RULE,
            questions[j],
            ("id",),
            f"near-duplicate of {questions[i].id} at {{first}}: {why}, and prompt and "
            f"answer {score:.0f}% alike",
            questions[i],
            ("id",),
        )


def _candidates(questions: Sequence[Question]) -> set[tuple[int, int]]:
    """Pairs (earlier, later) that cite one paragraph or share an answer."""
    groups: dict[object, list[int]] = defaultdict(list)
    for i, q in enumerate(questions):
        for c in {(c.seed, c.paragraph) for c in q.sources if c.paragraph is not None}:
            groups[c].append(i)
        if not isinstance(q, TrueFalse):
            groups[("answer", q.kind, fold(answer(q)))].append(i)
    return {pair for members in groups.values() for pair in itertools.combinations(members, 2)}


def _same_quote(a: Question, b: Question) -> bool:
    from rapidfuzz import fuzz

    return any(
        x.seed == y.seed
        and x.paragraph == y.paragraph
        and fuzz.partial_ratio(fold(x.quote), fold(y.quote)) >= SAME_QUOTE
        for x in a.sources
        for y in b.sources
    )
