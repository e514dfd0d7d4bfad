"""The Anki exporter: a parent deck, a subdeck per bank, a note per question.

Light at import (the CLI reads the options at start-up); the work is in ``deck``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import Exporter, ExportOption, Written

if TYPE_CHECKING:
    from pathlib import Path

    from ...model import Catalog, Question
    from ...project import Project


def parent_deck_name(value: str) -> str:
    """A parent deck name with its spaces folded; ValueError if Anki could not use it."""
    name = " ".join(value.split())
    if not name or any(not part.strip() for part in name.split("::")):
        raise ValueError(f"{value!r} is not a deck name")
    return name


class AnkiExporter:
    name = "anki"
    summary = """Write an Anki deck: a parent deck, a subdeck per bank, a note per question.

    Importing a rebuilt deck updates, in the student's collection, exactly the
    notes whose question changed, keeping review history and the student's edits
    of the others: keep a question's id to keep its note. Change times are kept
    in anki-history.json beside the banks; commit it with them.

    \b
    Example:
        quizgen anki
        quizgen anki --bank serge-life --type-in -o serge-life.apkg
        quizgen anki --tag person::trotsky --deck "Serge and Trotsky"
    """
    default_output = "{name}.apkg"
    writes_folder = False
    options = (
        ExportOption(
            "deck",
            "Name of the parent deck; each bank becomes a subdeck of it "
            "(default: the project's deck).",
            check=parent_deck_name,
        ),
        ExportOption(
            "type_in",
            "Short answers are typed in (Anki's {{type:Answer}}) instead of recalled.",
            kind="flag",
            default=False,
        ),
        ExportOption(
            "history",
            "The change history to read and update (default: anki-history.json beside the banks).",
            kind="file",
        ),
    )

    def write(
        self,
        catalog: Catalog,
        questions: Sequence[Question],
        out: Path,
        options: Mapping[str, Any],
        project: Project,
    ) -> Written:
        from .deck import DeckOptions, write_deck

        deck = write_deck(
            catalog,
            questions,
            out,
            DeckOptions(
                parent=options["deck"] or parent_deck_name(project.deck),
                type_in=options["type_in"],
                history=options["history"],
                namespace=project.namespace,
            ),
        )
        lines = [
            f"wrote {deck.path}: {_count(deck.notes, 'note')}, "
            f"{_count(deck.cards, 'card')} in {_count(deck.decks, 'deck')} "
            f"({deck.changed} new or changed)",
            *(f"recorded the change times in {path}" for path in deck.saved),
        ]
        return Written((deck.path, *deck.saved), tuple(lines), deck.warnings)


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'' if n == 1 else 's'}"


EXPORTER: Exporter = AnkiExporter()
