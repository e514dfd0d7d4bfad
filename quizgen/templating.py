"""The one way quizgen makes a Jinja environment: autoescape on, undefined names an
error, and compiled templates kept between runs.

Compiling quizgen's templates took a fifth of a bundled ``build``; Jinja's bytecode
cache keeps the compiled code in the user's cache folder instead. It cannot serve a
stale page:

- Jinja checks each cached template against a checksum of its source and file name,
  so an edited template, or a teacher's own, is compiled afresh;
- the folder is named by a hash of everything else that shapes the compiled code:
  the environment's options, Jinja's version and Python's;
- ``optimized=False`` stops Jinja folding constant expressions through filters at
  compile time, so a changed filter in quizgen's code never hides in old bytecode.

A cache that cannot be written (a read-only home, a full disk) is skipped, never an
error. ``QUIZGEN_CACHE_DIR`` moves it; ``QUIZGEN_CACHE_DIR=""`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from pathlib import Path
from typing import Any

# Imported by exporters when they render, never at start-up: jinja2 here is no cost
# to ``quizgen --help``.
import jinja2
from jinja2.bccache import Bucket


def environment(loader: jinja2.BaseLoader, **options: Any) -> jinja2.Environment:
    """A Jinja environment over ``loader`` with quizgen's settings and ``options``
    (delimiters, whitespace control: plain strings and booleans)."""
    return jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        optimized=False,
        bytecode_cache=_bytecode_cache(options),
        **options,
    )


def cache_root() -> Path | None:
    """Where quizgen keeps what it may rebuild at any time; None: nowhere."""
    chosen = os.environ.get("QUIZGEN_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "quizgen"


class _QuietCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache (it writes atomically), but a failed write only skips caching."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache(options: dict[str, Any]) -> jinja2.BytecodeCache | None:
    root = cache_root()
    if root is None:
        return None
    shape = repr((sorted(options.items()), jinja2.__version__, sys.version, "autoescape"))
    folder = root / "jinja" / hashlib.sha256(shape.encode()).hexdigest()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _QuietCache(str(folder))
