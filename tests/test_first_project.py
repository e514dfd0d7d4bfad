"""What a teacher's first project of their own ran into (tests/fixtures/first-project,
a copy of a new user's biology project): each mistake reported where it was made,
with what was meant, and sheets and keys that read as a student and a marker need."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import Result
from conftest import FIXTURES

BANK = "questions/photosynthesis.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_repo: Path) -> Path:
    """A copy of the project, as the current folder."""
    folder = tmp_path / "biology"
    shutil.copytree(FIXTURES / "first-project", folder)
    monkeypatch.chdir(folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_the_project_as_it_stands_validates(run, project: Path) -> None:
    result = run("validate")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "OK: 8 questions in 1 bank(s); 11 quotes found in the essays\n",
        "",
    )


def test_the_users_mistakes_each_at_the_place_and_with_what_was_meant(run, project: Path) -> None:
    bank = project / BANK
    edit(bank, "prompt: Name the key enzyme", "prompt: What is $\\fracc{1}{2}$ of the key enzyme")
    edit(bank, "$6CO_2 + 6H_2O \\\\to", "$6CO_2 + 6H_2O \\\\rightarow")
    edit(bank, "rate\n      $r$ does not", "rate\n      $r$ (or $\\rr$) does not")
    edit(bank, "path: leaf.png", "path: figures/leaf.png")
    edit(project / "seeds" / "seeds.yaml", "photosynthesis.txt", "photosynthesys.txt")
    result = run("validate")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"{BANK}:12:13: image 'figures/leaf.png' not found: looked for "
        f"'{BANK.rsplit('/', 1)[0]}/figures/leaf.png' (the path is relative to the bank "
        "file; did you mean 'leaf.png'?) [ps-where]",
        f"{BANK}:42:22: bad TeX in `\\fracc{{1}}{{2}}`: unknown command \\fracc (did you "
        "mean \\frac?) [ps-enzyme]",
        f"{BANK}:52:141: bad TeX in `6CO_2 + 6H_2O \\rightarow C_6H_{{12}}O_6 + 6O_2`: "
        "unknown command \\rightarow (did you mean \\rightarrow?) [ps-equation]",
        f"{BANK}:84:16: bad TeX in `\\rr`: unknown command \\rr [ps-greenhouse]",
        "seeds/seeds.yaml:4:5: cannot read essay seeds/photosynthesys.txt: cannot read "
        "file: No such file or directory (did you mean photosynthesis.txt?)",
    ]
    lines = bank.read_text("utf-8").splitlines()
    assert lines[41][21:].startswith("\\fracc")
    assert lines[51][140:].startswith("\\\\rightarow")
    assert lines[83][15:].startswith("\\rr")


def _prompt(sheet: str, qid: str) -> str:
    match = re.search(
        rf'data-question-id="{qid}".*?<(?:p|div) class="prompt[^>]*>(.*?)</', sheet, re.S
    )
    assert match, qid
    return match.group(1)


def test_a_hard_wrapped_prompt_is_one_paragraph_and_a_hard_break_breaks(run, project: Path) -> None:
    edit(project / BANK, "at once:\n      it warms", "at once:\\\n      it warms")
    result = run("worksheet", "-o", "sheets")
    assert result.exit_code == 0, result.output
    sheet = (project / "sheets" / "sheet-A.html").read_text("utf-8")
    key = (project / "sheets" / "key-A.html").read_text("utf-8")
    prompt = _prompt(sheet, "ps-greenhouse")
    assert "<br" not in prompt
    assert prompt.startswith(
        "Explain why a gardener might burn a paraffin heater in a greenhouse on a\nbright"
    )
    model = re.search(r"two</strong> limiting factors at once:(.{0,12})it warms", key, re.S)
    assert model and model.group(1) == "<br />\n"


def test_the_quick_key_gives_what_the_student_writes_in_the_boxes(run, project: Path) -> None:
    result = run("worksheet", "-o", "sheets")
    assert result.exit_code == 0, result.output
    sheet = (project / "sheets" / "sheet-A.html").read_text("utf-8")
    quick = (project / "sheets" / "quick-key-A.html").read_text("utf-8")
    boxes = re.findall(
        r'<li data-letter="([A-D])"><span class="numbox" aria-hidden="true"></span>'
        r'<span class="letter">[A-D].</span> <span class="text">([^<]*)</span>',
        sheet,
    )
    assert boxes == [
        ("A", "energy is stored in ATP and NADPH"),
        ("B", "light is absorbed by chlorophyll"),
        ("C", "carbon dioxide is fixed into sugar"),
        ("D", "water is split"),
    ]
    assert (
        '<li data-question-id="ps-order" data-answer="B,D,A,C"><span class="qnum">7</span>'
        "<span>A3 B1 C4 D2</span></li>"
    ) in quick


def test_mark_without_its_libraries_says_how_to_add_them_to_this_quizgen(
    run, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "cv2", None)
    scan = project / "scan.png"
    scan.write_bytes(b"")
    result: Result = run("mark", str(scan), "--key", str(project), "-o", "results")
    checkout = Path(__file__).resolve().parent.parent
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "quizgen mark needs OpenCV, pypdfium2 and zxing-cpp (cv2 is missing): "
        f"{sys.executable} -m pip install -e '{checkout}[mark]'\n"
    )


def test_a_misspelt_picture_names_the_file_of_a_close_name(run, project: Path) -> None:
    edit(project / BANK, "path: leaf.png", "path: lef.png")
    result = run("validate")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"{BANK}:12:13: image 'lef.png' not found: looked for 'questions/lef.png' (the path "
        "is relative to the bank file; did you mean 'leaf.png'?) [ps-where]\n",
    )
