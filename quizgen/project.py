"""A project: a teacher's ``quizgen.yaml`` and the folders and settings it names.

The project file is found in the current folder or a parent, as git and ruff find
theirs. Without one, the bundled Victor Serge project is used (and the CLI says so).
The file is read with the same safe YAML reader as the banks and checked against
``schema/project.schema.json``; what an output's options mean is checked by the
export layer, which knows the outputs (:func:`quizgen.export.project_problems`).
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from .errors import BankError, Location, Problem
from .resources import bundled
from .schemacheck import structural_problems
from .yamlfile import read_yaml

PROJECT_FILE = "quizgen.yaml"
# The bundled project's namespace: its notes keep the GUIDs they had before projects.
BUNDLED_NAMESPACE = "quizgen"
SourcesRule = Literal["required", "optional", "none"]
# The keys the project file itself declares; any other top-level key names an output.
PROJECT_KEYS = ("name", "title", "deck", "namespace", "banks", "seeds", "sources", "outputs")

DocPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Project:
    """What a project file says, its folders resolved against the file's folder."""

    name: str
    title: str
    deck: str
    namespace: str
    file: Path
    banks: Path
    seeds: Path
    sources: SourcesRule = "optional"
    # None: every registered output.
    outputs: tuple[str, ...] | None = None
    # Output name -> option name -> value, as written.
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))
    bundled: bool = False
    # No project file, but a questions/ folder here: read as quizgen read it before
    # project files (see implicit_project).
    implicit: bool = False
    spots: Mapping[DocPath, tuple[int, int]] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, repr=False
    )

    @property
    def root(self) -> Path:
        return self.file.parent

    def where(self, *path: str | int) -> Location:
        """The place in the project file of the value at ``path``."""
        p = tuple(path)
        while p and p not in self.spots:
            p = p[:-1]
        line, column = self.spots.get(p, (0, 0))
        return Location(str(self.file), line, column)

    def identity(self, question_id: str) -> str:
        """A question's identity across projects: its id, after the namespace unless
        this is the bundled project (whose identities predate namespaces)."""
        if self.namespace == BUNDLED_NAMESPACE:
            return question_id
        return f"{self.namespace}/{question_id}"


def find_project_file(start: Path) -> Path | None:
    """``quizgen.yaml`` in ``start`` or the nearest parent that has one."""
    here = start.resolve()
    for folder in (here, *here.parents):
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


def implicit_project(folder: Path) -> Project | None:
    """A folder with ``questions/`` and no project file: its banks and ``seeds/``, named
    after the folder. Its namespace is the one every deck had before project files, so
    that the notes of decks built from it then keep their identity."""
    if not (folder / "questions").is_dir():
        return None
    name = folder_name(folder)
    return Project(
        name=name,
        title=name,
        deck=name,
        namespace=BUNDLED_NAMESPACE,
        file=Path(PROJECT_FILE),
        banks=Path("questions"),
        seeds=Path("seeds"),
        implicit=True,
    )


def folder_name(folder: Path) -> str:
    """A project name from a folder's name: letters, digits, '.', '_' and '-'."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", folder.resolve().name).strip("-._")
    return name or "quizgen-project"


def bundled_project() -> Project:
    """The Victor Serge banks and essays that come with quizgen."""
    return load_project(bundled(PROJECT_FILE), bundled=True)


def load_project(file: Path, *, bundled: bool = False, cwd: Path | None = None) -> Project:
    """Read and check ``file``; raise :class:`BankError` with every problem found.

    Folders are shown relative to ``cwd`` (default: the current folder) when the
    project lies there or below, so that messages name paths as a teacher types them.
    """
    shown = file if bundled else _shown(file, cwd or Path.cwd())
    doc, yaml_problems = read_yaml(file)
    problems = [Problem(Location(str(shown), p.line, p.column), p.message) for p in yaml_problems]
    if doc is None:
        raise BankError(problems)
    spots = doc.spots
    for found in structural_problems("project", doc.data):
        line, column = _spot(spots, found.path)
        problems.append(Problem(Location(str(shown), line, column), found.message))
    data: dict[str, Any] = doc.data
    deck = data.get("deck")
    if isinstance(deck, str) and any(not part.strip() for part in deck.split("::")):
        line, column = _spot(spots, ("deck",))
        problems.append(
            Problem(
                Location(str(shown), line, column),
                f"deck {deck!r} has an empty name before or after '::' (Anki's subdeck mark)",
            )
        )
    if problems:
        raise BankError(problems)
    root = shown.parent
    banks = root / data.get("banks", "questions")
    name = data["name"]
    title = data.get("title", name)
    outputs = data.get("outputs")
    return Project(
        name=name,
        title=title,
        deck=data.get("deck", title),
        namespace=data.get("namespace", name),
        file=shown,
        banks=banks,
        seeds=root / data["seeds"] if "seeds" in data else banks.parent / "seeds",
        sources=data.get("sources", "optional"),
        outputs=None if outputs is None else tuple(outputs),
        options=MappingProxyType(
            {k: MappingProxyType(v) for k, v in data.items() if k not in PROJECT_KEYS}
        ),
        bundled=bundled,
        spots=MappingProxyType(dict(spots)),
    )


def _spot(spots: Mapping[DocPath, tuple[int, int]], path: DocPath) -> tuple[int, int]:
    p = tuple(path)
    while p and p not in spots:
        p = p[:-1]
    return spots.get(p, (1, 1))


def _shown(file: Path, cwd: Path) -> Path:
    resolved, here = file.resolve(), cwd.resolve()
    try:
        return Path(os.path.relpath(resolved, here))
    except ValueError:  # another drive (Windows)
        return resolved


_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def check_name(name: str) -> str:
    """``name`` if it can name a project's files; ValueError otherwise."""
    if not _NAME.fullmatch(name):
        raise ValueError(
            f"{name!r} cannot name a project: use letters, digits, '.', '_' and '-', "
            "starting with a letter or digit"
        )
    return name


