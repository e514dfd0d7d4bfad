"""Anki decks from the banks: one parent deck, a subdeck per bank, a note per question.

The pieces: ``anki_notetypes`` (the frozen note types and their templates),
``anki_notes`` (question -> note), ``anki_history`` (when each note last changed) and
``anki_package`` (the ``.apkg`` file). This module puts them together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import OutputError
from ...vocabulary import DEFAULT_DECK
from .history import HISTORY_NAME, History, build_time

if TYPE_CHECKING:
    from ...model import Catalog, Question
    from .package import DeckRow


@dataclass(frozen=True)
class DeckOptions:
    parent: str = DEFAULT_DECK
    type_in: bool = False
    # One history file for every bank; by default each folder of banks has its own.
    history: Path | None = None
    # The project's note namespace (see notes.note_guid).
    namespace: str = "quizgen"


@dataclass(frozen=True)
class DeckReport:
    path: Path
    notes: int
    cards: int
    decks: int
    changed: int  # notes whose content is new or changed since the history last saw it
    saved: tuple[Path, ...] = ()  # history files written
    warnings: tuple[str, ...] = field(default=())


def deck_id(name: str) -> int:
    """A deck's id, from its full name. Anki's importer matches decks by name anyway."""
    import hashlib

    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest()
    return 1 + int.from_bytes(digest, "big") % (1 << 52)


def deck_name(parent: str, title: str) -> str:
    # "::" inside a bank title would make Anki nest one more level.
    return f"{parent}::{title.replace('::', ':')}"


def write_deck(
    catalog: Catalog, questions: Sequence[Question], out: Path, options: DeckOptions = DeckOptions()
) -> DeckReport:
    """Write the deck of ``questions`` to ``out`` and record what changed."""
    from .notes import NoteMaker
    from .notetypes import render_note_types, text_html
    from .package import DeckRow, NoteRow, write_apkg
    from .richfield import media_file

    maker = NoteMaker(catalog.essays, type_in=options.type_in, namespace=options.namespace)
    notes = [maker.note(q) for q in questions]

    histories = _histories(catalog, options.history)
    history_of = {
        b.id: histories[_history_path(Path(b.path), options.history)] for b in catalog.banks
    }
    now = build_time()
    used_banks = {n.bank for n in notes}
    decks = {
        b.id: DeckRow(
            deck_id(deck_name(options.parent, b.title)),
            deck_name(options.parent, b.title),
            text_html(b.description),
        )
        for b in catalog.banks
        if b.id in used_banks
    }
    parent = DeckRow(deck_id(options.parent), options.parent, parent_description(decks.values()))

    rows = []
    changed = 0
    for note in notes:
        history = history_of[note.bank]
        before = history.changes
        mod = history.stamp_note(note.question_id, note.digest, now)
        changed += history.changes != before
        rows.append(
            NoteRow(
                guid=note.guid,
                notetype_id=note.notetype.id,
                mod=mod,
                tags=note.tags,
                fields=note.fields,
                deck_id=decks[note.bank].id,
                card_ords=note.card_ords,
                sort_field=note.fields[note.notetype.field_index(note.notetype.sort_field)],
            )
        )
    notetypes = render_note_types()
    types_json = [
        notetypes[t].to_json(
            max(h.stamp_notetype(str(t), notetypes[t].digest, now) for h in histories.values()),
            parent.id,
        )
        for t in sorted({n.notetype.id for n in notes})
    ]
    media = dict(media_file(q.image.path) for q in questions if q.image is not None)
    write_apkg(out, types_json, [parent, *decks.values()], rows, media)

    _forget_removed(catalog, histories, options.history)
    saved, warnings = _save(histories.values())
    return DeckReport(
        out,
        len(rows),
        sum(len(r.card_ords) for r in rows),
        1 + len(decks),
        changed,
        saved,
        warnings,
    )


def parent_description(subdecks: Iterable[DeckRow]) -> str:
    """What the parent deck's overview says: what is in it and how the cards work."""
    from .notetypes import text_html

    titles = sorted(d.name.split("::", 1)[1] for d in subdecks)
    return (
        f"Questions from {len(titles)} bank{'' if len(titles) == 1 else 's'}, one subdeck "
        f"each: {text_html('; '.join(titles))}. Tap or type your answer before you turn a "
        "card; every back says why and quotes the passage it rests on. Made by quizgen: "
        "importing a newer deck updates these cards and keeps your reviews."
    )


def _save(histories: Iterable[History]) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """Write the histories that changed; the files written, and warnings."""
    saved: list[Path] = []
    warnings: list[str] = []
    for h in histories:
        try:
            if h.save():
                saved.append(h.path)
        except OutputError as e:
            h.unrecorded = h.unrecorded or h.changes
            warnings.append(str(e))
        if h.unrecorded:
            warnings.append(
                f"{h.path}: {h.unrecorded} change(s) could not be recorded; the next build "
                "stamps them again (with the build time, or SOURCE_DATE_EPOCH)"
            )
    return tuple(saved), tuple(warnings)


def _history_path(bank_path: Path, override: Path | None) -> Path:
    return override if override is not None else bank_path.parent / HISTORY_NAME


def _histories(catalog: Catalog, override: Path | None) -> dict[Path, History]:
    paths = {_history_path(Path(b.path), override) for b in catalog.banks}
    from ...resources import is_bundled

    return {p: History.load(p, writable=not is_bundled(p)) for p in sorted(paths)}


def _forget_removed(
    catalog: Catalog, histories: dict[Path, History], override: Path | None
) -> None:
    """Drop entries of questions deleted from the banks.

    Only for a folder's own history, and only when every bank file of that folder was
    loaded (``catalog.complete_folders``, as the loader's caller found it): a build
    from one file must not forget the other files' questions. A file given with
    ``--history`` may serve other folders, built in other runs, whose questions this
    run cannot see: nothing is ever dropped from it.
    """
    if override is not None:
        return
    from .notetypes import NOTE_TYPES

    for path, history in histories.items():
        if str(path.parent) not in catalog.complete_folders:
            continue
        ids = {
            q.id for b in catalog.banks if Path(b.path).parent == path.parent for q in b.questions
        }
        history.keep_only(ids, {str(t.id) for t in NOTE_TYPES})
