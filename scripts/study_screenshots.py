"""Screenshots of the study page for a person to look at: phone (360 px) and desktop
(1280 px), light and dark, in the states a learner meets.

    python scripts/study_screenshots.py OUT/    # writes OUT/<state>-<width>-<scheme>.png

Built from the bundled banks; driven with Playwright and the system Chromium.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def build(folder: Path) -> Path:
    from quizgen.export.study.data import study_data
    from quizgen.export.study.page import render_page
    from quizgen.load import load_catalog

    c = load_catalog([ROOT / "questions"], ROOT / "seeds").catalog
    page = folder / "study.html"
    page.write_text(render_page(study_data(c, c.questions)), encoding="utf-8")
    return page


def practise(page: Any, kind: str) -> Any:
    page.click("button[data-view=practise]")
    stop = page.get_by_role("button", name="Stop")
    if stop.is_visible():
        stop.click()
    page.select_option("#practise-form select[name=type]", kind)
    page.click("#practise-form button[type=submit]")
    return page.locator("#practise-session article.card")


def shoot(page: Any, out: Path, tag: str) -> None:
    page.click("button[data-view=practise]")
    page.screenshot(path=out / f"1-home-{tag}.png")
    card = practise(page, "mcq")
    page.screenshot(path=out / f"2-question-{tag}.png")
    card.locator("input[type=radio]").first.check()
    card.locator("button[type=submit]").click()
    page.screenshot(path=out / f"3-feedback-{tag}.png", full_page=True)
    card.locator(".read-context").first.click()
    page.screenshot(path=out / f"4-read-in-context-{tag}.png")
    page.get_by_role("button", name="← Back to the question").click()
    card = practise(page, "order")
    page.screenshot(path=out / f"5-ordering-{tag}.png")
    card = practise(page, "match")
    card.locator("button[type=submit]").click()
    page.screenshot(path=out / f"6-matching-feedback-{tag}.png", full_page=True)
    card = practise(page, "cloze")
    page.screenshot(path=out / f"7-cloze-{tag}.png")
    page.click("button[data-view=review]")
    page.click("#review-go")
    card = page.locator("#review-session article.card")
    card.locator("button[type=submit]").click()
    if card.locator("button[type=submit]").count():
        card.locator("button[type=submit]").click()
    card.locator(".ratings").scroll_into_view_if_needed()
    page.screenshot(path=out / f"8-review-rating-{tag}.png")
    page.click("button[data-view=progress]")
    page.screenshot(path=out / f"9-progress-{tag}.png", full_page=True)
    test(page, out, tag)


def test(page: Any, out: Path, tag: str) -> None:
    """A test of three: an answer recorded, unmarked; then the score and the review."""
    page.click("button[data-view=test]")
    page.fill("#test-form input[name=count]", "3")
    page.click("#test-form button[type=submit]")
    for n in range(3):
        card = page.locator("#test-session article.card")
        if card.get_attribute("data-type") == "essay":
            card.locator("textarea").fill("An answer.")
            card.get_by_role("button", name="Show the model answer").click()
            card.locator(".rubric input").first.check()
        card.locator("button[type=submit]").click()
        if n == 0:
            page.screenshot(path=out / f"10-test-recorded-{tag}.png")
        page.locator("#test-session button.next").click()
    page.screenshot(path=out / f"11-test-score-{tag}.png", full_page=True)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        page_file = build(Path(tmp))
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for scheme in ("light", "dark"):
            for width, height in ((360, 780), (1280, 860)):
                context = browser.new_context(
                    color_scheme=scheme, viewport={"width": width, "height": height}
                )
                page = context.new_page()
                page.goto(page_file.as_uri())
                page.wait_for_selector("html[data-ready='true']")
                shoot(page, out, f"{width}-{scheme}")
                context.close()
        browser.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots"))
