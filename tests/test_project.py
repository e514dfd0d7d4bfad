"""The project file: where it is found, what it holds, and its positioned errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT

from quizgen.cli import cli
from quizgen.load import load_catalog
from quizgen.project import BUNDLED_NAMESPACE, bundled_project, find_project_file

GUIDS = ROOT / "tests" / "fixtures" / "project" / "bundled-guids.tsv"


def invoke(folder: Path, *args: str) -> Result:
    """The CLI run in ``folder``, as a teacher would from there."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def write_project(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "quizgen.yaml").write_text(text, "utf-8")
    return folder


def test_the_bundled_project_keeps_every_note_guid_of_before_projects() -> None:
    from quizgen.export.anki.notes import note_guid

    project = bundled_project()
    assert project.namespace == BUNDLED_NAMESPACE
    catalog = load_catalog([project.banks], project.seeds).catalog
    before = dict(line.split("\t") for line in GUIDS.read_text("utf-8").splitlines())
    assert len(before) == 419
    # The reworked banks dropped some questions (a student keeps those notes) and added
    # new ones; every question that stays has the GUID it had.
    kept = [q.id for q in catalog.questions if q.id in before]
    assert len(kept) >= 200
    assert {i: note_guid(i, project.namespace) for i in kept} == {i: before[i] for i in kept}


def test_the_project_file_is_found_in_a_parent_folder(tmp_path: Path) -> None:
    write_project(tmp_path / "course", "name: course\n")
    (tmp_path / "course" / "questions" / "deep").mkdir(parents=True)
    assert (
        find_project_file(tmp_path / "course" / "questions" / "deep")
        == (tmp_path / "course" / "quizgen.yaml").resolve()
    )
    assert find_project_file(tmp_path) is None


OUTPUTS = "worksheet, anki, study, moodle, gift, canvas, kahoot, blooket"


def test_unknown_outputs_keys_and_options_are_positioned_with_a_guess(tmp_path: Path) -> None:
    folder = write_project(
        tmp_path,
        "name: course\n"
        "outputs: [worksheet, ankki]\n"
        "workshet: {title: Quiz}\n"
        "worksheet:\n"
        "  paper: A4\n"
        "  versoins: 2\n"
        "  instructions: [not, text]\n"
        "anki:\n"
        "  type_in: maybe\n",
    )
    result = invoke(folder, "validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"quizgen.yaml:2:22: unknown output 'ankki' (did you mean 'anki'? outputs: {OUTPUTS})",
        f"quizgen.yaml:3:1: unknown key 'workshet' (did you mean 'worksheet'? outputs: {OUTPUTS})",
        "quizgen.yaml:6:3: unknown option 'versoins' for worksheet (did you mean 'versions'? "
        "its options: versions, title, instructions, paper, pdf, answer_sheet, match_points, "
        "partial_credit, templates)",
        "quizgen.yaml:7:3: worksheet instructions: must be text, not ['not', 'text']",
        "quizgen.yaml:9:3: anki type_in: must be true or false, not 'maybe'",
    ]


def test_a_project_file_breaking_the_schema_is_reported_with_its_place(tmp_path: Path) -> None:
    folder = write_project(tmp_path, "name: my course\nsources: sometimes\ndeck: 'Bio::'\n")
    result = invoke(folder, "validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "quizgen.yaml:1:1: 'name' 'my course' is not allowed: the project name names its files "
        "(name.apkg): letters, digits, '.', '_' and '-', starting with a letter or digit",
        "quizgen.yaml:2:1: 'sources' must be one of required, optional, none, not 'sometimes'",
        "quizgen.yaml:3:1: deck 'Bio::' has an empty name before or after '::' "
        "(Anki's subdeck mark)",
    ]


def test_without_a_project_every_command_says_it_uses_the_bundled_banks(tmp_path: Path) -> None:
    result = invoke(tmp_path, "validate")
    assert result.exit_code == 0
    assert result.stderr == (
        "note: no quizgen.yaml here or in a parent folder, so using the bundled Victor Serge "
        "banks (quizgen init starts a project of your own)\n"
    )
    assert re.match(r"OK: \d+ questions in 8 bank\(s\)", result.stdout)


def no_sources_project(folder: Path) -> Path:
    write_project(folder, "name: maths\nsources: none\n")
    (folder / "questions").mkdir()
    (folder / "questions" / "fractions.yaml").write_text(
        "title: Fractions\nquestions:\n"
        "  - {id: half, type: short, prompt: What is 1/2 + 1/4?, answer: 3/4}\n"
        "  - id: third\n    type: truefalse\n    prompt: 1/3 is more than 1/4.\n"
        "    answer: true\n"
    )
    return folder


