"""Bounded property-based fuzzing: mutated bundled banks and histories never crash
(exit 3 or a traceback) and never hang.

Each example has a deadline, the number of examples is fixed and the search is
derandomised, so the run is the same every time and stays well under a minute.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.cli import cli
from quizgen.errors import QuizgenError
from quizgen.export.anki.history import History

ROOT = Path(__file__).resolve().parent.parent
BANK = (ROOT / "questions" / "serge-and-trotsky.yaml").read_text("utf-8")
HISTORY = (ROOT / "questions" / "anki-history.json").read_text("utf-8")

# What YAML (and JSON) give meaning to, and characters that once caused trouble.
SPECIAL = [
    *"&*:{}[]<>!|-'\",#?%@`\n\t ",
    "<<: ",
    "!!bool ",
    "!!merge ",
    "&a ",
    "*a",
    "\x00",
    "\x85",
    "\u202e",
    "\ufeff",
    "9" * 5000,
    "{{c99999999999999999999::x}}",
    "-0",
    "...",
]

FUZZ = settings(
    max_examples=40,
    deadline=10_000,  # ms per example: a hang fails the test instead of stalling CI
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        lines = lines or [""]
        at = draw(st.integers(0, len(lines) - 1))
        match draw(st.sampled_from(["insert", "delete", "duplicate", "replace", "cut"])):
            case "insert":
                line = lines[at]
                col = draw(st.integers(0, len(line)))
                piece = draw(st.sampled_from(SPECIAL) | st.text(max_size=5))
                lines[at] = line[:col] + piece + line[col:]
            case "delete":
                del lines[at]
            case "duplicate":
                lines.insert(at, lines[draw(st.integers(0, len(lines) - 1))])
            case "replace":
                line = lines[at]
                if line:
                    col = draw(st.integers(0, len(line) - 1))
                    lines[at] = line[:col] + draw(st.sampled_from(SPECIAL)) + line[col + 1 :]
            case "cut":
                lines = lines[: max(at, 1)]
    return "\n".join(lines)


@FUZZ
@given(mutated(BANK))
def test_a_mutated_bank_never_crashes_or_hangs(tmp_path_factory, text: str) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    bank = folder / "serge-and-trotsky.yaml"
    bank.write_text(text, "utf-8")
    result = CliRunner().invoke(
        cli, ["validate", "--seeds", str(ROOT / "seeds"), str(bank)], catch_exceptions=True
    )
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert "internal error" not in result.output


@FUZZ
@given(mutated(HISTORY))
def test_a_mutated_history_loads_or_is_a_positioned_error(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "anki-history.json"
    path.write_text(text, "utf-8")
    try:
        History.load(path, writable=False)
    except QuizgenError as e:
        assert len(e.lines()) == 1
