"""The GIFT exporter: the types GIFT can express, a category per bank.

Light at import (the CLI reads the options at start-up); the work is in ``write``.
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


class GiftExporter:
    name = "gift"
    summary = """Write a GIFT text file for Moodle: the types GIFT can express, a category per bank.

    Multiple choice, select-all (weighted), true/false, short answer, matching,
    essay and a cloze with one blank. Ordering questions and clozes with several
    blanks do not fit GIFT: one warning names them (use `quizgen moodle`).

    \b
    Example:
        quizgen gift
        quizgen gift --bank serge-life --category "History 10" -o serge-life.gift.txt
    """
    default_output = "{name}.gift.txt"
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
        from ..lms import misfit_warning
        from ..output import write_atomic
        from .write import gift_text

        category = options["category"] or default_title(catalog, project)
        text, written, misfits = gift_text(catalog, questions, category)
        write_atomic(out, text)
        line = f"wrote {out}: {count(written, 'question')}"
        warnings = misfit_warning(misfits, "GIFT", "use Moodle XML (quizgen moodle)")
        return Written((out,), (line,), warnings)


EXPORTER: Exporter = GiftExporter()
