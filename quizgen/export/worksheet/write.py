"""Writing worksheets: for each version a student sheet, an answer key and a quick key,
as standalone HTML and, on request, as PDF printed by headless Chromium.

This module ties the steps together; the view model is in ``worksheet_model``, the
HTML in ``worksheet_html`` (with the templates) and the printing in ``worksheet_pdf``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import OutputError
from ...model import Catalog, Question
from ...scoring import Scoring
from ...vocabulary import Paper
from ..manifest import Manifest
from ..output import transaction, write_atomic
from .html import WorksheetTemplates
from .versions import versions
from .view import Worksheet, build_worksheet, test_identity

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
    answer_sheet: bool = False
    scoring: Scoring = field(default_factory=Scoring)
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
    test_id = test_identity(questions, title, options.seed, options.versions)
    return tuple(
        build_worksheet(
            version,
            catalog.essays,
            title=title,
            instructions=options.instructions,
            paper=options.paper,
            version_count=options.versions,
            seed=options.seed,
            scoring=options.scoring,
            test_id=test_id,
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
    keys: dict[Path, str] = {}
    if options.answer_sheet:
        pages.update(_answer_sheets(worksheets, templates, out_dir, keys))
    html_files = list(pages)
    pdf_files = [p.with_suffix(".pdf") for p in html_files] if options.pdf else []
    # Every file is written beside its place and moved in only when all of them are
    # written and checked: a failed or killed run leaves the earlier set as it was.
    # This command's earlier sheets and keys (old PDFs too) go at that moment, before
    # the new ones arrive, so no sheet is ever beside a key of its own other run; files
    # it did not write itself (a teacher's, another command's) are never touched.
    with transaction() as tx:
        manifest = Manifest.read(out_dir, options.run_by)
        stale = manifest.remove_stale([*html_files, *keys])
        staged = {
            path: write_atomic(path, text, together=True)
            for path, text in [*pages.items(), *keys.items()]
        }
        if options.pdf:
            from .pdf import ChromiumPrinter

            with ChromiumPrinter(chromium) as printer:
                # Chromium prints each page from where it waits, the PDF waits beside it.
                printer.print_all(
                    [(staged[h], pdf) for h, pdf in zip(html_files, pdf_files, strict=True)]
                )
        _check_codes(worksheets, out_dir, staged)
        manifest.record([*html_files, *pdf_files, *keys], tx)

    removed = tuple(p for p in stale if p not in pdf_files)
    suffixes = (".html", ".pdf") if options.pdf else (".html",)
    files = tuple(html.with_suffix(s) for html in html_files for s in suffixes) + tuple(keys)
    return WrittenWorksheets(worksheets, files, removed)


def _answer_sheets(
    worksheets: Sequence[Worksheet],
    templates: WorksheetTemplates,
    out_dir: Path,
    keys: dict[Path, str],
) -> dict[Path, str]:
    """Each version's answer sheet, and into ``keys`` its key file for ``quizgen mark``."""
    import json

    from .answersheet import key_data, layout

    pages = {}
    for worksheet in worksheets:
        sheet = layout(worksheet)
        pages[out_dir / f"answer-sheet-{worksheet.letter}.html"] = templates.render_answer_sheet(
            sheet
        )
        data = json.dumps(key_data(sheet), indent=1, ensure_ascii=False)
        keys[out_dir / f"mark-key-{worksheet.letter}.json"] = data + "\n"
    return pages


def _check_codes(worksheets: Sequence[Worksheet], out_dir: Path, staged: dict[Path, Path]) -> None:
    """Read back each version's sheet and keys: each must show that version's check
    code, so that a key can only ever be put in place with its own sheet."""
    for worksheet in worksheets:
        for page in FILE_STEMS:
            path = out_dir / file_name(page, worksheet.letter, ".html")
            try:
                text = staged[path].read_text("utf-8")
            except (OSError, UnicodeDecodeError) as e:
                raise OutputError(f"cannot read back {path}: {e}") from e
            if worksheet.check_code not in text:
                raise OutputError(
                    f"{path} does not show check code {worksheet.check_code} (a template "
                    "that leaves it out?); nothing was written"
                )


def _default_title(catalog: Catalog, questions: Sequence[Question]) -> str:
    banks = {q.bank for q in questions}
    if len(banks) == 1:
        return catalog.bank(banks.pop()).title
    return DEFAULT_TITLE
