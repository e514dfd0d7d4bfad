"""Kahoot (.xlsx, read with openpyxl) and Blooket (.csv): the columns and limits of
each platform's published template, and every row against the bank."""

from __future__ import annotations

import csv

import pytest
from lms_helpers import catalog, export
from openpyxl import load_workbook

from quizgen.export.choices import stable_order
from quizgen.model import MultipleChoice, TrueFalse

# Kahoot's quiz template: headings on row 8 (B to H), one question a row from row 9.
KAHOOT_HEADER = [
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
]
KAHOOT_TIMES = {5, 10, 20, 30, 60, 90, 120, 240}
# Blooket's CSV template: a title row and a header row, 26 columns.
BLOOKET_HEADER = [
    "Question #",
    "Question Text",
    "Answer 1",
    "Answer 2",
    "Answer 3\n(Optional)",
    "Answer 4\n(Optional)",
    "Time Limit (sec)\n(Max: 300 seconds)",
    "Correct Answer(s)\n(Only include Answer #)",
]


def expected_rows(project, question_chars=None, answer_chars=None):
    """(id, text, answers, right numbers) for each question that fits, and the ids left out."""
    rows, left_out = [], []
    for q in catalog(project).questions:
        if isinstance(q, MultipleChoice):
            order = stable_order(q.id, len(q.choices))
            answers = [q.choices[n] for n in order]
            right = [order.index(q.answer_index) + 1]
        elif isinstance(q, TrueFalse):
            answers, right = ["True", "False"], [1 if q.answer else 2]
        else:
            left_out.append(q.id)
            continue
        too_long = (question_chars and len(q.prompt) > question_chars) or (
            answer_chars and max(map(len, answers)) > answer_chars
        )
        if len(answers) > 4 or too_long:
            left_out.append(q.id)
            continue
        rows.append((q.prompt, answers, right))
    return rows, left_out


@pytest.mark.parametrize("project", ["fixture", "bundled"])
def test_kahoot_sheet_follows_the_template(project, tmp_path):
    out = tmp_path / "quiz.xlsx"
    written = export("kahoot", project, out, time_limit="30")
    sheet = load_workbook(out).active
    assert [sheet.cell(8, c).value for c in range(2, 9)] == KAHOOT_HEADER
    rows, left_out = expected_rows(project, 120, 75)
    assert rows, "some questions fit"
    got = []
    for r in range(9, sheet.max_row + 1):
        values = [sheet.cell(r, c).value for c in range(1, 9)]
        assert values[0] == r - 8
        assert len(values[1]) <= 120
        answers = [a for a in values[2:6] if a is not None]
        assert 2 <= len(answers) <= 4 and all(len(a) <= 75 for a in answers)
        assert values[6] in KAHOOT_TIMES and values[6] == 30
        assert isinstance(values[7], int)
        got.append((values[1], answers, [int(n) for n in str(values[7]).split(",")]))
    assert got == rows
    [warning] = written.warnings
    assert warning.startswith(f"{len(left_out)} questions left out, as Kahoot's spreadsheet")
    assert all(qid in warning for qid in left_out)


@pytest.mark.parametrize("project", ["fixture", "bundled"])
def test_blooket_csv_follows_the_template(project, tmp_path):
    out = tmp_path / "quiz.csv"
    written = export("blooket", project, out, time_limit=45)
    data = out.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    table = list(csv.reader(data.decode().splitlines(keepends=True)))
    assert all(len(row) == 26 for row in table)
    assert table[0][0] == "Blooket\nImport Template" and not any(table[0][1:])
    assert table[1][:8] == BLOOKET_HEADER and not any(table[1][8:])
    rows, left_out = expected_rows(project)
    got = []
    for n, row in enumerate(table[2:], start=1):
        assert row[0] == str(n) and int(row[6]) == 45 <= 300
        got.append((row[1], [a for a in row[2:6] if a], [int(c) for c in row[7].split(",")]))
        assert not any(row[8:])
    assert got == rows
    [warning] = written.warnings
    assert warning.startswith(f"{len(left_out)} questions left out, as Blooket's spreadsheet")


