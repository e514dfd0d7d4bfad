"""The study exporter: one self-contained offline HTML page to practise, review
(FSRS), test oneself and read the essays, with progress kept in the browser.

Light at import (the CLI reads the options at start-up); the work is in ``write``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import Exporter, ExportOption, Written

if TYPE_CHECKING:
    from pathlib import Path

    from ...model import Catalog, Question
    from ...project import Project


def project_name(value: str) -> str:
    """A project name for the page's storage keys; ValueError if it is blank."""
    name = " ".join(value.split())
    if not name:
        raise ValueError(f"{value!r} is not a project name")
    return name


class StudyExporter:
    name = "study"
    summary = """Write one offline study page: practise, spaced review, tests and the essays.

    The page is a single HTML file with everything inside (questions, essays,
    script and styles); it opens from a file on a phone or a computer and never
    uses the network. A learner's progress stays in that browser and can be
    exported to a file and imported on another device. Rebuilding the page keeps
    progress for every question whose id still exists.

    \b
    Example:
        quizgen study
        quizgen study --bank serge-life -o serge-life.html
        quizgen study --title "Physics 101" --project physics-101
    """
    default_output = "study.html"
    writes_folder = False
    options = (
        ExportOption(
            "title",
            "Title of the page (default: the project's title, from quizgen.yaml; with no "
            "project file, the bank's title, or for several banks the essays' authors).",
        ),
        ExportOption(
            "project",
            "Name under which the browser keeps progress (default: the project's name, "
            "from quizgen.yaml; for the bundled banks and a folder with no project file, "
            "the essays' ids, as before project files). Pages with the same name share "
            "progress.",
            check=project_name,
        ),
    )

    def write(
        self,
        catalog: Catalog,
        questions: Sequence[Question],
        out: Path,
        options: Mapping[str, Any],
        project: Project,
    ) -> Written:
        from ...project import BUNDLED_NAMESPACE
        from ..output import write_atomic
        from .data import study_data
        from .page import render_page

        # A project file names the page; with none (the bundled banks, or a folder of
        # banks) the page is named from the banks, as before project files.
        own_file = not (project.bundled or project.implicit)
        title = options["title"] or (project.title if own_file else None)
        # A teacher's project keeps progress under its own name; the bundled banks and a
        # folder without a project file (whose namespace is the old one) as before, so
        # that a learner's progress stays.
        own = None if project.namespace == BUNDLED_NAMESPACE else project_name(project.name)
        data = study_data(catalog, questions, title=title, project=options["project"] or own)
        html = render_page(data)
        write_atomic(out, html)
        essays = len(data["seeds"])
        lines = (
            f"wrote {out}: {len(data['questions'])} questions, "
            f"{essays} essay{'' if essays == 1 else 's'} to read",
        )
        return Written((out,), lines)


EXPORTER: Exporter = StudyExporter()
