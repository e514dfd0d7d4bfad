"""Simulated students and simulated scans of their answer sheets, for the marking tests
and the benchmark: pencil and pen fills (some partial, some erased, crossed out or
doubled, stray marks), then a scanner's or a phone's damage (rotation, perspective,
blur, noise, uneven light, JPEG at quality 60), shuffled into one PDF.

The positions of the bubbles come from the mark key that the worksheet wrote; the
truth of what each student meant is kept beside the picture, to check the reading."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium

MM_PER_INCH = 25.4


@dataclass
class Student:
    number: str
    version: str
    # question id -> the values the student (or, for points rows, the teacher) meant
    meant: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # question id -> what was drawn besides a clean fill ("partial", "erased", ...)
    trouble: dict[str, str] = field(default_factory=dict)


def render_pdf(path: Path, dpi: int) -> list[np.ndarray]:
    pdf = pdfium.PdfDocument(str(path))
    pages = []
    for page in pdf:
        array = page.render(scale=dpi / 72, grayscale=True).to_numpy()
        pages.append(np.ascontiguousarray(array if array.ndim == 2 else array[..., 0]))
    pdf.close()
    return pages


def load_key(folder: Path, version: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / f"mark-key-{version}.json").read_text())
    return data


class Pen:
    """Draws on a page image at ``dpi``, in the key's millimetres."""

    def __init__(self, image: np.ndarray, dpi: int, rng: random.Random, bubble_mm: float):
        self.image = image
        self.ppm = dpi / MM_PER_INCH
        self.rng = rng
        self.r = bubble_mm / 2

    def _px(self, x: float, y: float) -> tuple[int, int]:
        return round(x * self.ppm), round(y * self.ppm)

    def fill(self, x: float, y: float, shade: int | None = None, size: float = 1.0) -> None:
        """A filled bubble: a slightly off-centre, slightly oval blot, textured."""
        rng = self.rng
        shade = shade if shade is not None else rng.randint(25, 80)
        cx, cy = x + rng.uniform(-0.3, 0.3), y + rng.uniform(-0.3, 0.3)
        axes = (
            round(self.r * size * rng.uniform(0.9, 1.1) * self.ppm),
            round(self.r * size * rng.uniform(0.85, 1.05) * self.ppm),
        )
        px, py = self._px(cx, cy)
        half = max(axes) + 2
        x0, y0 = px - half, py - half
        patch = self.image[y0 : py + half + 1, x0 : px + half + 1]  # a view: drawn in place
        layer = np.zeros_like(patch)
        cv2.ellipse(layer, (px - x0, py - y0), axes, rng.uniform(0, 180), 0, 360, 255, -1)
        texture = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 12, patch.shape)
        ink = np.clip(shade + texture, 0, 255).astype(np.uint8)
        mask = layer > 0
        patch[mask] = np.minimum(patch[mask], ink[mask])

    def partial(self, x: float, y: float) -> None:
        """A hurried half fill: a smaller blot to one side."""
        dx = self.rng.choice((-1, 1)) * self.r * 0.45
        self.fill(x + dx, y, size=0.5)

    def erased(self, x: float, y: float) -> None:
        """A fill rubbed out: a faint grey ghost is left."""
        self.fill(x, y, shade=self.rng.randint(205, 225))

    def cross(self, x: float, y: float) -> None:
        r, t = self.r * 1.1, max(1, round(0.35 * self.ppm))
        shade = self.rng.randint(30, 70)
        for sx in (-1, 1):
            cv2.line(self.image, self._px(x - r, y - sx * r), self._px(x + r, y + sx * r), shade, t)

    def stray(self, x: float, y: float) -> None:
        """A pencil slip between two bubbles, not in either."""
        x0 = x + self.r + 0.4
        cv2.line(
            self.image,
            self._px(x0, y - 1.5),
            self._px(x0 + 0.6, y + 1.5),
            self.rng.randint(60, 120),
            max(1, round(0.25 * self.ppm)),
        )


def simulate(key: dict[str, Any], number: str, rng: random.Random, clean: bool) -> Student:
    """What one student means on each question, and what trouble each row gets."""
    student = Student(number, key["version"])
    for q in key["questions"]:
        values = [v for v, _, _ in q["bubbles"]]
        if q["mode"] == "points":
            student.meant[q["id"]] = (rng.choice(values),)
        elif q["kind"] == "multi":
            right = set(q["answer"])
            chosen = {v for v in values if (v in right) == (rng.random() < 0.8)}
            student.meant[q["id"]] = tuple(v for v in values if v in chosen)
        else:
            right = q["answer"][0]
            pick = right if rng.random() < 0.65 else rng.choice(values)
            student.meant[q["id"]] = () if rng.random() < 0.03 else (pick,)
        if not clean:
            roll = rng.random()
            single = q["kind"] != "multi" and student.meant[q["id"]]
            if roll < 0.06:
                student.trouble[q["id"]] = "partial"
            elif roll < 0.14 and single:
                student.trouble[q["id"]] = "erased"
            elif roll < 0.19 and single:
                student.trouble[q["id"]] = "crossed"
            elif roll < 0.24:
                student.trouble[q["id"]] = "stray"
            elif roll < 0.26 and single:
                student.trouble[q["id"]] = "double"
    return student


