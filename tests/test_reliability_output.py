"""Outputs are all or nothing: a failed, killed or starved run leaves the earlier
files as they were; links are written through, devices and pipes refused, modes
kept, and the temporary files of a killed run cleaned by the next one."""

from __future__ import annotations

import os
import re
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from ankicol import EVERY_TYPE, SEEDS, copy_banks
from click.testing import CliRunner, Result

from quizgen.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"Check code ([0-9A-Z]{4})|check code ([0-9A-Z]{4})")


def run(*args: str) -> Result:
    return CliRunner().invoke(
        cli, [*args], catch_exceptions=False, env={"SOURCE_DATE_EPOCH": "1700000000"}
    )


@pytest.fixture
def banks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_banks(tmp_path / "banks", EVERY_TYPE)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".tmp-")
    }


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".tmp-*"))


def test_a_symlinked_output_and_history_are_written_through(banks: Path) -> None:
    real = Path("real")
    real.mkdir()
    first = run("anki", "banks", "--seeds", str(SEEDS), "-o", "x.apkg", "--history", "real/h.json")
    assert first.exit_code == 0
    Path("deck.apkg").symlink_to(real / "deck.apkg")  # a link to a file still to be made
    Path("history.json").symlink_to(real / "h.json")
    (banks / "every-type.yaml").write_text(
        (banks / "every-type.yaml")
        .read_text("utf-8")
        .replace("grew up among exiles", "grew up among the exiles"),
        "utf-8",
    )
    result = run(
        "anki", "banks", "--seeds", str(SEEDS), "-o", "deck.apkg", "--history", "history.json"
    )
    assert result.exit_code == 0, result.output
    assert Path("deck.apkg").is_symlink() and Path("history.json").is_symlink()
    assert (real / "deck.apkg").stat().st_size > 0
    assert result.stdout.splitlines()[1] == "recorded the change times in history.json"
    assert '"sample-mcq"' in (real / "h.json").read_text("utf-8")


def test_a_device_or_pipe_in_the_way_is_refused_and_left_alone(banks: Path) -> None:
    node = Path("node.apkg")
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # what /dev/full is
    except PermissionError:
        os.mkfifo(node)
    kind = stat.S_IFMT(node.stat().st_mode)
    result = run("anki", "banks", "--seeds", str(SEEDS), "-o", str(node))
    assert result.exit_code == 1
    assert result.stderr == (
        "cannot write node.apkg: it is not a regular file (a folder, device or pipe); "
        "quizgen replaces only files: choose another path\n"
    )
    assert stat.S_IFMT(node.stat().st_mode) == kind
    assert temporaries(Path(".")) == []


def test_file_modes_are_kept(banks: Path) -> None:
    assert run("anki", "banks", "--seeds", str(SEEDS), "-o", "deck.apkg").exit_code == 0
    os.chmod("deck.apkg", 0o600)
    os.chmod(banks / "anki-history.json", 0o640)
    (banks / "every-type.yaml").write_text(
        (banks / "every-type.yaml")
        .read_text("utf-8")
        .replace("grew up among exiles", "grew up among the exiles"),
        "utf-8",
    )
    assert run("anki", "banks", "--seeds", str(SEEDS), "-o", "deck.apkg").exit_code == 0
    assert stat.S_IMODE(os.stat("deck.apkg").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(banks / "anki-history.json").st_mode) == 0o640


