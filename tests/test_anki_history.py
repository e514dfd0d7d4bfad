"""anki-history.json: the change times that make re-imports update the right notes."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from ankicol import AWKWARD, EVERY_TYPE, SEEDS, copy_banks
from click.testing import CliRunner, Result

from quizgen.cli import cli
from quizgen.export.anki.deck import write_deck
from quizgen.export.anki.history import History
from quizgen.load import load_catalog
from quizgen.model import Catalog
from quizgen.project import complete_folders
from quizgen.resources import is_bundled

ENTRY = re.compile(r'^  "([a-z0-9-]+)": \["[0-9a-f]{16}", (\d+)\],?$')


@pytest.fixture
def banks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_banks(tmp_path / "banks", EVERY_TYPE, AWKWARD)


def anki(*args: str, epoch: int | None = None) -> Result:
    env = {"SOURCE_DATE_EPOCH": str(epoch)} if epoch is not None else None
    return CliRunner().invoke(
        cli,
        ["anki", *args, "--seeds", str(SEEDS), "-o", "deck.apkg"],
        catch_exceptions=False,
        env=env,
    )


def entries(history: Path) -> dict[str, int]:
    """Question id -> recorded time, read line by line as a person (or git) sees them."""
    lines = history.read_text("utf-8").splitlines()
    notes = lines[lines.index(' "notes": {') + 1 : lines.index(" },")]
    found = {}
    for line in notes:
        m = ENTRY.match(line)
        assert m, line
        found[m.group(1)] = int(m.group(2))
    assert list(found) == sorted(found)
    return found


def test_a_build_records_one_line_per_question(banks: Path) -> None:
    assert anki("banks", epoch=1700000000).exit_code == 0
    history = banks / "anki-history.json"
    assert set(entries(history)) == {
        "awkward-cloze",
        "awkward-short",
        "sample-cloze",
        "sample-essay",
        "sample-match",
        "sample-mcq",
        "sample-multi",
        "sample-order",
        "sample-short",
        "sample-truefalse",
    }
    assert set(entries(history).values()) == {1700000000}
    data = json.loads(history.read_text("utf-8"))
    assert data["format"] == "quizgen anki history 1"
    # the note types the deck uses (no short answer is typed in without --type-in)
    assert sorted(data["notetypes"]) == ["1763769600101", "1763769600301", "1763769600401"]


def test_an_unchanged_rebuild_leaves_history_and_deck_as_they_were(banks: Path) -> None:
    anki("banks", epoch=1700000000)
    history = (banks / "anki-history.json").read_bytes()
    deck = Path("deck.apkg").read_bytes()
    result = anki("banks", epoch=1700009999)
    assert result.output == "wrote deck.apkg: 10 notes, 13 cards in 3 decks (0 new or changed)\n"
    assert (banks / "anki-history.json").read_bytes() == history
    assert Path("deck.apkg").read_bytes() == deck


def test_editing_a_question_moves_only_its_time(banks: Path) -> None:
    anki("banks", epoch=1700000000)
    before = entries(banks / "anki-history.json")
    bank = banks / "every-type.yaml"
    bank.write_text(bank.read_text("utf-8").replace("Kiev", "Kyiv"), "utf-8")
    result = anki("banks", epoch=1700005000)
    assert "(1 new or changed)" in result.output
    after = entries(banks / "anki-history.json")
    assert after == {**before, "sample-mcq": 1700005000}


def test_a_change_under_a_fixed_source_date_epoch_is_still_newer(banks: Path) -> None:
    anki("banks", epoch=1700000000)
    bank = banks / "every-type.yaml"
    bank.write_text(bank.read_text("utf-8").replace("Kiev", "Kyiv"), "utf-8")
    anki("banks", epoch=1700000000)
    assert entries(banks / "anki-history.json")["sample-mcq"] == 1700000001


def test_removed_questions_are_forgotten_only_by_a_build_of_the_whole_folder(banks: Path) -> None:
    anki("banks", epoch=1700000000)
    # One file of the folder: the other bank's questions stay recorded.
    anki("banks/every-type.yaml", epoch=1700000000)
    assert "awkward-cloze" in entries(banks / "anki-history.json")
    # A selection does not forget what it leaves out either.
    anki("banks", "--type", "mcq", epoch=1700000000)
    assert "sample-essay" in entries(banks / "anki-history.json")
    # The whole folder, once a bank is gone from it: its questions are forgotten.
    (banks / "awkward-text.yaml").rename(banks / "awkward-text.txt")
    anki("banks", epoch=1700000000)
    assert sorted(entries(banks / "anki-history.json")) == [
        "sample-cloze",
        "sample-essay",
        "sample-match",
        "sample-mcq",
        "sample-multi",
        "sample-order",
        "sample-short",
        "sample-truefalse",
    ]


AWKWARD_IDS = {"awkward-cloze", "awkward-short"}


def _write_deck(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Write the deck of ``catalog`` as the exporter does; the ids its history keeps."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_deck(catalog, catalog.questions, Path("deck.apkg"))
    return set(entries(Path("banks/anki-history.json")))


def test_the_deck_forgets_nothing_in_a_folder_its_caller_did_not_read_whole(
    banks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert anki("banks").exit_code == 0
    assert set(entries(banks / "anki-history.json")) >= AWKWARD_IDS
    (banks / "awkward-text.yaml").rename(banks / "awkward-text.txt")
    # On disk the folder now holds only what was loaded; the catalog does not say it
    # is complete (load_catalog alone does not know), so nothing is forgotten.
    catalog = load_catalog([Path("banks")], SEEDS).catalog
    assert catalog.complete_folders == frozenset()
    assert _write_deck(catalog, monkeypatch) >= AWKWARD_IDS


def test_the_deck_forgets_in_a_folder_its_caller_read_whole_whatever_is_on_disk_now(
    banks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert anki("banks").exit_code == 0
    (banks / "awkward-text.yaml").rename(banks / "awkward-text.txt")
    catalog = load_catalog([Path("banks")], SEEDS).catalog
    whole = replace(
        catalog, complete_folders=complete_folders([Path("banks")], (b.path for b in catalog.banks))
    )
    assert whole.complete_folders == {"banks"}
    # A bank file appears after the loading: the deck goes by what was loaded.
    (banks / "awkward-text.txt").rename(banks / "awkward-text.yaml")
    assert not AWKWARD_IDS & _write_deck(whole, monkeypatch)


def test_a_folder_is_complete_when_every_bank_file_in_it_was_loaded(banks: Path) -> None:
    one, other = "banks/every-type.yaml", "banks/awkward-text.yaml"
    files = [Path(one), Path(other)]

    assert complete_folders(files[:1], [one]) == frozenset()  # the other file is on disk, not given
    assert complete_folders(files, [one, other]) == {"banks"}
    (banks / "notes.txt").write_text("not a bank", "utf-8")
    assert complete_folders(files[::-1], [other, one]) == {"banks"}
    (banks / "new.yml").write_text("title: New\nquestions: []\n", "utf-8")
    assert complete_folders(files, [one, other]) == frozenset()
    # The folder given as such: the loader listed it and read every bank file in it.
    assert complete_folders([Path("banks")], [one, other]) == {"banks"}


def test_history_option_keeps_the_file_elsewhere(banks: Path) -> None:
    result = anki("banks", "--history", "elsewhere/history.json", epoch=1700000000)
    assert result.output.splitlines()[1] == "recorded the change times in elsewhere/history.json"
    assert len(entries(Path("elsewhere/history.json"))) == 10
    assert not (banks / "anki-history.json").exists()


def test_a_damaged_history_is_reported_where_it_is_damaged(banks: Path) -> None:
    (banks / "anki-history.json").write_text(
        '{\n "format": "quizgen anki history 1",\n "notes": {\n  "sample-mcq": ["ab", 17\n', "utf-8"
    )
    result = anki("banks")
    assert result.exit_code == 1
    assert result.stderr == (
        "banks/anki-history.json:5:1: not valid JSON: Expecting ',' delimiter; fix it, or take "
        "it back from version control (deleting it makes every note count as changed once)\n"
    )


def test_a_bad_source_date_epoch_is_an_error(banks: Path) -> None:
    result = CliRunner().invoke(
        cli, ["anki", "banks", "--seeds", str(SEEDS)], env={"SOURCE_DATE_EPOCH": "yesterday"}
    )
    assert result.exit_code == 1
    assert result.stderr == "SOURCE_DATE_EPOCH: not a whole number of seconds: 'yesterday'\n"


def test_a_read_only_history_stamps_but_does_not_save(tmp_path: Path) -> None:
    path = tmp_path / "anki-history.json"
    history = History(path, writable=False, notes={"q": ("aaaa", 100)})
    assert history.stamp_note("q", "aaaa", 500) == 100
    assert history.stamp_note("q", "bbbb", 500) == 500
    assert history.stamp_note("new", "cccc", 500) == 500
    assert history.unrecorded == 2
    assert history.save() is False
    assert not path.exists()


def test_the_banks_inside_an_installed_quizgen_are_never_written(tmp_path: Path) -> None:
    import quizgen

    inside = Path(quizgen.__file__).parent / "_bundled" / "questions" / "anki-history.json"
    assert is_bundled(inside) is True
    assert is_bundled(tmp_path / "questions" / "anki-history.json") is False
