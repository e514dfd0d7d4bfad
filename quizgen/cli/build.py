"""``quizgen build``: the main job, every output from the bundled (or given) banks."""

from __future__ import annotations

from pathlib import Path

import click

from . import cli
from .anki import deck_option
from .common import bank_paths, load


@cli.command()
@bank_paths
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder to write into.",
)
@deck_option
@click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings (a question without a source, a short quote) as errors.",
)
def build(
    paths: tuple[Path, ...], seeds_dir: Path | None, out_dir: Path, parent: str, strict: bool
) -> None:
    """Validate the banks and write every output into one folder.

    \b
    Example:
        quizgen build
        quizgen build questions/ -o dist/
        quizgen build my-banks/ --seeds my-essays/ --deck "Physics 101"
    """
    result = load(paths, seeds_dir, strict=strict)
    questions = result.catalog.questions
    click.echo(f"validated {len(questions)} questions in {len(result.catalog.banks)} bank(s)")

    # One worksheet version of every question, with its keys (HTML; PDF is opt-in,
    # through `quizgen worksheet --pdf`, as it needs a browser).
    from ..render.worksheet import WorksheetOptions, write_worksheets
    from .worksheet import report

    report(write_worksheets(result.catalog, questions, out_dir / "worksheets", WorksheetOptions()))

    # The Anki deck of every question; it records change times beside the banks.
    from ..render.anki import DeckOptions, write_deck
    from .anki import report as report_deck

    report_deck(
        write_deck(result.catalog, questions, out_dir / "serge.apkg", DeckOptions(parent=parent))
    )
