"""Semantic rules: what the schema cannot say.

Ids unique across banks, answers among their choices, well-formed cloze deletions,
distinct match pairs, and every quote found in its essay. Findings name the place
by its path inside the bank file; the loader turns that into line and column.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import assert_never

from .cloze import parse_cloze
from .errors import Severity
from .model import (
    Bank,
    Cloze,
    Essay,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    SourceEssay,
    TrueFalse,
)
from .richcheck import rich_problems
from .textmatch import EssayIndex, normalise, quote_pieces
from .yamlfile import DocPath, within

# A quote of a word or two is found almost anywhere and proves nothing.
MIN_QUOTE_WORDS = 4


@dataclass(frozen=True)
class Finding:
    """A problem at ``path`` inside the file ``file``.

    ``{first}`` in the message stands for the location of ``first``, another place
    (file, path) that the problem refers to, such as an id's first use.
    """

    file: str
    path: DocPath
    message: str
    question_id: str | None = None
    severity: Severity = Severity.ERROR
    first: tuple[str, DocPath] | None = None


def check(
    banks: Sequence[Bank],
    essays: Mapping[str, SourceEssay],
    indexes: Mapping[str, EssayIndex],
    *,
    require_sources: bool = False,
    quotes: bool = True,
) -> list[Finding]:
    """Meaning checks. ``quotes`` False: the project quotes no text (``sources: none``),
    so a question without a source is expected and one with a source is an error."""
    findings: list[Finding] = []
    bank_ids: dict[str, str] = {}
    for bank in banks:
        if bank.id in bank_ids:
            findings.append(
                Finding(
                    bank.path,
                    ("bank",),
                    f"duplicate bank id {bank.id!r} (also {bank_ids[bank.id]})",
                )
            )
        bank_ids.setdefault(bank.id, bank.path)
        bad_default = bool(essays and bank.default_essay and bank.default_essay not in essays)
        if bad_default:
            # Reported here once, not again at every question quoting it.
            findings.append(
                Finding(
                    bank.path,
                    ("source",),
                    f"unknown essay {bank.default_essay!r}{_known(essays, bank.default_essay)}",
                )
            )
        for q in bank.questions:
            here = _at(q)
            findings.extend(
                Finding(q.origin.path, (*here, *sub), message, q.id) for sub, message in _answers(q)
            )
            findings.extend(
                Finding(q.origin.path, (*here, *sub), message, q.id, Severity.WARNING)
                for sub, message in lookalikes(q)
            )
            if quotes:
                findings.extend(
                    f
                    for f in _sources(q, essays, indexes, require_sources)
                    if not (bad_default and f.path[-1:] == ("seed",) and _uses_default(q, bank))
                )
            elif q.sources:
                findings.append(Finding(q.origin.path, (*here, "source"), _NO_QUOTES, q.id))
            findings.extend(
                Finding(q.origin.path, within(here, sub), message, q.id)
                for sub, message in rich_problems(q)
            )
    return findings


_NO_QUOTES = (
    "this project quotes no text (sources: none in quizgen.yaml): remove the source, "
    "or set sources: optional and add the essays"
)


def no_seeds_folder(banks: Sequence[Bank]) -> list[Finding]:
    """The first quote, when there are no essays to find it in: reported once."""
    for bank in banks:
        for q in bank.questions:
            if q.sources:
                message = (
                    "the question quotes an essay, but there is no seeds folder beside "
                    "the banks: add seeds/ with a seeds.yaml, or give --seeds"
                )
                return [Finding(q.origin.path, (*_at(q), "source"), message, q.id)]
    return []


def duplicate_ids(written: Iterable[tuple[str, str, int]]) -> list[Finding]:
    """Ids used twice, across all files: (id, file, index) for every question written
    with an id, including questions left out of the model for problems of their own,
    so that fixing one problem does not reveal another."""
    first: dict[str, tuple[str, DocPath]] = {}
    findings = []
    for qid, file, index in written:
        where: DocPath = ("questions", index, "id")
        if qid in first:
            message = f"duplicate id {qid!r} (first at {{first}})"
            findings.append(Finding(file, where, message, qid, first=first[qid]))
        else:
            first[qid] = (file, where)
    return findings


def _at(q: Question) -> DocPath:
    return ("questions", q.origin.index)


def _answers(q: Question) -> Iterator[tuple[DocPath, str]]:
    match q:
        case MultipleChoice():
            yield from _same_text("choices", q.choices)
            if q.answer not in q.choices:
                yield ("answer",), _not_a_choice(q.answer, q.choices)
        case MultipleAnswer():
            yield from _same_text("choices", q.choices)
            yield from _same_text("answer", q.answers)
            for i, answer in enumerate(q.answers):
                if answer not in q.choices:
                    yield ("answer", i), _not_a_choice(answer, q.choices)
        case Ordering():
            yield from _same_text("items", q.items)
        case Cloze():
            yield from _cloze_problems(q)
        case Matching():
            yield from _duplicate_sides(q)
        case Essay():
            yield from _rubric(q)
        case TrueFalse() | ShortAnswer():
            pass  # nothing to check beyond what the schema checks
        case _:
            assert_never(q)


def _same_text(name: str, items: Sequence[str]) -> Iterator[tuple[DocPath, str]]:
    """Items that show as the same text: 1 and "1", or the same words in another
    Unicode form, are one item; a second would make a key name two letters."""
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        shown = normalise(item)
        if shown in seen:
            yield (
                (name, i),
                f"duplicate item {item!r} in {name!r} (same text as item {seen[shown] + 1})",
            )
        seen.setdefault(shown, i)


def lookalikes(q: Question) -> Iterator[tuple[DocPath, str]]:
    """Choices that differ only in look-alike letters (a Cyrillic а for a Latin a):
    a student sees two identical choices. Warned, not refused."""
    match q:
        case MultipleChoice() | MultipleAnswer():
            name, items = "choices", q.choices
        case Ordering():
            name, items = "items", q.items
        case TrueFalse() | ShortAnswer() | Essay() | Cloze() | Matching():
            return
        case _:
            assert_never(q)
    if all(item.isascii() for item in items):
        return  # no look-alike letters to fold: the common case costs nothing
    from confusables import normalize as fold

    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        skeleton = fold(normalise(item), prioritize_alpha=True)[0]
        if skeleton in seen and normalise(items[seen[skeleton]]) != normalise(item):
            yield (
                (name, i),
                f"{item!r} looks like {items[seen[skeleton]]!r} (item {seen[skeleton] + 1}) "
                "but is written with other characters",
            )
        seen.setdefault(skeleton, i)


def _cloze_problems(q: Cloze) -> Iterator[tuple[DocPath, str]]:
    deletions, errors = parse_cloze(q.text, math=q.markdown)
    for error in errors:
        yield ("text",), error.message
    if not deletions and not errors:
        yield ("text",), "cloze text has no deletions: mark the hidden term as {{c1::term}}"
    elif deletions and not errors and min(d.number for d in deletions) > 1:
        first = min(d.number for d in deletions)
        yield ("text",), f"cloze deletions are numbered from c1, but the first here is c{first}"


def _duplicate_sides(q: Matching) -> Iterator[tuple[DocPath, str]]:
    for side in ("left", "right"):
        seen: dict[str, int] = {}
        for i, pair in enumerate(q.pairs):
            value = normalise(getattr(pair, side))
            if value in seen:
                yield (
                    ("pairs", i, side),
                    f"duplicate {side} side {value!r} in pairs (same as pair {seen[value] + 1})",
                )
            seen.setdefault(value, i)


def _rubric(q: Essay) -> Iterator[tuple[DocPath, str]]:
    """A rubric is weighted throughout or not at all, and a weighted rubric's points
    are the essay's."""
    weighted = [r.points is not None for r in q.rubric]
    if any(weighted) and not all(weighted):
        i = weighted.index(False)
        yield (
            ("rubric", i),
            f"rubric item {i + 1} has no points while other items have: give every "
            "item points (criterion, points, levels), or none",
        )
    elif q.rubric_points is not None and q.rubric_points != q.points:
        parts = " + ".join(str(r.points) for r in q.rubric)
        yield (
            ("points",),
            f"the essay is worth {q.points} point(s) but its rubric's points add up to "
            f"{q.rubric_points} ({parts}): make them agree, or leave points out to use the sum",
        )


