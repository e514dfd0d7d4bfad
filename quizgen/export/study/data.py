"""The study page's data: questions, essays and filters as plain JSON-ready values.

Everything the page's script needs is here, computed once at build time: each
question's type-specific fields, a content hash (so the page can tell a learner
that a question changed since they last saw it), and for each quoted passage the
paragraph and the exact spans to highlight in the reader.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, assert_never

from markupsafe import Markup

from ...cloze import Deletion
from ...model import (
    Catalog,
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
from ...textmatch import normalise_with_origin, quote_pieces
from ...vocabulary import DIFFICULTIES, QUESTION_TYPES

# Shown in the page's filters and progress view; a question type's label.
TYPE_LABELS = {
    "mcq": "Multiple choice",
    "multi": "Select all",
    "truefalse": "True or false",
    "short": "Short answer",
    "cloze": "Fill in the blanks",
    "match": "Matching",
    "order": "Ordering",
    "essay": "Essay",
}
# Bumped when the meaning of the stored progress changes.
FORMAT_VERSION = 1


def study_data(
    catalog: Catalog,
    questions: Sequence[Question],
    *,
    title: str | None = None,
    project: str | None = None,
) -> dict[str, Any]:
    """The page's JSON: the chosen questions, the essays they quote, and the filters."""
    cited = {c.essay for q in questions for c in q.sources}
    essays = [s for s in catalog.essays.values() if s.id in cited]
    banks = [b for b in catalog.banks if any(q.bank == b.id for q in questions)]
    items = [question_data(q, catalog) for q in questions]
    levels = sorted({str(i["level"]) for i in items if "level" in i})
    present = {q.kind for q in questions}
    return {
        "format": FORMAT_VERSION,
        "project": project or "-".join(sorted(catalog.essays)) or "quizgen",
        "title": title or default_title(essays, banks),
        "banks": [{"id": b.id, "title": b.title} for b in banks],
        "seeds": [essay_data(s) for s in essays],
        "types": [{"id": t, "label": TYPE_LABELS[t]} for t in QUESTION_TYPES if t in present],
        "difficulties": [d for d in DIFFICULTIES if any(q.difficulty == d for q in questions)],
        "tags": sorted({t for q in questions for t in q.tags}),
        "levels": levels,
        "questions": items,
    }


def default_title(essays: Sequence[SourceEssay], banks: Sequence[Any]) -> str:
    if len(banks) == 1:
        return str(banks[0].title)
    authors = list(dict.fromkeys(s.author for s in essays if s.author))
    return "Study: " + " and ".join(authors) if authors else "Study"


def essay_data(essay: SourceEssay) -> dict[str, Any]:
    return {
        "id": essay.id,
        "title": essay.title,
        "author": essay.author,
        "published": essay.published,
        "paragraphs": list(essay.paragraphs),
    }


def question_data(q: Question, catalog: Catalog) -> dict[str, Any]:
    content = {"type": q.kind, **type_fields(q), "explanation": q.explanation}
    content.update(rich_fields(q, content))
    content["sources"] = [citation_data(c, catalog) for c in q.sources]
    data: dict[str, Any] = {
        "id": q.id,
        "bank": q.bank,
        "difficulty": q.difficulty,
        "tags": list(q.tags),
        "stem": q.stem,
        **content,
        "hash": content_hash(content),
    }
    level = getattr(q, "level", None)  # an optional field some projects have
    if level is not None:
        data["level"] = str(level)
    data.update(unhashed_fields(q))
    return data


def unhashed_fields(q: Question) -> dict[str, Any]:
    """Fields outside the content hash, as they add nothing a learner sees changed (so
    adding them marks no question "changed"): a weighted rubric's points, which its
    items' text already shows, for marking an essay; a Markdown question's stem,
    rendered, for the lists that name questions."""
    extra: dict[str, Any] = {}
    if isinstance(q, Essay) and q.weighted:
        extra["rubricPoints"] = list(q.criterion_points)
    if q.markdown and not isinstance(q, Cloze):  # a cloze's stem is plain (rich_fields)
        extra["stem"] = _html(q.stem, block=True)
    return extra


def rich_fields(q: Question, content: dict[str, Any]) -> dict[str, Any]:
    """A Markdown bank's fields as the page shows them, and a question's image in its
    prompt; nothing for a plain question without an image, whose data stays as it was.

    Where the page shows HTML (prompt, explanation, choices, a cloze's text, a
    matching's left sides, the model answer) a field is ``{"html": ...}`` with MathML
    made here. Where it can only show or compare text (a typed answer, a hint in a
    placeholder, a <select>'s options, the ordering's items and the rubric, which the
    page also reads out in labels) it is plain text (quizgen.plaintext)."""
    from ...rich import to_html

    if not q.markdown and q.image is None:
        return {}
    changed: dict[str, Any] = {}
    if q.image is not None or not isinstance(q, Cloze):  # a cloze's prompt is ours
        prompt = to_html(content["prompt"], markdown=q.markdown, block=True, math="mathml")
        if q.image is not None:
            prompt += _figure(q.image.path, q.image.alt)
        changed["prompt"] = {"html": prompt}
    if q.markdown:
        changed.update(_markdown_fields(q, content))
    return changed


def _figure(path: str, alt: str) -> str:
    from ..richhtml import image_data_uri

    return str(
        Markup('<span class="figure"><img src="{}" alt="{}"></span>').format(
            image_data_uri(path), alt
        )
    )


