"""Loading seeds and banks: files -> structural check -> typed model -> verification.

``load_catalog`` is the one entry point: it hands back a verified :class:`Catalog`
and any warnings, or raises :class:`BankError` carrying every problem it found.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import verify
from .errors import BankError, Location, Problem, Severity
from .model import (
    QUESTION_CLASSES,
    Bank,
    Catalog,
    Citation,
    Cloze,
    Essay,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Ordering,
    Pair,
    Question,
    Seed,
    ShortAnswer,
    TrueFalse,
)
from .schemacheck import structural_problems
from .yamlfile import YamlDocument, read_yaml

BANK_SUFFIXES = (".yaml", ".yml")
SEED_LIST = "seeds.yaml"


@dataclass(frozen=True)
class LoadResult:
    catalog: Catalog
    warnings: tuple[Problem, ...]


def load_catalog(
    paths: Sequence[Path], seeds_dir: Path, *, require_sources: bool = False
) -> LoadResult:
    seeds, problems = load_seeds(seeds_dir)
    banks: list[Bank] = []
    for path in bank_files(paths, problems):
        bank = _load_bank(path, problems)
        if bank is not None:
            banks.append(bank)
    located, semantic = verify.check(banks, seeds, require_sources=require_sources)
    problems.extend(semantic)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise BankError(errors)
    catalog = Catalog(tuple(located), MappingProxyType(seeds))
    warnings = sorted(
        (p for p in problems if p.severity is Severity.WARNING),
        key=lambda p: (p.location, p.message),
    )
    return LoadResult(catalog, tuple(warnings))


def bank_files(paths: Iterable[Path], problems: list[Problem]) -> list[Path]:
    """The bank files named by ``paths``: files as given, folders by their *.yaml files."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in BANK_SUFFIXES and p.is_file())
            if not found:
                problems.append(Problem(Location(str(path)), "no .yaml bank files in this folder"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(Location(str(path)), "no such file or folder"))
    return files


def load_seeds(seeds_dir: Path) -> tuple[dict[str, Seed], list[Problem]]:
    problems: list[Problem] = []
    listing = seeds_dir / SEED_LIST
    doc, _ = _read(listing, "seeds", problems)
    seeds: dict[str, Seed] = {}
    if doc is None:
        return seeds, problems
    for i, entry in enumerate(doc.data["seeds"]):
        where = Location(str(listing), *doc.spot(("seeds", i)))
        if entry["id"] in seeds:
            problems.append(Problem(where, f"duplicate seed id {entry['id']!r}"))
            continue
        text_path = seeds_dir / entry["file"]
        try:
            text = text_path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            problems.append(Problem(where, f"cannot read seed text {text_path}: {e}"))
            continue
        paragraphs = tuple(line for line in text.splitlines() if line.strip())
        skip = {s["paragraph"]: s["reason"] for s in entry.get("not_substantive", [])}
        seeds[entry["id"]] = Seed(
            id=entry["id"],
            title=entry["title"],
            author=entry["author"],
            published=entry["published"],
            path=str(text_path),
            paragraphs=paragraphs,
            not_substantive=MappingProxyType(skip),
        )
    return seeds, problems


def _read(
    path: Path, schema_name: str, problems: list[Problem]
) -> tuple[YamlDocument | None, set[int]]:
    """Parse and structurally check one file.

    Returns the document (None if it cannot be used at all) and the indexes of the
    questions that have problems of their own: only those are left out of the model.
    """
    doc, yaml_problems = read_yaml(path)
    found = [(yp.path, Location(str(path), yp.line, yp.column), yp.message) for yp in yaml_problems]
    if doc is not None:
        found += [
            (spath, Location(str(path), *doc.spot(spath)), message)
            for spath, message in structural_problems(schema_name, doc.data)
        ]
    usable = doc is not None
    broken: set[int] = set()
    for spath, where, message in found:
        problems.append(Problem(where, message, _question_id(doc, spath)))
        if len(spath) >= 2 and spath[0] == "questions" and isinstance(spath[1], int):
            broken.add(spath[1])
        else:
            usable = False
    return (doc if usable else None), broken


def _load_bank(path: Path, problems: list[Problem]) -> Bank | None:
    doc, broken = _read(path, "bank", problems)
    if doc is None:
        return None
    data = doc.data
    bank_id = data.get("bank", path.stem)
    questions: list[Question] = []
    for i, raw in enumerate(data["questions"]):
        if i in broken:
            continue
        spots = {
            ".".join(str(p) for p in sub): spot
            for sub, spot in doc.spots_under(("questions", i))
            if sub
        }
        location = Location(str(path), *doc.spot(("questions", i)))
        questions.append(_question(raw, bank_id, data, location, spots))
    return Bank(
        id=bank_id,
        title=data["title"].strip(),
        path=str(path),
        questions=tuple(questions),
        description=(data.get("description") or "").strip(),
        tags=tuple(data.get("tags", ())),
        default_seed=data.get("source"),
    )


def _question(
    raw: dict[str, Any],
    bank_id: str,
    bank: dict[str, Any],
    location: Location,
    spots: dict[str, tuple[int, int]],
) -> Question:
    sources = raw.get("source", [])
    if isinstance(sources, dict):
        sources = [sources]
        # Let "source.0.quote" find the spot of "source.quote".
        spots.update(
            {
                k.replace("source.", "source.0.", 1): v
                for k, v in spots.items()
                if k.startswith("source.")
            }
        )
    common: dict[str, Any] = {
        "id": raw["id"],
        "bank": bank_id,
        "explanation": _text(raw.get("explanation", "")),
        "sources": tuple(
            Citation(seed=s.get("seed") or bank.get("source") or "", quote=s["quote"].strip())
            for s in sources
        ),
        "difficulty": raw.get("difficulty", "medium"),
        "tags": tuple(dict.fromkeys([*bank.get("tags", ()), *raw.get("tags", ())])),
        "points": raw.get("points", 1),
        "location": location,
        "spots": MappingProxyType(spots),
    }
    kind = raw["type"]
    cls = QUESTION_CLASSES[kind]
    if cls is MultipleChoice:
        return MultipleChoice(
            **common,
            prompt=_text(raw["prompt"]),
            choices=_texts(raw["choices"]),
            answer=_text(raw["answer"]),
        )
    if cls is MultipleAnswer:
        return MultipleAnswer(
            **common,
            prompt=_text(raw["prompt"]),
            choices=_texts(raw["choices"]),
            answers=_texts(raw["answer"]),
        )
    if cls is TrueFalse:
        return TrueFalse(**common, prompt=_text(raw["prompt"]), answer=raw["answer"])
    if cls is ShortAnswer:
        return ShortAnswer(
            **common,
            prompt=_text(raw["prompt"]),
            answer=_text(raw["answer"]),
            accept=_texts(raw.get("accept", ())),
        )
    if cls is Cloze:
        return Cloze(**common, text=_text(raw["text"]))
    if cls is Matching:
        pairs = tuple(Pair(_text(p["left"]), _text(p["right"])) for p in raw["pairs"])
        return Matching(**common, prompt=_text(raw["prompt"]), pairs=pairs)
    if cls is Ordering:
        return Ordering(**common, prompt=_text(raw["prompt"]), items=_texts(raw["items"]))
    return Essay(
        **common,
        prompt=_text(raw["prompt"]),
        answer=_text(raw["answer"]),
        rubric=_texts(raw.get("rubric", ())),
        lines=raw.get("lines", 8),
    )


def _text(value: Any) -> str:
    return str(value).strip()


def _texts(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(_text(v) for v in values)


def _question_id(doc: YamlDocument | None, path: tuple[str | int, ...]) -> str | None:
    if doc is None or len(path) < 2 or path[0] != "questions" or not isinstance(doc.data, dict):
        return None
    questions = doc.data.get("questions")
    index = path[1]
    if isinstance(questions, list) and isinstance(index, int) and index < len(questions):
        raw = questions[index]
        qid = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(qid, str):
            return qid
    return None
