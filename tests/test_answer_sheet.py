"""worksheet --answer-sheet: the answer sheet's HTML and the mark key agree, bubble for
bubble, and a tool can find every bubble by its data attributes."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from worksheet_helpers import EVERY_TYPE, catalog

from quizgen.export.worksheet.write import WorksheetOptions, write_worksheets


class _Bubbles(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bubbles: list[dict[str, str | None]] = []
        self.marks: list[str | None] = []
        self.qr: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "bubble" in (a.get("class") or "").split():
            self.bubbles.append(a)
        if "data-mark" in a:
            self.marks.append(a["data-mark"])
        if "data-qr" in a:
            self.qr.append(a["data-qr"])


def _write(tmp_path: Path, **options) -> Path:
    every = catalog(EVERY_TYPE)
    write_worksheets(
        every, every.questions, tmp_path, WorksheetOptions(answer_sheet=True, **options)
    )
    return tmp_path


def _centre(style: str | None) -> tuple[float, float]:
    left, top = (float(v) for v in re.findall(r"(?:left|top):([\d.]+)mm", style or ""))
    return round(left + 2.2, 2), round(top + 2.2, 2)


def test_every_bubble_is_where_the_key_says(tmp_path: Path) -> None:
    folder = _write(tmp_path, versions=2)
    for version in "AB":
        key = json.loads((folder / f"mark-key-{version}.json").read_text())
        parsed = _Bubbles()
        parsed.feed((folder / f"answer-sheet-{version}.html").read_text())
        assert parsed.marks == ["top-left", "top-right", "bottom-left", "bottom-right"]
        assert parsed.qr == [f"QZG1 {key['test']} {version} {key['check_code']} 1/1"]
        from_html = {
            (b["data-question-id"], b.get("data-letter") or b.get("data-points")): _centre(
                b["style"]
            )
            for b in parsed.bubbles
            if b.get("data-question-id")
        }
        from_key = {
            (q["id"], value): (round(x, 2), round(y, 2))
            for q in key["questions"]
            for value, x, y in q["bubbles"]
        }
        assert from_html == from_key
        digits = [b for b in parsed.bubbles if b.get("data-student-column")]
        assert len(digits) == 10 * len(key["student_number"])


def test_choice_rows_have_letters_and_other_rows_points(tmp_path: Path) -> None:
    key = json.loads((_write(tmp_path) / "mark-key-A.json").read_text())
    rows = {q["kind"]: [v for v, _, _ in q["bubbles"]] for q in key["questions"]}
    assert rows["mcq"] == ["A", "B", "C", "D"]
    assert rows["truefalse"] == ["T", "F"]
    assert rows["multi"] == ["A", "B", "C", "D"]
    # Matching is scored per pair by default: its 2 pairs make 0, 1 or 2 points.
    assert rows["match"] == ["0", "1", "2"]
    assert rows["essay"] == ["0", "1"]
    modes = {q["kind"]: q["mode"] for q in key["questions"]}
    assert {k for k, m in modes.items() if m == "letter"} == {"mcq", "multi", "truefalse"}


def test_the_same_run_gives_the_same_test_and_another_run_another(tmp_path: Path) -> None:
    first = json.loads((_write(tmp_path / "1") / "mark-key-A.json").read_text())
    again = json.loads((_write(tmp_path / "2") / "mark-key-A.json").read_text())
    other = json.loads((_write(tmp_path / "3", seed=2) / "mark-key-A.json").read_text())
    assert first["test"] == again["test"] != other["test"]
    assert re.fullmatch(r"[0-9A-F]{8}", first["test"])
