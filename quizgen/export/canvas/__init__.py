"""The Canvas exporter: one QTI 1.2 zip holding one classic quiz.

Light at import (the CLI reads the options at start-up); the work is in ``qti``
and ``package``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import Exporter, Written
from ..lms import count, default_title, project_option

if TYPE_CHECKING:
    from pathlib import Path

    from ...model import Catalog, Question
    from ...project import Project


class CanvasExporter:
    name = "canvas"
    summary = """Write a QTI 1.2 zip for Canvas: one classic quiz of the selected questions.

    Import it in a course: Settings > Import Course Content, type "QTI .zip file".
    Every type maps to a Canvas type; an ordering question becomes a matching of
    each item to its position.

    \b
    Example:
        quizgen canvas
        quizgen canvas --bank serge-life --title "Quiz 1" -o quiz1.zip
    """
    default_output = "{name}-canvas.zip"
    writes_folder = False
    options = (project_option("title", "Title of the quiz in Canvas."),)

    def write(
        self,
        catalog: Catalog,
        questions: Sequence[Question],
        out: Path,
        options: Mapping[str, Any],
        project: Project,
    ) -> Written:
        from ...scoring import DEFAULT_SCORING
        from ..output import write_atomic
        from .package import canvas_zip

        title = options["title"] or default_title(catalog, project)
        data = canvas_zip(catalog, questions, title)
        write_atomic(out, data)
        points = DEFAULT_SCORING.total(questions)
        line = (
            f"wrote {out}: the quiz {title!r}, "
            f"{count(len(questions), 'question')}, {count(points, 'point')}"
        )
        return Written((out,), (line,))


EXPORTER: Exporter = CanvasExporter()
