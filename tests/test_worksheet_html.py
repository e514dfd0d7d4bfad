"""Worksheet HTML without a browser: keys against sheets, escaping, templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from worksheet_helpers import (
    BUNDLED_BANKS,
    EVERY_TYPE,
    MARKUP,
    SHUFFLE,
    Entry,
    catalog,
    read_entries,
)

from quizgen.errors import TemplateError
from quizgen.export.worksheet.html import WorksheetTemplates, bundled_templates, css_string
from quizgen.export.worksheet.view import Worksheet
from quizgen.export.worksheet.write import WorksheetOptions, make_worksheets, write_worksheets
from quizgen.model import (
    Catalog,
    Cloze,
    Essay,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Ordering,
    ShortAnswer,
    TrueFalse,
)
from quizgen.select import Selection, sample, select


@pytest.fixture(scope="module")
def every_type() -> Catalog:
    return catalog(EVERY_TYPE, SHUFFLE)


@pytest.fixture(scope="module")
def templates() -> WorksheetTemplates:
    return WorksheetTemplates()


def _check_key_against_sheet(catalog_: Catalog, sheet: list[Entry], key: list[Entry]) -> None:
    """What a marking tool would do: read the key's data-answer, find on the sheet
    what it points at, and compare that with the bank's answer."""
    by_id = {q.id: q for q in catalog_.questions}
    assert [e.id for e in key] == [e.id for e in sheet], "key and sheet number alike"
    sheet_by_id = {e.id: e for e in sheet}
    for entry in key:
        q, on_sheet, answer = by_id[entry.id], sheet_by_id[entry.id], entry.answer or ""
        if isinstance(q, MultipleChoice):
            assert on_sheet.letters[answer] == q.answer
        elif isinstance(q, MultipleAnswer):
            chosen = {on_sheet.letters[letter] for letter in answer.split(",")}
            assert chosen == set(q.answers)
        elif isinstance(q, Ordering):
            assert [on_sheet.letters[letter] for letter in answer.split(",")] == list(q.items)
        elif isinstance(q, Matching):
            pairs = dict(part.split("-") for part in answer.split(","))
            shown = {on_sheet.numbers[n]: on_sheet.letters[letter] for n, letter in pairs.items()}
            assert shown == {p.left: p.right for p in q.pairs}
        elif isinstance(q, Cloze):
            assert answer.split(" | ") == [d.answer for d in q.deletions]
        elif isinstance(q, TrueFalse):
            assert answer == str(q.answer).lower()
        else:  # short, essay
            assert isinstance(q, (ShortAnswer, Essay))
            assert answer == q.answer


def test_every_versions_keys_match_its_sheet(
    every_type: Catalog, templates: WorksheetTemplates
) -> None:
    worksheets = make_worksheets(every_type, every_type.questions, WorksheetOptions(versions=4))
    answers = set()
    for ws in worksheets:
        pages = templates.render(ws)
        sheet, key, quick = (read_entries(p) for p in (pages.sheet, pages.key, pages.quick_key))
        assert len(sheet) == len(every_type.questions)
        assert all(e.answer is None for e in sheet), "the sheet gives no answer away"
        _check_key_against_sheet(every_type, sheet, key)
        assert [(e.id, e.answer) for e in quick] == [(e.id, e.answer) for e in key]
        answers.add(tuple(e.answer for e in key))
    assert len(answers) == 4, "each version has its own key"


def test_bundled_banks_keys_match_sheets(templates: WorksheetTemplates) -> None:
    bundled = catalog(BUNDLED_BANKS)
    for ws in make_worksheets(bundled, bundled.questions, WorksheetOptions(versions=2)):
        pages = templates.render(ws)
        _check_key_against_sheet(bundled, read_entries(pages.sheet), read_entries(pages.key))


def test_a_key_from_another_version_is_caught(
    every_type: Catalog, templates: WorksheetTemplates
) -> None:
    """The check above can fail: version B's key does not fit version A's sheet."""
    a, b = make_worksheets(every_type, every_type.questions, WorksheetOptions(versions=2, seed=4))
    sheet_a = read_entries(templates.render(a).sheet)
    key_b = {e.id: e for e in read_entries(templates.render(b).key)}
    key_b_in_a_order = [key_b[e.id] for e in sheet_a]
    with pytest.raises(AssertionError):
        _check_key_against_sheet(every_type, sheet_a, key_b_in_a_order)
    assert a.check_code != b.check_code


