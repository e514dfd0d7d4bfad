"""quizgen lint: every rule fires on its fixture, stays quiet on its clean twin, and is
documented with that fixture and its exact output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen.lint import RULE_IDS

FIXTURES = "tests/fixtures/lint"
DOC = Path(__file__).resolve().parent.parent / "docs" / "lint.md"


def _only(rule: str) -> list[str]:
    return [arg for other in RULE_IDS if other != rule for arg in ("--disable", other)]


def _doc_sections() -> dict[str, str]:
    text = DOC.read_text("utf-8")
    parts = re.split(r"^## `([a-z-]+)`$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_rule_has_fixtures_and_a_section(in_repo: Path) -> None:
    triggers = {p.stem for p in (in_repo / FIXTURES / "triggers").glob("*.yaml")}
    clean = {p.stem for p in (in_repo / FIXTURES / "clean").glob("*.yaml")}
    assert triggers == clean == set(RULE_IDS)
    assert list(_doc_sections()) == list(RULE_IDS)


@pytest.mark.parametrize("rule", RULE_IDS)
def test_rule_fires_on_its_fixture_exactly_as_documented(run, rule: str) -> None:
    fixture = f"{FIXTURES}/triggers/{rule}.yaml"
    section = _doc_sections()[rule]
    yaml_block, text_block = re.findall(r"```(?:yaml|text)\n(.*?)```", section, flags=re.S)
    assert yaml_block == Path(fixture).read_text("utf-8")
    result = run("lint", fixture, *_only(rule))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:-1] == text_block.splitlines()
    assert all(
        line.startswith(f"{fixture}:") and line.endswith(f" ({rule})") for line in lines[:-1]
    )
    assert re.fullmatch(
        rf"{len(lines) - 1} finding\(s\) in \d+ questions: {rule} {len(lines) - 1}", lines[-1]
    )
    strict = run("lint", "--strict", fixture, *_only(rule))
    assert (strict.exit_code, strict.stdout) == (1, result.stdout)


@pytest.mark.parametrize("rule", RULE_IDS)
def test_rule_is_quiet_on_its_clean_fixture(run, rule: str) -> None:
    fixture = f"{FIXTURES}/clean/{rule}.yaml"
    result = run("lint", "--strict", fixture, *_only(rule))
    assert result.exit_code == 0, result.stdout
    assert re.fullmatch(r"OK: no findings in \d+ questions\n", result.stdout)


def test_findings_of_several_rules_sorted_by_place_then_counted(run) -> None:
    fixture = f"{FIXTURES}/triggers/essay-points-rubric.yaml"
    result = run("lint", fixture)
    assert result.exit_code == 0
    assert result.stdout == (
        f"{fixture}:6:5: the essay is worth 4 point(s) and has no rubric: list what a good "
        "answer does, each criterion with its points [no-rubric] (essay-points-rubric)\n"
        f"{fixture}:15:5: the essay is worth 1 point(s), which its 3 criteria cannot share "
        "equally: give each criterion its points [one-point-three-criteria] "
        "(essay-points-rubric)\n"
        f"{fixture}:15:14: 3 of 3 criteria (the first 'ideas') say nothing of what full, "
        "partial and no credit look like: add levels [one-point-three-criteria] "
        "(rubric-levels)\n"
        "3 finding(s) in 2 questions: essay-points-rubric 2, rubric-levels 1\n"
    )


def test_max_recall_sets_the_share(run) -> None:
    fixture = f"{FIXTURES}/triggers/recall-share.yaml"
    assert run("lint", "--strict", "--max-recall", "66", fixture).exit_code == 1
    loose = run("lint", "--strict", "--max-recall", "67", fixture)
    assert (loose.exit_code, loose.stdout) == (0, "OK: no findings in 3 questions\n")
    wrong = run("lint", "--max-recall", "101", fixture)
    assert wrong.exit_code == 2 and "101 is not in the range 0<=x<=100" in wrong.stderr


def test_selection_narrows_what_is_compared(run) -> None:
    # The duplicate is only a duplicate beside the question it repeats.
    fixture = f"{FIXTURES}/triggers/near-duplicate.yaml"
    result = run("lint", "--strict", fixture, "--type", "cloze")
    assert (result.exit_code, result.stdout) == (0, "OK: no findings in 1 questions\n")
    empty = run("lint", fixture, "--level", "analysis")
    assert empty.exit_code == 1
    assert empty.stderr == "no questions match the selection, so there is nothing to lint\n"


def test_unknown_rule_is_a_usage_error_and_rules_lists_them(run) -> None:
    result = run("lint", "--disable", "near-duplicates")
    assert result.exit_code == 2
    assert "'near-duplicates' is not one of 'near-duplicate'," in result.stderr
    listed = run("lint", "--rules")
    assert listed.exit_code == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == list(RULE_IDS)


def test_bad_banks_are_reported_not_linted(run) -> None:
    result = run("lint", "tests/fixtures/bad/wrong-type.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "'points' must be a whole number" in result.stderr


def test_bundled_banks_are_lint_clean(run) -> None:
    result = run("lint", "--strict")
    assert result.exit_code == 0, result.stdout[-2000:]
    assert result.stdout.startswith("OK: no findings in "), result.stdout[-2000:]


def test_answer_elsewhere_names_the_other_questions_then_counts_them(run, tmp_path) -> None:
    """Each of five questions prints the answer, each sharing two words of context
    with the question it answers: the first is the place, three more are named."""
    words = [
        "chloroplast leaf",
        "stroma granum",
        "thylakoid membrane",
        "pigment light",
        "green cell",
    ]
    others = "".join(
        f"  - {{id: other-{n}, type: truefalse, prompt: 'Rubisco works in the {pair}.', "
        "answer: true}\n"
        for n, pair in enumerate(words, 1)
    )
    path = tmp_path / "bank.yaml"
    path.write_text(
        "title: t\nquestions:\n"
        f"  - {{id: enzyme, type: short, prompt: 'Which enzyme of the {' '.join(words)}?', "
        "answer: rubisco}\n" + others,
        "utf-8",
    )
    result = run("lint", str(path), *_only("answer-elsewhere"))
    assert (result.exit_code, result.stdout) == (
        0,
        f"{path}:3:138: the answer 'rubisco' is printed in the prompt of other-1 at {path}:4:36 "
        "(and in other-2, other-3, other-4 and 1 more) [enzyme] (answer-elsewhere)\n"
        "1 finding(s) in 6 questions: answer-elsewhere 1\n",
    )
