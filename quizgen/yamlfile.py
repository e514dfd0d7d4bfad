"""Read one YAML file safely into plain Python values, remembering where each value is.

Only YAML's own scalar types are built (no arbitrary object tags). Duplicate keys,
alias bombs, absurd sizes and text that is not UTF-8 come back as positioned
problems instead of exceptions, so a caller can report every problem at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# Far above any hand-written bank (the bundled ones are ~100 KiB), low enough that a
# stray multi-gigabyte file is refused before it is read.
MAX_FILE_BYTES = 64 * 1024 * 1024
# A node reached again through an alias counts once per visit; legitimate anchors
# (a shared source, say) stay far below this, a "billion laughs" file hits it at once.
MAX_ALIAS_VISITS = 100_000
# Deeper nesting than this is refused while building values. The parser itself needs
# no guard: libyaml 0.2.6 (bundled with PyYAML 6.0.4 and later, the minimum quizgen
# asks for) stops at 1,000 levels with a positioned error, and the pure-Python parser
# raises RecursionError, which is reported too.
MAX_DEPTH = 64

_TAG = "tag:yaml.org,2002:"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader's parser and YAML 1.1 implicit types, minus the path-resolver
    bookkeeping PyYAML does for every node (quizgen uses none): the parser calls
    these once per node, so they are a large part of reading a big bank."""

    _implicit = yaml.resolver.Resolver.yaml_implicit_resolvers

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self._implicit.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return _TAG + "str"
        return _TAG + ("seq" if kind is SequenceNode else "map")


# An anchor ("&name" where a value starts): without one, no node can be reached twice.
_ANCHOR = re.compile(r"(?:^|[\s,\[{])&[^\s,\[\]{}]", re.MULTILINE)
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
_KEPT_AS_TEXT = {_TAG + "float", _TAG + "timestamp"}

# A place inside a document: the keys and list indexes that lead to it.
DocPath = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlProblem:
    path: DocPath
    line: int
    column: int
    message: str


@dataclass
class YamlDocument:
    data: Any
    # (path inside the document) -> (line, column), 1-based. For a mapping member
    # the position of its key, for a sequence item the position of the item.
    spots: dict[DocPath, tuple[int, int]] = field(default_factory=dict)

    def spot(self, path: DocPath) -> tuple[int, int]:
        p = tuple(path)
        while p:
            if p in self.spots:
                return self.spots[p]
            p = p[:-1]
        return self.spots.get((), (1, 1))


class _Fatal(Exception):
    def __init__(self, problem: YamlProblem) -> None:
        self.problem = problem


