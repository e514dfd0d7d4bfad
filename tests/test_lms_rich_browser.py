"""The rich bank's GIFT and Canvas questions as a student sees them, in Chromium.

GIFT: each question's HTML as gift-pegjs reads it, typeset by MathJax 3 as Moodle's
MathJax filter does, its picture from its ``data:`` URI. Canvas: the zip unpacked,
each item's HTML with ``$IMS-CC-FILEBASE$`` resolved to ``web_resources/`` (as Canvas
files the pictures) and each equation image handed to MathJax as Canvas's
``new_math_equation_handling`` does. Every picture must load and every formula be
typeset. Screenshots go to $QUIZGEN_RICH_SCREENSHOTS (or the test's temporary folder).
"""

from __future__ import annotations

import html
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import in_ci
from lms_helpers import ROOT, export
from study_helpers import chromium, require_browser
from test_lms_gift import parse

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1100, "height": 800}
MATHJAX = ROOT / ".ci" / "node" / "node_modules" / "mathjax" / "es5" / "tex-svg.js"
# What Canvas's mathImageHelper does with an equation image when MathJax is on.
CANVAS_EQUATIONS = """
for (const img of document.querySelectorAll('img.equation_image')) {
  const span = document.createElement('span');
  span.textContent = '\\\\(' + img.dataset.equationContent + '\\\\)';
  img.replaceWith(span);
}
"""
PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
    'content="width=device-width, initial-scale=1"><title>{title}</title><style>'
    "body{{font:16px sans-serif;margin:1em}}img{{max-width:100%}}"
    ".fb{{border-top:1px solid #999;margin-top:1em;color:#333}}</style></head>"
    "<body>{body}</body></html>"
)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_browser()
    if not MATHJAX.is_file():
        reason = f"MathJax not installed ({MATHJAX}: npm install --prefix .ci/node mathjax@3)"
        if in_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    folder = os.environ.get("QUIZGEN_RICH_SCREENSHOTS")
    return Path(folder) if folder else tmp_path_factory.mktemp("shots")


def _look(b: Any, page_file: Path, shot: Path, equations: bool = False) -> tuple[int, int]:
    """Open the page at both widths; return (formulas typeset, pictures shown)."""
    counts = []
    for size, width in ((PHONE, "phone"), (DESKTOP, "desktop")):
        page = b.new_page(viewport=size)
        page.goto(page_file.as_uri())
        if equations:
            page.evaluate(CANVAS_EQUATIONS)
        page.add_script_tag(path=str(MATHJAX))
        page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("MathJax.startup.promise")
        typeset = page.evaluate("document.querySelectorAll('mjx-container').length")
        raw = page.evaluate("document.body.innerText.match(/\\\\[(\\[]|\\$\\$/g)")
        shown = page.evaluate(
            "Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length"
        )
        images = page.evaluate("document.images.length")
        page.screenshot(path=str(shot.with_name(f"{shot.stem}-{width}.png")), full_page=True)
        page.close()
        assert raw is None, (page_file.name, raw)
        assert shown == images, (page_file.name, shown, images)
        counts.append((typeset, shown))
    assert counts[0] == counts[1]
    return counts[0]


def test_gift_questions_show_their_math_and_pictures(shots: Path, tmp_path: Path) -> None:
    out = tmp_path / "rich.gift.txt"
    export("gift", "rich", out)
    items = [i for i in parse(out)[0] if i["type"] != "Category"]
    with chromium() as b:
        for item in items:
            body = f"<h1>{html.escape(item['id'])}</h1>{item['stem']['text']}"
            choices = [c["text"]["text"] for c in item.get("choices") or ()]
            if item["type"] != "Short":
                body += "<ol type=A>" + "".join(f"<li>{c}</li>" for c in choices) + "</ol>"
            for pair in item.get("matchPairs") or ():
                body += f"<p>{pair['subquestion']['text']} → {html.escape(pair['subanswer'])}</p>"
            body += f"<div class=fb>{item['globalFeedback']['text']}</div>"
            page = tmp_path / f"gift-{item['id']}.html"
            page.write_text(PAGE.format(title=item["id"], body=body), encoding="utf-8")
            typeset, shown = _look(b, page, shots / f"gift-{item['id']}.png")
            assert typeset > 0 and shown == 1, item["id"]


def test_canvas_items_show_their_math_and_pictures(shots: Path, tmp_path: Path) -> None:
    from test_lms_canvas import without_namespaces

    out = tmp_path / "rich.zip"
    export("canvas", "rich", out)
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(out) as archive:
        archive.extractall(folder)
        [name] = [n for n in archive.namelist() if b"<questestinterop" in archive.read(n)]
    root = without_namespaces((folder / name).read_bytes())
    with chromium() as b:
        for item in root.iter("item"):
            body = _canvas_item(item).replace("$IMS-CC-FILEBASE$/", "web_resources/")
            page = folder / f"canvas-{item.get('title')}.html"
            page.write_text(PAGE.format(title=item.get("title"), body=body), encoding="utf-8")
            equations = body.count('<img class="equation_image"')
            typeset, shown = _look(b, page, shots / f"canvas-{item.get('title')}.png", True)
            assert typeset == equations > 0 and shown == 1, item.get("title")


def _canvas_item(item: Any) -> str:
    """The item as a classic quiz lays it out: the text, then a radio or tick box per
    choice, a menu per left-hand side, a text box per blank or answer, the feedback."""

    def shown(material: Any) -> str:
        mattext = material.find("mattext")
        text = mattext.text or ""
        return text if mattext.get("texttype") == "text/html" else html.escape(text)

    body = f"<h1>{html.escape(item.get('title') or '')}</h1>"
    body += shown(item.find("presentation/material"))
    for lid in item.iterfind("presentation/response_lid"):
        labels = [shown(label.find("material")) for label in lid.iter("response_label")]
        own = lid.find("material")
        if (lid.get("ident") or "").startswith("response_blank"):  # typed in
            body += f"<p>{shown(own)}: <input type=text aria-label={lid.get('ident')}></p>"
            continue
        if own is not None:  # a matching's left side: a menu
            options = "".join(f"<option>{text}</option>" for text in labels)
            body += f"<p>{shown(own)} <select>{options}</select></p>"
            continue
        kind = "checkbox" if lid.get("rcardinality") == "Multiple" else "radio"
        body += "".join(f"<p><input type={kind} name=c> {text}</p>" for text in labels)
    if item.find("presentation/response_str") is not None:
        body += "<p><input type=text aria-label=answer></p>"
    feedback = item.find("itemfeedback/flow_mat/material")
    return body + (f"<div class=fb>{shown(feedback)}</div>" if feedback is not None else "")
