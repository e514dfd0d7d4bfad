"""GIFT, as Moodle's GIFT importer reads it (and the gift-pegjs grammar agrees).

Every text is written with GIFT's backslash escapes for ``\\ ~ = # { } :`` and line
breaks. A plain question is marked ``[plain]`` so Moodle shows it as written. A rich
one (a Markdown bank's, or one with a picture) is marked ``[html]``: its fields are
the rendered HTML, math as ``\\(...\\)`` for Moodle's MathJax filter, and the
picture as a ``data:`` URI (GIFT cannot carry files). Answers a student types (short
answers, a cloze's blank) and a matching's right-hand side stay plain text, as Moodle
keeps them.
"""

from __future__ import annotations

import html
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
from ..lms import (
    Misfit,
    bank_titles,
    choice_order,
    citations,
    feedback_text,
    percent,
    select_all_weights,
)
from ..lms.rich import (
    BLANK,
    image_file,
    image_html,
    is_rich,
    lms_block,
    lms_html,
    lms_paragraph,
    lms_plain,
    shortanswer_literal,
    typed_answers,
)

_SPECIAL = str.maketrans(
    {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:"}
)


def escape(text: str) -> str:
    """Plain text as GIFT text: every special character escaped, line breaks as ``\\n``."""
    return text.translate(_SPECIAL).replace("\r\n", "\n").replace("\n", "\\n")


def gift_text(
    catalog: Catalog, questions: Sequence[Question], project: str
) -> tuple[str, int, list[Misfit]]:
    """The file's text, how many questions it holds, and the questions left out."""
    blocks: list[str] = [f"// {project}: questions written by quizgen.\n"]
    misfits: list[Misfit] = []
    written = 0
    for bank_id, title in bank_titles(catalog, questions).items():
        in_bank = [q for q in questions if q.bank == bank_id]
        misfits.extend(m for q in in_bank if (m := misfit(q)))
        fitting = [q for q in in_bank if not misfit(q)]
        if not fitting:
            continue
        path = "/".join(part.replace("/", "//") for part in ("$course$", project, title))
        blocks.append(f"$CATEGORY: {path}\n")
        bank_tags = catalog.bank(bank_id).tags
        blocks.extend(question(catalog, q, bank_tags) for q in fitting)
        written += len(fitting)
    return "\n".join(blocks), written, misfits


def misfit(q: Question) -> Misfit | None:
    """Why GIFT cannot hold ``q``, or None."""
    if isinstance(q, Ordering):
        return Misfit(q.id, "no ordering type")
    if isinstance(q, Cloze) and len(q.deletions) > 1:
        return Misfit(q.id, "a cloze with several blanks", f"{len(q.deletions)} blanks")
    if isinstance(q, Matching) and any("->" in p.left or "->" in p.right for p in q.pairs):
        return Misfit(q.id, "'->' in a matching pair (GIFT cannot escape it)")
    return None


def _comment(q: Question, bank_tags: Sequence[str]) -> str:
    tags = dict.fromkeys((*q.tags, *bank_tags, f"difficulty::{q.difficulty}"))
    marks = " ".join(f"[tag:{t}]" for t in tags if "]" not in t)
    return f"// [id:{q.id}] {marks}".rstrip()


def question(catalog: Catalog, q: Question, bank_tags: Sequence[str] = ()) -> str:
    """One question: comment, title, stem and answer block, then a blank line."""
    general = _feedback(catalog, q)
    fb = f"\t####{escape(general)}\n" if general else ""
    head = f"::{escape(q.id)}::{'[html]' if is_rich(q) else '[plain]'}"
    match q:
        case MultipleChoice():
            lines = [
                f"\t{'=' if q.choices[n] == q.answer else '~'}{_short(q, q.choices[n])}\n"
                for n in choice_order(q.id, len(q.choices))
            ]
            body = f"{head}{_stem(q, q.prompt)} {{\n{''.join(lines)}{fb}}}"
        case MultipleAnswer():
            w = select_all_weights(len(q.answers), len(q.choices) - len(q.answers))
            lines = [
                f"\t~%{percent(w.right if q.choices[n] in q.answers else w.wrong)}%"
                f"{_short(q, q.choices[n])}\n"
                for n in choice_order(q.id, len(q.choices))
            ]
            body = f"{head}{_stem(q, q.prompt)} {{\n{''.join(lines)}{fb}}}"
        case TrueFalse():
            word = "TRUE" if q.answer else "FALSE"
            body = f"{head}{_stem(q, q.prompt)} {{{word}\n{fb}}}"
        case ShortAnswer():
            # Typed answers are what a student types (plain text); Moodle, which imports
            # GIFT, would read a bare ``*`` as a wildcard.
            lines = [f"\t={escape(shortanswer_literal(a))}\n" for a in typed_answers(q)]
            body = f"{head}{_stem(q, q.prompt)} {{\n{''.join(lines)}{fb}}}"
        case Cloze():
            body = head + _cloze(q, fb)
        case Matching():
            order = choice_order(q.id, len(q.pairs))
            lines = [
                f"\t={_short(q, q.pairs[n].left)} -> {escape(lms_plain(q, q.pairs[n].right))}\n"
                for n in order
            ]
            body = f"{head}{_stem(q, q.prompt)} {{\n{''.join(lines)}{fb}}}"
        case Ordering():
            raise ValueError(f"GIFT cannot hold the ordering question {q.id}")
        case Essay():
            body = f"{head}{_stem(q, q.prompt)} {{\n{fb}}}"
        case _:
            assert_never(q)
    return f"{_comment(q, bank_tags)}\n{body}\n"


def _stem(q: Question, prompt: str) -> str:
    """The question text: as written, or (rich) its HTML and then its picture."""
    if not is_rich(q):
        return escape(prompt)
    return escape(lms_block(q, prompt) + _picture(q))


def _picture(q: Question) -> str:
    if q.image is None:
        return ""
    from ...media import data_uri

    return image_html(q, data_uri(image_file(q.image.path)[1]))


def _short(q: Question, text: str) -> str:
    """A choice or a matching's left side: as written, or (rich) inline HTML."""
    return escape(lms_html(q, text)) if is_rich(q) else escape(text)


def _feedback(catalog: Catalog, q: Question) -> str:
    """The general feedback: lines of text, or (rich) the explanation's HTML and a
    paragraph per source."""
    if not is_rich(q):
        return feedback_text(catalog, q)
    parts = [lms_block(q, q.explanation)] if q.explanation else []
    parts += [f"<p>Source: {html.escape(line, quote=False)}</p>" for line in citations(catalog, q)]
    return "".join(parts)


def _cloze(q: Cloze, fb: str) -> str:
    """A one-blank cloze as GIFT's missing word: the answer block stands in the text."""
    rich = is_rich(q)
    parts: list[str] = []
    blocks: list[str] = []
    for segment in q.segments():
        if isinstance(segment, str):
            parts.append(segment)
            continue
        parts.append(BLANK)
        # The blank's answer is typed by the student: plain text, taken literally.
        typed = shortanswer_literal(lms_plain(q, segment.answer))
        block = f"{{\n\t={escape(typed)}\n{fb}}}"
        if segment.hint:
            hint = lms_html(q, segment.hint) if rich else segment.hint
            block += f" [{escape(hint)}]"
        blocks.append(block)
    text = "".join(parts)
    if rich:
        text = lms_paragraph(q, text) + _picture(q)
    pieces = text.split(BLANK)
    out = [escape(pieces[0])]
    for block, piece in zip(blocks, pieces[1:], strict=True):
        out += [block, escape(piece)]
    return "".join(out)
