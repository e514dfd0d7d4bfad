"""The worksheet exporter: per version a student sheet, an answer key and a quick key,
as standalone HTML and, on request, PDF.

Light at import (the CLI reads the options at start-up); the work is in ``write``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ...vocabulary import MAX_VERSIONS, PAPERS
from .. import Exporter, ExportOption, Written

if TYPE_CHECKING:
    from pathlib import Path

    from ...model import Catalog, Question
    from ...project import Project


class WorksheetExporter:
    name = "worksheet"
    summary = """Write a student sheet, an answer key and a one-page quick key per version.

    Each file is standalone HTML (print it from a browser); --pdf prints PDFs too.
    Questions are grouped by type; with --versions, each version shuffles the
    questions within their groups and the choices, and has its own keys.

    \b
    Example:
        quizgen worksheet --bank serge-life --count 20 --versions 3 --pdf
        quizgen worksheet --type mcq --type truefalse --title "Quiz 1" --paper letter
    """
    default_output = "worksheets"
    writes_folder = True
    options = (
        ExportOption(
            "versions",
            "Write versions A, B, C... with questions and choices shuffled differently.",
            kind="int",
            default=1,
            minimum=1,
            maximum=MAX_VERSIONS,
        ),
        ExportOption("title", "Title of the sheet (default: the bank's title)."),
        ExportOption("instructions", "Instructions under the title.", default=""),
        ExportOption(
            "paper", "Paper size for printing.", kind="choice", default="a4", choices=PAPERS
        ),
        ExportOption(
            "pdf", "Also print each file to PDF (needs Chromium).", kind="flag", default=False
        ),
        ExportOption(
            "answer_sheet",
            "Also write a bubble answer sheet per version, and a key file for `quizgen mark`.",
            kind="flag",
            default=False,
        ),
        ExportOption(
            "match_points",
            "Matching: the question's points count for each pair, or for the whole question.",
            kind="choice",
            default="pair",
            choices=("pair", "question"),
        ),
        ExportOption(
            "partial_credit",
            "Select-all and whole-question matching: a share per right box or pair, or none.",
            kind="choice",
            default="per-item",
            choices=("per-item", "none"),
        ),
        ExportOption(
            "templates",
            "Folder of templates overriding the bundled ones (it mirrors templates/worksheet/).",
            kind="folder",
            must_exist=True,
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
        from ...lint import answers_elsewhere
        from .view import Scoring
        from .write import WorksheetOptions, write_worksheets

        written = write_worksheets(
            catalog,
            questions,
            out,
            WorksheetOptions(
                title=options["title"],
                instructions=options["instructions"],
                paper=options["paper"],
                versions=options["versions"],
                seed=options["seed"],
                templates=options["templates"],
                pdf=options["pdf"],
                answer_sheet=options["answer_sheet"],
                scoring=Scoring(options["match_points"], options["partial_credit"]),
                run_by=options.get("run_by", self.name),
            ),
        )
        first = written.worksheets[0]
        letters = ", ".join(w.letter for w in written.worksheets)
        plural = "s" if len(written.worksheets) > 1 else ""
        lines = [
            f"{len(first.items)} questions, {first.points} points; version{plural} {letters}",
            *(f"wrote {path}" for path in written.files),
            *(f"removed {path} (left from an earlier run)" for path in written.removed),
        ]
        # Every version holds the same questions: one check covers them all.
        warnings = tuple(str(p) for p in answers_elsewhere(questions))
        return Written(written.files, tuple(lines), warnings, removed=written.removed)


EXPORTER: Exporter = WorksheetExporter()
