"""The rich fixture bank (Markdown, math in four delimiters, pictures) in GIFT and
Canvas, read back by their real consumers: gift-pegjs parses the GIFT file, the IMS
QTI 1.2.1 DTD validates the Canvas zip. Each test fails if math is written raw or a
picture is dropped.
"""

from __future__ import annotations

import base64
import html
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from lms_helpers import RICH, catalog, export
from lxml import etree
from test_lms_canvas import CP, qti_dtd, without_namespaces  # noqa: F401 (a fixture)
from test_lms_gift import parse

from quizgen.export.choices import stable_order
from quizgen.export.lms.rich import lms_block, lms_html, lms_plain, typed_answers
from quizgen.media import sniff
from quizgen.model import (
    Cloze,
    Essay,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    TrueFalse,
)
from quizgen.rich import math_spans

LEFT_OUT = {"rich-order", "rich-cloze"}  # no ordering type; a cloze with two blanks


def _rendered_fields(q: Question) -> list[str]:
    """The fields a platform shows as HTML (typed answers and answer menus are text)."""
    fields = [q.explanation]
    match q:
        case MultipleChoice() | MultipleAnswer():
            fields += [q.prompt, *q.choices]
        case Matching():
            fields += [q.prompt, *(p.left for p in q.pairs)]
        case Ordering():
            fields += [q.prompt, *q.items]
        case Cloze():  # the blanks' answers are typed; their hints are shown
            fields += ["".join(s if isinstance(s, str) else s.hint or "" for s in q.segments())]
        case TrueFalse() | ShortAnswer() | Essay():
            fields += [q.prompt]
    return fields


def _picture(q: Question) -> tuple[bytes, str]:
    assert q.image is not None
    return Path(q.image.path).read_bytes(), html.escape(q.image.alt)


def _prose(html_text: str) -> str:
    """The text outside code (where ``**`` and ``$`` are the author's), less the
    fixture's "$5 and $10", which is money, not math."""
    text = re.sub(r"<code>.*?</code>", "", html_text, flags=re.S)
    return text.replace("$5 and $10", "")


# GIFT ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gift(tmp_path_factory):
    out = tmp_path_factory.mktemp("gift") / "rich.gift.txt"
    written = export("gift", "rich", out)
    items = [i for i in parse(out)[0] if i["type"] != "Category"]
    return {i["id"]: i for i in items}, written, out.read_text()


def test_gift_holds_every_rich_question_that_fits_and_names_the_rest(gift):
    items, written, _ = gift
    cat = catalog("rich")
    assert list(items) == [q.id for q in cat.questions if q.id not in LEFT_OUT]
    assert written.warnings == (
        "2 questions left out, as GIFT cannot hold them: a cloze with several blanks: "
        "rich-cloze (2 blanks); no ordering type: rich-order; use Moodle XML (quizgen moodle)",
    )


def test_gift_rich_text_is_html_with_each_answer_as_the_bank_has_it(gift):
    items, _, _ = gift
    for q in catalog("rich").questions:
        if q.id in LEFT_OUT:
            continue
        item = items[q.id]
        assert item["stem"]["format"] == "html"
        assert item["globalFeedback"] == {"format": "html", "text": lms_block(q, q.explanation)}
        _check_answers(item, q)


