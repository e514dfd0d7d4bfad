"""``quizgen lint``: question-quality checks, each finding one positioned line."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from ..lint import DEFAULT_MAX_RECALL, RULE_IDS, RULES
from . import cli
from .common import bank_paths, load, make_selection, selection_options


def _list_rules(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        for rule in RULES:
            click.echo(f"{rule.id:<25} {rule.summary}")
        ctx.exit(0)


@cli.command()
@bank_paths
@selection_options
@click.option(
    "--disable",
    "disabled",
    multiple=True,
    type=click.Choice(RULE_IDS),
    metavar="RULE",
    help="Do not run this rule (repeatable); --rules lists them.",
)
@click.option(
    "--max-recall",
    type=click.IntRange(0, 100),
    default=DEFAULT_MAX_RECALL,
    show_default=True,
    metavar="PERCENT",
    help="recall-share: the most a bank's questions with a level may be recall.",
)
@click.option("--strict", is_flag=True, help="Exit 1 if there is any finding.")
@click.option(
    "--rules",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_list_rules,
    help="List the rules and exit.",
)
def lint(
    paths: tuple[Path, ...],
    seeds_dir: Path | None,
    disabled: tuple[str, ...],
    max_recall: int,
    strict: bool,
    **options: tuple[str, ...],
) -> None:
    """Check question quality: repeats, give-aways, choices, essays, levels.

    Each finding is one line, path:line:column: message [question-id] (rule),
    on stdout, then a count by rule. Exits 0 unless --strict and something was
    found (or the banks do not validate). docs/lint.md explains every rule.

    \b
    Example:
        quizgen lint
        quizgen lint --bank serge-life --disable negative-stem
        quizgen lint --strict --max-recall 40
    """
    from ..errors import SelectionError
    from ..lint import lint as run_lint
    from ..select import select

    catalog = load(paths, seeds_dir).catalog
    questions = select(catalog, make_selection(**options))
    if not questions:
        raise SelectionError("no questions match the selection, so there is nothing to lint")
    found = run_lint(catalog, questions, disabled=disabled, max_recall=max_recall)
    for problem in found:
        click.echo(str(problem))
    if not found:
        click.echo(f"OK: no findings in {len(questions)} questions")
        return
    counts = Counter(p.rule for p in found)
    by_rule = ", ".join(f"{rule} {counts[rule]}" for rule in RULE_IDS if counts[rule])
    click.echo(f"{len(found)} finding(s) in {len(questions)} questions: {by_rule}")
    if strict:
        raise click.exceptions.Exit(1)
