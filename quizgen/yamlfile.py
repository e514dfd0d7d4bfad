"""Read one YAML file safely into plain Python values, remembering where each value is.

Only YAML's own scalar types are built (no arbitrary object tags). Duplicate keys,
alias bombs, absurd sizes and text that is not UTF-8 come back as positioned
problems instead of exceptions, so a caller can report every problem at once.
"""

from __future__ import annotations

import errno
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# Far above any hand-written bank (the bundled ones are ~100 KiB), low enough that a
# stray large file is refused before it is read, and that reading the largest bank
# (some 140,000 one-line questions) stays within about a gigabyte of memory: a YAML
# node costs some 80 bytes of memory per byte of text while the file is read.
MAX_FILE_BYTES = 8 * 1024 * 1024
# Every node built again through an alias counts (a list or mapping by its size, so
# that the count is the work done). Legitimate anchors (a shared source, say) stay
# far below this plus a few per byte of the file; a "billion laughs" file hits it
# at once, however its anchors are written.
MAX_ALIAS_VISITS = 100_000
ALIAS_VISITS_PER_BYTE = 4
# Python refuses to convert integers longer than 4,300 digits; a number that long in
# a bank is text anyway (and a count of points far longer than this is an error).
MAX_INT_DIGITS = 30
# Deeper nesting than this is refused while building values. The parser itself needs
# no guard: libyaml 0.2.6 (bundled with PyYAML 6.0.4 and later, the minimum quizgen
# asks for) stops at 1,000 levels with a positioned error, and the pure-Python parser
# raises RecursionError, which is reported too.
MAX_DEPTH = 64

_TAG = "tag:yaml.org,2002:"


# The safe loader, in C where PyYAML has it. A resolver of quizgen's own (skipping
# PyYAML's path bookkeeping) saved nothing measurable on 10,000 questions (issue 9).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")
_KEPT_AS_TEXT = {_TAG + "float", _TAG + "timestamp"}

# A place inside a document: the keys and list indexes that lead to it.
DocPath = tuple[str | int, ...]


class PinnedPath(tuple[str | int, ...]):
    """A place inside a document whose line and column are known more closely than
    its key's: a piece of text inside a scalar (see quizgen.scalarspot)."""

    line: int
    column: int

    def __new__(cls, path: DocPath, line: int, column: int) -> PinnedPath:
        pinned = super().__new__(cls, path)
        pinned.line, pinned.column = line, column
        return pinned


def within(prefix: DocPath, path: DocPath) -> DocPath:
    """``path`` inside ``prefix``, pinned still if it was."""
    if isinstance(path, PinnedPath):
        return PinnedPath((*prefix, *path), path.line, path.column)
    return (*prefix, *path)


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
        if isinstance(path, PinnedPath):
            return path.line, path.column
        p = tuple(path)
        while p:
            if p in self.spots:
                return self.spots[p]
            p = p[:-1]
        return self.spots.get((), (1, 1))


class Unreadable(Exception):
    """A file that is not there to read: its message says why, for one line."""


