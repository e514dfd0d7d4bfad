"""The floor quizgen's deck build is measured against: the least a script must do.

Parse the same YAML with PyYAML's C loader and write one genanki note per question
(prompt, answer, explanation, source) into one deck, with no validation at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

import genanki
import yaml


def main(folder: Path, out: Path) -> None:
    model = genanki.Model(
        1607392319,
        "Floor",
        fields=[{"name": n} for n in ("Prompt", "Answer", "Explanation", "Source")],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Prompt}}",
                "afmt": "{{FrontSide}}<hr>{{Answer}}<br>{{Explanation}}<br>{{Source}}",
            }
        ],
    )
    deck = genanki.Deck(2059400110, "Floor")
    for path in sorted(folder.glob("*.yaml")):
        bank = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
        for q in bank["questions"]:
            prompt = q.get("prompt") or q.get("text", "")
            answer = q.get("answer", "")
            deck.add_note(
                genanki.Note(
                    model=model,
                    guid=genanki.guid_for(q["id"]),
                    fields=[
                        str(prompt),
                        str(answer),
                        q.get("explanation", ""),
                        q["source"]["quote"],
                    ],
                    tags=q.get("tags", []),
                )
            )
    genanki.Package(deck).write_to_file(str(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
