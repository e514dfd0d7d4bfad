"""The installed wheel, not the source tree, runs the main job from an empty folder."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BANKS = ROOT / "questions"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with the wheel installed; its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(work / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next((work / "dist").glob("quizgen-*.whl"))
    # The test environment's packages supply the dependencies without a download: a
    # plain path line (not a site dir, so its own .pth files, such as an editable
    # install of quizgen, are not run) placed after the wheel's own site-packages.
    venv.create(work / "env", with_pip=False)
    bin_dir = work / "env" / "bin"
    site = subprocess.run(
        [bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    deps = sysconfig.get_paths()["purelib"]
    (Path(site) / "zz-test-dependencies.pth").write_text(deps + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(bin_dir / "python"),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
    )
    return bin_dir


def test_wheel_carries_banks_seeds_and_templates(installed: Path) -> None:
    code = (
        "import quizgen, pathlib; p = pathlib.Path(quizgen.__file__).parent; "
        "print(p); print(sorted(x.name for x in (p / '_bundled').iterdir()))"
    )
    # Run outside the repository: "python -c" puts the working folder on sys.path.
    out = subprocess.run(
        [installed / "python", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=installed,
    ).stdout.splitlines()
    assert str(installed.parent) in out[0]
    assert out[1] == "['questions', 'quizgen.yaml', 'seeds', 'templates']"


def test_build_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [installed / "quizgen", "build"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "note: no quizgen.yaml here or in a parent folder, so using the bundled Victor Serge "
        "banks (quizgen init starts a project of your own)\n"
    )
    bundled = sum(path.read_text("utf-8").count("\n  - id: ") for path in BANKS.glob("*.yaml"))
    assert result.stdout.startswith(f"validated {bundled} questions in 8 bank(s)\n")
    for output in ("serge.apkg", "study.html", "worksheets/sheet-A.html"):
        assert (tmp_path / "build" / output).is_file()


def test_init_and_build_a_new_project(installed: Path, tmp_path: Path) -> None:
    started = subprocess.run(
        [installed / "quizgen", "init", "demo"], cwd=tmp_path, capture_output=True, text=True
    )
    assert (started.returncode, started.stderr) == (0, "")
    built = subprocess.run(
        [installed / "quizgen", "build"], cwd=tmp_path / "demo", capture_output=True, text=True
    )
    assert (built.returncode, built.stderr) == (0, "")
    assert (tmp_path / "demo" / "build" / "demo.apkg").is_file()
    assert (tmp_path / "demo" / ".schema" / "bank.schema.json").is_file()
