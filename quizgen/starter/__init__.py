"""``quizgen init``: a new project that builds at once.

Writes the project file (with a namespace of its own), an example bank showing
every question type, a short sample text with its ``seeds.yaml``, a ``.gitignore``
for the build folder, and the JSON Schemas in ``.schema/`` so that an editor with
the YAML language server checks the files in the new folder too. A file that is
already there is never overwritten.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import OutputError
from ..export.output import write_atomic
from ..project import BUNDLED_NAMESPACE, PROJECT_FILE, folder_name, new_namespace

# Starter file (in files/) -> where it goes in the new project.
_FILES = {
    "quizgen.yaml": PROJECT_FILE,
    "gitignore": ".gitignore",
    "questions/example.yaml": "questions/example.yaml",
    "seeds/seeds.yaml": "seeds/seeds.yaml",
    "seeds/lamp.txt": "seeds/lamp.txt",
}
SCHEMAS = ("bank", "seeds", "project")
SCHEMA_FOLDER = ".schema"


@dataclass(frozen=True)
class Started:
    name: str
    written: tuple[Path, ...]
    kept: tuple[Path, ...]  # already there, left as they were
    # The namespace decks built here before had, kept so students keep their notes.
    kept_namespace: bool = False


def start_project(folder: Path, name: str | None = None, title: str | None = None) -> Started:
    """Write a new project into ``folder`` (made if missing); raise OutputError if
    ``folder`` already holds a project file."""
    if (folder / PROJECT_FILE).exists():
        raise OutputError(f"{folder / PROJECT_FILE} already exists: this folder is a project")
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot start a project in {folder}: it is a file, not a folder")
    name = name or folder_name(folder)
    # Decks built here before project files (their change times are in the history)
    # have notes in students' collections under the old namespace: keep it.
    built_before = (folder / "questions" / "anki-history.json").is_file()
    namespace = BUNDLED_NAMESPACE if built_before else new_namespace(name)
    title = title or re.sub(r"[-_.]+", " ", name).strip().capitalize() or name
    starter = resources.files("quizgen").joinpath("starter", "files")
    plan: dict[Path, str] = {}
    for source, target in _FILES.items():
        text = starter.joinpath(source).read_text("utf-8")
        if source == "quizgen.yaml":
            text = (
                text.replace("@NAME@", name)
                .replace("@TITLE@", json.dumps(title, ensure_ascii=False))
                .replace("@NAMESPACE@", namespace)
            )
        plan[folder / target] = text
    schemas = resources.files("quizgen").joinpath("schema")
    for schema in SCHEMAS:
        file = f"{schema}.schema.json"
        plan[folder / SCHEMA_FOLDER / file] = schemas.joinpath(file).read_text("utf-8")
    # The example bank and sample text only in a new folder of banks or of seeds.
    has_banks = any((folder / "questions").glob("*.y*ml"))
    has_seeds = (folder / "seeds" / "seeds.yaml").exists()
    written, kept = [], []
    for path, text in plan.items():
        skip = (has_banks and path.parent.name == "questions") or (
            has_seeds and path.parent.name == "seeds"
        )
        if path.exists() or skip:
            kept.append(path)
            continue
        write_atomic(path, text)
        written.append(path)
    return Started(name, tuple(written), tuple(kept), built_before)
