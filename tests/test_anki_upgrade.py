"""A student who imported the deck of before issue 12 imports today's: with the real Anki,
every note updates in place and keeps its cards and review history.

``fixtures/anki/serge-before-issue12.apkg`` is the bundled deck as main built it before
the cards changed (choices in bank order, matching and ordering as cloze rows), made by
that commit's own code from its banks and history, so it is byte for byte what students
imported.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ankicol import ROOT, SEEDS, fresh_collection, import_package, notes_by_id
from click.testing import CliRunner

from quizgen.cli import cli
from quizgen.load import load_catalog

BEFORE = ROOT / "tests" / "fixtures" / "anki" / "serge-before-issue12.apkg"


def test_the_new_deck_updates_the_old_one_in_place_and_keeps_every_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "questions", tmp_path / "questions")
    monkeypatch.chdir(tmp_path)
    catalog = load_catalog([Path("questions")], SEEDS).catalog
    result = CliRunner().invoke(
        cli, ["anki", "--seeds", str(SEEDS), "-o", "new.apkg"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output

    with fresh_collection(tmp_path / "student") as col:
        first = import_package(col, BEFORE)
        assert len(first.new) == 419
        # The student studies a card of every kind, and every card of some notes.
        reviewed = []
        for note in notes_by_id(col).values():
            kind = next(t for t in note.tags if t.startswith("type::"))
            if kind not in {k for _, k in reviewed}:
                cards = note.cards()
                for card in cards:
                    card.start_timer()
                    col.sched.answerCard(card, 3)
                reviewed.append((note["Question ID"], kind))
        assert len(reviewed) == 8
        revlog = col.db.all("select id, cid, ease, ivl from revlog order by id")
        cards_before = {c: col.get_card(c).reps for c in col.find_cards("")}
        notes_before = {qid: n.id for qid, n in notes_by_id(col).items()}
        cards_of = {qid: len(n.cards()) for qid, n in notes_by_id(col).items()}

        second = import_package(col, Path("new.apkg"))

        still = {q.id for q in catalog.questions}
        assert second.new == sorted(still - set(notes_before))
        assert second.conflicting == []
        assert sorted(second.updated + second.duplicate) == sorted(still & set(notes_before))
        # The choices are shuffled, the matching and ordering cards rebuilt: most notes change.
        assert len(second.updated) * 4 > len(still & set(notes_before)) * 3
        # Same notes, same cards, every review kept (new questions only add notes).
        kept = still & set(notes_before)
        assert {qid: n.id for qid, n in notes_by_id(col).items() if qid in kept} == {
            qid: nid for qid, nid in notes_before.items() if qid in kept
        }
        assert set(cards_before) <= set(col.find_cards(""))
        assert {c: col.get_card(c).reps for c in cards_before} == cards_before
        assert col.db.all("select id, cid, ease, ivl from revlog order by id") == revlog
        assert len(revlog) >= 8

        # The note types took the new templates and the readable sort field.
        col.models._clear_cache()
        cloze = col.models.get(1763769600401)
        assert cloze is not None
        assert "qz-matching" in cloze["css"] and "qzStore" in cloze["tmpls"][0]["qfmt"]
        # The sort field starts with the readable question.
        updated = [n.id for qid, n in notes_by_id(col).items() if qid in still]
        sort_fields = [
            f
            for nid in updated
            for f in col.db.list("select sfld from notes where mid = 1763769600401 and id = ?", nid)
        ]
        assert sort_fields and not [f for f in sort_fields if "{{" in f[:40]]

        # An ordering question is one card now: its other old cards are empty, and
        # Tools > Empty Cards lists exactly those; so are the cards of a pair, an item or
        # a deletion that a reworked question no longer has, and nothing else.
        empty = col.get_empty_cards()
        kinds = {q.id: q.kind for q in catalog.questions}
        listed = {col.get_note(n.note_id)["Question ID"]: len(n.card_ids) for n in empty.notes}
        assert set(listed) <= kept
        orders = [qid for qid in kept if kinds[qid] == "order"]
        assert {qid: listed[qid] for qid in orders} == {qid: cards_of[qid] - 1 for qid in orders}
        assert all(0 < n < cards_of[qid] for qid, n in listed.items())
