"""Choices and stems of multiple-choice questions.

- mcq-answer-stands-out: the right choice of an ``mcq`` can be told by its form:
  much longer than every distractor, the only choice that echoes the prompt's
  content words, or the only hedged choice ("may", "often") among absolute ones
  ("always", "never").
- all-of-the-above: "all of the above" or "none of the above" (and "both"/"neither"
  of them) as a choice of an ``mcq`` or ``multi``; shuffled choices make them wrong.
- negative-stem: the question an ``mcq`` or ``multi`` asks (its last sentence) is
  negative ("not", "except", "isn't"), outside any quotation, and the negative word
  is not in capitals.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping

from ..model import MultipleAnswer, MultipleChoice
from ..verify import Finding
from . import Context
from .text import content_words, finding, short, shown, unquoted, word_list, words

# The right answer is "much longer" at this many times the longest distractor,
# and at least LONGER_BY characters longer.
LONGER = 1.5
LONGER_BY = 20
# Only the right answer echoes the prompt when its echo weighs this many times the
# heaviest distractor's.
ECHO = 1.5
HEDGES = frozenset(
    word_list(
        "may might can could sometimes often usually generally mostly partly largely some "
        "perhaps possibly probably tend tends rarely seldom"
    )
)
ABSOLUTES = frozenset(
    word_list(
        "always never all none only every entirely completely totally wholly nothing "
        "everything no-one everyone"
    )
)
_ABOVE = re.compile(r"\b(?:all|none|both|neither)\s+of\s+(?:the\s+)?(?:above|these|them)\b", re.I)
_NEGATIVE = re.compile(r"\b(?:not|except|\w+n't)\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“A-Z])")


def check(ctx: Context) -> Iterator[tuple[str, Finding]]:
    weight = _weights(ctx)
    for q in ctx.questions:
        if isinstance(q, MultipleChoice):
            yield from _stands_out(q, weight)
        if isinstance(q, MultipleChoice | MultipleAnswer):
            for i, choice in enumerate(q.choices):
                if _ABOVE.search(choice):
                    yield finding(
                        "all-of-the-above",
                        q,
                        ("choices", i),
                        f"choice {short(choice)} refers to the other choices, which are "
                        "shuffled and lettered differently in every output; name what it "
                        "means, or make the question a select-all (multi)",
                    )
            yield from _negative(q)


def _stands_out(q: MultipleChoice, weight: Mapping[str, float]) -> Iterator[tuple[str, Finding]]:
    others = [c for c in q.choices if c != q.answer]
    if not others:
        return
    where = ("answer",)
    longest = max(len(c) for c in others)
    if len(q.answer) >= LONGER * longest and len(q.answer) - longest >= LONGER_BY:
        yield finding(
            "mcq-answer-stands-out",
            q,
            where,
            f"the right answer is much longer than every distractor ({len(q.answer)} "
            f"characters, the longest distractor {longest}): lengthen the distractors, "
            "or shorten the answer",
        )
        return
    echo = _echo(q, weight)
    if echo:
        yield finding(
            "mcq-answer-stands-out",
            q,
            where,
            f"only the right answer echoes the prompt ({', '.join(sorted(echo))}): "
            "let a distractor echo it too, or reword",
        )
        return
    hedged = _has(q.answer, HEDGES)
    if (
        hedged
        and not any(_has(c, HEDGES) for c in others)
        and any(_has(c, ABSOLUTES) for c in others)
    ):
        yield finding(
            "mcq-answer-stands-out",
            q,
            where,
            "only the right answer is hedged, among distractors that speak in absolutes: "
            "test-wise students pick it unread",
        )


def _echo(q: MultipleChoice, weight: Mapping[str, float]) -> set[str]:
    """The prompt's words that only the right answer repeats, where they make the
    answer's echo of the prompt (its shared words, the rarer the heavier) at least
    ECHO times that of any distractor."""
    prompt = content_words(q.prompt)
    shared = [content_words(c) & prompt for c in q.choices]
    right = q.choices.index(q.answer)
    score = [sum(weight.get(w, 1.0) for w in s) for s in shared]
    others = [score[i] for i in range(len(q.choices)) if i != right]
    own = shared[right] - set().union(*(shared[i] for i in range(len(shared)) if i != right))
    if own and score[right] >= ECHO * max(others) and score[right] > max(others):
        return own
    return set()


def _weights(ctx: Context) -> dict[str, float]:
    """Inverse document frequency of each content word over the selection's choices
    and prompts: a rare word echoed says more than the subject's own name."""
    counts: Counter[str] = Counter()
    for q in ctx.questions:
        counts.update(content_words(" ".join(text for _, text in shown(q))))
    total = max(len(ctx.questions), 1)
    return {w: math.log((1 + total) / n) for w, n in counts.items()}


def _has(text: str, vocabulary: frozenset[str]) -> bool:
    return any(w in vocabulary for w in words(text))


def _negative(q: MultipleChoice | MultipleAnswer) -> Iterator[tuple[str, Finding]]:
    # The sentence that asks, without what it quotes (a quotation may say "not").
    asked = _SENTENCE_END.split(unquoted(q.prompt.strip()))[-1]
    for m in _NEGATIVE.finditer(asked):
        if not m.group(0).isupper():
            yield finding(
                "negative-stem",
                q,
                ("prompt",),
                f"the question asks in the negative ({m.group(0)!r}) without emphasis: "
                f"write {m.group(0).upper()!r}, or ask it positively",
            )
            return
