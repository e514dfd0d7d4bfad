"""Printing worksheet HTML to PDF with headless Chromium: one browser for a whole run.

Playwright drives the machine's own Chromium or Chrome (``executable_path``; it never
downloads a browser of its own). Starting the browser costs about a second, printing
a page about a tenth of that, so every file of a run goes through the same browser,
in a few tabs at once.

Page size, margins and the footer ("page n of m", version letter) come from the
page's own CSS (``@page`` and its margin boxes), so the PDF matches what a teacher
gets when printing the HTML from Chromium or Chrome.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from ...errors import EngineMissingError, OutputError
from ..output import write_atomic

ENV_VARIABLE = "QUIZGEN_CHROMIUM"
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_MAC_APPS = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)
# Chromium draws CSS page-margin boxes (the footer) from version 131 on.
MIN_VERSION = 131
_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
INSTALL_HINT = (
    "install it (Debian/Ubuntu: sudo apt-get install chromium; "
    "macOS: brew install --cask chromium) or set QUIZGEN_CHROMIUM to the browser's path"
)


def find_chromium() -> str:
    """The Chromium (or Chrome) to print with, or a one-line error saying how to get one."""
    given = os.environ.get(ENV_VARIABLE)
    if given:
        found = shutil.which(given)
        if found is None:
            raise EngineMissingError(f"{ENV_VARIABLE}={given} is not a program that can be run")
        return found
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    for app in _MAC_APPS:
        if os.access(app, os.X_OK):
            return app
    raise EngineMissingError(
        f"--pdf needs Chromium or Google Chrome, which was not found: {INSTALL_HINT}"
    )


class ChromiumPrinter:
    """A headless browser that prints HTML files to PDF until it is closed.

    Use as a context manager: ``with ChromiumPrinter(find_chromium()) as p: p.print_all(jobs)``.
    """

    def __init__(self, executable: str, *, tabs: int | None = None, timeout: float = 60.0) -> None:
        self.executable = executable
        self.timeout = timeout
        # Pages print in parallel, one tab per core (each tab has its own renderer).
        self.tab_count = tabs or max(1, min(4, os.cpu_count() or 1))
        # A fresh, throwaway profile: no state from the teacher's own browser or an
        # earlier run; removed on close.
        self.profile = Path(tempfile.mkdtemp(prefix="quizgen-chromium-"))
        self._loop = asyncio.new_event_loop()
        self._playwright: Any = None
        self._context: Any = None

    def __enter__(self) -> ChromiumPrinter:
        try:
            self._loop.run_until_complete(self._start())
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def _start(self) -> None:
        from playwright.async_api import Error, async_playwright

        self._playwright = await async_playwright().start()
        try:
            self._context = await self._playwright.chromium.launch_persistent_context(
                str(self.profile),
                executable_path=self.executable,
                headless=True,
                args=list(_FLAGS),
                timeout=self.timeout * 1000,
            )
        except Error as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise EngineMissingError(
                f"--pdf could not start {self.executable}: {first}; {INSTALL_HINT}"
            ) from e
        page = self._context.pages[0] if self._context.pages else await self._context.new_page()
        agent = str(await page.evaluate("navigator.userAgent"))
        match = re.search(r"Chrome/(\d+)\.", agent)
        if match and int(match.group(1)) < MIN_VERSION:
            raise EngineMissingError(
                f"--pdf needs Chromium {MIN_VERSION} or newer for page numbers; "
                f"{self.executable} is version {match.group(1)}: {INSTALL_HINT}"
            )

    def print_all(self, jobs: Sequence[tuple[Path, Path]]) -> None:
        """Print each ``(html, pdf)`` pair, as many at once as there are tabs."""
        self._loop.run_until_complete(self._print_all(list(jobs)))

    async def _print_all(self, jobs: list[tuple[Path, Path]]) -> None:
        from playwright.async_api import Error

        queue: asyncio.Queue[tuple[Path, Path]] = asyncio.Queue()
        for job in jobs:
            queue.put_nowait(job)

        async def tab() -> None:
            page = None
            while not queue.empty():
                html, pdf = queue.get_nowait()
                try:
                    page = page or await self._context.new_page()
                    await page.goto(
                        html.resolve().as_uri(), wait_until="load", timeout=self.timeout * 1000
                    )
                    data = await page.pdf(
                        prefer_css_page_size=True, print_background=True, tagged=True
                    )
                except Error as e:
                    raise self._failed(html, e) from e
                write_atomic(pdf, data, together=True)

        await asyncio.gather(*(tab() for _ in range(min(self.tab_count, len(jobs)))))

    def _failed(self, html: Path, error: Exception) -> OutputError:
        text = str(error).strip()
        first = text.splitlines()[0] if text else type(error).__name__
        if "closed" in first.lower() or "crash" in first.lower():
            return OutputError(f"Chromium ({self.executable}) stopped while printing {html}")
        return OutputError(f"Chromium could not print {html}: {first}")

    def close(self) -> None:
        """Close the browser (or whatever is left of it) and remove the profile."""
        with contextlib.suppress(Exception):
            if self._context is not None:
                self._loop.run_until_complete(self._context.close())
        with contextlib.suppress(Exception):
            if self._playwright is not None:
                self._loop.run_until_complete(self._playwright.stop())
        self._context = self._playwright = None
        if not self._loop.is_closed():
            self._loop.close()
        shutil.rmtree(self.profile, ignore_errors=True)
