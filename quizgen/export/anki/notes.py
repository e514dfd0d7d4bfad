"""One Anki note per question: its identity, fields, tags and cards.

A note's GUID comes from the project's namespace and the question id alone, never
from its text, so that a fixed
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
    ShortAnswer,
    SourceEssay,
    TrueFalse,
)
from ..choices import stable_order
from .notetypes import (
    CHOICE,
    CLOZE_TYPE,
    ITEM_LETTERS,
    LETTERS,
    QA,
    TYPE_IN,
    NoteTypeSpec,
    cloze_safe,
    jinja_env,
)
from .notetypes import text_html as _text
from .richfield import field_html, image_html

# The bundled project's namespace (quizgen.project.BUNDLED_NAMESPACE): with it, a
# GUID is what it was before projects had namespaces.
_GUID_NAMESPACE = "quizgen"

# Longer answers are not worth typing letter for letter: recalled, not typed.
TYPE_IN_MAX = 40


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


def note_guid(question_id: str, namespace: str = _GUID_NAMESPACE) -> str:
    """The note's GUID, from the project's namespace and the question id alone, in
    the form genanki and Anki use. Two projects using the same id get two notes."""
    from genanki import guid_for

    guid: str = guid_for(namespace, question_id)
    return guid


def cloze_field(q: Cloze) -> tuple[str, set[int]]:
    """The text in Anki's cloze syntax, the bank's own text made safe around it, and
    the deletion numbers (Anki makes a card for each)."""
    parts = []
    numbers = set()
    for part in q.segments():
        if isinstance(part, str):
            parts.append(field_html(part, q, cloze=True))
        else:
            numbers.add(part.number)
            hint = f"::{field_html(part.hint, q, cloze=True)}" if part.hint else ""
            answer = field_html(part.answer, q, cloze=True)
            parts.append(f"{{{{c{part.number}::{answer}{hint}}}}}")
    return "".join(parts), numbers


class NoteMaker:
    """Turns questions into notes; the field templates are compiled once, here."""

    def __init__(
        self,
        essays: Mapping[str, SourceEssay],
        *,
        type_in: bool = False,
        namespace: str = _GUID_NAMESPACE,
    ) -> None:
        self._essays = essays
        self._namespace = namespace
        self._short_type = TYPE_IN if type_in else QA
        self._macros: Any = jinja_env().get_template("anki/fields.html").module
        # Questions often quote the same passage; render each set of citations once.
        self._sources: dict[tuple[Citation, ...], str] = {}

    def _source(self, citations: tuple[Citation, ...]) -> str:
        html = self._sources.get(citations)
        if html is None:
            html = self._sources[citations] = str(
                self._macros.source(citations, self._essays)
            ).strip()
        return html

    def note(self, q: Question) -> AnkiNote:
        notetype, main, ords = self._main_fields(q)
        back = (field_html(q.explanation, q, block=True), self._source(q.sources), _text(q.id))
        return AnkiNote(
            question_id=q.id,
            bank=q.bank,
            guid=note_guid(q.id, self._namespace),
            notetype=notetype,
            fields=(*main, *back),
            tags=note_tags(q),
            card_ords=ords,
        )

    def _identity(self, q: Question) -> str:
        """The seed of the question's stable choice order: its id, after the project's
        namespace (the bundled project's order is its id's alone, as it always was)."""
        return q.id if self._namespace == _GUID_NAMESPACE else f"{self._namespace}/{q.id}"

    def _main_fields(self, q: Question) -> tuple[NoteTypeSpec, tuple[str, ...], tuple[int, ...]]:
        """The note type, the fields before the common back ones, and the card ordinals."""
        m = self._macros
        prompt = "" if isinstance(q, Cloze) else field_html(q.prompt, q, block=True) + image_html(q)
        match q:
            case MultipleChoice() | MultipleAnswer():
                order = stable_order(self._identity(q), len(q.choices))
                shown = [field_html(q.choices[i], q) for i in order]
                choices = shown + [""] * (len(LETTERS) - len(shown))
                right = set(q.right_indexes)
                correct = " ".join(LETTERS[p] for p, i in enumerate(order) if i in right)
                return CHOICE, (prompt, *choices, correct), (0,)
            case ShortAnswer():
                also = ", ".join(
                    f'<span class="qz-alt">{field_html(a, q)}</span>'
                    for a in q.accept
                    if a != q.answer
                )
                typed = self._short_type if len(q.answer) <= TYPE_IN_MAX else QA
                return typed, (prompt, field_html(q.answer, q), also), (0,)
            case TrueFalse():
                answer = "True" if q.answer else "False"
                return QA, (str(m.true_false(q)) + image_html(q), answer, ""), (0,)
            case Essay():
                return QA, (prompt, str(m.essay_answer(q)), ""), (0,)
            case Cloze():
                text, numbers = cloze_field(q)
                text = f'<span class="qz-sort">{cloze_safe(readable_cloze(q))}</span>{text}'
                return CLOZE_TYPE, (image_html(q), text), tuple(n - 1 for n in sorted(numbers))
            case Matching():
                text = matching_text(m, q, self._identity(q))
                return CLOZE_TYPE, (prompt, text), tuple(range(len(q.pairs)))
            case Ordering():
                return CLOZE_TYPE, (prompt, ordering_text(m, q, self._identity(q))), (0,)
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
        *(f"source::{c.essay}" for c in q.sources if c.essay),
    ]
    return tuple(dict.fromkeys("_".join(t.split()) for t in tags if t and not t.isspace()))


def readable_cloze(q: Cloze) -> str:
    """The cloze text with ``[...]`` for each deletion: a readable copy at the start of
    the note's Text (hidden on the cards), as Anki's browser lists notes by that field."""
    return "".join(p if isinstance(p, str) else "[...]" for p in q.segments())


def matching_text(macros: Any, q: Matching, identity: str | None = None) -> str:
    """The rows (a deletion each: the letter of the row's match) and the right-hand
    sides as lettered options, in the question's stable order."""
    order = stable_order(identity or q.id, len(q.pairs))
    options = [q.pairs[i].right for i in order]
    answers = [ITEM_LETTERS[order.index(i)] for i in range(len(q.pairs))]
    return str(macros.matching(q, options, answers, ITEM_LETTERS))


def ordering_text(macros: Any, q: Ordering, identity: str | None = None) -> str:
    """The items lettered in a stable shuffled order (never the right one), then the
    right order as one deletion."""
    order = list(stable_order(identity or q.id, len(q.items)))
    if order == sorted(order):
        order = order[1:] + order[:1]
    shown = [q.items[i] for i in order]
    right = [ITEM_LETTERS[order.index(i)] for i in range(len(q.items))]
    return str(macros.ordering(q, shown, right, ITEM_LETTERS))
