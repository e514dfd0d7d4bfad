"""Questions that give their answers away.

- answer-elsewhere: a short answer (or one it accepts) or a cloze answer printed, as
  whole words, in another selected question's prompt, choices, pairs or items.
- cloze-answer-visible: a cloze answer that a student still sees on the card that
  hides it: in the text around it, in another deletion shown there, or in its hint.
- order-gives-itself-away: ordering items that carry numbers (years, say) which
  already run in the right order.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from ..model import Cloze, Ordering, Question, ShortAnswer
from ..verify import Finding
from ..yamlfile import DocPath
from . import Context
from .text import STOPWORDS, content_words, finding, short, shown, words

# Answers longer than this many words are not looked for elsewhere: a long phrase
# printed verbatim in another question is rare, and the index stays small.
MAX_ANSWER_WORDS = 6
CONTEXT_WORDS = 2
# A word in at least this share of the selected questions (and in at least
# COMMON_FROM of them) is the subject, not context.
COMMON_SHARE = 0.1
COMMON_FROM = 5
# The other questions that print an answer, named by id in the message, then counted.
NAMED_OTHERS = 3
_PLACES = {
    "prompt": "prompt",
    "choices": "choices",
    "pairs": "pairs",
    "items": "items",
    "text": "text",
}
_NUMBER = re.compile(r"(?<![\w.])(\d{1,4})(?![\d])")


def check(ctx: Context) -> Iterator[tuple[str, Finding]]:
    yield from answers_elsewhere(ctx.questions)
    for q in ctx.questions:
        if isinstance(q, Cloze):
            yield from _cloze_visible(q)
        elif isinstance(q, Ordering):
            yield from _order(q)


def _guarded_groups(q: Question) -> Iterator[list[tuple[DocPath, str]]]:
    """The answers another question must not print, each with the other forms it
    takes: a short answer with what it accepts, and each cloze answer on its own."""
    if isinstance(q, ShortAnswer):
        yield [(("answer",), q.answer), *((("accept", i), a) for i, a in enumerate(q.accept))]
    elif isinstance(q, Cloze):
        for d in q.deletions:
            yield [(("text",), d.answer)]


def answers_elsewhere(questions: Sequence[Question]) -> Iterator[tuple[str, Finding]]:
    """answer-elsewhere among ``questions`` (a lint selection, or one worksheet).

    A hit counts where the other question is about the same thing: besides the
    answer, it shares at least :data:`CONTEXT_WORDS` content words with this
    question's own text. (A name that runs through a whole bank gives nothing away
    where it is printed in another context.)
    """
    wanted = {
        key
        for q in questions
        for group in _guarded_groups(q)
        for _, text in group
        if _worth_guarding(key := " ".join(words(text)))
    }
    index = _phrase_index(questions, wanted)
    topics = _topics(questions)
    for i, q in enumerate(questions):
        for group in _guarded_groups(q):
            for sub, text in group:
                key = " ".join(words(text))
                if not _worth_guarding(key):
                    continue
                context = topics[i] - content_words(text)
                hits = _hits(i, context, index.get(key, ()), topics)
                if hits:
                    yield _elsewhere(q, sub, text, questions, hits)
                    break  # one finding per answer, whichever of its forms is printed


def _hits(
    i: int, context: set[str], found: Sequence[tuple[int, DocPath]], topics: Sequence[set[str]]
) -> list[tuple[int, DocPath]]:
    """The places (of questions other than ``i``) that share enough context, the one
    sharing the most first."""
    hits: list[tuple[int, int, int, DocPath]] = []
    for j, place in found:
        shared = len(context & topics[j]) if j != i else 0
        if shared >= CONTEXT_WORDS:
            hits.append((-shared, len(hits), j, place))
    return [(j, place) for _, _, j, place in sorted(hits)]


def _elsewhere(
    q: Question,
    sub: DocPath,
    text: str,
    questions: Sequence[Question],
    hits: list[tuple[int, DocPath]],
) -> tuple[str, Finding]:
    j, place = hits[0]
    return finding(
        "answer-elsewhere",
        q,
        sub,
        f"the answer {short(text)} is printed in the {_PLACES[str(place[0])]} of "
        f"{questions[j].id} at {{first}}{_also(questions, hits)}",
        questions[j],
        place,
    )


def _also(questions: Sequence[Question], hits: list[tuple[int, DocPath]]) -> str:
    """ " (and in q2, q3)": the other questions that print it, by id, at most
    ``NAMED_OTHERS`` of them, then how many more."""
    others = list(dict.fromkeys(questions[j].id for j, _ in hits[1:]))
    others = [qid for qid in others if qid != questions[hits[0][0]].id]
    if not others:
        return ""
    named = ", ".join(others[:NAMED_OTHERS])
    more = len(others) - NAMED_OTHERS
    return f" (and in {named}{f' and {more} more' if more > 0 else ''})"


def _topics(questions: Sequence[Question]) -> list[set[str]]:
    """Each question's content words, less those common to the selection (the
    subject itself: a name in a tenth of the questions says nothing of context)."""
    topics = [content_words(" ".join(text for _, text in shown(q))) for q in questions]
    counts = Counter(w for topic in topics for w in topic)
    common = {w for w, n in counts.items() if n >= max(COMMON_FROM, COMMON_SHARE * len(topics))}
    return [topic - common for topic in topics]


def _worth_guarding(key: str) -> bool:
    parts = key.split()
    return 0 < len(parts) <= MAX_ANSWER_WORDS and not all(w in STOPWORDS for w in parts)


def _phrase_index(
    questions: Sequence[Question], wanted: set[str]
) -> dict[str, list[tuple[int, DocPath]]]:
    """Where a student sees each of the ``wanted`` phrases (runs of up to
    MAX_ANSWER_WORDS words): the question and the place in it."""
    index: dict[str, list[tuple[int, DocPath]]] = defaultdict(list)
    # A phrase can only start at a word that starts a wanted phrase.
    firsts = {key.split(" ", 1)[0] for key in wanted}
    for j, q in enumerate(questions):
        seen: set[str] = set()
        for place, text in shown(q):
            tokens = words(text)
            for start in range(len(tokens)):
                if tokens[start] not in firsts:
                    continue
                for end in range(start + 1, min(start + MAX_ANSWER_WORDS, len(tokens)) + 1):
                    key = " ".join(tokens[start:end])
                    if key in wanted and key not in seen:
                        seen.add(key)
                        index[key].append((j, place))
    return index


def _cloze_visible(q: Cloze) -> Iterator[tuple[str, Finding]]:
    segments = list(q.segments())
    for number in q.numbers:
        visible = " ".join(
            p if isinstance(p, str) else (p.hint or "") if p.number == number else p.answer
            for p in segments
        )
        shown_words = f" {' '.join(words(visible))} "
        for d in q.deletions:
            key = " ".join(words(d.answer))
            if d.number == number and key and f" {key} " in shown_words:
                yield finding(
                    "cloze-answer-visible",
                    q,
                    ("text",),
                    f"the answer {short(d.answer)} of c{number} can still be read on its card: "
                    "hide every copy, or rephrase",
                )
                break


def _order(q: Ordering) -> Iterator[tuple[str, Finding]]:
    numbers = [int(m.group(1)) for item in q.items if (m := _NUMBER.search(item))]
    everyone = len(numbers) == len(q.items)
    if len(numbers) >= 3 or (everyone and len(numbers) >= 2):
        rising = all(a <= b for a, b in itertools.pairwise(numbers))
        falling = all(a >= b for a, b in itertools.pairwise(numbers))
        if rising or falling:
            listed = ", ".join(str(n) for n in numbers)
            yield finding(
                "order-gives-itself-away",
                q,
                ("items",),
                f"{len(numbers)} of {len(q.items)} items carry numbers that run in the "
                f"answer's order ({listed}): leave them out, or ask for them instead",
            )
