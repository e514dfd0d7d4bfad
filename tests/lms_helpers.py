"""Shared by the LMS export tests: the fixture project, the bundled banks, the exports."""

from __future__ import annotations

import functools
from pathlib import Path

from quizgen.export import Written, defaults, exporter
from quizgen.load import load_catalog
from quizgen.model import Catalog, Question
from quizgen.project import bundled_project

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "lms"
BUNDLED = ROOT / "questions"
SEEDS = ROOT / "seeds"
RICH = ROOT / "tests" / "fixtures" / "rich"
# Rich text without images (what the sheets can take) and a cloze of awkward characters:
# with the rich fixtures, the "rich-all" project.
RICH_PLAIN = ROOT / "tests" / "fixtures" / "rich-plain"
RICH_BANKS = (RICH / "rich-every-type.yaml", RICH_PLAIN / "rich-plain-text.yaml")
PROJECTS: dict[str, tuple[Path, ...]] = {
    "fixture": (FIXTURE,),
    "bundled": (BUNDLED,),
    "rich": (RICH,),
    "rich-all": (RICH, RICH_PLAIN),
}
# Moodle's list of grades a fraction must be on (question_bank::fraction_options_full).
GRADES = {100, 90, 80, 75, 70, 60, 50, 40, 30, 25, 20, 12.5, 10, 5, 0}
GRADES |= {83.33333, 66.66667, 33.33333, 16.66667, 14.28571, 11.11111}
GRADES |= {-g for g in GRADES}


@functools.cache
def catalog(project: str) -> Catalog:
    result = load_catalog(list(PROJECTS[project]), SEEDS)
    return result.catalog


def export(name: str, project: str, out: Path, **options: object) -> Written:
    chosen = exporter(name)
    cat = catalog(project)
    project = bundled_project()
    return chosen.write(cat, cat.questions, out, defaults(chosen, project, **options), project)


def question(project: str, question_id: str) -> Question:
    return next(q for q in catalog(project).questions if q.id == question_id)


def assert_feedback(cat: Catalog, q: Question, text: str) -> None:
    """The feedback a platform shows: the explanation, and each quote with its
    author, title and paragraph."""
    assert q.explanation in text, (q.id, text)
    for c in q.sources:
        essay = cat.essays[c.essay]
        assert c.quote in text, (q.id, c.quote)
        assert essay.author in text, (q.id, essay.author)
        assert essay.title.partition(". ")[0] in text, (q.id, essay.title)
        assert f"paragraph {c.paragraph}" in text, (q.id, c.paragraph)
