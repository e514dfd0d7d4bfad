"""The one family of errors quizgen raises, and the problems a check reports.

The CLI turns any :class:`QuizgenError` into a one-line message per problem and an
exit code; nothing else in the package decides how errors are shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

# What a terminal would act on instead of showing: C0 and C1 controls (escape
# sequences, new lines, NUL), DEL, line and paragraph separators, and the
# bidirectional controls that can make a line read differently from what it holds.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on written as an escape
    (``\\x1b``, ``\\n``, ``\\u202e``): one message stays one line, as written."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    char = m.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file; line and column count from 1, as editors show them."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    question_id: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        suffix = f" [{self.question_id}]" if self.question_id else ""
        return printable(f"{self.location}: {prefix}{self.message}{suffix}")


class QuizgenError(Exception):
    """Base of every error quizgen reports to a user."""

    exit_code = 1

    def lines(self) -> list[str]:
        return [printable(str(self))]


class BankError(QuizgenError):
    """One or more problems in the banks or essays; carries all of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.location, p.message))
        super().__init__(f"{len(self.problems)} problem(s) in the question banks")

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class SettingError(QuizgenError):
    """An environment variable or other setting quizgen cannot use."""


class SelectionError(QuizgenError):
    """A selection (filters, sample size) that leaves nothing sensible to build."""


class OutputError(QuizgenError):
    """An output could not be written."""


class EngineMissingError(QuizgenError):
    """An optional external program (the PDF engine) is not installed."""


class TemplateError(QuizgenError):
    """A template (bundled or a teacher's override) that does not compile or render."""


class ScanError(QuizgenError):
    """A scan that cannot be marked against the key: another test, a version the key
    does not have, a file that is no image, or a key folder without keys."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__(self.problems[0] if self.problems else "scan error")

    def lines(self) -> list[str]:
        return self.problems
