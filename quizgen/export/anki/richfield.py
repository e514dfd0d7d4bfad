"""Field HTML for Markdown banks: Markdown rendered, math left to Anki's MathJax.

A plain bank's fields are exactly what ``text_html`` / ``cloze_safe`` made before.
Images travel as media named by their content (``quizgen.media.media_name``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from markupsafe import escape

from ...model import QuestionBase
from ...rich import to_html
from .notetypes import cloze_safe, text_html


def _defuse(html: str) -> str:
    """Anki's own markup ([sound:...], [latex]) never starts in bank text."""
    return html.replace("[", "&#91;")


def _cloze_text(html: str) -> str:
    return _defuse(html).replace("{", "&#123;").replace("}", "&#125;").replace("::", "&#58;&#58;")


def cloze_math(tex_html: str) -> str:
    """Math inside a deletion: ``}}`` (as in ``\\frac{1}{x^{2}}``) would end the deletion
    and ``::`` would start its hint; a space between the two changes nothing in TeX."""
    while "}}" in tex_html or "::" in tex_html:
        tex_html = tex_html.replace("}}", "} }").replace("::", ": :")
    return tex_html


def field_html(text: str, q: QuestionBase, *, block: bool = False, cloze: bool = False) -> str:
    """One field's HTML; ``cloze``: it sits in a cloze note, where {, } and : are syntax."""
    if not q.markdown:
        return cloze_safe(text) if cloze else text_html(text)
    return to_html(
        text,
        markdown=True,
        block=block,
        math="mathjax",
        around_math=_cloze_text if cloze else _defuse,
        in_math=cloze_math if cloze else None,
    )


def image_html(q: QuestionBase) -> str:
    """The ``<img>`` of the question's picture (its media name), or ""."""
    if q.image is None:
        return ""
    name, _ = media_file(q.image.path)
    return f'<div class="qz-figure"><img src="{escape(name)}" alt="{escape(q.image.alt)}"></div>'


@cache
def media_file(path: str) -> tuple[str, bytes]:
    from ...media import media_name

    data = Path(path).read_bytes()
    return media_name(data), data
