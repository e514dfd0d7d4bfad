"""Cards a student cannot pass without knowing the answer, imported by the real Anki: the
right letters spread over the deck, bank text that never turns into Anki markup, type-in
only where typing is reasonable, and a parent deck that says what it holds."""

from __future__ import annotations

import html
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from anki.collection import Collection
from ankicol import ROOT, SEEDS, copy_banks, imported, notes_by_id, visible
from click.testing import CliRunner

from quizgen.cli import cli

MARKUP = ROOT / "tests" / "fixtures" / "anki" / "anki-markup.yaml"
LETTERS = "ABCDEFGH"


def _build(*args: str) -> None:
    result = CliRunner().invoke(cli, ["anki", "--seeds", str(SEEDS), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    work = tmp_path_factory.mktemp("bundled")
    shutil.copytree(ROOT / "questions", work / "questions")
    _build(str(work / "questions"), "-o", str(work / "serge.apkg"))
    with imported(work / "serge.apkg", work / "student") as col:
        yield col


def test_no_letter_holds_more_than_35_percent_of_the_four_choice_answers(
    bundled: Collection,
) -> None:
    letters: Counter[str] = Counter()
    for note in notes_by_id(bundled).values():
        if (
            "type::mcq" in note.tags
            and [bool(note[x]) for x in LETTERS] == [True] * 4 + [False] * 4
        ):
            letters[note["Correct"]] += 1
    total = sum(letters.values())
    assert total > 100
    assert set(letters) == {"A", "B", "C", "D"}
    assert max(letters.values()) <= 0.35 * total, letters


def test_the_right_set_of_a_select_all_question_is_rarely_the_first_letters(
    bundled: Collection,
) -> None:
    multi = [n for n in notes_by_id(bundled).values() if "type::multi" in n.tags]
    assert len(multi) > 20
    first = [n for n in multi if n["Correct"].split() == list(LETTERS[: len(n["Correct"].split())])]
    assert len(first) <= 0.25 * len(multi), [n["Question ID"] for n in first]


def test_the_shown_order_is_the_stable_order_of_the_question_id(bundled: Collection) -> None:
    from quizgen.export.choices import stable_order
    from quizgen.load import load_catalog

    catalog = load_catalog([ROOT / "questions"], SEEDS).catalog
    notes = notes_by_id(bundled)
    for q in catalog.questions:
        if q.kind in ("mcq", "multi"):
            order = stable_order(q.id, len(q.choices))
            shown = [html.unescape(notes[q.id][LETTERS[i]]) for i in range(len(order))]
            assert shown == [q.choices[i] for i in order], q.id


def test_the_parent_deck_says_what_it_holds(bundled: Collection) -> None:
    parent = bundled.decks.by_name("Victor Serge")
    assert parent is not None
    assert re.match(
        r"Questions from \d+ banks, one subdeck each: .*Made by quizgen", parent["desc"]
    )


@pytest.fixture(scope="module")
def markup(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    work = tmp_path_factory.mktemp("markup")
    banks = copy_banks(work / "banks", MARKUP)
    _build(str(banks), "--type-in", "-o", str(work / "markup.apkg"))
    with imported(work / "markup.apkg", work / "student") as col:
        yield col


# What Anki reads as its own markup in a field's HTML (sound, LaTeX), and MathJax
# delimiters outside an element MathJax is told to ignore.
ANKI_MARKUP = re.compile(r"\[sound:|\[latex\]|\[\$\]|\[\$\$\]")
MATHJAX = re.compile(r"\\[()\[\]]")


def test_no_field_holds_anki_sound_or_latex_markup_from_bank_text(markup: Collection) -> None:
    notes = notes_by_id(markup)
    assert len(notes) == 5
    for qid, note in notes.items():
        for name, value in note.items():
            assert not ANKI_MARKUP.search(value), (qid, name, value)
            outside = re.sub(r'<span class="tex2jax_ignore">.*?</span>', "", value)
            assert not MATHJAX.search(outside), (qid, name, value)
        for card in note.cards():
            for side in (card.question(), card.answer()):
                assert "[anki:play" not in side and "latex-" not in side, qid
            assert card.question_av_tags() == [] and card.answer_av_tags() == []


def test_anki_markup_in_bank_text_shows_as_written(markup: Collection) -> None:
    notes = notes_by_id(markup)
    mcq = html.unescape(visible(notes["markup-mcq"].cards()[0].answer()))
    for text in ("[sound:serge.mp3]", "[latex]x^2[/latex]", "[$]y[/$]", "[$$]z[/$$]", "\\(a+b\\)"):
        assert text in mcq
    assert "\\[ c \\] and [sound:other.ogg]" in mcq
    cloze = html.unescape(visible(notes["markup-cloze"].cards()[0].answer()))
    assert "A [sound:x.mp3] and [latex]y[/latex] and \\(z\\)." in cloze
    order = html.unescape(visible(notes["markup-order"].cards()[0].question()))
    assert all(item in order for item in ("[sound:1.mp3]", "[latex]2[/latex]", "[$]3[/$]"))


def test_type_in_is_kept_for_answers_short_enough_to_type(tmp_path: Path) -> None:
    banks = copy_banks(tmp_path / "banks", MARKUP)
    bank = banks / MARKUP.name
    long = "the synthesis of anarchism and Marxism in one movement"
    assert len(long) > 40
    bank.write_text(
        bank.read_text("utf-8")
        + f"""
  - id: markup-long
    type: short
    prompt: What does Lynd hope for?
    answer: {long}
""",
        "utf-8",
    )
    _build(str(banks), "--type-in", "-o", str(tmp_path / "deck.apkg"))
    with imported(tmp_path / "deck.apkg", tmp_path / "student") as col:
        notes = notes_by_id(col)
        assert notes["markup-short"].note_type()["name"] == "quizgen Q&A (type the answer)"
        assert notes["markup-long"].note_type()["name"] == "quizgen Q&A"
