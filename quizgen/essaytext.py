"""Essays as people have them: their paragraphs, numbered as a reader counts them.

Three forms:

``lines``
    one paragraph per line (blank lines between them or not): quizgen's first form.
``wrapped``
    plain text folded at about 70 columns, as Project Gutenberg and text copied
    from a PDF have it, with blank lines between paragraphs: a paragraph is the
    lines between two blank lines, joined.
``markdown``
    a Markdown file: each heading, paragraph, list item and quoted paragraph is a
    paragraph, with its markup (emphasis, links, code marks) taken off as a reader
    sees the text. Parsed with markdown-it-py (CommonMark).

``seeds.yaml`` may say which (``form:``); otherwise :func:`detect_form` guesses.
Either way a paragraph's line is where it starts in the file, for messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal, get_args

EssayForm = Literal["lines", "wrapped", "markdown"]
ESSAY_FORMS: tuple[EssayForm, ...] = get_args(EssayForm)
MARKDOWN_SUFFIXES = (".md", ".markdown")
# Wrapped texts fold their lines well before this; a text in the "lines" form
# (a paragraph a line) nearly always has some line longer than this.
WRAPPED_WIDTH = 100


@dataclass(frozen=True)
class EssayText:
    form: EssayForm
    paragraphs: tuple[str, ...]
    lines: tuple[int, ...]  # the 1-based line each paragraph starts on


def essay_paragraphs(text: str, form: EssayForm | None, file_name: str) -> EssayText:
    """The paragraphs of ``text`` read in ``form`` (None: detected)."""
    chosen = form or detect_form(text, file_name)
    # Split on "\n" only, as editors count lines (str.splitlines would also split on
    # form feeds and U+2028, and line numbers would disagree with the file).
    lines = text.split("\n")
    if chosen == "lines":
        numbered = [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip()]
    elif chosen == "wrapped":
        numbered = _wrapped(lines)
    else:
        numbered = _markdown(text)
    return EssayText(chosen, tuple(p for _, p in numbered), tuple(n for n, _ in numbered))


def detect_form(text: str, file_name: str) -> EssayForm:
    """``markdown`` for a .md file; ``wrapped`` when no line is longer than a folded
    line and some paragraph runs over several lines; else ``lines``."""
    if file_name.lower().endswith(MARKDOWN_SUFFIXES):
        return "markdown"
    lines = [line.rstrip() for line in text.split("\n")]
    if not any(lines) or max(len(line) for line in lines) > WRAPPED_WIDTH:
        return "lines"
    folded = any(a.strip() and b.strip() for a, b in pairwise(lines))
    return "wrapped" if folded else "lines"


def _wrapped(lines: list[str]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    start, parts = 0, list[str]()
    for n, raw in enumerate([*lines, ""], 1):
        line = raw.strip()
        if line:
            if not parts:
                start = n
            parts.append(line)
        elif parts:
            out.append((start, _join(parts)))
            parts = []
    return out


def _join(parts: list[str]) -> str:
    """A paragraph's lines as one: a line ending in a hyphen after a letter
    ("well-", "--") runs on into the next without a space."""
    text = parts[0]
    for part in parts[1:]:
        glued = text.endswith("-") and len(text) > 1 and not text[-2].isspace()
        text += part if glued else " " + part
    return text


def _markdown(text: str) -> list[tuple[int, str]]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    out: list[tuple[int, str]] = []
    for i, token in enumerate(tokens):
        if token.type == "inline":
            opener = tokens[i - 1] if i else token
            words = "".join(_plain(child) for child in token.children or ())
            where = opener.map or token.map or [0, 0]
        elif token.type in ("fence", "code_block"):
            words, where = token.content, token.map or [0, 0]
        else:
            continue
        words = " ".join(words.split())
        if words:
            out.append((where[0] + 1, words))
    return out


def _plain(child: object) -> str:
    kind = getattr(child, "type", "")
    if kind in ("text", "code_inline"):
        return str(getattr(child, "content", ""))
    if kind in ("softbreak", "hardbreak"):
        return " "
    if kind == "image":
        return str(getattr(child, "content", ""))
    return ""