def test_one_warning_groups_the_reasons(tmp_path):
    written = export("kahoot", "fixture", tmp_path / "quiz.xlsx")
    assert written.warnings == (
        "10 questions left out, as Kahoot's spreadsheet cannot hold them: "
        "select-all (Kahoot! counts any one marked answer as right): lms-multi; "
        "no short-answer type: lms-short; no cloze type: lms-cloze-one, lms-cloze-two; "
        "no matching type: lms-match; no ordering type: lms-order; no essay type: lms-essay; "
        "question over 120 characters: lms-mcq-long (126); more than 4 choices: "
        "lms-mcq-five (5); an answer over 75 characters: lms-mcq-wide (88)",
    )


# The rich fixtures' rows as a reader sees them: (id, question, choices in the bank's
# order, the right one). Markdown markers, TeX and HTML are gone; math reads as text.
RICH_ROWS = [
    (
        "rich-sheet-mcq",
        "Which fraction equals 2/4? Answer without a calculator.",
        ["1/2", "two thirds", "0.25", "x^(2+3)"],
        "1/2",
    ),
    ("rich-sheet-truefalse", "True or false? √(9) + √(16) = 7", None, "True"),
    (
        # 134 characters as written, 86 as shown: the limits count what is shown.
        "rich-sheet-fits-once-converted",
        "Which is α/β × γ/δ written as one fraction, with the product of the numerators on top?",
        ["(α × γ)/(β × δ), which is the product of the two fractions", "(α + γ)/(β + δ)"],
        "(α × γ)/(β × δ), which is the product of the two fractions",
    ),
    (
        "rich-sheet-too-long",  # 121 characters shown: over Kahoot's 120, Blooket has no limit
        "Which of these is √(2) to two decimal places, given that 1.41^2 = 1.9881 and "
        "1.42^2 = 2.0164, as a careful reader checks?",
        ["1.41", "1.42"],
        "1.41",
    ),
]
RICH_LEFT_OUT = (
    "has an image: rich-mcq, rich-truefalse; "
    "select-all ({platform} counts any one marked answer as right): rich-multi; "
    "no short-answer type: rich-short; "
    "no cloze type: rich-cloze, rich-cloze-one, rich-cloze-syntax; "
    "no matching type: rich-match, rich-match-plain; no ordering type: rich-order; "
    "no essay type: rich-essay"
)


def _rich_expected(platform_rows: int):
    rows = []
    for qid, text, choices, right in RICH_ROWS[:platform_rows]:
        if choices is None:
            answers = ["True", "False"]
        else:
            answers = [choices[n] for n in stable_order(qid, len(choices))]
        rows.append((text, answers, [answers.index(right) + 1]))
    return rows


def _no_markup(cells):
    for cell in cells:
        for marker in ("*", "`", "$", "\\", "<", "&", "{"):
            assert marker not in cell, (marker, cell)


def test_kahoot_cells_hold_rich_text_as_plain_text(tmp_path):
    out = tmp_path / "rich.xlsx"
    written = export("kahoot", "rich-all", out)
    sheet = load_workbook(out).active
    got = []
    for r in range(9, sheet.max_row + 1):
        values = [sheet.cell(r, c).value for c in range(1, 9)]
        answers = [a for a in values[2:6] if a is not None]
        _no_markup([values[1], *answers])
        got.append((values[1], answers, [values[7]]))
    assert got == _rich_expected(3)
    assert written.warnings == (
        "12 questions left out, as Kahoot's spreadsheet cannot hold them: "
        + RICH_LEFT_OUT.format(platform="Kahoot!")
        + "; question over 120 characters: rich-sheet-too-long (121)",
    )


def test_blooket_cells_hold_rich_text_as_plain_text(tmp_path):
    out = tmp_path / "rich.csv"
    written = export("blooket", "rich-all", out)
    table = list(csv.reader(out.read_text(encoding="utf-8").splitlines(keepends=True)))
    got = []
    for row in table[2:]:
        answers = [a for a in row[2:6] if a]
        _no_markup([row[1], *answers])
        got.append((row[1], answers, [int(row[7])]))
    assert got == _rich_expected(4)
    assert written.warnings == (
        "11 questions left out, as Blooket's spreadsheet cannot hold them: "
        + RICH_LEFT_OUT.format(platform="Blooket"),
    )