def fill_sheet(
    pages: list[np.ndarray], key: dict[str, Any], student: Student, dpi: int, rng: random.Random
) -> list[np.ndarray]:
    pages = [p.copy() for p in pages]
    pens = [Pen(p, dpi, rng, key["bubble_mm"]) for p in pages]
    for pen in pens:  # the student number, in pen, on every page
        for digit, column in zip(student.number, key["student_number"], strict=False):
            pen.fill(*column[int(digit)], shade=rng.randint(20, 50))
    for q in key["questions"]:
        pen = pens[q["page"] - 1]
        where = {v: (x, y) for v, x, y in q["bubbles"]}
        meant = student.meant[q["id"]]
        trouble = student.trouble.get(q["id"], "")
        others = [v for v in where if v not in meant]
        for n, value in enumerate(meant):
            if trouble == "partial" and n == 0:
                pen.partial(*where[value])
            else:
                pen.fill(*where[value])
        if trouble in ("erased", "crossed", "double") and others:
            other = where[rng.choice(others)]
            {"erased": pen.erased, "crossed": pen.cross, "double": pen.fill}[trouble](*other)
            if trouble == "double":
                student.meant[q["id"]] = (*meant, "?")  # two answers: it must be flagged
        elif trouble == "stray":
            pen.stray(*where[rng.choice(list(where))])
    return pages


def damage(image: np.ndarray, rng: random.Random, phone: bool) -> bytes:
    """A scanner's or a phone's picture of the page, as JPEG bytes at quality 60."""
    h, w = image.shape
    angle = rng.uniform(-5, 5)
    # The picture holds the whole turned page (a scanner's glass, a phone's frame), plus
    # a margin: the issue asks for a turned page, not a cut one. A page turned 5 degrees
    # reaches about 12 mm further out at the sides; with too small a margin a corner mark
    # is cut off, and the reader rightly refuses the page.
    cos, sin = abs(np.cos(np.radians(angle))), abs(np.sin(np.radians(angle)))
    margin = 0.06 * w if phone else 0.01 * w
    pad_x = round((w * cos + h * sin - w) / 2 + margin)
    pad_y = round((w * sin + h * cos - h) / 2 + margin)
    canvas = np.full((h + 2 * pad_y, w + 2 * pad_x), 95 if phone else 250, np.uint8)
    canvas[pad_y : pad_y + h, pad_x : pad_x + w] = image
    ch, cw = canvas.shape
    rotation = cv2.getRotationMatrix2D((cw / 2, ch / 2), angle, 1.0)
    canvas = cv2.warpAffine(canvas, rotation, (cw, ch), borderValue=95 if phone else 250)
    if phone:  # a camera not quite square to the page
        src = np.float32([[0, 0], [cw, 0], [0, ch], [cw, ch]])
        jitter = 0.03 * cw
        dst = np.float32(
            [[x + rng.uniform(-jitter, jitter), y + rng.uniform(-jitter, jitter)] for x, y in src]
        )
        matrix = cv2.getPerspectiveTransform(src, dst)
        canvas = cv2.warpPerspective(canvas, matrix, (cw, ch), borderValue=80)
    sigma = rng.uniform(0.5, 1.2) * (w / 1654)  # about one pixel at 200 dpi
    canvas = cv2.GaussianBlur(canvas, (0, 0), max(sigma, 0.3))
    yy, xx = np.mgrid[0:64, 0:64].astype(np.float32) / 64
    theta = rng.uniform(0, 2 * np.pi)
    ramp = np.cos(theta) * xx + np.sin(theta) * yy
    ramp = (ramp - ramp.min()) / (ramp.max() - ramp.min())
    light = cv2.resize(0.6 + 0.4 * ramp, (cw, ch), interpolation=cv2.INTER_LINEAR)
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 6, canvas.shape)
    out = np.clip(canvas.astype(np.float32) * light + noise, 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, 60])
    assert ok
    return bytes(data)


def jpegs_to_pdf(jpegs: list[tuple[bytes, int]], path: Path) -> None:
    """One PDF page per JPEG at its resolution, the JPEG data kept as it is (as a
    scanner does)."""
    pdf = pdfium.PdfDocument.new()
    for n, (data, dpi) in enumerate(jpegs):
        image_path = path.with_name(f".{path.stem}-{n}.jpg")
        image_path.write_bytes(data)
        decoded = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
        h, w = decoded.shape
        width_pt, height_pt = w * 72 / dpi, h * 72 / dpi
        page = pdf.new_page(width_pt, height_pt)
        image = pdfium.PdfImage.new(pdf)
        with open(image_path, "rb") as f:
            image.load_jpeg(f, inline=True)
        image.set_matrix(pdfium.PdfMatrix().scale(width_pt, height_pt))
        page.insert_obj(image)
        page.gen_content()
        image_path.unlink()
    pdf.save(str(path))
    pdf.close()
