"""Rendering a worksheet's view model to standalone HTML with the Jinja2 templates.

The templates live in ``templates/worksheet/``. A teacher's folder given with
``--templates`` mirrors that folder; any template found there wins, the rest come
from the bundled set. Templates are compiled once per :class:`WorksheetTemplates`,
however many versions are rendered.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import TemplateError
from ...resources import bundled
from .view import Worksheet

if TYPE_CHECKING:
    from collections.abc import Callable

    import jinja2
    from markupsafe import Markup

    from .answersheet import AnswerSheet

# The three pages written for each version, by the template that lays each out.
PAGES = {"sheet": "sheet.html.j2", "key": "key.html.j2", "quick_key": "quick-key.html.j2"}
ANSWER_SHEET = "answer-sheet.html.j2"


def bundled_templates() -> Path:
    return bundled("templates") / "worksheet"


@dataclass(frozen=True)
class RenderedWorksheet:
    sheet: str
    key: str
    quick_key: str


class WorksheetTemplates:
    """The worksheet templates, compiled: the teacher's where given, else the bundled ones."""

    def __init__(self, override: Path | None = None) -> None:
        import jinja2

        base = bundled_templates()
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(base)]
        if override is not None:
            _check_override(override, base)
            loaders.insert(0, jinja2.FileSystemLoader(override))
        from ...templating import environment

        self._env = environment(
            jinja2.ChoiceLoader(loaders),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self._env.filters["css_string"] = css_string
        from ..richhtml import install

        install(self._env)
        try:
            self._templates = {page: self._env.get_template(name) for page, name in PAGES.items()}
        except jinja2.TemplateSyntaxError as e:
            raise TemplateError(f"{e.filename or e.name}:{e.lineno}: {e.message}") from e
        except jinja2.TemplateNotFound as e:
            raise TemplateError(f"template not found: {e.name}") from e
        except UnicodeDecodeError as e:
            raise TemplateError(f"a template is not UTF-8 text: {e}") from e

    def render(self, worksheet: Worksheet) -> RenderedWorksheet:
        pages = {page: self._render(page, worksheet) for page in PAGES}
        return RenderedWorksheet(**pages)

    def render_answer_sheet(self, sheet: AnswerSheet) -> str:
        from .answersheet import BUBBLE_D, MARK_SIZE

        # Compiled on first use: most runs print no answer sheet.
        return self._guarded(
            lambda: self._env.get_template(ANSWER_SHEET).render(
                ws=sheet.worksheet, sheet=sheet, bubble=BUBBLE_D, mark_size=MARK_SIZE
            )
        )

    def _render(self, page: str, worksheet: Worksheet) -> str:
        template = self._templates[page]
        return self._guarded(lambda: template.render(ws=worksheet))

    def _guarded(self, render: Callable[[], str]) -> str:
        import jinja2

        try:
            return render()
        except jinja2.TemplateSyntaxError as e:  # a macro file imported while rendering
            raise TemplateError(f"{e.filename or e.name}:{e.lineno}: {e.message}") from e
        except jinja2.TemplateNotFound as e:  # an include or import of a missing file
            raise TemplateError(f"{_template_frame(e)}template not found: {e.name}") from e
        except jinja2.TemplateError as e:
            raise TemplateError(f"{_template_frame(e)}{e}") from e
        except UnicodeDecodeError as e:
            raise TemplateError(f"a template is not UTF-8 text: {e}") from e
        except Exception as e:
            # A teacher's template can fail at run time in any way ({{ 1/0 }}): report it
            # at its line, as a template problem, not as a crash of quizgen.
            raise TemplateError(f"{_template_frame(e)}{type(e).__name__}: {e}") from e


def _template_frame(error: BaseException) -> str:
    """``path:line: `` of the innermost template line in the error's traceback.

    Jinja2 rewrites tracebacks so that template code shows as frames of the template
    file; the innermost one is where a teacher should look.
    """
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2"):
            return f"{frame.filename}:{frame.lineno}: "
    return ""


def _check_override(folder: Path, base: Path) -> None:
    """Refuse a --templates folder that overrides nothing (most likely the wrong folder),
    or holds a template under a name no bundled one has (a typo would be ignored)."""
    import difflib

    names = {p.relative_to(base) for p in base.rglob("*.j2")}
    known = sorted(str(n) for n in names)
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.suffix == ".j2" and name in known:
            try:
                path.read_bytes().decode("utf-8")
            except UnicodeDecodeError as e:
                raise TemplateError(
                    f"{path}: not UTF-8 text (byte {e.start}); save it as UTF-8"
                ) from e
        if path.suffix in (".j2", ".html", ".css") and name not in known:
            same_file = [k for k in known if Path(k).name == path.name]
            hint = same_file or difflib.get_close_matches(name, known, n=1)
            suggestion = (
                f" (did you mean {hint[0]!r}?)" if hint else f" (names: {', '.join(known)})"
            )
            raise TemplateError(
                f"--templates {folder}: {name} would replace no bundled template{suggestion}"
            )
    if not any((folder / name).is_file() for name in names):
        examples = ", ".join(sorted(str(n) for n in names)[:3])
        raise TemplateError(
            f"--templates {folder}: no worksheet template to override there "
            f"(it mirrors {base}, e.g. {examples})"
        )


def css_string(text: object) -> Markup:
    """``text`` as a quoted CSS string, for ``content:`` in the page footer.

    HTML escaping does not apply inside <style>, so quotes, backslashes, newlines and
    ``<`` (which could close the element) are written as CSS escapes instead.
    """
    from markupsafe import Markup

    out = []
    for ch in str(text):
        if ch.isspace():
            ch = " "  # a line break would end the CSS string
        if ch in '"\\<>&' or ord(ch) < 0x20:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return Markup('"' + "".join(out) + '"')
