"""Deterministic synthetic banks of every question type, with real quotes from the essays.

A department's pooled bank is many files; the generator writes files of at most
1,000 questions, as teachers would, each valid under ``quizgen validate
--require-sources``.

``rich=True`` writes the same questions as Markdown banks (``markdown: true``) with
math in every prompt, explanation and cloze text, Markdown emphasis and code in the
choices, and an image (a PNG or an SVG, shared by the bank) on every fourth question:
a separate set, so that the plain figures stay comparable with earlier runs.
"""

from __future__ import annotations

import random
import re
import struct
import zlib
from pathlib import Path

import yaml

TYPES = ("mcq", "multi", "truefalse", "short", "cloze", "match", "order", "essay")
PER_FILE = 1000


def essay_sentences(seeds_dir: Path) -> dict[str, list[str]]:
    """Sentences of each essay, 6-30 words long, usable as quotes as they stand."""
    listing = yaml.safe_load((seeds_dir / "seeds.yaml").read_text("utf-8"))
    found: dict[str, list[str]] = {}
    for entry in listing["seeds"]:
        text = (seeds_dir / entry["file"]).read_text("utf-8")
        sentences = []
        for line in text.splitlines():
            for s in re.split(r"(?<=[.!?])\s+", line.strip()):
                words = s.split()
                if 6 <= len(words) <= 30 and "..." not in s and ". . ." not in s:
                    sentences.append(s)
        found[entry["id"]] = sentences
    return found


def question(n: int, rng: random.Random, quotes: dict[str, list[str]]) -> dict[str, object]:
    kind = TYPES[n % len(TYPES)]
    essay = rng.choice(sorted(quotes))
    quote = rng.choice(quotes[essay])
    words = [w.strip(".,;:!?\"'()“”’") for w in quote.split()]
    words = [w for w in words if w.isalpha() and len(w) > 3] or ["Serge"]
    q: dict[str, object] = {
        "id": f"syn-{n:06d}",
        "type": kind,
        "explanation": f"Synthetic question {n}, grounded in a sentence of {essay}.",
        "source": {"seed": essay, "quote": quote},
        "difficulty": ("easy", "medium", "hard")[n % 3],
        "tags": [f"synthetic::{kind}", f"group::{n % 17}"],
    }
    prompt = f"Question {n}: which word appears in the quoted passage?"
    if kind == "mcq":
        q |= {
            "prompt": prompt,
            "choices": [words[0], f"not-{n}-a", f"not-{n}-b", f"not-{n}-c"],
            "answer": words[0],
        }
    elif kind == "multi":
        q |= {
            "prompt": prompt + " Select all that apply.",
            "choices": [words[0], f"not-{n}-a", f"also-{n}", f"not-{n}-b"],
            "answer": [words[0], f"also-{n}"],
        }
    elif kind == "truefalse":
        q |= {"prompt": f"Statement {n}: the passage mentions {words[0]}.", "answer": n % 2 == 0}
    elif kind == "short":
        q |= {"prompt": prompt, "answer": words[0], "accept": [words[0].lower()]}
    elif kind == "cloze":
        q |= {
            "text": f"Item {n}: the passage speaks of {{{{c1::{words[0]}}}}} and "
            f"{{{{c2::{words[-1]}::a word}}}}."
        }
    elif kind == "match":
        q |= {
            "prompt": f"Match the pairs of item {n}.",
            "pairs": [{"left": f"left {n}-{i}", "right": f"right {n}-{i}"} for i in range(4)],
        }
    elif kind == "order":
        q |= {
            "prompt": f"Put the steps of item {n} in order.",
            "items": [f"step {n}-{i}" for i in range(5)],
        }
    else:
        q |= {
            "prompt": f"Discuss passage {n}.",
            "answer": f"A model answer about {quote}",
            "rubric": ["quotes the passage", "explains it"],
            "lines": 6,
        }
    return q


def enrich(q: dict[str, object], n: int) -> dict[str, object]:
    """The question with rich content: math, emphasis, code and, on every fourth, an image."""
    math = f"$x^{{{n % 9 + 2}}} \\cdot \\frac{{1}}{{{n % 7 + 2}}}$"
    if "prompt" in q:
        q["prompt"] = f"{q['prompt']} Take {math} as *given*."
    else:
        q["text"] = f"With {math} and $\\sqrt{{{n}}}$: {q['text']}"
    q["explanation"] = f"{q['explanation']} Note **that** $\\sqrt{{{n}}} \\times 2$ is `exact`."
    if "choices" in q:
        choices = list(q["choices"])  # type: ignore[call-overload]
        choices[1] = f"$\\frac{{{n}}}{{2}}$ (*not* {n}-a)"
        choices[3] = f"`code {n}` **b**"
        q["choices"] = choices
    if n % 4 == 0:
        name = "figure.svg" if n % 8 == 0 else "figure.png"
        q["image"] = {"path": name, "alt": f"The figure of item {n}"}
    return q


def _png(width: int = 64, height: int = 40) -> bytes:
    """A small PNG of coloured bands, made here (no file to ship)."""
    rows = b"".join(
        b"\x00" + b"".join(bytes((x * 4 % 256, y * 6 % 256, 160)) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"IDAT", zlib.compress(rows)),
            chunk(b"IEND", b""),
        )
    )


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80">'
    '<path d="M10 70 L110 70 L10 10 Z" fill="#e8eefc" stroke="#1f4fa0" stroke-width="3"/>'
    '<text x="60" y="30">c = ?</text></svg>\n'
)


def write_banks(folder: Path, count: int, seeds_dir: Path, *, rich: bool = False) -> list[Path]:
    """Write ``count`` questions as banks of up to 1,000 into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(count)
    quotes = essay_sentences(seeds_dir)
    if rich:
        (folder / "figure.png").write_bytes(_png())
        (folder / "figure.svg").write_text(SVG, "utf-8")
    paths = []
    for start in range(0, count, PER_FILE):
        end = min(count, start + PER_FILE)
        made = [question(n, rng, quotes) for n in range(start, end)]
        bank: dict[str, object] = {
            "title": f"Synthetic bank {start // PER_FILE + 1}",
            "tags": ["synthetic"],
        }
        if rich:
            bank["markdown"] = True
            made = [enrich(q, n) for n, q in zip(range(start, end), made, strict=True)]
        bank["questions"] = made
        path = folder / f"synthetic-{start // PER_FILE + 1:03d}.yaml"
        path.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), "utf-8")
        paths.append(path)
    return paths


def write_rich_bank(folder: Path, count: int, fixture: Path) -> Path:
    """A Markdown bank of ``count`` questions: the rich fixture's (every feature in every
    type, with their pictures) repeated under new ids."""
    folder.mkdir(parents=True, exist_ok=True)
    source = yaml.safe_load(fixture.read_text("utf-8"))
    for picture in ("bar-chart.png", "triangle.svg"):
        (folder / picture).write_bytes((fixture.parent / picture).read_bytes())
    pattern = source["questions"]
    questions = [
        {**pattern[n % len(pattern)], "id": f"{pattern[n % len(pattern)]['id']}-{n}"}
        for n in range(count)
    ]
    bank = {**source, "bank": "rich-synthetic", "questions": questions}
    path = folder / "rich-synthetic.yaml"
    path.write_text(yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), "utf-8")
    return path
