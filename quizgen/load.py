"""Loading essays and banks: files -> structural check -> typed model -> verification.

``load_catalog`` is the one entry point: it hands back a verified :class:`Catalog`
and any warnings, or raises :class:`BankError` carrying every problem it found.

Each file is read once, with positions, so every message says path:line:column;
banks that hold more than ``PARALLEL_FROM_BYTES`` together are read in worker
processes, one per core. The typed questions are made in :mod:`quizgen.frombank`.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import verify
from .errors import BankError, Location, Problem, Severity
from .essaytext import essay_paragraphs
from .frombank import question, text
from .model import (
    Bank,
    Catalog,
    Origin,
    SourceEssay,
)
from .schemacheck import Structural, structural_problems
from .textmatch import EssayIndex
from .verify import Finding
from .yamlfile import DocPath, Unreadable, YamlDocument, YamlProblem, read_regular, read_yaml

BANK_SUFFIXES = (".yaml", ".yml")
# Below this much YAML, starting worker processes costs more than it saves.
PARALLEL_FROM_BYTES = 2 * 1024 * 1024
SEED_LIST = "seeds.yaml"


@dataclass(frozen=True)
class LoadResult:
    catalog: Catalog
    warnings: tuple[Problem, ...]


@dataclass
class _Report:
    """What a load found: positioned problems, and findings still to be positioned."""

    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Each file read, with the positions of its values, to place the findings.
    docs: dict[str, YamlDocument | None] = field(default_factory=dict)

    def yaml(self, path: Path, found: Iterable[YamlProblem], doc: YamlDocument | None) -> None:
        for yp in found:
            where = Location(str(path), yp.line, yp.column)
            self.problems.append(Problem(where, yp.message, _question_id(doc, yp.path)))

    def positioned(self) -> list[Problem]:
        """Every problem with its line and column."""
        return [*self.problems, *positioned(self.findings, self.docs)]


def positioned(
    findings: Iterable[Finding], known: Mapping[str, YamlDocument | None] | None = None
) -> list[Problem]:
    """Findings as problems with line and column, from the documents ``known`` (the
    loader's) or, for the linter, by reading again only the files concerned."""
    docs = dict(known or {})

    def locate(file: str, path: DocPath) -> Location:
        if file not in docs:
            docs[file] = read_yaml(Path(file))[0]
        doc = docs[file]
        return Location(file, *doc.spot(path)) if doc else Location(file)

    out = []
    for f in findings:
        message = f.message
        if f.first is not None:
            message = message.replace("{first}", str(locate(*f.first)))
        out.append(Problem(locate(f.file, f.path), message, f.question_id, f.severity))
    return out


def load_catalog(
    paths: Sequence[Path],
    seeds_dir: Path | None,
    *,
    require_sources: bool = False,
    quotes: bool = True,
) -> LoadResult:
    """Load ``paths``. ``seeds_dir`` None: no essays (with ``quotes`` False the
    project quotes none; otherwise a question that quotes one is reported once)."""
    report = _Report()
    essays = load_essays(seeds_dir, report) if seeds_dir is not None else {}
    indexes = {sid: EssayIndex(essay.paragraphs) for sid, essay in essays.items()}
    files = bank_files(paths, report.problems)
    parsed = _parse_all(files, "bank")
    banks = [
        bank
        for path, one in zip(files, parsed, strict=True)
        if (bank := _load_bank(path, one, indexes, report)) is not None
    ]
    report.findings.extend(verify.duplicate_ids(_written_ids(files, parsed)))
    if seeds_dir is None and quotes:
        report.findings.extend(verify.no_seeds_folder(banks))
    report.findings.extend(
        verify.check(banks, essays, indexes, require_sources=require_sources, quotes=quotes)
    )
    problems = report.positioned()
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise BankError(problems)  # the warnings too: all there is to fix, at once
    warnings = sorted(
        (p for p in problems if p.severity is Severity.WARNING),
        key=lambda p: (p.location, p.message),
    )
    return LoadResult(Catalog(tuple(banks), MappingProxyType(essays)), tuple(warnings))


def bank_files(paths: Iterable[Path], problems: list[Problem]) -> list[Path]:
    """The bank files named by ``paths``: files as given, folders by their *.yaml files."""
    files: dict[Path, Path] = {}  # by resolved path: a file named twice is read once
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in _entries(path, problems) if is_bank_name(p) and not p.is_dir()
            )
            if not found:
                problems.append(Problem(Location(str(path)), "no .yaml bank files in this folder"))
            for p in found:
                # A broken link or a pipe is still a bank the author meant: it is kept,
                # and reading it reports why it cannot be read (never a silent skip).
                files.setdefault(_resolved(p), p)
        elif path.exists() or path.is_symlink():
            files.setdefault(_resolved(path), path)
        else:
            problems.append(Problem(Location(str(path)), "no such file or folder"))
    return list(files.values())


def is_bank_name(path: Path) -> bool:
    """A bank file's name: *.yaml or *.yml, in any case (BANK.YAML too)."""
    return path.suffix.lower() in BANK_SUFFIXES


def _entries(folder: Path, problems: list[Problem]) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError as e:
        problems.append(Problem(Location(str(folder)), f"cannot list folder: {e.strerror or e}"))
        return []


def _resolved(path: Path) -> Path:
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return path.absolute()


