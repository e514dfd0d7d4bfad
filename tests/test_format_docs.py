"""The docs, the JSON Schema and the loader describe one format."""

from __future__ import annotations

import re
from pathlib import Path

from quizgen.schemacheck import declared_properties, schema

DOC = Path(__file__).resolve().parent.parent / "docs" / "bank-format.md"


def _yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


def test_doc_example_is_the_every_type_fixture(in_repo: Path) -> None:
    blocks = [b for b in _yaml_blocks(DOC.read_text("utf-8")) if "questions:" in b]
    fixture = (in_repo / "tests/fixtures/good/every-type.yaml").read_text("utf-8")
    assert blocks == [fixture]


def test_doc_weighted_essay_is_the_fixture_and_loads(in_repo: Path) -> None:
    from quizgen.load import load_catalog
    from quizgen.model import Essay, RubricItem, RubricLevels

    block = next(b for b in _yaml_blocks(DOC.read_text("utf-8")) if "sample-weighted" in b)
    path = in_repo / "tests/fixtures/good/weighted-essay.yaml"
    indented = "".join("  " + line if line.strip() else line for line in block.splitlines(True))
    assert path.read_text("utf-8").endswith("questions:\n" + indented)
    result = load_catalog([path], in_repo / "seeds", require_sources=True)
    (essay,) = result.catalog.questions
    assert isinstance(essay, Essay) and essay.level == "analysis"
    assert essay.points == essay.rubric_points == 6
    assert essay.rubric[1] == RubricItem(
        "Supports it from the essay",
        4,
        RubricLevels(
            "Two passages of the essay, each explained",
            "One passage, or passages quoted without explanation",
            "No evidence from the essay",
        ),
    )


def test_weighted_rubric_without_points_is_worth_its_sum(tmp_path: Path) -> None:
    from quizgen.load import load_catalog
    from quizgen.model import Essay

    bank = tmp_path / "b.yaml"
    bank.write_text(
        "title: t\nquestions:\n  - id: e\n    type: essay\n    prompt: p\n    answer: a\n"
        "    rubric: [{criterion: one, points: 2}, {criterion: two, points: 3}]\n"
        "  - id: plain\n    type: essay\n    prompt: p\n    answer: a\n    rubric: [x, y]\n"
    )
    root = Path(__file__).resolve().parent.parent
    weighted, plain = load_catalog([bank], root / "seeds").catalog.questions
    assert isinstance(weighted, Essay) and weighted.points == 5 and weighted.weighted
    assert isinstance(plain, Essay) and plain.points == 1 and plain.rubric_points is None
    assert [str(r) for r in plain.rubric] == ["x", "y"]


def test_doc_example_validates_with_every_type(run) -> None:
    result = run("validate", "--require-sources", "--strict", "tests/fixtures/good/every-type.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "OK: 8 questions in 1 bank(s); 9 quotes found in the essays\n"
    types = set(re.findall(r"^    type: (\w+)$", DOC.read_text("utf-8"), flags=re.M))
    assert types == set(schema("bank")["$defs"]["questionType"]["enum"])


def test_doc_tables_name_every_key_the_schema_declares() -> None:
    text = DOC.read_text("utf-8")
    defs = schema("bank")["$defs"]
    keys = set(schema("bank")["properties"])
    for kind in defs["questionType"]["enum"]:
        keys |= declared_properties(defs[kind], "bank")
    documented = set(re.findall(r"^\| `(\w+)` \|", text, flags=re.M))
    documented |= {
        k
        for row in re.findall(r"^\| `\w+` \| (.*?) \|", text, flags=re.M)
        for k in re.findall(r"`(\w+)`", row)
    }
    assert keys <= documented, keys - documented


def test_vocabulary_model_and_schema_name_the_same_types_and_levels() -> None:
    from quizgen.model import QUESTION_CLASSES
    from quizgen.vocabulary import DIFFICULTIES, LEVELS, QUESTION_TYPES

    defs = schema("bank")["$defs"]
    assert tuple(QUESTION_CLASSES) == QUESTION_TYPES == tuple(defs["questionType"]["enum"])
    assert tuple(defs["difficulty"]["enum"]) == DIFFICULTIES
    assert tuple(defs["level"]["enum"]) == LEVELS


def test_readme_essay_example_validates_and_lints_clean(run, tmp_path: Path) -> None:
    readme = (DOC.parent.parent / "README.md").read_text("utf-8")
    (block,) = [b for b in _yaml_blocks(readme) if "id: why-serge" in b]
    bank = tmp_path / "essay.yaml"
    bank.write_text(
        "title: t\nsource: lynd\nquestions:\n" + block + "    source:\n      quote: This essay "
        "presents the lifelong efforts to synthesize anarchism and Marxism\n"
    )
    assert run("validate", "--strict", str(bank)).exit_code == 0
    result = run("lint", "--strict", str(bank))
    assert (result.exit_code, result.stdout) == (0, "OK: no findings in 1 questions\n")
