"""The zip Canvas imports: a manifest, the QTI assessment and Canvas's quiz settings."""

from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence

from ...model import Catalog, Question
from ...scoring import DEFAULT_SCORING
from .qti import assessment
from .rich import Pictures

MANIFEST_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
# Zip entries carry a fixed time, so the same questions give the same bytes.
ENTRY_TIME = (1980, 1, 1, 0, 0, 0)


def quiz_ident(title: str) -> str:
    """The same title gives the same quiz identity, so a re-import is recognised."""
    return "quizgen-" + hashlib.sha256(title.encode()).hexdigest()[:20]


def canvas_zip(catalog: Catalog, questions: Sequence[Question], title: str) -> bytes:
    ident = quiz_ident(title)
    pictures = Pictures()
    quiz = assessment(catalog, questions, ident, title, pictures)
    files = {
        "imsmanifest.xml": manifest(ident, title, tuple(pictures.files)),
        f"{ident}/{ident}.xml": quiz,
        f"{ident}/assessment_meta.xml": meta(ident, title, DEFAULT_SCORING.total(questions)),
        **pictures.files,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, ENTRY_TIME), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode")).encode()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def manifest(ident: str, title: str, pictures: Sequence[str] = ()) -> bytes:
    """An IMS content package manifest: the assessment, its Canvas settings, and a
    ``webcontent`` resource per picture (as Canvas and text2qti list them)."""
    root = ET.Element("manifest", identifier=f"{ident}-manifest", xmlns=MANIFEST_NS)
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    resource = _sub(resources, "resource", identifier=ident, type="imsqti_xmlv1p2")
    _sub(resource, "file", href=f"{ident}/{ident}.xml")
    _sub(resource, "dependency", identifierref=f"{ident}-meta")
    settings = _sub(
        resources,
        "resource",
        identifier=f"{ident}-meta",
        type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
        href=f"{ident}/assessment_meta.xml",
    )
    _sub(settings, "file", href=f"{ident}/assessment_meta.xml")
    for path in pictures:
        stem = path.rpartition("/")[2].partition(".")[0]
        picture = _sub(
            resources, "resource", identifier=f"{ident}-{stem}", type="webcontent", href=path
        )
        _sub(picture, "file", href=path)
    return _xml(root)


def meta(ident: str, title: str, points: int) -> bytes:
    """Canvas's quiz settings: an unpublished graded quiz that keeps the choice order."""
    root = ET.Element("quiz", identifier=ident, xmlns=CANVAS_NS)
    for tag, value in (
        ("title", title),
        ("description", ""),
        ("shuffle_answers", "false"),
        ("scoring_policy", "keep_highest"),
        ("quiz_type", "assignment"),
        ("points_possible", f"{points:.1f}"),
        ("show_correct_answers", "true"),
        ("allowed_attempts", "1"),
        ("available", "false"),
    ):
        _sub(root, tag, value)
    assignment = _sub(root, "assignment", identifier=f"{ident}-assignment")
    for tag, value in (
        ("title", title),
        ("workflow_state", "unpublished"),
        ("quiz_identifierref", ident),
        ("points_possible", f"{points:.1f}"),
        ("grading_type", "points"),
        ("submission_types", "online_quiz"),
    ):
        _sub(assignment, tag, value)
    return _xml(root)
