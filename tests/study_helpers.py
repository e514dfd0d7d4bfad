"""The study page in a real browser: Playwright driving the system Chromium.

Pages are built straight from a catalog (no CLI), opened from a file, and driven as
a learner would. Where Chromium or Playwright is missing the tests skip, except
under CI, where a missing tool is a failure.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import in_ci

from quizgen.export.study.data import study_data
from quizgen.export.study.page import render_page
from quizgen.load import load_catalog
from quizgen.model import (
    Catalog,
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

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BUNDLED_BANKS = ROOT / "questions"
EVERY_TYPE = ROOT / "tests" / "fixtures" / "good" / "every-type.yaml"
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def missing(reason: str) -> None:
    if in_ci():
        pytest.fail(f"CI must run the study page tests, but {reason}")
    pytest.skip(reason)


def require_browser() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("not installed: playwright (pip install -e '.[test]')")
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        missing("not installed: chromium (apt-get install chromium)")


def catalog(*paths: Path) -> Catalog:
    return load_catalog(list(paths), SEEDS).catalog


def build_page(out: Path, *paths: Path, **options: Any) -> Path:
    c = catalog(*paths)
    data = study_data(c, c.questions, **options)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_page(data), encoding="utf-8")
    return out


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = CHROMIUM if CHROMIUM.exists() else Path(shutil.which("chromium") or "")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(executable), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(context: Any, page_file: Path) -> Any:
    """A new tab on the page, ready; any script error fails the test."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.errors = errors
    page.goto(page_file.as_uri())
    page.wait_for_selector("html[data-ready='true']")
    return page


def answer(page: Any, card: Any, q: Question, right: bool) -> None:
    """Answer ``q`` in the page, rightly or not, then submit."""
    match q:
        case MultipleChoice():
            choice = q.answer if right else next(c for c in q.choices if c != q.answer)
            card.get_by_label(choice, exact=True).check()
        case MultipleAnswer():
            for choice in q.answers if right else q.answers[:1]:
                card.get_by_label(choice, exact=True).check()
        case TrueFalse():
            card.get_by_label(str(q.answer == right), exact=True).check()
        case ShortAnswer():
            # Case, spacing and punctuation do not count.
            card.locator("input.typed").fill(f"  {q.answer.upper()}!! " if right else "1890")
        case Cloze():
            for blank, deletion in zip(card.locator("input.blank").all(), q.deletions, strict=True):
                blank.fill(f"{deletion.answer.lower()}." if right else "English")
        case Matching():
            rights = [p.right for p in q.pairs]
            for i, pair in enumerate(q.pairs):
                chosen = pair.right if right else rights[(i + 1) % len(rights)]
                card.get_by_label(pair.left, exact=True).select_option(label=chosen)
        case Ordering():
            if right:
                put_in_order(page, card, q.items)
        case Essay():
            card.locator("textarea").fill("Serge joined the two traditions in his life.")
            card.get_by_role("button", name="Show the model answer").click()
            if right:
                for item in q.rubric:
                    card.get_by_label(item.criterion, exact=True).check()
            card.get_by_role("button", name="Mark my answer").click()
            return
    card.locator("button[type=submit]").click()


def put_in_order(page: Any, card: Any, items: tuple[str, ...]) -> None:
    """Reorder with the keyboard only: focus an item's "up" button, press Enter."""
    for target, item in enumerate(items):
        while True:
            texts = card.locator(".order-text").all_text_contents()
            if texts.index(item) == target:
                break
            card.get_by_role("button", name=f"Move up: {item}", exact=True).focus()
            page.keyboard.press("Enter")
    assert card.locator(".order-text").all_text_contents() == list(items)