def new_namespace(name: str) -> str:
    """A namespace no other project will have: the name and 8 random hex digits."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-._") or "project"
    return f"{stem}-{secrets.token_hex(4)}"


@dataclass(frozen=True)
class Inputs:
    """The banks and essays one command reads, and what to tell the user about them."""

    banks: tuple[Path, ...]
    seeds: Path | None  # None: the project quotes no text, or no seeds folder was found
    notice: str | None = None


def complete_folders(given: Iterable[Path], bank_paths: Iterable[str]) -> frozenset[str]:
    """The folders of the loaded ``bank_paths`` (as those paths name them) that hold no
    bank file other than those: a build from one file of a folder must not make its
    history forget the other files' questions.

    A folder ``given`` as such was listed by the loader and every bank file in it
    loaded: it is complete without a second look. The folder of a file given alone is
    listed here, and complete when every bank file in it was given too (and it could be
    listed)."""
    from .load import bank_files

    by_folder: dict[str, list[str]] = {}  # a folder's Path is made once, not per bank
    for path in bank_paths:
        by_folder.setdefault(os.path.dirname(path), []).append(path)
    read_whole = {g for g in given if g.is_dir()}
    complete: set[str] = set()
    loaded: set[Path] = set()
    for banks in by_folder.values():
        folder = Path(banks[0]).parent
        if folder not in read_whole:
            loaded = loaded or {_resolved(Path(p)) for ps in by_folder.values() for p in ps}
            problems: list[Problem] = []
            on_disk = {_resolved(p) for p in bank_files([folder], problems)}
            if problems or not on_disk <= loaded:
                continue
        complete.add(str(folder))
    return frozenset(complete)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return path.absolute()


BUNDLED_NOTICE = (
    "note: no quizgen.yaml here or in a parent folder, so using the bundled Victor Serge "
    "banks (quizgen init starts a project of your own)"
)
IMPLICIT_NOTICE = (
    "note: no quizgen.yaml here or in a parent folder, so using ./questions and ./seeds "
    "(quizgen init adds a project file)"
)


def resolve_inputs(project: Project, paths: tuple[Path, ...], seeds: Path | None) -> Inputs:
    """Which banks and essays to read: paths given on the command line win; the seeds
    folder defaults to the one beside the banks folder, then the project's; the
    bundled banks are read only when no project was found and no paths were given,
    and a teacher's banks are never checked against the bundled essays."""
    if not paths:
        notice = (
            BUNDLED_NOTICE if project.bundled else IMPLICIT_NOTICE if project.implicit else None
        )
        chosen = seeds if seeds is not None else _seeds_of(project)
        return Inputs((project.banks,), chosen, notice)
    if seeds is not None:
        return Inputs(paths, seeds)
    first = paths[0]
    folder = first if first.is_dir() else first.parent
    for beside in (folder.parent / "seeds", folder / "seeds"):
        if (beside / "seeds.yaml").is_file():
            return Inputs(paths, beside)
    inside = not project.bundled or all(_within(p, project.banks) for p in paths)
    return Inputs(paths, _seeds_of(project) if inside else None)


def _seeds_of(project: Project) -> Path | None:
    if project.sources == "none" or (project.implicit and not project.seeds.is_dir()):
        return None
    return project.seeds


def _within(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def title_for(project: Project, bank_paths: Sequence[str], bank_titles: Sequence[str]) -> str:
    """What to call a selection on a platform: the project's title; but banks read from
    outside any project (the bundled one only stands in) are named for themselves (one
    bank: its title; several: their folder), never after the bundled essays."""
    if not project.bundled or all(_within(Path(p), project.banks) for p in bank_paths):
        return project.title
    if len(bank_titles) == 1:
        return bank_titles[0]
    folders = {Path(p).resolve().parent for p in bank_paths}
    return folder_name(folders.pop()) if len(folders) == 1 else "quizgen"