def _check_answers(item, q):
    match q:
        case MultipleChoice() | MultipleAnswer():
            assert item["type"] == "MC"
            order = stable_order(q.id, len(q.choices))
            right = {q.answer} if isinstance(q, MultipleChoice) else set(q.answers)
            texts = [(c["text"]["format"], c["text"]["text"]) for c in item["choices"]]
            assert texts == [("html", lms_html(q, q.choices[n])) for n in order]
            marked = [c["isCorrect"] or (c["weight"] or 0) > 0 for c in item["choices"]]
            assert marked == [q.choices[n] in right for n in order]
        case TrueFalse():
            assert item["type"] == "TF" and item["isTrue"] is q.answer
        case ShortAnswer():
            # What a student types: the plain text ($x^5$ is typed x^5), each once.
            assert [c["text"]["text"] for c in item["choices"]] == list(typed_answers(q))
        case Cloze():
            assert item["hasEmbeddedAnswers"] is True
            typed = [lms_plain(q, q.deletions[0].answer)]
            assert [c["text"]["text"] for c in item["choices"]] == typed
        case Matching():
            pairs = [(p["subquestion"]["text"], p["subanswer"]) for p in item["matchPairs"]]
            expected = [(lms_html(q, p.left), lms_plain(q, p.right)) for p in q.pairs]
            assert sorted(pairs) == sorted(expected)
        case Essay():
            assert item["type"] == "Essay"
        case _:
            raise AssertionError(q.id)


def test_gift_math_is_mathjax_tex_and_no_markdown_is_left(gift):
    items, _, _ = gift
    for q in catalog("rich").questions:
        if q.id in LEFT_OUT:
            continue
        item = items[q.id]
        shown = [item["stem"]["text"], item["globalFeedback"]["text"]]
        if q.kind not in ("short", "cloze"):  # typed answers are not shown
            shown += [c["text"]["text"] for c in item.get("choices") or ()]
        shown += [p["subquestion"]["text"] for p in item.get("matchPairs") or ()]
        text = "\n".join(shown)
        spans = [s for field in _rendered_fields(q) for s in math_spans(field)]
        assert spans, q.id
        for span in spans:
            open_, close = ("\\[", "\\]") if span.display else ("\\(", "\\)")
            assert f"{open_}{html.escape(span.tex, quote=False)}{close}" in text, (q.id, span)
        prose = re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]", "", _prose(text))
        assert not re.search(r"\$|\*\*|`", prose), (q.id, prose)


def test_gift_embeds_each_picture_with_its_alt_text(gift):
    items, _, _ = gift
    for q in catalog("rich").questions:
        if q.id in LEFT_OUT:
            continue
        data, alt = _picture(q)
        uri = f"data:{sniff(data)};base64,{base64.b64encode(data).decode()}"
        stem = items[q.id]["stem"]["text"]
        assert f'<p><img src="{uri}" alt="{alt}"></p>' in stem, q.id


def test_gift_escapes_tex_whose_backslashes_gift_would_read(tmp_path):
    """``\\n`` and ``\\{`` are GIFT escapes: TeX's ``\\neq`` and ``\\{`` must survive."""
    bank = tmp_path / "tex.yaml"
    bank.write_text(
        "bank: tex\ntitle: TeX\nmarkdown: true\nquestions:\n"
        "  - id: tex-mcq\n    type: mcq\n"
        "    prompt: 'Is $a \\neq b$ in $\\{1, 2\\}$ or \\(x \\\\ y\\)? #1: ~ = ok'\n"
        "    choices: ['$\\nu$', 'no']\n    answer: 'no'\n"
    )
    out = tmp_path / "tex.gift.txt"
    from click.testing import CliRunner

    from quizgen.cli import cli

    result = CliRunner().invoke(cli, ["gift", str(bank), "-o", str(out)])
    assert result.exit_code == 0, result.output
    [items] = parse(out)
    [item] = [i for i in items if i["type"] != "Category"]
    assert item["stem"]["text"] == (
        "<p>Is \\(a \\neq b\\) in \\(\\{1, 2\\}\\) or \\(x \\\\ y\\)? #1: ~ = ok</p>"
    )
    assert {c["text"]["text"] for c in item["choices"]} == {"\\(\\nu\\)", "no"}


# Canvas ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def canvas(tmp_path_factory):
    out = tmp_path_factory.mktemp("canvas") / "rich.zip"
    export("canvas", "rich", out)
    with zipfile.ZipFile(out) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    [name] = [n for n, d in files.items() if b"<questestinterop" in d]
    return files, without_namespaces(files[name])


def test_canvas_qti_is_valid_against_the_dtd(canvas, qti_dtd):  # noqa: F811
    _, root = canvas
    assert qti_dtd.validate(root), qti_dtd.error_log.filter_from_errors()


