"""One command per registered exporter, all driven the same way.

Each command takes the bank paths, the selection options, ``--count``, ``--seed``
and ``-o``, plus the options its exporter declares; it loads, selects, samples,
refuses an empty selection, writes through the exporter and reports what it wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..export import Exporter, ExportOption, Written, defaults, output_path
from . import say
from .common import bank_paths, load, make_selection, selection_options

if TYPE_CHECKING:
    from ..model import Catalog, Question
    from ..project import Project

BUILD_FOLDER = Path("build")


def build_folder(project: Project) -> Path:
    """``build/`` in the project's folder; without a project, in the current folder."""
    return BUILD_FOLDER if project.bundled else project.root / BUILD_FOLDER


def click_option(option: ExportOption) -> Callable[[Any], Any]:
    """The click option for an exporter's declared option."""
    settings: dict[str, Any] = {"help": option.help, "default": option.default}
    if option.check is not None:
        settings["callback"] = checked_callback(option.check)
    if option.kind == "flag":
        settings["is_flag"] = True
    elif option.kind == "int":
        settings["type"] = click.IntRange(option.minimum, option.maximum)
        settings["show_default"] = True
    elif option.kind == "choice":
        settings["type"] = click.Choice(option.choices, case_sensitive=False)
        settings["show_default"] = True
    elif option.kind == "folder":
        settings["type"] = click.Path(exists=option.must_exist, file_okay=False, path_type=Path)
    elif option.kind == "file":
        settings["type"] = click.Path(exists=option.must_exist, dir_okay=False, path_type=Path)
    elif option.default:
        settings["show_default"] = True
    return click.option(option.flag, option.name, **settings)


def checked_callback(
    check: Callable[[Any], Any],
) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return value
        try:
            return check(value)
        except ValueError as e:
            raise click.BadParameter(str(e), ctx, param) from e

    return callback


def choose(
    catalog: Catalog, count: int | None, seed: int, selection: dict[str, Any]
) -> tuple[Question, ...]:
    """The selected questions, sampled to ``count``; an empty result is an error."""
    from ..errors import SelectionError
    from ..select import sample, select

    chosen = select(catalog, make_selection(**selection))
    if count is not None and count > len(chosen):
        click.echo(
            f"warning: --count {count} is more than the {len(chosen)} questions "
            "selected; using them all",
            err=True,
        )
    questions = sample(chosen, count, seed)
    if not questions:
        raise SelectionError("no questions match the selection, so there is nothing to write")
    return questions


def report(written: Written) -> None:
    for line in written.lines:
        say(line)
    for warning in written.warnings:
        say(f"warning: {warning}", err=True)


def given_on_command_line(name: str) -> bool:
    source = click.get_current_context().get_parameter_source(name)
    return source not in (None, click.core.ParameterSource.DEFAULT)


def command_for(chosen: Exporter) -> click.Command:
    """The command that drives ``chosen``: shared options, then its own."""

    def run(
        paths: tuple[Path, ...],
        seeds_dir: Path | None,
        out: Path | None,
        count: int | None,
        seed: int,
        **options: Any,
    ) -> None:
        # Given on the command line, then the project file's value, then the default.
        own = {o.name: options.pop(o.name) for o in chosen.options}
        given = {name: value for name, value in own.items() if given_on_command_line(name)}
        catalog, _, project = load(paths, seeds_dir)
        questions = choose(catalog, count, seed, options)
        values = defaults(chosen, project, **given, seed=seed)
        target = out or output_path(chosen, project, build_folder(project))
        report(chosen.write(catalog, questions, target, values, project))

    out_type = click.Path(
        file_okay=not chosen.writes_folder, dir_okay=chosen.writes_folder, path_type=Path
    )
    run.__doc__ = chosen.summary
    decorated: Any = run
    for option in reversed(chosen.options):
        decorated = click_option(option)(decorated)
    decorated = click.option(
        "--seed",
        type=int,
        default=1,
        show_default=True,
        help="Seed for --count and any shuffling: the same seed, the same output.",
    )(decorated)
    decorated = click.option(
        "--count",
        type=click.IntRange(min=1),
        default=None,
        help="Draw this many questions at random (reproducible with --seed).",
    )(decorated)
    decorated = click.option(
        "-o",
        "--output",
        "out",
        type=out_type,
        default=None,
        show_default=str(BUILD_FOLDER / chosen.default_output.replace("{name}", "NAME"))
        + (", NAME being the project's name" if "{name}" in chosen.default_output else ""),
        help="Folder to write into." if chosen.writes_folder else "The file to write.",
    )(decorated)
    decorated = selection_options(decorated)
    decorated = bank_paths(decorated)
    return click.command(name=chosen.name)(decorated)
