"""Essays as people have them: hard-wrapped, Markdown, or a paragraph a line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import FIXTURES

from quizgen.essaytext import ESSAY_FORMS, detect_form, essay_paragraphs
from quizgen.load import load_catalog

COURSE = FIXTURES / "project" / "course"
# Where each quote of the course banks is, counted in blank-line paragraphs as a
# reader of the wrapped text (or the rendered Markdown) sees them.
PARAGRAPHS = {
    "hive-facing": 6,
    "hedge-purpose": 7,
    "forage-distance": 5,
    "winter-cluster": 10,
    "autumn-weight": 9,
    "bee-keeper-year": 9,
    "queen-cells": 14,
    "harvest-ripe": 16,
    "meander-name": 3,
    "helical-flow": 7,
    "point-bar": 7,
    "soft-banks": 10,
    "billabong": 14,
}


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """The test project (banks/ + seeds/) copied where no other project file is above it."""
    return Path(shutil.copytree(COURSE, tmp_path / "course"))


def invoke(folder: Path, *args: str) -> Result:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        return CliRunner().invoke(cli_group(), list(args), catch_exceptions=False)


def cli_group():  # type: ignore[no-untyped-def]
    from quizgen.cli import cli

    return cli


def test_every_quote_is_found_from_the_project_folder(course: Path) -> None:
    result = invoke(course, "validate", "--require-sources")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "OK: 13 questions in 2 bank(s); 13 quotes found in the essays\n"


def test_every_quote_is_found_from_the_parent_folder(course: Path) -> None:
    result = invoke(course.parent, "validate", "--require-sources", "course/banks")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "OK: 13 questions in 2 bank(s); 13 quotes found in the essays\n"


def test_paragraph_numbers_are_the_paragraphs_a_reader_sees(course: Path) -> None:
    catalog = load_catalog([course / "banks"], course / "seeds").catalog
    found = {q.id: q.sources[0].paragraph for q in catalog.questions}
    assert found == PARAGRAPHS
    bees, rivers = catalog.essays["bees"], catalog.essays["rivers"]
    assert (len(bees.paragraphs), len(rivers.paragraphs)) == (18, 15)
    # A wrapped paragraph is its lines joined; its line is where it starts.
    assert bees.paragraphs[8].startswith("The year of the bee-keeper does not begin in January")
    assert bees.lines[:6] == (1, 3, 5, 7, 9, 19)
    # Markdown loses its markup: emphasis, links and code marks.
    assert "call meanders, after the Büyük Menderes in Turkey." in rivers.paragraphs[2]
    assert rivers.paragraphs[6].endswith("a gentle beach called a point bar.")


def test_coverage_counts_blank_line_paragraphs(course: Path) -> None:
    result = invoke(course, "coverage")
    assert result.stdout.splitlines() == [
        "bees: 7 of 10 substantive paragraphs cited (7 of 18 paragraphs in all)",
        "rivers: 3 of 6 substantive paragraphs cited (4 of 15 paragraphs in all)",
    ]


def test_an_essay_read_in_the_wrong_form_misses_its_wrapped_quotes(course: Path) -> None:
    listing = course / "seeds" / "seeds.yaml"
    listing.write_text(
        listing.read_text("utf-8").replace("file: bees.txt", "file: bees.txt\n    form: lines")
    )
    result = invoke(course, "validate")
    assert result.exit_code == 1
    assert result.stderr.count("quote not found in essay 'bees'") == 7


def test_detected_forms() -> None:
    assert detect_form("one paragraph a line " * 10 + "\n\nand another\n", "a.txt") == "lines"
    assert detect_form("folded\nlines\n\nhere\n", "a.txt") == "wrapped"
    assert detect_form("short\n\nlines\n", "a.txt") == "lines"
    assert detect_form("# Title\n", "essay.MD") == "markdown"
    assert ESSAY_FORMS == ("lines", "wrapped", "markdown")


def test_a_wrapped_line_ending_in_a_hyphen_runs_on() -> None:
    text = "a well-\nknown rule -- and\nanother--\nthing\n"
    assert essay_paragraphs(text, "wrapped", "t.txt").paragraphs == (
        "a well-known rule -- and another--thing",
    )


def test_the_essay_list_schema_names_the_same_forms() -> None:
    from quizgen.schemacheck import schema

    item = schema("seeds")["properties"]["seeds"]["items"]["properties"]
    assert tuple(item["form"]["enum"]) == ESSAY_FORMS
