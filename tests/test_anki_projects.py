"""Note identity per project, as the real Anki sees it."""

from __future__ import annotations

from pathlib import Path

import pytest
from ankicol import fresh_collection, import_package, imported
from click.testing import CliRunner, Result
from conftest import ROOT

from quizgen.cli import cli

GUIDS = ROOT / "tests" / "fixtures" / "project" / "bundled-guids.tsv"


def invoke(folder: Path, *args: str) -> Result:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_two_projects_with_the_same_ids_stay_separate_notes(tmp_path: Path) -> None:
    invoke(tmp_path, "init", "alpha")
    invoke(tmp_path, "init", "beta")
    for name in ("alpha", "beta"):
        invoke(tmp_path / name, "build")
    alpha = tmp_path / "alpha" / "build" / "alpha.apkg"
    beta = tmp_path / "beta" / "build" / "beta.apkg"
    with fresh_collection(tmp_path / "student") as col:
        first = import_package(col, alpha)
        second = import_package(col, beta)
        assert len(first.new) == len(second.new) == 8
        assert (second.updated, second.duplicate, second.conflicting) == ([], [], [])
        assert len(col.find_notes("")) == 16
        # beta changes a question; importing it again touches only beta's note
        bank = tmp_path / "beta" / "questions" / "example.yaml"
        bank.write_text(bank.read_text().replace("When was the lamp", "In which year was the lamp"))
        invoke(tmp_path / "beta", "build")
        again = import_package(col, beta)
        assert (again.new, again.updated) == ([], ["lamp-first-lit"])
        prompts = sorted(
            col.get_note(nid)["Question"] for nid in col.find_notes('"Question ID:lamp-first-lit"')
        )
        assert prompts == [
            "In which year was the lamp on the point first lit?",
            "When was the lamp on the point first lit?",
        ]
        decks = sorted(d.name for d in col.decks.all_names_and_ids())
        assert decks == [
            "Alpha",
            "Alpha::The lamp on the point",
            "Beta",
            "Beta::The lamp on the point",
            "Default",
        ]


def test_the_bundled_deck_keeps_todays_guids(tmp_path: Path) -> None:
    invoke(ROOT, "anki", "-o", str(tmp_path / "serge.apkg"))
    with imported(tmp_path / "serge.apkg", tmp_path / "student") as col:
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        current = {n["Question ID"]: n.guid for n in notes}
    # Questions removed from the banks have no note in a new deck (a student keeps
    # theirs); every question that stays keeps the GUID it had, new ones get new ones.
    before = dict(line.split("\t") for line in GUIDS.read_text("utf-8").splitlines())
    kept = {qid: guid for qid, guid in current.items() if qid in before}
    assert kept == {qid: before[qid] for qid in kept}
    assert len(kept) >= 200, "the bundled banks kept most of their questions"
