"""quizgen mark on simulated scans: 30 students of 3 versions, answer sheets printed by
Chromium, rendered at 150, 200 and 300 dpi, filled with realistic marks, damaged like
scans and phone photos, shuffled into one PDF. Every mark must be read right or
flagged, never read wrong in silence; every sheet's version and student number read;
the totals equal the simulated scores (flagged marks counting nothing)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from conftest import in_ci

try:
    import cv2  # noqa: F401
    import pypdfium2  # noqa: F401
    import zxingcpp  # noqa: F401
except ImportError as e:  # the mark extra is not installed
    if in_ci():
        raise
    pytest.skip(f"needs the mark extra: {e}", allow_module_level=True)

from scan_sim import Student, damage, fill_sheet, jpegs_to_pdf, load_key, render_pdf, simulate
from worksheet_helpers import BUNDLED_BANKS, catalog

from quizgen.export.worksheet.pdf import ChromiumPrinter, find_chromium
from quizgen.export.worksheet.write import WorksheetOptions, write_worksheets
from quizgen.mark import Marked, mark_scans
from quizgen.select import sample

pytestmark = pytest.mark.browser

STUDENTS = 30
VERSIONS = "ABC"
DPIS = (150, 200, 300)


def _expected(key: dict, student: Student, q_id: str) -> float:
    q = next(q for q in key["questions"] if q["id"] == q_id)
    meant = student.meant[q_id]
    if q["mode"] == "points":
        return float(meant[0])
    if q["kind"] != "multi":
        return float(q["points"]) if meant and meant[0] in q["answer"] else 0.0
    right, chosen = set(q["answer"]), set(meant)
    return round(q["points"] * max(0, len(chosen & right) - len(chosen - right)) / len(right), 2)


@pytest.fixture(scope="module")
def test_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 40-question test of the bundled banks, 3 versions, answer sheets as PDF."""
    try:
        chromium = find_chromium()
    except Exception as e:
        if in_ci():
            raise
        pytest.skip(f"needs Chromium: {e}")
    folder = tmp_path_factory.mktemp("test")
    bundled = catalog(*sorted(BUNDLED_BANKS.glob("*.yaml")))
    questions = sample(bundled.questions, 40, 7)
    options = WorksheetOptions(versions=3, seed=7, answer_sheet=True, title="Serge test")
    write_worksheets(bundled, questions, folder, options)
    jobs = [(folder / f"answer-sheet-{v}.html", folder / f"answer-sheet-{v}.pdf") for v in VERSIONS]
    with ChromiumPrinter(chromium) as printer:
        printer.print_all(jobs)
    return folder


@pytest.fixture(scope="module")
def class_set(test_folder: Path, tmp_path_factory: pytest.TempPathFactory):
    """The students, and one shuffled PDF of their damaged answer sheets."""
    rng = random.Random(17)
    blanks = {
        (v, dpi): render_pdf(test_folder / f"answer-sheet-{v}.pdf", dpi)
        for v in VERSIONS
        for dpi in DPIS
    }
    students, pages = [], []
    for n in range(STUDENTS):
        version, dpi = VERSIONS[n % 3], DPIS[(n // 3) % 3]
        key = load_key(test_folder, version)
        number = str(rng.randint(1000000, 9999999))
        student = simulate(key, number, rng, clean=n < 3)
        for image in fill_sheet(blanks[version, dpi], key, student, dpi, rng):
            pages.append((damage(image, rng, phone=n % 2 == 1), dpi))
        students.append(student)
    rng.shuffle(pages)
    scans = tmp_path_factory.mktemp("scans") / "class-set.pdf"
    jpegs_to_pdf(pages, scans)
    return students, scans


@pytest.fixture(scope="module")
def marked(test_folder: Path, class_set) -> Marked:
    _, scans = class_set
    return mark_scans([scans], test_folder)


def test_every_sheet_is_found_with_its_version_and_student_number(class_set, marked) -> None:
    students, _ = class_set
    assert [r.what for r in marked.reviews if not r.question or "student" in r.question] == []
    found = {(s.number, s.key.version) for s in marked.students}
    assert found == {(s.number, s.version) for s in students}


def test_every_mark_is_read_right_or_flagged(test_folder: Path, class_set, marked) -> None:
    students, _ = class_set
    by_number = {s.number: s for s in students}
    wrong, flagged, clean_flagged, troubles = [], 0, [], 0
    for sheet in marked.students:
        student = by_number[sheet.number]
        for answer in sheet.answers:
            q_id = answer.question.id
            trouble = student.trouble.get(q_id, "")
            troubles += bool(trouble)
            if answer.reading.flag:
                flagged += 1
                if not trouble:
                    clean_flagged.append((sheet.number, q_id, answer.reading.fills))
            elif answer.reading.values != student.meant[q_id]:
                wrong.append((sheet.number, q_id, trouble, student.meant[q_id], answer.reading))
    assert wrong == []
    # Clean fills are never flagged: only the rows that were made hard to read are.
    assert clean_flagged == []
    assert 0 < flagged <= troubles
    # A row with two marks is always flagged (the simulation meant both).
    doubles = [
        a.reading
        for s in marked.students
        for a in s.answers
        if by_number[s.number].trouble.get(a.question.id) == "double"
    ]
    assert doubles and all(r.flag for r in doubles)


def test_totals_equal_the_simulated_scores(test_folder: Path, class_set, marked) -> None:
    students, _ = class_set
    by_number = {s.number: s for s in students}
    for sheet in marked.students:
        student = by_number[sheet.number]
        key = load_key(test_folder, sheet.key.version)
        expected = sum(
            _expected(key, student, a.question.id) for a in sheet.answers if not a.reading.flag
        )
        assert sheet.total == pytest.approx(expected), sheet.number
        if not sheet.flagged:
            assert sheet.total == pytest.approx(
                sum(_expected(key, student, q["id"]) for q in key["questions"])
            )
    # The three clean sheets: nothing to look at, totals exact.
    clean = [s for s in marked.students if not by_number[s.number].trouble]
    assert len(clean) == 3 and all(s.flagged == 0 for s in clean)


def test_the_command_writes_results_and_a_report(run, test_folder: Path, class_set, tmp_path):
    students, scans = class_set
    out = tmp_path / "results"
    result = run("mark", str(scans), "--key", str(test_folder), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{STUDENTS} pages read: {STUDENTS} students, versions A, B, C"
    assert lines[-3:] == [
        f"wrote {out / n}" for n in ("results.csv", "breakdown.csv", "report.html")
    ]
    rows = list(csv.DictReader((out / "results.csv").open()))
    assert sorted(r["student"] for r in rows) == sorted(s.number for s in students)
    assert {r["version"] for r in rows} == set(VERSIONS)
    report = (out / "report.html").read_text()
    assert "Needs a look" in report and "data:image/png;base64," in report