def test_canvas_pictures_are_files_in_the_zip_listed_and_referenced(canvas):
    files, root = canvas
    manifest = etree.fromstring(files["imsmanifest.xml"])
    web = {
        r.get("href"): [f.get("href") for f in r.findall(f"{CP}file")]
        for r in manifest.iter(f"{CP}resource")
        if r.get("type") == "webcontent"
    }
    assert all(files_ == [href] for href, files_ in web.items())
    pictures = {n for n in files if n.startswith("web_resources/")}
    assert set(web) == pictures and len(pictures) == 2
    referenced = set()
    items = {i.get("title"): i for i in root.iter("item")}
    for q in catalog("rich").questions:
        prompt = items[q.id].findtext("presentation/material/mattext") or ""
        [src] = re.findall(r'<img src="\$IMS-CC-FILEBASE\$/([^"]+)" alt="([^"]*)">', prompt)
        data, alt = _picture(q)
        assert src[1] == alt
        assert files[f"web_resources/{unquote(src[0])}"] == data, q.id
        referenced.add(f"web_resources/{unquote(src[0])}")
    assert referenced == pictures


def test_canvas_math_is_canvas_equation_images_and_no_tex_is_left_raw(canvas):
    _, root = canvas
    items = {i.get("title"): i for i in root.iter("item")}
    for q in catalog("rich").questions:
        shown = "\n".join(
            m.text or "" for m in items[q.id].iter("mattext") if m.get("texttype") == "text/html"
        )
        spans = [s for field in _rendered_fields(q) for s in math_spans(field)]
        assert spans, q.id
        found = re.findall(r'<img class="equation_image" ([^>]*)>', shown)
        contents = [
            html.unescape(re.findall(r'data-equation-content="([^"]*)"', f)[0]) for f in found
        ]
        assert sorted(contents) == sorted(s.tex for s in spans), q.id
        for attrs, tex in zip(found, contents, strict=True):
            src = re.search(r'src="/equation_images/([^"]*)"', attrs)[1]
            assert unquote(unquote(src)) == tex and f'alt="LaTeX: {html.escape(tex)}"' in attrs
        prose = re.sub(r"<[^>]*>", "", _prose(shown))
        assert not re.search(r"\\\(|\\\[|\$|\*\*|`", prose), (q.id, prose)


def test_canvas_answer_menus_and_blanks_stay_text(canvas):
    _, root = canvas
    items = {i.get("title"): i for i in root.iter("item")}
    match = items["rich-match"]
    menu = [m.text for m in next(match.iter("response_lid")).iter("mattext")][1:]
    assert menu == ["2", "4", "9"]  # *2*, **4**, `9`: shown plain, in alphabetical order
    cloze = items["rich-cloze"].findtext("presentation/material/mattext") or ""
    assert cloze.startswith("<p>Half of a quarter is [blank1] (a <em>fraction</em>), and")
    blanks = [m.text for m in items["rich-cloze"].iterfind("presentation/response_lid//mattext")]
    assert blanks == ["blank1", "1/8", "blank2", "1/x^2"]  # what a student types


