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
import contextlib
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
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
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--remote-debugging-pipe",
)
_PRINT = {"preferCSSPageSize": True, "printBackground": True, "generateTaggedPDF": True}
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
        self._tabs: dict[str, _Tab] = {}
        self._buffer = b""
        self._next_id = 0

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
            raise EngineMissingError(
                "--pdf drives Chromium through a pipe, which needs "
                "Linux or macOS; print the HTML from the browser instead"
            )
        # A fresh, throwaway profile: no state from the teacher's own browser or an
        # earlier run; removed on close.
        self.profile = Path(tempfile.mkdtemp(prefix="quizgen-chromium-"))
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_pipes() -> None:  # in the child, before exec: its fds 3 and 4
            # Move both ends above 4 first, so placing one cannot overwrite the other.
            reader, writer = _above(to_browser_r, 5), _above(from_browser_w, 5)
            os.dup2(reader, 3)
            os.dup2(writer, 4)

        # Chromium's stderr goes to a file, not the teacher's terminal: it logs a lot.
        self._log = open(self.profile / "chromium-stderr.log", "wb")  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                [self.executable, *_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._log,
                pass_fds=(3, 4),
                preexec_fn=wire_pipes,  # quizgen does not start threads
                # Its own process group: Ctrl-C reaches quizgen, which closes the
                # browser, and a browser that hangs is killed with all its helpers.
                start_new_session=True,
            )
        except OSError as e:
            self._cleanup()
            raise EngineMissingError(
                f"cannot start {self.executable}: {e.strerror or e}; {INSTALL_HINT}"
            ) from e
        finally:
            os.close(to_browser_r)
            os.close(from_browser_w)
        try:
            self._check_version()
            for _ in range(self.tab_count):
                self._open_tab()
        except BaseException:
            self.close()
            raise

    def _open_tab(self) -> None:
        target = self._call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True})
        tab = _Tab(session["sessionId"])
        self._call("Page.enable", session=tab.session)
        self._call("Page.setLifecycleEventsEnabled", {"enabled": True}, tab.session)
        self._tabs[tab.session] = tab

    def _check_version(self) -> None:
        product = str(self._call("Browser.getVersion").get("product", ""))
        match = re.search(r"/(\d+)\.", product)
        if match and int(match.group(1)) < MIN_VERSION:
            raise EngineMissingError(
                f"--pdf needs Chromium {MIN_VERSION} or newer for page numbers; "
                f"{self.executable} is {product}: {INSTALL_HINT}"
            )

    @property
    def pid(self) -> int:
        return self._process.pid

    def print_all(self, jobs: Sequence[tuple[Path, Path]]) -> None:
        """Print each ``(html, pdf)`` pair, as many at once as there are tabs.

        A tab navigates to its page, waits for the load event of that very
        navigation (matched by loader id, so no stray event can start a print too
        soon), prints, writes the PDF and takes the next job.
        """
        pending = deque(jobs)
        # Command id -> the tab waiting for its answer, and which command it was.
        commands: dict[int, tuple[_Tab, str]] = {}

        def take_next(tab: _Tab) -> None:
            tab.job, tab.loader = (pending.popleft() if pending else None), None
            tab.loaded.clear()
            if tab.job is not None:
                url = tab.job[0].resolve().as_uri()
                commands[self._send("Page.navigate", {"url": url}, tab.session)] = (tab, "open")

        def print_when_loaded(tab: _Tab) -> None:
            if tab.loader is not None and tab.loader in tab.loaded:
                tab.loader = None
                commands[self._send("Page.printToPDF", _PRINT, tab.session)] = (tab, "print")

        for tab in self._tabs.values():
            take_next(tab)
        while commands or any(t.loader is not None for t in self._tabs.values()):
            message = self._receive("a page to load and print")
            if "id" not in message:
                busy = self._tabs.get(message.get("sessionId", ""))
                params = message.get("params", {})
                if (
                    busy is not None
                    and message.get("method") == "Page.lifecycleEvent"
                    and params.get("name") == "load"
                ):
                    busy.loaded.add(params.get("loaderId", ""))
                    print_when_loaded(busy)
                continue
            if message["id"] not in commands:
                continue
            busy, command = commands.pop(message["id"])
            assert busy.job is not None
            html, pdf = busy.job
            result = self._result(message, f"{command} {html}")
            if command == "print":
                write_atomic(pdf, base64.b64decode(result["data"]), together=True)
                take_next(busy)
            elif result.get("errorText"):
                raise OutputError(f"Chromium could not open {html}: {result['errorText']}")
            else:
                busy.loader = result.get("loaderId", "")
                print_when_loaded(busy)

    def close(self) -> None:
        process = getattr(self, "_process", None)
        if process is not None and process.returncode is None:
            if self._exit_status(0) is None:
                with contextlib.suppress(OSError, OutputError):
                    self._send("Browser.close")
                self._exit_status(5)
            # Closed, crashed or hanging: end the whole process group, so that no
            # helper outlives the run or writes into the profile while it is removed.
            # The browser is not reaped yet, so the group's id (its pid) is still ours.
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self._cleanup()

    def _exit_status(self, timeout: float) -> int | None:
        """How the browser ended (a negative number: killed by that signal), or None if it
        is still running after ``timeout`` seconds. It is left unreaped (WNOWAIT)."""
        deadline = time.monotonic() + timeout
        while True:
            info = os.waitid(os.P_PID, self._process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            if info is not None:
                return info.si_status if info.si_code == os.CLD_EXITED else -info.si_status
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.02)

    def _cleanup(self) -> None:
        for name in ("_to_browser", "_from_browser"):
            fd = getattr(self, name, None)
            if fd is not None:
                os.close(fd)
                setattr(self, name, None)
        log = getattr(self, "_log", None)
        if log is not None:
            log.close()
        profile = getattr(self, "profile", None)
        for _ in range(5):  # a helper killed a moment ago may still be writing there
            if profile is None or not profile.exists():
                break
            shutil.rmtree(profile, ignore_errors=True)
            time.sleep(0.05)

    # The protocol: numbered commands, answered by id; events arrive in between.

    def _send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        assert self._to_browser is not None
        try:
            while data:
                data = data[os.write(self._to_browser, data) :]
        except OSError as e:
            raise self._died(f"while sending {method}") from e
        return self._next_id

    def _call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        """Send one command and wait for its answer; events meanwhile are not needed."""
        wanted = self._send(method, params, session)
        while True:
            message = self._receive(method)
            if message.get("id") == wanted:
                return self._result(message, method)

    def _result(self, message: dict[str, Any], what: str) -> dict[str, Any]:
        if "error" in message:
            error = message["error"]
            raise OutputError(f"Chromium could not {what}: {error.get('message', error)}")
        result: dict[str, Any] = message.get("result", {})
        return result

    def _receive(self, waiting_for: str) -> dict[str, Any]:
        assert self._from_browser is not None
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_browser], [], [], self.timeout)
            if not ready:
                raise OutputError(
                    f"Chromium did not answer {waiting_for} within {self.timeout:.0f} seconds"
                )
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise self._died(f"while waiting for {waiting_for}")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def _died(self, when: str) -> OutputError:
        # Its log is mostly noise (D-Bus, GPU); how it ended says more.
        status = self._exit_status(5)
        if status is None:
            return OutputError(f"Chromium ({self.executable}) stopped answering {when}")
        how = f"killed by signal {-status}" if status < 0 else f"exit status {status}"
        return OutputError(f"Chromium ({self.executable}) stopped {when} ({how})")


def _above(fd: int, low: int) -> int:
    """``fd`` itself when it is at least ``low``, else a copy that is."""
    import fcntl

    return fd if fd >= low else fcntl.fcntl(fd, fcntl.F_DUPFD, low)


@dataclass
class _Tab:
    """A browser tab and the job it is on: the loader id of its navigation under
    way, and the loader ids whose load events have come (they may come first)."""

    session: str
    job: tuple[Path, Path] | None = None
    loader: str | None = None
    loaded: set[str] = field(default_factory=set)
