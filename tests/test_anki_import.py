"""Decks as the real Anki sees them: imported with Anki's own importer, default options."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterator
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
    imported,
    notes_by_id,
    visible,
)
from ankicol import card_html as side
from click.testing import CliRunner, Result

from quizgen.cli import cli

Build = Callable[..., Result]


@pytest.fixture
def build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Build:
    """Run ``quizgen anki banks/ -o deck.apkg [args]`` in tmp_path; banks/ holds both fixtures."""
    copy_banks(tmp_path / "banks", EVERY_TYPE, AWKWARD)
    monkeypatch.chdir(tmp_path)

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        result = CliRunner().invoke(
            cli,
            ["anki", "banks", "--seeds", str(SEEDS), "-o", "deck.apkg", *args],
            catch_exceptions=False,
            env=env,
        )
        assert result.exit_code == 0, result.output
        return result

    return run


@pytest.fixture
def student(build: Build, tmp_path: Path) -> Iterator[Collection]:
    """A fresh collection into which the deck built with default options was imported."""
    build()
    with imported(tmp_path / "deck.apkg", tmp_path / "student") as col:
        yield col


def test_first_import_adds_every_note_in_a_deck_per_bank(build: Build, tmp_path: Path) -> None:
    build()
    with fresh_collection(tmp_path / "student") as col:
        log = import_package(col, tmp_path / "deck.apkg")
        assert len(log.new) == 10
        assert (log.updated, log.duplicate, log.conflicting) == ([], [], [])
        assert sorted(d.name for d in col.decks.all_names_and_ids()) == [
            "Default",
            "Victor Serge",
            "Victor Serge::Awkward text: <tags> & entities",
            "Victor Serge::Every question type",
        ]
        awkward = col.decks.by_name("Victor Serge::Awkward text: <tags> & entities")
        assert awkward is not None
        assert (
            awkward["desc"] == "Text with &lt;, &gt; and &amp; in it; a cloze with three deletions."
        )
        notes = notes_by_id(col)
        by_type = Counter(n.note_type()["name"] for n in notes.values())
        assert by_type == {"quizgen Q&A": 4, "quizgen multiple choice": 2, "quizgen cloze": 4}
        cards = Counter(
            (col.decks.name(c.did), n.note_type()["name"])
            for n in notes.values()
            for c in n.cards()
        )
        assert cards == {
            ("Victor Serge::Every question type", "quizgen Q&A"): 3,
            ("Victor Serge::Every question type", "quizgen multiple choice"): 2,
            # one cloze deletion, a card per pair (two), one card for the whole order
            ("Victor Serge::Every question type", "quizgen cloze"): 4,
            ("Victor Serge::Awkward text: <tags> & entities", "quizgen Q&A"): 1,
            ("Victor Serge::Awkward text: <tags> & entities", "quizgen cloze"): 3,
        }


def test_notes_carry_the_question_and_bank_tags_and_generated_ones(student: Collection) -> None:
    notes = notes_by_id(student)
    assert sorted(notes["sample-mcq"].tags) == [
        "difficulty::easy",
        "person::serge",
        "place::brussels",
        "sample",
        "source::lynd",
        "type::mcq",
    ]
    assert sorted(notes["awkward-cloze"].tags) == [
        "difficulty::medium",
        "fixture",
        "person::grubacic",
        "source::lynd",
        "theme::awkward",
        "type::cloze",
    ]
    assert sorted(notes["sample-short"].tags) == [
        "difficulty::medium",
        "sample",
        "source::greene",
        "type::short",
    ]


def test_a_cloze_has_one_card_per_deletion_and_shows_its_hint(student: Collection) -> None:
    cards = sorted(notes_by_id(student)["awkward-cloze"].cards(), key=lambda c: c.ord)
    assert [c.ord for c in cards] == [0, 1, 2]
    first, second, third = (visible(c.question()) for c in cards)
    assert "[...]" in first and "Andrej Grubacic" not in first
    # c2 hides both of its places on one card
    assert second.count("[...]") == 2
    assert "synthesizing" not in second and "anarchism" not in second
    assert "[an adjective]" in third and "radical" not in third
    assert "radical" in visible(cards[2].answer())


def _source_of(html: str) -> str:
    return html.split('class="qz-source"', 1)[1]


def test_every_card_shows_prompt_then_answer_explanation_and_source(student: Collection) -> None:
    lynd = (
        "Staughton Lynd, <cite>Anarchism, Marxism and Victor Serge. A review essay of "
        "Anarchists Never Surrender"
    )
    expected = {  # question id: (on the front, on the back only, paragraph of the quote)
        # the choices in their stable shuffled order: the right ones are not A and A B
        "sample-mcq": ("in which city was Victor Serge born?", 'data-correct=" C "', 8),
        "sample-multi": ("Albert Parsons", "Answer: B D", 4),
        "sample-truefalse": ("True or false?", '<div class="qz-answer">True</div>', 8),
        "sample-short": ("in what year was Victor Serge born?", "1891", 8),
        "sample-cloze": ("[a language]", '<span class="cloze" data-ordinal="1">French</span>', 10),
        "sample-essay": ("Why does Lynd turn to Serge", "names the two traditions", 6),
    }
    notes = notes_by_id(student)
    for qid, (front, back, paragraph) in expected.items():
        card = notes[qid].cards()[0]
        question, answer = side(card.question()), side(card.answer())
        assert front in question, qid
        assert back in answer and back not in question, qid
        assert notes[qid]["Question ID"] == qid
        assert notes[qid]["Explanation"] in answer, qid
        assert f"paragraph {paragraph}</div>" in _source_of(answer), qid
        assert f"<blockquote>{notes[qid]['Source'].split('<blockquote>')[1]}" in answer
    greene = side(notes["sample-short"].cards()[0].answer())
    assert (
        "Doug Enaa Greene, <cite>Victor Serge: On the borders of victory and "
        "defeat</cite>, paragraph 8"
    ) in greene
    assert "<blockquote>Victor Serge (Kibalchich) was born in 1891 in Belgium" in greene
    assert lynd in side(notes["sample-mcq"].cards()[0].answer())


def test_a_matching_card_asks_for_one_left_item_among_every_right_side(
    student: Collection,
) -> None:
    notes = notes_by_id(student)
    options = [  # in their stable shuffled order, lettered A, B
        "an egalitarian society without a controlling authority",
        "government control of everything",
    ]
    # card 1 asks about "state socialism" (B), card 2 about "anarchism" (A)
    for card, left, letter in zip(
        sorted(notes["sample-match"].cards(), key=lambda c: c.ord),
        ["state socialism", "anarchism"],
        ["B", "A"],
        strict=True,
    ):
        question, answer = side(card.question()), side(card.answer())
        assert "Match each Haymarket defendant" in question
        shown = visible(card.question())
        assert all(option in shown for option in options)
        assert f'<td class="qz-left">{left}</td>' in question
        # the card's own row asks; the other row is inactive, and the stylesheet hides it
        assert question.count('class="cloze"') == 1 and "[...]" in shown
        assert f'data-qz-right="{letter}">{letter}</span>' in answer
        assert f'data-qz-right="{letter}"' not in question.replace("data-cloze=", "")


def test_an_ordering_card_shows_the_items_shuffled_and_asks_for_the_order(
    student: Collection,
) -> None:
    items = ["the Haymarket anarchists", "the Industrial Workers of the World", "Victor Serge"]
    (card,) = notes_by_id(student)["sample-order"].cards()
    shown = visible(card.question())
    positions = [shown.index(item) for item in items]
    assert positions != sorted(positions)
    assert "Right order" not in shown and "[...]" in shown
    answer = visible(card.answer())
    assert "Right order: C B A" in answer
    listed = answer.split("Right order: C B A", 1)[1]
    assert [listed.index(item) for item in items] == sorted(listed.index(i) for i in items)


def test_markup_in_a_question_shows_as_written(student: Collection) -> None:
    card = notes_by_id(student)["awkward-short"].cards()[0]
    question, answer = side(card.question()), side(card.answer())
    assert (
        "If 1 &lt; 2 &amp;&amp; 3 &gt; 2, which two traditions does Lynd want to "
        "&lt;b&gt;synthesize&lt;/b&gt;?"
    ) in question
    assert "<b>" not in question
    assert '<div class="qz-answer">anarchism &amp; Marxism</div>' in answer
    assert 'Also accepted: <span class="qz-alt">Marxism &amp; anarchism</span>' in answer
    # cloze syntax in ordinary text is not a deletion
    assert "Markup such as &lt;i&gt;this&lt;/i&gt; stays text: {{c1::not a deletion}}." in answer
    cloze = html.unescape(visible(notes_by_id(student)["awkward-cloze"].cards()[0].answer()))
    assert (
        "Note: Andrej Grubacic and Lynd suggest synthesizing two radical traditions, "
        "anarchism & Marxism."
    ) in cloze


def test_type_in_option_asks_short_answers_to_be_typed(build: Build, tmp_path: Path) -> None:
    build("--type-in")
    with imported(tmp_path / "deck.apkg", tmp_path / "student") as col:
        notes = notes_by_id(col)
        short = notes["sample-short"]
        assert short.note_type()["name"] == "quizgen Q&A (type the answer)"
        # Anki's renderer leaves this marker; the reviewer puts the input box there.
        assert "[[type:Answer]]" in side(short.cards()[0].question())
        # the other basic questions keep the plain note type
        essay_type = notes["sample-essay"].note_type()
        assert essay_type is not None and essay_type["name"] == "quizgen Q&A"


def test_note_types_arrive_with_the_frozen_field_and_template_ids(student: Collection) -> None:
    from quizgen.export.anki.notetypes import NOTE_TYPES

    for spec in NOTE_TYPES:
        if spec.name.endswith("(type the answer)"):
            continue  # only in decks built with --type-in
        model = student.models.get(spec.id)
        assert model is not None, spec.name
        assert [(f["name"], f["id"]) for f in model["flds"]] == [
            (f.name, f.id) for f in spec.fields
        ]
        assert [(t["name"], t["id"]) for t in model["tmpls"]] == [
            (t.name, t.id) for t in spec.templates
        ]


def test_parent_deck_name_is_an_option(build: Build, tmp_path: Path) -> None:
    build("--deck", "History::Serge")
    with imported(tmp_path / "deck.apkg", tmp_path / "student") as col:
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert "History::Serge::Every question type" in names
        assert not any(n.startswith("Victor Serge") for n in names)


def test_without_history_source_date_epoch_stamps_the_notes(build: Build, tmp_path: Path) -> None:
    build(env={"SOURCE_DATE_EPOCH": "1700000000"})
    with imported(tmp_path / "deck.apkg", tmp_path / "student") as col:
        assert {n.mod for n in notes_by_id(col).values()} == {1700000000}


def test_deck_renders_in_night_mode_and_on_a_phone(student: Collection) -> None:
    css = student.models.get(1763769600101)["css"]
    assert re.search(r"\.card\.nightMode[^{]*\{[^}]*--qz-bg:", css)
    assert "@media (max-width: 600px)" in css
