"""A student studies, the teacher fixes a question, the student re-imports: with the real
Anki, only that note changes; cards, review history and the student's edits survive."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from anki.collection import Collection
from ankicol import (
    AWKWARD,
    EVERY_TYPE,
    SEEDS,
    copy_banks,
    fresh_collection,
    import_package,
    notes_by_id,
    visible,
)
from click.testing import CliRunner

from quizgen.cli import cli


@pytest.fixture
def banks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_banks(tmp_path / "banks", EVERY_TYPE, AWKWARD)


def build(out: str, *args: str) -> None:
    result = CliRunner().invoke(
        cli, ["anki", "banks", "--seeds", str(SEEDS), "-o", out, *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output


def edit(bank: Path, old: str, new: str) -> None:
    text = bank.read_text("utf-8")
    assert text.count(old) == 1
    bank.write_text(text.replace(old, new), "utf-8")


def review(col: Collection, question_ids: list[str]) -> None:
    """Answer "Good" on the first card of each of these questions."""
    notes = notes_by_id(col)
    for qid in question_ids:
        card = notes[qid].cards()[0]
        card.start_timer()
        col.sched.answerCard(card, 3)


def snapshot(col: Collection) -> dict[str, tuple[int, list[str], list[str]]]:
    """Each note's modification time, fields and tags, by question id."""
    return {qid: (n.mod, list(n.fields), sorted(n.tags)) for qid, n in notes_by_id(col).items()}


def test_reimport_updates_the_changed_note_only(banks: Path, tmp_path: Path) -> None:
    build("v1.apkg")
    with fresh_collection(tmp_path / "student") as col:
        first = import_package(col, Path("v1.apkg"))
        assert len(first.new) == 10
        review(col, ["sample-mcq", "sample-essay", "awkward-cloze"])
        # The student rewrites an explanation in Anki's editor.
        essay = notes_by_id(col)["sample-essay"]
        essay["Explanation"] = "My own words."
        col.update_note(essay)
        cards_before = {c: col.get_card(c).reps for c in col.find_cards("")}
        revlog_before = col.db.all("select id, cid, ease, ivl from revlog order by id")
        notes_before = snapshot(col)

        edit(
            banks / "every-type.yaml",
            "prompt: According to Lynd, in which city was Victor Serge born?",
            "prompt: According to Staughton Lynd, in which city was Victor Serge born?",
        )
        build("v2.apkg")
        second = import_package(col, Path("v2.apkg"))

        assert second.new == [] and second.conflicting == []
        assert second.updated == ["sample-mcq"]
        # Anki lists the notes it left alone, unchanged, as "duplicate"; none was added.
        assert second.duplicate == sorted(set(notes_before) - {"sample-mcq"})
        assert len(col.find_notes("")) == 10

        notes_after = snapshot(col)
        mcq = notes_by_id(col)["sample-mcq"]
        assert mcq["Question"] == (
            "According to Staughton Lynd, in which city was Victor Serge born?"
        )
        assert "According to Staughton Lynd" in visible(mcq.cards()[0].question())
        assert notes_after["sample-mcq"][0] > notes_before["sample-mcq"][0]
        for qid in set(notes_before) - {"sample-mcq"}:
            assert notes_after[qid] == notes_before[qid], qid
        assert notes_by_id(col)["sample-essay"]["Explanation"] == "My own words."

        assert {c: col.get_card(c).reps for c in col.find_cards("")} == cards_before
        assert col.db.all("select id, cid, ease, ivl from revlog order by id") == revlog_before
        assert len(revlog_before) == 3


def test_an_unchanged_rebuild_changes_nothing_in_anki(banks: Path, tmp_path: Path) -> None:
    build("v1.apkg")
    build("v2.apkg")
    assert Path("v1.apkg").read_bytes() == Path("v2.apkg").read_bytes()
    with fresh_collection(tmp_path / "student") as col:
        import_package(col, Path("v1.apkg"))
        before = snapshot(col)
        again = import_package(col, Path("v2.apkg"))
        assert (again.new, again.updated, again.conflicting) == ([], [], [])
        assert snapshot(col) == before


def test_a_new_deletion_adds_a_card_and_keeps_the_others(banks: Path, tmp_path: Path) -> None:
    build("v1.apkg")
    with fresh_collection(tmp_path / "student") as col:
        import_package(col, Path("v1.apkg"))
        review(col, ["awkward-cloze"])
        old_cards = {c.ord: (c.id, c.reps) for c in notes_by_id(col)["awkward-cloze"].cards()}

        edit(banks / "awkward-text.yaml", '& Marxism."', '& {{c4::Marxism}}."')
        build("v2.apkg")
        log = import_package(col, Path("v2.apkg"))

        assert log.updated == ["awkward-cloze"]
        cards = {c.ord: (c.id, c.reps) for c in notes_by_id(col)["awkward-cloze"].cards()}
        assert sorted(cards) == [0, 1, 2, 3]
        assert {o: cards[o] for o in old_cards} == old_cards
        assert cards[3][1] == 0


def test_a_new_question_is_added_and_the_rest_left_alone(banks: Path, tmp_path: Path) -> None:
    build("v1.apkg")
    with fresh_collection(tmp_path / "student") as col:
        import_package(col, Path("v1.apkg"))
        before = snapshot(col)
        text = (banks / "awkward-text.yaml").read_text("utf-8")
        (banks / "awkward-text.yaml").write_text(
            text
            + """
  - id: awkward-new
    type: truefalse
    prompt: Lynd wrote with Andrej Grubacic.
    answer: true
""",
            "utf-8",
        )
        build("v2.apkg")
        log = import_package(col, Path("v2.apkg"))
        assert (log.new, log.updated, log.conflicting) == (["awkward-new"], [], [])
        after = snapshot(col)
        assert {q: after[q] for q in before} == before


def test_an_update_replaces_the_notes_tags_and_leaves_other_notes_tags(
    banks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the README says: a student's own tags (``marked``, ``leech``) are lost on a
    note the import updates, and kept on every note it leaves alone; flags and suspended
    cards are on cards, which an update keeps."""
    build("v1.apkg")
    with fresh_collection(tmp_path / "student") as col:
        import_package(col, Path("v1.apkg"))
        for qid in ("sample-mcq", "sample-essay"):
            note = notes_by_id(col)[qid]
            note.tags += ["marked", "leech"]
            col.update_note(note)
        card = notes_by_id(col)["sample-mcq"].cards()[0]
        col.set_user_flag_for_cards(1, [card.id])
        col.sched.suspend_cards([card.id])
        edit(
            banks / "every-type.yaml",
            "prompt: According to Lynd, in which city was Victor Serge born?",
            "prompt: According to Lynd, in which city was Serge born?",
        )
        # The teacher's fix comes after the student's tagging (a tag is an edit of the
        # note: a fix older than it would not be imported at all).
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time()) + 60))
        build("v2.apkg")
        assert import_package(col, Path("v2.apkg")).updated == ["sample-mcq"]
        notes = notes_by_id(col)
        assert "marked" not in notes["sample-mcq"].tags
        assert {"marked", "leech"} <= set(notes["sample-essay"].tags)
        card = col.get_card(card.id)
        assert card.user_flag() == 1 and card.queue == -1
