"""The typed model every other layer works on: banks, questions, essays.

One frozen dataclass per question type, joined in the :data:`Question` union.
Nothing here reads files or knows about YAML; the loader builds these objects and
the renderers only read them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar

from .cloze import Deletion, parse_cloze
from .vocabulary import QUESTION_TYPES, Difficulty, Level, QuestionKind


@dataclass(frozen=True)
class Origin:
    """Where a question was written: its bank file and its index in ``questions``.

    Line and column are not kept: the loader finds them again, only for the files
    it has something to report about.
    """

    path: str
    index: int
    # Whether ``source`` was written as a list (or as one mapping).
    listed_sources: bool = False


@dataclass(frozen=True)
class Citation:
    """A passage of an essay that supports a question.

    ``paragraph`` is the 1-based number of the paragraph where the quote was
    found; it is None until the verifier has found it.
    """

    essay: str
    quote: str
    paragraph: int | None = None


@dataclass(frozen=True)
class Image:
    """A picture shown with a question; ``path`` is resolved against the bank's folder."""

    path: str
    alt: str


@dataclass(frozen=True, kw_only=True)
class QuestionBase:
    kind: ClassVar[QuestionKind]
    # "a" or "an" before the kind's name in a message: "an mcq question".
    article: ClassVar[str] = "a"

    id: str
    bank: str
    explanation: str = ""
    sources: tuple[Citation, ...] = ()
    difficulty: Difficulty = "medium"
    # The cognitive level asked for; None where the bank does not say.
    level: Level | None = None
    tags: tuple[str, ...] = ()
    points: int = 1
    image: Image | None = None
    # The bank's ``markdown: true``: text fields are Markdown with math (quizgen.rich).
    markdown: bool = False
    origin: Origin = field(default=Origin("<memory>", 0), compare=False)

    @property
    def stem(self) -> str:
        """What the question asks, as one text: its prompt (a cloze: its text)."""
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class Prompted(QuestionBase):
    """Every type but cloze asks with a prompt."""

    prompt: str

    @property
    def stem(self) -> str:
        return self.prompt


@dataclass(frozen=True, kw_only=True)
class MultipleChoice(Prompted):
    kind: ClassVar[QuestionKind] = "mcq"
    article: ClassVar[str] = "an"
    choices: tuple[str, ...]
    answer: str

    @property
    def answer_index(self) -> int:
        return self.choices.index(self.answer)

    @property
    def right_indexes(self) -> tuple[int, ...]:
        """The indexes of the right choices, as for a select-all question."""
        return (self.answer_index,)


@dataclass(frozen=True, kw_only=True)
class MultipleAnswer(Prompted):
    kind: ClassVar[QuestionKind] = "multi"
    choices: tuple[str, ...]
    answers: tuple[str, ...]

    @property
    def answer_indexes(self) -> tuple[int, ...]:
        return tuple(i for i, c in enumerate(self.choices) if c in self.answers)

    @property
    def right_indexes(self) -> tuple[int, ...]:
        return self.answer_indexes


@dataclass(frozen=True, kw_only=True)
class TrueFalse(Prompted):
    kind: ClassVar[QuestionKind] = "truefalse"
    answer: bool


@dataclass(frozen=True, kw_only=True)
class ShortAnswer(Prompted):
    kind: ClassVar[QuestionKind] = "short"
    answer: str
    accept: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Cloze(QuestionBase):
    kind: ClassVar[QuestionKind] = "cloze"
    text: str

    @property
    def stem(self) -> str:
        return self.text

    @property
    def deletions(self) -> tuple[Deletion, ...]:
        return parse_cloze(self.text, math=self.markdown)[0]

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(sorted({d.number for d in self.deletions}))

    def segments(self) -> Iterator[str | Deletion]:
        """The text as plain strings and deletions, in order."""
        last = 0
        for d in self.deletions:
            if d.start > last:
                yield self.text[last : d.start]
            yield d
            last = d.end
        if last < len(self.text):
            yield self.text[last:]


@dataclass(frozen=True)
class Pair:
    left: str
    right: str


