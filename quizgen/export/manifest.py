"""What quizgen wrote into a folder, so that it removes only its own files.

Each folder quizgen writes into keeps ``.quizgen-written.json``: for each command
(``build``, ``worksheet``, ...) the files it wrote there, each with the SHA-256 of
what it wrote. A command removes a file left from its own earlier run only if the
file is still exactly what it wrote: a teacher's file (never listed), a file another
command has written since (its content changed, and it is listed under that
command) and a file a teacher edited are all kept.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .output import Transaction, remove_output, write_atomic

MANIFEST = ".quizgen-written.json"


def digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass
class Manifest:
    folder: Path
    owner: str
    # owner -> file name (relative to folder, with "/") -> SHA-256 of what it wrote
    entries: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path, owner: str) -> Manifest:
        """The folder's manifest; a missing or unreadable one lists nothing."""
        try:
            data = json.loads((folder / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            data = {}
        entries = data.get("written") if isinstance(data, dict) else None
        valid = {
            str(who): {str(k): str(v) for k, v in files.items()}
            for who, files in (entries.items() if isinstance(entries, dict) else ())
            if isinstance(files, dict)
        }
        return cls(folder, owner, valid)

    def stale(self, keeping: Iterable[Path]) -> list[Path]:
        """Files this owner wrote earlier that it is not writing now, unchanged since."""
        kept = {self._name(p) for p in keeping}
        own = self.entries.get(self.owner, {})
        return [
            self.folder / name
            for name, sha in sorted(own.items())
            if name not in kept and digest(self.folder / name) == sha
        ]

    def remove_stale(self, keeping: Iterable[Path]) -> tuple[Path, ...]:
        """Remove :meth:`stale` files: now, or when the current transaction commits."""
        removed = tuple(self.stale(keeping))
        for path in removed:
            remove_output(path)
        return removed

    def record(self, files: Iterable[Path], tx: Transaction | None = None) -> None:
        """Note ``files`` (inside the folder) as this owner's, replacing what it had;
        another owner's claim on the same names ends, since their content is ours now.
        Inside transaction ``tx``, a file's new content is read where it waits."""
        mine = {}
        for path in files:
            name = self._name(path)
            pending = tx.temporary(path) if tx is not None else None
            sha = digest(pending or path)
            if name is not None and sha is not None:
                mine[name] = sha
        for who, listed in self.entries.items():
            if who != self.owner:
                for name in mine:
                    listed.pop(name, None)
        self.entries[self.owner] = mine
        data = {
            "about": "Files quizgen wrote here, so that it removes only its own. Safe to delete.",
            "written": {who: dict(sorted(f.items())) for who, f in sorted(self.entries.items())},
        }
        write_atomic(self.folder / MANIFEST, json.dumps(data, indent=1) + "\n")

    def _name(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            return None  # outside the folder (the Anki history beside the banks)
