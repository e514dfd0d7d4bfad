"""The export seam: every output quizgen writes is an :class:`Exporter` in :data:`REGISTRY`.

An exporter is told what to write (a verified catalog, the questions already chosen
and sampled, a path, its own option values) and answers with what it wrote. The
command line builds one command per exporter from its declared options, and
``build`` runs the ones a project enables; neither knows any exporter by name.

Exporter packages keep their ``__init__`` light (no genanki, no Jinja, not even
pathlib at import): ``quizgen --help`` imports every registered package for the
first line of its summary.
See docs/exporters.md for how to add one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ..errors import Problem

if TYPE_CHECKING:
    from pathlib import Path

    from ..model import Catalog, Question
    from ..project import Project

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
        """Where it writes by default, relative to the build folder; ``{name}`` stands
        for the project's name (see :func:`output_path`)."""

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
        project: Project,
    ) -> Written:
        """Write ``questions`` (never empty) to ``out``; raise a QuizgenError on failure.

        ``options`` holds a value for every declared option, ``seed`` (the shared
        random seed) and ``run_by`` (the command writing: ``build`` or the
        exporter's name; an exporter removing its own earlier files keeps each
        command's apart). ``project`` gives the project-level values: its name,
        title, deck and namespace (:meth:`Project.identity` for a question).
        """


# name -> the package whose EXPORTER implements it. Adding an output is one line here.
REGISTRY: Mapping[str, str] = {
    "worksheet": "quizgen.export.worksheet",
    "anki": "quizgen.export.anki",
    "study": "quizgen.export.study",
    "moodle": "quizgen.export.moodle",
    "gift": "quizgen.export.gift",
    "canvas": "quizgen.export.canvas",
    "kahoot": "quizgen.export.kahoot",
    "blooket": "quizgen.export.blooket",
}

# The registered outputs plain ``quizgen build`` writes, until a project file chooses.
BUILT_BY_DEFAULT: tuple[str, ...] = ("worksheet", "anki", "study")


def exporter(name: str) -> Exporter:
    module = importlib.import_module(REGISTRY[name])
    found: Exporter = module.EXPORTER
    return found


def exporters() -> tuple[Exporter, ...]:
    return tuple(exporter(name) for name in REGISTRY)


def defaults(chosen: Exporter, project: Project | None = None, /, **given: Any) -> dict[str, Any]:
    """Every option of ``chosen`` at its default, then the project's values for it
    (from its project file), with ``given`` values on top."""
    values: dict[str, Any] = {"seed": 1, "run_by": chosen.name}
    values.update({o.name: o.default for o in chosen.options})
    if project is not None:
        values.update(project_options(project, chosen))
    values.update(given)
    return values


def output_path(chosen: Exporter, project: Project, folder: Path) -> Path:
    """Where ``chosen`` writes in ``folder`` by default: its default output, named
    after the project."""
    return folder / chosen.default_output.format(name=project.name)


def build_outputs(project: Project) -> tuple[str, ...]:
    """The outputs ``quizgen build`` writes for ``project``, in the project's order."""
    return BUILT_BY_DEFAULT if project.outputs is None else project.outputs


def project_options(project: Project, chosen: Exporter) -> dict[str, Any]:
    """The option values ``project`` sets for ``chosen``, converted (folders and
    files resolved against the project's folder). Assumes :func:`project_problems`
    found nothing."""
    given = project.options.get(chosen.name, {})
    declared = {o.name: o for o in chosen.options}
    return {
        name: _option_value(declared[name], value, project)
        for name, value in given.items()
        if name in declared
    }


def project_problems(project: Project) -> list[Problem]:
    """What the project file says about outputs that quizgen cannot use: an unknown
    output, an unknown option, a value an option does not take."""
    return list(_project_problems(project))


def _project_problems(project: Project) -> Iterator[Problem]:
    from ..project import PROJECT_KEYS

    for i, name in enumerate(project.outputs or ()):
        if name not in REGISTRY:
            yield Problem(project.where("outputs", i), f"unknown output {name!r}{_hint(name)}")
    for key, given in project.options.items():
        if key not in REGISTRY:
            yield Problem(
                project.where(key),
                f"unknown key {key!r}{_hint(key, (*PROJECT_KEYS, *REGISTRY))}",
            )
            continue
        declared = {o.name: o for o in exporter(key).options}
        for name, value in given.items():
            option = declared.get(name)
            if option is None:
                import difflib

                known = ", ".join(declared)
                hint = difflib.get_close_matches(name, list(declared), n=1, cutoff=0.6)
                suggestion = f"did you mean {hint[0]!r}? " if hint else ""
                yield Problem(
                    project.where(key, name),
                    f"unknown option {name!r} for {key} ({suggestion}its options: {known})",
                )
                continue
            try:
                _option_value(option, value, project)
            except ValueError as e:
                yield Problem(project.where(key, name), f"{key} {name}: {e}")


def _hint(name: str, known: Sequence[str] = ()) -> str:
    import difflib

    known = known or tuple(REGISTRY)
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    outputs = ", ".join(REGISTRY)
    return (
        f" (did you mean {close[0]!r}? outputs: {outputs})" if close else f" (outputs: {outputs})"
    )


def _option_value(option: ExportOption, value: Any, project: Project) -> Any:
    """``value`` as written in a project file, as ``option`` takes it; ValueError if not."""
    if option.kind == "flag":
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, not {value!r}")
    elif option.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number, not {value!r}")
        if option.minimum is not None and value < option.minimum:
            raise ValueError(f"must be at least {option.minimum}, not {value}")
        if option.maximum is not None and value > option.maximum:
            raise ValueError(f"must be at most {option.maximum}, not {value}")
    elif option.kind == "choice":
        lowered = {c.lower(): c for c in option.choices}
        if not isinstance(value, str) or value.lower() not in lowered:
            raise ValueError(f"must be one of {', '.join(option.choices)}, not {value!r}")
        value = lowered[value.lower()]
    elif isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"must be text, not {value!r}")
    elif option.kind in ("folder", "file"):
        value = project.root / str(value)
        if option.must_exist and not value.exists():
            raise ValueError(f"no such {option.kind} {value}")
    else:
        value = str(value)
    return option.check(value) if option.check is not None else value
