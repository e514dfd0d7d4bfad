"""Students' review history is never lost: the change history keeps every entry it
cannot see a reason to drop, and a damaged history is a positioned error, never a
crash. Fixtures: tests/fixtures/reliability/history/, one per class."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ankicol import EVERY_TYPE, SEEDS, copy_banks
from click.testing import CliRunner, Result

from quizgen.cli import cli

HISTORIES = Path(__file__).resolve().parent / "fixtures" / "reliability" / "history"
HINT = (
    "; fix it, or take it back from version control (deleting it makes every note count "
    "as changed once)"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(
        cli, [*args], catch_exceptions=False, env={"SOURCE_DATE_EPOCH": "1700000000"}
    )


@pytest.fixture
def banks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_banks(tmp_path / "banks", EVERY_TYPE)


def anki(folder: str, *more: str) -> Result:
    return run("anki", folder, "--seeds", str(SEEDS), "-o", "deck.apkg", *more)


def test_one_history_file_for_two_folders_loses_neither(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    physics = copy_banks(tmp_path / "physics", EVERY_TYPE)
    chem = tmp_path / "chem"
    chem.mkdir()
    text = EVERY_TYPE.read_text("utf-8").replace("id: sample-", "id: chem-")
    (chem / "chem.yaml").write_text(text, "utf-8")
    first = anki(str(physics), "--history", "all.json")
    assert first.stdout.splitlines()[0].endswith("(8 new or changed)")
    assert anki(str(chem), "--history", "all.json").exit_code == 0
    again = anki(str(physics), "--history", "all.json")
    [line] = again.stdout.splitlines()
    assert line.startswith("wrote deck.apkg: 8 notes, ") and line.endswith("(0 new or changed)")
    saved = Path("all.json").read_text("utf-8")
    assert saved.count('"sample-') == 8 and saved.count('"chem-') == 8


def test_a_bank_that_cannot_be_read_fails_the_build_and_keeps_its_history(banks) -> None:
    assert anki("banks").exit_code == 0
    before = (banks / "anki-history.json").read_bytes()
    (banks / "every-type.yaml").rename(banks / "moved-away.txt")
    (banks / "every-type.yaml").symlink_to("moved-away.txt.gone")
    result = anki("banks")
    assert result.exit_code == 1
    assert (
        result.stderr == "banks/every-type.yaml: cannot read file: it is a broken symbolic link\n"
    )
    assert (banks / "anki-history.json").read_bytes() == before


def test_an_upper_case_bank_is_built_and_its_history_kept(banks) -> None:
    assert anki("banks").exit_code == 0
    before = (banks / "anki-history.json").read_bytes()
    (banks / "every-type.yaml").rename(banks / "every-type.YAML")
    result = anki("banks")
    [line] = result.stdout.splitlines()
    assert line.startswith("wrote deck.apkg: 8 notes, ") and line.endswith("(0 new or changed)")
    assert (banks / "anki-history.json").read_bytes() == before


def with_bom(text: str) -> str:
    return "\ufeff" + text


def conflict_resolved_by_deleting_both_lines(text: str) -> str:
    """What the README's advice leaves when git's conflict is on the last note line:
    the line before it still ends with a comma."""
    lines = text.splitlines(keepends=True)
    last = lines.index(" },\n") - 1
    return "".join(lines[:last] + lines[last + 1 :])


@pytest.mark.parametrize(
    ("edit", "changed"),
    [(with_bom, 0), (conflict_resolved_by_deleting_both_lines, 1)],
)
def test_histories_as_editors_and_merges_leave_them_are_read(banks, edit, changed) -> None:
    assert anki("banks").exit_code == 0
    history = banks / "anki-history.json"
    history.write_text(edit(history.read_text("utf-8")), "utf-8")
    result = anki("banks")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith(f"({changed} new or changed)")


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("deeply-nested.json", "4:31: nested more than 16 levels deep"),
        (
            "huge-integer-time.json",
            "7:3: entry 'sample-mcq' in \"notes\": time "
            "'9999999999999999999999999999999999999...' is out of range (0 to 4354819198, "
            "the end of 2107)",
        ),
        (
            "time-after-2107.json",
            "7:3: entry 'sample-mcq' in \"notes\": time '4354819200' "
            "is out of range (0 to 4354819198, the end of 2107)",
        ),
        (
            "time-near-9e15.json",
            "7:3: entry 'sample-mcq' in \"notes\": time "
            "'9223372036854775' is out of range (0 to 4354819198, the end of 2107)",
        ),
    ],
)
def test_a_damaged_history_is_a_positioned_error(banks, fixture, message) -> None:
    shutil.copy(HISTORIES / fixture, banks / "anki-history.json")
    before = (banks / "anki-history.json").read_bytes()
    result = anki("banks")
    assert result.exit_code == 1
    assert result.stderr == f"banks/anki-history.json:{message}{HINT}\n"
    assert (banks / "anki-history.json").read_bytes() == before
    assert not Path("deck.apkg").exists()


def test_a_history_that_is_a_pipe_is_refused(banks) -> None:
    import os

    os.mkfifo(banks / "anki-history.json")
    result = anki("banks")
    assert result.exit_code == 1
    assert result.stderr == (
        "banks/anki-history.json: the Anki change history: cannot read file: not a regular "
        f"file (a pipe, device or folder){HINT}\n"
    )
