"""Cards shown as Anki's reviewer shows them, in the system Chromium driven by Playwright.

The HTML of each side comes from the real ``anki`` package (``card.question()`` and
``card.answer()``, with the note type's stylesheet in front). Like Anki's reviewer, one
page shows both sides: the side's HTML goes into ``#qa`` and its scripts run; the body
has the classes ``card card<N>`` and, in night mode, ``nightMode night_mode``; a type-in
box is Anki's ``<input id=typeans>`` on the front and its comparison on the back; after
the answer is shown the page scrolls ``#answer`` into view.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import pytest
from anki.cards import Card
from conftest import in_ci

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1100, "height": 800}

_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body class="card"><div id="qa"></div><script>
function qzShow(markup, classes) {
  document.body.className = classes;
  var qa = document.getElementById("qa");
  qa.innerHTML = markup;
  Array.prototype.slice.call(qa.querySelectorAll("script")).forEach(function (old) {
    var s = document.createElement("script");
    s.text = old.text;
    old.parentNode.replaceChild(s, old);
  });
  window.scrollTo(0, 0);
}
</script></body></html>"""

_TYPE = re.compile(r"\[\[type:([^\]]+)\]\]")


@contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    from quizgen.errors import EngineMissingError
    from quizgen.export.worksheet.pdf import find_chromium

    try:
        chromium = str(find_chromium())
    except EngineMissingError as e:
        _missing(f"Chromium ({e})")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _missing(what: str) -> NoReturn:
    if in_ci():
        pytest.fail(f"CI must run the Anki browser tests, but {what} is missing")
    pytest.skip(f"not installed: {what}")


class Reviewer:
    """One page, one card at a time, as Anki shows it."""

    def __init__(self, browser: Any, size: dict[str, int], night: bool = False) -> None:
        self.page = browser.new_page(viewport=size)
        self.page.set_default_timeout(5000)
        self.page.set_content(_PAGE)
        self.night = night
        self.card: Card | None = None
        self.typed = ""

    def _classes(self, card: Card) -> str:
        night = " nightMode night_mode" if self.night else ""
        return f"card card{card.ord + 1}{night}"

    def front(self, card: Card) -> None:
        self.card = card
        self.typed = ""
        markup = _TYPE.sub('<center><input type="text" id="typeans"></center>', card.question())
        self.page.evaluate("([m, c]) => qzShow(m, c)", [markup, self._classes(card)])

    def type(self, text: str) -> None:
        self.typed = text
        self.page.fill("#typeans", text)

    def back(self) -> None:
        card = self.card
        assert card is not None
        note = card.note()

        def compare(m: re.Match[str]) -> str:
            expected = html.unescape(re.sub(r"<[^>]*>", "", note[m.group(1)]))
            return str(card.col.compare_answer(expected, self.typed))

        markup = _TYPE.sub(compare, card.answer())
        self.page.evaluate("([m, c]) => qzShow(m, c)", [markup, self._classes(card)])
        # Anki's reviewer, once the answer is shown:
        self.page.evaluate("document.getElementById('answer')?.scrollIntoView()")

    def top_in_view(self, selector: str) -> bool:
        """Whether the element's top edge is inside the viewport."""
        return bool(
            self.page.evaluate(
                """(sel) => { const e = document.querySelector(sel); if (!e) return false;
                const r = e.getBoundingClientRect();
                return r.height > 0 && r.top >= 0 && r.top < window.innerHeight; }""",
                selector,
            )
        )

    def shot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path), full_page=True)
