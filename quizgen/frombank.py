"""The typed model from a bank's checked data: one question of each type.

The loader hands over a question only once the schema has passed it, so every key
read here is there and of its type; where each quote lies in its essay is looked up
now (the verifier reports the misses).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, assert_never

from .model import (
    Citation,
    Cloze,
    Essay,
    Image,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Ordering,
    Origin,
    Pair,
    Question,
    RubricItem,
    RubricLevels,
    ShortAnswer,
    TrueFalse,
)
from .textmatch import EssayIndex
from .vocabulary import QuestionKind


def question(
    raw: dict[str, Any],
    origin: Origin,
    bank_id: str,
    bank: dict[str, Any],
    indexes: Mapping[str, EssayIndex],
) -> Question:
    sources = raw.get("source", [])
    citations = []
    for s in [sources] if isinstance(sources, dict) else sources:
        essay = s.get("seed") or bank.get("source") or ""
        quote = s["quote"].strip()
        # Where the quote is found is recorded now; the verifier reports misses.
        index = indexes.get(essay)
        citations.append(Citation(essay, quote, index.locate(quote) if index else None))
    common: dict[str, Any] = {
        "id": raw["id"],
        "bank": bank_id,
        "explanation": text(raw.get("explanation", "")),
        "sources": tuple(citations),
        "difficulty": raw.get("difficulty", "medium"),
        "level": raw.get("level"),
        "tags": tuple(dict.fromkeys([*bank.get("tags", ()), *raw.get("tags", ())])),
        "points": raw.get("points", 1),
        "image": image(raw.get("image"), origin.path),
        "markdown": bank.get("markdown", False) is True,
        "origin": origin,
    }
    kind: QuestionKind = raw["type"]  # the schema admits only the known kinds
    prompt = text(raw.get("prompt", ""))
    match kind:
        case "mcq":
            return MultipleChoice(
                **common, prompt=prompt, choices=texts(raw["choices"]), answer=text(raw["answer"])
            )
        case "multi":
            return MultipleAnswer(
                **common,
                prompt=prompt,
                choices=texts(raw["choices"]),
                answers=texts(raw["answer"]),
            )
        case "truefalse":
            return TrueFalse(**common, prompt=prompt, answer=raw["answer"])
        case "short":
            return ShortAnswer(
                **common,
                prompt=prompt,
                answer=text(raw["answer"]),
                accept=texts(raw.get("accept", ())),
            )
        case "cloze":
            return Cloze(**common, text=text(raw["text"]))
        case "match":
            pairs = tuple(Pair(text(p["left"]), text(p["right"])) for p in raw["pairs"])
            return Matching(**common, prompt=prompt, pairs=pairs)
        case "order":
            return Ordering(**common, prompt=prompt, items=texts(raw["items"]))
        case "essay":
            rubric = tuple(rubric_item(r) for r in raw.get("rubric", ()))
            if "points" not in raw and rubric and all(r.points is not None for r in rubric):
                common["points"] = sum(r.points or 0 for r in rubric)  # a weighted rubric's sum
            return Essay(
                **common,
                prompt=prompt,
                answer=text(raw["answer"]),
                rubric=rubric,
                lines=raw.get("lines"),
            )
        case _:
            assert_never(kind)


def image(raw: dict[str, Any] | None, bank_path: str) -> Image | None:
    """The question's image, its path taken from the bank file's folder."""
    if raw is None:
        return None
    return Image(str(Path(bank_path).parent / str(raw["path"])), text(raw["alt"]))


def rubric_item(raw: Any) -> RubricItem:
    """A criterion written as plain text, or as a mapping with points and levels."""
    if not isinstance(raw, dict):
        return RubricItem(text(raw))
    levels = raw.get("levels")
    return RubricItem(
        text(raw["criterion"]),
        raw.get("points"),
        None
        if levels is None
        else RubricLevels(text(levels["full"]), text(levels["partial"]), text(levels["none"])),
    )


def text(value: Any) -> str:
    return str(value).strip()


def texts(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(text(v) for v in values)
