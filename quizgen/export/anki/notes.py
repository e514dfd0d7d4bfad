"""One Anki note per question: its identity, fields, tags and cards.

A note's GUID comes from the question id alone, never from its text, so that a fixed
typo updates the student's note instead of adding a second one. Fields hold what a
user may want to edit in Anki (the question, each choice, the answer, ...); only the
fields that need structure (the source passage, a rubric, the rows of a matching
question) are rendered from ``templates/anki/fields.html``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, assert_never

from ...model import (
    Citation,
    Cloze,
    Essay,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Ordering,
    Question,
    Seed,
    ShortAnswer,
    TrueFalse,
)
from .notetypes import (
    CHOICE,
    CLOZE_TYPE,
    LETTERS,
    QA,
    TYPE_IN,
    NoteTypeSpec,
    cloze_safe,
    jinja_env,
)
from .notetypes import text_html as _text

_GUID_NAMESPACE = "quizgen"


@dataclass(frozen=True)
class AnkiNote:
    question_id: str
    bank: str
    guid: str
    notetype: NoteTypeSpec
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    # The ordinals of the note's cards: 0 for a standard note, N-1 for deletion cN.
    card_ords: tuple[int, ...]

    @property
    def digest(self) -> str:
        """Changes exactly when what the importer would write into the note changes.

        The note type is left out on purpose: switching ``--type-in`` on and off is
        not a change of content, and Anki cannot move a note between types anyway.
        """
        payload = "\x1f".join(self.fields) + "\x1e" + " ".join(self.tags)
        return hashlib.blake2b(payload.encode("utf-8"), digest_size=8).hexdigest()


def note_guid(question_id: str) -> str:
    """The note's GUID: from the question id alone, in the form genanki and Anki use."""
    from genanki import guid_for

    guid: str = guid_for(_GUID_NAMESPACE, question_id)
    return guid


def cloze_field(q: Cloze) -> tuple[str, set[int]]:
    """The text in Anki's cloze syntax, the bank's own text made safe around it, and
    the deletion numbers (Anki makes a card for each)."""
    parts = []
    numbers = set()
    for part in q.segments():
        if isinstance(part, str):
            parts.append(cloze_safe(part))
        else:
            numbers.add(part.number)
            hint = f"::{cloze_safe(part.hint)}" if part.hint else ""
            parts.append(f"{{{{c{part.number}::{cloze_safe(part.answer)}{hint}}}}}")
    return "".join(parts), numbers


class NoteMaker:
    """Turns questions into notes; the field templates are compiled once, here."""

    def __init__(self, seeds: Mapping[str, Seed], *, type_in: bool = False) -> None:
        self._seeds = seeds
        self._short_type = TYPE_IN if type_in else QA
        self._macros: Any = jinja_env().get_template("anki/fields.html").module
        # Questions often quote the same passage; render each set of citations once.
        self._sources: dict[tuple[Citation, ...], str] = {}

    def _source(self, citations: tuple[Citation, ...]) -> str:
        html = self._sources.get(citations)
        if html is None:
            html = self._sources[citations] = str(
                self._macros.source(citations, self._seeds)
            ).strip()
        return html

    def note(self, q: Question) -> AnkiNote:
        notetype, main, ords = self._main_fields(q)
        back = (_text(q.explanation), self._source(q.sources), _text(q.id))
        return AnkiNote(
            question_id=q.id,
            bank=q.bank,
            guid=note_guid(q.id),
            notetype=notetype,
            fields=(*main, *back),
            tags=note_tags(q),
            card_ords=ords,
        )

    def _main_fields(self, q: Question) -> tuple[NoteTypeSpec, tuple[str, ...], tuple[int, ...]]:
        """The note type, the fields before the common back ones, and the card ordinals."""
        m = self._macros
        match q:
            case MultipleChoice() | MultipleAnswer():
                right = q.right_indexes
                choices = [_text(c) for c in q.choices] + [""] * (len(LETTERS) - len(q.choices))
                correct = " ".join(LETTERS[i] for i in right)
                return CHOICE, (_text(q.prompt), *choices, correct), (0,)
            case ShortAnswer():
                also = ", ".join(_text(a) for a in q.accept if a != q.answer)
                return self._short_type, (_text(q.prompt), _text(q.answer), also), (0,)
            case TrueFalse():
                answer = "True" if q.answer else "False"
                return QA, (str(m.true_false(q)), answer, ""), (0,)
            case Essay():
                return QA, (_text(q.prompt), str(m.essay_answer(q)), ""), (0,)
            case Cloze():
                text, numbers = cloze_field(q)
                return CLOZE_TYPE, ("", text), tuple(n - 1 for n in sorted(numbers))
            case Matching():
                ords = tuple(range(len(q.pairs)))
                return CLOZE_TYPE, (_text(q.prompt), str(m.pairs(q))), ords
            case Ordering():
                ords = tuple(range(len(q.items)))
                return CLOZE_TYPE, (_text(q.prompt), str(m.sequence(q))), ords
            case _:
                assert_never(q)


def note_tags(q: Question) -> tuple[str, ...]:
    """The question's and bank's tags, then difficulty::, type:: and source:: tags.

    Anki splits tags on spaces, so any whitespace inside a tag becomes ``_``.
    """
    tags = [
        *q.tags,
        f"difficulty::{q.difficulty}",
        f"type::{q.kind}",
        *(f"source::{c.seed}" for c in q.sources if c.seed),
    ]
    return tuple(dict.fromkeys("_".join(t.split()) for t in tags if t and not t.isspace()))
