"""When each note last changed: the file that lets a rebuilt deck update in place.

Anki updates an existing note on import only when the incoming note's modification
time is newer than the one in the student's collection. A deck stamped with the build
time would overwrite every note (and the student's own edits) on every import; one
stamped with a fixed time would never update anything. So each note carries the time
its content last changed, and this file remembers it: per question id, a short hash
of the note's content and the time that content was first built.

The file sits beside the banks (``anki-history.json``), is meant to be committed with
them, and holds one line per question so that it diffs and merges line by line::

    {
     "format": "quizgen anki history 1",
     "notes": {
      "life-birthplace": ["3b0c5e4f1a2d9e77", 1763800000],
      ...
     },
     "notetypes": {
      "1763769600101": ["9f0e1d2c3b4a5968", 1763800000]
     }
    }
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import BankError, Location, Problem, SettingError

HISTORY_NAME = "anki-history.json"
FORMAT = "quizgen anki history 1"


# A change time must fit the .apkg's zip entries (the zip format ends with 2107) and
# Anki's note ids (milliseconds in 64 bits): so from 1970 to the end of 2107.
LATEST_TIME = 4354819198  # 2107-12-31 23:59:58 UTC; zip times have 2-second steps
# The history file is a few dozen bytes a question; this is far above any bank.
MAX_HISTORY_BYTES = 64 * 1024 * 1024
_DEEPEST = 16  # the history nests three levels; deeper is a damaged file


def build_time() -> int:
    """The time a change seen for the first time is stamped with.

    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) wins over the clock.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        digits = epoch.removeprefix("-")
        if not digits.isascii() or not digits.isdigit() or len(digits) > 12:
            raise SettingError(f"SOURCE_DATE_EPOCH: not a whole number of seconds: {epoch[:40]!r}")
        value = int(epoch)
        if not 0 <= value <= LATEST_TIME:
            raise SettingError(
                f"SOURCE_DATE_EPOCH: {value} is out of range: an Anki package holds times "
                f"from 0 (1970) to {LATEST_TIME} (the end of 2107)"
            )
        return value
    return min(int(time.time()), LATEST_TIME)