def load_essays(seeds_dir: Path, report: _Report) -> dict[str, SourceEssay]:
    listing = seeds_dir / SEED_LIST
    data, _ = _accept(listing, _parse(listing, "seeds"), report)
    essays: dict[str, SourceEssay] = {}
    if data is None:
        return essays
    for i, entry in enumerate(data["seeds"]):
        if entry["id"] in essays:
            report.findings.append(
                Finding(str(listing), ("seeds", i, "id"), f"duplicate essay id {entry['id']!r}")
            )
            continue
        text_path = seeds_dir / entry["file"]
        try:
            text = read_regular(text_path, what="essay").decode("utf-8-sig")
        except (Unreadable, UnicodeDecodeError) as e:
            report.findings.append(
                Finding(str(listing), ("seeds", i, "file"), f"cannot read essay {text_path}: {e}")
            )
            continue
        read = essay_paragraphs(text, entry.get("form"), entry["file"])
        numbered = list(zip(read.lines, read.paragraphs, strict=True))
        skip = {s["paragraph"]: s["reason"] for s in entry.get("not_substantive", [])}
        for j, n in enumerate(skip):
            if n > len(numbered):
                report.findings.append(
                    Finding(
                        str(listing),
                        ("seeds", i, "not_substantive", j, "paragraph"),
                        f"paragraph {n} is past the end of {entry['file']} "
                        f"({len(numbered)} paragraphs)",
                    )
                )
        essays[entry["id"]] = SourceEssay(
            id=entry["id"],
            title=entry["title"],
            author=entry["author"],
            published=entry["published"],
            path=str(text_path),
            paragraphs=tuple(line for _, line in numbered),
            lines=tuple(n for n, _ in numbered),
            not_substantive=MappingProxyType(skip),
        )
    return essays


@dataclass(frozen=True)
class _Parsed:
    """What reading one file gives, before any of it is reported: picklable, so
    files can be read in worker processes."""

    data: Any
    usable: bool
    yaml_problems: tuple[YamlProblem, ...]
    structural: tuple[Structural, ...]
    spots: dict[DocPath, tuple[int, int]]


def _parse(path: Path, schema_name: str) -> _Parsed:
    # Positions are kept on the one reading: reading without them and again for a file
    # with problems saved 8% of the CPU time on 10,000 questions, under the 15% a
    # second code path must save to stay (measured for issue 9).
    doc, yaml_problems = read_yaml(path)
    structural = () if doc is None else tuple(structural_problems(schema_name, doc.data))
    return _Parsed(
        None if doc is None else doc.data,
        doc is not None,
        tuple(yaml_problems),
        structural,
        {} if doc is None else doc.spots,
    )


def _parse_all(paths: Sequence[Path], schema_name: str) -> list[_Parsed]:
    """Read the files, in parallel where there is enough to read to pay for it."""
    cores = os.cpu_count() or 1
    if cores < 2 or len(paths) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_parse(p, schema_name) for p in paths]
    try:
        size = sum(p.stat().st_size for p in paths)
    except OSError:
        size = 0
    if size < PARALLEL_FROM_BYTES:
        return [_parse(p, schema_name) for p in paths]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(cores, len(paths)), mp_context=context) as pool:
        return list(pool.map(_parse, paths, [schema_name] * len(paths)))


def _accept(path: Path, parsed: _Parsed, report: _Report) -> tuple[dict[str, Any] | None, set[int]]:
    """Report what reading a file found; return its data (None if it cannot be used
    at all) and the questions with problems of their own, which are left out."""
    doc = YamlDocument(parsed.data, parsed.spots) if parsed.usable else None
    report.docs[str(path)] = doc
    report.yaml(path, parsed.yaml_problems, doc)
    usable = parsed.usable
    broken: set[int] = set()
    for yp in parsed.yaml_problems:
        usable = usable and _mark_broken(yp.path, broken)
    for found in parsed.structural:
        where = found.path
        report.findings.append(Finding(str(path), where, found.message, _question_id(doc, where)))
        if found.removable and doc is not None:
            # Set the unknown key aside so the rest is still checked in this run.
            _container(doc.data, where[:-1]).pop(str(where[-1]), None)
        else:
            usable = usable and _mark_broken(where, broken)
    return (parsed.data if usable else None), broken


def _container(data: Any, path: DocPath) -> dict[str, Any]:
    for part in path:
        data = data[part]
    return data  # type: ignore[no-any-return]


def _written_ids(
    files: Sequence[Path], parsed: Sequence[_Parsed]
) -> Iterator[tuple[str, str, int]]:
    for path, one in zip(files, parsed, strict=True):
        questions = one.data.get("questions") if isinstance(one.data, dict) else None
        for i, raw in enumerate(questions if isinstance(questions, list) else ()):
            qid = raw.get("id") if isinstance(raw, dict) else None
            if isinstance(qid, str):
                yield qid, str(path), i


def _mark_broken(path: DocPath, broken: set[int]) -> bool:
    """Note a problem inside one question; False if it spoils the whole file."""
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        broken.add(path[1])
        return True
    return False


def _load_bank(
    path: Path, parsed: _Parsed, indexes: Mapping[str, EssayIndex], report: _Report
) -> Bank | None:
    data, broken = _accept(path, parsed, report)
    if data is None:
        return None
    bank_id = data.get("bank", path.stem)
    if "bank" not in data and not _BANK_ID.fullmatch(bank_id):
        report.findings.append(
            Finding(
                str(path),
                ("title",),
                f"the file name {path.stem!r} is not a bank id (lowercase letters, digits and "
                f"hyphens): rename the file or add bank: {_slug(path.stem)}",
            )
        )
    questions = tuple(
        question(
            raw, Origin(str(path), i, isinstance(raw.get("source"), list)), bank_id, data, indexes
        )
        for i, raw in enumerate(data["questions"])
        if i not in broken
    )
    return Bank(
        id=bank_id,
        title=text(data["title"]),
        path=str(path),
        questions=questions,
        description=text(data.get("description", "")),
        tags=tuple(data.get("tags", ())),
        default_essay=data.get("source"),
    )


_BANK_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "bank"


def _question_id(doc: YamlDocument | None, path: DocPath) -> str | None:
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
