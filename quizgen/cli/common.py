"""Options shared by several commands, and loading the catalog for them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..errors import Location, Problem, Severity
from ..resources import default_dir
from ..vocabulary import DIFFICULTIES, LEVELS, QUESTION_TYPES

if TYPE_CHECKING:  # the modules themselves are imported when a command runs
    from ..load import LoadResult
    from ..select import Selection

F = TypeVar("F", bound=Callable[..., Any])


def bank_paths(func: F) -> F:
    """PATHS argument and --seeds option."""
    func = click.option(
        "--seeds",
        "seeds_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Folder of seed essays with seeds.yaml (default: ./seeds, else the bundled essays).",
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
                type=click.Choice(QUESTION_TYPES),
                help="Only this question type (repeatable).",
            ),
            click.option(
                "--difficulty",
                "difficulties",
                multiple=True,
                type=click.Choice(DIFFICULTIES),
                help="Only this difficulty (repeatable).",
            ),
            click.option(
                "--level",
                "levels",
                multiple=True,
                type=click.Choice(LEVELS),
                help="Only this cognitive level (repeatable); questions without one never match.",
            ),
        ]
    ):
        func = decorator(func)
    return func


def load(
    paths: tuple[Path, ...],
    seeds_dir: Path | None,
    *,
    require_sources: bool = False,
    strict: bool = False,
) -> LoadResult:
    """Load and verify the banks; print warnings (with ``strict``, fail on them)."""
    from ..errors import BankError
    from ..load import load_catalog

    result = load_catalog(
        list(paths) or [default_dir("questions")],
        seeds_dir or default_dir("seeds"),
        require_sources=require_sources,
    )
    if strict and result.warnings:
        raise BankError(
            Problem(w.location, w.message, w.question_id, Severity.ERROR) for w in result.warnings
        )
    from . import say

    for line in capped(result.warnings):
        say(line, err=True)
    return result


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
