"""YAML features a hand-written bank may use, read safely."""

from __future__ import annotations

from pathlib import Path

from quizgen.load import load_catalog
from quizgen.model import ShortAnswer

ROOT = Path(__file__).resolve().parent.parent


def test_anchors_aliases_and_merge_keys() -> None:
    catalog = load_catalog(
        [ROOT / "tests/fixtures/good/anchors-and-merges.yaml"], ROOT / "seeds", require_sources=True
    ).catalog
    city, year = catalog.questions
    assert isinstance(year, ShortAnswer)
    assert (city.id, year.id) == ("anchor-birth-city", "anchor-birth-year")
    assert year.answer == "1890" and year.difficulty == "easy"
    assert year.sources == city.sources
    assert city.sources[0].paragraph == 8


def test_numbers_dates_and_floats_read_as_text(tmp_path: Path) -> None:
    bank = tmp_path / "scalars.yaml"
    bank.write_text(
        "title: t\nquestions:\n"
        "  - {id: a, type: short, prompt: p, answer: 2016-01-18}\n"
        "  - {id: b, type: short, prompt: p, answer: 1.50}\n"
        "  - {id: c, type: mcq, prompt: p, choices: [1890, 1891], answer: 1891}\n",
        encoding="utf-8",
    )
    a, b, c = load_catalog([bank], ROOT / "seeds").catalog.questions
    assert isinstance(a, ShortAnswer) and a.answer == "2016-01-18"
    assert isinstance(b, ShortAnswer) and b.answer == "1.50"
    assert getattr(c, "answer_index", None) == 1


def test_yaml_11_number_forms_stay_text_as_written(tmp_path: Path) -> None:
    bank = tmp_path / "forms.yaml"
    bank.write_text(
        "title: 1917\nquestions:\n"
        "  - {id: a, type: short, prompt: 12, answer: 12:30}\n"
        "  - {id: b, type: short, prompt: p, answer: 0123}\n"
        "  - {id: c, type: mcq, prompt: p, choices: [0x10, 16], answer: 0x10}\n",
        encoding="utf-8",
    )
    catalog = load_catalog([bank], ROOT / "seeds").catalog
    assert catalog.banks[0].title == "1917"
    a, b, c = catalog.questions
    assert isinstance(a, ShortAnswer) and (a.prompt, a.answer) == ("12", "12:30")
    assert isinstance(b, ShortAnswer) and b.answer == "0123"
    assert getattr(c, "choices", None) == ("0x10", "16")


def test_a_number_field_given_an_octal_form_is_an_error(run, tmp_path: Path) -> None:
    bank = tmp_path / "points.yaml"
    bank.write_text(
        "title: t\nquestions:\n"
        "  - {id: a, type: truefalse, prompt: p, answer: true, points: 010}\n",
        encoding="utf-8",
    )
    result = run("validate", str(bank))
    assert result.exit_code == 1
    assert result.stderr == f"{bank}:3:55: 'points' must be a whole number, not text '010' [a]\n"


def test_space_around_values_does_not_make_them_distinct(run, tmp_path: Path) -> None:
    bank = tmp_path / "spaces.yaml"
    bank.write_text(
        "title: t\nquestions:\n"
        '  - {id: a, type: mcq, prompt: " p ", choices: ["x", "x ", y], answer: x}\n'
        '  - {id: b, type: short, prompt: " ", answer: y}\n',
        encoding="utf-8",
    )
    result = run("validate", str(bank))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": warning: " not in line]
    assert errors == [
        f"{bank}:3:54: duplicate item 'x' in 'choices' (same as item 1) [a]",
        f"{bank}:4:26: 'prompt' must not be empty [b]",
    ]


def test_a_complex_key_beside_a_merge_key_is_an_error_not_a_crash(run, tmp_path: Path) -> None:
    bank = tmp_path / "complex.yaml"
    bank.write_text("title: T  # <<\n? [a, b]\n: x\nquestions: []\n", encoding="utf-8")
    result = run("validate", str(bank))
    assert result.exit_code == 1
    assert f"{bank}:2:3: a key must be plain text" in result.stderr
