"""The export seam: an exporter written against the interface alone gets a whole command."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from quizgen.cli import _Group
from quizgen.cli.export import command_for
from quizgen.export import REGISTRY, ExportOption, Written, exporter
from quizgen.export.output import write_atomic
from quizgen.model import Catalog, Question

GOOD = "tests/fixtures/good/every-type.yaml"


class CsvListExporter:
    """The example of docs/exporters.md: one CSV row per question."""

    name = "csvlist"
    summary = "Write one CSV row per question.\n\n    Example:\n        quizgen csvlist\n"
    default_output = "questions.csv"
    writes_folder = False
    options = (
        ExportOption("delimiter", "The field separator.", default=","),
        ExportOption("upper", "Shout.", kind="flag", default=False),
        ExportOption("width", "Prompt width.", kind="int", default=40, minimum=10, maximum=80),
    )

    def __init__(self) -> None:
        self.calls: list[tuple[int, Mapping[str, Any]]] = []

    def write(
        self, catalog: Catalog, questions: Sequence[Question], out: Path, options: Mapping[str, Any]
    ) -> Written:
        self.calls.append((len(questions), dict(options)))
        text = io.StringIO()
        rows = csv.writer(text, delimiter=options["delimiter"], lineterminator="\n")
        for q in questions:
            stem = q.stem.upper() if options["upper"] else q.stem
            rows.writerow([q.id, q.kind, stem[: options["width"]]])
        write_atomic(out, text.getvalue())
        return Written((out,), (f"wrote {out}: {len(questions)} questions",), ("just so",))


def _cli(chosen: CsvListExporter) -> _Group:
    group = _Group()
    group.add_command(command_for(chosen))
    return group


def test_an_exporter_gets_selection_count_seed_and_its_options(in_repo, tmp_path) -> None:
    chosen = CsvListExporter()
    out = tmp_path / "q.csv"
    args = ["csvlist", GOOD, "--type", "mcq", "--type", "essay", "--upper", "--width", "12"]
    result = CliRunner().invoke(_cli(chosen), [*args, "-o", str(out), "--delimiter", ";"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"wrote {out}: 2 questions\n",
        "warning: just so\n",
    )
    assert out.read_text() == "sample-mcq;mcq;ACCORDING TO\nsample-essay;essay;WHY DOES LYN\n"
    assert chosen.calls == [(2, {"delimiter": ";", "upper": True, "width": 12, "seed": 1})]


def test_an_exporter_never_sees_an_empty_selection(in_repo, tmp_path) -> None:
    chosen = CsvListExporter()
    result = CliRunner().invoke(
        _cli(chosen), ["csvlist", GOOD, "--tag", "sample", "--exclude-tag", "sample"]
    )
    assert (result.exit_code, result.stderr) == (
        1,
        "no questions match the selection, so there is nothing to write\n",
    )
    assert chosen.calls == []


def test_an_exporters_declared_range_is_a_usage_error(in_repo) -> None:
    result = CliRunner().invoke(_cli(CsvListExporter()), ["csvlist", GOOD, "--width", "5"])
    assert result.exit_code == 2
    assert "Invalid value for '--width'" in result.stderr


def test_count_and_seed_sample_reproducibly(in_repo, tmp_path) -> None:
    chosen = CsvListExporter()
    for name in ("a", "b"):
        args = ["csvlist", GOOD, "--count", "3", "--seed", "7", "-o", str(tmp_path / name)]
        assert CliRunner().invoke(_cli(chosen), args).exit_code == 0
    assert (tmp_path / "a").read_text() == (tmp_path / "b").read_text()
    assert len((tmp_path / "a").read_text().splitlines()) == 3


def test_every_registered_exporter_meets_the_interface() -> None:
    for name in REGISTRY:
        found = exporter(name)
        assert found.name == name
        assert "Example:" in found.summary
        assert all(o.name.isidentifier() for o in found.options)
