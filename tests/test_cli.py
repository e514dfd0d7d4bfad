"""The command line: help, versions, usage errors, and exact output of the inspectors."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from quizgen import __version__
from quizgen.cli import cli

GOOD = "tests/fixtures/good/every-type.yaml"


def _commands() -> list[str]:
    return cli.list_commands(click.Context(cli))


@pytest.mark.parametrize("name", _commands())
def test_every_command_has_help_with_an_example(run, name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert f"Usage: cli {name}" in result.stdout or f"Usage: quizgen {name}" in result.stdout
    assert "Example:" in result.stdout
    assert f"quizgen {name}" in result.stdout.split("Example:")[1]


def test_top_level_help_lists_commands(run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for name in _commands():
        assert f"  {name} " in result.stdout


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"quizgen, version {__version__}\n"


@pytest.mark.parametrize(
    "args",
    [
        ["no-such-command"],
        ["validate", "--no-such-option"],
        ["list", "--type", "poem"],
        ["coverage", "--min-words", "0"],
    ],
)
def test_usage_errors_exit_2(run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Error:" in result.stderr


def test_validate_good_bank(run) -> None:
    result = run("validate", "--require-sources", GOOD)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "OK: 8 questions in 1 bank(s); 9 quotes found in the essays\n",
        "",
    )


def test_list_filters(run) -> None:
    result = run("list", GOOD, "--type", "mcq", "--type", "cloze")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "sample-mcq                         mcq       easy   every-type                   "
        "According to Lynd, in which city was Victor Serge born?",
        "sample-cloze                       cloze     medium every-type                   "
        "Serge wrote primarily in {{c1::French::a language}}.",
    ]


def test_list_tag_matches_children(run) -> None:
    result = run("list", GOOD, "--tag", "place")
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["sample-mcq"]


def test_unknown_bank_in_selection(run) -> None:
    result = run("list", GOOD, "--bank", "every-typo")
    assert result.exit_code == 1
    assert result.stderr == (
        "unknown bank 'every-typo' (did you mean 'every-type'?); banks: every-type\n"
    )


def test_stats(run) -> None:
    result = run("stats", GOOD, "--no-tags")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "questions: 8"
    assert "  mcq                                          1" in lines
    assert "  lynd                                         7" in lines
    assert "  greene                                       1" in lines
    assert "  hard                                         2" in lines


def test_coverage_lists_uncited_paragraphs_and_fails(run) -> None:
    result = run("coverage", GOOD)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("lynd: 4 of 69 substantive paragraphs cited")
    assert result.stdout.splitlines()[1] == (
        "greene: 1 of 26 substantive paragraphs cited (1 of 30 paragraphs in all)"
    )
    assert result.stderr.splitlines()[0] == (
        "seeds/greene-on-the-borders-of-victory-and-defeat.txt:7:1: paragraph 4 of 'greene' "
        "(36 words) is cited by no question: 'January 18, 2016 \u2014 Links International "
        "Journal of Socialist Renewal, reposted from Red ...'"
    )


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_help_and_version_import_no_command_and_nothing_heavy(option: str) -> None:
    code = (
        "import sys, quizgen.cli as c\n"
        f"c.cli([{option!r}], standalone_mode=False)\n"
        "heavy = {'genanki', 'jinja2', 'jsonschema', 'yaml', 'anki', 'pathlib'}\n"
        "loaded = {m for m in sys.modules if m.startswith('quizgen.cli.')}\n"
        "print(sorted((heavy & set(sys.modules)) | loaded), file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip() == "[]"


def test_the_list_of_commands_is_each_commands_own_first_paragraph() -> None:
    from quizgen.cli import COMMANDS
    from quizgen.export import REGISTRY

    ctx = click.Context(cli)
    for name, (module, line) in COMMANDS.items():
        command = cli.get_command(ctx, name)
        assert command is not None, name
        assert command.callback is not None
        assert command.callback.__module__ == f"quizgen.cli.{module}", name
        assert " ".join((command.help or "").partition("\n\n")[0].split()) == line, name
    # A module defines no command beyond the ones listed for it.
    for name in _commands():
        assert cli.get_command(ctx, name) is not None, name
    assert set(cli.commands) == {*COMMANDS, *REGISTRY}


def test_only_the_cli_imports_click() -> None:
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "quizgen"
    offenders = [
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if "cli" not in p.relative_to(package).parts and "import click" in p.read_text("utf-8")
    ]
    assert offenders == []
    assert isinstance(cli, click.Group)


def test_a_closed_pipe_ends_quietly(in_repo, tmp_path) -> None:
    # quizgen list | head -1: the reader goes away; no "internal error", no traceback.
    # 2,000 lines are more than a pipe holds, so the writer does meet the closed pipe.
    sys.path.insert(0, str(in_repo / "benchmarks"))
    from synthetic import write_banks

    write_banks(tmp_path, 2000, in_repo / "seeds")
    shell = f"{sys.executable} -m quizgen list {tmp_path} | head -1"
    out = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True)
    assert out.stdout.count("\n") == 1
    assert out.stderr == ""


def test_build_strict_fails_on_warnings_and_writes_nothing(run, tmp_path) -> None:
    bank = tmp_path / "unsourced.yaml"
    bank.write_text(
        "title: t\nquestions:\n  - id: q\n    type: truefalse\n    prompt: p\n    answer: true\n"
    )
    result = run("build", str(bank), "--strict", "-o", str(tmp_path / "out"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{bank}:3:5: question has no source [q]\n"
    assert not (tmp_path / "out").exists()


def test_stats_counts_levels_and_questions_without_one(run) -> None:
    weighted = "tests/fixtures/good/weighted-essay.yaml"
    result = run("stats", GOOD, weighted, "--no-tags")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    section = text[text.index("by level:") : text.index("by essay:")]
    assert section == (
        "by level:\n"
        "  recall                                       0\n"
        "  comprehension                                0\n"
        "  analysis                                     1\n"
        "  not set                                      8\n\n"
    )


def test_level_selects_and_never_matches_a_question_without_one(run) -> None:
    weighted = "tests/fixtures/good/weighted-essay.yaml"
    result = run("list", GOOD, weighted, "--level", "analysis")
    assert result.exit_code == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["sample-weighted-essay"]
    none = run("list", GOOD, "--level", "recall", "--level", "comprehension")
    assert (none.exit_code, none.stdout) == (0, "")
    wrong = run("list", GOOD, "--level", "recal")
    assert wrong.exit_code == 2
    assert "'recal' is not one of 'recall', 'comprehension', 'analysis'" in wrong.stderr
