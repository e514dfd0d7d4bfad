"""Rendering the study page: one HTML file with its data, styles and script inline.

The layout is the Jinja2 template ``templates/study/page.html.j2`` (autoescaped,
strict). The styles and scripts are plain files beside it, inlined as they are;
the data goes in a ``<script type="application/json">`` element, escaped so that
no text from a bank can end that element or open a comment.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ...errors import TemplateError
from ...resources import bundled

# The page's scripts, in the order they run: each defines what the next ones use.
SCRIPTS = (
    "fsrs.js",
    "store.js",
    "dom.js",
    "ordering.js",
    "questions.js",
    "session.js",
    "reader.js",
    "progress.js",
    "app.js",
)
STYLES = ("style.css",)


def study_templates() -> Path:
    return bundled("templates") / "study"


def json_for_html(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` are
    written as \\u escapes, so ``</script>`` or ``<!--`` in a bank stays text."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _asset(folder: Path, name: str, closing: str) -> str:
    try:
        text = (folder / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise TemplateError(f"{folder / name}: cannot read the study page's asset: {e}") from e
    if re.search(rf"</{closing}", text, re.IGNORECASE):
        raise TemplateError(f"{folder / name}: contains '</{closing}', which would end it early")
    return text


def render_page(data: dict[str, Any]) -> str:
    import jinja2
    from markupsafe import Markup

    folder = study_templates()
    from ...templating import environment

    env = environment(
        jinja2.FileSystemLoader(folder),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    scripts = [Markup(_asset(folder, name, "script")) for name in SCRIPTS]
    styles = [Markup(_asset(folder, name, "style")) for name in STYLES]
    try:
        return env.get_template("page.html.j2").render(
            data=data,
            data_json=Markup(json_for_html(data)),
            scripts=scripts,
            styles=styles,
        )
    except jinja2.TemplateError as e:
        raise TemplateError(f"{folder / 'page.html.j2'}: {e}") from e
