"""``quizgen build``: the main job, every enabled output from the bundled (or given) banks."""

from __future__ import annotations

from pathlib import Path

import click

from ..export import defaults, exporters
from ..export.anki import parent_deck_name
from ..export.output import transaction
from ..vocabulary import DEFAULT_DECK
from . import cli
from .common import bank_paths, load
from .export import BUILD_FOLDER, checked_callback, report


@cli.command()
@bank_paths
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=BUILD_FOLDER,
    show_default=True,
    help="Folder to write into.",
)
@click.option(
    "--deck",
    default=DEFAULT_DECK,
    show_default=True,
    callback=checked_callback(parent_deck_name),
    help="Name of the parent deck; each bank becomes a subdeck of it.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings (a question without a source, a short quote) as errors.",
)
def build(
    paths: tuple[Path, ...], seeds_dir: Path | None, out_dir: Path, deck: str, strict: bool
) -> None:
    """Validate the banks and write every output into one folder.

    Each output gets every question, with its options at their defaults: one
    worksheet version (HTML; --pdf is for `quizgen worksheet`) and the deck.

    \b
    Example:
        quizgen build
        quizgen build questions/ -o dist/
        quizgen build my-banks/ --seeds my-essays/ --deck "Physics 101"
    """
    result = load(paths, seeds_dir, strict=strict)
    catalog = result.catalog
    click.echo(f"validated {len(catalog.questions)} questions in {len(catalog.banks)} bank(s)")
    # Every output is written beside its place and all are put in place at the end:
    # if any step fails, nothing in the build folder (or the history) has changed.
    written = []
    with transaction():
        for chosen in exporters():
            given = {"deck": deck} if any(o.name == "deck" for o in chosen.options) else {}
            written.append(
                chosen.write(
                    catalog,
                    catalog.questions,
                    out_dir / chosen.default_output,
                    defaults(chosen, **given),
                )
            )
    for one in written:
        report(one)
