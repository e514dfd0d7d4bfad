"""The Kahoot exporter: Kahoot's quiz spreadsheet template, filled in (.xlsx).

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

# The time limits the template allows, in seconds.
TIME_LIMITS = ("5", "10", "20", "30", "60", "90", "120", "240")


class KahootExporter:
    name = "kahoot"
    summary = """Write a Kahoot! quiz spreadsheet (.xlsx): multiple choice and true/false.

    Import it in Kahoot!: create a kahoot, then "Import spreadsheet". The sheet
    follows Kahoot's template: questions up to 120 characters, answers up to 75,
    at most 4 answers. One warning names every question that does not fit.

    \b
    Example:
        quizgen kahoot
        quizgen kahoot --bank serge-life --time-limit 30 -o serge-life.xlsx
    """
    default_output = "{name}-kahoot.xlsx"
    writes_folder = False
    options = (
        ExportOption(
            "time_limit",
            "Seconds to answer each question.",
            kind="choice",
            default="20",
            choices=TIME_LIMITS,
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
        from .sheet import LIMITS, kahoot_rows, write_workbook

        rows, misfits = kahoot_rows(questions)
        warnings = misfit_warning(misfits, "Kahoot's spreadsheet")
        write_workbook(out, rows, int(options["time_limit"]))
        line = f"wrote {out}: {count(len(rows), 'question')} for {LIMITS.platform}"
        return Written((out,), (line,), warnings)


EXPORTER: Exporter = KahootExporter()