def test_text_that_looks_like_markup_is_shown_as_written(templates: WorksheetTemplates) -> None:
    markup = catalog(MARKUP)
    (ws,) = make_worksheets(markup, markup.questions, WorksheetOptions())
    pages = templates.render(ws)
    sheet, key = read_entries(pages.sheet), read_entries(pages.key)
    assert "Which is written <b>bold</b> & not bold?" in sheet[0].text
    assert sorted(sheet[0].letters.values()) == sorted(["<b>", "&amp;", "a < b", "x > y"])
    assert "Only <b> opens a tag; &amp; is an entity." in key[0].text
    assert key[1].answer == "&amp;"
    assert key[2].answer == "<br> | &nbsp;"
    assert "<b>bold" not in pages.sheet and "&lt;b&gt;bold&lt;/b&gt; &amp; not" in pages.sheet
    assert "<br>" not in pages.key
    assert "<title>Tags &amp; &lt;angle&gt; brackets (version A)</title>" in pages.sheet


def test_css_string_cannot_break_out_of_the_style_element() -> None:
    assert css_string('A "quiz" \\ </style><script>') == (
        '"A \\22 quiz\\22  \\5c  \\3c /style\\3e \\3c script\\3e "'
    )
    assert css_string("two\nlines") == '"two lines"'


def test_sheet_header_sections_and_points(
    every_type: Catalog, templates: WorksheetTemplates
) -> None:
    options = WorksheetOptions(title="Unit 3 quiz", instructions="Use a pen.", paper="letter")
    (ws,) = make_worksheets(every_type, every_type.questions, options)
    sheet = templates.render(ws).sheet
    assert "<h1>Unit 3 quiz</h1>" in sheet
    assert '<p class="version">Version A</p>' in sheet
    assert '<p class="instructions">Use a pen.</p>' in sheet
    # Matching counts its points per pair by default: 3 pairs of 1 point are 3 points.
    points = sum(q.points * len(getattr(q, "pairs", [0])) for q in every_type.questions)
    assert ws.points == points
    # The grading table: a row per part with its question numbers and points, a total.
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td><td>(\d+)</td>", sheet)
    assert rows[-1] == ("Total", "", str(points))
    assert [r[0] for r in rows[:-1]] == [
        f"{s.number}. {h}"
        for s, h in zip(
            ws.sections,
            [
                "Multiple choice",
                "Select all that apply",
                "True or false",
                "Short answer",
                "Fill in the blanks",
                "Matching",
                "Ordering",
                "Essay",
            ],
            strict=True,
        )
    ]
    assert [int(r[2]) for r in rows[:-1]] == [s.points for s in ws.sections]
    # A mark box beside every written answer, and only there.
    assert sheet.count('class="markbox"') == sum(i.written for i in ws.items)
    assert "size: letter;" in sheet
    assert re.findall(r"<h2 id=\"part-\d+\"><span>Part (\d+)", sheet) == [
        str(n) for n in range(1, 9)
    ]
    assert [s.kind for s in ws.sections] == [
        "mcq",
        "multi",
        "truefalse",
        "short",
        "cloze",
        "match",
        "order",
        "essay",
    ]
    assert [i.number for i in ws.items] == list(range(1, len(every_type.questions) + 1))
    assert "<script" not in sheet and "http" not in sheet.replace("http-equiv", "")


def test_default_title_is_the_banks_or_worksheet(every_type: Catalog) -> None:
    one_bank = [q for q in every_type.questions if q.bank == "every-type"]
    assert make_worksheets(every_type, one_bank, WorksheetOptions())[0].title == (
        "Every question type"
    )
    assert make_worksheets(every_type, every_type.questions, WorksheetOptions())[0].title == (
        "Worksheet"
    )


def test_answer_lines_are_sized_to_the_answer(every_type: Catalog) -> None:
    (ws,) = make_worksheets(every_type, every_type.questions, WorksheetOptions())
    short = next(i for i in ws.items if i.question.id == "sample-short")
    assert (short.line_size, short.line_count) == ("m", 1)  # "in 1891" is the longest accepted
    essay = next(i for i in ws.items if i.kind == "essay")
    assert essay.line_count == 6


