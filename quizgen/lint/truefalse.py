"""trivial-false: a false statement that a test-wise student marks false unread.

Two patterns: an absolute ("always", "never", "wholly", "only"...) that the cited
quote does not say, on which the statement's falsehood then rests; and the quote
itself with its negation dropped ("X is not Y" asked as "X is Y"), which tests
recognising a sentence, not understanding it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import TrueFalse
from ..verify import Finding
from . import Context
from .text import content_words, finding, fold, unquoted, word_list, words

ABSOLUTES = frozenset(
    word_list(
        "always never all none only every entirely completely totally wholly purely pure "
        "nothing everything everyone nobody any certainly guaranteed"
    )
)
_NEGATION = re.compile(r"\b(?:not|never|no|nor|n't)\b|\b\w+n't\b", re.I)
# How alike (rapidfuzz token-set ratio of content words) the statement and its quote
# without the negation must be for the statement to be the quote negated.
NEGATED_ALIKE = 70


def check(ctx: Context) -> Iterator[tuple[str, Finding]]:
    for q in ctx.questions:
        if isinstance(q, TrueFalse) and not q.answer and q.sources:
            message = _absolute(q) or _negated(q)
            if message:
                yield finding("trivial-false", q, ("prompt",), message)


def _absolute(q: TrueFalse) -> str | None:
    quoted = {w for c in q.sources for w in words(c.quote)}
    own = words(unquoted(q.prompt))  # an absolute the statement quotes is the source's
    extra = [w for w in dict.fromkeys(own) if w in ABSOLUTES and w not in quoted]
    if not extra:
        return None
    said = ", ".join(repr(w) for w in extra)
    return (
        f"the statement is false through {said}, which its quote does not say: "
        "test-wise students mark absolutes false; make it false in substance"
    )


def _negated(q: TrueFalse) -> str | None:
    from rapidfuzz import fuzz

    if _NEGATION.search(q.prompt):
        return None
    statement = " ".join(sorted(content_words(q.prompt)))
    for c in q.sources:
        negation = _NEGATION.search(c.quote)
        if negation is None:
            continue
        plain = " ".join(sorted(content_words(_NEGATION.sub(" ", fold(c.quote)))))
        if fuzz.token_set_ratio(statement, plain) >= NEGATED_ALIKE:
            return (
                f"the statement is its quote with {negation.group(0)!r} dropped: it tests "
                "recognising the sentence; make it false in substance"
            )
    return None