def test_canvas_image_resources_have_the_shape_text2qti_writes(canvas, tmp_path):
    import subprocess
    import sys

    (tmp_path / "bar-chart.png").write_bytes((RICH / "bar-chart.png").read_bytes())
    source = tmp_path / "quiz.md"
    source.write_text("Quiz title: T\n\n1.  See ![A chart](bar-chart.png).\n*a) yes\nb) no\n")
    done = subprocess.run(
        [sys.executable, "-c", "from text2qti.cmdline import main; main()", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "quiz.zip") as archive:
        theirs = etree.fromstring(archive.read("imsmanifest.xml"))
    ours = etree.fromstring(canvas[0]["imsmanifest.xml"])

    def shape(manifest):
        return {
            (r.tag, tuple(sorted(r.attrib)), tuple((f.tag, tuple(f.attrib)) for f in r))
            for r in manifest.iter(f"{CP}resource")
            if r.get("type") == "webcontent" and r.get("href") == r[0].get("href")
        }

    assert shape(ours) == shape(theirs) != set()


def test_a_plain_banks_picture_travels_and_its_text_stays_as_written(tmp_path):
    """A picture on a plain (not Markdown) question: GIFT writes that question as
    [html] with its text escaped, Canvas adds the file; ``<b>`` and ``*`` show as written."""
    from click.testing import CliRunner

    from quizgen.cli import cli

    (tmp_path / "chart.png").write_bytes((RICH / "bar-chart.png").read_bytes())
    bank = tmp_path / "plain.yaml"
    bank.write_text(
        "bank: plain\ntitle: Plain\nquestions:\n"
        "  - id: plain-mcq\n    type: mcq\n    prompt: 'Is <b>2 * 3</b> six?'\n"
        "    image: {path: chart.png, alt: 'A chart'}\n"
        "    choices: ['yes', 'no *really*']\n    answer: 'yes'\n"
    )
    runner = CliRunner()
    gift_out, canvas_out = tmp_path / "q.gift.txt", tmp_path / "q.zip"
    for name, out in (("gift", gift_out), ("canvas", canvas_out)):
        result = runner.invoke(cli, [name, str(bank), "-o", str(out)])
        assert result.exit_code == 0, result.output
    [items] = parse(gift_out)
    [item] = [i for i in items if i["type"] != "Category"]
    data = (RICH / "bar-chart.png").read_bytes()
    uri = f"data:image/png;base64,{base64.b64encode(data).decode()}"
    assert item["stem"] == {
        "format": "html",
        "text": f'<p>Is &lt;b&gt;2 * 3&lt;/b&gt; six?</p><p><img src="{uri}" alt="A chart"></p>',
    }
    assert {c["text"]["text"] for c in item["choices"]} == {"yes", "no *really*"}
    with zipfile.ZipFile(canvas_out) as archive:
        names = archive.namelist()
        [picture] = [n for n in names if n.startswith("web_resources/quizgen/")]
        assert archive.read(picture) == data
        [quiz] = [n for n in names if b"<questestinterop" in archive.read(n)]
        root = without_namespaces(archive.read(quiz))
    prompt = root.findtext(".//presentation/material/mattext")
    assert prompt == (
        "<p>Is &lt;b&gt;2 * 3&lt;/b&gt; six?</p>"
        f'<p><img src="$IMS-CC-FILEBASE$/quizgen/{picture.rpartition("/")[2]}" alt="A chart"></p>'
    )


def test_a_cloze_text_takes_inline_markdown_only(tmp_path):
    """A cloze's text is a short field: "1. ..." at its start stays text, not a list."""
    from click.testing import CliRunner

    from quizgen.cli import cli

    bank = tmp_path / "cloze.yaml"
    bank.write_text(
        "bank: cloze\ntitle: Cloze\nmarkdown: true\nquestions:\n"
        "  - id: one-cloze\n    type: cloze\n    text: '1. The {{c1::first}} *step*.'\n"
    )
    gift_out, canvas_out = tmp_path / "q.gift.txt", tmp_path / "q.zip"
    for name, out in (("gift", gift_out), ("canvas", canvas_out)):
        result = CliRunner().invoke(cli, [name, str(bank), "-o", str(out)])
        assert result.exit_code == 0, result.output
    [items] = parse(gift_out)
    [item] = [i for i in items if i["type"] != "Category"]
    assert item["stem"]["text"] == "<p>1. The _____ <em>step</em>.</p>"
    with zipfile.ZipFile(canvas_out) as archive:
        [quiz] = [n for n in archive.namelist() if b"<questestinterop" in archive.read(n)]
        root = without_namespaces(archive.read(quiz))
    text = root.findtext(".//presentation/material/mattext")
    assert text == "<p>1. The [blank1] <em>step</em>.</p>"
