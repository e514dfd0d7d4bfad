"""The real Anki for the deck tests: fresh collections and Anki's own package importer."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.notes import Note

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EVERY_TYPE = ROOT / "tests" / "fixtures" / "good" / "every-type.yaml"
AWKWARD = ROOT / "tests" / "fixtures" / "anki" / "awkward-text.yaml"


def copy_banks(folder: Path, *banks: Path) -> Path:
    """Bank files copied into ``folder`` (created), so a test may edit them."""
    folder.mkdir(parents=True, exist_ok=True)
    for bank in banks:
        shutil.copy(bank, folder / bank.name)
    return folder


@contextmanager
def fresh_collection(folder: Path) -> Iterator[Collection]:
    folder.mkdir(parents=True, exist_ok=True)
    col = Collection(str(folder / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


@dataclass(frozen=True)
class ImportLog:
    """Question ids of the notes in each list of Anki's import log."""

    new: list[str]
    updated: list[str]
    duplicate: list[str]
    conflicting: list[str]


def import_package(col: Collection, package: Path) -> ImportLog:
    """Import as Anki's import dialog does with its default options.

    The defaults (an empty options message): update notes and note types if newer,
    don't merge note types, no scheduling, no deck presets.
    """
    response = col.import_anki_package(
        ImportAnkiPackageRequest(package_path=str(package), options=ImportAnkiPackageOptions())
    )
    log = response.log

    def ids(entries: object) -> list[str]:
        # "Question ID" is the last field of every quizgen note type.
        return sorted(e.fields[-1] for e in entries)

    return ImportLog(ids(log.new), ids(log.updated), ids(log.duplicate), ids(log.conflicting))


def notes_by_id(col: Collection) -> dict[str, Note]:
    notes = [col.get_note(nid) for nid in col.find_notes("")]
    return {n["Question ID"]: n for n in notes}


def card_html(html: str) -> str:
    """A rendered side without the stylesheet Anki puts in front of it."""
    return re.sub(r"^<style>.*?</style>", "", html, flags=re.S)


def visible(html: str) -> str:
    """What a side shows as text: tags (and the answers Anki keeps in attributes) gone."""
    return re.sub(r"<[^>]*>", "", card_html(html))


@contextmanager
def imported(package: Path, folder: Path) -> Iterator[Collection]:
    """A fresh collection in ``folder`` with ``package`` imported into it."""
    with fresh_collection(folder) as col:
        import_package(col, package)
        yield col
