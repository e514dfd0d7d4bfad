"""Printing worksheet HTML to PDF with headless Chromium: one browser for a whole run.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``):
JSON messages ended by a NUL byte, written to the browser's fd 3 and read from its
fd 4. That needs no Python package and opens no network port. Starting the browser
costs about a second; printing a page about a tenth of that, so every file of a run
goes through the same browser and the same tab.

Page size, margins and the footer ("page n of m", version letter) come from the
page's own CSS (``@page`` and its margin boxes), so the PDF matches what a teacher
gets when printing the HTML from Chromium or Chrome.
"""

from __future__ import annotations

import base64
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import EngineMissingError, OutputError
from .output import write_atomic

ENV_VARIABLE = "QUIZGEN_CHROMIUM"
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_MAC_APPS = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
)
# Chromium draws CSS page-margin boxes (the footer) from version 131 on.
MIN_VERSION = 131
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--remote-debugging-pipe",
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
    raise EngineMissingError(f"--pdf needs Chromium or Google Chrome, which was not found: "
                             f"{INSTALL_HINT}")


class ChromiumPrinter:
    """A headless browser that prints HTML files to PDF until it is closed.

    Use as a context manager: ``with ChromiumPrinter(find_chromium()) as p: p.print_pdf(...)``.
    """

    def __init__(self, executable: str, timeout: float = 60.0) -> None:
        self.executable = executable
        self.timeout = timeout
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> ChromiumPrinter:
        self._start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _start(self) -> None:
        if sys.platform == "win32":
            raise EngineMissingError("--pdf drives Chromium through a pipe, which needs "
                                     "Linux or macOS; print the HTML from the browser instead")
        self._profile = tempfile.mkdtemp(prefix="quizgen-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_pipes() -> None:  # in the child, before exec: its fds 3 and 4
            # Move both ends above 4 first, so placing one cannot overwrite the other.
            reader, writer = _above(to_browser_r, 5), _above(from_browser_w, 5)
            os.dup2(reader, 3)
            os.dup2(writer, 4)

        self._log = open(Path(self._profile) / "quizgen-stderr.log", "wb")  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                [self.executable, *_FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._log,
                pass_fds=(3, 4),
                preexec_fn=wire_pipes,  # quizgen does not start threads
            )
        except OSError as e:
            self._cleanup()
            raise EngineMissingError(f"cannot start {self.executable}: {e.strerror or e}; "
                                     f"{INSTALL_HINT}") from e
        finally:
            os.close(to_browser_r)
            os.close(from_browser_w)
        try:
            self._check_version()
            target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
            self._session = self._call(
                "Target.attachToTarget", {"targetId": target, "flatten": True}
            )["sessionId"]
            self._call("Page.enable", session=self._session)
        except BaseException:
            self.close()
            raise

    def _check_version(self) -> None:
        product = str(self._call("Browser.getVersion").get("product", ""))
        match = re.search(r"/(\d+)\.", product)
        if match and int(match.group(1)) < MIN_VERSION:
            raise EngineMissingError(
                f"--pdf needs Chromium {MIN_VERSION} or newer for page numbers; "
                f"{self.executable} is {product}: {INSTALL_HINT}"
            )

    def print_pdf(self, html: Path, pdf: Path) -> None:
        """Load ``html`` in the browser and write what it prints to ``pdf``."""
        self._events.clear()
        loaded = self._call("Page.navigate", {"url": html.resolve().as_uri()}, self._session)
        if loaded.get("errorText"):
            raise OutputError(f"Chromium could not open {html}: {loaded['errorText']}")
        self._wait_for("Page.loadEventFired", self._session)
        printed = self._call(
            "Page.printToPDF",
            {"preferCSSPageSize": True, "printBackground": True, "generateTaggedPDF": True},
            self._session,
        )
        write_atomic(pdf, base64.b64decode(printed["data"]))

    def close(self) -> None:
        process = getattr(self, "_process", None)
        if process is not None and process.poll() is None:
            try:
                self._send("Browser.close")
                process.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
        self._cleanup()

    def _cleanup(self) -> None:
        for name in ("_to_browser", "_from_browser"):
            fd = getattr(self, name, None)
            if fd is not None:
                os.close(fd)
                setattr(self, name, None)
        log = getattr(self, "_log", None)
        if log is not None:
            log.close()
        shutil.rmtree(getattr(self, "_profile", ""), ignore_errors=True)

    # The protocol: numbered commands, answered by id; events arrive in between.

    def _send(self, method: str, params: dict[str, Any] | None = None,
              session: str | None = None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        assert self._to_browser is not None
        while data:
            data = data[os.write(self._to_browser, data):]
        return self._next_id

    def _call(self, method: str, params: dict[str, Any] | None = None,
              session: str | None = None) -> dict[str, Any]:
        try:
            wanted = self._send(method, params, session)
        except OSError as e:
            raise self._died(f"while sending {method}") from e
        while True:
            message = self._receive(method)
            if message.get("id") == wanted:
                if "error" in message:
                    raise OutputError(f"Chromium refused {method}: "
                                      f"{message['error'].get('message', message['error'])}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self._events.append(message)

    def _wait_for(self, event: str, session: str) -> None:
        while True:
            for message in self._events:
                if message.get("method") == event and message.get("sessionId") == session:
                    return
            self._events.append(self._receive(event))

    def _receive(self, waiting_for: str) -> dict[str, Any]:
        assert self._from_browser is not None
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_browser], [], [], self.timeout)
            if not ready:
                raise OutputError(f"Chromium did not answer {waiting_for} "
                                  f"within {self.timeout:.0f} seconds")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise self._died(f"while waiting for {waiting_for}")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def _died(self, when: str) -> OutputError:
        self._log.flush()
        lines = (Path(self._profile) / "quizgen-stderr.log").read_text(errors="replace")
        last = next((ln for ln in reversed(lines.splitlines()) if ln.strip()), "no message")
        return OutputError(f"Chromium ({self.executable}) stopped {when}: {last.strip()}")


def _above(fd: int, low: int) -> int:
    """``fd`` itself when it is at least ``low``, else a copy that is."""
    import fcntl

    return fd if fd >= low else fcntl.fcntl(fd, fcntl.F_DUPFD, low)
