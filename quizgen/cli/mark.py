"""``quizgen mark``: score scanned answer sheets. The work is in quizgen.mark."""

from __future__ import annotations

from pathlib import Path

import click

from . import cli


@cli.command()
@click.argument(
    "scans",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--key",
    "key_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("build/worksheets"),
    show_default=True,
    help="The folder with the mark-key-*.json files written by `worksheet --answer-sheet`.",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("results"),
    show_default=True,
    help="Folder to write results.csv, breakdown.csv and report.html into.",
)
def mark(scans: tuple[Path, ...], key_dir: Path, out: Path) -> None:
    """Mark scanned answer sheets: PDFs from a scanner, or phone photos (JPEG, PNG).

    Reads every page's code (test, version, page) and student number, the
    students' bubbles and the points the teacher filled in, and scores them against
    the keys that `quizgen worksheet --answer-sheet` wrote. A mark that is not
    certain is listed in report.html with a picture, never guessed. Needs the
    optional libraries: in a clone of quizgen, pip install -e '.[mark]' in the
    checkout; else pip install 'quizgen[mark]'.

    \b
    Example:
        quizgen worksheet --versions 3 --answer-sheet --pdf -o test1/
        quizgen mark scans/*.pdf photos/*.jpg --key test1/ -o test1/results/
    """
    from ..mark import mark_scans
    from ..mark.results import write_results

    marked = mark_scans(scans, key_dir)
    files = write_results(marked, out)
    versions = ", ".join(sorted({s.key.version for s in marked.students})) or "none"
    count = len(marked.students)
    click.echo(
        f"{marked.pages} page{'s' if marked.pages != 1 else ''} read: "
        f"{count} student{'s' if count != 1 else ''}, versions {versions}"
    )
    if marked.reviews:
        n = len(marked.reviews)
        click.echo(f"{n} thing{'s' if n != 1 else ''} to look at: see {out / 'report.html'}")
    for path in files:
        click.echo(f"wrote {path}")