def _not_a_choice(answer: str, choices: Sequence[str]) -> str:
    near = [c for c in choices if normalise(c).casefold() == normalise(answer).casefold()]
    near = near or difflib.get_close_matches(answer, list(choices), n=1, cutoff=0.8)
    letter = ord(answer.upper()) - ord("A") if len(answer) == 1 and answer.isalpha() else -1
    if near:
        hint = f" (did you mean {near[0]!r}?)"
    elif 0 <= letter < len(choices):
        hint = f" (write the choice itself, not its letter: {choices[letter]!r}?)"
    else:
        hint = ""
    return f"answer {answer!r} is not one of the choices{hint}"


def _sources(
    q: Question,
    essays: Mapping[str, SourceEssay],
    indexes: Mapping[str, EssayIndex],
    require_sources: bool,
) -> Iterator[Finding]:
    here = _at(q)
    if not q.sources:
        severity = Severity.ERROR if require_sources else Severity.WARNING
        yield Finding(q.origin.path, here, "question has no source", q.id, severity)
        return
    if not essays:
        return  # the essays could not be read: that is reported once, not per quote
    for i, c in enumerate(q.sources):
        # A single mapping and a list of them are both written as "source".
        spot = (*here, "source", i) if q.origin.listed_sources else (*here, "source")
        if not c.essay:
            yield Finding(
                q.origin.path, spot, "source has no seed and the bank sets no default source", q.id
            )
        elif c.essay not in essays:
            yield Finding(
                q.origin.path,
                (*spot, "seed"),
                f"unknown essay {c.essay!r}{_known(essays, c.essay)}",
                q.id,
            )
        elif not quote_pieces(c.quote):
            yield Finding(q.origin.path, (*spot, "quote"), "quote has no words", q.id)
        elif c.paragraph is None:
            number, passage = indexes[c.essay].closest(c.quote)
            shown = passage if len(passage) <= 160 else passage[:157] + "..."
            yield Finding(
                q.origin.path,
                (*spot, "quote"),
                f"quote not found in essay {c.essay!r}; closest passage "
                f"(paragraph {number}): {shown!r}",
                q.id,
            )
        elif len(" ".join(quote_pieces(c.quote)).split()) < MIN_QUOTE_WORDS:
            yield Finding(
                q.origin.path,
                (*spot, "quote"),
                f"quote is too short to show where the answer comes from "
                f"(fewer than {MIN_QUOTE_WORDS} words)",
                q.id,
                Severity.WARNING,
            )


def _known(essays: Mapping[str, SourceEssay], given: str | None = None) -> str:
    if not essays:
        return ""
    close = difflib.get_close_matches(given or "", sorted(essays), n=1, cutoff=0.6)
    guess = f"did you mean {close[0]!r}? " if close else ""
    return f" ({guess}known essays: {', '.join(sorted(essays))})"


def _uses_default(q: Question, bank: Bank) -> bool:
    return all(c.essay == bank.default_essay for c in q.sources)
