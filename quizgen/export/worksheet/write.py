"""Writing worksheets: for each version a student sheet, an answer key and a quick key,
as standalone HTML and, on request, as PDF printed by headless Chromium.

This module ties the steps together; the view model is in ``worksheet_model``, the
HTML in ``worksheet_html`` (with the templates) and the printing in ``worksheet_pdf``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...errors import OutputError
from ...model import Catalog, Question
from ...vocabulary import Paper
from ..manifest import Manifest
from ..output import write_atomic
from .html import WorksheetTemplates
from .versions import versions
from .view import Worksheet, build_worksheet

# The files of one version, by the page each holds.
FILE_STEMS = {"sheet": "sheet", "key": "key", "quick_key": "quick-key"}
DEFAULT_TITLE = "Worksheet"


@dataclass(frozen=True)
class WorksheetOptions:
    title: str | None = None  # default: the bank's title when all questions share a bank
    instructions: str = ""  # default: the template's
    paper: Paper = "a4"
    versions: int = 1
    seed: int = 1
    templates: Path | None = None
    pdf: bool = False
    # The command writing ("build", "worksheet"): each removes only its own earlier files.
    run_by: str = "worksheet"


@dataclass(frozen=True)
class WrittenWorksheets:
    worksheets: tuple[Worksheet, ...]
    files: tuple[Path, ...]
    # Files of an earlier run in the same folder that no longer match a sheet.
    removed: tuple[Path, ...]


def file_name(page: str, letter: str, suffix: str) -> str:
    return f"{FILE_STEMS[page]}-{letter}{suffix}"


def make_worksheets(
    catalog: Catalog,
    questions: Sequence[Question],
    options: WorksheetOptions,
) -> tuple[Worksheet, ...]:
    """The view models of every version; nothing is written."""
    title = options.title or _default_title(catalog, questions)
    return tuple(
        build_worksheet(
            version,
            catalog.seeds,
            title=title,
            instructions=options.instructions,
            paper=options.paper,
            version_count=options.versions,
            seed=options.seed,
        )
        for version in versions(questions, options.versions, options.seed)
    )


def write_worksheets(
    catalog: Catalog,
    questions: Sequence[Question],
    out_dir: Path,
    options: WorksheetOptions,
) -> WrittenWorksheets:
    """Write every version's sheet and keys (and their PDFs) into ``out_dir``."""
    worksheets = make_worksheets(catalog, questions, options)
    templates = WorksheetTemplates(options.templates)
    if options.pdf:
        from .pdf import find_chromium

        chromium = find_chromium()  # before writing anything: fail fast when it is missing
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"cannot write into {out_dir}: it is a file, not a folder")

    # Everything is rendered before anything is touched: a template error changes nothing.
    pages = {
        out_dir / file_name(page, worksheet.letter, ".html"): getattr(rendered, page)
        for worksheet in worksheets
        for rendered in [templates.render(worksheet)]
        for page in FILE_STEMS
    }
    html_files = list(pages)
    pdf_files = [p.with_suffix(".pdf") for p in html_files] if options.pdf else []
    # This command's earlier sheets and keys go first, old PDFs included: if printing
    # fails half way, no PDF of its own is left beside a key it does not match.
    # Files it did not write itself (a teacher's, another command's) are never touched.
    manifest = Manifest.read(out_dir, options.run_by)
    stale = manifest.remove_stale(html_files)
    for path, text in pages.items():
        write_atomic(path, text)
    manifest.record(html_files)
    if options.pdf:
        from .pdf import ChromiumPrinter

        with ChromiumPrinter(chromium) as printer:
            printer.print_all(list(zip(html_files, pdf_files, strict=True)))
        manifest.record([*html_files, *pdf_files])

    removed = tuple(p for p in stale if p not in pdf_files)
    suffixes = (".html", ".pdf") if options.pdf else (".html",)
    files = tuple(html.with_suffix(s) for html in html_files for s in suffixes)
    return WrittenWorksheets(worksheets, files, removed)


def _default_title(catalog: Catalog, questions: Sequence[Question]) -> str:
    banks = {q.bank for q in questions}
    if len(banks) == 1:
        return catalog.bank(banks.pop()).title
    return DEFAULT_TITLE
