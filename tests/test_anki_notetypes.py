"""The note types' identity is frozen: students' collections match on it at every import.

If a test here fails because you changed a note type's fields or card templates, do
not edit the table below to match: give the note type a new id (Anki would refuse to
update notes of the old one, listing them as "conflicting"), add the new id with its
fields here, and move the old id to RETIRED_IDS in quizgen/render/anki_notetypes.py.
"""

from __future__ import annotations

import re

from quizgen.export.anki.notetypes import NOTE_TYPES, RETIRED_IDS, render_note_types

_BACK = ["Explanation", "Source", "Question ID"]

# note-type id: (cloze?, [(field, field id)], [(card template, template id)])
FROZEN: dict[int, tuple[bool, list[tuple[str, int]], list[tuple[str, int]]]] = {
    1763769600101: (
        False,
        [
            ("Question", 176376960010101),
            ("Answer", 176376960010102),
            ("Also accepted", 176376960010103),
            ("Explanation", 176376960010104),
            ("Source", 176376960010105),
            ("Question ID", 176376960010106),
        ],
        [("Question and answer", 176376960010151)],
    ),
    1763769600201: (
        False,
        [
            ("Question", 176376960020101),
            ("Answer", 176376960020102),
            ("Also accepted", 176376960020103),
            ("Explanation", 176376960020104),
            ("Source", 176376960020105),
            ("Question ID", 176376960020106),
        ],
        [("Type the answer", 176376960020151)],
    ),
    1763769600301: (
        False,
        [
            ("Question", 176376960030101),
            ("A", 176376960030102),
            ("B", 176376960030103),
            ("C", 176376960030104),
            ("D", 176376960030105),
            ("E", 176376960030106),
            ("F", 176376960030107),
            ("G", 176376960030108),
            ("H", 176376960030109),
            ("Correct", 176376960030110),
            ("Explanation", 176376960030111),
            ("Source", 176376960030112),
            ("Question ID", 176376960030113),
        ],
        [("Choose", 176376960030151)],
    ),
    1763769600401: (
        True,
        [
            ("Prompt", 176376960040101),
            ("Text", 176376960040102),
            ("Explanation", 176376960040103),
            ("Source", 176376960040104),
            ("Question ID", 176376960040105),
        ],
        [("Cloze", 176376960040151)],
    ),
}


def test_fields_and_templates_of_each_note_type_are_frozen_under_its_id() -> None:
    for spec in NOTE_TYPES:
        assert spec.id in FROZEN, (
            f"{spec.name}: note-type id {spec.id} is not in the frozen table; see this "
            "file's docstring"
        )
        cloze, fields, templates = FROZEN[spec.id]
        actual = (
            spec.kind == 1,
            [(f.name, f.id) for f in spec.fields],
            [(t.name, t.id) for t in spec.templates],
        )
        assert actual == (cloze, fields, templates), (
            f"{spec.name}: fields or card templates changed under the same note-type id "
            f"{spec.id}; give it a new id instead (see this file's docstring)"
        )


def test_no_note_type_reuses_an_id() -> None:
    ids = [spec.id for spec in NOTE_TYPES]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & RETIRED_IDS
    field_ids = [f.id for spec in NOTE_TYPES for f in spec.fields]
    assert len(set(field_ids)) == len(field_ids)


def test_every_note_type_ends_with_what_the_back_shows() -> None:
    for spec in NOTE_TYPES:
        assert [f.name for f in spec.fields][-3:] == _BACK, spec.name


def test_templates_render_to_anki_syntax_only() -> None:
    for rendered in render_note_types().values():
        for front, back in rendered.formats:
            for side in (front, back, rendered.css):
                # nothing of Jinja left over
                assert not re.search(r"\[\[|\]\]|\{%|%\}|\[#|#\]", side), rendered.spec.name
            names = {f.name for f in rendered.spec.fields}
            for used in re.findall(r"\{\{[#/^]?(?:type:|cloze:)?([^}]+)\}\}", front + back):
                assert used in names | {"FrontSide", "Tags"}, (rendered.spec.name, used)
            for field in _BACK:
                assert "{{" + field + "}}" in back, (rendered.spec.name, field)
            if rendered.spec.kind == 1:
                assert "{{cloze:Text}}" in front and "{{cloze:Text}}" in back


def test_the_digest_changes_with_the_styling() -> None:
    rendered = render_note_types()[1763769600101]
    restyled = type(rendered)(
        rendered.spec, rendered.css + ".qz { color: red; }\n", rendered.formats
    )
    assert restyled.digest != rendered.digest
    assert type(rendered)(rendered.spec, rendered.css, rendered.formats).digest == rendered.digest
