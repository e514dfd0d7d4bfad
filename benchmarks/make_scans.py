"""Write a 40-question test with answer sheets (3 versions) and a class set of 30
simulated, damaged scans of them in one shuffled PDF, for timing ``quizgen mark``.

    python benchmarks/make_scans.py OUT_FOLDER

Uses the simulation of the tests (tests/scan_sim.py) and needs Chromium and the
mark extra.
"""

from __future__ import annotations

import importlib
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = "ABC"
DPIS = (150, 200, 300)


def main(out: Path, students: int = 30) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    sim: Any = importlib.import_module("scan_sim")
    from quizgen.export.worksheet.pdf import ChromiumPrinter, find_chromium
    from quizgen.export.worksheet.write import WorksheetOptions, write_worksheets
    from quizgen.load import load_catalog
    from quizgen.select import sample

    catalog = load_catalog(sorted((ROOT / "questions").glob("*.yaml")), ROOT / "seeds").catalog
    questions = sample(catalog.questions, 40, 7)
    options = WorksheetOptions(versions=3, seed=7, answer_sheet=True, title="Serge test")
    write_worksheets(catalog, questions, out, options)
    jobs = [(out / f"answer-sheet-{v}.html", out / f"answer-sheet-{v}.pdf") for v in VERSIONS]
    with ChromiumPrinter(find_chromium()) as printer:
        printer.print_all(jobs)
    rng = random.Random(17)
    pages = []
    for n in range(students):
        version, dpi = VERSIONS[n % 3], DPIS[(n // 3) % 3]
        key = sim.load_key(out, version)
        blank = sim.render_pdf(out / f"answer-sheet-{version}.pdf", dpi)
        student = sim.simulate(key, str(rng.randint(1000000, 9999999)), rng, clean=False)
        for image in sim.fill_sheet(blank, key, student, dpi, rng):
            pages.append((sim.damage(image, rng, phone=n % 2 == 1), dpi))
    rng.shuffle(pages)
    sim.jpegs_to_pdf(pages, out / "class-set.pdf")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
