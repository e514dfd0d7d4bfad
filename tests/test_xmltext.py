"""Serialising to str and encoding once writes the bytes ElementTree's UTF-8 writer does."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from quizgen.export.xmltext import utf8


@pytest.mark.parametrize("short_empty_elements", [True, False])
def test_the_same_bytes_as_elementtrees_utf8_writer(short_empty_elements: bool) -> None:
    root = ET.Element("question", attrs='a "quoted"\n<line>\t& tab')
    root.text = "café, a lone surrogate \ud800, <&>, ]]> and \U0001d11e"
    ET.SubElement(root, "empty")
    ET.SubElement(root, "text").text = "\u2028 and \x85"
    ET.indent(root, space="  ", level=1)
    expected = ET.tostring(
        root, "utf-8", xml_declaration=False, short_empty_elements=short_empty_elements
    )
    text = ET.tostring(root, "unicode", short_empty_elements=short_empty_elements)
    assert utf8(text) == expected
    assert b"&#55296;" in expected
