"""``quizgen anki`` and the deck step of ``quizgen build``, as a user runs them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from ankicol import AWKWARD, EVERY_TYPE, SEEDS, copy_banks, imported, notes_by_id
from click.testing import CliRunner, Result

from quizgen.cli import cli


@pytest.fixture
def banks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_banks(tmp_path / "banks", EVERY_TYPE, AWKWARD)


def quizgen(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"SOURCE_DATE_EPOCH": "1700000000"})


def test_anki_writes_the_deck_and_says_what_is_in_it(banks: Path) -> None:
    result = quizgen("anki", "banks", "--seeds", str(SEEDS), "-o", "out/serge.apkg")
    assert result.exit_code == 0
    assert result.stdout == (
        "wrote out/serge.apkg: 10 notes, 13 cards in 3 decks (10 new or changed)\n"
        "recorded the change times in banks/anki-history.json\n"
    )
    assert result.stderr == ""
    with zipfile.ZipFile("out/serge.apkg") as z:
        assert [(i.filename, i.date_time) for i in z.infolist()] == [
            ("collection.anki2", (2023, 11, 14, 22, 13, 20)),
            ("media", (2023, 11, 14, 22, 13, 20)),
        ]
    assert not [p.name for p in Path("out").iterdir() if p.name != "serge.apkg"]


def test_selection_options_choose_the_notes(banks: Path, tmp_path: Path) -> None:
    result = quizgen(
        "anki",
        "banks",
        "--seeds",
        str(SEEDS),
        "-o",
        "mcq.apkg",
        "--type",
        "mcq",
        "--type",
        "multi",
        "--exclude-tag",
        "place",
    )
    assert (
        result.stdout.splitlines()[0]
        == "wrote mcq.apkg: 1 note, 1 card in 2 decks (1 new or changed)"
    )
    with imported(Path("mcq.apkg"), tmp_path / "student") as col:
        assert list(notes_by_id(col)) == ["sample-multi"]
    result = quizgen(
        "anki",
        "banks",
        "--seeds",
        str(SEEDS),
        "-o",
        "b.apkg",
        "--bank",
        "awkward-text",
        "--difficulty",
        "easy",
        "--tag",
        "fixture",
    )
    assert (
        result.stdout.splitlines()[0]
        == "wrote b.apkg: 1 note, 1 card in 2 decks (1 new or changed)"
    )


def test_an_empty_selection_is_an_error(banks: Path) -> None:
    result = quizgen(
        "anki", "banks", "--seeds", str(SEEDS), "--type", "essay", "--difficulty", "easy"
    )
    assert result.exit_code == 1
    assert result.stderr == "no questions match the selection, so there is nothing to write\n"
    assert not Path("build").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "flashcard"], "Invalid value for '--type'"),
        (["--deck", "  "], "Invalid value for '--deck': '  ' is not a deck name"),
        (["--deck", "Serge::"], "Invalid value for '--deck': 'Serge::' is not a deck name"),
    ],
)
def test_usage_errors_exit_2(banks: Path, args: list[str], message: str) -> None:
    result = quizgen("anki", "banks", "--seeds", str(SEEDS), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_help_has_an_example() -> None:
    result = quizgen("anki", "--help")
    assert result.exit_code == 0
    assert (
        "  Example:\n      quizgen anki\n"
        "      quizgen anki --bank serge-life --type-in -o serge-life.apkg\n"
    ) in result.stdout


def test_build_writes_the_deck_beside_the_other_outputs(banks: Path, tmp_path: Path) -> None:
    result = quizgen("build", "banks", "--seeds", str(SEEDS), "-o", "out")
    assert result.exit_code == 0, result.output
    assert (
        "wrote out/serge.apkg: 10 notes, 13 cards in 3 decks (10 new or changed)\n" in result.stdout
    )
    with imported(Path("out/serge.apkg"), tmp_path / "student") as col:
        assert len(notes_by_id(col)) == 10


def test_build_names_the_parent_deck(banks: Path, tmp_path: Path) -> None:
    # A teacher's own banks need not arrive under "Victor Serge".
    result = quizgen("build", "banks", "--seeds", str(SEEDS), "-o", "out", "--deck", "Physics 101")
    assert result.exit_code == 0, result.output
    with imported(Path("out/serge.apkg"), tmp_path / "student") as col:
        names = sorted(d.name for d in col.decks.all_names_and_ids())
    assert "Physics 101" in names and "Victor Serge" not in names
    assert any(n.startswith("Physics 101::") for n in names)
