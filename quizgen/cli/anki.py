"""``quizgen anki``: an Anki deck (.apkg) that updates in place when the banks change."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..vocabulary import DEFAULT_DECK
from . import cli
from .common import bank_paths, load, make_selection, selection_options

if TYPE_CHECKING:
    from ..render.anki import DeckReport


def _parent_name(ctx: click.Context, param: click.Parameter, value: str) -> str:
    name = " ".join(value.split())
    if not name or any(not part.strip() for part in name.split("::")):
        raise click.BadParameter(f"{value!r} is not a deck name", ctx, param)
    return name


deck_option = click.option(
    "--deck",
    "parent",
    default=DEFAULT_DECK,
    show_default=True,
    callback=_parent_name,
    help="Name of the parent deck; each bank becomes a subdeck of it.",
)


@cli.command()
@bank_paths
@selection_options
@click.option(
    "-o",
    "--output",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("build/serge.apkg"),
    show_default=True,
    help="The .apkg file to write.",
)
@deck_option
@click.option(
    "--type-in",
    is_flag=True,
    help="Short answers are typed in (Anki's {{type:Answer}}) instead of recalled.",
)
@click.option(
    "--history",
    "history_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The change history to read and update (default: anki-history.json beside the banks).",
)
def anki(
    paths: tuple[Path, ...],
    seeds_dir: Path | None,
    out_file: Path,
    parent: str,
    type_in: bool,
    history_file: Path | None,
    **options: Any,
) -> None:
    """Write an Anki deck: a parent deck, a subdeck per bank, a note per question.

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
    from ..render.anki import DeckOptions, write_deck
    from ..select import select

    catalog = load(paths, seeds_dir).catalog
    questions = select(catalog, make_selection(**options))
    report(
        write_deck(
            catalog,
            questions,
            out_file,
            DeckOptions(parent=parent, type_in=type_in, history=history_file),
        )
    )


def report(written: DeckReport) -> None:
    """A line for the deck, one per history file written, warnings on stderr."""
    click.echo(
        f"wrote {written.path}: {_count(written.notes, 'note')}, "
        f"{_count(written.cards, 'card')} in {_count(written.decks, 'deck')} "
        f"({written.changed} new or changed)"
    )
    for path in written.saved:
        click.echo(f"recorded the change times in {path}")
    for warning in written.warnings:
        click.echo(f"warning: {warning}", err=True)


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'' if n == 1 else 's'}"
