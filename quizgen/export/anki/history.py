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
import time
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import BankError, Location, Problem, SettingError

HISTORY_NAME = "anki-history.json"
FORMAT = "quizgen anki history 1"


def build_time() -> int:
    """The time a change seen for the first time is stamped with.

    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) wins over the clock.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return int(epoch)
        except ValueError:
            raise SettingError(
                f"SOURCE_DATE_EPOCH: not a whole number of seconds: {epoch!r}"
            ) from None
    return int(time.time())


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
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            return cls(path, writable)
        except (OSError, UnicodeDecodeError) as e:
            raise _problem(path, f"cannot read the Anki change history: {e}") from e
        import json

        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise _problem(path, f"not valid JSON: {e.msg}", e.lineno, e.colno) from e
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise _problem(path, f'not a quizgen Anki history (expected "format": {FORMAT!r})')
        return cls(path, writable, _entries(path, data, "notes"), _entries(path, data, "notetypes"))

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
        when = now if old is None else max(now, old[1] + 1)
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


def _entries(path: Path, data: dict[str, object], name: str) -> dict[str, tuple[str, int]]:
    import json

    table = data.get(name, {})
    if not isinstance(table, dict):
        raise _problem(path, f'"{name}" must be an object of "id": ["hash", time]')
    found: dict[str, tuple[str, int]] = {}
    for key, value in table.items():
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not isinstance(value[0], str)
            or not isinstance(value[1], int)
            or isinstance(value[1], bool)
        ):
            raise _problem(
                path, f'entry {key!r} in "{name}" must be ["hash", time], not {json.dumps(value)}'
            )
        found[key] = (value[0], value[1])
    return found


def _problem(path: Path, message: str, line: int = 0, column: int = 0) -> BankError:
    hint = (
        "; fix it, or take it back from version control (deleting it makes every "
        "note count as changed once)"
    )
    return BankError([Problem(Location(str(path), line, column), message + hint)])
