"""``quizgen worksheet`` and the worksheet step of ``quizgen build``: exact output, exit codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]  # the conftest fixture: the CLI, in-process

GOOD = "tests/fixtures/good/every-type.yaml"


def _files(folder: Path) -> list[str]:
    """The files a teacher sees (not quizgen's record of what it wrote)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_one_version_writes_a_sheet_a_key_and_a_quick_key(run: Run, tmp_path: Path) -> None:
    result = run("worksheet", GOOD, "-o", str(tmp_path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "8 questions, 10 points; version A\n"
        f"wrote {tmp_path}/sheet-A.html\n"
        f"wrote {tmp_path}/key-A.html\n"
        f"wrote {tmp_path}/quick-key-A.html\n"
    )
    assert _files(tmp_path) == ["key-A.html", "quick-key-A.html", "sheet-A.html"]


def test_a_smaller_run_removes_what_no_longer_matches(run: Run, tmp_path: Path) -> None:
    assert run("worksheet", GOOD, "-o", str(tmp_path), "--versions", "3").exit_code == 0
    assert len(_files(tmp_path)) == 9
    (tmp_path / "notes.txt").write_text("mine")
    result = run("worksheet", GOOD, "-o", str(tmp_path), "--versions", "2")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "8 questions, 10 points; versions A, B"
    assert result.stdout.splitlines()[-3:] == [
        f"removed {tmp_path}/key-C.html (left from an earlier run)",
        f"removed {tmp_path}/quick-key-C.html (left from an earlier run)",
        f"removed {tmp_path}/sheet-C.html (left from an earlier run)",
    ]
    assert "notes.txt" in _files(tmp_path) and "sheet-C.html" not in _files(tmp_path)


def test_count_and_seed_are_reproducible(run: Run, tmp_path: Path) -> None:
    def sheet(seed: str, out: str) -> str:
        result = run("worksheet", GOOD, "--count", "5", "--seed", seed, "-o", str(tmp_path / out))
        assert result.stdout.startswith("5 questions, ")
        return (tmp_path / out / "sheet-A.html").read_text()

    assert sheet("3", "a") == sheet("3", "b")
    assert sheet("3", "a") != sheet("4", "c")


def test_selection_options_filter_the_questions(run: Run, tmp_path: Path) -> None:
    result = run("worksheet", GOOD, "--type", "mcq", "--type", "essay", "-o", str(tmp_path))
    assert result.stdout.splitlines()[0] == "2 questions, 2 points; version A"
    sheet = (tmp_path / "sheet-A.html").read_text()
    assert sheet.count("data-question-id=") == 2
    assert 'data-question-id="sample-mcq"' in sheet and 'data-question-id="sample-essay"' in sheet


def test_title_instructions_and_paper(run: Run, tmp_path: Path) -> None:
    result = run(
        "worksheet",
        GOOD,
        "-o",
        str(tmp_path),
        "--title",
        "Quiz & <1>",
        "--instructions",
        "No notes.",
        "--paper",
        "letter",
    )
    assert result.exit_code == 0
    sheet = (tmp_path / "sheet-A.html").read_text()
    assert "<h1>Quiz &amp; &lt;1&gt;</h1>" in sheet
    assert '<p class="instructions">No notes.</p>' in sheet
    assert "size: letter;" in sheet


def test_an_empty_selection_is_an_error(run: Run, tmp_path: Path) -> None:
    result = run("worksheet", GOOD, "--type", "essay", "--difficulty", "easy", "-o", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "no questions match the selection, so there is nothing to write\n",
    )


def test_pdf_without_a_browser_says_how_to_install_one(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QUIZGEN_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run("worksheet", GOOD, "--pdf", "-o", str(tmp_path / "out"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "--pdf needs Chromium or Google Chrome, which was not found: install it "
        "(Debian/Ubuntu: sudo apt-get install chromium; macOS: brew install --cask chromium) "
        "or set QUIZGEN_CHROMIUM to the browser's path\n"
    )
    assert not (tmp_path / "out").exists(), "nothing is written when the PDF cannot be"


def test_a_chromium_path_that_is_not_a_program(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZGEN_CHROMIUM", str(tmp_path / "nope"))
    result = run("worksheet", GOOD, "--pdf", "-o", str(tmp_path / "out"))
    assert (result.exit_code, result.stderr) == (
        1,
        f"QUIZGEN_CHROMIUM={tmp_path}/nope is not a program that can be run\n",
    )


def test_templates_folder_overriding_nothing_is_an_error(run: Run, tmp_path: Path) -> None:
    result = run("worksheet", GOOD, "--templates", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"--templates {tmp_path}: no worksheet template to override")
    assert len(result.stderr.splitlines()) == 1


def test_a_failed_print_leaves_the_earlier_set_as_it_was(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizgen.export.manifest import Manifest

    out = tmp_path / "out"
    out.mkdir()
    earlier = ("sheet-A.pdf", "key-A.pdf", "quick-key-A.pdf", "sheet-B.pdf")
    for old in earlier:
        (out / old).write_text("from an earlier run, another seed")
    # as an earlier `worksheet --pdf` would have recorded them: its own, to replace
    Manifest.read(out, "worksheet").record([out / old for old in earlier])
    monkeypatch.setenv("QUIZGEN_CHROMIUM", "/bin/false")  # found, but prints nothing
    result = run("worksheet", GOOD, "--pdf", "--seed", "2", "-o", str(out))
    assert result.exit_code == 1
    # Nothing new went in, nothing old went out, and no temporary file is left.
    assert _files(out) == sorted(earlier)
    assert {(out / old).read_text() for old in earlier} == {"from an earlier run, another seed"}


def test_a_count_above_the_selection_warns_and_uses_all(run: Run, tmp_path: Path) -> None:
    result = run("worksheet", GOOD, "--count", "20", "-o", str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: --count 20 is more than the 8 questions selected; using them all\n"
    )
    assert result.stdout.startswith("8 questions, 10 points; version A\n")


def test_a_misnamed_template_is_an_error_not_ignored(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "types").mkdir(parents=True)
    (folder / "sheet.html.j2").write_text((Path("templates/worksheet/sheet.html.j2")).read_text())
    (folder / "types" / "mcqq.html.j2").write_text("{# a typo in the name #}")
    result = run("worksheet", GOOD, "--templates", str(folder), "-o", str(tmp_path / "out"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"--templates {folder}: types/mcqq.html.j2 would replace no bundled template "
        "(did you mean 'types/mcq.html.j2'?)\n"
    )


def test_output_that_is_a_file_is_an_error(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("")
    result = run("worksheet", GOOD, "-o", str(target))
    assert result.exit_code == 2  # click's own check of -o: a usage error
    assert "is a file" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--versions", "0"],
        ["--versions", "27"],
        ["--count", "0"],
        ["--paper", "a5"],
        ["--seed", "one"],
        ["--templates", "no/such/folder"],
    ],
)
def test_usage_errors_exit_2(run: Run, args: list[str]) -> None:
    result = run("worksheet", GOOD, *args)
    assert result.exit_code == 2
    assert "Error: Invalid value for" in result.stderr


def test_build_writes_one_worksheet_version_with_its_keys(run: Run, tmp_path: Path) -> None:
    # A copy: build records Anki change times beside the banks it reads.
    bank = tmp_path / "banks" / "every-type.yaml"
    bank.parent.mkdir()
    bank.write_bytes(Path(GOOD).read_bytes())
    result = run("build", str(bank), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "out" / "worksheets"
    for name in ("sheet-A.html", "key-A.html", "quick-key-A.html"):
        assert f"wrote {folder}/{name}\n" in result.stdout
        assert (folder / name).is_file()


def test_a_sheet_where_one_question_answers_another_warns(run: Run, tmp_path: Path) -> None:
    bank = "tests/fixtures/lint/triggers/answer-elsewhere.yaml"
    result = run("worksheet", bank, "-o", str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr == (
        f"warning: {bank}:7:5: the answer 'French' is printed in the prompt of "
        f"books-translated at {bank}:12:5 [language] (answer-elsewhere)\n"
    )
    # Apart on two sheets, neither gives the other away.
    alone = run("worksheet", bank, "--type", "short", "-o", str(tmp_path / "short"))
    assert (alone.exit_code, alone.stderr) == (0, "")
