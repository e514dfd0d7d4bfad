"""Bad or odd input, one fixture per class: a positioned line and exit 1, never a crash,
a hang, a silent skip or a key that names the wrong letters.

The fixtures are in tests/fixtures/reliability/, each named for what it tests; the
few inputs that cannot live in git (pipes, broken links, 160 KB quotes) are made here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quizgen.load import load_catalog

HERE = "tests/fixtures/reliability"
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# fixture -> the lines it must give (after the path), warnings left out
EXPECTED = {
    "bool-maybe.yaml": ["6:5: 'answer' must be true or false, not text 'maybe' [maybe]"],
    "huge-integer.yaml": [
        "7:5: 'points' must be a whole number, not text "
        "'999999999999999999999999999999999999999999999999999999999...' [huge]"
    ],
    "merge-self.yaml": ["3:5: a merge key (<<) refers to its own mapping"],
    "merge-through-another.yaml": ["2:7: a merge key (<<) refers to its own mapping"],
    "merge-text.yaml": ["5:9: a merge key (<<) takes a mapping or a list of mappings [merge-text]"],
    "cloze-number-2-63.yaml": [
        "5:5: cloze number c922337203685... is too large: Anki takes c1 to c65536 [cloze-huge]"
    ],
    "cloze-number-65537.yaml": [
        "5:5: cloze number c65537 is too large: Anki takes c1 to c65536 [cloze-65537]"
    ],
    "alias-bomb-flow-style.yaml": ["3:18: too many alias expansions (an alias bomb?); refused"],
    "same-text-choices.yaml": [
        "6:18: duplicate item '1' in 'choices' (same text as item 1) [one-and-one]",
        "12:17: duplicate item '1' in 'answer' (same text as item 1) [answers-twice]",
        "16:19: duplicate item '1890' in 'items' (same text as item 1) [items-twice]",
        "20:25: duplicate item 'Ge\u0301rard' in 'choices' (same text as item 1) [nfc-nfd]",
    ],
    "bidi-override.yaml": [
        "5:5: 'prompt' 'Which city? \\u202eslessurB' is not allowed: it holds a control "
        "character (from a copy and paste?); remove it [bidi]"
    ],
    "raw-nul.yaml": [
        "5:20: character U+0000 is not allowed in YAML (a control character); remove it"
    ],
    "raw-c1-control.yaml": [
        "5:20: character U+009B is not allowed in YAML (a control character); remove it"
    ],
    "utf16-without-bom.yaml": [
        "1:2: file looks like UTF-16 (NUL bytes between the letters); save it as UTF-8"
    ],
    "escape-sequences.yaml": [
        "2:1: 'description' '\\x1b[31mred\\x1b[0m' is not allowed: it holds a control character "
        "(from a copy and paste?); remove it",
        "8:12: tags[1] '\\x1b]0;owned\\x07' is not allowed: a tag may not contain spaces or "
        "control characters (use - or ::) [escapes]",
    ],
}


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": warning: " not in line]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_class_of_bad_input_is_one_positioned_line(run, name: str) -> None:
    result = run("validate", f"{HERE}/{name}")
    assert result.exit_code == 1
    assert errors(result.stderr) == [f"{HERE}/{name}:{line}" for line in EXPECTED[name]]
    assert "Traceback" not in result.output
    assert "\x1b" not in result.output


def test_merge_list_takes_each_key_from_the_first_mapping_that_sets_it(in_repo) -> None:
    catalog = load_catalog([ROOT / HERE / "merge-list.yaml"], SEEDS).catalog
    merged = catalog.questions[2]
    assert (merged.id, merged.difficulty, merged.points) == ("merged", "easy", 2)
    assert merged.stem == "According to Lynd, Serge was born in Brussels."


def test_minus_zero_is_kept_as_written(in_repo) -> None:
    result = load_catalog([ROOT / HERE / "minus-zero.yaml"], SEEDS)
    assert result.catalog.questions[0].answer == "-0"  # type: ignore[union-attr]


def test_look_alike_choices_are_warned(run) -> None:
    result = run("validate", f"{HERE}/lookalike-choices.yaml")
    assert result.exit_code == 0
    assert (
        f"{HERE}/lookalike-choices.yaml:6:22: warning: 'Раris' looks like 'Paris' (item 1) "
        "but is written with other characters [cyrillic-a]\n"
    ) in result.stderr


def test_control_characters_in_seeds_yaml_are_refused(run) -> None:
    folder = f"{HERE}/seeds-control-character"
    result = run("validate", "--seeds", folder, f"{HERE}/merge-list.yaml")
    assert result.exit_code == 1
    assert errors(result.stderr) == [
        f"{folder}/seeds.yaml:5:5: 'title' 'Anarchism, Marxism\\x1b[2J and Victor Serge' is not "
        "allowed: it holds a control character (from a copy and paste?); remove it",
        f"{folder}/seeds.yaml:6:5: 'author' 'Staughton Lynd\\u202e' is not allowed: it holds a "
        "control character (from a copy and paste?); remove it",
    ]


def test_a_missing_quote_of_160_kb_is_reported_with_a_short_passage(run, tmp_path) -> None:
    words = ["Serge", "Brussels", "Moscow", "prison", "anarchist", "Trotsky", "novel", "exile"]
    quote = " ".join(words[(i * 7) % 8] for i in range(20_000))[:160_000]
    bank = tmp_path / "long-quote.yaml"
    bank.write_text(
        "title: t\nsource: lynd\nquestions:\n  - id: long\n    type: truefalse\n"
        f"    prompt: p\n    answer: true\n    source:\n      quote: '{quote}'\n"
    )
    result = run("validate", str(bank))
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{bank}:9:7: quote not found in essay 'lynd'; closest passage")
    assert len(line) < 400


def test_bank_files_in_upper_case_broken_links_and_pipes_are_never_skipped(run, tmp_path) -> None:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "LOUD.YAML").write_text((ROOT / HERE / "merge-list.yaml").read_text())
    (folder / "dangling.yaml").symlink_to("nowhere.yaml")
    (folder / "loop.yml").symlink_to("loop.yml")
    os.mkfifo(folder / "pipe.yaml")
    result = run("validate", str(folder))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{folder}/LOUD.YAML:3:1: the file name 'LOUD' is not a bank id (lowercase letters, "
        "digits and hyphens): rename the file or add bank: loud",
        f"{folder}/dangling.yaml: cannot read file: it is a broken symbolic link",
        f"{folder}/loop.yml: cannot read file: it is a symbolic link loop",
        f"{folder}/pipe.yaml: cannot read file: not a regular file (a pipe, device or folder)",
    ]


def test_an_essay_that_is_a_named_pipe_is_refused_not_waited_for(run, tmp_path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "seeds.yaml").write_text(
        "seeds:\n  - id: lynd\n    file: lynd.txt\n    title: t\n    author: a\n    published: p\n"
    )
    os.mkfifo(seeds / "lynd.txt")
    result = run("validate", "--seeds", str(seeds), f"{HERE}/merge-list.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{seeds}/seeds.yaml:3:5: cannot read essay {seeds}/lynd.txt: cannot read file: "
        "not a regular file (a pipe, device or folder)"
    )


def test_a_file_name_with_a_new_line_and_an_escape_is_one_line(run, tmp_path) -> None:
    bank = tmp_path / "evil\x1b[31m\nname.yaml"
    bank.write_text("title: t\nquestions: []\n")
    result = run("validate", str(bank))
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path}/evil\\x1b[31m\\nname.yaml:2:1: the bank has no questions\n"


def test_warnings_of_one_kind_are_capped_per_file(run, tmp_path) -> None:
    bank = tmp_path / "unsourced.yaml"
    bank.write_text(
        "title: t\nquestions:\n"
        + "".join(
            f"  - id: q{i}\n    type: truefalse\n    prompt: p\n    answer: true\n"
            for i in range(1, 1001)
        )
    )
    result = run("validate", str(bank))
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 6
    assert lines[-1] == (
        f"{bank}: warning: 995 more warning(s) like 'question has no source' not shown"
    )


def test_validate_into_a_full_device_is_exit_1_with_a_message(in_repo) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "quizgen", "validate"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr == "cannot write the output: No space left on device\n"


@pytest.mark.parametrize(
    ("epoch", "message"),
    [
        ("4354819199", "SOURCE_DATE_EPOCH: 4354819199 is out of range"),
        ("9300000000000000", "SOURCE_DATE_EPOCH: not a whole number of seconds"),
        ("-1", "SOURCE_DATE_EPOCH: -1 is out of range"),
    ],
)
def test_source_date_epoch_out_of_range_is_a_setting_error(
    run, tmp_path, monkeypatch, epoch: str, message: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = run("anki", f"{HERE}/merge-list.yaml", "-o", str(tmp_path / "d.apkg"))
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1


def test_every_reliability_promise_names_tests_that_exist() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Reliability promises", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`(test_\w+)`", section))
    defined = {
        m
        for path in (ROOT / "tests").glob("test_*.py")
        for m in re.findall(r"^def (test_\w+)", path.read_text("utf-8"), re.MULTILINE)
    }
    assert named and named <= defined, named - defined
