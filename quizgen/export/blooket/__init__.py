"""The Blooket exporter: Blooket's spreadsheet import template, filled in (.csv).

Light at import (the CLI reads the options at start-up); the work is in ``sheet``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import Exporter, ExportOption, Written
from ..lms import count

if TYPE_CHECKING:
    from pathlib import Path

    from ...model import Catalog, Question
    from ...project import Project


class BlooketExporter:
    name = "blooket"
    summary = """Write a Blooket import sheet (.csv): multiple choice and true/false.

    Import it in Blooket: create a set, then "Spreadsheet Import". The file
    follows Blooket's CSV template: up to 4 answers, a time limit of at most 300
    seconds. One warning names every question that does not fit.

    \b
    Example:
        quizgen blooket
        quizgen blooket --type mcq --time-limit 30 -o quiz.csv
    """
    default_output = "{name}-blooket.csv"
    writes_folder = False
    options = (
        ExportOption(
            "time_limit",
            "Seconds to answer each question (Blooket allows up to 300).",
            kind="int",
            default=20,
            minimum=1,
            maximum=300,
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
        from ..lms import misfit_warning
        from .sheet import blooket_csv

        rows, misfits = blooket_csv(out, questions, options["time_limit"])
        line = f"wrote {out}: {count(rows, 'question')} for Blooket"
        return Written((out,), (line,), misfit_warning(misfits, "Blooket's spreadsheet"))


EXPORTER: Exporter = BlooketExporter()
