"""The deck of the bundled banks, imported into a fresh collection by the real Anki."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from ankicol import ROOT, SEEDS, card_html, fresh_collection, import_package, notes_by_id
from click.testing import CliRunner

from quizgen.cli import cli
from quizgen.load import load_catalog
from quizgen.model import Cloze, Matching, Ordering, Question


def expected_cards(q: Question) -> int:
    if isinstance(q, Cloze):
        return len(q.numbers)
    if isinstance(q, Matching):
        return len(q.pairs)
    if isinstance(q, Ordering):
        return 1  # the whole order on one card
    return 1


def test_every_bundled_question_becomes_a_note_in_its_banks_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A copy, so that the test never rewrites the history committed beside the banks.
    shutil.copytree(ROOT / "questions", tmp_path / "questions")
    shutil.copy(ROOT / "quizgen.yaml", tmp_path / "quizgen.yaml")  # the Serge project
    monkeypatch.chdir(tmp_path)
    catalog = load_catalog([Path("questions")], SEEDS).catalog
    result = CliRunner().invoke(
        cli, ["anki", "--seeds", str(SEEDS), "-o", "serge.apkg"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output

    with fresh_collection(tmp_path / "student") as col:
        log = import_package(col, Path("serge.apkg"))
        assert sorted(log.new) == sorted(q.id for q in catalog.questions)
        assert (log.updated, log.duplicate, log.conflicting) == ([], [], [])
        notes = notes_by_id(col)
        titles = {b.id: f"Victor Serge::{b.title}" for b in catalog.banks}
        cards = Counter(col.decks.name(c.did) for n in notes.values() for c in n.cards())
        assert cards == Counter(
            {titles[b.id]: sum(expected_cards(q) for q in b.questions) for b in catalog.banks}
        )
        for q in catalog.questions:
            note = notes[q.id]
            assert f"type::{q.kind}" in note.tags and f"difficulty::{q.difficulty}" in note.tags
            assert all(" " not in tag for tag in note.tags)
            answer = card_html(note.cards()[0].answer())
            for citation in q.sources:
                essay = catalog.essays[citation.essay]
                assert f"{essay.author}, <cite>" in answer, q.id
                assert f"paragraph {citation.paragraph}</div>" in answer, q.id
            assert f'<div class="qz-id">{q.id}</div>' in answer
