"""``quizgen study`` and the study page step of ``quizgen build``, as a user runs them;
and the page's data, which no bank text can break out of."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import cli
from quizgen.export.study.data import quote_spans
from quizgen.export.study.page import json_for_html

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EVERY_TYPE = ROOT / "tests" / "fixtures" / "good" / "every-type.yaml"
MARKUP = ROOT / "tests" / "fixtures" / "worksheet" / "markup.yaml"


@pytest.fixture
def banks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "banks").mkdir()
    for bank in (EVERY_TYPE, MARKUP):
        shutil.copy(bank, tmp_path / "banks" / bank.name)
    return tmp_path / "banks"


def quizgen(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"SOURCE_DATE_EPOCH": "1700000000"})


def page_data(path: Path) -> dict:
    html = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="quizgen-data">(.*?)</script>', html)
    assert found is not None
    data: dict = json.loads(found.group(1))
    return data


def test_study_writes_one_page_and_says_what_is_in_it(banks: Path) -> None:
    bank = "banks/every-type.yaml"
    result = quizgen("study", bank, "--seeds", str(SEEDS), "-o", "out/study.html")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote out/study.html: 8 questions, 2 essays to read\n"
    assert result.stderr == ""
    assert sorted(p.name for p in Path("out").iterdir()) == ["study.html"]
    data = page_data(Path("out/study.html"))
    assert [s["id"] for s in data["seeds"]] == ["lynd", "greene"]
    assert data["project"] == "greene-lynd"
    assert data["title"] == "Every question type"  # the one bank's title


def test_study_takes_the_selection_a_title_and_a_project(banks: Path) -> None:
    result = quizgen(
        "study", "banks", "--seeds", str(SEEDS), "--type", "mcq", "--type", "short",
        "--title", "Quiz <1>", "--project", "class 7b", "-o", "quiz.html",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote quiz.html: 4 questions, 2 essays to read\n"
    data = page_data(Path("quiz.html"))
    assert [q["type"] for q in data["questions"]] == ["mcq", "short", "mcq", "short"]
    assert (data["title"], data["project"]) == ("Quiz <1>", "class 7b")
    assert "<title>Quiz &lt;1&gt;</title>" in Path("quiz.html").read_text(encoding="utf-8")


def test_a_blank_project_name_is_a_usage_error(banks: Path) -> None:
    result = quizgen("study", "banks", "--seeds", str(SEEDS), "--project", "  ")
    assert result.exit_code == 2
    assert "Invalid value for '--project': '  ' is not a project name" in result.stderr
    assert not Path("build").exists()


def test_build_writes_the_study_page_too(banks: Path) -> None:
    result = quizgen("build", "banks", "--seeds", str(SEEDS), "-o", "out")
    assert result.exit_code == 0, result.output
    assert "wrote out/study.html: 12 questions, 2 essays to read\n" in result.stdout
    assert len(page_data(Path("out/study.html"))["questions"]) == 12


def test_bank_text_cannot_end_the_data_element() -> None:
    awkward = {"prompt": "</script><script>alert(1)</script> <!-- & \u2028"}
    text = json_for_html(awkward)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == awkward


def test_markup_in_banks_reaches_the_page_as_text(banks: Path) -> None:
    assert quizgen("study", "banks/markup.yaml", "--seeds", str(SEEDS)).exit_code == 0
    html = Path("build/study.html").read_text(encoding="utf-8")
    assert "<b>bold</b>" not in html
    prompts = [q.get("prompt") for q in page_data(Path("build/study.html"))["questions"]]
    assert "Which is written <b>bold</b> & not bold?" in prompts


def test_quote_spans_find_a_quote_through_curly_quotes_and_elisions() -> None:
    paragraph = "He said \u201cno\u201d,  then   left. Later he came back."
    spans = quote_spans(paragraph, 'said "no", then left ... he came back')
    assert [paragraph[a:b] for a, b in spans] == [
        "said \u201cno\u201d,  then   left",
        "he came back",
    ]
    assert quote_spans(paragraph, "not there") == []
    # Offsets count UTF-16 units, as JavaScript indexes strings.
    assert quote_spans("\U0001d11e clef", "clef") == [[3, 7]]


STUDY_PROJECT = ROOT / "tests" / "fixtures" / "study-project"


@pytest.fixture
def biology(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of a teacher's project (title "Biology", name biology; its one bank is
    titled "Photosynthesis"), the current folder."""
    shutil.copytree(STUDY_PROJECT, tmp_path / "biology")
    monkeypatch.chdir(tmp_path / "biology")
    return tmp_path / "biology"


def test_a_project_page_has_the_projects_title_and_name(biology: Path) -> None:
    result = quizgen("study")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "wrote build/study.html: 8 questions, 1 essay to read\n",
        "",
    )
    data = page_data(Path("build/study.html"))
    assert (data["title"], data["project"]) == ("Biology", "biology")
    assert "<title>Biology</title>" in Path("build/study.html").read_text(encoding="utf-8")
    # The options win, from the command line or the project file's study: section.
    assert quizgen("study", "--title", "Plants", "--project", "p", "-o", "o.html").exit_code == 0
    assert (page_data(Path("o.html"))["title"], page_data(Path("o.html"))["project"]) == (
        "Plants",
        "p",
    )
    with Path("quizgen.yaml").open("a", encoding="utf-8") as f:
        f.write("study:\n  title: Year 9 biology\n")
    assert quizgen("study", "-o", "o.html").exit_code == 0
    assert page_data(Path("o.html"))["title"] == "Year 9 biology"


def test_a_folder_without_a_project_file_names_its_page_as_before(biology: Path) -> None:
    Path("quizgen.yaml").unlink()
    result = quizgen("study")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "note: no quizgen.yaml here or in a parent folder, so using ./questions and ./seeds "
        "(quizgen init adds a project file)\n"
    )
    data = page_data(Path("build/study.html"))
    # The bank's title, and the essays' ids, under which such pages kept progress.
    assert (data["title"], data["project"]) == ("Photosynthesis", "photo")


def test_study_help_says_where_the_title_and_the_storage_name_come_from() -> None:
    result = quizgen("study", "--help")
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert (
        "--title TEXT Title of the page (default: the project's title, from quizgen.yaml; "
        "with no project file, the bank's title, or for several banks the essays' authors)."
    ) in text
    assert (
        "--project TEXT Name under which the browser keeps progress (default: the project's "
        "name, from quizgen.yaml; for the bundled banks and a folder with no project file, "
        "the essays' ids, as before project files). Pages with the same name share progress."
    ) in text