def test_temporary_files_of_a_killed_run_are_cleaned(banks: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = Path(f".tmp-{dead.pid}-0badf00d-deck.apkg")
    stale.write_bytes(b"half a deck")
    assert run("anki", "banks", "--seeds", str(SEEDS), "-o", "deck.apkg").exit_code == 0
    assert not stale.exists()


def test_build_writes_nothing_unless_every_step_succeeds(banks: Path) -> None:
    assert run("build", "banks", "--seeds", str(SEEDS), "-o", "out").exit_code == 0
    (Path("out") / "serge.apkg").unlink()
    (Path("out") / "serge.apkg").mkdir()  # the deck step will fail
    before = snapshot(Path("out"))
    text = (banks / "every-type.yaml").read_text("utf-8")
    (banks / "every-type.yaml").write_text(
        text.replace("grew up among exiles", "grew up among the exiles"), "utf-8"
    )
    history = (banks / "anki-history.json").read_bytes()
    result = run("build", "banks", "--seeds", str(SEEDS), "-o", "out")
    assert result.exit_code == 1
    assert result.stderr.startswith("cannot write out/serge.apkg: it is not a regular file")
    assert snapshot(Path("out")) == before  # the worksheets were not rewritten
    assert (banks / "anki-history.json").read_bytes() == history
    assert temporaries(Path(".")) == []


def quizgen_killed_at(
    number: int, *args: str, fsize: int | None = None, call: str = "replace"
) -> subprocess.CompletedProcess[str]:
    """Run quizgen in a child that SIGKILLs itself at its Nth ``os.<call>`` (0: never):
    ``fsync`` is the end of a file's writing, ``replace`` a file moving into place.
    ``fsize`` limits the size of a file, as a disk that is full after that many bytes."""
    script = (
        "import os, signal, sys\n"
        f"real, count = os.{call}, [0]\n"
        "def patched(*a):\n"
        "    count[0] += 1\n"
        f"    if count[0] == {number}:\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return real(*a)\n"
        f"os.{call} = patched\n"
        "from quizgen.cli import main\n"
        "sys.argv = ['quizgen', *sys.argv[1:]]\n"
        "main()\n"
    )

    def limit() -> None:
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails (EFBIG) instead
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )


def codes(folder: Path) -> dict[str, set[str]]:
    """Version letter -> the check codes its sheet and keys show."""
    found: dict[str, set[str]] = {}
    for page in folder.glob("*.html"):
        letter = page.stem.rsplit("-", 1)[1]
        text = page.read_text("utf-8")
        shown = {a or b for a, b in CODE.findall(text)}
        if page.name.startswith("sheet"):
            shown = set(re.findall(r"Version [A-Z] · ([0-9A-Z]{4})", text))
        found.setdefault(letter, set()).update(shown)
    return found


WORKSHEET = ("worksheet", "--versions", "2", "-o", "ws")


@pytest.mark.parametrize("kill_at", [1, 3, 6])
def test_a_run_killed_between_writes_leaves_the_earlier_set(banks, kill_at: int) -> None:
    first = run(*WORKSHEET[:1], "banks", "--seeds", str(SEEDS), *WORKSHEET[1:])
    assert first.exit_code == 0, first.output
    before = snapshot(Path("ws"))
    killed = quizgen_killed_at(
        kill_at, *WORKSHEET, "banks", "--seeds", str(SEEDS), "--seed", "7", call="fsync"
    )
    assert killed.returncode == -signal.SIGKILL
    assert snapshot(Path("ws")) == before
    assert temporaries(Path("ws"))  # what the killed run left ...
    again = run(*WORKSHEET[:1], "banks", "--seeds", str(SEEDS), *WORKSHEET[1:], "--seed", "7")
    assert again.exit_code == 0
    assert temporaries(Path("ws")) == []  # ... the next run cleans


@pytest.mark.parametrize("kill_at", [1, 2, 3, 4, 5, 6])
def test_a_run_killed_while_moving_files_in_never_mixes_two_sets(banks, kill_at: int) -> None:
    assert run(*WORKSHEET[:1], "banks", "--seeds", str(SEEDS), *WORKSHEET[1:]).exit_code == 0
    killed = quizgen_killed_at(kill_at, *WORKSHEET, "banks", "--seeds", str(SEEDS), "--seed", "7")
    assert killed.returncode == -signal.SIGKILL
    for letter, shown in codes(Path("ws")).items():
        assert len(shown) == 1, (letter, shown)  # a sheet and its keys agree


def test_a_full_disk_fails_the_build_and_leaves_the_earlier_one(banks) -> None:
    assert run("build", "banks", "--seeds", str(SEEDS), "-o", "out").exit_code == 0
    before = snapshot(Path("out"))
    history = (banks / "anki-history.json").read_bytes()
    text = (banks / "every-type.yaml").read_text("utf-8")
    (banks / "every-type.yaml").write_text(
        text.replace("grew up among exiles", "grew up among the exiles"), "utf-8"
    )
    starved = quizgen_killed_at(
        0, "build", "banks", "--seeds", str(SEEDS), "-o", "out", fsize=20_000
    )
    assert starved.returncode == 1, starved.stderr
    assert re.fullmatch(r"cannot write out/\S+: [^\n]+\n", starved.stderr)
    assert "Traceback" not in starved.stderr
    assert snapshot(Path("out")) == before
    assert (banks / "anki-history.json").read_bytes() == history
    assert temporaries(Path(".")) == []
