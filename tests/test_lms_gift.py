"""GIFT, parsed back by gift-pegjs (npm), checked question by question against the bank.

``.ci/run`` installs gift-pegjs into .ci/node; without it (or without node) the tests
skip, and fail under CI=true.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import in_ci
from lms_helpers import GRADES, ROOT, assert_feedback, catalog, export

from quizgen.export.choices import stable_order
from quizgen.export.gift.write import escape
from quizgen.model import (
    Cloze,
    Essay,
    Matching,
    MultipleAnswer,
    MultipleChoice,
    Ordering,
    ShortAnswer,
    TrueFalse,
)

NODE_MODULES = ROOT / ".ci" / "node" / "node_modules"


def parse(*files):
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "gift-pegjs").is_dir():
        message = "needs node and gift-pegjs (npm install --prefix .ci/node gift-pegjs)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    script = ROOT / "tests" / "gift_parse.js"
    done = subprocess.run(
        [node, str(script), str(NODE_MODULES), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module", params=["fixture", "bundled"])
def parsed(request, tmp_path_factory):
    out = tmp_path_factory.mktemp("gift") / "quiz.gift.txt"
    written = export("gift", request.param, out)
    return request.param, parse(out)[0], written


def test_every_question_that_fits_is_parsed_as_the_bank_has_it(parsed):
    project, items, _ = parsed
    cat = catalog(project)
    questions = [i for i in items if i["type"] != "Category"]
    expected = [q for q in cat.questions if not _misfit(q)]
    assert [i["id"] for i in questions] == [q.id for q in expected]
    for item, q in zip(questions, expected, strict=True):
        assert item["title"] == q.id
        assert item["stem"]["format"] == "plain"
        _check(item, q)
        assert_feedback(cat, q, item["globalFeedback"]["text"])
        bank_tags = cat.bank(q.bank).tags
        assert item["tags"] == list(
            dict.fromkeys([*q.tags, *bank_tags, f"difficulty::{q.difficulty}"])
        )


def _misfit(q):
    return isinstance(q, Ordering) or (isinstance(q, Cloze) and len(q.deletions) > 1)


def _choices(item):
    return [(c["text"]["text"], c["isCorrect"], c["weight"]) for c in item["choices"]]


def _check(item, q):
    match q:
        case MultipleChoice():
            assert item["type"] == "MC"
            order = stable_order(q.id, len(q.choices))
            assert _choices(item) == [(q.choices[n], q.choices[n] == q.answer, None) for n in order]
            assert item["stem"]["text"] == q.prompt
        case MultipleAnswer():
            assert item["type"] == "MC"
            order = stable_order(q.id, len(q.choices))
            choices = _choices(item)
            assert [t for t, _, _ in choices] == [q.choices[n] for n in order]
            right = len(q.answers)
            wrong = len(q.choices) - right
            for text, _, weight in choices:
                expected = 100 / right if text in q.answers else -100 / wrong
                assert weight == pytest.approx(expected, abs=1e-4)
                assert round(weight, 5) in GRADES  # Moodle refuses other weights
        case TrueFalse():
            assert item["type"] == "TF" and item["isTrue"] is q.answer
        case ShortAnswer():
            assert item["type"] == "Short"
            assert [c["text"]["text"] for c in item["choices"]] == [q.answer, *q.accept]
            assert all(c["isCorrect"] for c in item["choices"])
        case Cloze():
            assert item["type"] == "Short" and item["hasEmbeddedAnswers"] is True
            assert [c["text"]["text"] for c in item["choices"]] == [q.deletions[0].answer]
        case Matching():
            assert item["type"] == "Matching"
            pairs = [(p["subquestion"]["text"], p["subanswer"]) for p in item["matchPairs"]]
            assert sorted(pairs) == sorted((p.left, p.right) for p in q.pairs)
        case Essay():
            assert item["type"] == "Essay"
        case Ordering():
            raise AssertionError("ordering is not written to GIFT")
        case _:
            raise AssertionError(q)


def test_one_category_per_bank(parsed):
    project, items, _ = parsed
    cat = catalog(project)
    titles = [i["title"] for i in items if i["type"] == "Category"]
    used = {q.bank for q in cat.questions if not _misfit(q)}
    assert titles == [
        f"$course$/Victor Serge/{b.title.replace('/', '//')}" for b in cat.banks if b.id in used
    ]


def test_one_warning_names_what_gift_cannot_hold(parsed):
    project, _, written = parsed
    misfits = [q for q in catalog(project).questions if _misfit(q)]
    assert len(written.warnings) == 1
    warning = written.warnings[0]
    assert warning.startswith(f"{len(misfits)} questions left out, as GIFT cannot hold them: ")
    assert warning.endswith("; use Moodle XML (quizgen moodle)")
    for q in misfits:
        assert q.id in warning


def test_special_characters_escaped(tmp_path):
    assert escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"
    out = tmp_path / "q.gift.txt"
    export("gift", "fixture", out)
    text = out.read_text()
    assert (
        "::lms-mcq::[plain]According to Lynd, in which city was Victor Serge born? (GIFT\\: "
        in text
    )
    assert "\\~ \\= \\# \\{ \\} \\\\ escapes)" in text
    [items] = parse(out)
    mcq = next(i for i in items if i.get("id") == "lms-mcq")
    assert mcq["stem"]["text"].endswith("(GIFT: ~ = # { } \\ escapes)")
    cloze = next(i for i in items if i.get("id") == "lms-cloze-one")
    assert cloze["stem"]["text"] == "Serge wrote primarily in _____ [a language]: not {in} Russian."
