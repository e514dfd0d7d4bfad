"""Where a piece of a text field is in its bank file, to the line and column.

A problem inside a text (an unknown TeX command in a prompt, say) is worth pointing
at where the author typed it, not at the field's key. Read again only for such a
problem (the loader keeps the positions of keys and items, not of every character),
and found by the same piece in the YAML source: the n-th occurrence of the piece in
the value is the n-th in the scalar's source, as YAML writes it in that style. That
holds for plain and quoted scalars, on one line or folded over several, and for
``|`` and ``>`` blocks, whose lines keep their text; it fails (None) where an escape
in a double-quoted string is inside the piece, and the caller keeps the key's place.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .yamlfile import DocPath

_ENCODED = {
    '"': lambda s: s.replace("\\", "\\\\").replace('"', '\\"'),
    "'": lambda s: s.replace("'", "''"),
}


def read_source(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def text_spot(source: str, path: DocPath, offset: int, piece: str) -> tuple[int, int] | None:
    """(line, column), from 1, of ``piece`` found at ``offset`` of the text at ``path``
    (its value with surrounding space dropped, as quizgen reads it), or None."""
    piece = piece.split("\n", 1)[0]
    node = _compose(source)
    for part in path:
        node = _child(node, part)
    if not isinstance(node, ScalarNode) or not piece:
        return None
    value: str = node.value
    at = offset + len(value) - len(value.lstrip())
    if not value.startswith(piece, at):
        return None
    encoded = _ENCODED.get(node.style or "", str)(piece)
    region = source[node.start_mark.index : node.end_mark.index]
    found = -1
    for _ in range(value.count(piece, 0, at) + 1):
        found = region.find(encoded, found + 1)
        if found < 0:
            return None
    index = node.start_mark.index + found
    line = source.count("\n", 0, index) + 1
    return line, index - (source.rfind("\n", 0, index) + 1) + 1


@lru_cache(maxsize=2)
def _compose(source: str) -> Node | None:
    """The file's nodes, composed once for all the problems found in it."""
    try:
        return yaml.compose(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None


def _child(node: Node | None, part: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == str(part):
                return value  # type: ignore[no-any-return]
    if isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]  # type: ignore[no-any-return]
    return None
