"""Moodle XML, read back: the shapes of Moodle's own fixtures, and every answer,
fraction, feedback and tag against the bank.

The shapes (which elements a question of each type has, in which order) are those of
moodle/moodle question/format/xml/tests/fixtures/ (multichoice.xml, truefalse and
essay in nested_categories_with_questions.xml, cloze in multianswer.xml) and
question/type/ordering/tests/fixtures/testquestion.moodle.xml; shortanswer and
matching follow the order of Moodle's XML writer (question/format/xml/format.php).
Written here as lists, not copied files.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest
from lms_helpers import GRADES, assert_feedback, catalog, export

from quizgen.export.choices import stable_order
from quizgen.model import (
    Cloze,
    Essay,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Ordering,
    ShortAnswer,
    TrueFalse,
)

HEAD = [
    "name",
    "questiontext",
    "generalfeedback",
    "defaultgrade",
    "penalty",
    "hidden",
    "idnumber",
]
COMBINED = ["correctfeedback", "partiallycorrectfeedback", "incorrectfeedback", "shownumcorrect"]
# Moodle's element order per type; a question may leave elements out, never reorder them.
SHAPES = {
    "multichoice": [
        *HEAD,
        "single",
        "shuffleanswers",
        "answernumbering",
        "showstandardinstruction",
        *COMBINED,
        "answer",
        "hint",
        "tags",
    ],
    "truefalse": [*HEAD, "answer", "tags"],
    "shortanswer": [*HEAD, "usecase", "answer", "hint", "tags"],
    "cloze": [*HEAD, "hint", "tags"],
    "matching": [*HEAD, "shuffleanswers", *COMBINED, "subquestion", "hint", "tags"],
    "ordering": [
        *HEAD,
        "layouttype",
        "selecttype",
        "selectcount",
        "gradingtype",
        "showgrading",
        "numberingstyle",
        *COMBINED,
        "answer",
        "hint",
        "tags",
    ],
    "essay": [
        *HEAD,
        "responseformat",
        "responserequired",
        "responsefieldlines",
        "attachments",
        "attachmentsrequired",
        "graderinfo",
        "responsetemplate",
        "tags",
    ],
    "category": ["category", "info", "idnumber"],
}


@pytest.fixture(scope="module", params=["fixture", "bundled"])
def exported(request, tmp_path_factory):
    out = tmp_path_factory.mktemp("moodle") / "quiz.xml"
    written = export("moodle", request.param, out)
    return request.param, ET.parse(out).getroot(), written


def _text(element, path):
    found = element.find(path)
    assert found is not None, path
    return found.findtext("text") if found.find("text") is not None else found.text or ""


def _plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


# Moodle's multianswer parser, the parts a SHORTANSWER sub-question uses, as
# qtype_multianswer_extract_question reads them (question/type/multianswer/
# questiontype.php): an answer ends at ~, # or } unless a \\, & or &amp; is before it.
_ANSWER = r"(?:.+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$))"
_FEEDBACK = r"(?:.*?(?<!\\)(?=[~}]|$))"
_ALTERNATIVE = rf"(=|%-?[0-9]+%)?({_ANSWER})(?:#({_FEEDBACK}))?"
_SUBQUESTION = re.compile(
    rf"\{{([0-9]*):(?:SHORTANSWER|SA|MW):({_ALTERNATIVE}(?:~{_ALTERNATIVE})*)\}}", re.S
)


def moodle_multianswer(text: str) -> tuple[list[tuple[int, str]], str]:
    """Each sub-question's weight and what a student types to be right, and the text
    with each sub-question replaced by Moodle's ``{#n}`` placeholder."""
    found = []
    n = 0
    while m := _SUBQUESTION.search(text):
        n += 1
        alternative = re.match(_ALTERNATIVE, m.group(2), re.S)
        assert alternative is not None and alternative.group(1) == "=", m.group(0)
        answer = html.unescape(alternative.group(2)).replace("\\}", "}").replace("\\#", "#")
        # The short answer's own rule: an unescaped * is a wildcard (never written here).
        assert not re.search(r"(?<!\\)\*", answer), answer
        found.append((int(m.group(1) or 1), answer.replace("\\*", "*")))
        text = text[: m.start()] + f"{{#{n}}}" + text[m.end() :]
    return found, text


def _in_order(tags, shape):
    positions = [shape.index(t) for t in tags]  # ValueError: an element Moodle's shape lacks
    return positions == sorted(positions)


def test_every_element_in_moodles_order(exported):
    _, root, _ = exported
    seen = set()
    for element in root:
        qtype = element.get("type")
        seen.add(qtype)
        tags = [child.tag for child in element]
        assert _in_order(tags, SHAPES[qtype]), (qtype, tags)
    assert root.tag == "quiz"
    assert "category" in seen