def read_yaml(path: Path, *, track: bool = True) -> tuple[YamlDocument | None, list[YamlProblem]]:
    """Parse ``path``; on a fatal problem return ``None`` and that problem.

    With ``track`` off no positions are kept (``spots`` stays empty): the fast path
    for files that turn out to be fine. Problems found while parsing still carry
    their line and column.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [
                _top(f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} (split the bank)")
            ]
        raw = path.read_bytes()
    except OSError as e:
        return None, [_top(f"cannot read file: {e.strerror or e}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        bad = raw[e.start : e.start + 1].hex()
        return None, [
            YamlProblem((), line, column, f"file is not UTF-8 (byte 0x{bad}); save it as UTF-8")
        ]
    return parse_yaml(text, track=track)


def parse_yaml(text: str, *, track: bool = True) -> tuple[YamlDocument | None, list[YamlProblem]]:
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as e:
        return None, [_syntax_problem(e, text)]
    except yaml.YAMLError as e:
        return None, [_top(f"YAML error: {e}")]
    except RecursionError:
        return None, [_top("YAML is nested too deeply")]
    if len(nodes) > 1:
        m = nodes[1].start_mark
        return None, [
            YamlProblem((), m.line + 1, m.column + 1, "a bank file holds one YAML document")
        ]
    if not nodes:
        return None, [_top("file is empty: a bank is a mapping with title and questions")]
    builder = _Builder(track=track, aliases=bool(_ANCHOR.search(text)), merges="<<" in text)
    try:
        data = builder.build(nodes[0], (), 0)
    except _Fatal as fatal:
        return None, [*builder.problems, fatal.problem]
    return YamlDocument(data, builder.spots), builder.problems


def _syntax_problem(e: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = e.problem_mark or e.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = e.problem or "invalid YAML"
    if e.context:
        message += f" {e.context}"
        if e.context_mark and e.problem_mark and e.context_mark.line != e.problem_mark.line:
            where = e.context_mark
            message += f" (started at line {where.line + 1}, column {where.column + 1})"
    lines = text.splitlines()
    nearby = lines[max(0, line - 2) : line] if lines else []
    hint = _syntax_hint(message, nearby)
    return YamlProblem((), line, column, f"YAML syntax error: {message}{hint}")


def _syntax_hint(message: str, nearby: list[str]) -> str:
    """What usually causes the parser's complaint, in an author's terms."""
    if "'\\t'" in message or any("\t" in line[: len(line) - len(line.lstrip())] for line in nearby):
        return "; YAML indents with spaces, not tabs"
    if any(re.search(r":\s+\{\{", line) for line in nearby):
        return "; text that starts with {{ (a cloze) must be in quotes"
    if "nesting depth" in message:
        return f"; a bank nests a few levels deep ({MAX_DEPTH} at most)"
    if "mapping values are not allowed" in message:
        return "; check the indentation, and put text that contains ': ' in quotes"
    return ""


def _top(message: str) -> YamlProblem:
    return YamlProblem((), 0, 0, message)


class _Builder:
    def __init__(self, *, track: bool, aliases: bool, merges: bool) -> None:
        self.track = track
        self.aliases = aliases
        self.merges = merges
        self.spots: dict[DocPath, tuple[int, int]] = {}
        self.problems: list[YamlProblem] = []
        self._seen: set[int] = set()
        self._alias_visits = 0
        self._constructor = yaml.constructor.SafeConstructor()

    def build(self, node: Node, path: DocPath, depth: int) -> Any:
        if self.aliases:
            if id(node) in self._seen:
                self._alias_visits += 1
                # A bomb expands far beyond its own size; a large bank that shares an
                # anchor (one source for many questions) grows only in proportion.
                if self._alias_visits > max(MAX_ALIAS_VISITS, 4 * len(self._seen)):
                    raise _Fatal(
                        _at(node, path, "too many alias expansions (an alias bomb?); refused")
                    )
            else:
                self._seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _Fatal(_at(node, path, f"nested more than {MAX_DEPTH} levels deep"))
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if node.tag not in (_TAG + "seq", _TAG + "map"):
            self.problems.append(_at(node, path, _unsupported(node.tag)))
        if isinstance(node, SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                item_path = (*path, i)
                if self.track:
                    self.spots[item_path] = _pos(item)
                items.append(self.build(item, item_path, depth + 1))
            return items
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        raise _Fatal(_at(node, path, "unsupported YAML node"))

    def _scalar(self, node: ScalarNode, path: DocPath) -> Any:
        tag = node.tag
        if tag == _TAG + "str":
            # Space around a value is never meant: "a" and "a " are one choice.
            return node.value.strip()
        if tag in _KEPT_AS_TEXT:
            # "1.0" or "2016-01-18" in a bank means that text, not a float or a date.
            return node.value
        if tag == _TAG + "int":
            # YAML 1.1 reads 0123 as octal, 0x10 as hex and 12:30 as 750 (base 60); in a
            # bank those are text as written. Only a plain decimal is a number.
            return int(node.value) if _DECIMAL.fullmatch(node.value) else node.value
        if tag == _TAG + "bool":
            return self._constructor.construct_yaml_bool(node)
        if tag == _TAG + "null":
            return None
        self.problems.append(_at(node, path, _unsupported(tag)))
        return None

    def _mapping(self, node: MappingNode, path: DocPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        for key_node, value_node in _merged(node) if self.merges else node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in (
                _TAG + "str",
                _TAG + "int",
            ):
                self.problems.append(_at(key_node, path, "a key must be plain text"))
                continue
            key = str(key_node.value)
            if key in first_seen:
                self.problems.append(
                    _at(
                        key_node,
                        (*path, key),
                        f"duplicate key {key!r} (first at line {_pos(first_seen[key])[0]})",
                    )
                )
                continue
            first_seen[key] = key_node
            key_path = (*path, key)
            if self.track:
                self.spots[key_path] = _pos(key_node)
            result[key] = self.build(value_node, key_path, depth + 1)
        return result


def _merged(node: MappingNode) -> list[tuple[Node, Node]]:
    """The mapping's own pairs, then those of any ``<<`` merge keys it does not override."""
    own = [(k, v) for k, v in node.value if k.tag != _TAG + "merge"]
    merged: list[tuple[Node, Node]] = []
    for k, v in node.value:
        if k.tag != _TAG + "merge":
            continue
        sources = v.value if isinstance(v, SequenceNode) else [v]
        for src in sources:
            if isinstance(src, MappingNode):
                merged.extend(_merged(src))
    keys = {k.value for k, _ in own if isinstance(k, ScalarNode)}
    return own + [(k, v) for k, v in merged if not isinstance(k, ScalarNode) or k.value not in keys]


def _unsupported(tag: str) -> str:
    shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
    return f"unsupported YAML tag {shown!r}: banks hold only text, numbers, lists and mappings"


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _at(node: Node, path: DocPath, message: str) -> YamlProblem:
    line, column = _pos(node)
    return YamlProblem(path, line, column, message)