def _html(text: str, *, block: bool = False) -> dict[str, str]:
    from ...rich import to_html

    return {"html": to_html(text, markdown=True, block=block, math="mathml")}


def _plain(text: str) -> str:
    from ...plaintext import to_plain

    return to_plain(text, markdown=True)


def _markdown_fields(q: Question, content: dict[str, Any]) -> dict[str, Any]:
    """The type's own fields of a Markdown question, as the page shows them."""
    changed: dict[str, Any] = {}
    if q.explanation:
        changed["explanation"] = _html(q.explanation, block=True)
    match q:
        case MultipleChoice() | MultipleAnswer():
            changed["choices"] = [_html(c) for c in q.choices]
        case ShortAnswer():
            changed["answer"] = _plain(q.answer)
            changed["accept"] = [_plain(a) for a in q.accept]
        case Cloze():
            changed["parts"] = [
                _html(p)
                if isinstance(p, str)
                else {"answer": _plain(p["answer"]), "hint": p["hint"] and _plain(p["hint"])}
                for p in content["parts"]
            ]
            changed["stem"] = "".join(
                _plain(s) if isinstance(s, str) else "_____" for s in q.segments()
            )
        case Matching():
            changed["pairs"] = [[_html(p.left), _plain(p.right)] for p in q.pairs]
        case Ordering():
            changed["items"] = [_plain(item) for item in q.items]
        case Essay():
            changed["answer"] = _html(q.answer, block=True)
            changed["rubric"] = [_plain(r) for r in content["rubric"]]
        case TrueFalse():
            pass
        case _:
            assert_never(q)
    return changed


def content_hash(content: dict[str, Any]) -> str:
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def type_fields(q: Question) -> dict[str, Any]:
    """What a question of each type shows and checks, in the page's terms."""
    match q:
        case MultipleChoice():
            return {"prompt": q.prompt, "choices": list(q.choices), "answer": q.answer_index}
        case MultipleAnswer():
            return {"prompt": q.prompt, "choices": list(q.choices), "answers": q.answer_indexes}
        case TrueFalse():
            return {"prompt": q.prompt, "answer": q.answer}
        case ShortAnswer():
            return {"prompt": q.prompt, "answer": q.answer, "accept": list(q.accept)}
        case Cloze():
            parts = cloze_parts(q)
            stem = "".join(p if isinstance(p, str) else "_____" for p in parts)
            return {"prompt": "Fill in the blanks.", "stem": stem, "parts": parts}
        case Matching():
            return {"prompt": q.prompt, "pairs": [[p.left, p.right] for p in q.pairs]}
        case Ordering():
            return {"prompt": q.prompt, "items": list(q.items)}
        case Essay():
            return {"prompt": q.prompt, "answer": q.answer, "rubric": _rubric(q)}
        case _:
            assert_never(q)


def _rubric(q: Essay) -> list[str]:
    """Each criterion as the student ticks it: with its points where the rubric is
    weighted, and what full credit looks like where the rubric says."""
    items = []
    for r, points in zip(q.rubric, q.criterion_points, strict=True):
        text = r.criterion if points is None else f"{r.criterion} ({points} pts)"
        items.append(f"{text}: {r.levels.full}" if r.levels else text)
    return items


def cloze_parts(q: Cloze) -> list[Any]:
    """The cloze text as strings and blanks ``{"answer", "hint"}``, in order."""
    parts: list[Any] = []
    for part in q.segments():
        if isinstance(part, Deletion):
            parts.append({"answer": part.answer, "hint": part.hint})
        else:
            parts.append(part)
    return parts


def citation_data(c: Citation, catalog: Catalog) -> dict[str, Any]:
    data: dict[str, Any] = {"seed": c.essay, "quote": c.quote, "paragraph": c.paragraph}
    essay = catalog.essays.get(c.essay)
    if essay is not None and c.paragraph is not None:
        data["spans"] = quote_spans(essay.paragraph(c.paragraph), c.quote)
    return data


def quote_spans(paragraph: str, quote: str) -> list[list[int]]:
    """Where ``quote`` lies in ``paragraph``, as [start, end) offsets in UTF-16 code
    units (JavaScript's string indexes), one span per piece of an elided quote.

    Quotes match after normalisation (see textmatch), so the paragraph is normalised
    character by character, remembering where each normalised character came from.
    Empty if a piece cannot be placed (the reader then marks the whole paragraph).
    """
    normal, origin, units = _indexed(paragraph)
    spans: list[list[int]] = []
    at = 0
    for piece in quote_pieces(quote):
        found = normal.find(piece, at)
        if found < 0:
            return []
        end = found + len(piece)
        spans.append([units[origin[found]], units[origin[end - 1] + 1]])
        at = end
    return spans


@lru_cache(maxsize=256)
def _indexed(paragraph: str) -> tuple[str, list[int], list[int]]:
    """The paragraph normalised, where each normalised character came from, and the
    UTF-16 offsets: worked out once for a paragraph that several questions quote."""
    normal, origin = normalise_with_origin(paragraph)
    return normal, origin, _utf16_offsets(paragraph)


def _utf16_offsets(text: str) -> list[int]:
    """For each code point index (and the end), its offset in UTF-16 code units."""
    if text.isascii() or max(text) <= "\uffff":
        return list(range(len(text) + 1))
    offsets = [0]
    for ch in text:
        offsets.append(offsets[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return offsets