def test_one_category_per_bank_under_the_project(exported):
    project, root, written = exported
    cat = catalog(project)
    paths = [_text(e, "category") for e in root if e.get("type") == "category"]
    assert paths == [f"$course$/Victor Serge/{b.title.replace('/', '//')}" for b in cat.banks]
    assert written.lines[0].endswith(
        f"in {len(cat.banks)} categor"
        + ("y under 'Victor Serge'" if len(cat.banks) == 1 else "ies under 'Victor Serge'")
    )


def test_every_question_against_the_bank(exported):
    project, root, written = exported
    cat = catalog(project)
    by_id = {q.id: q for q in cat.questions}
    elements = [e for e in root if e.get("type") != "category"]
    assert [e.findtext("idnumber") for e in elements] == [q.id for q in cat.questions]
    assert written.warnings == ()
    for element in elements:
        q = by_id[element.findtext("idnumber")]
        assert_feedback(cat, q, _plain(_text(element, "generalfeedback")))
        tags = [t.findtext("text") for t in element.iterfind("tags/tag")]
        bank_tags = cat.bank(q.bank).tags
        assert tags == list(dict.fromkeys([*q.tags, *bank_tags, f"difficulty::{q.difficulty}"]))
        _check_answers(q, element)


def _answers(element):
    return [
        (float(a.get("fraction")), html.unescape(a.findtext("text")))
        for a in element.iterfind("answer")
    ]


def _check_answers(q, element):
    qtype = element.get("type")
    if not isinstance(q, Cloze):
        assert element.findtext("defaultgrade") == str(q.points)
    match q:
        case MultipleChoice():
            assert qtype == "multichoice" and element.findtext("single") == "true"
            order = stable_order(q.id, len(q.choices))
            expected = [(100.0 if q.choices[n] == q.answer else 0.0, q.choices[n]) for n in order]
            assert _answers(element) == expected
        case MultipleAnswer():
            assert qtype == "multichoice" and element.findtext("single") == "false"
            answers = _answers(element)
            assert [t for _, t in answers] == [
                q.choices[n] for n in stable_order(q.id, len(q.choices))
            ]
            right = [f for f, t in answers if t in q.answers]
            wrong = [f for f, t in answers if t not in q.answers]
            assert sum(right) == pytest.approx(100, abs=1e-4)
            assert sum(wrong) == pytest.approx(-100 if wrong else 0, abs=1e-4)
            assert all(round(f, 5) in GRADES for f, _ in answers)
        case TrueFalse():
            assert qtype == "truefalse"
            assert _answers(element) == [
                (100.0 if q.answer else 0.0, "true"),
                (0.0 if q.answer else 100.0, "false"),
            ]
        case ShortAnswer():
            assert qtype == "shortanswer" and element.findtext("usecase") == "0"
            assert _answers(element) == [(100.0, a) for a in (q.answer, *q.accept)]
        case Cloze():
            assert qtype == "cloze"
            found, _ = moodle_multianswer(_text(element, "questiontext"))
            assert [typed for _, typed in found] == [d.answer for d in q.deletions]
            total = sum(w for w, _ in found)
            assert element.findtext("defaultgrade") == str(total)
            assert total == max(q.points, len(q.deletions))
        case Matching():
            assert qtype == "matching"
            pairs = [
                (_plain(s.findtext("text")).strip(), s.findtext("answer/text"))
                for s in element.iterfind("subquestion")
            ]
            assert sorted(pairs) == sorted((p.left, p.right) for p in q.pairs)
        case Ordering():
            assert qtype == "ordering"
            assert _answers(element) == [
                (float(n), item) for n, item in enumerate(q.items, start=1)
            ]
        case Essay():
            assert qtype == "essay"
            assert element.findtext("responsefieldlines") == str(q.lines)
            info = _plain(_text(element, "graderinfo"))
            assert q.answer in info and all(r.criterion in info for r in q.rubric)
        case _:
            raise AssertionError(q)


def test_text_is_escaped_html(tmp_path):
    out = tmp_path / "quiz.xml"
    export("moodle", "fixture", out)
    root = ET.parse(out).getroot()
    mcq = next(e for e in root if e.findtext("idnumber") == "lms-mcq")
    assert _text(mcq, "generalfeedback").startswith(
        "<p>Serge's parents had left Tsarist Russia: a &lt;b&gt;Belgian&lt;/b&gt; "
        "childhood &amp; exile.</p>"
    )
    cloze = next(e for e in root if e.findtext("idnumber") == "lms-cloze-one")
    assert _text(cloze, "questiontext") == (
        "<p>Serge wrote primarily in {1:SHORTANSWER:=French} [a language]: "
        "not &#123;in&#125; Russian.</p>"
    )
    two = next(e for e in root if e.findtext("idnumber") == "lms-cloze-two")
    assert "{2:SHORTANSWER:=Andrej Grubacic}" in _text(two, "questiontext")
    assert "{1:SHORTANSWER:=anarchism} &amp; Marxism" in _text(two, "questiontext")


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    """The rich fixtures (Markdown, math, images) as Moodle XML, by question id."""
    out = tmp_path_factory.mktemp("moodle-rich") / "rich.xml"
    written = export("moodle", "rich-all", out)
    assert written.warnings == ()
    root = ET.parse(out).getroot()
    return root, {e.findtext("idnumber"): e for e in root if e.get("type") != "category"}


