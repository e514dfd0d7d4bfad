"""QTI 1.2 items as Canvas writes and reads them (classic quizzes).

The shapes follow Canvas's own export and text2qti: question type and points in
``itemmetadata``, choices as ``response_lid``, the general feedback as the
``general_fb`` item feedback. Text from a bank is escaped HTML in ``mattext``; a
Markdown bank's text is rendered HTML, math as Canvas's equation images, and a
question's picture a file in the zip (``rich``).
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
    ShortAnswer,
    TrueFalse,
)
from ..lms import choice_order, citations, percent, positions
from ..lms.rich import BLANK, lms_plain, typed_answers
from ..xmltext import utf8
from . import rich
from .rich import Pictures

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

CANVAS_TYPES = {
    "mcq": "multiple_choice_question",
    "multi": "multiple_answers_question",
    "truefalse": "true_false_question",
    "short": "short_answer_question",
    "cloze": "fill_in_multiple_blanks_question",
    "match": "matching_question",
    "order": "matching_question",
    "essay": "essay_question",
}


def paragraphs(text: str) -> str:
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _material(parent: ET.Element, text: str, texttype: str = "text/html") -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype=texttype)


def assessment(
    catalog: Catalog,
    questions: Sequence[Question],
    ident: str,
    title: str,
    pictures: Pictures | None = None,
) -> bytes:
    """The QTI document. Items are serialised one by one into the section, so a large
    quiz never holds the whole element tree at once. The pictures the items show are
    added to ``pictures``."""
    pictures = Pictures() if pictures is None else pictures
    root = ET.Element("questestinterop")
    root.set("xmlns", QTI_NS)
    root.set("xmlns:xsi", XSI_NS)
    root.set("xsi:schemaLocation", f"{QTI_NS} {QTI_XSD}")
    quiz = _sub(root, "assessment", ident=ident, title=title)
    meta = _sub(quiz, "qtimetadata")
    _field(meta, "cc_maxattempts", "1")
    section = _sub(quiz, "section", ident="root_section")
    section.append(ET.Comment("items"))
    ET.indent(root, space="  ")
    head, tail = ET.tostring(root, "unicode").split("<!--items-->")
    # Bytes, each item encoded at once: a str holding one curly quote takes 2 bytes a
    # character, and a large quiz would be copied whole at every concatenation.
    items = []
    for q in questions:
        element = item(catalog, q, pictures)
        ET.indent(element, space="  ", level=3)
        items.append(utf8(ET.tostring(element, "unicode")))
    start = ('<?xml version="1.0" encoding="UTF-8"?>\n' + head).encode()
    return b"".join((start, b"\n      ".join(items), tail.encode()))


def _field(meta: ET.Element, label: str, entry: str) -> None:
    field = _sub(meta, "qtimetadatafield")
    _sub(field, "fieldlabel", label)
    _sub(field, "fieldentry", entry)


def item_ident(q: Question) -> str:
    return f"quizgen-{q.id}"


def item(catalog: Catalog, q: Question, pictures: Pictures | None = None) -> ET.Element:
    pictures = Pictures() if pictures is None else pictures
    element = ET.Element("item", ident=item_ident(q), title=q.id)
    meta = _sub(_sub(element, "itemmetadata"), "qtimetadata")
    _field(meta, "question_type", CANVAS_TYPES[q.kind])
    _field(meta, "points_possible", str(q.points))
    presentation = _sub(element, "presentation")
    processing = ET.Element("resprocessing")
    outcomes = _sub(processing, "outcomes")
    _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    feedback = rich.explanation(q) if q.explanation else ""
    feedback += "".join(paragraphs(f"Source: {line}") for line in citations(catalog, q))
    if feedback:
        shown = _sub(processing, "respcondition", **{"continue": "Yes"})
        _sub(_sub(shown, "conditionvar"), "other")
        _sub(shown, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    answer_ids = _responses(q, presentation, processing, pictures)
    _field(meta, "original_answer_ids", ",".join(answer_ids))
    _field(meta, "assessment_question_identifierref", f"{item_ident(q)}-ref")
    element.append(processing)
    if feedback:
        fb = _sub(element, "itemfeedback", ident="general_fb")
        _material(_sub(fb, "flow_mat"), feedback)
    return element


def _responses(
    q: Question, presentation: ET.Element, processing: ET.Element, pictures: Pictures
) -> list[str]:
    """Write the prompt, the response and its scoring; return the answer idents."""
    match q:
        case MultipleChoice() | MultipleAnswer() | TrueFalse():
            _material(presentation, rich.prompt(q, q.prompt, pictures))
            return _choices(q, presentation, processing)
        case ShortAnswer():
            _material(presentation, rich.prompt(q, q.prompt, pictures))
            _text_box(presentation)
            right = _sub(processing, "respcondition", **{"continue": "No"})
            condition = _sub(right, "conditionvar")
            for accepted in typed_answers(q):
                _sub(condition, "varequal", accepted, respident="response1")
            _sub(right, "setvar", "100", action="Set", varname="SCORE")
            return []
        case Cloze():
            _material(presentation, _blanks_text(q, pictures))
            return _blanks(q, presentation, processing)
        case Matching():
            _material(presentation, rich.prompt(q, q.prompt, pictures))
            pairs = [(q.pairs[n].left, q.pairs[n].right) for n in choice_order(q.id, len(q.pairs))]
            return _matching(q, pairs, presentation, processing)
        case Ordering():
            _material(presentation, rich.prompt(q, q.prompt, pictures))
            places = positions(len(q.items))
            order = choice_order(q.id, len(q.items))
            pairs = [(q.items[n], places[n]) for n in order]
            return _matching(q, pairs, presentation, processing, places)
        case Essay():
            _material(presentation, rich.prompt(q, q.prompt, pictures))
            _text_box(presentation)
            # Nothing to score; placed first, before the feedback, as text2qti does.
            nothing = ET.Element("respcondition", {"continue": "No"})
            _sub(_sub(nothing, "conditionvar"), "other")
            processing.insert(1, nothing)
            return []
        case _:
            assert_never(q)


def _text_box(presentation: ET.Element) -> None:
    box = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
    _sub(_sub(box, "render_fib"), "response_label", ident="answer1", rshuffle="No")


def _choices(
    q: MultipleChoice | MultipleAnswer | TrueFalse,
    presentation: ET.Element,
    processing: ET.Element,
) -> list[str]:
    if isinstance(q, TrueFalse):
        labels = [("True", q.answer), ("False", not q.answer)]
    else:
        right = {q.answer} if isinstance(q, MultipleChoice) else set(q.answers)
        order = choice_order(q.id, len(q.choices))
        labels = [(q.choices[n], q.choices[n] in right) for n in order]
    single = not isinstance(q, MultipleAnswer)
    lid = _sub(
        presentation,
        "response_lid",
        ident="response1",
        rcardinality="Single" if single else "Multiple",
    )
    render = _sub(lid, "render_choice")
    idents = [f"{item_ident(q)}-{n + 1}" for n in range(len(labels))]
    for ident, (text, _) in zip(idents, labels, strict=True):
        shown = f"<p>{rich.short(q, text)}</p>" if q.markdown else paragraphs(text)
        _material(_sub(render, "response_label", ident=ident), shown)
    right_condition = _sub(processing, "respcondition", **{"continue": "No"})
    condition = _sub(right_condition, "conditionvar")
    if single:
        chosen = next(i for i, (_, ok) in zip(idents, labels, strict=True) if ok)
        _sub(condition, "varequal", chosen, respident="response1")
    else:
        every = _sub(condition, "and")
        for ident, (_, ok) in zip(idents, labels, strict=True):
            into = every if ok else _sub(every, "not")
            _sub(into, "varequal", ident, respident="response1")
    _sub(right_condition, "setvar", "100", action="Set", varname="SCORE")
    return idents


def _blanks_text(q: Cloze, pictures: Pictures) -> str:
    """The text with ``[blankN]`` for each deletion and its hint in brackets after it.
    In a Markdown bank a placeholder stands for each blank while the text is rendered."""
    marked: list[str] = []
    blanks: list[str] = []
    for segment in q.segments():
        if isinstance(segment, str):
            marked.append(segment)
            continue
        hint = segment.hint and (rich.short(q, segment.hint) if q.markdown else segment.hint)
        blanks.append(f"[blank{len(blanks) + 1}]" + (f" ({hint})" if hint else ""))
        marked.append(BLANK if q.markdown else blanks[-1])
    pieces = rich.paragraph(q, "".join(marked), pictures).split(BLANK)
    out = [pieces[0]]
    for blank, piece in zip(blanks, pieces[1:], strict=False):  # none in a plain bank
        out += [blank, piece]
    return "".join(out)


def _blanks(q: Cloze, presentation: ET.Element, processing: ET.Element) -> list[str]:
    """Canvas's fill in multiple blanks: one response per ``[blankN]``; its answer is
    typed by the student, so it is plain text (``$x^2$`` is typed ``x^2``)."""
    answers = [lms_plain(q, s.answer) for s in q.segments() if not isinstance(s, str)]
    share = percent(100 / len(answers))
    idents = []
    for n, answer in enumerate(answers, start=1):
        ident = f"{item_ident(q)}-blank{n}-1"
        idents.append(ident)
        lid = _sub(presentation, "response_lid", ident=f"response_blank{n}")
        _material(lid, f"blank{n}", "text/plain")
        label = _sub(_sub(lid, "render_choice"), "response_label", ident=ident)
        _material(label, answer, "text/plain")
        _score(processing, f"response_blank{n}", ident, share)
    return idents


def _matching(
    q: Question,
    pairs: Sequence[tuple[str, str]],
    presentation: ET.Element,
    processing: ET.Element,
    rights: Sequence[str] | None = None,
) -> list[str]:
    """One response per left item (HTML in a Markdown bank), each offering every
    right-hand text (plain: Canvas's answer menu shows text only)."""
    # The right-hand column in an order that gives nothing away: positions in order,
    # other texts alphabetically (not in the order of the left column).
    shown = {right: rich.plain(q, right) for _, right in pairs}
    column = list(rights) if rights is not None else sorted(shown, key=lambda r: shown[r])
    right_ids = {text: f"{item_ident(q)}-r{n + 1}" for n, text in enumerate(column)}
    share = percent(100 / len(pairs))
    for n, (left, right) in enumerate(pairs, start=1):
        lid = _sub(presentation, "response_lid", ident=f"response_{item_ident(q)}-l{n}")
        if q.markdown:
            _material(lid, rich.short(q, left))
        else:
            _material(lid, left, "text/plain")
        render = _sub(lid, "render_choice")
        for text in column:
            label = _sub(render, "response_label", ident=right_ids[text])
            _material(label, shown[text], "text/plain")
        _score(processing, f"response_{item_ident(q)}-l{n}", right_ids[right], share)
    return list(right_ids.values())


def _score(processing: ET.Element, respident: str, ident: str, share: str) -> None:
    # continue="Yes": the next blank or pair is scored too (QTI stops at "No").
    condition = _sub(processing, "respcondition", **{"continue": "Yes"})
    _sub(_sub(condition, "conditionvar"), "varequal", ident, respident=respident)
    _sub(condition, "setvar", share, action="Add", varname="SCORE")
