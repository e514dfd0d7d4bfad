"""What the study page tells a learner about an answer, in Chromium, on a fresh user's
Markdown project (tests/fixtures/study-project) and the plain every-type bank: rich
choices and answers shown as their content, Test mode silent until its end and then
reviewing every question, an essay's partial credit, and Markdown and TeX rendered
in the model answer, the score page and the progress view.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from study_helpers import EVERY_TYPE, answer, chromium, open_page, require_browser

from quizgen.export.study.data import study_data
from quizgen.export.study.page import render_page
from quizgen.load import load_catalog
from quizgen.model import Catalog, Essay, Question

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parent / "fixtures" / "study-project"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Anything that shows a right or wrong answer.
MARKS = ".is-right, .is-wrong, .is-missed, .tag, .feedback, .ratings"


def project_catalog() -> Catalog:
    return load_catalog([PROJECT / "questions"], PROJECT / "seeds").catalog


def write_page(out: Path, c: Catalog) -> Path:
    out.write_text(render_page(study_data(c, c.questions, project="biology")), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def browser() -> Any:
    require_browser()
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def markdown_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(tmp_path_factory.mktemp("marking") / "biology.html", project_catalog())


@pytest.fixture(scope="module")
def plain_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    c = load_catalog([EVERY_TYPE], SEEDS).catalog
    return write_page(tmp_path_factory.mktemp("marking") / "plain.html", c)


def practise(page: Any, kind: str) -> Any:
    page.click("button[data-view=practise]")
    if page.get_by_role("button", name="Stop").is_visible():
        page.get_by_role("button", name="Stop").click()
    page.select_option("#practise-form select[name=type]", kind)
    page.click("#practise-form button[type=submit]")
    return page.locator("#practise-session article.card")


def mark_essay(card: Any, ticked: int) -> None:
    """Write an answer, show the model answer, tick the first ``ticked`` criteria."""
    card.locator("textarea").fill("The heater warms the air.")
    card.get_by_role("button", name="Show the model answer").click()
    for box in card.locator(".rubric input").all()[:ticked]:
        box.check()
    card.get_by_role("button", name="Mark my answer").click()


def test_rich_choices_show_their_text_as_the_answer(browser: Any, markdown_page: Path) -> None:
    page = open_page(browser.new_context(), markdown_page)
    for kind, expected in (("mcq", "The answer: Chloroplasts"), ("multi", "Carbon dioxide")):
        card = practise(page, kind)
        card.locator("button[type=submit]").click()  # nothing chosen: wrong
        shown = card.locator(".feedback .expected").inner_text()
        assert expected in shown
        assert "object" not in shown
    # Review shows the same feedback before the ratings.
    page.click("button[data-view=review]")
    page.click("#review-go")
    seen = set()
    while page.locator("#review-session article.card").count():
        card = page.locator("#review-session article.card")
        kind = card.get_attribute("data-type")
        if kind == "essay":
            mark_essay(card, 0)
        else:
            card.locator("button[type=submit]").click()
        assert "[object Object]" not in card.inner_text()
        seen.add(kind)
        card.get_by_role("button", name="Again").click()
    assert seen == {"mcq", "multi", "truefalse", "short", "cloze", "match", "order", "essay"}
    assert page.errors == []


@pytest.mark.parametrize("bank", ["markdown", "plain"])
def test_a_test_marks_nothing_until_its_end_then_reviews_every_question(
    browser: Any, markdown_page: Path, plain_page: Path, bank: str
) -> None:
    c = project_catalog() if bank == "markdown" else load_catalog([EVERY_TYPE], SEEDS).catalog
    questions = {q.id: q for q in c.questions}
    page = open_page(browser.new_context(), markdown_page if bank == "markdown" else plain_page)
    page.click("button[data-view=test]")
    page.fill("#test-form input[name=count]", str(len(questions)))
    page.click("#test-form button[type=submit]")
    asked: list[tuple[Question, bool]] = []
    for n in range(len(questions)):
        card = page.locator("#test-session article.card")
        q = questions[card.get_attribute("data-question")]
        right = n % 2 == 0
        if isinstance(q, Essay):
            mark_essay(card, len(q.rubric) if right else 0)
        else:
            answer(page, card, q, right)
        assert card.locator(MARKS).count() == 0, q.kind
        assert card.locator(".recorded").inner_text() == (
            "Answer recorded. You see how you did at the end."
        )
        asked.append((q, right))
        page.locator("#test-session button.next").click()

    summary = page.locator("#test-session .summary")
    right = sum(r for _, r in asked)
    score = f"Your score: {right} of {len(asked)} ({round(100 * right / len(asked))}%)"
    assert summary.locator("h3").first.inner_text() == score
    reviewed = summary.locator("li.reviewed").all()
    assert [li.get_attribute("data-question") for li in reviewed] == [q.id for q, _ in asked]
    for li, (q, right) in zip(reviewed, asked, strict=True):
        verdict = li.locator(".feedback h4").inner_text()
        assert verdict == ("✓ Right" if right else "✗ Not quite"), q.id
        assert li.locator(".feedback figure.source").count() == len(q.sources)
        if q.kind in ("mcq", "multi", "truefalse", "short", "cloze", "match", "order"):
            assert li.locator(".is-right, .is-wrong").count() > 0, q.id  # the answer, marked
    assert page.errors == []


def test_an_essay_with_half_its_points_is_partly_right(browser: Any, markdown_page: Path) -> None:
    context = browser.new_context()
    page = open_page(context, markdown_page)
    card = practise(page, "essay")
    mark_essay(card, 1)  # 2 of the rubric's 4 points
    feedback = card.locator(".feedback")
    assert "is-partly" in (feedback.get_attribute("class") or "")
    assert feedback.locator("h3").inner_text() == "◐ Partly right: 2 of 4 points"
    assert "You covered 1 of 2 rubric items." in feedback.inner_text()
    assert stored(page, "ps-greenhouse") == {"seen": 1, "right": 0.5, "wrong": 0.5}

    # In a test it counts half.
    page.click("button[data-view=test]")
    page.fill("#test-form input[name=count]", "8")
    page.click("#test-form button[type=submit]")
    for _ in range(8):
        card = page.locator("#test-session article.card")
        if card.get_attribute("data-type") == "essay":
            mark_essay(card, 1)
        else:
            card.locator("button[type=submit]").click()  # nothing given: wrong
        page.locator("#test-session button.next").click()
    summary = page.locator("#test-session .summary")
    assert summary.locator("h3").first.inner_text() == "Your score: 0.5 of 8 (6%)"
    verdict = summary.locator("li[data-question=ps-greenhouse] .feedback h4").inner_text()
    assert verdict == "◐ Partly right: 2 of 4 points"

    # In review, half marks suggest Hard, not Good; full marks Good, none Again.
    for ticked, suggested in ((1, "Hard"), (2, "Good"), (0, "Again")):
        page.evaluate("localStorage.clear()")
        page.reload()
        page.wait_for_selector("html[data-ready='true']")
        page.click("button[data-view=review]")
        page.click("#review-go")
        card = page.locator("#review-session article.card")
        while card.get_attribute("data-type") != "essay":
            card.locator("button[type=submit]").click()
            card.get_by_role("button", name="Again").click()
        mark_essay(card, ticked)
        primary = card.locator(".ratings button.primary")
        assert primary.count() == 1
        assert primary.inner_text().split("\n")[0] == suggested
    assert page.errors == []
    context.close()


def stored(page: Any, question_id: str) -> dict[str, Any]:
    entry: dict[str, Any] = json.loads(
        page.evaluate(f"localStorage.getItem('quizgen:biology:q:{question_id}')")
    )
    return {k: entry[k] for k in ("seen", "right", "wrong")}


def test_markdown_and_tex_render_in_the_model_answer_score_page_and_progress(
    browser: Any, markdown_page: Path
) -> None:
    context = browser.new_context()
    page = open_page(context, markdown_page)
    card = practise(page, "essay")
    mark_essay(card, 2)
    for model in (card.locator(".model"), card.locator(".feedback .expected")):
        assert model.locator(".rich strong").inner_text() == "two"
        assert "**" not in model.inner_text()

    page.click("button[data-view=test]")
    page.fill("#test-form input[name=count]", "8")
    page.click("#test-form button[type=submit]")
    for _ in range(8):
        card = page.locator("#test-session article.card")
        if card.get_attribute("data-type") == "essay":
            mark_essay(card, 2)
        else:
            card.locator("button[type=submit]").click()
        page.locator("#test-session button.next").click()
    essay = page.locator("#test-session li[data-question=ps-greenhouse]")
    rendered(essay)
    assert essay.locator(".model .rich strong").inner_text() == "two"

    # A question changed since it was answered is listed in Progress by its stem.
    page.evaluate(
        """localStorage.setItem('quizgen:biology:q:ps-greenhouse',
           JSON.stringify({seen: 1, right: 1, wrong: 0, hash: 'older'}))"""
    )
    page.reload()
    page.wait_for_selector("html[data-ready='true']")
    page.click("button[data-view=progress]")
    rendered(page.locator("#changed-list li[data-question=ps-greenhouse]"))
    assert page.errors == []
    context.close()


def rendered(where: Any) -> None:
    """The essay's prompt as Markdown and TeX render it, not as typed."""
    assert where.locator("em", has_text="limiting factor").count() == 1
    assert where.locator("math").count() == 2
    text = where.inner_text()
    assert "*limiting" not in text
    assert "$" not in text
    assert "\\propto" not in text


def test_an_unweighted_rubric_counts_criteria(browser: Any, plain_page: Path) -> None:
    page = open_page(browser.new_context(), plain_page)
    card = practise(page, "essay")
    mark_essay(card, 1)  # 1 of 2 criteria, each an equal share
    assert card.locator(".feedback h3").inner_text() == "◐ Partly right: 1 of 2 rubric items"
    page.get_by_role("button", name="Finish").click()
    summary = page.locator("#practise-session .summary h3").inner_text()
    assert summary == "Done: 0 of 1 answer right, 1 partly right"
    assert page.errors == []