@dataclass
class History:
    """The recorded (hash, time) of each note and note type; see the module docstring."""

    path: Path
    writable: bool
    notes: dict[str, tuple[str, int]] = field(default_factory=dict)
    notetypes: dict[str, tuple[str, int]] = field(default_factory=dict)
    # Entries stamped, changed or dropped since loading; what `save` would change.
    changes: int = 0
    unrecorded: int = 0

    @classmethod
    def load(cls, path: Path, *, writable: bool) -> History:
        from ...yamlfile import Unreadable, read_regular

        if not path.exists() and not path.is_symlink():
            return cls(path, writable)
        try:
            # A byte-order mark, as some editors on Windows save one, is allowed.
            text = read_regular(path, MAX_HISTORY_BYTES, "history").decode("utf-8-sig")
        except Unreadable as e:
            raise _problem(path, f"the Anki change history: {e}") from e
        except UnicodeDecodeError as e:
            raise _problem(path, f"cannot read the Anki change history: {e}") from e
        data = _parse(path, text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise _problem(path, f'not a quizgen Anki history (expected "format": {FORMAT!r})')
        return cls(
            path,
            writable,
            _entries(path, text, data, "notes"),
            _entries(path, text, data, "notetypes"),
        )

    def stamp_note(self, key: str, digest: str, now: int) -> int:
        return self._stamp(self.notes, key, digest, now)

    def stamp_notetype(self, key: str, digest: str, now: int) -> int:
        return self._stamp(self.notetypes, key, digest, now)

    def _stamp(self, table: dict[str, tuple[str, int]], key: str, digest: str, now: int) -> int:
        """The change time of ``key`` whose content hashes to ``digest``, recording it."""
        old = table.get(key)
        if old is not None and old[0] == digest:
            return old[1]
        # Strictly after the time Anki already has, even under a fixed SOURCE_DATE_EPOCH,
        # or the importer would keep the old content.
        when = now if old is None else min(max(now, old[1] + 1), LATEST_TIME)
        table[key] = (digest, when)
        self.changes += 1
        if not self.writable:
            self.unrecorded += 1
        return when

    def keep_only(self, note_keys: set[str], notetype_keys: set[str]) -> None:
        """Forget questions and note types that no longer exist."""
        for table, keep in ((self.notes, note_keys), (self.notetypes, notetype_keys)):
            for key in [k for k in table if k not in keep]:
                del table[key]
                self.changes += 1

    def dumps(self) -> str:
        """One entry a line, sorted: small diffs, and merge conflicts a person can read."""
        import json

        def block(table: dict[str, tuple[str, int]]) -> str:
            rows = [
                f"  {json.dumps(k)}: [{json.dumps(d)}, {t}]" for k, (d, t) in sorted(table.items())
            ]
            return "{\n" + ",\n".join(rows) + ("\n" if rows else "") + " }"

        return (
            f'{{\n "format": {json.dumps(FORMAT)},\n "notes": {block(self.notes)},\n'
            f' "notetypes": {block(self.notetypes)}\n}}\n'
        )

    def save(self) -> bool:
        """Write the file if anything changed and it may be written; True if written."""
        if not self.changes or not self.writable:
            return False
        from ..output import write_atomic

        write_atomic(self.path, self.dumps())
        self.changes = 0
        return True


class _Number(str):
    """An integer as written in the file, converted only when it is short enough."""


def _parse(path: Path, text: str) -> object:
    """The JSON of the file; a damaged one is a positioned problem, never a crash.

    Merge-conflict repairs are accepted: a trailing comma left after deleting the
    last entry of a block, and an entry kept twice (the last one counts).
    """
    import json

    depth = _too_deep(text)
    if depth is not None:
        raise _problem(path, f"nested more than {_DEEPEST} levels deep", *depth)
    try:
        return json.loads(text, parse_int=_Number, parse_float=_Number, parse_constant=_Number)
    except json.JSONDecodeError as e:
        repaired = _TRAILING_COMMA.sub(r"\1", text)
        if repaired != text:
            try:
                return json.loads(
                    repaired, parse_int=_Number, parse_float=_Number, parse_constant=_Number
                )
            except json.JSONDecodeError:
                pass
        raise _problem(path, f"not valid JSON: {e.msg}", e.lineno, e.colno) from e


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where brackets nest deeper than any history does (line, column), if they do."""
    if text.count("[") + text.count("{") <= _DEEPEST:
        return None
    depth = 0
    for m in _BRACKETS.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            if depth > _DEEPEST:
                line = text.count("\n", 0, m.start()) + 1
                return line, m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        elif token in "]}":
            depth -= 1
    return None


def _entries(
    path: Path, text: str, data: dict[str, object], name: str
) -> dict[str, tuple[str, int]]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise _problem(
            path, f'"{name}" must be an object of "id": ["hash", time]', *_line_of(text, name)
        )
    found: dict[str, tuple[str, int]] = {}
    for key, value in table.items():
        when = value[1] if isinstance(value, list) and len(value) == 2 else None
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not isinstance(value[0], str)
            or type(value[0]) is not str
            or type(when) is not _Number
            or not _INTEGER.fullmatch(when)
        ):
            raise _problem(
                path,
                f'entry {_short(key)} in "{name}" must be ["hash", time]',
                *_line_of(text, key),
            )
        if len(when) > 12 or not 0 <= int(when) <= LATEST_TIME:
            raise _problem(
                path,
                f'entry {_short(key)} in "{name}": time {_short(when)} is out of range '
                f"(0 to {LATEST_TIME}, the end of 2107)",
                *_line_of(text, key),
            )
        found[key] = (value[0], int(when))
    return found


def _short(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _line_of(text: str, key: str) -> tuple[int, int]:
    """The line and column of ``"key":`` in the file, or the top of it."""
    import json

    at = text.find(json.dumps(key) + ":")
    if at < 0:
        return 0, 0
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_INTEGER = re.compile(r"-?[0-9]+")


def _problem(path: Path, message: str, line: int = 0, column: int = 0) -> BankError:
    hint = (
        "; fix it, or take it back from version control (deleting it makes every "
        "note count as changed once)"
    )
    return BankError([Problem(Location(str(path), line, column), message + hint)])
