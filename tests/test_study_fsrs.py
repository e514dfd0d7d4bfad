"""The page's FSRS scheduler against the reference, PyPI `fsrs`: random review
sequences replayed through both, every due date and stability compared."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from study_helpers import EVERY_TYPE, build_page, chromium, missing, open_page, require_browser

pytestmark = pytest.mark.browser

SEQUENCES = 1200
START = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def sequences(seed: int = 16) -> list[list[tuple[int, int]]]:
    """Each a list of (seconds after the previous review, rating 1-4). Gaps run from
    seconds (same-day steps) to years, so every branch of the scheduler is taken."""
    rng = random.Random(seed)
    scales = (60, 3600, 86400, 86400 * 30, 86400 * 400)
    out = []
    for _ in range(SEQUENCES):
        steps = []
        for _ in range(rng.randint(1, 14)):
            gap = int(rng.uniform(0, rng.choice(scales)))
            steps.append((gap, rng.choices((1, 2, 3, 4), weights=(2, 2, 5, 1))[0]))
        out.append(steps)
    return out


def reference(runs: list[list[tuple[int, int]]]) -> list[list[dict[str, Any]]]:
    try:
        from fsrs import Card, Rating, Scheduler
    except ImportError:
        missing("not installed: fsrs (pip install -e '.[test]')")
    scheduler = Scheduler(enable_fuzzing=False)  # the page does not fuzz
    results = []
    for steps in runs:
        card, now, trace = Card(card_id=1, due=START), START, []
        for gap, rating in steps:
            now += timedelta(seconds=gap)
            card, _ = scheduler.review_card(card, Rating(rating), now)
            trace.append(
                {
                    "state": int(card.state),
                    "step": card.step,
                    "stability": card.stability,
                    "difficulty": card.difficulty,
                    "due": int(card.due.timestamp() * 1000),
                }
            )
        results.append(trace)
    return results


REPLAY = """([start, runs]) => runs.map(steps => {
  let card = QZ.fsrs.newCard(start), now = start;
  return steps.map(([gap, rating]) => {
    now += gap * 1000;
    card = QZ.fsrs.review(card, rating, now);
    return {state: card.state, step: card.step, stability: card.stability,
            difficulty: card.difficulty, due: card.due};
  });
})"""


def test_default_parameters_are_the_reference_ones(tmp_path: Path) -> None:
    require_browser()
    from fsrs import Scheduler

    page_file = build_page(tmp_path / "study.html", EVERY_TYPE)
    with chromium() as browser:
        page = open_page(browser.new_context(), page_file)
        assert page.evaluate("[QZ.fsrs.PARAMETERS, QZ.fsrs.RETENTION]") == [
            list(Scheduler().parameters),
            Scheduler().desired_retention,
        ]


def test_random_review_sequences_agree_with_pypi_fsrs(tmp_path: Path) -> None:
    require_browser()
    runs = sequences()
    expected = reference(runs)
    page_file = build_page(tmp_path / "study.html", EVERY_TYPE)
    with chromium() as browser:
        page = open_page(browser.new_context(), page_file)
        start = int(START.timestamp() * 1000)
        got = page.evaluate(REPLAY, [start, runs])
    assert len(got) == len(expected) == SEQUENCES
    reviews = 0
    for index, (mine, theirs) in enumerate(zip(got, expected, strict=True)):
        for at, (a, b) in enumerate(zip(mine, theirs, strict=True)):
            where = f"sequence {index}, review {at + 1}: {runs[index][: at + 1]}"
            assert (a["state"], a["step"], a["due"]) == (b["state"], b["step"], b["due"]), where
            assert a["stability"] == pytest.approx(b["stability"], rel=1e-9), where
            assert a["difficulty"] == pytest.approx(b["difficulty"], rel=1e-9), where
            reviews += 1
    assert reviews > 5 * SEQUENCES
    # Every state and every rating was exercised.
    assert {r["state"] for trace in expected for r in trace} == {1, 2, 3}
