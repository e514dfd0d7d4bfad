"""Marking scanned answer sheets: ``quizgen mark SCANS... --key DIR -o results/``.

Reads each page (scan.py), decides what its bubbles say (decide.py), gathers the pages
of each student, scores them against the version's key (keys.py) and writes the
results (results.py). Needs the optional libraries: ``pip install 'quizgen[mark]'``.
Core code: no click here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ScanError
from .decide import RowReading, read_question, read_student, score
from .keys import KeyQuestion, VersionKey, load_keys
from .scan import Geometry, PageImage, ReadPage, load_pages, need_libraries, read_page

QR_PREFIX = "QZG1"


@dataclass
class Review:
    """Something a person should look at, with a picture of the spot."""

    source: str
    what: str
    png: bytes
    student: str = ""
    question: str = ""


@dataclass
class Answer:
    question: KeyQuestion
    reading: RowReading
    mark: float | None


@dataclass
class StudentSheet:
    number: str
    key: VersionKey
    pages: dict[int, ReadPage] = field(default_factory=dict)
    answers: list[Answer] = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(sum(a.mark or 0.0 for a in self.answers), 2)

    @property
    def flagged(self) -> int:
        return sum(a.mark is None for a in self.answers)


@dataclass
class Marked:
    keys: dict[str, VersionKey]
    students: list[StudentSheet]
    reviews: list[Review]
    pages: int


def mark_scans(scans: Sequence[Path], key_dir: Path) -> Marked:
    """Read and score every page of ``scans`` against the keys in ``key_dir``.

    Raises ScanError, naming every such page, when a page belongs to another test or
    to a version the keys do not have: nothing is marked then.
    """
    need_libraries()
    keys = load_keys(key_dir)
    any_key = next(iter(keys.values()))
    geometry = Geometry(
        any_key.page_mm[0],
        any_key.page_mm[1],
        tuple(
            any_key.marks_mm[c] for c in ("top-left", "top-right", "bottom-left", "bottom-right")
        ),
        any_key.mark_size_mm,
        any_key.qr_mm,
    )
    sheets: dict[tuple[str, str], StudentSheet] = {}
    reviews: list[Review] = []
    refused: list[str] = []
    count = 0
    for image in load_pages(scans):
        count += 1
        _one_page(image, geometry, keys, sheets, reviews, refused)
    if refused:
        raise ScanError(refused)
    students = sorted(sheets.values(), key=lambda s: (s.number, s.key.version))
    for sheet in students:
        _score(sheet, reviews)
    return Marked(keys, students, reviews, count)


def _one_page(
    image: PageImage,
    geometry: Geometry,
    keys: dict[str, VersionKey],
    sheets: dict[tuple[str, str], StudentSheet],
    reviews: list[Review],
    refused: list[str],
) -> None:
    page = read_page(image, geometry)
    if isinstance(page, str):
        reviews.append(Review(image.source, f"page not read: {page}", _thumbnail(image)))
        return
    if page.qr is None:
        what = "no answer-sheet code read: not a quizgen answer sheet, or the code is damaged"
        reviews.append(Review(image.source, what, page.crop_png(_whole(geometry))))
        return
    parsed = _parse_code(page.qr)
    key = next(iter(keys.values()))
    if parsed is None or parsed[0] != key.test:
        found = f"test {parsed[0]}" if parsed else f"code {page.qr!r}"
        refused.append(
            f"{image.source}: an answer sheet of another test ({found}), not of "
            f"{key.title!r} (test {key.test}) whose keys are in {key.path.parent}; refused"
        )
        return
    _test, version, check, number = parsed
    if version not in keys:
        have = ", ".join(sorted(keys))
        refused.append(
            f"{image.source}: version {version} is not in the key (it has {have}); refused"
        )
        return
    key = keys[version]
    if check != key.check_code:
        refused.append(
            f"{image.source}: version {version} with check code {check}, but the key's "
            f"is {key.check_code} (printed from another run); refused"
        )
        return
    student, why = read_student(page, key)
    if why:
        box = _student_box(key)
        reviews.append(Review(image.source, why, page.crop_png(box), question="student number"))
        return
    sheet = sheets.setdefault((student, version), StudentSheet(student, key))
    if number in sheet.pages:
        what = f"page {number} of student {student} (version {version}) scanned twice"
        reviews.append(Review(image.source, what, page.crop_png(_student_box(key)), student))
        return
    sheet.pages[number] = page


def _score(sheet: StudentSheet, reviews: list[Review]) -> None:
    key = sheet.key
    for q in key.questions:
        page = sheet.pages.get(q.page)
        if page is None:
            reading = RowReading((), (), f"page {q.page} of the answer sheet was not scanned")
        else:
            reading = read_question(page, q, key.bubble_mm)
        answer = Answer(q, reading, score(q, reading, key.partial))
        sheet.answers.append(answer)
        if reading.flag and page is not None:
            reviews.append(
                Review(
                    page.source,
                    reading.flag,
                    page.crop_png(_row_box(q)),
                    sheet.number,
                    f"{q.number} ({q.id})",
                )
            )
    missing = sorted(set(range(1, key.pages + 1)) - set(sheet.pages))
    for number in missing:
        what = f"page {number} of {key.pages} missing: its questions are not marked"
        reviews.append(Review("(no scan)", what, b"", sheet.number))


def _parse_code(text: str) -> tuple[str, str, str, int] | None:
    parts = text.split()
    if len(parts) != 5 or parts[0] != QR_PREFIX:
        return None
    try:
        page = int(parts[4].split("/")[0])
    except ValueError:
        return None
    return parts[1], parts[2], parts[3], page


def _row_box(q: KeyQuestion) -> tuple[float, float, float, float]:
    xs = [x for _, x, _ in q.bubbles]
    ys = [y for _, _, y in q.bubbles]
    return (min(xs) - 13, min(ys) - 4.5, max(xs) + 5, max(ys) + 4.5)


def _student_box(key: VersionKey) -> tuple[float, float, float, float]:
    xs = [x for column in key.student_number for x, _ in column]
    ys = [y for column in key.student_number for _, y in column]
    return (min(xs) - 5, min(ys) - 12, max(xs) + 5, max(ys) + 4)


def _whole(g: Geometry) -> tuple[float, float, float, float]:
    return (0.0, 0.0, g.width, g.height)


def _thumbnail(image: PageImage) -> bytes:
    import cv2

    h, w = image.gray.shape
    scale = 500 / max(w, 1)
    small = cv2.resize(image.gray, (500, max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    ok, data = cv2.imencode(".png", small)
    return bytes(data) if ok else b""
