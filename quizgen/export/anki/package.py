"""Writing an ``.apkg``: an Anki collection (legacy schema 11, which every Anki since
2.1 imports) in a zip, byte for byte the same for the same notes and times.

genanki writes the same format, but stamps every note, card and note type with one
time; quizgen needs a time per note (see ``anki_history``), so it writes the rows
itself and uses genanki only for the table layout.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import OutputError
from ..output import write_atomic

# The collection row's own times; fixed, so that they never make two builds differ.
_COLLECTION_CREATED = 1411124400
_COLLECTION_MOD_MS = 1425279151694
# Zip timestamps cannot be earlier than 1980.
_ZIP_EPOCH = 315532800


@dataclass(frozen=True)
class DeckRow:
    id: int
    name: str  # "Parent::Child", as Anki shows it
    description: str = ""


@dataclass(frozen=True)
class NoteRow:
    guid: str
    notetype_id: int
    mod: int
    tags: tuple[str, ...]
    fields: tuple[str, ...]
    sort_field: str
    deck_id: int
    card_ords: tuple[int, ...]


def write_apkg(
    path: Path,
    notetypes: Sequence[dict[str, Any]],
    decks: Sequence[DeckRow],
    notes: Sequence[NoteRow],
) -> None:
    """Write the package to ``path`` whole or not at all."""
    stamp = max([n.mod for n in notes] + [int(t["mod"]) for t in notetypes] + [_ZIP_EPOCH])
    try:
        _write(path, notetypes, decks, notes, stamp)
    except (sqlite3.Error, OSError, zipfile.LargeZipFile) as e:
        # A full disk or a file-size limit while the collection is built in the
        # temporary folder: nothing was written to ``path``.
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        if isinstance(e, sqlite3.Error):
            reason = f"{reason} while building the deck in the temporary folder (a full disk?)"
        raise OutputError(f"cannot write {path}: {reason}") from e


def _write(
    path: Path,
    notetypes: Sequence[dict[str, Any]],
    decks: Sequence[DeckRow],
    notes: Sequence[NoteRow],
    stamp: int,
) -> None:
    from genanki.apkg_schema import APKG_SCHEMA

    with tempfile.TemporaryDirectory(prefix="quizgen-apkg-") as work:
        db_path = Path(work) / "collection.anki2"
        db = sqlite3.connect(db_path)
        try:
            # A scratch file that is zipped and deleted: no journal, no fsync.
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.executescript(APKG_SCHEMA)
            db.execute(
                "INSERT INTO col VALUES (1,?,?,?,11,0,0,0,?,?,?,?,'{}')",
                (
                    _COLLECTION_CREATED,
                    _COLLECTION_MOD_MS,
                    _COLLECTION_MOD_MS,
                    json.dumps(_config(notetypes)),
                    _json_by_id(notetypes),
                    _json_by_id([_deck_json(d, stamp) for d in _with_default(decks)]),
                    json.dumps({"1": _DECK_CONFIG}),
                ),
            )
            _insert_notes(db, notes, first_id=stamp * 1000)
            db.commit()
        finally:
            db.close()
        write_atomic(path, _zip(db_path, stamp))


def _insert_notes(db: sqlite3.Connection, notes: Sequence[NoteRow], first_id: int) -> None:
    """Notes and their new cards. Ids count up from the newest time in the package.

    Anki renumbers an incoming id that its collection already uses, and finds existing
    notes by GUID, so ids only have to be unique here and the same from build to build.
    New cards of one note share a due position, so they come up in bank order.
    """
    note_rows = []
    card_rows = []
    next_id = first_id
    for position, n in enumerate(notes, 1):
        note_id = next_id
        next_id += 1
        note_rows.append(
            (
                note_id,
                n.guid,
                n.notetype_id,
                n.mod,
                _tags(n.tags),
                "\x1f".join(n.fields),
                n.sort_field,
            )
        )
        for ord_ in n.card_ords:
            card_rows.append((next_id, note_id, n.deck_id, ord_, n.mod, position))
            next_id += 1
    db.executemany("INSERT INTO notes VALUES (?,?,?,?,-1,?,?,?,0,0,'')", note_rows)
    db.executemany("INSERT INTO cards VALUES (?,?,?,?,?,-1,0,0,?,0,0,0,0,0,0,0,0,'')", card_rows)


def _tags(tags: tuple[str, ...]) -> str:
    return f" {' '.join(tags)} " if tags else ""


def _zip(db_path: Path, stamp: int) -> bytes:
    """The zip, with fixed entry times (the newest change) so equal input gives equal bytes."""
    import io

    moment = time.gmtime(max(stamp, _ZIP_EPOCH))[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, source in (("collection.anki2", db_path), ("media", None)):
            info = zipfile.ZipInfo(name, date_time=moment)
            info.compress_type = zipfile.ZIP_DEFLATED
            # Fast deflate: a quarter of the time of the default level, 15% larger.
            # (Python 3.13 made the attribute public as compress_level.)
            setattr(
                info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel", 1
            )
            info.external_attr = 0o644 << 16
            with z.open(info, "w") as out:
                if source is None:
                    out.write(b"{}")
                else:
                    with open(source, "rb") as f:
                        shutil.copyfileobj(f, out, 1 << 20)
    return buffer.getvalue()


def _json_by_id(items: Sequence[dict[str, Any]]) -> str:
    return json.dumps({str(item["id"]): item for item in items}, ensure_ascii=False)


def _config(notetypes: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {
        "activeDecks": [1],
        "curDeck": 1,
        "newSpread": 0,
        "collapseTime": 1200,
        "timeLim": 0,
        "estTimes": True,
        "dueCounts": True,
        "nextPos": 1,
        "sortType": "noteFld",
        "sortBackwards": False,
        "addToCur": True,
        "curModel": str(notetypes[0]["id"]) if notetypes else None,
    }


def _with_default(decks: Sequence[DeckRow]) -> list[DeckRow]:
    # Anki's legacy collections always hold deck 1; the importer leaves it alone.
    return [DeckRow(1, "Default"), *decks]


def _deck_json(deck: DeckRow, stamp: int) -> dict[str, Any]:
    return {
        "id": deck.id,
        "name": deck.name,
        "desc": deck.description,
        "mod": stamp,
        "usn": -1,
        "collapsed": False,
        "browserCollapsed": False,
        "conf": 1,
        "dyn": 0,
        "extendNew": 0,
        "extendRev": 0,
        "newToday": [0, 0],
        "revToday": [0, 0],
        "lrnToday": [0, 0],
        "timeToday": [0, 0],
    }


_DECK_CONFIG: dict[str, Any] = {
    "id": 1,
    "name": "Default",
    "mod": 0,
    "usn": 0,
    "maxTaken": 60,
    "autoplay": True,
    "timer": 0,
    "replayq": True,
    "dyn": False,
    "new": {
        "bury": False,
        "delays": [1, 10],
        "initialFactor": 2500,
        "ints": [1, 4, 0],
        "order": 1,
        "perDay": 20,
    },
    "lapse": {"delays": [10], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0},
    "rev": {
        "bury": False,
        "ease4": 1.3,
        "ivlFct": 1,
        "maxIvl": 36500,
        "perDay": 200,
        "hardFactor": 1.2,
    },
}
