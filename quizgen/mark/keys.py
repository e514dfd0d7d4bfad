"""The keys ``quizgen mark`` marks against: the ``mark-key-X.json`` files that
``quizgen worksheet --answer-sheet`` writes beside the sheets, one per version."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ScanError

KEY_FORMAT = "quizgen-mark-key"  # the same as quizgen.export.worksheet.answersheet
KEY_FORMAT_VERSION = 1


@dataclass(frozen=True)
class KeyQuestion:
    number: int
    id: str
    kind: str
    points: int
    mode: str  # "letter" (the student fills) or "points" (the teacher fills)
    answer: tuple[str, ...]
    choices: dict[str, str]
    page: int
    bubbles: tuple[tuple[str, float, float], ...]  # value, x mm, y mm

    @property
    def single(self) -> bool:
        """One bubble at most: every row but a select-all row."""
        return self.kind != "multi"


@dataclass(frozen=True)
class VersionKey:
    path: Path
    test: str
    title: str
    version: str
    check_code: str
    page_mm: tuple[float, float]
    pages: int
    match: str
    partial: str
    marks_mm: dict[str, tuple[float, float]]
    mark_size_mm: float
    bubble_mm: float
    qr_mm: tuple[float, float, float]  # left, top, size
    student_number: tuple[tuple[tuple[float, float], ...], ...]
    questions: tuple[KeyQuestion, ...]

    @property
    def points(self) -> int:
        return sum(q.points for q in self.questions)


def load_keys(folder: Path) -> dict[str, VersionKey]:
    """Every version's key in ``folder``, by version letter; all of one test."""
    paths = sorted(folder.glob("mark-key-*.json"))
    if not paths:
        raise ScanError(
            [
                f"--key {folder}: no mark-key-*.json here; write them with "
                "`quizgen worksheet --answer-sheet -o FOLDER` and give that folder"
            ]
        )
    keys = {}
    for path in paths:
        key = _read(path)
        keys[key.version] = key
    tests = {k.test for k in keys.values()}
    if len(tests) > 1:
        raise ScanError(
            [f"--key {folder}: keys of {len(tests)} different tests ({', '.join(sorted(tests))})"]
        )
    return keys


def _read(path: Path) -> VersionKey:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != KEY_FORMAT:
            raise ValueError("not a quizgen mark key")
        if data.get("format_version") != KEY_FORMAT_VERSION:
            raise ValueError(f"key format version {data.get('format_version')} is not 1")
        return _key(path, data)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ScanError([f"{path}: cannot use this key: {e}"]) from e


def _key(path: Path, data: dict[str, Any]) -> VersionKey:
    questions = tuple(
        KeyQuestion(
            number=int(q["number"]),
            id=str(q["id"]),
            kind=str(q["kind"]),
            points=int(q["points"]),
            mode=str(q["mode"]),
            answer=tuple(q["answer"]),
            choices=dict(q["choices"]),
            page=int(q["page"]),
            bubbles=tuple((str(v), float(x), float(y)) for v, x, y in q["bubbles"]),
        )
        for q in data["questions"]
    )
    width, height = data["page_mm"]
    return VersionKey(
        path=path,
        test=str(data["test"]),
        title=str(data["title"]),
        version=str(data["version"]),
        check_code=str(data["check_code"]),
        page_mm=(float(width), float(height)),
        pages=int(data["pages"]),
        match=str(data["scoring"]["match"]),
        partial=str(data["scoring"]["partial"]),
        marks_mm={k: (float(v[0]), float(v[1])) for k, v in data["marks_mm"].items()},
        mark_size_mm=float(data["mark_size_mm"]),
        bubble_mm=float(data["bubble_mm"]),
        qr_mm=(float(data["qr_mm"][0]), float(data["qr_mm"][1]), float(data["qr_mm"][2])),
        student_number=tuple(
            tuple((float(x), float(y)) for x, y in column) for column in data["student_number"]
        ),
        questions=questions,
    )
