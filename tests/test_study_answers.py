"""The study page answered as a learner would: every question type, right and wrong,
with the feedback, the quoted passage and "read in context" checked in the browser."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from study_helpers import (
    EVERY_TYPE,
    answer,
    build_page,
    catalog,
    chromium,
    open_page,
    require_browser,
)

from quizgen.export.study.data import study_data
from quizgen.export.study.page import render_page
from quizgen.model import (
    Cloze,
    Essay,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    TrueFalse,
)
from quizgen.textmatch import normalise, quote_pieces

pytestmark = pytest.mark.browser

QUESTIONS = {q.kind: q for q in catalog(EVERY_TYPE).questions}


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Any:
    require_browser()
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def every_type_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_page(tmp_path_factory.mktemp("study") / "study.html", EVERY_TYPE)


def start_practise(page: Any, kind: str) -> Any:
    page.select_option("#practise-form select[name=type]", kind)
    page.click("#practise-form button[type=submit]")
    return page.locator("#practise-session article.card")


def page_box(locator: Any) -> dict[str, float]:
    """Where an element lies on the page (not in the window, which scrolls)."""
    box: dict[str, float] = locator.evaluate(
        """el => { const r = el.getBoundingClientRect();
          return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; }"""
    )
    return box


@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
@pytest.mark.parametrize("kind", list(QUESTIONS))
def test_each_type_answered_shows_feedback_and_the_passage(
    browser: Any, every_type_page: Path, kind: str, right: bool
) -> None:
    q = QUESTIONS[kind]
    context = browser.new_context()
    page = open_page(context, every_type_page)
    card = start_practise(page, kind)
    assert card.get_attribute("data-question") == q.id
    before = page_box(card.locator(".answer").first)
    answer(page, card, q, right)
    # No layout jump: the marks take space kept for them; only an essay's model answer
    # and rubric open below it.
    after = page_box(card.locator(".answer").first)
    keys = ("x", "y", "width") if kind == "essay" else ("x", "y", "width", "height")
    assert {k: after[k] for k in keys} == {k: before[k] for k in keys}

    feedback = card.locator(".feedback")
    assert feedback.locator("h3").inner_text() == ("✓ Right" if right else "✗ Not quite")
    assert q.explanation in feedback.inner_text()
    for expected in expected_texts(q):
        assert expected in feedback.locator(".expected").inner_text()
    figures = feedback.locator("figure.source")
    assert figures.count() == len(q.sources)
    essays = catalog(EVERY_TYPE).essays
    for figure, source in zip(figures.all(), q.sources, strict=True):
        essay = essays[source.essay]
        assert figure.locator("blockquote").inner_text() == source.quote
        caption = figure.locator("figcaption").inner_text()
        assert caption == f"{essay.author}, {essay.title}, paragraph {source.paragraph}"
    # The feedback is focused, so a screen reader reads it next.
    assert page.evaluate("document.activeElement.classList.contains('feedback')")

    source = q.sources[-1]
    figures.last.get_by_role("button", name="Read in context").click()
    assert page.locator("#view-read").is_visible()
    paragraph = page.locator(f"#para-{source.essay}-{source.paragraph}")
    assert "highlighted" in (paragraph.get_attribute("class") or "")
    assert paragraph.is_visible()
    marks = [normalise(m) for m in paragraph.locator("mark").all_text_contents()]
    assert marks == quote_pieces(source.quote)
    assert page.evaluate("document.activeElement.id") == f"para-{source.essay}-{source.paragraph}"
    page.get_by_role("button", name="← Back to the question").click()
    assert page.locator("#practise-session .feedback").is_visible()
    assert page.errors == []
    context.close()


def expected_texts(q: Question) -> list[str]:
    match q:
        case MultipleChoice() | ShortAnswer() | Essay():
            return [q.answer]
        case MultipleAnswer():
            return list(q.answers)
        case TrueFalse():
            return ["True" if q.answer else "False"]
        case Cloze():
            return [d.answer for d in q.deletions]
        case Matching():
            return [f"{p.left} → {p.right}" for p in q.pairs]
        case Ordering():
            return [f"{i}. {item}" for i, item in enumerate(q.items, 1)]


def test_the_reader_counts_the_questions_on_each_paragraph_and_practises_them(
    browser: Any, every_type_page: Path
) -> None:
    citing: dict[tuple[str, int], set[str]] = {}
    for q in QUESTIONS.values():
        for s in q.sources:
            assert s.paragraph is not None
            citing.setdefault((s.essay, s.paragraph), set()).add(q.id)
    context = browser.new_context()
    page = open_page(context, every_type_page)
    page.click("button[data-view=read]")
    assert page.locator(".essay-picker button[aria-pressed=true]").inner_text() == "Staughton Lynd"
    shown = {
        int(b.evaluate("b => b.closest('.para').querySelector('p').id.split('-').pop()")): (
            b.inner_text()
        )
        for b in page.locator(".para .cited").all()
    }
    expected = {
        n: f"{len(ids)} question{'s' if len(ids) > 1 else ''}"
        for (essay, n), ids in citing.items()
        if essay == "lynd"
    }
    assert shown == expected
    (essay, n), ids = max(citing.items(), key=lambda item: len(item[1]))
    page.locator(f"#para-{essay}-{n}").locator("xpath=..").locator(".cited").click()
    bar = page.locator("#practise-session .session-bar span").inner_text()
    assert bar == f"Practise: paragraph {n} of Staughton Lynd · {len(ids)} questions"
    first = page.locator("#practise-session article.card").get_attribute("data-question")
    assert first in ids
    context.close()


def test_a_level_filter_appears_when_questions_have_levels(browser: Any, tmp_path: Path) -> None:
    c = catalog(EVERY_TYPE)
    mcq = QUESTIONS["mcq"]
    levelled = [dataclasses.replace(mcq, level=level) for level in ("recall", "analysis")]
    levelled[1] = dataclasses.replace(levelled[1], id="sample-mcq-2")
    page_file = tmp_path / "levels.html"
    page_file.write_text(render_page(study_data(c, [*levelled, QUESTIONS["short"]])))
    context = browser.new_context()
    page = open_page(context, page_file)
    level = page.locator("#practise-form select[name=level]")
    assert level.locator("option").all_inner_texts() == ["All", "analysis", "recall"]
    level.select_option("analysis")
    assert page.locator("#practise-count").inner_text() == "1 question match"
    page.click("#practise-form button[type=submit]")
    card = page.locator("#practise-session article.card")
    assert card.get_attribute("data-question") == "sample-mcq-2"
    page.get_by_role("button", name="Stop").click()
    page.click("button[data-view=progress]")
    assert page.locator("table caption").all_inner_texts() == [
        "Accuracy by bank",
        "Accuracy by level",
    ]
    context.close()

    without = build_page(tmp_path / "plain.html", EVERY_TYPE)
    context = browser.new_context()
    page = open_page(context, without)
    assert page.locator("#practise-form select[name=level]").count() == 0
    context.close()
