"""Every kind of bad input gets exact path:line:column messages and exit 1, no traceback."""

from __future__ import annotations

import re

import pytest

BAD = "tests/fixtures/bad"

EXPECTED = {
    "yaml-syntax-error.yaml": [
        "7:1: YAML syntax error: found unexpected end of stream while scanning a quoted scalar"
        " (started at line 5, column 13)",
    ],
    "tab-indentation.yaml": [
        "4:1: YAML syntax error: found a tab character that violates indentation while scanning "
        "a plain scalar (started at line 3, column 9); YAML indents with spaces, not tabs",
    ],
    "cloze-unquoted-braces.yaml": [
        "5:21: YAML syntax error: did not find expected key while parsing a block mapping "
        "(started at line 3, column 5); text that starts with {{ (a cloze) must be in quotes",
    ],
    "control-character-and-odd-items.yaml": [
        "5:5: 'prompt' 'Where was Serge\\x1f born?' is not allowed: it holds a control character "
        "(from a copy and paste?); remove it [pasted]",
        "7:5: questions[2] must be a mapping, not the number 42",
        "9:5: 'type' must be one of mcq, multi, truefalse, short, cloze, match, order, essay, "
        "not ['mcq'] (did you mean 'mcq'?) [listed-type]",
    ],
    "unknown-keys-hide-nothing.yaml": [
        "2:1: unknown key 'bogus'",
        "9:5: answer 'z' is not one of the choices [a]",
        "10:5: unknown key 'explanaton' for an mcq question (did you mean 'explanation'?) [a]",
        "11:14: quote not found in essay 'lynd'; closest passage (paragraph 8): "
        "'Victor Serge was born in Brussels in 1890.' [a]",
    ],
    "top-level-not-mapping.yaml": ["1:1: the top level must be a mapping, not a list"],
    "unknown-key.yaml": [
        "3:5: missing required field 'prompt' [typo-prompt]",
        "5:5: unknown key 'promt' for a short question (did you mean 'prompt'?) [typo-prompt]",
    ],
    "missing-required-field.yaml": ["3:5: missing required field 'answer' [no-answer]"],
    "wrong-type.yaml": [
        "6:5: 'answer' must be true or false, not text 'yes please' [wrong-types]",
        "7:5: 'points' must be a whole number, not text 'many' [wrong-types]",
    ],
    "duplicate-id.yaml": [
        f"7:5: duplicate id 'same-id' (first at {BAD}/duplicate-id.yaml:3:5) [same-id]",
    ],
    "duplicate-id-of-broken-question.yaml": [
        "7:5: 'difficulty' must be one of easy, medium, hard, not 'hardest' "
        "(did you mean 'hard'?) [twice]",
        f"8:5: duplicate id 'twice' (first at {BAD}/duplicate-id-of-broken-question.yaml:3:5) "
        "[twice]",
    ],
    "duplicate-yaml-key.yaml": ["7:5: duplicate key 'answer' (first at line 6) [twice]"],
    "answer-not-in-choices.yaml": [
        "7:5: answer 'brussels' is not one of the choices (did you mean 'Brussels'?) [bad-answer]",
        "12:30: answer 'Lucy Parsons' is not one of the choices [bad-multi]",
        "17:5: answer 'B' is not one of the choices (write the choice itself, not its letter: "
        "'Brussels'?) [letter-answer]",
    ],
    "duplicate-choices.yaml": [
        "6:32: duplicate item 'Brussels' in 'choices' (same as item 1) [dup-choices]",
    ],
    "cloze-without-deletions.yaml": [
        "5:5: cloze text has no deletions: mark the hidden term as {{c1::term}} [no-deletions]",
    ],
    "cloze-malformed.yaml": [
        "5:5: cloze deletion '{{c1:French}}' needs two colons: write {{c1::French}} [bad-cloze]",
        "8:5: cloze deletion c1 is empty [empty-deletion]",
        "11:5: cloze numbers start at c1, not c0 [zero-deletion]",
    ],
    "quote-not-found.yaml": [
        "9:7: quote not found in essay 'lynd'; closest passage (paragraph 8): "
        "'Victor Serge was born in Brussels in 1890. His given' [misquoted]",
    ],
    "unknown-seed.yaml": [
        "8:7: unknown essay 'lind' (did you mean 'lynd'? known essays: greene, lynd) [wrong-seed]"
    ],
    "source-without-seed.yaml": [
        "7:5: source has no seed and the bank sets no default source [no-seed]",
    ],
    "empty-bank.yaml": ["2:1: the bank has no questions"],
    "not-utf8.yaml": ["1:11: file is not UTF-8 (byte 0xe9); save it as UTF-8"],
    "unsafe-tag.yaml": [
        "1:1: 'title' must be text, not a list",
        "1:8: unsupported YAML tag '!!python/object/apply:os.system': "
        "banks hold only text, numbers, lists and mappings",
    ],
    "alias-bomb.yaml": ["1:4: too many alias expansions (an alias bomb?); refused"],
    "unknown-type.yaml": [
        "4:5: 'type' must be one of mcq, multi, truefalse, short, cloze, match, order, essay, "
        "not 'fillin' [fill-in]",
    ],
    "match-duplicate-sides.yaml": [
        "8:10: duplicate left side 'Lenin' in pairs (same as pair 1) [repeated-left]",
    ],
    "rubric-points-disagree.yaml": [
        "7:5: the essay is worth 5 point(s) but its rubric's points add up to 6 (2 + 4): "
        "make them agree, or leave points out to use the sum [sum-wrong]",
        "17:9: rubric item 2 has no points while other items have: give every item points "
        "(criterion, points, levels), or none [half-weighted]",
    ],
    "rubric-item-malformed.yaml": [
        "5:5: 'level' must be one of recall, comprehension, analysis, not 'synthesis' [bad-items]",
        "9:9: rubric[1] must be text or a mapping, not a list [bad-items]",
        "10:44: 'points' must be at least 1, not 0 [bad-items]",
        "11:9: missing required field 'criterion' [bad-items]",
        "11:10: unknown key 'critrion' (did you mean 'criterion'?) [bad-items]",
        "14:9: missing required field 'none' [bad-items]",
    ],
    "many-problems.yaml": [
        "3:5: 'id' 'Bad_Id' is not allowed: an id uses only lowercase letters, digits and "
        "hyphens, starting with a letter or digit [Bad_Id]",
        "7:5: missing required field 'prompt' [no-prompt]",
        "9:5: 'choices' needs at least 2 item(s), has 1 [no-prompt]",
        "11:5: 'difficulty' must be one of easy, medium, hard, not 'hardest' "
        "(did you mean 'hard'?) [no-prompt]",
        "16:12: tags[1] 'two words' is not allowed: a tag may not contain spaces or "
        "control characters (use - or ::) [fine]",
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_bank_is_reported_exactly(run, name: str) -> None:
    result = run("validate", f"{BAD}/{name}")
    assert result.exit_code == 1
    assert result.stdout == ""
    expected = [f"{BAD}/{name}:{line}" for line in EXPECTED[name]]
    # Warnings (most fixtures have no sources) are reported too; the errors are the point.
    errors = [line for line in result.stderr.splitlines() if ": warning: " not in line]
    assert errors == expected
    assert "Traceback" not in result.output


def test_every_bad_fixture_has_an_expectation(in_repo) -> None:
    files = {p.name for p in (in_repo / BAD).glob("*.yaml")}
    assert files == set(EXPECTED)


def test_duplicate_id_across_files(run) -> None:
    folder = f"{BAD}/duplicate-id-across-files"
    result = run("validate", folder)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": warning: " not in line]
    assert errors == [
        f"{folder}/second.yaml:3:5: duplicate id 'shared-id' "
        f"(first at {folder}/first.yaml:3:5) [shared-id]"
    ]


def test_all_problems_of_all_files_in_one_run(run) -> None:
    names = ["unknown-key.yaml", "wrong-type.yaml", "quote-not-found.yaml"]
    result = run("validate", *(f"{BAD}/{n}" for n in names))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": warning: " not in line]
    assert len(errors) == sum(len(EXPECTED[n]) for n in names)


