"""``quizgen build``: the main job, every output the project enables, from its banks."""

from __future__ import annotations

from pathlib import Path

import click

from ..export import build_outputs, defaults, exporter, output_path
from ..export.anki import parent_deck_name
from . import cli, say
from .common import bank_paths, load
from .export import build_folder, checked_callback, report


@cli.command()
@bank_paths
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write into.  [default: build, in the project's folder]",
)
@click.option(
    "--deck",
    default=None,
    callback=checked_callback(parent_deck_name),
    help="Name of the parent deck; each bank becomes a subdeck of it "
    "[default: the project's deck].",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings (a question without a source, a short quote) as errors.",
)
def build(
    paths: tuple[Path, ...],
    seeds_dir: Path | None,
    out_dir: Path | None,
    deck: str | None,
    strict: bool,
) -> None:
    """Validate the banks and write every output the project lists into one folder.

    The outputs are those under outputs: in quizgen.yaml (without a project file:
    the worksheet and the deck), each with the options the project file gives it.

    \b
    Example:
        quizgen build
        quizgen build questions/ -o dist/
        quizgen build my-banks/ --seeds my-essays/ --deck "Physics 101"
    """
    catalog, _, project = load(paths, seeds_dir, strict=strict)
    click.echo(f"validated {len(catalog.questions)} questions in {len(catalog.banks)} bank(s)")
    folder = out_dir or build_folder(project)
    # Imported here, not at start-up: `quizgen --help` need not load the writers.
    from ..export.manifest import Manifest
    from ..export.output import transaction

    # Every output is written beside its place and all are put in place at the end:
    # if any step fails, nothing in the build folder (or the history) has changed.
    results = []
    with transaction() as tx:
        for name in build_outputs(project):
            chosen = exporter(name)
            given = {"deck": deck} if deck and any(o.name == "deck" for o in chosen.options) else {}
            values = defaults(chosen, project, **given, run_by="build")
            results.append(
                chosen.write(
                    catalog,
                    catalog.questions,
                    output_path(chosen, project, folder),
                    values,
                    project,
                )
            )
        # What an earlier build wrote and this one did not (a renamed deck, an output no
        # longer listed) goes, if it is still as build wrote it; nothing else ever does.
        written = [path for one in results for path in one.files]
        gone = [path for one in results for path in one.removed]  # an output's own cleanup
        manifest = Manifest.read(folder, "build")
        removed = manifest.remove_stale([*written, *gone])
        manifest.record(written, tx)
    for one in results:
        report(one)
    for path in removed:
        say(f"removed {path} (written by an earlier build)")
