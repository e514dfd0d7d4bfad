"""Semantic rules: what the schema cannot say.

Ids unique across banks, answers among their choices, well-formed cloze deletions,
distinct match pairs, and every quote found in its seed. ``check`` returns the
questions with each citation's paragraph filled in, and every problem found.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence

from .errors import Location, Problem, Severity
from .model import (
    Bank,
    Citation,
    Cloze,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Question,
    Seed,
    parse_cloze,
)
from .textmatch import SeedIndex, normalise


def check(
    banks: Sequence[Bank], seeds: Mapping[str, Seed], *, require_sources: bool = False
) -> tuple[list[Bank], list[Problem]]:
    problems: list[Problem] = []
    indexes = {sid: SeedIndex(seed.paragraphs) for sid, seed in seeds.items()}
    first_id: dict[str, Location] = {}
    bank_ids: dict[str, str] = {}
    located: list[Bank] = []
    for bank in banks:
        if bank.id in bank_ids:
            problems.append(
                Problem(
                    Location(bank.path), f"duplicate bank id {bank.id!r} (also {bank_ids[bank.id]})"
                )
            )
        bank_ids.setdefault(bank.id, bank.path)
        if bank.default_seed and bank.default_seed not in seeds:
            problems.append(
                Problem(
                    Location(bank.path),
                    f"unknown seed {bank.default_seed!r} in the bank's source{_known(seeds)}",
                )
            )
        questions: list[Question] = []
        for q in bank.questions:
            if q.id in first_id:
                problems.append(
                    Problem(
                        q.where("id"), f"duplicate id {q.id!r} (first at {first_id[q.id]})", q.id
                    )
                )
            else:
                first_id[q.id] = q.where("id")
            problems.extend(_answers(q))
            citations, found = _citations(q, seeds, indexes, require_sources)
            problems.extend(found)
            questions.append(dataclasses.replace(q, sources=citations))
        located.append(dataclasses.replace(bank, questions=tuple(questions)))
    return located, problems


def _answers(q: Question) -> Iterator[Problem]:
    if isinstance(q, MultipleChoice):
        if q.answer not in q.choices:
            yield Problem(q.where("answer"), _not_a_choice(q.answer, q.choices), q.id)
    elif isinstance(q, MultipleAnswer):
        for i, answer in enumerate(q.answers):
            if answer not in q.choices:
                yield Problem(q.where("answer", i), _not_a_choice(answer, q.choices), q.id)
    elif isinstance(q, Cloze):
        yield from _cloze(q)
    elif isinstance(q, Matching):
        for side in ("left", "right"):
            seen: dict[str, int] = {}
            for i, pair in enumerate(q.pairs):
                value = getattr(pair, side)
                if value in seen:
                    yield Problem(
                        q.where("pairs", i, side),
                        f"duplicate {side} side {value!r} in pairs "
                        f"(same as pair {seen[value] + 1})",
                        q.id,
                    )
                seen.setdefault(value, i)


def _cloze(q: Cloze) -> Iterator[Problem]:
    deletions, errors = parse_cloze(q.text)
    for error in errors:
        yield Problem(q.where("text"), error.message, q.id)
    if not deletions and not errors:
        yield Problem(
            q.where("text"),
            "cloze text has no deletions: mark the hidden term as {{c1::term}}",
            q.id,
        )


def _not_a_choice(answer: str, choices: Sequence[str]) -> str:
    near = [c for c in choices if normalise(c).casefold() == normalise(answer).casefold()]
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    return f"answer {answer!r} is not one of the choices{hint}"


def _citations(
    q: Question,
    seeds: Mapping[str, Seed],
    indexes: Mapping[str, SeedIndex],
    require_sources: bool,
) -> tuple[tuple[Citation, ...], list[Problem]]:
    problems: list[Problem] = []
    if not q.sources:
        severity = Severity.ERROR if require_sources else Severity.WARNING
        problems.append(Problem(q.location, "question has no source", q.id, severity))
        return (), problems
    located: list[Citation] = []
    for i, c in enumerate(q.sources):
        if not c.seed:
            problems.append(
                Problem(
                    q.where("source", i),
                    "source has no seed and the bank sets no default source",
                    q.id,
                )
            )
            located.append(c)
            continue
        if c.seed not in seeds:
            problems.append(
                Problem(
                    q.where("source", i, "seed"), f"unknown seed {c.seed!r}{_known(seeds)}", q.id
                )
            )
            located.append(c)
            continue
        paragraph = indexes[c.seed].locate(c.quote)
        if paragraph is None:
            number, passage = indexes[c.seed].closest(c.quote)
            shown = passage if len(passage) <= 160 else passage[:157] + "..."
            problems.append(
                Problem(
                    q.where("source", i, "quote"),
                    f"quote not found in seed {c.seed!r}; closest passage "
                    f"(paragraph {number}): {shown!r}",
                    q.id,
                )
            )
        located.append(dataclasses.replace(c, paragraph=paragraph))
    return tuple(located), problems


def _known(seeds: Mapping[str, Seed]) -> str:
    return f" (known seeds: {', '.join(sorted(seeds))})" if seeds else ""
