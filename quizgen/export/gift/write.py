"""GIFT, as Moodle's GIFT importer reads it (and the gift-pegjs grammar agrees).

Every text is written with GIFT's backslash escapes for ``\\ ~ = # { } :`` and line
breaks, and marked ``[plain]`` so Moodle shows it as written, not as HTML.
"""

from __future__ import annotations

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
    feedback_text,
    percent,
    select_all_weights,
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
    general = feedback_text(catalog, q)
    fb = f"\t####{escape(general)}\n" if general else ""
    title = f"::{escape(q.id)}::"
    match q:
        case MultipleChoice():
            lines = [
                f"\t{'=' if q.choices[n] == q.answer else '~'}{escape(q.choices[n])}\n"
                for n in choice_order(q.id, len(q.choices))
            ]
            body = f"{title}[plain]{escape(q.prompt)} {{\n{''.join(lines)}{fb}}}"
        case MultipleAnswer():
            w = select_all_weights(len(q.answers), len(q.choices) - len(q.answers))
            lines = [
                f"\t~%{percent(w.right if q.choices[n] in q.answers else w.wrong)}%"
                f"{escape(q.choices[n])}\n"
                for n in choice_order(q.id, len(q.choices))
            ]
            body = f"{title}[plain]{escape(q.prompt)} {{\n{''.join(lines)}{fb}}}"
        case TrueFalse():
            word = "TRUE" if q.answer else "FALSE"
            body = f"{title}[plain]{escape(q.prompt)} {{{word}\n{fb}}}"
        case ShortAnswer():
            lines = [f"\t={escape(a)}\n" for a in (q.answer, *q.accept)]
            body = f"{title}[plain]{escape(q.prompt)} {{\n{''.join(lines)}{fb}}}"
        case Cloze():
            body = title + "[plain]" + _cloze(q, fb)
        case Matching():
            order = choice_order(q.id, len(q.pairs))
            lines = [f"\t={escape(q.pairs[n].left)} -> {escape(q.pairs[n].right)}\n" for n in order]
            body = f"{title}[plain]{escape(q.prompt)} {{\n{''.join(lines)}{fb}}}"
        case Ordering():
            raise ValueError(f"GIFT cannot hold the ordering question {q.id}")
        case Essay():
            body = f"{title}[plain]{escape(q.prompt)} {{\n{fb}}}"
        case _:
            assert_never(q)
    return f"{_comment(q, bank_tags)}\n{body}\n"


def _cloze(q: Cloze, fb: str) -> str:
    """A one-blank cloze as GIFT's missing word: the answer block stands in the text."""
    parts = []
    for segment in q.segments():
        if isinstance(segment, str):
            parts.append(escape(segment))
        else:
            hint = f" [{escape(segment.hint)}]" if segment.hint else ""
            parts.append(f"{{\n\t={escape(segment.answer)}\n{fb}}}{hint}")
    return "".join(parts)
