"""The view model of a worksheet: what one version's sheet and key show, computed once.

Templates only lay these objects out; every decision about content (numbering,
letters, which letters are right, how long an answer line is, what a key entry's
``data-answer`` says) is made here, from the model and a :class:`~quizgen.select.Version`.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal, assert_never

from ...cloze import Deletion
from ...model import (
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
from ...scoring import DEFAULT_SCORING, Scoring
from ...vocabulary import Paper
from .versions import Arranged, Version

# Answer lines come in a few lengths, so a line's length hints at the kind of
# answer (a year, a name, a phrase) without giving away its exact length.
LineSize = Literal["s", "m", "l", "full"]
_LINE_SIZES: tuple[tuple[int, LineSize], ...] = ((8, "s"), (20, "m"), (40, "l"))
_CHARS_PER_FULL_LINE = 70
# Essay lines without a `lines` of their own: this many per point, within bounds.
_ESSAY_LINES_PER_POINT, _ESSAY_MIN_LINES, _ESSAY_MAX_LINES = 3, 4, 30


@dataclass(frozen=True)
class Option:
    """A lettered choice, ordering item or right-hand side of a matching question."""

    letter: str
    text: str
    correct: bool = False


@dataclass(frozen=True)
class MatchRow:
    """A numbered left-hand side and the letter of its partner in the right column."""

    number: int
    text: str
    letter: str
    partner: str


@dataclass(frozen=True)
class Blank:
    """A gap in a cloze text, numbered within its question."""

    number: int
    answer: str
    hint: str | None
    size: LineSize


@dataclass(frozen=True)
class Work:
    """An essay that the key cites, listed once in full at the top of the key."""

    author: str
    title: str
    published: str

    @property
    def short_title(self) -> str:
        """The title up to its first full stop: "Anarchism, Marxism and Victor Serge"
        for a title that goes on "A review essay of ...". Each key entry cites by it."""
        head, stop, _ = self.title.partition(". ")
        return head if stop else self.title


@dataclass(frozen=True)
class SourceNote:
    work: Work
    paragraph: int | None
    quote: str


@dataclass(frozen=True)
class Item:
    """One numbered question of a version, with what its sheet and key entries need."""

    number: int
    question: Question
    # The machine-readable answer a key entry carries in data-answer (see the README).
    data_answer: str
    options: tuple[Option, ...] = ()  # mcq, multi, order: in this version's order
    solution: tuple[Option, ...] = ()  # mcq, multi: the right ones; order: in order
    rows: tuple[MatchRow, ...] = ()  # match: the left column in this version's order
    segments: tuple[str | Blank, ...] = ()  # cloze: the running text and its blanks
    line_size: LineSize = "full"  # short: how long the answer line is
    line_count: int = 1  # short, essay: how many ruled lines
    sources: tuple[SourceNote, ...] = ()
    points: int = 0  # as the scoring rules count them (see Scoring)
    rule: str = ""  # the scoring rule in words, where there is one to state

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def written(self) -> bool:
        """True for answers a teacher reads and marks by hand (a mark box beside them)."""
        return self.kind in ("short", "cloze", "essay")

    @property
    def blanks(self) -> tuple[Blank, ...]:
        return tuple(s for s in self.segments if isinstance(s, Blank))


@dataclass(frozen=True)
class Section:
    """The questions of one type, with a part number (Part 1, Part 2, ...)."""

    number: int
    kind: str
    items: tuple[Item, ...]

    @property
    def points(self) -> int:
        return sum(i.points for i in self.items)


@dataclass(frozen=True)
class Worksheet:
    """Everything one version's sheet, key and quick key show."""

    title: str
    instructions: str
    paper: Paper
    letter: str
    version_count: int
    seed: int
    sections: tuple[Section, ...]
    scoring: Scoring = DEFAULT_SCORING
    # The same for every version of one run: which test a scanned answer sheet is of.
    test_id: str = ""

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for s in self.sections for i in s.items)

    @property
    def points(self) -> int:
        return sum(s.points for s in self.sections)

    @property
    def works(self) -> tuple[Work, ...]:
        """The essays the key cites, in the order of their first citation."""
        return tuple(dict.fromkeys(n.work for i in self.items for n in i.sources))

    @property
    def check_code(self) -> str:
        """Four characters printed on the sheet and on its keys, so a teacher can see
        at a glance that a key belongs to the sheet in hand (same questions, same
        order, same letters), even between runs with different seeds."""
        digest = hashlib.sha256()
        for item in self.items:
            digest.update(f"{item.question.id}\0{item.data_answer}\0".encode())
        return digest.hexdigest()[:4].upper()


