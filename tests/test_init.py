"""``quizgen init``: a new project that builds at once, with no warning."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import cli


def invoke(folder: Path, *args: str) -> Result:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_init_then_build_writes_a_deck_a_sheet_and_keys_named_after_the_project(
    tmp_path: Path,
) -> None:
    started = invoke(tmp_path, "init", "demo")
    assert (started.exit_code, started.stderr) == (0, "")
    assert started.stdout.splitlines() == [
        "wrote demo/quizgen.yaml",
        "wrote demo/.gitignore",
        "wrote demo/questions/example.yaml",
        "wrote demo/seeds/seeds.yaml",
        "wrote demo/seeds/lamp.txt",
        "wrote demo/.schema/bank.schema.json",
        "wrote demo/.schema/seeds.schema.json",
        "wrote demo/.schema/project.schema.json",
        "started project demo; next: cd demo && quizgen build",
    ]
    built = invoke(tmp_path / "demo", "build")
    assert (built.exit_code, built.stderr) == (0, "")
    assert built.stdout.splitlines() == [
        "validated 8 questions in 1 bank(s)",
        "8 questions, 10 points; version A",
        "wrote build/worksheets/sheet-A.html",
        "wrote build/worksheets/key-A.html",
        "wrote build/worksheets/quick-key-A.html",
        "wrote build/demo.apkg: 8 notes, 9 cards in 2 decks (8 new or changed)",
        "recorded the change times in questions/anki-history.json",
        "wrote build/study.html: 8 questions, 1 essay to read",
    ]
    titles = {
        "sheet": "<title>Demo (version A)</title>",
        "key": "<title>Answer key: Demo (version A)</title>",
        "quick-key": "<title>Quick key: Demo (version A)</title>",
    }
    for page, title in titles.items():
        html = (tmp_path / "demo" / "build" / "worksheets" / f"{page}-A.html").read_text()
        assert title in html
    sheet = (tmp_path / "demo" / "build" / "worksheets" / "sheet-A.html").read_text()
    # The sheet prints no text, so its instructions send no student to one.
    assert re.findall(r'<p class="instructions">(.*?)</p>', sheet) == [
        "Answer every question, as the text you studied says."
    ]


def test_init_gives_each_project_its_own_namespace(tmp_path: Path) -> None:
    invoke(tmp_path, "init", "one")
    invoke(tmp_path, "init", "two")
    namespaces = [
        re.search(r"^namespace: (\S+)$", (tmp_path / p / "quizgen.yaml").read_text(), re.M)
        for p in ("one", "two")
    ]
    one, two = (m.group(1) for m in namespaces if m)
    assert one.startswith("one-") and two.startswith("two-") and one[4:] != two[4:]


def test_init_never_overwrites_and_refuses_a_project(tmp_path: Path) -> None:
    (tmp_path / "questions").mkdir()
    (tmp_path / "questions" / "mine.yaml").write_text("title: Mine\n")
    started = invoke(tmp_path, "init", "--name", "mine")
    assert started.exit_code == 0
    assert "kept questions/example.yaml (already there)" in started.stdout
    assert not (tmp_path / "questions" / "example.yaml").exists()
    assert (tmp_path / "questions" / "mine.yaml").read_text() == "title: Mine\n"
    again = invoke(tmp_path, "init")
    assert (again.exit_code, again.stderr) == (
        1,
        "quizgen.yaml already exists: this folder is a project\n",
    )


def test_the_schemas_editors_read_are_in_the_new_folder(tmp_path: Path) -> None:
    invoke(tmp_path, "init", "demo")
    demo = tmp_path / "demo"
    for file in ("quizgen.yaml", "questions/example.yaml", "seeds/seeds.yaml"):
        first = (demo / file).read_text().splitlines()[0]
        reference = first.removeprefix("# yaml-language-server: $schema=")
        assert json.loads(((demo / file).parent / reference).read_text())["$schema"]
