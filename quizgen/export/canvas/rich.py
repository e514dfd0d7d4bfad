"""Rich text as Canvas classic quizzes hold it: HTML in ``mattext texttype="text/html"``,
math as Canvas's own equation images, pictures as files in the zip.

Math: ``<img class="equation_image" data-equation-content="TeX" ...>``, the form
Canvas's rich content editor stores. Canvas renders it with or without its
``new_math_equation_handling`` feature (MathJax typesets ``data-equation-content``;
without it, the server draws ``/equation_images/<TeX>``); a bare ``\\(...\\)`` is only
typeset with that feature on. Pictures: ``web_resources/quizgen/<hash>.<ext>`` in the
zip, a ``webcontent`` resource in the manifest, referenced as
``$IMS-CC-FILEBASE$/quizgen/<hash>.<ext>``, as Canvas's own exports do for
``web_resources/Uploaded Media``.

A plain question (no Markdown, no picture) is written exactly as before.
"""

from __future__ import annotations

import html
from urllib.parse import quote

from ...model import Question
from ..lms.rich import (
    image_file,
    image_html,
    lms_block,
    lms_html,
    lms_paragraph,
    lms_plain,
    tex_of,
)

FOLDER = "web_resources/quizgen"
FILEBASE = "$IMS-CC-FILEBASE$/quizgen"
_SAFE = "!'()*"


def equation(rendered: str) -> str:
    """A math span (``\\(tex\\)`` or ``\\[tex\\]``) as Canvas's equation image."""
    tex, display = tex_of(rendered)
    attr = html.escape(tex)
    # As Canvas's equation editor writes it (EquationEditorView.js): the TeX URL-encoded
    # twice with encodeURIComponent, whose safe characters these are.
    src = "/equation_images/" + quote(quote(tex, safe=_SAFE), safe=_SAFE)
    img = (
        f'<img class="equation_image" title="{attr}" src="{src}" alt="LaTeX: {attr}" '
        f'data-equation-content="{attr}">'
    )
    return f'<span style="display: block; text-align: center;">{img}</span>' if display else img


class Pictures:
    """The pictures a quiz shows: zip member -> bytes, in the order first used."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def html(self, q: Question) -> str:
        if q.image is None:
            return ""
        name, data = image_file(q.image.path)
        self.files[f"{FOLDER}/{name}"] = data
        return image_html(q, f"{FILEBASE}/{name}")


def prompt(q: Question, text: str, pictures: Pictures) -> str:
    """The question text: paragraphs, then the picture."""
    return lms_block(q, text, in_math=equation) + pictures.html(q)


def paragraph(q: Question, text: str, pictures: Pictures) -> str:
    """A cloze's text: one paragraph of inline Markdown, then the picture."""
    return lms_paragraph(q, text, in_math=equation) + pictures.html(q)


def short(q: Question, text: str) -> str:
    """A choice or a matching's left side, inline."""
    return lms_html(q, text, in_math=equation)


def plain(q: Question, text: str) -> str:
    """A drop-down entry (a matching's right side): Canvas shows plain text there."""
    return lms_plain(q, text)


def explanation(q: Question) -> str:
    return lms_block(q, q.explanation, in_math=equation)
