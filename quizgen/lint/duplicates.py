"""near-duplicate: the same fact asked twice, within a bank or across banks.

Two questions are candidates when they cite the same paragraph of a essay, or have
the same answer. They are near-duplicates when they quote the same passage (one
quote contains the other, near enough: rapidfuzz partial ratio of at least
:data:`SAME_QUOTE`) and their prompts and answers are alike (rapidfuzz token-sort
ratio of their content words of at least :data:`ALIKE`); or, without a shared
quote, when they have the same answer and are at least :data:`ALIKE_WITHOUT_QUOTE`
alike. Each question that repeats an earlier one is reported once, pointing at the
earlier question it is most like, so the count is the number of questions to cut.
"""

from __future__ import annotations

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
# How many of the most alike earlier questions of a group are examined for each one.
NEAREST = 5


def check(ctx: Context) -> Iterator[tuple[str, Finding]]:
    questions = ctx.questions
    texts = [" ".join(sorted(content_words(f"{stem(q)} {answer(q)}"))) for q in questions]
    quotes = [[(c.essay, c.paragraph, fold(c.quote)) for c in q.sources] for q in questions]
    answers = [fold(answer(q)) for q in questions]
    best: dict[int, tuple[float, int, bool]] = {}  # later -> (score, earlier, same quote)
    for i, j, score in _alike_pairs(questions, texts):
        quoted = _same_quote(quotes[i], quotes[j])
        alike = score >= (ALIKE if quoted else ALIKE_WITHOUT_QUOTE)
        same = quoted or answers[i] == answers[j]
        if alike and same and (j not in best or (score, -i) > (best[j][0], -best[j][1])):
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


def _alike_pairs(
    questions: Sequence[Question], texts: Sequence[str]
) -> Iterator[tuple[int, int, float]]:
    """(earlier, later, score): for each question, the earlier questions of its groups
    most like it (at most NEAREST per group, at least ALIKE alike). rapidfuzz compares
    a question with a whole group in one call, so a large bank stays fast."""
    from rapidfuzz import fuzz, process

    seen: set[tuple[int, int]] = set()
    for members in _candidates(questions):
        earlier: list[str] = []
        for b in range(1, len(members)):
            j = members[b]
            earlier.append(texts[members[b - 1]])
            for _, score, k in process.extract(
                texts[j], earlier, scorer=fuzz.token_sort_ratio, score_cutoff=ALIKE, limit=NEAREST
            ):
                i = members[k]
                if (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j, score


def _candidates(questions: Sequence[Question]) -> list[list[int]]:
    """Groups of questions (in order) that cite one paragraph or share an answer."""
    groups: dict[object, list[int]] = defaultdict(list)
    for i, q in enumerate(questions):
        for c in {(c.essay, c.paragraph) for c in q.sources if c.paragraph is not None}:
            groups[c].append(i)
        if not isinstance(q, TrueFalse):
            groups[("answer", q.kind, fold(answer(q)))].append(i)
    return [members for members in groups.values() if len(members) > 1]


def _same_quote(
    a: Sequence[tuple[str, int | None, str]], b: Sequence[tuple[str, int | None, str]]
) -> bool:
    """Whether two questions' citations (essay, paragraph, folded quote) share a passage."""
    from rapidfuzz import fuzz

    return any(
        x[:2] == y[:2] and fuzz.partial_ratio(x[2], y[2]) >= SAME_QUOTE for x in a for y in b
    )
