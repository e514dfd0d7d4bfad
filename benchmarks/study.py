"""The study page's two figures: its size for the bundled banks, and how long after
navigation it is interactive in headless Chromium (the page's "quizgen-ready"
performance mark, set once its data is read and every control is wired)."""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium() -> str | None:
    found = Path("/usr/bin/chromium")
    return str(found) if found.exists() else shutil.which("chromium")


def time_to_interactive(page_file: Path, runs: int) -> float | None:
    """Median seconds from navigation start to the ready mark, each run a fresh
    browser profile (nothing cached); None without Playwright or Chromium."""
    executable = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if executable is None:
        return None
    times: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=ARGS)
        for _ in range(runs):
            context = browser.new_context()
            page = context.new_page()
            page.goto(page_file.as_uri())
            page.wait_for_selector("html[data-ready='true']")
            ready = page.evaluate("performance.getEntriesByName('quizgen-ready')[0].startTime")
            times.append(float(ready) / 1000)
            context.close()
        browser.close()
    return statistics.median(times)
