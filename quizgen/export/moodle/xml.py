"""Moodle XML: the shapes of Moodle's own export (question/format/xml), one type each.

Text in a plain bank goes into Moodle as escaped HTML, so ``<b>`` and ``&`` show as
written; a Markdown bank's fields as HTML with math in ``\\(...\\)`` (lms.rich), except
a matching's right-hand sides, which Moodle lists in a ``<select>``: plain text
(quizgen.plaintext). The cloze's embedded answers are in ``cloze``. Choices keep
quizgen's stable order (``shuffleanswers`` off, letters ``ABCD`` as on the worksheets
and cards).
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import assert_never

from ...model import (
    Catalog,
    Cloze,
    Essay,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Ordering,
    Question,
    RubricItem,
    ShortAnswer,
    TrueFalse,
)
from ...plaintext import to_plain
from ..lms import (
    bank_titles,
    choice_order,
    feedback_parts,
    percent,
    select_all_weights,
)
from ..lms.rich import (
    base64_of,
    image_file,
    lms_block,
    lms_html,
    shortanswer_literal,
    typed_answers,
)
from ..xmltext import utf8
from .cloze import cloze_name, cloze_text

# Moodle's penalty for each wrong try in interactive mode, as its own forms default.
PENALTY = "0.3333333"
NAME_LENGTH = 80


def moodle_xml(catalog: Catalog, questions: Sequence[Question], project: str) -> tuple[bytes, int]:
    """The file's bytes and the number of bank categories in it.

    Each question is serialised on its own, so a large bank never holds the whole
    element tree at once."""
    by_bank: dict[str, list[Question]] = {}
    for q in questions:
        by_bank.setdefault(q.bank, []).append(q)
    titles = bank_titles(catalog, questions)
    parts = []
    for bank_id, title in titles.items():
        bank = catalog.bank(bank_id)
        elements = [category(project, title, bank.description)]
        elements += (question(catalog, q, bank.tags) for q in by_bank[bank_id])
        for element in elements:
            ET.indent(element, space="  ", level=1)
            # Bytes at once: a large bank is never copied whole as text.
            parts.append(utf8(ET.tostring(element, "unicode", short_empty_elements=False)))
    body = b"\n  ".join(parts)
    return b"".join(
        (b'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n  ', body, b"\n</quiz>\n")
    ), len(titles)


def category_path(project: str, title: str) -> str:
    """``$course$/project/bank``: a ``/`` inside a name is doubled, as Moodle escapes it."""
    return "$course$/" + "/".join(part.replace("/", "//") for part in (project, title))


def category(project: str, title: str, description: str) -> ET.Element:
    element = ET.Element("question", type="category")
    _text(element, "category", category_path(project, title), None)
    _text(element, "info", description, "plain_text")
    ET.SubElement(element, "idnumber")
    return element


def paragraphs(text: str) -> str:
    """Plain text as Moodle HTML: escaped, one paragraph, line breaks kept."""
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = value
    return element


def _value(parent: ET.Element, tag: str, value: object) -> None:
    ET.SubElement(parent, tag).text = str(value)


def _answer(parent: ET.Element, fraction: float, text: str, fmt: str = "html") -> ET.Element:
    answer = _text(parent, "answer", text, fmt)
    answer.set("fraction", percent(fraction))
    _text(answer, "feedback", "")
    return answer


def _name(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= NAME_LENGTH else flat[: NAME_LENGTH - 1].rstrip() + "…"


def _head(
    catalog: Catalog, q: Question, qtype: str, prompt: str, text: str, penalty: str
) -> ET.Element:
    element = ET.Element("question", type=qtype)
    _text(element, "name", _name(prompt), None)
    if q.markdown and not isinstance(q, Cloze):
        text = lms_block(q, prompt)
    if q.image is not None:
        name, data = image_file(q.image.path)
        alt = html.escape(q.image.alt)
        text += f'<p><img src="@@PLUGINFILE@@/{name}" alt="{alt}"></p>'
    qtext = _text(element, "questiontext", text)
    if q.image is not None:
        file = ET.SubElement(qtext, "file", name=name, path="/", encoding="base64")
        file.text = base64_of(data)
    feedback = "".join(paragraphs(part) for part in feedback_parts(catalog, q))
    if q.markdown and q.explanation:
        sources = feedback_parts(catalog, q)[1:]
        feedback = lms_block(q, q.explanation) + "".join(paragraphs(part) for part in sources)
    _text(element, "generalfeedback", feedback)
    _value(element, "defaultgrade", q.points)
    _value(element, "penalty", penalty)
    _value(element, "hidden", 0)
    _value(element, "idnumber", q.id)
    return element


def question(catalog: Catalog, q: Question, bank_tags: Sequence[str]) -> ET.Element:
    match q:
        case MultipleChoice() | MultipleAnswer():
            element = _choices(catalog, q)
        case TrueFalse():
            element = _head(catalog, q, "truefalse", q.prompt, paragraphs(q.prompt), "1")
            for word, right in (("true", q.answer), ("false", not q.answer)):
                _answer(element, 100 if right else 0, word, "moodle_auto_format")
        case ShortAnswer():
            element = _head(catalog, q, "shortanswer", q.prompt, paragraphs(q.prompt), PENALTY)
            _value(element, "usecase", 0)
            for accepted in typed_answers(q):
                _answer(element, 100, shortanswer_literal(accepted), "moodle_auto_format")
        case Cloze():
            text, total = cloze_text(q)
            element = _head(catalog, q, "cloze", cloze_name(q), text, PENALTY)
            element.find("defaultgrade").text = str(total)  # type: ignore[union-attr]
        case Matching():
            element = _head(catalog, q, "matching", q.prompt, paragraphs(q.prompt), PENALTY)
            _value(element, "shuffleanswers", "true")
            for n in choice_order(q.id, len(q.pairs)):
                sub = _text(element, "subquestion", lms_html(q, q.pairs[n].left))
                # Shown in a <select>, where HTML is not rendered: plain text.
                _text(sub, "answer", to_plain(q.pairs[n].right, markdown=q.markdown), None)
        case Ordering():
            element = _ordering(catalog, q)
        case Essay():
            element = _essay(catalog, q)
        case _:
            assert_never(q)
    _tags(element, (*q.tags, *bank_tags, f"difficulty::{q.difficulty}"))
    return element


def _choices(catalog: Catalog, q: MultipleChoice | MultipleAnswer) -> ET.Element:
    element = _head(catalog, q, "multichoice", q.prompt, paragraphs(q.prompt), PENALTY)
    single = isinstance(q, MultipleChoice)
    _value(element, "single", "true" if single else "false")
    _value(element, "shuffleanswers", "false")
    _value(element, "answernumbering", "ABCD")
    _value(element, "showstandardinstruction", 0)
    if not single:
        ET.SubElement(element, "shownumcorrect")
    if isinstance(q, MultipleChoice):
        right = {q.answer}
        weights = select_all_weights(1, 0)
    else:
        right = set(q.answers)
        weights = select_all_weights(len(right), len(q.choices) - len(right))
    for n in choice_order(q.id, len(q.choices)):
        choice = q.choices[n]
        fraction = weights.right if choice in right else (0 if single else weights.wrong)
        _answer(element, fraction, lms_html(q, choice))
    return element


def _ordering(catalog: Catalog, q: Ordering) -> ET.Element:
    element = _head(catalog, q, "ordering", q.prompt, paragraphs(q.prompt), PENALTY)
    for tag, value in (
        ("layouttype", "VERTICAL"),
        ("selecttype", "ALL"),
        ("selectcount", 0),
        ("gradingtype", "ABSOLUTE_POSITION"),
        ("showgrading", "SHOW"),
        ("numberingstyle", "none"),
    ):
        _value(element, tag, value)
    for position, item in enumerate(q.items, start=1):
        answer = _text(element, "answer", lms_html(q, item))
        answer.set("fraction", f"{position}.0000000")
    return element


def _essay(catalog: Catalog, q: Essay) -> ET.Element:
    element = _head(catalog, q, "essay", q.prompt, paragraphs(q.prompt), "0")
    for tag, value in (
        ("responseformat", "editor"),
        ("responserequired", 1),
        ("responsefieldlines", q.lines),
        ("attachments", 0),
        ("attachmentsrequired", 0),
    ):
        _value(element, tag, value)
    info = paragraphs(f"Model answer: {q.answer}")
    if q.markdown:
        info = "<p>Model answer:</p>" + lms_block(q, q.answer)
    if q.rubric:
        items = "".join(f"<li>{_rubric_item(q, r)}</li>" for r in q.rubric)
        info += f"<p>Look for:</p><ul>{items}</ul>"
    _text(element, "graderinfo", info)
    _text(element, "responsetemplate", "")
    return element


def _tags(element: ET.Element, tags: Sequence[str]) -> None:
    holder = ET.SubElement(element, "tags")
    for tag in dict.fromkeys(tags):
        _text(holder, "tag", tag, None)


def _rubric_item(q: Essay, item: RubricItem) -> str:
    """A rubric criterion for the grader: its points, and what each level looks like."""
    text = lms_html(q, item.criterion)
    if item.points is not None:
        text += f" ({item.points} point{'' if item.points == 1 else 's'})"
    if item.levels is not None:
        levels = (
            ("Full", item.levels.full),
            ("Partial", item.levels.partial),
            ("None", item.levels.none),
        )
        text += "".join(f"<br>{name}: {lms_html(q, said)}" for name, said in levels)
    return text
