"""TeX commands and environments that latex2mathml renders, from its own tables.

latex2mathml passes a command it does not know through as text (``\\fracc{1}{2}``
prints as "\\fracc12") and drops an environment it does not know; here such a name
is found before it reaches a page, by what the library itself lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .suggest import closest, did_you_mean

_NAME = re.compile(r"\\[a-zA-Z]+\*?")
# Names a bank defines for itself in the same formula: \newcommand{\x}, \def\x ...
_DEFINED = re.compile(
    r"\\(?:newcommand|renewcommand|def|DeclareMathOperator\*?)\s*\{?\s*(\\[a-zA-Z]+)"
)
_ENVIRONMENT = re.compile(r"\\begin\s*\{([a-zA-Z]+\*?)\}")


@dataclass(frozen=True)
class UnknownName:
    """An unknown command (``\\fracc``) or environment (``foo``) at ``offset``."""

    offset: int
    name: str
    message: str


@cache
def known_names() -> frozenset[str]:
    """Every ``\\command`` latex2mathml's tables name: its command constants and the
    symbols of its Unicode table."""
    from latex2mathml import commands
    from latex2mathml.symbols_parser import SYMBOLS

    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.update(_NAME.findall(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list | tuple | set | frozenset):
            for item in value:
                walk(item)

    for attribute in dir(commands):
        if not attribute.startswith("_"):
            walk(getattr(commands, attribute))
    found.update(name for key in SYMBOLS for name in _NAME.findall(key))
    return frozenset(found)


def unknown_names(tex: str) -> Iterator[UnknownName]:
    """Each command and environment in ``tex`` that latex2mathml does not know."""
    from latex2mathml.tokenizer import PATTERN

    known = known_names()
    defined = set(_DEFINED.findall(tex))
    for m in PATTERN.finditer(tex):
        if m.group("begin_end") is not None:
            env = _ENVIRONMENT.match(m.group("begin_end"))
            if env and "\\" + env.group(1) not in known:
                name = env.group(1)
                yield UnknownName(m.start(), m.group(), f"unknown environment {name}{_guess(name)}")
            continue
        command = m.group("command")
        if command is None or command in known or command in defined:
            continue
        yield UnknownName(m.start(), command, f"unknown command {command}{_guess(command)}")


@cache
def _guess(name: str) -> str:
    """ " (did you mean ...?)" for a command (``\\fracc``) or an environment (``matrx``),
    once per name however often a bank misspells it."""
    if name.startswith("\\"):
        hint = did_you_mean(closest(name, known_names()))
    else:
        hint = did_you_mean([n[1:] for n in closest("\\" + name, known_names())])
    return f" ({hint})" if hint else ""