def test_missing_path(run) -> None:
    result = run("validate", "no/such/bank.yaml")
    assert result.exit_code == 1
    assert result.stderr == "no/such/bank.yaml: no such file or folder\n"


def test_oversized_file_is_refused_unread(run, tmp_path) -> None:
    from quizgen.yamlfile import MAX_FILE_BYTES

    big = tmp_path / "huge.yaml"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is really written
    result = run("validate", str(big))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{big}: file is {MAX_FILE_BYTES + 1:,} bytes; the limit is {MAX_FILE_BYTES:,} "
        "(split the bank)\n"
    )


@pytest.mark.parametrize(
    "nesting",
    ["[" * 30000 + "]" * 30000, "\n  " + "- " * 30000 + "x", "[" * 70 + "]" * 70],
    ids=["flow", "block", "just-over-the-limit"],
)
def test_deep_nesting_is_refused_not_a_crash(run, tmp_path, nesting: str) -> None:
    # 30,000 levels once overflowed the C parser's stack (a segfault). What quizgen
    # owns is the outcome: exit 1 and one positioned line, whoever noticed first.
    deep = tmp_path / "deep.yaml"
    deep.write_text("title: x\nquestions: " + nesting + "\n")
    result = run("validate", str(deep))
    assert result.exit_code == 1
    assert re.fullmatch(rf"{re.escape(str(deep))}:\d+:\d+: [^\n]*nest[^\n]*\n", result.stderr)