@dataclass(frozen=True, kw_only=True)
class Matching(Prompted):
    kind: ClassVar[QuestionKind] = "match"
    pairs: tuple[Pair, ...]


@dataclass(frozen=True, kw_only=True)
class Ordering(Prompted):
    kind: ClassVar[QuestionKind] = "order"
    article: ClassVar[str] = "an"
    items: tuple[str, ...]


@dataclass(frozen=True)
class RubricLevels:
    """What full, partial and no credit look like for one criterion."""

    full: str
    partial: str
    none: str


@dataclass(frozen=True)
class RubricItem:
    """One criterion of an essay's rubric; ``points`` is None for a plain criterion,
    which is worth an equal share of the essay's points."""

    criterion: str
    points: int | None = None
    levels: RubricLevels | None = None

    def __str__(self) -> str:
        return self.criterion


@dataclass(frozen=True, kw_only=True)
class Essay(Prompted):
    kind: ClassVar[QuestionKind] = "essay"
    article: ClassVar[str] = "an"
    answer: str
    rubric: tuple[RubricItem, ...] = ()
    # Answer lines on a worksheet; None: as many as the points call for.
    lines: int | None = None

    @property
    def weighted(self) -> bool:
        """Whether every criterion of the rubric carries its own points."""
        return bool(self.rubric) and all(r.points is not None for r in self.rubric)

    @property
    def rubric_points(self) -> int | None:
        """The sum of the criteria's points, where the rubric is weighted."""
        return sum(r.points or 0 for r in self.rubric) if self.weighted else None

    @property
    def criterion_points(self) -> tuple[int | None, ...]:
        """What each criterion is worth, for a marker: its own points, or an equal
        share of the essay's where that is a whole number (else None)."""
        if self.weighted:
            return tuple(r.points for r in self.rubric)
        share, rest = divmod(self.points, len(self.rubric) or 1)
        return tuple(share if share and not rest else None for _ in self.rubric)


Question = (
    MultipleChoice | MultipleAnswer | TrueFalse | ShortAnswer | Cloze | Matching | Ordering | Essay
)

QUESTION_CLASSES: Mapping[str, type[QuestionBase]] = MappingProxyType(
    {
        cls.kind: cls
        for cls in (
            MultipleChoice,
            MultipleAnswer,
            TrueFalse,
            ShortAnswer,
            Cloze,
            Matching,
            Ordering,
            Essay,
        )
    }
)
if tuple(QUESTION_CLASSES) != QUESTION_TYPES:  # pragma: no cover - caught by any test run
    raise ImportError("quizgen.vocabulary.QUESTION_TYPES and the model's classes disagree")


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    path: str
    questions: tuple[Question, ...]
    description: str = ""
    tags: tuple[str, ...] = ()
    default_essay: str | None = None


@dataclass(frozen=True)
class SourceEssay:
    """A source text, split into paragraphs (see essaytext), numbered from 1."""

    id: str
    title: str
    author: str
    published: str
    path: str
    paragraphs: tuple[str, ...]
    # The line of the file each paragraph is on, for messages an editor can follow.
    lines: tuple[int, ...] = ()
    # Paragraphs that are not substance (headings, bylines, endnotes), with why.
    not_substantive: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))

    def paragraph(self, number: int) -> str:
        return self.paragraphs[number - 1]

    def is_substantive(self, number: int, min_words: int = 25) -> bool:
        if number in self.not_substantive:
            return False
        return len(self.paragraphs[number - 1].split()) >= min_words


@dataclass(frozen=True)
class Catalog:
    """Everything loaded and verified: the banks in file order and the essays by id."""

    banks: tuple[Bank, ...]
    essays: Mapping[str, SourceEssay]
    # The folders (as the banks' paths name them) of which every bank file was loaded:
    # only there may the Anki history forget questions deleted from the banks. The CLI
    # fills it (project.complete_folders); left empty, nothing is ever forgotten.
    complete_folders: frozenset[str] = frozenset()

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for b in self.banks for q in b.questions)

    def bank(self, bank_id: str) -> Bank:
        for b in self.banks:
            if b.id == bank_id:
                return b
        raise KeyError(bank_id)