def build_worksheet(
    version: Version,
    essays: Mapping[str, SourceEssay],
    *,
    title: str,
    instructions: str,
    paper: Paper,
    version_count: int,
    seed: int,
    scoring: Scoring = DEFAULT_SCORING,
    test_id: str = "",
) -> Worksheet:
    sections: list[Section] = []
    for number, arranged in enumerate(version.questions, 1):
        item = _item(number, arranged, essays)
        item = replace(item, points=scoring.points(item.question), rule=scoring.rule(item.question))
        if sections and sections[-1].kind == item.kind:
            last = sections[-1]
            sections[-1] = Section(last.number, last.kind, (*last.items, item))
        else:
            sections.append(Section(len(sections) + 1, item.kind, (item,)))
    return Worksheet(
        title=title,
        instructions=instructions,
        paper=paper,
        letter=version.letter,
        version_count=version_count,
        seed=seed,
        sections=tuple(sections),
        scoring=scoring,
        test_id=test_id,
    )


def test_identity(questions: Iterable[Question], title: str, seed: int, versions: int) -> str:
    """Eight characters naming one test: its questions, title, seed and version count.

    Printed in an answer sheet's QR code; ``quizgen mark`` refuses a scan whose
    identity is not the key's, so a sheet of another test is never marked.
    """
    digest = hashlib.sha256(f"{title}\0{seed}\0{versions}\0".encode())
    for q_id in sorted(q.id for q in questions):
        digest.update(f"{q_id}\0".encode())
    return digest.hexdigest()[:8].upper()


def _letter(index: int) -> str:
    return chr(ord("A") + index)


def _item(number: int, arranged: Arranged, essays: Mapping[str, SourceEssay]) -> Item:
    q = arranged.question
    sources = tuple(SourceNote(_work(essays, c.essay), c.paragraph, c.quote) for c in q.sources)
    match q:
        case MultipleChoice() | MultipleAnswer():
            right = q.right_indexes
            options = tuple(
                Option(_letter(n), q.choices[i], i in right) for n, i in enumerate(arranged.order)
            )
            solution = tuple(o for o in options if o.correct)
            data = ",".join(o.letter for o in solution)
            return Item(number, q, data, options=options, solution=solution, sources=sources)
        case Ordering():
            options = tuple(Option(_letter(n), q.items[i]) for n, i in enumerate(arranged.order))
            by_text_index = {i: options[n] for n, i in enumerate(arranged.order)}
            solution = tuple(by_text_index[i] for i in range(len(q.items)))
            data = ",".join(o.letter for o in solution)
            return Item(number, q, data, options=options, solution=solution, sources=sources)
        case Matching():
            return _match_item(number, q, arranged, sources)
        case TrueFalse():
            return Item(number, q, "true" if q.answer else "false", sources=sources)
        case ShortAnswer():
            size, count = _answer_line(max((q.answer, *q.accept), key=len))
            return Item(number, q, q.answer, line_size=size, line_count=count, sources=sources)
        case Cloze():
            segments = _cloze_segments(q.segments())
            data = " | ".join(b.answer for b in segments if isinstance(b, Blank))
            return Item(number, q, data, segments=segments, sources=sources)
        case Essay():
            lines = _essay_lines(q.lines, q.points)
            return Item(number, q, q.answer, line_count=lines, sources=sources)
        case _:
            assert_never(q)


def _essay_lines(lines: int | None, points: int) -> int:
    if lines is not None:
        return lines
    return min(_ESSAY_MAX_LINES, max(_ESSAY_MIN_LINES, _ESSAY_LINES_PER_POINT * points))


def _match_item(
    number: int, q: Matching, arranged: Arranged, sources: tuple[SourceNote, ...]
) -> Item:
    options = tuple(Option(_letter(n), q.pairs[i].right) for n, i in enumerate(arranged.order))
    letter_of = {i: _letter(n) for n, i in enumerate(arranged.order)}
    rows = tuple(
        MatchRow(n + 1, q.pairs[i].left, letter_of[i], q.pairs[i].right)
        for n, i in enumerate(arranged.left_order)
    )
    data = ",".join(f"{r.number}-{r.letter}" for r in rows)
    return Item(number, q, data, options=options, rows=rows, sources=sources)


def _work(essays: Mapping[str, SourceEssay], essay_id: str) -> Work:
    essay = essays[essay_id]  # a verified catalog cites only essays it has
    return Work(essay.author, essay.title, essay.published)


def _answer_line(answer: str) -> tuple[LineSize, int]:
    """How long a line, and how many lines, a written answer like ``answer`` needs."""
    # Handwriting is wider than print: allow about one and a half times the letters.
    room = math.ceil(len(answer) * 1.5)
    for limit, size in _LINE_SIZES:
        if room <= limit:
            return size, 1
    return "full", max(1, math.ceil(room / _CHARS_PER_FULL_LINE))


def _cloze_segments(parts: Iterable[str | Deletion]) -> tuple[str | Blank, ...]:
    segments: list[str | Blank] = []
    blanks = 0
    for part in parts:
        if isinstance(part, Deletion):
            blanks += 1
            size, _ = _answer_line(max(part.answer, part.hint or "", key=len))
            segments.append(Blank(blanks, part.answer, part.hint, "l" if size == "full" else size))
        else:
            segments.append(str(part))
    return tuple(segments)