def test_a_project_that_quotes_no_text_gets_no_warnings(tmp_path: Path) -> None:
    folder = no_sources_project(tmp_path)
    validated = invoke(folder, "validate")
    assert (validated.exit_code, validated.stderr) == (0, "")
    assert validated.stdout == "OK: 2 questions in 1 bank(s)\n"
    covered = invoke(folder, "coverage")
    assert (covered.exit_code, covered.stderr) == (0, "")
    assert covered.stdout == ("no essays: this project quotes none, so there is nothing to cover\n")
    built = invoke(folder, "build")
    assert (built.exit_code, built.stderr) == (0, "")
    assert "wrote build/maths.apkg: 2 notes" in built.stdout


def test_a_source_in_a_project_that_quotes_no_text_is_an_error(tmp_path: Path) -> None:
    folder = no_sources_project(tmp_path)
    bank = folder / "questions" / "fractions.yaml"
    bank.write_text(bank.read_text() + "    source: {seed: book, quote: a quote of words}\n")
    result = invoke(folder, "validate")
    assert (result.exit_code, result.stderr) == (
        1,
        "questions/fractions.yaml:8:5: this project quotes no text (sources: none in "
        "quizgen.yaml): remove the source, or set sources: optional and add the essays "
        "[third]\n",
    )


def test_a_teachers_banks_without_seeds_are_never_checked_against_the_bundled_ones(
    tmp_path: Path,
) -> None:
    (tmp_path / "banks").mkdir()
    (tmp_path / "banks" / "mine.yaml").write_text(
        "title: Mine\nquestions:\n"
        "  - {id: a, type: short, prompt: p, answer: x, source: {seed: lynd, quote: a b c d}}\n"
        "  - {id: b, type: short, prompt: p, answer: x, source: {seed: lynd, quote: a b c d}}\n"
    )
    result = invoke(tmp_path, "validate", "banks")
    assert (result.exit_code, result.stderr) == (
        1,
        "banks/mine.yaml:3:48: the question quotes an essay, but there is no seeds folder "
        "beside the banks: add seeds/ with a seeds.yaml, or give --seeds [a]\n",
    )


def test_the_command_line_wins_over_the_project_file_which_wins_over_defaults(
    tmp_path: Path,
) -> None:
    folder = no_sources_project(tmp_path)
    project = folder / "quizgen.yaml"
    project.write_text(
        project.read_text() + "worksheet: {title: From the project, paper: Letter}\n"
    )
    assert invoke(folder, "worksheet", "--title", "Given").exit_code == 0
    sheet = (folder / "build" / "worksheets" / "sheet-A.html").read_text()
    assert "<title>Given (version A)</title>" in sheet
    assert "size: letter" in sheet
    assert invoke(folder, "worksheet").exit_code == 0
    sheet = (folder / "build" / "worksheets" / "sheet-A.html").read_text()
    assert "<title>From the project (version A)</title>" in sheet
    assert invoke(folder, "worksheet", "--paper", "A4").exit_code == 0
    assert "size: A4" in (folder / "build" / "worksheets" / "sheet-A.html").read_text()


def test_a_folder_with_questions_and_no_project_file_is_read_as_before(tmp_path: Path) -> None:
    folder = tmp_path / "fractions"
    (folder / "questions").mkdir(parents=True)
    (folder / "questions" / "halves.yaml").write_text(
        "title: Halves\nquestions:\n  - {id: q1, type: short, prompt: 1/2 + 1/2?, answer: '1'}\n"
    )
    result = invoke(folder, "build", "--strict")
    assert result.exit_code == 1  # no source: a warning, failed by --strict
    result = invoke(folder, "build")
    assert result.stderr == (
        "note: no quizgen.yaml here or in a parent folder, so using ./questions and ./seeds "
        "(quizgen init adds a project file)\n"
        "questions/halves.yaml:3:5: warning: question has no source [q1]\n"
    )
    assert "wrote build/fractions.apkg: 1 note" in result.stdout
    # init keeps the namespace the deck's notes already have in students' collections
    started = invoke(folder, "init")
    assert started.stdout.splitlines()[-2:] == [
        "namespace: quizgen, as the decks built here before had, so that students keep their notes",
        "started project fractions; next: quizgen build",
    ]
    assert "\nnamespace: quizgen\n" in (folder / "quizgen.yaml").read_text()
