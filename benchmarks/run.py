"""quizgen's benchmark: times and peak memory of the CLI against a floor, as a table and JSON.

    python benchmarks/run.py                   # sizes 1,000 / 10,000 / 50,000
    python benchmarks/run.py --sizes 1000 --runs 1   # the smoke run the test suite does

Every figure is the median of --runs runs, each a fresh process; peak memory is the
child's maximum resident set. The floor is benchmarks/floor.py: PyYAML's C loader and
genanki, no validation. Targets are checked at the end; with --check the exit code is 1
if one is missed.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import study  # noqa: E402
import synthetic  # noqa: E402

QUIZGEN = [sys.executable, "-m", "quizgen"]
LMS_OUTPUTS = {
    "moodle": "quiz.xml",
    "gift": "quiz.gift.txt",
    "canvas": "quiz.zip",
    "kahoot": "quiz.xlsx",
    "blooket": "quiz.csv",
}

# What rich content costs, measured on the rich synthetic banks: (name, command, output).
RICH_OUTPUTS = (
    ("anki", "anki", "rich.apkg"),
    ("worksheet (all, HTML)", "worksheet", "rich-worksheet"),
    ("moodle", "moodle", "rich.xml"),
    ("study", "study", "rich-study.html"),
)


@dataclass
class Measure:
    name: str
    size: int | None
    seconds: float
    peak_mb: float
    runs: int


def measure(name: str, size: int | None, argv: Sequence[str], runs: int, cwd: Path) -> Measure:
    times: list[float] = []
    peaks: list[float] = []
    for _ in range(runs):
        # stderr goes to a file, not a pipe: a command warning more than a pipe holds
        # (an LMS export listing thousands of questions) would block until read.
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - start)
            peaks.append(usage.ru_maxrss / 1024)
            errors.seek(0)
            stderr = errors.read().decode()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{name} failed ({' '.join(map(str, argv))}):\n{stderr}")
    return Measure(name, size, statistics.median(times), max(peaks), runs)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--out", type=Path, default=HERE / "out", help="folder for banks and results"
    )
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF figures")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--largest",
        action="store_true",
        help="also validate one bank of the largest size accepted, of one-line questions",
    )
    args = parser.parse_args(argv)

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    # quizgen as a user runs it: pip byte-compiles a package's modules as it installs
    # it. A checkout run under PYTHONDONTWRITEBYTECODE (as on CI) would otherwise compile
    # every module it imports on every run, and each figure would include the compiler.
    compileall.compile_dir(ROOT / "quizgen", quiet=1)
    seeds = ROOT / "seeds"
    results: list[Measure] = []
    work = Path(tempfile.mkdtemp(prefix="quizgen-bench-"))
    small = max(args.runs, 5)

    def run(name: str, size: int | None, cmd: Sequence[str], runs: int = args.runs) -> Measure:
        m = measure(name, size, cmd, runs, work)
        results.append(m)
        print(
            f"  {name:<28} {size or '':>7} {m.seconds:8.3f} s {m.peak_mb:7.1f} MB",
            flush=True,
        )
        return m

    print(
        f"quizgen benchmark on {platform.node()} ({os.cpu_count()} cores, Python "
        f"{platform.python_version()}); median of {args.runs} run(s)"
    )
    run("help", None, [*QUIZGEN, "--help"], small)
    run("version", None, [*QUIZGEN, "--version"], small)
    run(
        "build (bundled banks)",
        None,
        [*QUIZGEN, "build", str(ROOT / "questions"), "--seeds", str(seeds), "-o", str(work / "b")],
        small,
    )
    run(
        "lint (bundled banks)",
        None,
        [*QUIZGEN, "lint", str(ROOT / "questions"), "--seeds", str(seeds)],
    )

    # A new teacher's first minute: a new project, then its first build.
    python, demo = sys.executable, work / "demo"
    run(
        "init + build (new project)",
        None,
        [
            "sh",
            "-c",
            f'rm -rf "{demo}" && "{python}" -m quizgen init "{demo}" >/dev/null && '
            f'cd "{demo}" && "{python}" -m quizgen build >/dev/null',
        ],
        small,
    )

    def banks(size: int, rich: bool = False) -> list[str]:
        folder = out / f"banks-{'rich-' if rich else ''}{size}"
        if not (folder / ".complete").exists():
            shutil.rmtree(folder, ignore_errors=True)
            synthetic.write_banks(folder, size, seeds, rich=rich)
            (folder / ".complete").write_text("")
        return [str(folder), "--seeds", str(seeds)]

    # The learner's study page of the bundled banks: build time, size, time to interactive.
    page = work / "study.html"
    run(
        "study page (bundled banks)",
        None,
        [*QUIZGEN, "study", str(ROOT / "questions"), "--seeds", str(seeds), "-o", str(page)],
        small,
    )
    size = page.stat().st_size
    interactive = study.time_to_interactive(page, small)
    page_figures: dict[str, float | None] = {"bytes": size, "interactive_s": interactive}
    print(f"  {'study page size':<28} {'':>7} {size / 1e6:8.3f} MB")
    if interactive is None:
        print("  study page interactive: skipped (needs Playwright and Chromium)")
    else:
        print(f"  {'study page interactive':<28} {'':>7} {interactive:8.3f} s", flush=True)

    # A teacher's test: 100 questions, 10 versions; and printing them.
    run(
        "worksheet 100 x 10 versions",
        100,
        [*QUIZGEN, "worksheet", *banks(100), "--versions", "10", "-o", str(work / "w10")],
        small,
    )
    if not args.no_pdf and shutil.which("chromium"):
        run(
            "worksheet 100, PDF x 1",
            100,
            [*QUIZGEN, "worksheet", *banks(100), "--pdf", "-o", str(work / "p1")],
        )
        run(
            "worksheet 100, PDF x 3",
            100,
            [
                *QUIZGEN,
                "worksheet",
                *banks(100),
                "--versions",
                "3",
                "--pdf",
                "-o",
                str(work / "p3"),
            ],
        )
    if not args.no_pdf and shutil.which("chromium") and _has_mark_extra():
        # A class set: 30 answer sheets, scanned and photographed, in one PDF.
        scans = work / "scans"
        subprocess.run([sys.executable, str(HERE / "make_scans.py"), str(scans)], check=True)
        marking = run(
            "mark 30 pages",
            30,
            [
                *QUIZGEN,
                "mark",
                str(scans / "class-set.pdf"),
                "--key",
                str(scans),
                "-o",
                str(work / "results"),
            ],
        )
        print(f"  {'  per page':<28} {'':>7} {marking.seconds / 30:8.3f} s", flush=True)
    # A department's pooled banks, growing.
    for size in args.sizes:
        common = banks(size)
        run("validate", size, [*QUIZGEN, "validate", "--require-sources", *common])
        run(
            "floor (C YAML + genanki)",
            size,
            [sys.executable, str(HERE / "floor.py"), common[0], str(work / "floor.apkg")],
        )
        run("anki", size, [*QUIZGEN, "anki", *common, "-o", str(work / "deck.apkg")])
        run("worksheet (all, HTML)", size, [*QUIZGEN, "worksheet", *common, "-o", str(work / "w")])
        # Every rule over the whole pool: the synthetic questions share prompts and
        # quotes, so near-duplicate and answer-elsewhere find (and cost) the most here.
        run("lint", size, [*QUIZGEN, "lint", *common])
        # The learning-platform exports, each of every question (Kahoot and Blooket
        # write the multiple-choice and true/false ones that fit their sheets).
        for name, target in LMS_OUTPUTS.items():
            run(name, size, [*QUIZGEN, name, *common, "-o", str(work / target)])
        # The same questions with rich content (Markdown, math, an image on every
        # fourth): a separate set, so the plain figures above stay comparable.
        rich_banks = banks(size, rich=True)
        for name, cmd, target in RICH_OUTPUTS:
            run(f"{name} (rich)", size, [*QUIZGEN, cmd, *rich_banks, "-o", str(work / target)])
    # A Markdown bank (math, pictures) of 1,000 questions in the formats that render it.
    rich = synthetic.write_rich_bank(
        work / "rich", 1000, ROOT / "tests" / "fixtures" / "rich" / "rich-every-type.yaml"
    )
    for name in ("gift", "canvas"):
        run(f"{name} (Markdown bank)", 1000, [*QUIZGEN, name, str(rich), "-o", str(work / name)])
    if args.largest:
        largest = largest_bank(out / "largest")
        questions = largest.read_text("utf-8").count("\n  - ")
        run("validate (largest bank)", questions, [*QUIZGEN, "validate", str(largest)], 1)
    shutil.rmtree(work, ignore_errors=True)

    checks = targets(results, args.sizes) + study_targets(page_figures)
    print("\ntargets:")
    for label, ok, detail in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}: {detail}")
    report = {
        "machine": {
            "node": platform.node(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "results": [asdict(m) for m in results],
        "study_page": page_figures,
        "targets": [{"target": label, "ok": ok, "detail": detail} for label, ok, detail in checks],
    }
    (out / "results.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten: {out / 'results.json'}")
    return 1 if args.check and not all(ok for _, ok, _ in checks) else 0


def _has_mark_extra() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) for m in ("cv2", "pypdfium2", "zxingcpp"))


def study_targets(figures: dict[str, float | None]) -> list[tuple[str, bool, str]]:
    size = figures["bytes"] or 0
    checks = [
        ("study page of the bundled banks under 1.5 MB", size < 1.5e6, f"{size / 1e6:.2f} MB")
    ]
    ready = figures["interactive_s"]
    if ready is not None:
        checks.append(("study page interactive under 0.5 s", ready < 0.5, f"{ready * 1000:.0f} ms"))
    return checks


def largest_bank(folder: Path) -> Path:
    """A bank just under the size limit, of one-line questions without sources: the
    most questions (and warnings) one file can hold."""
    from quizgen.yamlfile import MAX_FILE_BYTES

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "largest.yaml"
    lines = ["title: The largest bank\nquestions:\n"]
    size, i = len(lines[0]), 0
    while True:
        line = f"  - {{id: q{i}, type: truefalse, prompt: p, answer: true}}\n"
        if size + len(line) > MAX_FILE_BYTES:
            break
        lines.append(line)
        size += len(line)
        i += 1
    path.write_text("".join(lines), "utf-8")
    return path


def targets(results: list[Measure], sizes: Sequence[int]) -> list[tuple[str, bool, str]]:
    def get(name: str, size: int | None = None) -> Measure | None:
        return next((m for m in results if m.name == name and m.size == size), None)

    checks: list[tuple[str, bool, str]] = []
    for name in ("help", "version"):
        m = get(name)
        if m:
            checks.append(
                (f"quizgen --{name} under 150 ms", m.seconds < 0.150, f"{m.seconds * 1000:.0f} ms")
            )
    m = get("build (bundled banks)")
    if m:
        checks.append(
            ("build of the bundled banks under 1 s", m.seconds < 1.0, f"{m.seconds:.2f} s")
        )
    m = get("init + build (new project)")
    if m:
        checks.append(
            ("init then build of a new project under 2 s", m.seconds < 2.0, f"{m.seconds:.2f} s")
        )
    anki, floor = get("anki", 10000), get("floor (C YAML + genanki)", 10000)
    if anki and floor:
        ratio = anki.seconds / floor.seconds
        checks.append(
            (
                "anki on 10,000 within 1.3x the floor",
                ratio <= 1.3,
                f"{anki.seconds:.2f} s / {floor.seconds:.2f} s = {ratio:.2f}x",
            )
        )
    big = get("anki", 50000)
    if anki and big:
        growth = big.seconds / anki.seconds
        checks.append(("anki 50k/10k time ratio at most 5.5", growth <= 5.5, f"{growth:.2f}"))
        checks.append(("anki on 50,000 under 400 MB", big.peak_mb < 400, f"{big.peak_mb:.0f} MB"))
    m = get("worksheet 100 x 10 versions", 100)
    if m:
        checks.append(
            ("10 versions of 100 questions under 2 s", m.seconds < 2.0, f"{m.seconds:.2f} s")
        )
    one = get("worksheet 100, PDF x 1", 100)
    three = get("worksheet 100, PDF x 3", 100)
    if one and three:
        ratio = three.seconds / one.seconds
        checks.append(
            (
                "3 versions with PDF under 3x one",
                ratio < 3.0,
                f"{three.seconds:.2f} s / {one.seconds:.2f} s = {ratio:.2f}x",
            )
        )
    for name in LMS_OUTPUTS:
        lms = get(name, 10000)
        if lms and anki:
            checks.append(
                (
                    f"{name} on 10,000 no slower than the anki deck",
                    lms.seconds <= anki.seconds,
                    f"{lms.seconds:.2f} s / {anki.seconds:.2f} s",
                )
            )
    m = get("mark 30 pages", 30)
    if m:
        per_page = m.seconds / 30
        checks.append(("mark at most 1 s per page", per_page <= 1.0, f"{per_page:.2f} s"))
    per_q = [(s, m.seconds / s) for s in sizes if (m := get("validate", s))]
    if len(per_q) >= 2:
        (s0, t0), (s1, t1) = per_q[0], per_q[-1]
        growth = t1 / t0
        checks.append(
            (
                f"validate time per question grows at most 1.5x from {s0:,} to {s1:,}",
                growth <= 1.5,
                f"{t0 * 1e6:.0f} -> {t1 * 1e6:.0f} us ({growth:.2f}x)",
            )
        )
    return checks


if __name__ == "__main__":
    sys.exit(main())
