"""Commands that check and describe banks: validate, list, stats, coverage."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import BankError, Location, Problem
from . import cli, say
from .common import bank_paths, load, make_selection, selection_options


@cli.command()
@bank_paths
@click.option(
    "--require-sources", is_flag=True, help="Fail any question without a verified source quote."
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(
    paths: tuple[Path, ...], seeds_dir: Path | None, require_sources: bool, strict: bool
) -> None:
    """Check banks and report every problem, each as path:line:column.

    Exits 1 if any problem is found (with --strict, warnings count too).

    \b
    Example:
        quizgen validate --require-sources questions/
        quizgen validate questions/serge-life.yaml --seeds seeds/
    """
    catalog, warnings, project = load(
        paths, seeds_dir, require_sources=require_sources, strict=strict
    )
    questions = catalog.questions
    quotes = sum(len(q.sources) for q in questions)
    found = "" if project.sources == "none" else f"; {quotes} quotes found in the essays"
    click.echo(
        f"OK: {len(questions)} questions in {len(catalog.banks)} bank(s){found}"
        + (f"; {len(warnings)} warning(s)" if warnings else "")
    )


@cli.command(name="list")
@bank_paths
@selection_options
def list_(paths: tuple[Path, ...], seeds_dir: Path | None, **options: tuple[str, ...]) -> None:
    """List questions, one a line: id, type, difficulty, bank, prompt.

    \b
    Example:
        quizgen list --bank serge-life --type mcq
        quizgen list --tag person::trotsky
    """
    from ..select import select

    catalog = load(paths, seeds_dir).catalog
    for q in select(catalog, make_selection(**options)):
        prompt = " ".join(q.stem.split())
        if len(prompt) > 70:
            prompt = prompt[:67] + "..."
        say(f"{q.id:<34} {q.kind:<9} {q.difficulty:<6} {q.bank:<28} {prompt}")


@cli.command()
@bank_paths
@selection_options
@click.option("--tags/--no-tags", "show_tags", default=True, help="Show the counts by tag.")
def stats(
    paths: tuple[Path, ...], seeds_dir: Path | None, show_tags: bool, **options: tuple[str, ...]
) -> None:
    """Count questions by bank, type, difficulty, level, essay and tag.

    \b
    Example:
        quizgen stats
        quizgen stats --bank the-novels --no-tags
    """
    from ..report import stats as compute
    from ..select import select

    catalog, _, project = load(paths, seeds_dir)
    s = compute(select(catalog, make_selection(**options)), catalog)
    click.echo(f"questions: {s.total}")
    sections = [
        ("bank", s.by_bank),
        ("type", s.by_type),
        ("difficulty", s.by_difficulty),
        ("level", s.by_level),
        ("essay", s.by_essay),
    ]
    if show_tags:
        sections.append(("tag", s.by_tag))
    for title, rows in sections:
        click.echo(f"\nby {title}:")
        for name, count in rows:
            say(f"  {name:<40} {count:>5}")
    if s.unsourced and project.sources != "none":
        click.echo(f"\nwithout a source: {s.unsourced}")


@cli.command()
@bank_paths
@click.option(
    "--min-words",
    default=25,
    show_default=True,
    type=click.IntRange(min=1),
    help="A paragraph with at least this many words is substantive.",
)
def coverage(paths: tuple[Path, ...], seeds_dir: Path | None, min_words: int) -> None:
    """Show the substantive paragraphs of each essay that no question cites.

    Paragraphs are those a reader sees (see seeds.yaml form:), numbered from 1; headings,
    bylines and endnotes listed in seeds.yaml are not substantive. Exits 1 when
    any substantive paragraph is uncited.

    \b
    Example:
        quizgen coverage
        quizgen coverage --min-words 40
    """
    from ..report import coverage as compute

    catalog = load(paths, seeds_dir).catalog
    if not catalog.essays:
        click.echo("no essays: this project quotes none, so there is nothing to cover")
        return
    c = compute(catalog, min_words)
    for sid, essay in catalog.essays.items():
        missing = sum(1 for u in c.uncovered if u.essay.id == sid)
        total = c.substantive[sid]
        click.echo(
            f"{sid}: {total - missing} of {total} substantive paragraphs cited "
            f"({len(c.cited.get(sid, {}))} of {len(essay.paragraphs)} paragraphs in all)"
        )
    if c.uncovered:
        raise BankError(
            Problem(
                Location(u.essay.path, u.essay.lines[u.paragraph - 1], 1),
                f"paragraph {u.paragraph} of {u.essay.id!r} ({u.words} words) is cited "
                f"by no question: {u.excerpt!r}",
            )
            for u in c.uncovered
        )
