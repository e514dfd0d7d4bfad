"""The note types of quizgen's Anki decks: their frozen identity and their templates.

Anki recognises a note type on re-import by its id, and accepts an update of its notes
only while the type's fields and card templates still match: the same number of each,
matched by their ids (Anki 23.10 and later) or else by their names (older Anki and
other importers). So the id, and every field's and template's name and id, is frozen
here. Changing any of them needs a new note-type id (and the old id goes into
``RETIRED_IDS``); ``tests/test_anki_notetypes.py`` holds a copy of this table and
fails when the two drift apart. Template text and styling are free to change: Anki
takes them over when the note type's modification time is newer.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ...model import QuestionBase
from ...resources import bundled

if TYPE_CHECKING:
    from jinja2 import Environment

# Choice fields of the multiple-choice type; the bank schema allows at most 8 choices.
LETTERS = ("A", "B", "C", "D", "E", "F", "G", "H")
# Letters of ordering items and matching options: the bank schema allows at most 10.
ITEM_LETTERS = "ABCDEFGHIJ"

STANDARD, CLOZE = 0, 1


@dataclass(frozen=True)
class FieldSpec:
    name: str
    id: int
    # Shown by Anki's editor in the empty field: what a user may put there.
    description: str = ""


@dataclass(frozen=True)
class TemplateSpec:
    name: str
    id: int
    front: str  # file under templates/anki/
    back: str


@dataclass(frozen=True)
class NoteTypeSpec:
    id: int
    name: str
    kind: int  # STANDARD or CLOZE
    fields: tuple[FieldSpec, ...]
    templates: tuple[TemplateSpec, ...]
    sort_field: str

    def field_index(self, name: str) -> int:
        return [f.name for f in self.fields].index(name)


# The fields every card's back shows, last in every note type: (name, description).
_BACK_FIELDS = (
    ("Explanation", "Why the answer is right."),
    ("Source", "The passage of the essay the question rests on."),
    ("Question ID", "The question's id in the bank; quote it when you report a mistake."),
)


def _note_type(
    type_id: int,
    name: str,
    kind: int,
    fields: tuple[tuple[str, str], ...],
    template: tuple[str, str],
    sort_field: str,
) -> NoteTypeSpec:
    """A note type whose field and template ids follow from its id: id * 100 + position
    for the fields (from 1), id * 100 + 51 for its one card template."""
    all_fields = (*fields, *_BACK_FIELDS)
    return NoteTypeSpec(
        id=type_id,
        name=name,
        kind=kind,
        fields=tuple(
            FieldSpec(field, type_id * 100 + i, description)
            for i, (field, description) in enumerate(all_fields, 1)
        ),
        templates=(
            TemplateSpec(
                template[0],
                type_id * 100 + 51,
                f"{template[1]}.front.html",
                f"{template[1]}.back.html",
            ),
        ),
        sort_field=sort_field,
    )


_ALSO = ("Also accepted", "Other wordings of a right answer.")

QA = _note_type(
    1763769600101,
    "quizgen Q&A",
    STANDARD,
    (("Question", ""), ("Answer", ""), _ALSO),
    ("Question and answer", "qa"),
    "Question",
)

TYPE_IN = _note_type(
    1763769600201,
    "quizgen Q&A (type the answer)",
    STANDARD,
    (("Question", ""), ("Answer", "Plain text: Anki compares what you type with it."), _ALSO),
    ("Type the answer", "typein"),
    "Question",
)

CHOICE = _note_type(
    1763769600301,
    "quizgen multiple choice",
    STANDARD,
    (
        ("Question", ""),
        *((letter, "") for letter in LETTERS),
        ("Correct", "The letters of the right choices, separated by spaces: A or B D."),
    ),
    ("Choose", "choice"),
    "Question",
)

CLOZE_TYPE = _note_type(
    1763769600401,
    "quizgen cloze",
    CLOZE,
    (
        ("Prompt", "An instruction above the text; may be empty."),
        ("Text", "Deletions: {{c1::answer}} or {{c1::answer::hint}}."),
    ),
    ("Cloze", "cloze"),
    # The sort field (Anki's browser column). Text starts with a readable copy of the
    # question (hidden on the cards), so the column never shows raw {{c1::...}}.
    # Changing the sort field would be a trap: Anki then rewrites every note of the
    # type with the import's time, and the newer notes of the same import are skipped.
    "Text",
)

NOTE_TYPES: tuple[NoteTypeSpec, ...] = (QA, TYPE_IN, CHOICE, CLOZE_TYPE)

# Ids once used for a note type with other fields or templates: never use them again,
# or students' collections would see two different note types under one id.
RETIRED_IDS: frozenset[int] = frozenset()


@dataclass(frozen=True)
class RenderedNoteType:
    spec: NoteTypeSpec
    css: str
    # (front, back) of each card template, in the order of spec.templates.
    formats: tuple[tuple[str, str], ...]

    @property
    def digest(self) -> str:
        """Changes whenever anything Anki would store for this note type changes."""
        payload = json.dumps(
            [
                self.spec.name,
                self.css,
                self.formats,
                [(f.name, f.id, f.description) for f in self.spec.fields],
            ]
        )
        return hashlib.blake2b(payload.encode("utf-8"), digest_size=8).hexdigest()

    def to_json(self, mod: int, deck_id: int) -> dict[str, Any]:
        """The note type as Anki's legacy (schema 11) collection stores it."""
        spec = self.spec
        return {
            "id": spec.id,
            "name": spec.name,
            "type": spec.kind,
            "mod": mod,
            "usn": -1,
            "sortf": spec.field_index(spec.sort_field),
            "did": deck_id,
            "tmpls": [
                {
                    "name": t.name,
                    "ord": i,
                    "id": t.id,
                    "qfmt": front,
                    "afmt": back,
                    "bqfmt": "",
                    "bafmt": "",
                    "did": None,
                    "bfont": "",
                    "bsize": 0,
                }
                for i, (t, (front, back)) in enumerate(
                    zip(spec.templates, self.formats, strict=True)
                )
            ],
            "flds": [
                {
                    "name": f.name,
                    "ord": i,
                    "id": f.id,
                    "description": f.description,
                    "sticky": False,
                    "rtl": False,
                    "font": "Arial",
                    "size": 20,
                    "media": [],
                    "plainText": False,
                    "collapsed": False,
                    "excludeFromSearch": False,
                }
                for i, f in enumerate(spec.fields)
            ],
            "css": self.css,
            "latexPre": _LATEX_PRE,
            "latexPost": "\\end{document}",
            "latexsvg": False,
            # Only Anki before 2.1.28 reads this: a card needs the first field.
            "req": [[i, "any", [0]] for i in range(len(spec.templates))],
            "tags": [],
            "vers": [],
        }


