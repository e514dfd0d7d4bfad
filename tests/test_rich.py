"""Rich content in the model layer: Markdown, math, images, and their validation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.cloze import parse_cloze
from quizgen.media import media_name, sniff, svg_problem
from quizgen.rich import problems, to_html

RICH = Path(__file__).parent / "fixtures" / "rich"


def test_a_plain_bank_renders_exactly_as_escaped_text() -> None:
    text = "2 * 3 * 4 = 24, a <b>tag</b> & $5 and $10 `x` \\(y\\)"
    assert to_html(text, markdown=False, block=True, math="mathml") == (
        "2 * 3 * 4 = 24, a &lt;b&gt;tag&lt;/b&gt; &amp; $5 and $10 `x` \\(y\\)"
    )


def test_markdown_inline_keeps_raw_html_as_text_and_money_as_money() -> None:
    html = to_html("*a* **b** `c` <b>d</b> $5 and $10", markdown=True, block=False, math="mathml")
    assert html == "<em>a</em> <strong>b</strong> <code>c</code> &lt;b&gt;d&lt;/b&gt; $5 and $10"


def test_short_fields_take_no_blocks_long_fields_do() -> None:
    text = "- one\n- two"
    assert to_html(text, markdown=True, block=False, math="mathml") == "- one\n- two"
    assert to_html(text, markdown=True, block=True, math="mathml") == (
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
    )


@pytest.mark.parametrize("block", [False, True])
def test_a_single_line_break_is_a_space_and_a_hard_break_is_marked(block: bool) -> None:
    """CommonMark: a teacher's hard-wrapped prompt reads as one paragraph; a line
    ending in a backslash or two spaces breaks there."""
    wrapped = "Explain why a gardener might\nburn a heater."
    assert to_html(wrapped, markdown=True, block=block, math="mathml") == wrapped
    for hard in ("\\\n", "  \n"):
        html = to_html(f"Line one{hard}line two", markdown=True, block=block, math="mathml")
        assert html == "Line one<br />\nline two"


def test_a_plain_bank_keeps_its_line_breaks_as_written() -> None:
    assert to_html("one\ntwo", markdown=False, block=True, math="mathml") == "one\ntwo"


@pytest.mark.parametrize(
    ("text", "display"),
    [("$x^2$", "inline"), ("\\(x^2\\)", "inline"), ("$$x^2$$", "block"), ("\\[x^2\\]", "block")],
)
def test_all_four_math_delimiters_become_mathml(text: str, display: str) -> None:
    html = to_html(text, markdown=True, block=False, math="mathml")
    assert html == (
        f'<math xmlns="http://www.w3.org/1998/Math/MathML" display="{display}">'
        "<mrow><msup><mi>x</mi><mn>2</mn></msup></mrow></math>"
    )


def test_math_for_mathjax_is_tex_in_its_delimiters_escaped_for_html() -> None:
    html = to_html("$a<b$ and $$c$$", markdown=True, block=False, math="mathjax")
    assert html == "\\(a&lt;b\\) and \\[c\\]"


def test_math_inside_code_stays_code() -> None:
    assert to_html("`$x$`", markdown=True, block=False, math="mathml") == "<code>$x$</code>"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("$\\frac{1}{$", "bad TeX in `\\frac{1}{`: a { is not closed"),
        ("$a}$", "bad TeX in `a}`: a } closes no {"),
        ("$\\left( x$", "bad TeX in `\\left( x`: ExtraLeftOrMissingRight"),
        ("see \\(x", "math opened with \\( is not closed with \\)"),
        ("see $$x", "math opened with $$ is not closed with $$"),
        ("```\ncode", "code fence ``` is not closed: end the block with a line of the same fence"),
    ],
)
def test_mistakes_are_found_with_their_offset(text: str, message: str) -> None:
    found = problems(text)
    assert [p.message for p in found] == [message]


def test_good_text_has_no_problems() -> None:
    assert problems("$\\frac{1}{2}$ and\n```\ncode\n```\nand $5, $10") == []


def test_a_cloze_answer_of_a_markdown_bank_may_hold_math_with_braces() -> None:
    text = "It is {{c1::$\\frac{1}{x^{2}}$::a fraction}}."
    assert parse_cloze(text)[0] == ()  # a plain bank: braces end the deletion, as before
    (deletion,), errors = parse_cloze(text, math=True)
    assert errors == ()
    assert (deletion.answer, deletion.hint) == ("$\\frac{1}{x^{2}}$", "a fraction")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0", "image/jpeg"),
        (b"GIF89a..", "image/gif"),
        (b"RIFF\0\0\0\0WEBPVP8 ", "image/webp"),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', "image/svg+xml"),
        (b"<html><svg></svg></html>", None),
        (b"hello.png", None),
    ],
)
def test_image_types_are_told_by_their_bytes(data: bytes, kind: str | None) -> None:
    assert sniff(data) == kind


@pytest.mark.parametrize(
    ("svg", "why"),
    [
        ("<svg xmlns='http://www.w3.org/2000/svg'><script>x()</script></svg>", "<script>"),
        ("<svg xmlns='http://www.w3.org/2000/svg' onload='x()'/>", "event handler (onload"),
        ("<svg xmlns='http://www.w3.org/2000/svg'><foreignObject/></svg>", "<foreignobject>"),
        (
            "<svg xmlns='http://www.w3.org/2000/svg' xmlns:x='http://www.w3.org/1999/xlink'>"
            "<image x:href='http://example.com/a.png'/></svg>",
            "refers to another file or page",
        ),
        ("<svg xmlns='http://www.w3.org/2000/svg' fill='url(a.svg#p)'/>", "refers to another"),
        ("<!DOCTYPE svg [<!ENTITY a 'b'>]><svg/>", "DOCTYPE or entities"),
    ],
)
def test_an_svg_with_script_or_outside_references_is_refused(svg: str, why: str) -> None:
    problem = svg_problem(svg.encode())
    assert problem is not None and why in problem


def test_the_fixture_svg_is_accepted() -> None:
    assert svg_problem((RICH / "triangle.svg").read_bytes()) is None


def test_media_names_come_from_the_content() -> None:
    png = (RICH / "bar-chart.png").read_bytes()
    assert media_name(png) == media_name(bytes(png))
    assert media_name(png).startswith("qz-") and media_name(png).endswith(".png")
    assert media_name(png) != media_name(png + b"\0")


def test_every_rich_mistake_is_reported_at_its_place(run) -> None:
    result = run("validate", "tests/fixtures/rich/bad/", "--seeds", "seeds")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "warning:" not in line]
    bad = "tests/fixtures/rich/bad/"
    assert errors == [
        f"{bad}rich-mistakes.yaml:7:23: bad TeX in `\\frac{{1}}{{`: a {{ is not closed [bad-tex]",
        f"{bad}rich-mistakes.yaml:11:23: math opened with \\( is not closed with \\) "
        "[unclosed-math]",
        f"{bad}rich-mistakes.yaml:18:7: code fence ``` is not closed: end the block with a "
        "line of the same fence [open-fence]",
        f"{bad}rich-mistakes.yaml:24:13: image 'figure.png' not found: looked for "
        f"'{bad}figure.png' (the path is relative to the bank file) [missing-image]",
        f"{bad}rich-mistakes.yaml:29:13: image 'notes.png' is not a PNG, JPEG, GIF, SVG "
        "or WebP file [not-an-image]",
        f"{bad}rich-mistakes.yaml:34:13: image 'script.svg': the SVG holds a <script> "
        "element; quizgen refuses scripts and foreign content [svg-script]",
        f"{bad}rich-mistakes.yaml:39:5: missing required field 'alt' [no-alt]",
        f"{bad}rich-mistakes.yaml:43:22: bad TeX in `\\fracc{{1}}{{2}}`: unknown command "
        "\\fracc (did you mean \\frac?) [unknown-command]",
        f"{bad}rich-mistakes.yaml:43:40: bad TeX in `\\ce{{H2O}}`: unknown command \\ce "
        "[unknown-command]",
        f"{bad}rich-mistakes.yaml:49:36: bad TeX in `\\lamda`: unknown command \\lamda "
        "(did you mean \\lambda?) [unknown-in-a-block]",
        f"{bad}rich-mistakes.yaml:50:13: bad TeX in `\\begin{{matrx}}a\\end{{matrx}}`: "
        "unknown environment matrx (did you mean matrix?) [unknown-in-a-block]",
        # Written with an escape (\x5c for the backslash): the key's place, and the text.
        f"{bad}rich-mistakes.yaml:54:5: bad TeX in `\\fracc{{1}}{{2}}`: unknown command "
        "\\fracc (did you mean \\frac?) (at `\\fracc{1}{2}$?`) [unknown-behind-an-escape]",
    ]


def test_the_rich_fixture_bank_validates(run) -> None:
    result = run("validate", "tests/fixtures/rich/rich-every-type.yaml", "--seeds", "seeds")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "OK: 9 questions in 1 bank(s); 0 quotes found in the essays; 9 warning(s)"
    )


def test_no_bundled_bank_is_markdown() -> None:
    """The bundled banks are plain text; their builds are unchanged by rich content."""
    for bank in (Path(__file__).parent.parent / "questions").glob("*.yaml"):
        assert "\nmarkdown:" not in bank.read_text(encoding="utf-8"), bank


def test_moodle_gets_mathjax_math_and_the_images_as_base64_files(run, tmp_path: Path) -> None:
    import base64
    import xml.etree.ElementTree as ET

    out = tmp_path / "rich.xml"
    result = run("moodle", "tests/fixtures/rich/rich-every-type.yaml", "-o", str(out))
    assert result.exit_code == 0, result.output
    questions = [q for q in ET.parse(out).getroot() if q.get("type") != "category"]
    assert len(questions) == 9
    png = (RICH / "bar-chart.png").read_bytes()
    svg = (RICH / "triangle.svg").read_bytes()
    for q in questions:
        text = q.find("questiontext")
        assert text is not None
        (file,) = text.findall("file")
        html = text.findtext("text") or ""
        assert f'<img src="@@PLUGINFILE@@/{file.get("name")}" alt="A ' in html
        assert base64.b64decode(file.text or "") in (png, svg)
    mcq = questions[0].findtext("questiontext/text") or ""
    assert mcq.startswith(
        "<p>What is \\(\\frac{1}{2} + \\frac{1}{4}\\)? Work it out <strong>without</strong>"
    )
    answers = [a.findtext("text") for a in questions[0].findall("answer")]
    assert "\\(\\frac{3}{4}\\)" in answers and "<em>one</em> half" in answers


# What the rich fixture must hold, in every question type: each inline feature in
# some field, and lists and code blocks in a long one (every type has an explanation).
RICH_FEATURES = {
    "emphasis": r"(?<![*\w])\*[^*\s][^*\n]*\*(?!\*)",
    "strong": r"\*\*[^*\n]+\*\*",
    "inline code": r"(?<!`)`[^`\n]+`(?!`)",
    # A hard break (CommonMark): a line ending in a backslash; a single newline is a space.
    "line break": r"\\\n",
    "$ math": r"(?<![$\\])\$[^\s$][^$\n]*\$(?!\$)",
    "$$ math": r"\$\$[^$]+\$\$",
    "\\( math": r"\\\(.+?\\\)",
    "\\[ math": r"\\\[.+?\\\]",
    "a list": r"(?m)^(- |\d+\. )",
    "a code block": r"(?m)^```",
}


def test_the_rich_fixture_uses_every_feature_in_every_question_type() -> None:
    from quizgen.load import load_catalog
    from quizgen.vocabulary import QUESTION_TYPES

    catalog = load_catalog([RICH / "rich-every-type.yaml"], None).catalog
    kinds = {q.kind for q in catalog.questions}
    assert kinds == set(QUESTION_TYPES)
    for q in catalog.questions:
        fields = "\n\n".join(_text_fields(q))
        missing = [name for name, rx in RICH_FEATURES.items() if not re.search(rx, fields)]
        assert not missing and q.image is not None, (q.id, missing)


def _text_fields(q: object) -> list[str]:
    texts: list[str] = []
    for name in ("prompt", "text", "explanation", "answer", "choices", "accept", "items"):
        value = getattr(q, name, None)
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, tuple):
            texts += value
    texts += [side for pair in getattr(q, "pairs", ()) for side in (pair.left, pair.right)]
    texts += [r.criterion for r in getattr(q, "rubric", ())]
    return [t for t in texts if isinstance(t, str)]
