"""Rich fields as HTML for the pages quizgen writes (worksheets, keys, the study page).

Math is MathML made now, images are embedded as ``data:`` URIs: each page stays one
file that shows everything without a script. For a plain bank every function here
gives exactly the escaped text the templates wrote before (see :mod:`quizgen.rich`).
The functions are registered as Jinja filters and globals by :func:`install`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from ..model import QuestionBase
from ..rich import MathTarget, is_block, to_html

if TYPE_CHECKING:
    import jinja2


def rich(text: object, q: QuestionBase, math: MathTarget = "mathml") -> Markup:
    """A short field (a choice, an answer, a pair's side, ...) as inline HTML."""
    return Markup(to_html(str(text), markdown=q.markdown, block=False, math=math))


def rich_block(
    q: QuestionBase,
    text: str,
    cls: str,
    label: str = "",
    inner: str = "",
    math: MathTarget = "mathml",
) -> Markup:
    """A long field in a ``<p class=cls>`` (a ``<div>`` when it holds lists or several
    paragraphs), after ``label`` (markup), wrapped in a ``class=inner`` element if given."""
    html = to_html(text, markdown=q.markdown, block=True, math=math)
    tag = "div" if q.markdown and is_block(html) else "p"
    if tag == "div":
        # Pages reset list and paragraph styles for their own layout; this class lets
        # them give an author's lists, paragraphs and display math their own again.
        cls = f"{cls} rich-blocks"
    if inner:
        inner_tag = "div" if tag == "div" else "span"
        html = f'<{inner_tag} class="{inner}">{html}</{inner_tag}>'
    return Markup(f'<{tag} class="{escape(cls)}">{label}{html}</{tag}>')


def figure(q: QuestionBase) -> Markup:
    """The question's image, embedded, on a line of its own; nothing if it has none."""
    if q.image is None:
        return Markup("")
    src = image_data_uri(q.image.path)
    return Markup('\n<figure class="figure"><img src="{}" alt="{}" style="{}"></figure>').format(
        src, q.image.alt, "max-width:100%;max-height:90mm"
    )


@cache
def image_data_uri(path: str) -> str:
    from ..media import data_uri

    return data_uri(Path(path).read_bytes())


def install(env: jinja2.Environment) -> None:
    env.filters["rich"] = rich
    globals_: dict[str, Any] = {"rich_block": rich_block, "figure": figure}
    env.globals.update(globals_)
