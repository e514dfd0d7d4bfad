"""Options shared by several commands, and loading the catalog for them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click

from ..errors import Location, Problem, Severity
from ..vocabulary import DIFFICULTIES, LEVELS, QUESTION_TYPES

if TYPE_CHECKING:  # the modules themselves are imported when a command runs
    from ..errors import Problem
    from ..model import Catalog
    from ..project import Project
    from ..select import Selection

F = TypeVar("F", bound=Callable[..., Any])


def bank_paths(func: F) -> F:
    """PATHS argument and --seeds option."""
    func = click.option(
        "--seeds",
        "seeds_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Folder of the essays, with their seeds.yaml (default: the seeds folder beside the "
        "banks, else the project's).",
    )(func)
    return click.argument("paths", nargs=-1, type=click.Path(path_type=Path))(func)


def selection_options(func: F) -> F:
    for decorator in reversed(
        [
            click.option("--bank", "banks", multiple=True, help="Only this bank (repeatable)."),
            click.option(
                "--tag",
                "tags",
                multiple=True,
                help="Only questions with this tag or a child of it (repeatable).",
            ),
            click.option(
                "--exclude-tag",
                "exclude_tags",
                multiple=True,
                help="Leave out questions with this tag (repeatable).",
            ),
            click.option(
                "--type",
                "types",
                multiple=True,
                type=click.Choice(QUESTION_TYPES, case_sensitive=False),
                help="Only this question type (repeatable).",
            ),
            click.option(
                "--difficulty",
                "difficulties",
                multiple=True,
                type=click.Choice(DIFFICULTIES, case_sensitive=False),
                help="Only this difficulty (repeatable).",
            ),
            click.option(
                "--level",
                "levels",
                multiple=True,
                type=click.Choice(LEVELS, case_sensitive=False),
                help="Only this cognitive level (repeatable); questions without one never match.",
            ),
        ]
    ):
        func = decorator(func)
    return func


class Loaded(NamedTuple):
    catalog: Catalog
    warnings: tuple[Problem, ...]
    project: Project


def current_project() -> Project:
    """The project of the current folder (or a parent); else, where the current
    folder has questions/, that folder as quizgen read it before project files; else
    the bundled one. A project file quizgen cannot use is an error. Read once."""
    ctx = click.get_current_context()
    found: Project | None = ctx.meta.get("quizgen.project")
    if found is None:
        from ..errors import BankError
        from ..export import project_problems
        from ..project import (
            bundled_project,
            find_project_file,
            implicit_project,
            load_project,
        )

        file = find_project_file(Path.cwd())
        if file is not None:
            found = load_project(file)
        else:
            found = implicit_project(Path.cwd()) or bundled_project()
        problems = project_problems(found)
        if problems:
            raise BankError(problems)
        ctx.meta["quizgen.project"] = found
    return found


def load(
    paths: tuple[Path, ...],
    seeds_dir: Path | None,
    *,
    require_sources: bool = False,
    strict: bool = False,
) -> Loaded:
    """Load and verify the banks of the current project (or ``paths``); print
    warnings (with ``strict``, fail on them)."""
    import dataclasses

    from ..errors import BankError
    from ..load import load_catalog
    from ..project import complete_folders, resolve_inputs

    project = current_project()
    inputs = resolve_inputs(project, paths, seeds_dir)
    if inputs.notice:
        click.echo(inputs.notice, err=True)
    result = load_catalog(
        list(inputs.banks),
        inputs.seeds,
        require_sources=require_sources or project.sources == "required",
        quotes=project.sources != "none" or seeds_dir is not None,
    )
    if strict and result.warnings:
        raise BankError(
            Problem(w.location, w.message, w.question_id, Severity.ERROR) for w in result.warnings
        )
    from . import say

    for line in capped(result.warnings):
        say(line, err=True)
    # Which folders were read whole, for the exporters (the Anki history): found here,
    # once, so that no exporter looks at the disk for it.
    whole = complete_folders(inputs.banks, (b.path for b in result.catalog.banks))
    catalog = dataclasses.replace(result.catalog, complete_folders=whole)
    return Loaded(catalog, result.warnings, project)


# One kind of warning (by its message, numbers aside) is shown this often per file,
# then counted: a bank of a million questions without sources gives a few lines.
WARNINGS_SHOWN = 5


def capped(warnings: Sequence[Problem]) -> list[str]:
    """The warnings' lines, at most ``WARNINGS_SHOWN`` of one kind in one file, then
    one line counting the rest of that kind."""
    import re

    seen: dict[tuple[str, str], list[Problem]] = {}
    lines: list[str] = []
    for warning in warnings:
        kind = (warning.location.path, re.sub(r"'[^']*'|\d+", "#", warning.message))
        same = seen.setdefault(kind, [])
        same.append(warning)
        if len(same) <= WARNINGS_SHOWN:
            lines.append(str(warning))
    for (path, _), same in seen.items():
        if len(same) > WARNINGS_SHOWN:
            lines.append(
                str(
                    Problem(
                        Location(path),
                        f"{len(same) - WARNINGS_SHOWN} more warning(s) like "
                        f"{same[0].message!r} not shown",
                        severity=Severity.WARNING,
                    )
                )
            )
    return lines


def make_selection(**options: Any) -> Selection:
    from ..select import Selection

    return Selection(
        banks=tuple(options.get("banks", ())),
        tags=tuple(options.get("tags", ())),
        exclude_tags=tuple(options.get("exclude_tags", ())),
        types=tuple(options.get("types", ())),
        difficulties=tuple(options.get("difficulties", ())),
        levels=tuple(options.get("levels", ())),
    )