def read_regular(path: Path, limit: int = MAX_FILE_BYTES, what: str = "bank") -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes.

    A named pipe, a device or a folder is refused before it is opened (reading a pipe
    would wait forever), and so is a file that grows past the limit while it is read.
    """
    try:
        info = path.stat()
    except OSError as e:
        if path.is_symlink():
            reason = "a symbolic link loop" if e.errno == errno.ELOOP else "a broken symbolic link"
            raise Unreadable(f"cannot read file: it is {reason}") from e
        hint = _near_name(path) if e.errno == errno.ENOENT else ""
        raise Unreadable(f"cannot read file: {e.strerror or e}{hint}") from e
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable("cannot read file: not a regular file (a pipe, device or folder)")
    if info.st_size > limit:
        raise Unreadable(
            f"file is {info.st_size:,} bytes; the limit is {limit:,} (split the {what})"
        )
    try:
        with path.open("rb") as f:
            raw = f.read(limit + 1)
    except OSError as e:
        raise Unreadable(f"cannot read file: {e.strerror or e}") from e
    if len(raw) > limit:
        raise Unreadable(f"file is over {limit:,} bytes (split the {what})")
    return raw


def _near_name(path: Path) -> str:
    """ " (did you mean NAME?)" for a file of a close name in the same folder."""
    from .suggest import closest, did_you_mean

    try:
        names = [p.name for p in path.parent.iterdir() if p.is_file()]
    except OSError:
        return ""
    hint = did_you_mean(closest(path.name, names))
    return f" ({hint})" if hint else ""


class _Fatal(Exception):
    def __init__(self, problem: YamlProblem) -> None:
        self.problem = problem


def read_yaml(path: Path) -> tuple[YamlDocument | None, list[YamlProblem]]:
    """Parse ``path``, keeping where each value is; on a fatal problem return
    ``None`` and that problem."""
    try:
        raw = read_regular(path)
    except Unreadable as e:
        return None, [_top(str(e))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        column = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        bad = raw[e.start : e.start + 1].hex()
        return None, [
            YamlProblem((), line, column, f"file is not UTF-8 (byte 0x{bad}); save it as UTF-8")
        ]
    return parse_yaml(text)


def parse_yaml(text: str) -> tuple[YamlDocument | None, list[YamlProblem]]:
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as e:
        return None, [_syntax_problem(e, text)]
    except yaml.reader.ReaderError as e:
        return None, [_reader_problem(e, text)]
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
    limit = MAX_ALIAS_VISITS + ALIAS_VISITS_PER_BYTE * len(text)
    builder = _Builder(alias_limit=limit, merges="<<" in text or "merge" in text)
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


def _reader_problem(e: yaml.reader.ReaderError, text: str) -> YamlProblem:
    """A character YAML does not allow (NUL, C1 controls), at its line and column."""
    at = min(max(e.position, 0), len(text))
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    code = e.character if isinstance(e.character, int) else ord(str(e.character)[:1] or "?")
    message = f"character U+{code:04X} is not allowed in YAML (a control character); remove it"
    if code == 0 and text.count("\x00") * 3 > len(text):
        message = "file looks like UTF-16 (NUL bytes between the letters); save it as UTF-8"
    return YamlProblem((), line, column, message)


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
    if any(clue in message for clue in _INDENTATION_CLUES):
        return (
            "; this is usually indentation: the items of a list start with '- ' in the same "
            "column, and the keys of one question line up under its first key"
        )
    return ""


# The parser's words when a line is indented more or less than its neighbours.
_INDENTATION_CLUES = (
    "did not find expected '-' indicator",
    "did not find expected key",
    "expected <block end>",
)


def _top(message: str) -> YamlProblem:
    return YamlProblem((), 0, 0, message)


class _Builder:
    def __init__(self, *, alias_limit: int, merges: bool) -> None:
        self.alias_limit = alias_limit
        self.merges = merges
        self.spots: dict[DocPath, tuple[int, int]] = {}
        self.problems: list[YamlProblem] = []
        self._seen: set[int] = set()
        self._alias_visits = 0
        self._constructor = yaml.constructor.SafeConstructor()

    def build(self, node: Node, path: DocPath, depth: int) -> Any:
        if not isinstance(node, ScalarNode):
            # Only a list or mapping can be built more than once at more than the cost
            # of its alias; the composer shares one node for every alias of an anchor.
            if id(node) in self._seen:
                self._alias_visits += 1 + len(node.value)
                # A bomb expands far beyond its own size; a large bank that shares an
                # anchor (one source for many questions) grows only in proportion.
                if self._alias_visits > self.alias_limit:
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
            # "-0" stays as written, and so does a number too long to be one.
            value = node.value
            if len(value) > MAX_INT_DIGITS or not _DECIMAL.fullmatch(value) or value == "-0":
                return value
            return int(value)
        if tag == _TAG + "bool":
            # "!!bool maybe" is no boolean: kept as text, which the schema then refuses.
            found: bool | None = self._constructor.bool_values.get(node.value.lower())
            return node.value if found is None else found
        if tag == _TAG + "null":
            return None
        self.problems.append(_at(node, path, _unsupported(tag)))
        return None

    def _mapping(self, node: MappingNode, path: DocPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        pairs = node.value
        if self.merges and any(k.tag == _MERGE for k, _ in pairs):
            pairs = self._merged(node, path, [])
        for key_node, value_node in pairs:
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
            self.spots[key_path] = _pos(key_node)
            result[key] = self.build(value_node, key_path, depth + 1)
        return result

    def _merged(
        self, node: MappingNode, path: DocPath, within: list[int]
    ) -> list[tuple[Node, Node]]:
        """The mapping's own pairs, then those of its ``<<`` merge keys that it does not
        set itself; of several merged mappings the first to set a key wins (YAML 1.1)."""
        if id(node) in within:
            raise _Fatal(_at(node, path, "a merge key (<<) refers to its own mapping"))
        pairs = [(k, v) for k, v in node.value if k.tag != _MERGE]
        keys = {k.value for k, _ in pairs if isinstance(k, ScalarNode)}
        for k, v in node.value:
            if k.tag != _MERGE:
                continue
            sources = v.value if isinstance(v, SequenceNode) else [v]
            for src in sources:
                if not isinstance(src, MappingNode):
                    self.problems.append(
                        _at(src, path, "a merge key (<<) takes a mapping or a list of mappings")
                    )
                    continue
                self._alias_visits += len(src.value)
                if self._alias_visits > self.alias_limit:
                    raise _Fatal(_at(src, path, "too many merged keys (an alias bomb?); refused"))
                for mk, mv in self._merged(src, path, [*within, id(node)]):
                    name = mk.value if isinstance(mk, ScalarNode) else None
                    if name is None or name not in keys:
                        pairs.append((mk, mv))
                        keys.add(name)
        return pairs


_MERGE = _TAG + "merge"


def _unsupported(tag: str) -> str:
    shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
    return f"unsupported YAML tag {shown!r}: banks hold only text, numbers, lists and mappings"


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _at(node: Node, path: DocPath, message: str) -> YamlProblem:
    line, column = _pos(node)
    return YamlProblem(path, line, column, message)
