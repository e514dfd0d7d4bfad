"""Compiled templates kept between runs (quizgen/templating.py) never serve a stale page,
and a cache that cannot be written never stops a build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

ROOT = Path(__file__).resolve().parent.parent
GOOD = "tests/fixtures/good/every-type.yaml"
Run = Callable[..., Result]


def _sheet(run: Run, out: Path, *extra: str) -> str:
    result = run("worksheet", GOOD, *extra, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return (out / "sheet-A.html").read_text("utf-8")


def test_an_edited_template_is_compiled_afresh(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("QUIZGEN_CACHE_DIR", str(cache))
    folder = tmp_path / "mine"
    folder.mkdir()
    bundled = (ROOT / "templates/worksheet/sheet.html.j2").read_text("utf-8")
    (folder / "sheet.html.j2").write_text(bundled, "utf-8")
    first = _sheet(run, tmp_path / "a", "--templates", str(folder))
    assert list(cache.glob("jinja/*/*.cache")), "the compiled templates were kept"
    (folder / "sheet.html.j2").write_text(
        bundled.replace('<ol class="questions"', '<p>EDITED</p><ol class="questions"', 1)
    )
    second = _sheet(run, tmp_path / "b", "--templates", str(folder))
    assert "EDITED" not in first
    assert "<p>EDITED</p>" in second


def test_pages_from_the_cache_are_the_pages_compiled_afresh(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZGEN_CACHE_DIR", "")
    fresh = _sheet(run, tmp_path / "fresh")
    monkeypatch.setenv("QUIZGEN_CACHE_DIR", str(tmp_path / "cache"))
    _sheet(run, tmp_path / "filling")
    cached = _sheet(run, tmp_path / "cached")
    assert cached == fresh


def test_a_cache_that_cannot_be_made_is_skipped(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("QUIZGEN_CACHE_DIR", str(blocker))
    assert "<main" in _sheet(run, tmp_path / "out")


def test_an_empty_cache_setting_turns_the_cache_off(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZGEN_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _sheet(run, tmp_path / "out")
    assert not (tmp_path / "xdg").exists()
