"""A learner's progress on the study page: kept over a reload, moved to a fresh
browser profile through a file, and kept (marked "changed") over a rebuild of the
page from changed banks. All in the real browser."""

from __future__ import annotations

import json
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

pytestmark = pytest.mark.browser

QUESTIONS = {q.id: q for q in catalog(EVERY_TYPE).questions}
PROJECT = "greene-lynd"  # from the bundled essays' ids


@pytest.fixture(scope="module")
def browser() -> Any:
    require_browser()
    with chromium() as b:
        yield b


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    return build_page(tmp_path / "study.html", EVERY_TYPE)


def practise(page: Any, question_id: str, right: bool = True) -> None:
    q = QUESTIONS[question_id]
    page.click("button[data-view=practise]")
    page.select_option("#practise-form select[name=type]", q.kind)
    page.click("#practise-form button[type=submit]")
    card = page.locator("#practise-session article.card")
    answer(page, card, q, right)
    card.locator(".feedback").wait_for()
    page.get_by_role("button", name="Stop").click()


def stored(page: Any) -> dict[str, Any]:
    entries: dict[str, Any] = page.evaluate("QZ.app.store.all()")
    return entries


def seen_stat(page: Any) -> str:
    page.click("button[data-view=progress]")
    return str(page.locator(".stats div", has_text="Seen").locator("dd").inner_text())


def test_progress_is_kept_over_a_reload(browser: Any, page_file: Path) -> None:
    context = browser.new_context()
    page = open_page(context, page_file)
    practise(page, "sample-mcq", right=True)
    practise(page, "sample-short", right=False)
    assert seen_stat(page) == "2 of 8"
    keys = page.evaluate("Object.keys(localStorage).sort()")
    assert keys == [f"quizgen:{PROJECT}:q:sample-mcq", f"quizgen:{PROJECT}:q:sample-short"]

    page.reload()
    page.wait_for_selector("html[data-ready='true']")
    assert seen_stat(page) == "2 of 8"
    entries = stored(page)
    assert (entries["sample-mcq"]["right"], entries["sample-mcq"]["wrong"]) == (1, 0)
    assert (entries["sample-short"]["right"], entries["sample-short"]["wrong"]) == (0, 1)
    bank_row = page.locator("table tbody tr").first.locator("td").all_inner_texts()
    assert bank_row == ["2 / 8", "2", "50%"]
    assert page.errors == []
    context.close()


def review(page: Any, question_id: str, rating: str) -> None:
    card = page.locator("#review-session article.card")
    assert card.get_attribute("data-question") == question_id
    answer(page, card, QUESTIONS[question_id], right=True)
    card.locator(".ratings").get_by_role("button", name=rating).click()


def test_progress_moves_to_a_fresh_profile_through_a_file(
    browser: Any, page_file: Path, tmp_path: Path
) -> None:
    first = browser.new_context(accept_downloads=True)
    page = open_page(first, page_file)
    page.click("button[data-view=review]")
    assert page.locator("#review-summary").inner_text() == (
        "0 questions due, 8 not yet reviewed (this session adds 8)."
    )
    page.click("#review-go")
    review(page, "sample-mcq", "Easy")
    review(page, "sample-multi", "Again")
    page.get_by_role("button", name="Stop").click()
    before = stored(page)
    assert before["sample-mcq"]["card"]["state"] == 2  # in review, due in days
    assert before["sample-multi"]["card"]["state"] == 1  # learning, due in a minute

    page.click("button[data-view=progress]")
    with page.expect_download() as download:
        page.get_by_role("button", name="Save progress to a file").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"quizgen-progress-{PROJECT}.json"
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert exported["entries"] == before
    first.close()

    second = browser.new_context()  # a fresh profile: nothing stored
    other = open_page(second, page_file)
    assert stored(other) == {}
    other.click("button[data-view=progress]")
    other.set_input_files("#import-progress", str(saved))
    status = other.locator("#transfer-status")
    status.filter(has_text="Loaded").wait_for()
    assert status.inner_text() == "Loaded progress for 2 questions."
    assert stored(other) == before
    assert seen_stat(other) == "2 of 8"
    other.click("button[data-view=review]")
    assert (
        other.locator("#review-summary")
        .inner_text()
        .endswith("6 not yet reviewed (this session adds 6).")
    )
    assert other.errors == []
    second.close()


def test_a_file_of_another_project_is_refused(
    browser: Any, page_file: Path, tmp_path: Path
) -> None:
    foreign = tmp_path / "other.json"
    foreign.write_text(
        json.dumps({"format": "quizgen-progress", "project": "physics", "entries": {}}),
        encoding="utf-8",
    )
    context = browser.new_context()
    page = open_page(context, page_file)
    page.click("button[data-view=progress]")
    page.set_input_files("#import-progress", str(foreign))
    status = page.locator("#transfer-status")
    status.filter(has_text="Could not").wait_for()
    assert status.inner_text() == (
        "Could not load that file: this progress file belongs to another page (physics)"
    )
    context.close()


def test_progress_survives_a_rebuild_from_changed_banks(browser: Any, tmp_path: Path) -> None:
    bank = tmp_path / "banks" / "every-type.yaml"
    bank.parent.mkdir()
    text = EVERY_TYPE.read_text(encoding="utf-8")
    bank.write_text(text, encoding="utf-8")
    page_file = build_page(tmp_path / "out" / "study.html", bank)
    context = browser.new_context()
    page = open_page(context, page_file)
    for question_id in ("sample-mcq", "sample-short", "sample-essay"):
        practise(page, question_id)
    before = stored(page)

    # The teacher rewords one question and drops another; the page is rebuilt.
    changed = text.replace(
        "prompt: According to Greene, in what year was Victor Serge born?",
        "prompt: In what year, according to Greene, was Victor Serge born?",
    )
    changed = changed[: changed.index("  - id: sample-essay")]
    assert changed != text
    bank.write_text(changed, encoding="utf-8")
    build_page(page_file, bank)
    page.reload()
    page.wait_for_selector("html[data-ready='true']")

    after = stored(page)
    assert set(after) == set(before)  # nothing lost, not even the dropped question's
    assert after["sample-mcq"] == before["sample-mcq"]
    assert after["sample-short"] == {**before["sample-short"], "changed": True}
    assert seen_stat(page) == "2 of 7"
    assert page.locator("#changed-list li").all_inner_texts() == [
        "In what year, according to Greene, was Victor Serge born?"
    ]
    page.click("button[data-view=practise]")
    page.select_option("#practise-form select[name=type]", "short")
    page.click("#practise-form button[type=submit]")
    assert page.locator("#practise-session .badge").inner_text() == "changed since you last saw it"
    context.close()


def test_the_page_asks_the_network_for_nothing(browser: Any, page_file: Path) -> None:
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = open_page(context, page_file)
    practise(page, "sample-match")
    page.click("button[data-view=read]")
    page.click("button[data-view=progress]")
    assert requests == [page_file.as_uri()]
    context.close()
