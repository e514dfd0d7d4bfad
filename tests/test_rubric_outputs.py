"""Markable essays: the worksheet key and the Anki back show each criterion with its
points and, where the bank gives them, its levels."""

from __future__ import annotations

from pathlib import Path

import pytest
from ankicol import SEEDS, copy_banks, imported, notes_by_id, visible
from click.testing import CliRunner
from worksheet_helpers import EVERY_TYPE, WEIGHTED, catalog, normalize, read_entries

from quizgen.cli import cli
from quizgen.export.worksheet.write import WorksheetOptions, write_worksheets

WEIGHTED_RUBRIC = (
    "Rubric, 6 pts: "
    "States Lynd's judgment (2 pts) "
    "Full Says Lynd sees an attempt, not a finished synthesis "
    "Partial Says Serge combined the two, without Lynd's reservation "
    "None No judgment, or one Lynd does not make "
    "Supports it from the essay (4 pts) "
    "Full Two passages of the essay, each explained "
    "Partial One passage, or passages quoted without explanation "
    "None No evidence from the essay"
)


def _key_texts(tmp_path: Path, *banks: Path) -> dict[str, str]:
    c = catalog(*banks)
    essays = [q for q in c.questions if q.kind == "essay"]
    write_worksheets(c, essays, tmp_path, WorksheetOptions())
    entries = read_entries((tmp_path / "key-A.html").read_text("utf-8"))
    return {e.id: normalize(e.text) for e in entries}


def test_worksheet_key_shows_points_and_levels(tmp_path: Path) -> None:
    texts = _key_texts(tmp_path, WEIGHTED, EVERY_TYPE)
    assert WEIGHTED_RUBRIC in texts["sample-weighted-essay"]
    assert texts["sample-weighted-essay"].endswith("6 pts")
    # Two plain criteria cannot share 1 point: the criteria carry no points.
    assert (
        "Rubric: names the two traditions connects them to Serge's life Why:"
        in texts["sample-essay"]
    )


def test_plain_criteria_show_their_equal_share(tmp_path: Path) -> None:
    bank = tmp_path / "plain.yaml"
    bank.write_text(
        "title: t\nquestions:\n  - id: shared\n    type: essay\n    prompt: p\n"
        "    answer: a\n    points: 4\n    rubric: [one thing, another]\n"
    )
    texts = _key_texts(tmp_path / "out", bank)
    assert "Rubric: one thing (2 pts) another (2 pts)" in texts["shared"]


@pytest.mark.slow
def test_anki_back_shows_points_and_levels_in_the_same_fields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_banks(tmp_path / "banks", WEIGHTED, EVERY_TYPE)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["anki", "banks", "--seeds", str(SEEDS), "-o", "deck.apkg"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    with imported(tmp_path / "deck.apkg", tmp_path / "student") as col:
        notes = notes_by_id(col)
        note = notes["sample-weighted-essay"]
        notetype = note.note_type()
        assert notetype is not None and notetype["name"] == "quizgen Q&A"
        # The fields students' notes are matched by stay as they were.
        assert [f["name"] for f in notetype["flds"]] == [
            "Question",
            "Answer",
            "Also accepted",
            "Explanation",
            "Source",
            "Question ID",
        ]
        back = " ".join(visible(note.cards()[0].answer()).split())
        assert (
            "Rubric (6 points):States Lynd's judgment (2 points)"
            "Full Says Lynd sees an attempt, not a finished synthesis"
            "Partial Says Serge combined the two, without Lynd's reservation"
            "None No judgment, or one Lynd does not make"
            "Supports it from the essay (4 points)"
        ) in back
        plain = " ".join(visible(notes["sample-essay"].cards()[0].answer()).split())
        assert "Rubric (1 point):names the two traditionsconnects them to Serge's life" in plain


def test_study_page_lists_the_criteria_of_a_weighted_rubric(run, tmp_path: Path) -> None:
    page = tmp_path / "study.html"
    result = run("study", str(WEIGHTED), str(EVERY_TYPE), "-o", str(page))
    assert result.exit_code == 0, result.output
    html = page.read_text("utf-8")
    # A weighted criterion shows the learner its points and what full credit looks like.
    assert (
        '"rubric":["States Lynd\'s judgment (2 pts): Says Lynd sees an attempt, not a finished '
        'synthesis","Supports it from the essay (4 pts): Two passages of the essay, each '
        'explained"]'
    ) in html
    assert '"rubric":["names the two traditions","connects them to Serge\'s life"]' in html
