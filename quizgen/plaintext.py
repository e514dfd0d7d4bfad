"""Rich fields as readable plain text, for outputs that hold text only.

Kahoot's and Blooket's spreadsheets and the right-hand sides of a Moodle matching
question (shown in a ``<select>``, where HTML is not rendered) cannot show Markdown,
math or HTML. There a Markdown bank's field becomes the text a reader sees, written
the way one would type it:

- emphasis, strong and code lose their markers (``*one* half`` -> ``one half``);
- math becomes readable Unicode text by pylatexenc's latex2text
  (``$\\frac{1}{2} + x^{2+3}$`` -> ``1/2 + x^(2+3)``): a fraction's numerator or
  denominator of more than one character, and a power or index of more than one,
  in parentheses, so that the text means what the TeX means;
- lists keep their numbers or a ``-``, code blocks their lines, paragraphs a blank
  line between them (a one-line cell then folds all of it into single spaces).

A plain bank (no ``markdown: true``) is never touched: its text is returned as it is.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from .rich import _MARKED, _parser, split_math

if TYPE_CHECKING:
    from markdown_it.token import Token
    from pylatexenc.latex2text import LatexNodes2Text

# Inline tokens that carry text of their own; the rest (emphasis markers) carry none.
_LINE_BREAKS = {"softbreak": "\n", "hardbreak": "\n"}


def to_plain(text: str, *, markdown: bool, block: bool = False) -> str:
    """``text`` as a reader sees it, in plain text (see the module's rule)."""
    if not markdown:
        return text
    marked, spans = split_math(text)
    if block:
        plain = _blocks(_parser(True).parse(marked)).strip("\n")
    else:  # inline: the text's own spaces at either end stay (a cloze's pieces)
        plain = _blocks(_parser(False).parseInline(marked))
    return _MARKED.sub(lambda m: math_text(spans[int(m.group(1))].tex), plain)


def _blocks(tokens: list[Token]) -> str:
    out: list[str] = []
    for token in tokens:
        match token.type:
            case "inline":
                out.append(_inline(token.children or []))
            case "paragraph_close" | "heading_close":
                out.append("\n" if token.hidden else "\n\n")
            case "list_item_open":
                number = token.info
                out.append(f"{number}{token.markup} " if number else f"{token.markup} ")
            case "fence" | "code_block":
                out.append(token.content + "\n")
            case "bullet_list_close" | "ordered_list_close":
                out.append("\n")
            case _:
                pass
    return "".join(out)


def _inline(children: list[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in _LINE_BREAKS:
            parts.append(_LINE_BREAKS[child.type])
    return "".join(parts)


# A fraction's part with one of these in it is put in parentheses: (a+b)/c.
_OPERATOR = re.compile(r"[\s+\-−±∓×÷·*/=<>,]")
# Binary operators and relations latex2text may leave unspaced: spaced evenly.
_BINARY = re.compile(r"\s*([×÷·±∓≤≥≠≈≡→⇒∈∉⊂⊆∪∩])\s*")
# A ^ or _ followed by a braced group: its content is found by counting braces.
_SCRIPT = re.compile(r"(?<!\\)[\^_]\{")


def _parenthesised_scripts(tex: str) -> str:
    """``x^{2+3}`` as ``x^{(2+3)}``: latex2text drops the braces, the parentheses stay."""
    out, at = [], 0
    for m in _SCRIPT.finditer(tex):
        if m.start() < at:
            continue
        end = _group_end(tex, m.end() - 1)
        if end is None:
            return tex
        inner = _parenthesised_scripts(tex[m.end() : end])
        out.append(tex[at : m.end()])
        out.append(f"({inner})" if _needs_brackets(inner) else inner)
        at = end
    out.append(tex[at:])
    return "".join(out)


def _group_end(tex: str, opening: int) -> int | None:
    """The index of the ``}`` that closes the ``{`` at ``opening``."""
    depth = 0
    for m in re.compile(r"\\.|[{}]").finditer(tex, opening):
        if m.group() == "{":
            depth += 1
        elif m.group() == "}":
            depth -= 1
            if depth == 0:
                return m.start()
    return None


def _needs_brackets(inner: str) -> bool:
    return len(inner.strip()) > 1 and not re.fullmatch(r"\\[A-Za-z]+|[A-Za-z0-9.]+", inner)


def _frac(node: Any, l2tobj: LatexNodes2Text) -> str:
    args = node.nodeargd.argnlist[-2:]
    num, den = (l2tobj.nodelist_to_text([a]).strip() for a in args)
    return f"{_bracketed(num)}/{_bracketed(den)}"


def _bracketed(text: str) -> str:
    return f"({text})" if _OPERATOR.search(text) else text


@cache
def _converter() -> LatexNodes2Text:
    from pylatexenc.latex2text import (
        LatexNodes2Text,
        MacroTextSpec,
        get_default_latex_context_db,
    )

    context = get_default_latex_context_db()
    specs = [MacroTextSpec(name, simplify_repl=_frac) for name in ("frac", "dfrac", "tfrac")]
    context.add_context_category("quizgen-fractions", macros=specs, prepend=True)
    return LatexNodes2Text(latex_context=context, strict_latex_spaces="based-on-source")


def math_text(tex: str) -> str:
    """One math span as readable Unicode text (``\\sqrt{16}`` -> ``√(16)``)."""
    text: str = _converter().latex_to_text(_parenthesised_scripts(tex))
    return " ".join(_BINARY.sub(r" \1 ", text).split())
