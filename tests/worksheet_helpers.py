"""Reading worksheets back as a tool would: the HTML by its data attributes, and
the PDF as pdftotext sees it. Shared by the worksheet tests."""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from quizgen.export.worksheet.view import Blank, Worksheet
from quizgen.load import load_catalog
from quizgen.model import Catalog

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EVERY_TYPE = FIXTURES / "good" / "every-type.yaml"
MARKUP = FIXTURES / "worksheet" / "markup.yaml"
WEIGHTED = FIXTURES / "good" / "weighted-essay.yaml"
SHUFFLE = FIXTURES / "worksheet" / "shuffle.yaml"
SEEDS = ROOT / "seeds"
BUNDLED_BANKS = ROOT / "questions"


def catalog(*paths: Path) -> Catalog:
    return load_catalog(list(paths), SEEDS).catalog


@dataclass
class Entry:
    """One element carrying data-question-id: a sheet's question or a key's entry."""

    id: str
    answer: str | None
    text: str = ""
    # li[data-letter] and li[data-number] inside it, by letter / number: their .text
    letters: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[Entry] = []
        self._stack: list[tuple[str, dict[str, str | None]]] = []
        self._entry_depth: int | None = None
        self._slot: tuple[str, str] | None = None  # ("letters" | "numbers", key)
        self._slot_depth = 0
        self._in_text_depth: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("br", "meta", "img", "input", "hr", "link"):
            return
        self._stack.append((tag, a))
        depth = len(self._stack)
        if a.get("data-question-id"):
            self.entries.append(Entry(a["data-question-id"] or "", a.get("data-answer")))
            self._entry_depth = depth
        elif self._entry_depth is not None and tag == "li":
            if a.get("data-letter"):
                self._slot, self._slot_depth = ("letters", a["data-letter"] or ""), depth
            elif a.get("data-number"):
                self._slot, self._slot_depth = ("numbers", a["data-number"] or ""), depth
        if self._slot and "text" in (a.get("class") or "").split():
            self._in_text_depth = depth

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            return
        depth = len(self._stack)
        if self._in_text_depth == depth:
            self._in_text_depth = None
        if self._slot and self._slot_depth == depth:
            self._slot = None
        if self._entry_depth == depth:
            self._entry_depth = None
        self._stack.pop()

    def handle_data(self, data: str) -> None:
        if self._entry_depth is None:
            return
        entry = self.entries[-1]
        entry.text += data
        if self._slot and self._in_text_depth is not None:
            where = getattr(entry, self._slot[0])
            where[self._slot[1]] = where.get(self._slot[1], "") + data


def read_entries(html: str) -> list[Entry]:
    reader = _Reader()
    reader.feed(html)
    return reader.entries


def normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, whitespace collapsed, in content order (``-raw``)."""
    out = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [normalize(page) for page in out.split("\f")[:-1]]


def _squash(text: str) -> str:
    return "".join(text.split())


def pdf_page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(ln for ln in info.splitlines() if ln.startswith("Pages:")).split()[1])


def question_fragments(worksheet: Worksheet) -> dict[int, list[str]]:
    """Each question's printed text pieces, in order, by number; the first piece
    starts with the number, as printed ("12. According to ...")."""
    fragments: dict[int, list[str]] = {}
    for item in worksheet.items:
        if item.segments:
            pieces = [s for s in item.segments if not isinstance(s, Blank)]
            pieces += [f"({b.hint})" for b in item.blanks if b.hint]
        else:
            pieces = [item.question.prompt]
        pieces += [o.text for o in item.options] + [r.text for r in item.rows]
        texts = [normalize(p) for p in pieces if normalize(p)]
        fragments[item.number] = [f"{item.number}. {texts[0]}", *texts[1:]]
    return fragments


def split_questions(worksheet: Worksheet, pages: list[str]) -> list[str]:
    """Problems: a question whose text is missing, or not all on the page it starts on.

    A piece is looked for on the page where the question's first piece is; a piece
    that went over to the next page is not there. (A short piece such as "Paris"
    might also stand elsewhere on that page; the other pieces still catch a split.)
    """
    problems = []
    # Compared without white space: a line may wrap anywhere, even after the hyphen
    # of "five-year", where pdftotext then puts a space.
    pages = [_squash(page) for page in pages]
    for number, shown in question_fragments(worksheet).items():
        pieces = [_squash(p) for p in shown]
        starts = [i for i, page in enumerate(pages) if pieces[0] in page]
        if len(starts) != 1:
            problems.append(f"question {number}: its start is on pages {starts}: {shown[0]!r}")
            continue
        page = pages[starts[0]]
        missing = [p for p, q in zip(shown[1:], pieces[1:], strict=True) if q not in page]
        if missing:
            problems.append(
                f"question {number} starts on page {starts[0] + 1} but {missing[0]!r} is not there"
            )
    return problems
