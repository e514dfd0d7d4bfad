"""The fast structural check (fastjsonschema, pass or fail only) agrees with jsonschema."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizgen import schemacheck
from quizgen.schemacheck import _passes, _valid, _without_const, schema

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "questions").glob("*.yaml"))


def _detailed_valid(instance: dict[str, Any]) -> bool:
    from jsonschema import Draft7Validator

    return not any(Draft7Validator(schema("bank")).iter_errors(instance))


def _one_of_each_type() -> dict[str, Any]:
    """A question of every type from the bundled banks."""
    found: dict[str, Any] = {}
    for path in BUNDLED:
        for q in yaml.safe_load(path.read_text("utf-8"))["questions"]:
            found.setdefault(q["type"], q)
    return found


def test_const_becomes_a_one_value_enum_but_not_a_property_named_const() -> None:
    rules = {
        "properties": {"const": {"const": 1}, "kind": {"const": "a"}},
        "$defs": {"const": {"type": "string"}},
        "allOf": [{"if": {"const": 2}}],
    }
    assert _without_const(rules) == {
        "properties": {"const": {"enum": [1]}, "kind": {"enum": ["a"]}},
        "$defs": {"const": {"type": "string"}},
        "allOf": [{"if": {"enum": [2]}}],
    }


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_bank_passes_both_checks(path: Path) -> None:
    bank = yaml.safe_load(path.read_text("utf-8"))
    assert _valid("bank", bank)
    assert _detailed_valid(bank)


@pytest.mark.parametrize(
    "change",
    ["another type's name", "no id", "an unknown key", "a number for the prompt"],
)
def test_a_broken_question_of_every_type_fails_both_checks(change: str) -> None:
    questions = _one_of_each_type()
    assert len(questions) == len(schema("bank")["$defs"]["questionType"]["enum"])
    for kind, original in questions.items():
        q = copy.deepcopy(original)
        if change == "another type's name":
            # Every type's shape under another type's name: the if/then (a const) must bite.
            q["type"] = "essay" if kind != "essay" else "mcq"
        elif change == "no id":
            del q["id"]
        elif change == "an unknown key":
            q["colour"] = "red"
        else:
            q["prompt" if "prompt" in q else "text"] = 7.5
        bank = {"title": "t", "questions": [q]}
        assert not _valid("bank", bank), (kind, change)
        assert not _detailed_valid(bank), (kind, change)
        assert not _passes(schemacheck._compiled("bank", "item"), q), (kind, change)
