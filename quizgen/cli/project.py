"""``quizgen init``: start a project of one's own."""

from __future__ import annotations

from pathlib import Path

import click

from . import cli


@cli.command()
@click.argument(
    "folder", required=False, default=Path("."), type=click.Path(file_okay=False, path_type=Path)
)
@click.option("--name", help="The project's name, which names its files (default: the folder's).")
@click.option("--title", help="The project's name as people read it (default: from the name).")
def init(folder: Path, name: str | None, title: str | None) -> None:
    """Start a project in FOLDER (default: here) that builds at once.

    Writes quizgen.yaml, an example bank with every question type in questions/,
    a sample text and its seeds.yaml in seeds/, a .gitignore for build/ and the
    schemas editors use (.schema/). Files already there are kept as they are.

    \b
    Example:
        quizgen init biology-101
        cd biology-101 && quizgen build
    """
    from ..starter import start_project

    if name is not None:
        from ..project import check_name

        name = check_name(name)
    started = start_project(folder, name, title)
    for path in started.written:
        click.echo(f"wrote {path}")
    for path in started.kept:
        click.echo(f"kept {path} (already there)")
    if started.kept_namespace:
        click.echo(
            "namespace: quizgen, as the decks built here before had, so that students keep "
            "their notes"
        )
    where = "" if folder == Path(".") else f"cd {folder} && "
    click.echo(f"started project {started.name}; next: {where}quizgen build")
