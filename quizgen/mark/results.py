"""Writing what ``quizgen mark`` read: results.csv (one row per student),
breakdown.csv (one row per student and question) and report.html (the class's
scores, each question's difficulty, discrimination and distractors, and everything
that needs a look, with a picture of it)."""

from __future__ import annotations

import base64
import csv
import io
import statistics
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..export.output import write_atomic
from ..resources import bundled
from . import Marked, StudentSheet
from .keys import KeyQuestion


@dataclass(frozen=True)
class QuestionStats:
    id: str
    kind: str
    points: int
    numbers: str  # its number in each version: "A 3 · B 7"
    answered: int
    difficulty: float | None  # mean share of the points earned (1: everyone right)
    discrimination: float | None  # correlation of its marks with the rest of the test
    choices: tuple[tuple[str, int, bool], ...]  # choice text, times chosen, right


def _fmt(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:g}"


def question_order(marked: Marked) -> list[KeyQuestion]:
    """Every question once, in the first version's order (columns of results.csv)."""
    first = marked.keys[sorted(marked.keys)[0]]
    return list(first.questions)


def results_csv(marked: Marked) -> str:
    questions = question_order(marked)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["student", "version", "total", "out_of", "needs_look", *(q.id for q in questions)]
    )
    for sheet in marked.students:
        by_id = {a.question.id: a for a in sheet.answers}
        writer.writerow(
            [
                sheet.number,
                sheet.key.version,
                _fmt(sheet.total),
                sheet.key.points,
                sheet.flagged,
                *(_fmt(by_id[q.id].mark) for q in questions),
            ]
        )
    return out.getvalue()


def breakdown_csv(marked: Marked) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "student",
            "version",
            "number",
            "question",
            "kind",
            "read",
            "right",
            "mark",
            "points",
            "needs_look",
        ]
    )
    for sheet in marked.students:
        for a in sheet.answers:
            q = a.question
            read = "?" if a.reading.flag else " ".join(a.reading.values)
            writer.writerow(
                [
                    sheet.number,
                    sheet.key.version,
                    q.number,
                    q.id,
                    q.kind,
                    read,
                    " ".join(q.answer),
                    _fmt(a.mark),
                    q.points,
                    a.reading.flag,
                ]
            )
    return out.getvalue()


def question_stats(marked: Marked) -> list[QuestionStats]:
    stats = []
    for q in question_order(marked):
        rows = [(s, a) for s in marked.students for a in s.answers if a.question.id == q.id]
        read = [(s, a) for s, a in rows if a.mark is not None]
        shares = [a.mark / q.points if q.points else 0.0 for _, a in read if a.mark is not None]
        rest = [s.total - (a.mark or 0.0) for s, a in read]
        numbers = " · ".join(f"{s_key} {_number(marked, s_key, q.id)}" for s_key in marked.keys)
        stats.append(
            QuestionStats(
                q.id,
                q.kind,
                q.points,
                numbers,
                len(read),
                round(statistics.fmean(shares), 2) if shares else None,
                _correlation(shares, rest),
                _choices(marked, q.id),
            )
        )
    return stats


def _number(marked: Marked, version: str, q_id: str) -> int:
    return next(q.number for q in marked.keys[version].questions if q.id == q_id)


def _correlation(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    return round(statistics.correlation(xs, ys), 2)


def _choices(marked: Marked, q_id: str) -> tuple[tuple[str, int, bool], ...]:
    """How often each choice was chosen, by its text (letters differ between versions)."""
    counts: dict[str, list[int]] = {}
    for sheet in marked.students:
        for a in sheet.answers:
            q = a.question
            if q.id != q_id or q.mode != "letter":
                continue
            for letter, text in q.choices.items():
                entry = counts.setdefault(text, [0, int(letter in q.answer)])
                if not a.reading.flag and letter in a.reading.values:
                    entry[0] += 1
    return tuple((text, n, bool(right)) for text, (n, right) in counts.items())


def histogram(students: list[StudentSheet], out_of: int) -> list[tuple[str, int]]:
    bins = 10 if out_of >= 10 else max(out_of, 1)
    width = out_of / bins
    counts = [0] * bins
    for s in students:
        counts[min(bins - 1, int(s.total / width))] += 1
    return [(f"{i * width:g}–{(i + 1) * width:g}", n) for i, n in enumerate(counts)]


def report_html(marked: Marked) -> str:
    import jinja2

    from ..templating import environment

    env = environment(
        jinja2.FileSystemLoader(bundled("templates") / "mark"),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["b64"] = lambda data: base64.b64encode(data).decode("ascii")
    first = marked.keys[sorted(marked.keys)[0]]
    totals = [s.total for s in marked.students]
    bins = histogram(marked.students, first.points)
    return env.get_template("report.html.j2").render(
        key=first,
        marked=marked,
        stats=question_stats(marked),
        bins=bins,
        most=max((n for _, n in bins), default=0),
        mean=round(statistics.fmean(totals), 2) if totals else None,
        median=round(statistics.median(totals), 2) if totals else None,
        fmt=_fmt,
    )


def write_results(marked: Marked, out: Path) -> tuple[Path, ...]:
    if out.exists() and not out.is_dir():
        raise OutputError(f"cannot write into {out}: it is a file, not a folder")
    files = {
        out / "results.csv": results_csv(marked),
        out / "breakdown.csv": breakdown_csv(marked),
        out / "report.html": report_html(marked),
    }
    for path, text in files.items():
        write_atomic(path, text)
    return tuple(files)
