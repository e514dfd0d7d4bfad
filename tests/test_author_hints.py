"""Messages that name the author's actual mistake, in plain words."""

from __future__ import annotations

import re
from pathlib import Path

INDENTATION = (
    "; this is usually indentation: the items of a list start with '- ' in the same column, "
    "and the keys of one question line up under its first key"
)


def bank(tmp_path: Path, text: str) -> str:
    path = tmp_path / "bank.yaml"
    path.write_text(text, "utf-8")
    return str(path)


def test_an_indentation_error_says_so_in_plain_words(run, tmp_path) -> None:
    path = bank(
        tmp_path, "title: t\nquestions:\n  - id: a\n    type: short\n    prompt: p\n   answer: x\n"
    )
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:6:4: YAML syntax error: did not find expected '-' indicator while parsing a "
        f"block collection (started at line 3, column 3){INDENTATION}\n"
    )


def test_cloze_messages_name_the_broken_braces(run, tmp_path) -> None:
    path = bank(
        tmp_path,
        "title: t\nquestions:\n"
        '  - {id: one-brace, type: cloze, text: "It {{c1::condenses} and {{c2::rains}}."}\n'
        '  - {id: single, type: cloze, text: "It {c1::condenses}."}\n'
        '  - {id: extra, type: cloze, text: "It {{c1::condenses}}}}."}\n',
    )
    result = run("validate", path)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "warning" not in line]
    assert errors == [
        f"{path}:3:34: cloze deletion '{{{{c1::condenses}}' ends with one closing brace: "
        "write {{c1::condenses}} [one-brace]",
        f"{path}:4:31: cloze deletion '{{c1::condenses}}' has single braces: "
        "write {{c1::condenses}} [single]",
        f"{path}:5:30: unbalanced braces in the cloze text near '}}}}.': "
        "write {{c1::answer}} or {{c1::answer::hint}} [extra]",
    ]


def test_a_bare_yes_as_a_short_answer_says_to_quote_it(run, tmp_path) -> None:
    path = bank(
        tmp_path, "title: t\nquestions:\n  - {id: q, type: short, prompt: p, answer: yes}\n"
    )
    result = run("validate", path)
    assert result.stderr.splitlines()[0] == (
        f"{path}:3:37: 'answer' must be text, not true (true/false); YAML reads a bare yes, no, "
        'on, off, true or false as true/false: put the text in quotes (answer: "yes") [q]'
    )


def test_a_wrong_bank_source_is_reported_once_with_a_guess(run, tmp_path) -> None:
    questions = "".join(
        f"  - {{id: q{i}, type: short, prompt: p, answer: a, "
        "source: {quote: four words are here}}\n"
        for i in range(11)
    )
    path = bank(tmp_path, f"title: t\nsource: lind\nquestions:\n{questions}")
    result = run("validate", path)
    assert (result.exit_code, result.stderr) == (
        1,
        f"{path}:2:1: unknown essay 'lind' (did you mean 'lynd'? known essays: greene, lynd)\n",
    )


def test_choice_values_are_case_insensitive(run, tmp_path) -> None:
    listed = run("list", "--type", "MCQ", "--difficulty", "Easy", "--bank", "serge-life")
    assert listed.exit_code == 0 and listed.stdout
    sheet = run("worksheet", "--paper", "A4", "--count", "2", "-o", str(tmp_path))
    assert sheet.exit_code == 0


def test_an_unknown_tag_says_how_to_list_the_tags(run) -> None:
    result = run("list", "--tag", "nosuch")
    assert result.exit_code == 1
    assert re.fullmatch(
        r"unknown tag 'nosuch'; tags: \d+ known \(run `quizgen stats` to list the tags\)\n",
        result.stderr,
    )
