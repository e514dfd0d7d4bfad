"""The LMS commands on the command line: exact output and exit codes; build writes none."""

from __future__ import annotations

import shutil

FIXTURE = "tests/fixtures/lms"


def test_moodle_writes_one_file(run, tmp_path) -> None:
    out = tmp_path / "quiz.xml"
    result = run("moodle", FIXTURE, "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"wrote {out}: 12 questions in 1 category under 'Victor Serge'\n"
    assert "<text>$course$/Victor Serge/LMS: every type // {braces} &amp; &lt;tags&gt;</text>" in (
        out.read_text()
    )


def test_moodle_category_option(run, tmp_path) -> None:
    out = tmp_path / "quiz.xml"
    result = run("moodle", FIXTURE, "--category", "  History   10 ", "-o", str(out))
    assert result.stdout == f"wrote {out}: 12 questions in 1 category under 'History 10'\n"
    assert "<text>$course$/History 10/LMS: every type" in out.read_text()


def test_gift_warns_once_naming_what_does_not_fit(run, tmp_path) -> None:
    out = tmp_path / "quiz.gift.txt"
    result = run("gift", FIXTURE, "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, f"wrote {out}: 10 questions\n")
    assert result.stderr == (
        "warning: 2 questions left out, as GIFT cannot hold them: a cloze with several "
        "blanks: lms-cloze-two (2 blanks); no ordering type: lms-order; "
        "use Moodle XML (quizgen moodle)\n"
    )


def test_canvas_title(run, tmp_path) -> None:
    out = tmp_path / "quiz.zip"
    result = run("canvas", FIXTURE, "--type", "mcq", "--title", "Quiz 1", "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"wrote {out}: the quiz 'Quiz 1', 4 questions, 5 points\n"


def test_canvas_refuses_an_empty_title(run, tmp_path) -> None:
    result = run("canvas", FIXTURE, "--title", " ", "-o", str(tmp_path / "q.zip"))
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Invalid value for '--title': ' ' is empty\n")


def test_kahoot_time_limits_are_the_templates(run, tmp_path) -> None:
    result = run("kahoot", FIXTURE, "--time-limit", "7", "-o", str(tmp_path / "q.xlsx"))
    assert result.exit_code == 2
    assert "'7' is not one of '5', '10', '20', '30', '60', '90', '120', '240'." in result.stderr


def test_kahoot_with_nothing_that_fits_is_an_input_error(run, tmp_path) -> None:
    out = tmp_path / "q.xlsx"
    result = run("kahoot", FIXTURE, "--type", "essay", "-o", str(out))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "no selected question fits Kahoot's spreadsheet (multiple choice or true/false, "
        "question up to 120 characters, answers up to 75)\n"
    )
    assert not out.exists()


def test_blooket_writes_what_fits(run, tmp_path) -> None:
    out = tmp_path / "q.csv"
    result = run("blooket", FIXTURE, "--type", "mcq", "--time-limit", "300", "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, f"wrote {out}: 3 questions for Blooket\n")
    assert result.stderr == (
        "warning: 1 question left out, as Blooket's spreadsheet cannot hold them: "
        "more than 4 choices: lms-mcq-five (5)\n"
    )
    assert run("blooket", FIXTURE, "--time-limit", "301").exit_code == 2


def test_build_writes_what_it_did_and_no_lms_export(run, tmp_path) -> None:
    banks = tmp_path / "banks"
    shutil.copytree(FIXTURE, banks)  # build records Anki change times beside the banks
    out = tmp_path / "build"
    result = run("build", str(banks), "-o", str(out))
    assert result.exit_code == 0
    written = ["serge.apkg", "study.html", "worksheets"]
    assert sorted(p.name for p in out.iterdir()) == [".quizgen-written.json", *written]


def test_banks_outside_any_project_are_named_for_themselves(run, tmp_path, monkeypatch) -> None:
    # No quizgen.yaml in tmp_path or above: the bundled project stands in, but a
    # teacher's banks must not land under the bundled essays' title.
    bank = shutil.copy("tests/fixtures/lms/every-type.yaml", tmp_path / "every-type.yaml")
    essays = str(shutil.copytree("seeds", tmp_path / "seeds"))
    monkeypatch.chdir(tmp_path)
    result = run("moodle", "every-type.yaml", "--seeds", essays, "-o", "quiz.xml")
    title = "LMS: every type / {braces} & <tags>"
    assert result.stdout == f"wrote quiz.xml: 12 questions in 1 category under '{title}'\n"
    result = run("canvas", str(bank), "--seeds", essays, "--type", "mcq", "-o", "quiz.zip")
    assert result.stdout.startswith(f"wrote quiz.zip: the quiz '{title}', 4 questions")
