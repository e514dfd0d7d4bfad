"""The export seam: every output quizgen writes is an :class:`Exporter` in :data:`REGISTRY`.

An exporter is told what to write (a verified catalog, the questions already chosen
and sampled, a path, its own option values) and answers with what it wrote. The
command line builds one command per exporter from its declared options, and
``build`` runs the ones a project enables; neither knows any exporter by name.

Exporter packages keep their ``__init__`` light (no genanki, no Jinja at import):
the CLI imports every registered package at start-up to list its options.
See docs/exporters.md for how to add one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from ..model import Catalog, Question

OptionKind = Literal["flag", "int", "text", "choice", "folder", "file"]


@dataclass(frozen=True)
class ExportOption:
    """One option an exporter takes, described as data (the CLI turns it into a flag).

    ``name`` is a Python identifier; on the command line it is ``--`` plus the name
    with ``_`` as ``-``. ``check`` turns a given value into the one used, or raises
    ValueError with the reason, which the CLI shows as a usage error.
    """

    name: str
    help: str
    kind: OptionKind = "text"
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    must_exist: bool = False
    check: Callable[[Any], Any] | None = None

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class Written:
    """What an exporter wrote: the files, report lines for stdout, and warnings."""

    files: tuple[Path, ...]
    lines: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    removed: tuple[Path, ...] = field(default=())


class Exporter(Protocol):
    """An output format. Implementations are plain classes with these members."""

    @property
    def name(self) -> str:
        """The command name and the key in a project's list of outputs."""

    @property
    def summary(self) -> str:
        """The command's help text: a first line, then any detail and examples."""

    @property
    def default_output(self) -> str:
        """Where it writes by default, relative to the build folder."""

    @property
    def writes_folder(self) -> bool:
        """True if ``out`` is a folder of files, False if it is one file."""

    @property
    def options(self) -> tuple[ExportOption, ...]:
        """Its own options, beside the shared selection, --count, --seed and -o."""

    def write(
        self,
        catalog: Catalog,
        questions: Sequence[Question],
        out: Path,
        options: Mapping[str, Any],
    ) -> Written:
        """Write ``questions`` (never empty) to ``out``; raise a QuizgenError on failure.

        ``options`` holds a value for every declared option and ``seed``, the
        shared random seed.
        """


# name -> the package whose EXPORTER implements it. Adding an output is one line here.
REGISTRY: Mapping[str, str] = {
    "worksheet": "quizgen.export.worksheet",
    "anki": "quizgen.export.anki",
    "study": "quizgen.export.study",
}


def exporter(name: str) -> Exporter:
    module = importlib.import_module(REGISTRY[name])
    found: Exporter = module.EXPORTER
    return found


def exporters() -> tuple[Exporter, ...]:
    return tuple(exporter(name) for name in REGISTRY)


def defaults(chosen: Exporter, **given: Any) -> dict[str, Any]:
    """Every option of ``chosen`` at its default, with ``given`` values on top."""
    values: dict[str, Any] = {"seed": 1}
    values.update({o.name: o.default for o in chosen.options})
    values.update(given)
    return values
