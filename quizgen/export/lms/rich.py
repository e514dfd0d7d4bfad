"""Rich fields for the LMS exports: HTML with math as TeX in ``\\(...\\)`` / ``\\[...\\]``
(Moodle's MathJax filter takes it; the Canvas exporter turns each span into
Canvas's equation image), and the question's image as the format embeds it.

For a plain bank every function gives what the exporters wrote before: the text
escaped, nothing else. An exporter that has not yet been wired calls these in place
of ``html.escape(text, quote=False)``.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable
from functools import cache
from pathlib import Path

from ...model import QuestionBase, ShortAnswer
from ...rich import is_block, to_html

# Stands in for a blank (a cloze deletion) while its text is rendered as Markdown:
# a private-use character Markdown leaves alone (quizgen.rich uses U+E000, U+E001).
BLANK = "\ue002"


def is_rich(q: QuestionBase) -> bool:
    """True if ``q`` needs HTML in a format that also has plain text: Markdown, or a picture."""
    return q.markdown or q.image is not None


def lms_html(q: QuestionBase, text: str, in_math: Callable[[str], str] | None = None) -> str:
    """A short field (a choice, an item, a side) as inline HTML."""
    if not q.markdown:
        return html.escape(text, quote=False)
    return to_html(text, markdown=True, block=False, math="mathjax", in_math=in_math)


def lms_block(q: QuestionBase, text: str, in_math: Callable[[str], str] | None = None) -> str:
    """A long field (prompt, explanation) as ``<p>...</p>`` or blocks; a plain one
    escaped, its line breaks kept."""
    if not q.markdown:
        return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"
    body = to_html(text, markdown=True, block=True, math="mathjax", in_math=in_math)
    return body if is_block(body) else f"<p>{body}</p>"


def lms_paragraph(q: QuestionBase, text: str, in_math: Callable[[str], str] | None = None) -> str:
    """A short field shown on its own (a cloze's text) as one paragraph: inline
    Markdown only, as the bank format has it for short fields."""
    if not q.markdown:
        return lms_block(q, text)
    return f"<p>{lms_html(q, text, in_math)}</p>"


def lms_plain(q: QuestionBase, text: str) -> str:
    """A field a platform shows as plain text (a drop-down menu's entry): the words as
    a reader sees them, by the one plain-text rule of :mod:`quizgen.plaintext` (math as
    what it means: ``\\frac{1}{2}`` is ``1/2``), as in Moodle, Kahoot and Blooket."""
    from ...plaintext import to_plain

    return to_plain(text, markdown=q.markdown)


def tex_of(rendered: str) -> tuple[str, bool]:
    """The TeX of a span :func:`lms_html` rendered (``in_math``), and whether it is display."""
    return html.unescape(rendered[2:-2]), rendered.startswith("\\[")


def image_html(q: QuestionBase, src: str) -> str:
    """The question's picture as a paragraph of its own, with its alt text."""
    assert q.image is not None
    return f'<p><img src="{html.escape(src)}" alt="{html.escape(q.image.alt)}"></p>'


@cache
def image_file(path: str) -> tuple[str, bytes]:
    """The image's media name (from its content) and bytes."""
    from ...media import media_name

    data = Path(path).read_bytes()
    return media_name(data), data


def base64_of(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def typed_answers(q: ShortAnswer) -> tuple[str, ...]:
    """What a student may type: the answer and every accepted one; in a Markdown bank
    as plain text (``$x^5$`` is typed ``x^5``), each once."""
    answers = (q.answer, *q.accept)
    if not q.markdown:
        return answers
    return tuple(dict.fromkeys(lms_plain(q, a) for a in answers))


def shortanswer_literal(text: str) -> str:
    """A short answer taken literally: ``*`` is Moodle's wildcard unless escaped (in
    Moodle XML, and in GIFT, which Moodle imports into the same question type)."""
    return text.replace("*", "\\*")
