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


def test_doc_example_validates_with_every_type(run) -> None:
    result = run("validate", "--require-sources", "--strict", "tests/fixtures/good/every-type.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "OK: 8 questions in 1 bank(s); 9 quotes found in the seeds\n"
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
    from quizgen.vocabulary import DIFFICULTIES, QUESTION_TYPES

    defs = schema("bank")["$defs"]
    assert tuple(QUESTION_CLASSES) == QUESTION_TYPES == tuple(defs["questionType"]["enum"])
    assert tuple(defs["difficulty"]["enum"]) == DIFFICULTIES