def _override(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return tmp_path


def _worksheet(c: Catalog) -> Worksheet:
    return make_worksheets(c, c.questions, WorksheetOptions())[0]


def test_a_teacher_overrides_one_template_and_keeps_the_rest(
    tmp_path: Path, every_type: Catalog
) -> None:
    bundled = (bundled_templates() / "types" / "truefalse.html.j2").read_text(encoding="utf-8")
    folder = _override(
        tmp_path,
        "types/truefalse.html.j2",
        bundled.replace("Circle True or False.", "Circle T or F, in pen."),
    )
    sheet = WorksheetTemplates(folder).render(_worksheet(every_type)).sheet
    assert "<p>Circle T or F, in pen.</p>" in sheet
    assert "<p>Fill in the circle of the one best answer.</p>" in sheet  # bundled mcq


def test_override_templates_are_autoescaped_too(tmp_path: Path, every_type: Catalog) -> None:
    markup = catalog(MARKUP)
    folder = _override(
        tmp_path,
        "types/mcq.html.j2",
        "{% macro heading() %}MCQ{% endmacro %}"
        "{% macro instructions() %}{% endmacro %}"
        "{% macro question(item) %}<p>{{ item.question.prompt }}</p>{% endmacro %}"
        "{% macro answer(item) %}{% endmacro %}"
        "{% macro quick(item) %}{% endmacro %}",
    )
    sheet = WorksheetTemplates(folder).render(_worksheet(markup)).sheet
    assert "<p>Which is written &lt;b&gt;bold&lt;/b&gt; &amp; not bold?</p>" in sheet


def test_a_folder_that_overrides_nothing_is_refused(tmp_path: Path) -> None:
    _override(tmp_path, "mcq.html.j2", "misplaced")
    with pytest.raises(
        TemplateError,
        match=r"--templates .*: mcq.html.j2 would replace no "
        r"bundled template \(did you mean 'types/mcq.html.j2'\?\)",
    ):
        WorksheetTemplates(tmp_path)


def test_a_broken_template_names_its_file_and_line(tmp_path: Path) -> None:
    folder = _override(tmp_path, "sheet.html.j2", "line one\n{% if %}\n")
    with pytest.raises(TemplateError) as e:
        WorksheetTemplates(folder)
    assert str(e.value).startswith(f"{folder / 'sheet.html.j2'}:2: ")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("line one\n{{ 1 / 0 }}\n", "sheet.html.j2:2: ZeroDivisionError: division by zero"),
        ('{% include "missing.j2" %}', "sheet.html.j2:1: template not found: missing.j2"),
    ],
    ids=["runtime-error", "missing-include"],
)
def test_a_template_failing_while_rendering_is_a_template_error(
    tmp_path: Path, every_type: Catalog, text: str, message: str
) -> None:
    folder = _override(tmp_path, "sheet.html.j2", text)
    with pytest.raises(TemplateError) as e:
        WorksheetTemplates(folder).render(_worksheet(every_type))
    assert str(e.value) == f"{folder}/{message}"


def test_a_template_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    (tmp_path / "types").mkdir()
    (tmp_path / "types" / "mcq.html.j2").write_bytes(b"\xff")
    with pytest.raises(TemplateError) as e:
        WorksheetTemplates(tmp_path)
    assert str(e.value) == (
        f"{tmp_path}/types/mcq.html.j2: not UTF-8 text (byte 0); save it as UTF-8"
    )


def test_an_unknown_name_in_a_template_is_an_error_not_a_blank(
    tmp_path: Path, every_type: Catalog
) -> None:
    folder = _override(tmp_path, "quick-key.html.j2", "{{ ws.no_such_thing }}\n")
    with pytest.raises(TemplateError) as e:
        WorksheetTemplates(folder).render(_worksheet(every_type))
    assert str(e.value) == (
        f"{folder / 'quick-key.html.j2'}:1: 'quizgen.export.worksheet.view.Worksheet object' "
        "has no attribute 'no_such_thing'"
    )


def test_ten_versions_of_a_hundred_questions(tmp_path: Path) -> None:
    # How long this takes is measured by benchmarks/run.py, not asserted here.
    bundled = catalog(BUNDLED_BANKS)
    questions = sample(select(bundled, Selection()), 100, 1)
    assert len(questions) == 100
    written = write_worksheets(bundled, questions, tmp_path, WorksheetOptions(versions=10))
    assert len(written.files) == 30
