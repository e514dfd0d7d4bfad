"""Image files for questions: what they are (by their bytes), and whether they are safe.

Used by the verifier (refuse) and by the exporters (embed, name by content).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

MAX_IMAGE_BYTES = 5 * 1024 * 1024
# Extension for each type, by its media type.
EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
}
_SVG_START = re.compile(rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<svg[\s>]", re.S)


def sniff(data: bytes) -> str | None:
    """The media type of an image's bytes, or None if it is none of the accepted ones."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if _SVG_START.match(data[:4096]):
        return "image/svg+xml"
    return None


def svg_problem(data: bytes) -> str | None:
    """Why an SVG is refused (script, event handlers, foreign content, external
    references, entities), or None. Refused, never rewritten: the author fixes it."""
    import xml.etree.ElementTree as ET

    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return "the SVG has a DOCTYPE or entities; remove them"
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        return f"the SVG is not well-formed XML ({e})"
    for el in root.iter():
        name = el.tag.rpartition("}")[2].lower()
        if name in ("script", "foreignobject", "iframe", "embed", "object"):
            return f"the SVG holds a <{name}> element; quizgen refuses scripts and foreign content"
        if name == "style" and re.search(r"url\(|@import", el.text or "", re.I):
            return "the SVG's <style> refers to another file (url() or @import)"
        for attr, value in el.attrib.items():
            local = attr.rpartition("}")[2].lower()
            if local.startswith("on"):
                return f"the SVG has an event handler ({local}=...); remove it"
            if local == "href" and not value.strip().startswith("#"):
                return f"the SVG refers to another file or page ({value[:60]!r})"
            if re.search(r"url\(\s*['\"]?(?!#)", value, re.I):
                return f"the SVG's {local} refers to another file ({value[:60]!r})"
    return None


def image_problem(path: Path, written: str | None = None) -> str | None:
    """Why the image at ``path`` cannot be used, or None. ``written``: the path as the
    bank gives it (relative to the bank file), which messages show."""
    shown = repr(written if written is not None else str(path))
    try:
        size = path.stat().st_size
        if not path.is_file():
            return f"image {shown} is not a file"
        if size > MAX_IMAGE_BYTES:
            return f"image {shown} is {size / 1048576:.1f} MB; the limit is 5 MB"
        data = path.read_bytes()
    except FileNotFoundError:
        hint = _near(path, written)
        return (
            f"image {shown} not found: looked for {str(path)!r} (the path is relative "
            f"to the bank file{hint})"
        )
    except OSError as e:
        return f"image {shown} cannot be read: {e.strerror}"
    kind = sniff(data)
    if kind is None:
        return f"image {shown} is not a PNG, JPEG, GIF, SVG or WebP file"
    if kind == "image/svg+xml":
        problem = svg_problem(data)
        if problem:
            return f"image {shown}: {problem}"
    return None


def _near(path: Path, written: str | None) -> str:
    """ "did you mean ...?" for a picture of a close name where it was looked for, or
    of the same name beside the bank file (a folder too many in the path)."""
    from .suggest import closest, did_you_mean

    if written is None or Path(written).is_absolute():
        return ""
    folder = path.parent
    bank_folder = Path(str(path)[: -len(written)] or ".") if str(path).endswith(written) else None
    relative = Path(written).parent
    try:
        here = [str(relative / p.name) for p in folder.iterdir() if p.is_file()]
    except OSError:
        here = []
    hints = closest(written, here)
    if not hints and bank_folder is not None and (bank_folder / path.name).is_file():
        hints = [path.name]
    return f"; {did_you_mean(hints, repr)}" if hints else ""


def media_name(data: bytes) -> str:
    """A file name from the content: the same picture gets the same name in every bank,
    two different pictures never share one, and a changed picture gets a new one."""
    kind = sniff(data) or "image/png"
    return "qz-" + hashlib.sha256(data).hexdigest()[:20] + EXTENSIONS[kind]


def data_uri(data: bytes) -> str:
    kind = sniff(data) or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
