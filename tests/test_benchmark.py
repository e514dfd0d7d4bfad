"""A smoke run of the benchmark at its smallest size, so the script cannot rot.

Timings are not asserted here (a loaded CI machine would make that flaky); the
benchmark itself checks its targets with --check.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def test_benchmark_smoke_run(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--sizes",
            "1000",
            "--runs",
            "1",
            "--no-pdf",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((tmp_path / "results.json").read_text())
    names = {(r["name"], r["size"]) for r in report["results"]}
    assert {
        ("help", None),
        ("version", None),
        ("build (bundled banks)", None),
        ("worksheet 100 x 10 versions", 100),
        ("validate", 1000),
        ("floor (C YAML + genanki)", 1000),
        ("anki", 1000),
        ("worksheet (all, HTML)", 1000),
        ("lint (bundled banks)", None),
        ("lint", 1000),
        ("study page (bundled banks)", None),
        ("anki (rich)", 1000),
        ("worksheet (all, HTML) (rich)", 1000),
        ("moodle (rich)", 1000),
        ("study (rich)", 1000),
        ("gift (Markdown bank)", 1000),
        ("canvas (Markdown bank)", 1000),
    } <= names
    assert all(r["seconds"] > 0 and r["peak_mb"] > 0 for r in report["results"])
    assert {t["target"] for t in report["targets"]} >= {
        "quizgen --help under 150 ms",
        "build of the bundled banks under 1 s",
        "10 versions of 100 questions under 2 s",
        "study page of the bundled banks under 1.5 MB",
        "study page interactive under 0.5 s",
    }
    assert report["study_page"]["bytes"] > 0
    assert "targets:" in result.stdout
    banks = sorted((tmp_path / "banks-1000").glob("*.yaml"))
    validate = subprocess.run(
        [
            sys.executable,
            "-m",
            "quizgen",
            "validate",
            "--require-sources",
            "--strict",
            str(banks[0].parent),
            "--seeds",
            str(ROOT / "seeds"),
        ],
        capture_output=True,
        text=True,
    )
    assert validate.returncode == 0, validate.stderr
    assert validate.stdout.startswith("OK: 1000 questions")
