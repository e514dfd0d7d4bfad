"""quizgen mark refuses what it must not mark, and says so in one line per page:
a sheet of another test, a version the key folder lacks, a folder without keys."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from conftest import in_ci

try:
    import cv2
except ImportError as e:  # the mark extra is not installed
    if in_ci():
        raise
    pytest.skip(f"needs the mark extra: {e}", allow_module_level=True)

from scan_sim import Pen, load_key, render_pdf
from worksheet_helpers import EVERY_TYPE, catalog

from quizgen.export.worksheet.pdf import ChromiumPrinter, find_chromium
from quizgen.export.worksheet.write import WorksheetOptions, write_worksheets

pytestmark = pytest.mark.browser


def _test(folder: Path, seed: int, versions: int = 2) -> Path:
    every = catalog(EVERY_TYPE)
    options = WorksheetOptions(versions=versions, seed=seed, answer_sheet=True)
    write_worksheets(every, every.questions, folder, options)
    return folder


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Version A and B of one test, each filled for student 4242, as PNG scans."""
    try:
        chromium = find_chromium()
    except Exception as e:
        if in_ci():
            raise
        pytest.skip(f"needs Chromium: {e}")
    folder = _test(tmp_path_factory.mktemp("test"), seed=1)
    jobs = [(folder / f"answer-sheet-{v}.html", folder / f"answer-sheet-{v}.pdf") for v in "AB"]
    with ChromiumPrinter(chromium) as printer:
        printer.print_all(jobs)
    scans = {"folder": folder}
    for version in "AB":
        key = load_key(folder, version)
        (page,) = render_pdf(folder / f"answer-sheet-{version}.pdf", 150)
        pen = Pen(page, 150, random.Random(1), key["bubble_mm"])
        for digit, column in zip("4242", key["student_number"], strict=False):
            pen.fill(*column[int(digit)])
        for q in key["questions"]:
            _, x, y = q["bubbles"][-1]
            pen.fill(x, y)
        scans[version] = folder / f"scan-{version}.png"
        cv2.imwrite(str(scans[version]), page)
    return scans


def test_a_sheet_of_another_test_is_refused(run, sheets, tmp_path: Path) -> None:
    other = _test(tmp_path / "other", seed=2)
    key = load_key(other, "A")
    scan_key = load_key(sheets["folder"], "A")
    result = run("mark", str(sheets["A"]), "--key", str(other), "-o", str(tmp_path / "r"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{sheets['A']}: an answer sheet of another test (test {scan_key['test']}), not of "
        f"'Every question type' (test {key['test']}) whose keys are in {other}; refused\n"
    )
    assert not (tmp_path / "r").exists()


def test_a_version_missing_from_the_key_is_refused(run, sheets, tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.mkdir()
    shutil.copy(sheets["folder"] / "mark-key-A.json", keys)
    result = run("mark", str(sheets["A"]), str(sheets["B"]), "--key", str(keys), "-o", "r")
    assert result.exit_code == 1
    assert result.stderr == f"{sheets['B']}: version B is not in the key (it has A); refused\n"


def test_a_folder_without_keys_is_an_error(run, sheets, tmp_path: Path) -> None:
    result = run("mark", str(sheets["A"]), "--key", str(tmp_path), "-o", str(tmp_path / "r"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"--key {tmp_path}: no mark-key-*.json here; write them with "
        "`quizgen worksheet --answer-sheet -o FOLDER` and give that folder\n"
    )


def test_both_versions_and_an_upside_down_page_are_marked(run, sheets, tmp_path: Path) -> None:
    turned = tmp_path / "turned.png"
    cv2.imwrite(str(turned), cv2.rotate(cv2.imread(str(sheets["B"])), cv2.ROTATE_180))
    out = tmp_path / "r"
    result = run(
        "mark", str(sheets["A"]), str(turned), "--key", str(sheets["folder"]), "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "2 pages read: 2 students, versions A, B\n"
        f"wrote {out / 'results.csv'}\nwrote {out / 'breakdown.csv'}\nwrote {out / 'report.html'}\n"
    )
    rows = (out / "results.csv").read_text().splitlines()
    expected = [_last_bubble_total(load_key(sheets["folder"], v)) for v in "AB"]
    assert [r.split(",")[:5] for r in rows[1:]] == [
        ["4242", "A", f"{expected[0]:g}", "10", "0"],
        ["4242", "B", f"{expected[1]:g}", "10", "0"],
    ]


def _last_bubble_total(key: dict) -> float:
    """The score of a sheet with the last bubble of every row filled: the last letter,
    F, or all the points."""
    total = 0.0
    for q in key["questions"]:
        last = q["bubbles"][-1][0]
        if q["mode"] == "points":
            total += int(last)
        elif q["kind"] == "multi":
            right = set(q["answer"])
            total += q["points"] * max(0, 1 if last in right else -1) / len(right)
        elif last in q["answer"]:
            total += q["points"]
    return round(total, 2)