def test_warning_without_source_and_strict(run, tmp_path) -> None:
    bank = tmp_path / "unsourced.yaml"
    bank.write_text(
        "title: t\nquestions:\n  - id: q\n    type: truefalse\n    prompt: p\n    answer: true\n"
    )
    loose = run("validate", str(bank))
    assert loose.exit_code == 0
    assert loose.stderr == f"{bank}:3:5: warning: question has no source [q]\n"
    assert loose.stdout == (
        "OK: 1 questions in 1 bank(s); 0 quotes found in the essays; 1 warning(s)\n"
    )
    strict = run("validate", "--strict", str(bank))
    assert strict.exit_code == 1
    assert strict.stderr == f"{bank}:3:5: question has no source [q]\n"
    required = run("validate", "--require-sources", str(bank))
    assert required.exit_code == 1
    assert required.stderr == f"{bank}:3:5: question has no source [q]\n"


def test_warnings_come_with_the_errors(run, tmp_path) -> None:
    bank = tmp_path / "both.yaml"
    bank.write_text(
        "title: t\nsource: lynd\nquestions:\n"
        '  - {id: a, type: cloze, text: "x {{c2::y}}", source: {quote: "..."}}\n'
        '  - {id: b, type: cloze, text: "x {{c1::y}}", source: {quote: "the"}}\n',
        encoding="utf-8",
    )
    result = run("validate", str(bank))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{bank}:4:26: cloze deletions are numbered from c1, but the first here is c2 [a]",
        f"{bank}:4:56: quote has no words [a]",
        f"{bank}:5:56: warning: quote is too short to show where the answer comes from "
        "(fewer than 4 words) [b]",
    ]


def test_a_missing_essay_list_is_reported_once(run, tmp_path) -> None:
    result = run("validate", "tests/fixtures/good/every-type.yaml", "--seeds", str(tmp_path))
    assert (result.exit_code, result.stderr) == (
        1,
        f"{tmp_path}/seeds.yaml: cannot read file: No such file or directory\n",
    )


def test_a_file_named_twice_is_read_once(run) -> None:
    good = "tests/fixtures/good/every-type.yaml"
    result = run("validate", good, "tests/fixtures/good/../good/every-type.yaml")
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_file_name_that_is_no_bank_id(run, tmp_path) -> None:
    bank = tmp_path / "My Bank.yaml"
    bank.write_text("title: t\nquestions:\n  - {id: q, type: truefalse, prompt: p, answer: true}\n")
    result = run("validate", str(bank))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{bank}:1:1: the file name 'My Bank' is not a bank id (lowercase letters, digits and "
        "hyphens): rename the file or add bank: my-bank"
    )
