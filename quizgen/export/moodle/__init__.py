"""The Moodle XML exporter: every question type, a category per bank.

Light at import (the CLI reads the options at start-up); the work is in ``xml``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import Exporter, Written
from ..lms import CATEGORY_OPTION, count, default_title

if TYPE_CHECKING:
    from pathlib import Path

    from ...model import Catalog, Question
    from ...project import Project


class MoodleExporter:
    name = "moodle"
    summary = """Write a Moodle XML file: every question type, one category per bank.

    Import it in Moodle's question bank (More > Question bank > Import, format
    "Moodle XML format"). Each question carries its id as the ID number, its points
    as the default mark, its tags, and the explanation and source as general
    feedback.

    \b
    Example:
        quizgen moodle
        quizgen moodle --bank serge-life -o serge-life.xml
        quizgen moodle --category "History 10" --type mcq --type multi
    """
    default_output = "{name}-moodle.xml"
    writes_folder = False
    options = (CATEGORY_OPTION,)

    def write(
        self,
        catalog: Catalog,
        questions: Sequence[Question],
        out: Path,
        options: Mapping[str, Any],
        project: Project,
    ) -> Written:
        from ..output import write_atomic
        from .xml import moodle_xml

        category = options["category"] or default_title(catalog, project)
        data, categories = moodle_xml(catalog, questions, category)
        write_atomic(out, data)
        noun = "category" if categories == 1 else "categories"
        line = (
            f"wrote {out}: {count(len(questions), 'question')} "
            f"in {categories} {noun} under {category!r}"
        )
        return Written((out,), (line,))


EXPORTER: Exporter = MoodleExporter()
