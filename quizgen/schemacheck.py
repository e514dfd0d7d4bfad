"""Structural checks: the JSON Schemas in ``quizgen/schema/`` and readable messages.

The schemas are the one statement of the bank format's structure; this module only
runs them and words their complaints for people (with "did you mean" for typos).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

from .model import QUESTION_CLASSES
from .yamlfile import DocPath

if TYPE_CHECKING:
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import ValidationError


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "empty",
}


@cache
def schema(name: str) -> dict[str, Any]:
    folder = resources.files("quizgen").joinpath("schema")
    text = folder.joinpath(f"{name}.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


class Structural(NamedTuple):
    path: DocPath
    message: str
    # An unknown key: leaving it out leaves the rest checkable (and loadable).
    removable: bool = False


class _UnknownKey(str):
    """The message of an unknown key, so that it can be told from the others."""


def structural_problems(name: str, instance: Any) -> Iterator[Structural]:
    """(path, message) for every way ``instance`` breaks schema ``name``.

    A compiled validator answers "is it valid?" quickly for the common case; only a
    document that fails is walked again with jsonschema for every error, one
    question at a time, so one bad question does not cost a pass over the rest.
    """
    if not isinstance(instance, dict):
        yield Structural((), f"the top level must be a mapping, not {_describe(instance)}")
        return
    if _valid(name, instance):
        return
    seen: set[tuple[DocPath, str]] = set()
    for path, message in _all_problems(name, instance):
        # jsonschema may say one thing several ways (a missing key per "required",
        # a non-mapping question once per type it might have been): say it once.
        if (path, message) not in seen:
            seen.add((path, message))
            yield Structural(path, str(message), isinstance(message, _UnknownKey))


def _all_problems(name: str, instance: dict[str, Any]) -> Iterator[tuple[DocPath, str]]:
    for error in _detailed(name, "shell").iter_errors(instance):
        yield from _explain(error, name, ())
    questions = instance.get("questions")
    if "questions" in schema(name)["properties"] and isinstance(questions, list):
        check = _compiled(name, "item")
        for i, question in enumerate(questions):
            if not _passes(check, question):
                for error in _detailed(name, "item").iter_errors(question):
                    yield from _explain(error, name, ("questions", i))


def _valid(name: str, instance: dict[str, Any]) -> bool:
    """The fast answer: the document outside its questions, then each question
    against the definition its ``type`` names (as the schema's if/then would pick),
    so no question is tried against the other seven types."""
    if not _passes(_compiled(name, "shell"), instance):
        return False
    questions = instance.get("questions")
    if not isinstance(questions, list):
        return True
    by_type = _compiled_types(name)
    for question in questions:
        kind = question.get("type") if isinstance(question, dict) else None
        check = by_type.get(kind) if isinstance(kind, str) else None
        if check is None or not _passes(check, question):
            return False
    return True


@cache
def _compiled_types(name: str) -> dict[Any, Callable[[Any], Any]]:
    defs = schema(name)["$defs"]
    return {kind: _compiled(name, kind) for kind in defs["questionType"]["enum"]}


def _part(name: str, part: str) -> dict[str, Any]:
    """The schema without the questions' items ("shell"), one question's ("item"),
    or one question type's definition (its name)."""
    whole = schema(name)
    if part == "item":
        return {"$ref": "#/$defs/question", "$defs": whole["$defs"]}
    if part != "shell":
        return {"$ref": f"#/$defs/{part}", "$defs": whole["$defs"]}
    shell: dict[str, Any] = json.loads(json.dumps(whole))
    if "questions" in shell["properties"]:
        shell["properties"]["questions"]["items"] = {}
    return shell


@cache
def _compiled(name: str, part: str) -> Callable[[Any], Any]:
    import fastjsonschema

    # Only pass or fail is asked of it (jsonschema words the problems), so the
    # validator is generated without a copy of the schema in every raise: a fifth
    # of the code, generated and compiled in a fifth of the time.
    check: Callable[[Any], Any] = fastjsonschema.compile(
        _without_const(_part(name, part)), detailed_exceptions=False
    )
    return check


def _without_const(rules: Any, *, names: bool = False) -> Any:
    """``rules`` with every ``const: x`` written as the same rule ``enum: [x]``.

    fastjsonschema 2.22 cannot generate ``const`` without detailed exceptions (its
    message names a field it then lacks). ``names`` is true for a mapping whose
    keys are property or definition names, not keywords.
    """
    if isinstance(rules, list):
        return [_without_const(item) for item in rules]
    if not isinstance(rules, dict):
        return rules
    out: dict[str, Any] = {}
    for key, value in rules.items():
        if key == "const" and not names:
            out["enum"] = [value]
        else:
            keyed = not names and key in _NAMED
            out[key] = _without_const(value, names=keyed)
    return out


# The keywords whose value maps names (of properties, definitions) to rules.
_NAMED = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependencies"})


@cache
def _detailed(name: str, part: str) -> Draft7Validator:
    # jsonschema is only needed to explain a failure; a valid bank never imports it.
    from jsonschema import Draft7Validator

    return Draft7Validator(_part(name, part))


def _passes(check: Callable[[Any], Any], instance: Any) -> bool:
    import fastjsonschema

    try:
        check(instance)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _explain(error: ValidationError, name: str, prefix: DocPath) -> Iterator[tuple[DocPath, str]]:
    path: DocPath = (*prefix, *error.absolute_path)
    field = _field_name(path)
    kind = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    rules: Any = error.schema
    if kind in ("anyOf", "oneOf") and error.context:
        yield from _explain_branches(error, name, prefix, path, field)
    elif kind == "required":
        for key in value:
            if isinstance(instance, dict) and key not in instance:
                yield path, f"missing required field {key!r}"
    elif kind == "additionalProperties":
        allowed = declared_properties(rules, name)
        for key in sorted(set(instance) - allowed):
            hint = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
            is_question = len(path) == 2 and path[0] == "questions"
            kind_name = str(instance.get("type", "")) if is_question else ""
            known = QUESTION_CLASSES.get(kind_name)
            what = f" for {known.article} {kind_name} question" if known else ""
            suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
            yield (*path, key), _UnknownKey(f"unknown key {key!r}{what}{suggestion}")
    elif kind == "type":
        wanted = value if isinstance(value, list) else [value]
        # Text fields also take a bare number (a year), read as text: still "text".
        if sorted(wanted) == ["integer", "string"]:
            wanted = ["string"]
        names = " or ".join(dict.fromkeys(_TYPE_NAMES[t] for t in wanted))
        quote_it = ""
        if isinstance(instance, bool) and "string" in wanted:
            key = field.strip("'")
            word = "yes" if instance else "no"
            quote_it = (
                "; YAML reads a bare yes, no, on, off, true or false as true/false: "
                f'put the text in quotes ({key}: "{word}")'
            )
        yield path, f"{field} must be {names}, not {_describe(instance)}{quote_it}"
    elif kind == "enum":
        options = ", ".join(str(v) for v in value)
        hint = difflib.get_close_matches(str(instance), [str(v) for v in value], n=1, cutoff=0.6)
        suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
        yield path, f"{field} must be one of {options}, not {_shown(instance)}{suggestion}"
    elif kind == "minItems":
        if path == ("questions",):
            yield path, "the bank has no questions"
        else:
            yield path, f"{field} needs at least {value} item(s), has {len(instance)}"
    elif kind == "maxItems":
        yield path, f"{field} takes at most {value} items, has {len(instance)}"
    elif kind == "uniqueItems":
        seen: dict[str, int] = {}
        for i, item in enumerate(instance):
            key = json.dumps(item, sort_keys=True)
            if key in seen:
                yield (
                    (*path, i),
                    f"duplicate item {_shown(item)} in {field} (same as item {seen[key] + 1})",
                )
            else:
                seen[key] = i
    elif kind == "minLength":
        yield path, f"{field} must not be empty"
    elif kind == "pattern":
        rule = rules.get("patternErrorMessage", f"it must match {value}")
        yield path, f"{field} {_shown(instance)} is not allowed: {rule}"
    elif kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        yield path, f"{field} must be {bound} {value}, not {_shown(instance)}"
    elif kind == "const":
        yield path, f"{field} must be {value!r}"
    else:
        yield path, f"{field}: {error.message}"


def _explain_branches(
    error: ValidationError, name: str, prefix: DocPath, path: DocPath, field: str
) -> Iterator[tuple[DocPath, str]]:
    """Explain the branch of an anyOf that best fits what the author wrote: every
    problem of that branch, so an unknown key is named beside a missing one."""
    context = list(error.context or ())
    fitting = [e for e in context if e.validator != "type" or len(e.relative_path)]
    best = min(fitting or context, key=lambda e: (-len(e.absolute_path), e.validator == "type"))
    if best.validator == "type" and not best.relative_path:
        wanted: list[str] = [
            str(t)
            for e in context
            if e.validator == "type" and not e.relative_path
            for t in (
                e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
            )
        ]
        if wanted == ["object", "array"]:  # a source: one citation or a list of them
            names = "a mapping or a list of mappings"
        else:
            names = " or ".join(dict.fromkeys(_TYPE_NAMES[t] for t in wanted if t != "integer"))
        yield path, f"{field} must be {names}, not {_describe(error.instance)}"
        return
    branch = best.relative_schema_path[0] if best.relative_schema_path else None
    for e in context:
        same = e.relative_schema_path and e.relative_schema_path[0] == branch
        if e is best or (same and (e.validator != "type" or len(e.relative_path))):
            yield from _explain(e, name, prefix)


def declared_properties(node: Any, name: str) -> set[str]:
    """Every key a schema node declares, through its allOf and $ref."""
    found: set[str] = set()
    if not isinstance(node, dict):
        return found
    found.update(node.get("properties", {}))
    for sub in node.get("allOf", []):
        found |= declared_properties(sub, name)
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        found |= declared_properties(schema(name)["$defs"][ref.rsplit("/", 1)[1]], name)
    return found


def _field_name(path: DocPath) -> str:
    for i in range(len(path) - 1, -1, -1):
        part = path[i]
        if isinstance(part, str):
            tail = "".join(f"[{p + 1}]" for p in path[i + 1 :] if isinstance(p, int))
            return f"{part!r}{tail}" if not tail else f"{part}{tail}"
    return "value"


def _shown(value: Any) -> str:
    """A value as a message quotes it: at most about 60 characters of it."""
    if isinstance(value, str) and len(value) > 60:
        return repr(value[:57] + "...")
    return repr(value)


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {_shown(value)}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"
