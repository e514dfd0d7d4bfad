"""``quizgen worksheet``: printable sheets and answer keys, in versions, as HTML and PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from ..vocabulary import MAX_VERSIONS, PAPERS
from . import cli
from .common import bank_paths, load, make_selection, selection_options

if TYPE_CHECKING:
    from ..render.worksheet import WrittenWorksheets
    from ..vocabulary import Paper


@cli.command()
@bank_paths
@selection_options
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/worksheets"),
    show_default=True,
    help="Folder to write into.",
)
@click.option(
    "--count",
    type=click.IntRange(min=1),
    default=None,
    help="Draw this many questions at random (reproducible with --seed).",
)
@click.option(
    "--versions",
    type=click.IntRange(1, MAX_VERSIONS),
    default=1,
    show_default=True,
    help="Write versions A, B, C... with questions and choices shuffled differently.",
)
@click.option(
    "--seed",
    type=int,
    default=1,
    show_default=True,
    help="Seed for --count and the shuffling: the same seed, the same sheets.",
)
@click.option("--title", default=None, help="Title of the sheet (default: the bank's title).")
@click.option("--instructions", default="", help="Instructions under the title.")
@click.option(
    "--paper",
    type=click.Choice(PAPERS),
    default="a4",
    show_default=True,
    help="Paper size for printing.",
)
@click.option("--pdf", is_flag=True, help="Also print each file to PDF (needs Chromium).")
@click.option(
    "--templates",
    "templates_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Folder of templates overriding the bundled ones (it mirrors templates/worksheet/).",
)
def worksheet(
    paths: tuple[Path, ...],
    seeds_dir: Path | None,
    out_dir: Path,
    count: int | None,
    versions: int,
    seed: int,
    title: str | None,
    instructions: str,
    paper: str,
    pdf: bool,
    templates_dir: Path | None,
    **options: Any,
) -> None:
    """Write a student sheet, an answer key and a one-page quick key per version.

    Each file is standalone HTML (print it from a browser); --pdf prints PDFs too.
    Questions are grouped by type; with --versions, each version shuffles the
    questions within their groups and the choices, and has its own keys.

    \b
    Example:
        quizgen worksheet --bank serge-life --count 20 --versions 3 --pdf
        quizgen worksheet --type mcq --type truefalse --title "Quiz 1" --paper letter
    """
    from ..render.worksheet import WorksheetOptions, write_worksheets
    from ..select import sample, select

    catalog = load(paths, seeds_dir).catalog
    chosen = select(catalog, make_selection(**options))
    if count is not None and count > len(chosen):
        click.echo(
            f"warning: --count {count} is more than the {len(chosen)} questions "
            "selected; using them all",
            err=True,
        )
    questions = sample(chosen, count, seed)
    written = write_worksheets(
        catalog,
        questions,
        out_dir,
        WorksheetOptions(
            title=title,
            instructions=instructions,
            paper=cast("Paper", paper),
            versions=versions,
            seed=seed,
            templates=templates_dir,
            pdf=pdf,
        ),
    )
    report(written)


def report(written: WrittenWorksheets) -> None:
    """What was written, one file a line, after a line saying what is in them."""
    first = written.worksheets[0]
    letters = ", ".join(w.letter for w in written.worksheets)
    click.echo(
        f"{len(first.items)} questions, {first.points} points; "
        f"version{'s' if len(written.worksheets) > 1 else ''} {letters}"
    )
    for path in written.files:
        click.echo(f"wrote {path}")
    for path in written.removed:
        click.echo(f"removed {path} (left from an earlier run)")
