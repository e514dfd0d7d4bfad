"""Rich fields for the LMS exports: HTML with math as TeX in ``\\(...\\)`` / ``\\[...\\]``
(Moodle's MathJax filter and Canvas's equation renderer both take it), and the
question's image as the format embeds it.

For a plain bank every function gives what the exporters wrote before: the text
escaped, nothing else. An exporter that has not yet been wired calls these in place
of ``html.escape(text, quote=False)``.
"""

from __future__ import annotations

import base64
import html
from functools import cache
from pathlib import Path

from ...model import QuestionBase
from ...rich import is_block, to_html


def lms_html(q: QuestionBase, text: str) -> str:
    """A short field (a choice, an item, a side) as inline HTML."""
    if not q.markdown:
        return html.escape(text, quote=False)
    return to_html(text, markdown=True, block=False, math="mathjax")


def lms_block(q: QuestionBase, text: str) -> str:
    """A long field (prompt, explanation) as ``<p>...</p>`` or blocks."""
    body = to_html(text, markdown=True, block=True, math="mathjax")
    return body if is_block(body) else f"<p>{body}</p>"


@cache
def image_file(path: str) -> tuple[str, bytes]:
    """The image's media name (from its content) and bytes."""
    from ...media import media_name

    data = Path(path).read_bytes()
    return media_name(data), data


def base64_of(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
