"""The cards as a student sees and answers them: Anki's own rendering of each side, shown
in the system Chromium at phone and desktop widths, by day and by night.

Screenshots of every card type go to $QUIZGEN_ANKI_SCREENSHOTS (or the test's temporary
folder): look at them after changing the templates or the stylesheet.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection
from anki_reviewer import DESKTOP, PHONE, Reviewer, browser
from ankicol import AWKWARD, EVERY_TYPE, ROOT, SEEDS, copy_banks, imported, notes_by_id
from click.testing import CliRunner

from quizgen.cli import cli

pytestmark = pytest.mark.browser

MARKUP = ROOT / "tests" / "fixtures" / "anki" / "anki-markup.yaml"


@pytest.fixture(scope="module")
def col(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Collection]:
    work = tmp_path_factory.mktemp("anki-browser")
    banks = copy_banks(work / "banks", EVERY_TYPE, AWKWARD, MARKUP)
    result = CliRunner().invoke(
        cli,
        ["anki", str(banks), "--seeds", str(SEEDS), "--type-in", "-o", str(work / "d.apkg")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    with imported(work / "d.apkg", work / "student") as c:
        yield c


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with browser() as b:
        yield b


def card(col: Collection, qid: str, ord_: int = 0) -> Any:
    return next(c for c in notes_by_id(col)[qid].cards() if c.ord == ord_)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_tapped_choice_is_marked_right_or_wrong_on_the_back(
    col: Collection, chromium: Any, size: dict[str, int]
) -> None:
    r = Reviewer(chromium, size)
    mcq = card(col, "sample-mcq")
    right = mcq.note()["Correct"]
    wrong = next(x for x in "ABCD" if x != right)
    r.front(mcq)
    r.page.click(f'li[data-letter="{wrong}"]')
    assert r.page.get_attribute(f'li[data-letter="{wrong}"]', "class").endswith("qz-picked")
    r.back()
    assert "qz-picked-wrong" in r.page.get_attribute(f'li[data-letter="{wrong}"]', "class")
    assert r.page.inner_text(".qz-verdict") == f"\u2717 You chose {wrong}; the answer is {right}."
    assert r.top_in_view(".qz-verdict")

    r.front(mcq)
    r.page.click(f'li[data-letter="{right}"]')
    r.back()
    assert "qz-picked-right" in r.page.get_attribute(f'li[data-letter="{right}"]', "class")
    assert r.page.inner_text(".qz-verdict") == f"\u2713 Right: you chose {right}."


def test_keys_pick_choices_and_select_all_takes_several(col: Collection, chromium: Any) -> None:
    r = Reviewer(chromium, DESKTOP)
    multi = card(col, "sample-multi")
    right = multi.note()["Correct"].split()
    r.front(multi)
    for letter in right:
        r.page.keyboard.press(str("ABCDEFGH".index(letter) + 1))
    r.back()
    assert r.page.inner_text(".qz-verdict") == f"\u2713 Right: you chose {' '.join(right)}."
    # Without a pick, the back still marks the right choices (and says nothing more).
    r.front(multi)
    r.back()
    assert r.page.inner_text(".qz-verdict") == ""
    assert r.page.inner_text(".qz-answer") == f"Answer: {' '.join(right)}"


def test_a_matching_card_shows_one_row_and_marks_the_pick(col: Collection, chromium: Any) -> None:
    r = Reviewer(chromium, PHONE)
    first = card(col, "sample-match", 0)  # "state socialism": B
    r.front(first)
    rows = r.page.eval_on_selector_all(".qz-pairs tr", "rs => rs.map(r => r.offsetHeight > 0)")
    assert rows == [True, False]
    r.page.click('li[data-letter="A"]')
    r.back()
    assert r.page.inner_text(".qz-verdict") == "\u2717 You chose A; the answer is B."
    assert r.top_in_view(".cloze")


def test_an_order_card_hides_the_order_and_marks_wrong_positions(
    col: Collection, chromium: Any
) -> None:
    r = Reviewer(chromium, PHONE)
    order = card(col, "sample-order")
    r.front(order)
    items = ["the Haymarket anarchists", "the Industrial Workers of the World", "Victor Serge"]
    text = r.page.inner_text("#qa")
    assert [text.index(i) for i in items] != sorted(text.index(i) for i in items)
    assert "Right order" not in text
    for letter in "CAB":  # right: C B A
        r.page.click(f'li[data-letter="{letter}"]')
    assert r.page.inner_text(".qz-picks") == "Your order: C A B"
    r.back()
    assert r.page.inner_text(".qz-verdict") == "\u2717 2 of 3 positions wrong."
    assert r.page.eval_on_selector_all(".qz-picks span", "s => s.map(e => e.className)") == [
        "qz-pos-right",
        "qz-pos-wrong",
        "qz-pos-wrong",
    ]
    assert r.top_in_view(".qz-right-order")


@pytest.mark.parametrize("typed", ["in 1891", "  IN   1891 ", "1891"])
def test_type_in_accepts_every_accepted_answer(col: Collection, chromium: Any, typed: str) -> None:
    r = Reviewer(chromium, PHONE)
    short = card(col, "sample-short")
    r.front(short)
    r.type(typed)
    r.back()
    assert r.page.inner_text(".qz-verdict").startswith("\u2713 Right")
    r.front(short)
    r.type("1890")
    r.back()
    assert r.page.inner_text(".qz-verdict").startswith("\u2717")


@pytest.mark.slow
def test_the_answer_is_in_view_after_ankis_scroll_to_it(tmp_path: Path, chromium: Any) -> None:
    """Every card of the bundled deck, on a phone: after the scroll to #answer, the
    answer's top is on screen (not scrolled away above, nor below the fold)."""
    shutil.copytree(ROOT / "questions", tmp_path / "questions")
    out = tmp_path / "serge.apkg"
    result = CliRunner().invoke(
        cli,
        ["anki", str(tmp_path / "questions"), "--seeds", str(SEEDS), "-o", str(out)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    answer_of = {
        "quizgen multiple choice": ".qz-key",
        "quizgen Q&A": ".qz-answer",
        "quizgen cloze": ".cloze",
    }
    hidden = []
    with imported(out, tmp_path / "student") as bundled:
        r = Reviewer(chromium, PHONE)
        for note in notes_by_id(bundled).values():
            selector = answer_of[note.note_type()["name"]]
            for c in note.cards():
                r.card = c
                r.back()
                if not r.top_in_view(selector):
                    hidden.append((note["Question ID"], c.ord))
    assert hidden == []


SIDES = {  # card type: (question id, card ord, what to do on the front)
    "mcq": ("sample-mcq", 0, 'li[data-letter="A"]'),
    "multi": ("sample-multi", 0, 'li[data-letter="B"]'),
    "truefalse": ("sample-truefalse", 0, None),
    "typein": ("sample-short", 0, "in 1891"),
    "cloze": ("awkward-cloze", 1, None),
    "match": ("sample-match", 1, 'li[data-letter="A"]'),
    "order": ("sample-order", 0, "ABC"),
    "essay": ("sample-essay", 0, None),
    "markup": ("markup-mcq", 0, None),
}


@pytest.mark.parametrize("night", [False, True], ids=["day", "night"])
def test_screenshots_of_every_card_type(
    col: Collection, chromium: Any, night: bool, tmp_path: Path
) -> None:
    folder = Path(os.environ.get("QUIZGEN_ANKI_SCREENSHOTS", "") or tmp_path)
    mode = "night" if night else "day"
    for width, size in (("phone", PHONE), ("desktop", DESKTOP)):
        r = Reviewer(chromium, size, night=night)
        for kind, (qid, ord_, act) in SIDES.items():
            c = card(col, qid, ord_)
            r.front(c)
            if act and kind == "typein":
                r.type(act)
            elif act and kind == "order":
                for letter in act:
                    r.page.click(f'li[data-letter="{letter}"]')
            elif act:
                r.page.click(act)
            r.shot(folder / f"{kind}-{width}-{mode}-front.png")
            r.back()
            r.shot(folder / f"{kind}-{width}-{mode}-back.png")
            background = r.page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert (background == "rgb(30, 31, 34)") == night, (kind, background)
