"""Where the bundled banks, essays and templates are, and the default paths.

An installed wheel carries them in ``quizgen/_bundled/``; a source checkout (or an
editable install) has them beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    inside = _PACKAGE / "_bundled" / name
    return inside if inside.exists() else _PACKAGE.parent / name


def is_bundled(path: Path) -> bool:
    """Whether ``path`` lies inside the copy bundled in an installed quizgen (never
    to be written to: it belongs to the installation, not to a teacher)."""
    return path.resolve().is_relative_to(_PACKAGE / "_bundled")
