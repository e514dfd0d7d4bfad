from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(autouse=True, scope="session")
def _template_cache_of_the_session(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled templates go to a folder of this test session, not the user's cache."""
    os.environ["QUIZGEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("quizgen-cache"))


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with the repository as the working folder, so paths print as given."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def run(in_repo: Path):
    """Invoke the CLI in-process; stdout and stderr kept apart."""

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False, env={"COLUMNS": "100"})

    return invoke


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"
