"""build and worksheet remove only files they wrote themselves, recorded in a manifest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import cli


def invoke(folder: Path, *args: str) -> Result:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def files(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    )


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    invoke(tmp_path, "init", "demo")
    return tmp_path / "demo"


def set_versions(project: Path, versions: int) -> None:
    file = project / "quizgen.yaml"
    text = file.read_text()
    file.write_text(re.sub(r"(?m)^  versions: \d+ ", f"  versions: {versions} ", text))


def test_build_never_deletes_a_file_it_did_not_write(demo: Path) -> None:
    build = demo / "build"
    (build / "worksheets").mkdir(parents=True)
    mine = ["notes.txt", "worksheets/sheet-Z.pdf", "worksheets/key-B.pdf", "old.apkg"]
    for name in mine:
        (build / name).write_text("the teacher's own")
    invoke(demo, "worksheet", "--versions", "3")  # sheets A-C, written by `worksheet`
    invoke(demo, "build")  # one version: rewrites A only
    invoke(demo, "build")
    assert files(build) == sorted(
        [
            *mine,
            "demo.apkg",
            "study.html",
            *(f"worksheets/{p}-{v}.html" for p in ("sheet", "key", "quick-key") for v in "ABC"),
        ]
    )
    for name in mine:
        assert (build / name).read_text() == "the teacher's own"


def test_worksheet_never_deletes_what_build_wrote(demo: Path) -> None:
    set_versions(demo, 3)
    invoke(demo, "build")
    result = invoke(demo, "worksheet", "--versions", "1")
    assert "removed" not in result.stdout
    assert len(list((demo / "build" / "worksheets").glob("*-C.html"))) == 3


def test_build_removes_what_an_earlier_build_wrote_and_no_longer_writes(demo: Path) -> None:
    set_versions(demo, 2)
    invoke(demo, "build")
    (demo / "build" / "worksheets" / "key-B.html").write_text("edited by the teacher")
    set_versions(demo, 1)
    project = demo / "quizgen.yaml"
    project.write_text(project.read_text().replace("name: demo", "name: biology"))
    result = invoke(demo, "build")
    assert result.stdout.splitlines()[-5:] == [
        "removed build/worksheets/quick-key-B.html (left from an earlier run)",
        "removed build/worksheets/sheet-B.html (left from an earlier run)",
        "wrote build/biology.apkg: 8 notes, 9 cards in 2 decks (0 new or changed)",
        "wrote build/study.html: 8 questions, 1 essay to read",
        "removed build/demo.apkg (written by an earlier build)",
    ]
    assert files(demo / "build") == [
        "biology.apkg",
        "study.html",
        "worksheets/key-A.html",
        "worksheets/key-B.html",  # edited since: the teacher's now
        "worksheets/quick-key-A.html",
        "worksheets/sheet-A.html",
    ]
