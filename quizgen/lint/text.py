"""What the lint rules read of a question: what a student sees, what it asks for.

Every text is compared in one form: Unicode, quotes and dashes normalised as quotes
are (:func:`quizgen.textmatch.normalise`), then case-folded. A phrase is "in" a text
when it appears there as whole words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import assert_never

from ..model import (
    Cloze,
    Essay,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    TrueFalse,
)
from ..textmatch import normalise
from ..verify import Finding
from ..yamlfile import DocPath

_QUOTED = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def word_list(text: str) -> list[str]:
    """A word list written as text, one space between words."""
    return text.split()


# Words that carry no content of their own: a choice that shares only these with the
# prompt does not echo it.
STOPWORDS = frozenset(
    word_list(
        "a about above after again against all also am an and any are as at be because "
        "been before being below between both but by can could did do does doing down "
        "during each few for from further had has have having he her here hers herself "
        "him himself his how i if in into is it its itself just me more most my myself no "
        "nor not now of off on once only or other our ours ourselves out over own same "
        "she should so some such than that the their theirs them themselves then there "
        "these they this those through to too under until up very was we were what when "
        "where which while who whom why will with would you your yours yourself according "
        "says said say essay text passage author writes wrote"
    )
)


def fold(text: str) -> str:
    """The form every comparison uses: normalised and case-folded."""
    return normalise(text).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def unquoted(text: str) -> str:
    """The text with what it quotes (in straight or curly double quotes) emptied."""
    return _QUOTED.sub('""', text)


def content_words(text: str) -> set[str]:
    """The words that carry meaning, crudely stemmed so that knot and knots meet."""
    return {_stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 2}


def _stem(word: str) -> str:
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def _phrase(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![^\W_])" + re.escape(phrase) + r"(?![^\W_])")


def contains(text: str, phrase: str) -> bool:
    """Whether ``phrase`` (already folded) is in ``text`` (already folded) as whole words."""
    return bool(phrase) and bool(_phrase(phrase).search(text))


def shown(q: Question) -> Iterator[tuple[DocPath, str]]:
    """What a student sees of the question before answering: (place, text)."""
    match q:
        case MultipleChoice() | MultipleAnswer():
            yield ("prompt",), q.prompt
            for i, choice in enumerate(q.choices):
                yield ("choices", i), choice
        case TrueFalse() | ShortAnswer() | Essay():
            yield ("prompt",), q.prompt
        case Cloze():
            for part in q.segments():
                if isinstance(part, str):
                    yield ("text",), part
                elif part.hint:
                    yield ("text",), part.hint
        case Matching():
            yield ("prompt",), q.prompt
            for i, pair in enumerate(q.pairs):
                yield ("pairs", i, "left"), pair.left
                yield ("pairs", i, "right"), pair.right
        case Ordering():
            yield ("prompt",), q.prompt
            for i, item in enumerate(q.items):
                yield ("items", i), item
        case _:
            assert_never(q)


def stem(q: Question) -> str:
    """What the question asks, as one text (a cloze with its blanks filled in)."""
    match q:
        case Cloze():
            return "".join(p if isinstance(p, str) else p.answer for p in q.segments())
        case (
            MultipleChoice()
            | MultipleAnswer()
            | TrueFalse()
            | ShortAnswer()
            | Essay()
            | Matching()
            | Ordering()
        ):
            return q.prompt
        case _:
            assert_never(q)


def answer(q: Question) -> str:
    """The right answer, as one text."""
    match q:
        case MultipleChoice() | ShortAnswer() | Essay():
            return q.answer
        case MultipleAnswer():
            return "; ".join(q.answers)
        case TrueFalse():
            return "true" if q.answer else "false"
        case Cloze():
            return "; ".join(d.answer for d in q.deletions)
        case Matching():
            return "; ".join(f"{p.left}: {p.right}" for p in q.pairs)
        case Ordering():
            return "; ".join(q.items)
        case _:
            assert_never(q)


def finding(
    rule: str,
    q: Question,
    sub: DocPath,
    message: str,
    first: Question | None = None,
    first_sub: DocPath = (),
) -> tuple[str, Finding]:
    """A rule's finding about ``q`` at ``sub`` inside it; ``{first}`` in the message
    stands for the place of ``first`` (another question)."""
    other = (
        None
        if first is None
        else (first.origin.path, ("questions", first.origin.index, *first_sub))
    )
    where = ("questions", q.origin.index, *sub)
    return rule, Finding(q.origin.path, where, message, q.id, first=other)


def short(text: str, limit: int = 40) -> str:
    """A text as a message quotes it: on one line, cut at ``limit`` characters."""
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 3] + "...")