_LATEX_PRE = (
    "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n"
    "\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n"
    "\\setlength{\\parindent}{0in}\n\\begin{document}\n"
)


# MathJax's delimiters: Anki typesets them wherever they appear in a card's text.
_MATHJAX = re.compile(r"\\[()\[\]]")


def text_html(text: str) -> str:
    """Plain text as field HTML that shows exactly as written, and nothing else.

    ``<``, ``>`` and ``&`` are escaped and line breaks kept. Quotes stay as they are:
    they need no escaping outside attributes, and entities would show in Anki's HTML
    editor and in what type-in answers are compared with. Anki's own markup in bank
    text is defused here, the one place every field passes through: ``[`` becomes
    ``&#91;``, so ``[sound:x.mp3]``, ``[latex]``, ``[$]`` and ``[$$]`` are neither
    played nor typeset (Anki looks for them in the field's HTML); text holding MathJax
    delimiters (``\\(``, ``\\[``) is wrapped in Anki's MathJax-ignore class, as MathJax
    reads the text a browser shows, where an entity would not hide them.
    """
    value = str(text)
    escaped = html.escape(value, quote=False).replace("[", "&#91;").replace("\n", "<br>")
    if _MATHJAX.search(value):
        return f'<span class="tex2jax_ignore">{escaped}</span>'
    return escaped


def _lines(text: str, q: QuestionBase | None = None, block: bool = False) -> Markup:
    """``text`` as field HTML; Markdown and math if ``q`` is of a Markdown bank."""
    if q is not None and q.markdown:
        from .richfield import field_html

        return Markup(field_html(text, q, block=block))
    return Markup(text_html(text))


def _cloze_safe(text: str, q: QuestionBase | None = None) -> Markup:
    if q is not None and q.markdown:
        from .richfield import field_html

        return Markup(field_html(text, q, cloze=True))
    return Markup(cloze_safe(text))


def cloze_safe(text: str) -> str:
    """Field HTML (see ``text_html``) in which Anki's cloze parser cannot see ``{{``,
    ``::`` or ``}}``."""
    return text_html(text).replace("{", "&#123;").replace("}", "&#125;").replace(":", "&#58;")


@cache
def jinja_env() -> Environment:
    """Jinja for templates/anki/: Anki keeps ``{{ }}``, so Jinja uses ``[[ ]]``."""
    from jinja2 import FileSystemLoader

    from ...templating import environment

    env = environment(
        FileSystemLoader(str(bundled("templates"))),
        variable_start_string="[[",
        variable_end_string="]]",
        comment_start_string="[#",
        comment_end_string="#]",
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["lines"] = _lines
    env.filters["cloze_safe"] = _cloze_safe
    return env


def render_note_types() -> Mapping[int, RenderedNoteType]:
    """Every note type with its templates and stylesheet rendered, by id."""
    env = jinja_env()
    context = {"letters": LETTERS, "item_letters": ITEM_LETTERS}
    css = env.get_template("anki/style.css").render(context).strip() + "\n"
    rendered = {}
    for spec in NOTE_TYPES:
        formats = tuple(
            (
                env.get_template(f"anki/{t.front}").render(context).strip(),
                env.get_template(f"anki/{t.back}").render(context).strip(),
            )
            for t in spec.templates
        )
        rendered[spec.id] = RenderedNoteType(spec, css, formats)
    return rendered
