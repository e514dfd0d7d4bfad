"""Finding quotes in the essay essays.

A quote matches after normalising Unicode (NFKC), quotes, dashes and white space;
case and every other character must agree. ``...`` (or ``…``) elides: the pieces
must then appear in order within one paragraph. Each essay is normalised and indexed
once; every lookup after that is a substring search plus a cache hit for repeats.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\.\.\.")
# The closest passage is looked for with this much of a quote that is not found: the
# message shows about that much anyway, and the search then costs the same for a
# sentence and for a pasted chapter.
PROBE_CHARS = 240


def normalise(text: str) -> str:
    """The form in which quotes and essay text are compared."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return _SPACE.sub(" ", text).strip()


def normalise_with_origin(text: str) -> tuple[str, list[int]]:
    """``text`` normalised as :func:`normalise` does it (without the final strip), one
    character at a time, with the index in ``text`` each normalised character came
    from: to find where a quote lies in the original text."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        # Printable ASCII but the backtick is its own normal form: the common case,
        # without a call to unicodedata for each letter.
        if " " < ch < "\x7f" and ch != "`":
            chars.append(ch)
            origin.append(i)
            continue
        for out in unicodedata.normalize("NFKC", ch).translate(_TRANSLATE):
            if out.isspace():
                if chars and chars[-1] == " ":
                    continue
                out = " "
            chars.append(out)
            origin.append(i)
    return "".join(chars), origin


def quote_pieces(quote: str) -> list[str]:
    """The parts of a quote between elisions, normalised; empty parts dropped."""
    return [p.strip() for p in _ELLIPSIS.split(normalise(quote)) if p.strip()]


@dataclass
class EssayIndex:
    """The normalised paragraphs of one essay, joined for fast searching."""

    paragraphs: tuple[str, ...]
    _joined: str = field(init=False)
    _starts: list[int] = field(init=False)
    _cache: dict[str, int | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        normal = [normalise(p) for p in self.paragraphs]
        self._starts = []
        offset = 0
        for p in normal:
            self._starts.append(offset)
            offset += len(p) + 1
        # "\n" cannot occur inside a normalised paragraph, so no match spans two.
        self._joined = "\n".join(normal)
        self._normal = normal

    def locate(self, quote: str) -> int | None:
        """The 1-based paragraph number where ``quote`` is found, or None."""
        if quote not in self._cache:
            self._cache[quote] = self._locate(quote_pieces(quote))
        return self._cache[quote]

    def _locate(self, pieces: list[str]) -> int | None:
        if not pieces:
            return None
        first, rest = pieces[0], pieces[1:]
        # The pieces together cannot be longer than the paragraph that holds them.
        needed = sum(len(p) for p in pieces)
        at = self._joined.find(first)
        while at >= 0:
            number = bisect.bisect_right(self._starts, at)
            paragraph = self._normal[number - 1]
            if len(paragraph) >= needed and _in_order(
                paragraph, rest, at - self._starts[number - 1] + len(first)
            ):
                return number
            # The first place in a paragraph leaves the most room for the rest: a later
            # one there cannot succeed where it failed, so go on to the next paragraph.
            if number >= len(self._starts):
                break
            at = self._joined.find(first, self._starts[number])
        return None

    def closest(self, quote: str) -> tuple[int, str]:
        """The paragraph number and passage that look most like ``quote``.

        Scores every paragraph by its best-matching stretch (rapidfuzz's partial
        ratio, on at most ``PROBE_CHARS`` of the quote), then shows the stretch of
        the best paragraph that the quote would cover, cut at word boundaries.
        """
        from rapidfuzz import fuzz, process

        target = " ".join(quote_pieces(quote))[:PROBE_CHARS]
        if not target or not self._normal:
            return 1, ""
        best = process.extractOne(target, self._normal, scorer=fuzz.partial_ratio)
        if best is None or not best[1]:
            return 1, ""
        number = best[2] + 1
        paragraph = self._normal[best[2]]
        aligned = fuzz.partial_ratio_alignment(target, paragraph)
        start = aligned.dest_start if aligned is not None else 0
        end = min(len(paragraph), start + len(target) + 10)
        while start > 0 and paragraph[start - 1] != " ":
            start -= 1
        while end < len(paragraph) and paragraph[end] != " ":
            end += 1
        return number, paragraph[start:end]


def _in_order(paragraph: str, pieces: list[str], start: int) -> bool:
    for piece in pieces:
        at = paragraph.find(piece, start)
        if at < 0:
            return False
        start = at + len(piece)
    return True