def test_rich_questions_keep_moodles_shapes(rich):
    root, by_id = rich
    assert len(by_id) == 15
    for element in root:
        tags = [child.tag for child in element]
        assert _in_order(tags, SHAPES[element.get("type")]), (element.get("type"), tags)


def test_a_rich_cloze_reads_back_as_moodle_parses_it(rich):
    _, by_id = rich
    found, rest = moodle_multianswer(_text(by_id["rich-cloze"], "questiontext"))
    assert found == [(1, "1/8"), (1, "1/x^2")]  # what a student types: the math as text
    assert rest.startswith(
        "<p>Half of a quarter is {#1} [a <em>fraction</em>], and the reciprocal of "
        "<strong>\\(x^2\\)</strong> is {#2}.</p>"
    )
    text = _text(by_id["rich-cloze-syntax"], "questiontext")
    found, rest = moodle_multianswer(text)
    assert found == [(1, "{1, 2}"), (1, "a~b#c*d\\e")]
    # The bank's own braces, in code and in math, are entities: no sub-question starts
    # there, and MathJax reads the braces back from the page's text.
    assert rest == (
        "<p>In <code>&#123;1:SHORTANSWER:=x&#125;</code> and "
        "\\(\\&#123;a \\mid a \\neq 0\\&#125;\\) a ~, a # and = stay text; the set is {#1} "
        "[braces], and the path is {#2}.</p>"
    )
    assert "\\(\\{a \\mid a \\neq 0\\}\\)" in html.unescape(rest)
    # The name: the text as plain text, cut at Moodle's 80 characters.
    assert by_id["rich-cloze-syntax"].findtext("name/text") == (
        "In {1:SHORTANSWER:=x} and {a | a ≠ 0} a ~, a # and = stay text; the set is ___,…"
    )


def test_rich_matching_right_sides_are_plain_text_left_sides_html(rich):
    _, by_id = rich
    pairs = {
        qid: sorted(
            (s.findtext("text"), s.findtext("answer/text"))
            for s in by_id[qid].iterfind("subquestion")
        )
        for qid in ("rich-match", "rich-match-plain")
    }
    assert pairs == {
        "rich-match": [
            ("\\(3^2\\)", "9"),
            ("\\(\\frac{10}{5}\\)", "2"),
            ("\\(\\sqrt{16}\\)", "4"),
        ],
        "rich-match-plain": [
            ("\\(\\frac{2}{4}\\)", "1/2"),
            ("\\(\\sqrt{16}\\)", "4"),
            ("\\(x \\cdot x\\)", "x^2"),
        ],
    }


def test_rich_feedback_and_grader_information_are_rendered(rich):
    _, by_id = rich
    feedback = _text(by_id["rich-mcq"], "generalfeedback")
    assert feedback.startswith(
        "<p>Put both over the same denominator:</p>\n<ul>\n"
        "<li>\\(\\frac{1}{2} = \\frac{2}{4}\\)</li>\n"
        "<li>\\(\\frac{2}{4} + \\frac{1}{4} = \\frac{3}{4}\\)</li>\n</ul>"
    )
    assert "<pre><code>1/2 + 1/4 == 3/4\n</code></pre>" in feedback
    info = _text(by_id["rich-essay"], "graderinfo")
    assert info.startswith("<p>Model answer:</p><p>Dividing by a number asks how many")
    assert "<pre><code>(a/b) / (c/d) = (a*d) / (b*c)\n</code></pre>" in info
    assert info.endswith(
        "<p>Look for:</p><ul><li>defines <em>division</em></li>"
        "<li>uses \\(\\frac{d}{c}\\)</li></ul>"
    )


def test_a_rich_short_answer_is_what_a_student_types(rich):
    _, by_id = rich
    # answer "x^5", accept "$x^5$": both typed x^5, written once.
    assert _answers(by_id["rich-short"]) == [(100.0, "x^5")]


@pytest.mark.parametrize(
    "answer",
    ["a}b", "a\\}b", "a\\\\#b", "ends\\", "R&", "R&amp;", "p#q~r=s", "{2:SA:=x}", "2*3", "a\\*b"],
)
def test_every_answer_reads_back_as_written(answer):
    from quizgen.export.moodle.cloze import answer_literal

    found, rest = moodle_multianswer(f"<p>x {{1:SHORTANSWER:={answer_literal(answer)}}} y</p>")
    assert (found, rest) == ([(1, answer)], "<p>x {#1} y</p>")
