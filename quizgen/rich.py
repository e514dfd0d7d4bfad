"""Rich text in bank fields: Markdown and math, rendered as each output needs it.

The rule that keeps old banks as they were: **Markdown is opt-in per bank**
(``markdown: true`` at the top of the bank file). A bank without it is plain text,
and every output renders it exactly as before (this module is then not involved:
:func:`to_html` returns the text HTML-escaped, which is what the templates did).

In a Markdown bank every text field is Markdown with HTML disabled (``<b>`` shows as
written), and holds math: ``$...$`` and ``\\(...\\)`` inline, ``$$...$$`` and
``\\[...\\]`` on their own. Short fields (choices, answers, pairs, items, rubric
points, cloze text) take inline Markdown only (emphasis, strong, code, line
breaks); long ones (prompt, explanation, model answer) also take lists and code
blocks. Math becomes MathML at build time for HTML outputs (no script), or stays
TeX in ``\\(...\\)`` / ``\\[...\\]`` for outputs whose viewer runs MathJax (Anki).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from .texnames import unknown_names

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# "mathml": MathML built now; "mathjax": TeX in \( \) and \[ \] for the viewer's MathJax.
MathTarget = Literal["mathml", "mathjax"]

# Math delimiters, tried in this order at each place. A lone $ opens inline math only
# when followed by a non-space and closed by a $ after a non-space that no digit
# follows (pandoc's rule), so "$5 and $10" stays money. Code spans are matched
# first so that math inside `code` stays code.
_SCAN = re.compile(
    r"(?P<code>(?P<ticks>`+)[\s\S]*?(?P=ticks))"
    r"|(?P<esc>\\[\\$])"
    r"|\$\$(?P<dd>[\s\S]+?)\$\$"
    r"|\\\[(?P<br>[\s\S]+?)\\\]"
    r"|\\\((?P<pa>[\s\S]+?)\\\)"
    r"|\$(?P<d>[^\s$](?:[^$\n]*?[^\s$\\])?)\$(?!\d)"
)
_OPENERS = (("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)"))
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})", re.MULTILINE)
# Placeholders for math while Markdown runs: private-use characters Markdown keeps.
_MARK = "\ue000{}\ue001"
_MARKED = re.compile("\ue000(\\d+)\ue001")


@dataclass(frozen=True)
class Math:
    tex: str
    display: bool
    start: int
    # Where ``tex`` starts in the field's text (after the delimiter and any space).
    tex_start: int = 0


@dataclass(frozen=True)
class RichProblem:
    """A problem at character ``offset`` of a field's text, where ``text`` (the
    offending text: a command, a delimiter, a fence) starts."""

    offset: int
    message: str
    text: str


def split_math(text: str) -> tuple[str, list[Math]]:
    """The text with each math span replaced by a placeholder, and the spans."""
    spans: list[Math] = []

    def replace(m: re.Match[str]) -> str:
        if m.group("code") is not None or m.group("esc") is not None:
            return m.group(0)
        for name, display in (("dd", True), ("br", True), ("pa", False), ("d", False)):
            tex = m.group(name)
            if tex is not None:
                at = m.start(name) + len(tex) - len(tex.lstrip())
                spans.append(Math(tex.strip(), display, m.start(), at))
                return _MARK.format(len(spans) - 1)
        raise AssertionError(m)  # pragma: no cover - every alternative is handled

    return _SCAN.sub(replace, text), spans


def problems(text: str) -> list[RichProblem]:
    """Bad TeX, unclosed math and unbalanced code fences in one Markdown field."""
    found: list[RichProblem] = []
    rest, spans = split_math(text)
    for span in spans:
        message = tex_problem(span.tex)
        if message:
            found.append(
                RichProblem(span.tex_start, f"bad TeX in `{span.tex}`: {message}", span.tex)
            )
            continue
        for unknown in unknown_names(span.tex):
            found.append(
                RichProblem(
                    span.tex_start + unknown.offset,
                    f"bad TeX in `{span.tex}`: {unknown.message}",
                    unknown.name,
                )
            )
    for opener, closer in _OPENERS:
        at = rest.find(opener)
        if at >= 0:
            at = _in_text(text, at)
            found.append(
                RichProblem(at, f"math opened with {opener} is not closed with {closer}", opener)
            )
    fences = list(_FENCE.finditer(text))
    if len(fences) % 2:
        found.append(
            RichProblem(
                fences[-1].start(1),
                f"code fence {fences[-1].group(1)} is not closed: end the block with "
                "a line of the same fence",
                fences[-1].group(1),
            )
        )
    return found


def _in_text(text: str, at: int) -> int:
    """Offset ``at`` of :func:`split_math`'s text as an offset of ``text``: each
    placeholder before it stands for math of another length."""
    shift = 0
    count = 0
    for m in _SCAN.finditer(text):
        if m.group("code") is not None or m.group("esc") is not None:
            continue
        if m.start() - shift >= at:
            break
        shift += len(m.group()) - len(_MARK.format(count))
        count += 1
    return at + shift


def tex_problem(tex: str) -> str | None:
    """Why latex2mathml cannot read ``tex``, or None."""
    depth = 0
    for m in re.finditer(r"\\.|[{}]", tex):
        if m.group() == "{":
            depth += 1
        elif m.group() == "}":
            depth -= 1
            if depth < 0:
                return "a } closes no {"
    if depth:
        return "a { is not closed"
    try:
        _mathml(tex, False)
    except Exception as e:  # latex2mathml raises its own classes, and IndexError
        return type(e).__name__.removesuffix("Error") or "unreadable"
    return None


def _mathml(tex: str, display: bool) -> str:
    from latex2mathml.converter import convert

    html: str = convert(tex, display="block" if display else "inline")
    return html


def _mathjax(tex: str, display: bool) -> str:
    from markupsafe import escape

    body = str(escape(tex))
    return f"\\[{body}\\]" if display else f"\\({body}\\)"


@cache
def _parser(block: bool) -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "breaks": False, "linkify": False})
    md.disable(["link", "image", "autolink", "entity"])
    if not block:
        md.disable(
            ["table", "code", "fence", "blockquote", "hr", "list", "heading", "lheading"],
            ignoreInvalid=True,
        )
    return md


def to_html(
    text: str,
    *,
    markdown: bool,
    block: bool,
    math: MathTarget,
    around_math: Callable[[str], str] | None = None,
    in_math: Callable[[str], str] | None = None,
) -> str:
    """``text`` as HTML. Plain (``markdown=False``): escaped, nothing else. Markdown,
    inline (``block=False``): no enclosing paragraph. Block: paragraphs and blocks,
    a single paragraph left without its ``<p>`` (see :func:`is_block`).

    ``around_math`` rewrites the HTML outside math, ``in_math`` each rendered math
    span: an output's own escaping (Anki's cloze syntax, say)."""
    from markupsafe import escape

    if not markdown:
        return str(escape(text))
    marked, spans = split_math(text)
    if block:
        html = _parser(True).render(marked).strip()
        inner = _single_paragraph(html)
        html = inner if inner is not None else html
    else:
        html = _parser(False).renderInline(marked)
    if around_math is not None:
        html = around_math(html)
    render: Callable[[str, bool], str] = _mathml if math == "mathml" else _mathjax

    def math_html(m: re.Match[str]) -> str:
        span = spans[int(m.group(1))]
        out = render(span.tex, span.display)
        return in_math(out) if in_math is not None else out

    return _MARKED.sub(math_html, html)


def _single_paragraph(html: str) -> str | None:
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return None


def is_block(html: str) -> bool:
    """True if :func:`to_html` with ``block=True`` gave blocks (lists, paragraphs,
    code), which need a ``<div>``, not a ``<p>``, around them."""
    return html.startswith(("<p>", "<ul>", "<ol>", "<pre>", "<blockquote>", "<h", "<hr"))


def math_spans(text: str) -> Iterator[Math]:
    yield from split_math(text)[1]
