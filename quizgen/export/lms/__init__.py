"""What the learning-platform exporters (Moodle, GIFT, Canvas, Kahoot, Blooket) share.

Not an exporter itself: the feedback every platform shows (the explanation and the
quoted sources), the choice order, the select-all weights, the project option and
the one warning listing what a format cannot hold. Light at import.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import ExportOption

if TYPE_CHECKING:
    from ...model import Catalog, Question
    from ...project import Project

# The project's name until a project file names it: categories and quiz titles sit under it.


def project_name(value: str) -> str:
    """A category or quiz title with its spaces folded; ValueError if it is empty."""
    name = " ".join(value.split())
    if not name:
        raise ValueError(f"{value!r} is empty")
    return name


def project_option(name: str, help: str) -> ExportOption:
    """A category or title option; by default the project's title."""
    return ExportOption(name, f"{help} (default: the project's title)", check=project_name)


def default_title(catalog: Catalog, project: Project) -> str:
    """The category or quiz title when none is given: see :func:`quizgen.project.title_for`."""
    from ...project import title_for

    return title_for(project, [b.path for b in catalog.banks], [b.title for b in catalog.banks])


# Moodle's and GIFT's one option: where the banks' categories go.
CATEGORY_OPTION = project_option(
    "category",
    "Top category in Moodle's question bank; each bank becomes a category under it.",
)


def short_title(title: str) -> str:
    """A essay's title up to its first full stop, as the answer keys cite it."""
    head, stop, _ = title.partition(". ")
    return head if stop else title


def citations(catalog: Catalog, q: Question) -> tuple[str, ...]:
    """Each source of ``q`` as one line: the quote, author, title and paragraph."""
    lines = []
    for c in q.sources:
        essay = catalog.essays[c.essay]
        where = f", paragraph {c.paragraph}" if c.paragraph is not None else ""
        lines.append(f"“{c.quote}” ({essay.author}, {short_title(essay.title)}{where})")
    return tuple(lines)


def feedback_parts(catalog: Catalog, q: Question) -> tuple[str, ...]:
    """The explanation, then 'Source: ...' per citation: the feedback on every platform."""
    parts = [q.explanation] if q.explanation else []
    parts.extend(f"Source: {line}" for line in citations(catalog, q))
    return tuple(parts)


def feedback_text(catalog: Catalog, q: Question, joiner: str = "\n") -> str:
    return joiner.join(feedback_parts(catalog, q))


def choice_order(q_id: str, count: int) -> tuple[int, ...]:
    """THE order of a question's lettered choices (quizgen.export.choices)."""
    from ..choices import stable_order  # not at import: ``quizgen --help`` stays light

    return stable_order(q_id, count)


def percent(value: float) -> str:
    """A percentage as Moodle writes grades: 100, 50, 33.33333, 12.5, -25."""
    text = f"{value:.7g}"
    return "0" if text == "-0" else text


@dataclass(frozen=True)
class Weights:
    """The select-all policy: each right choice earns 100/right, each wrong one
    costs 100/wrong. Every right choice and no wrong one is 100%; ticking every
    box scores 0 (the platforms floor a total below 0 at 0). Both values are on
    Moodle's list of grades for up to 10 choices of each kind."""

    right: float
    wrong: float


def select_all_weights(right: int, wrong: int) -> Weights:
    return Weights(100 / right, -100 / wrong if wrong else 0.0)


def positions(count: int) -> tuple[str, ...]:
    """The right-hand column of an ordering shown as a matching (Canvas)."""
    return tuple(f"Position {n}" for n in range(1, count + 1))


@dataclass(frozen=True)
class Misfit:
    """A question a format cannot hold: why (shared by others), and its own figure."""

    question_id: str
    reason: str
    detail: str = ""


def misfit_warning(misfits: Sequence[Misfit], platform: str, advice: str = "") -> tuple[str, ...]:
    """One warning naming every question left out, grouped by reason; none if none.

    ``5 questions left out, as GIFT cannot hold them: no ordering type: a, b; a cloze
    with several blanks: c (2 blanks); use Moodle XML (quizgen moodle)``
    """
    if not misfits:
        return ()
    groups: dict[str, list[str]] = {}
    for m in misfits:
        named = f"{m.question_id} ({m.detail})" if m.detail else m.question_id
        groups.setdefault(m.reason, []).append(named)
    listed = "; ".join(f"{reason}: {', '.join(ids)}" for reason, ids in groups.items())
    tail = f"; {advice}" if advice else ""
    noun = "question" if len(misfits) == 1 else "questions"
    return (f"{len(misfits)} {noun} left out, as {platform} cannot hold them: {listed}{tail}",)


def count(n: int, thing: str) -> str:
    return f"{n} {thing}{'' if n == 1 else 's'}"


def bank_titles(catalog: Catalog, questions: Iterable[Question]) -> dict[str, str]:
    """Bank id -> title, for the banks the questions come from, in catalog order."""
    used = {q.bank for q in questions}
    return {b.id: b.title for b in catalog.banks if b.id in used}
