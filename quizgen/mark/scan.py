"""Reading one scanned or photographed answer-sheet page: find its four corner marks,
map it onto the sheet's millimetre grid, read its QR code and measure every bubble.

A bubble's fill is the mean darkness inside its inner disc (the printed ring left
out), relative to the darkness of the page's own corner marks and to the paper's local
brightness, so uneven lighting and a grey photo read like a flat scan. Deciding what
the fills mean is left to :mod:`quizgen.mark.decide`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EngineMissingError, ScanError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    # OpenCV's stubs type its images loosely: any array will do here.
    Gray = npt.NDArray[Any]
    Floats = npt.NDArray[np.float32]

PX_PER_MM = 5.0  # the grid a page is mapped onto
PDF_DPI = 200
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")
INSTALL = "pip install 'quizgen[mark]'"
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")


@dataclass
class PageImage:
    source: str  # "scans.pdf page 3" or "photo.jpg"
    gray: Gray


@dataclass
class ReadPage:
    """A page mapped onto the sheet's grid: ``darkness`` (0 white .. 1 as dark as the
    corner marks) at PX_PER_MM pixels per millimetre, and the QR code's text."""

    source: str
    qr: str | None
    warped: Gray
    darkness: Floats

    def fill(self, x_mm: float, y_mm: float, diameter_mm: float) -> float:
        """How filled the bubble centred at (x, y) is, from 0 to 1."""
        import numpy as np

        r = 0.3 * diameter_mm * PX_PER_MM
        cx, cy = x_mm * PX_PER_MM, y_mm * PX_PER_MM
        x0, x1 = int(cx - r), int(cx + r) + 1
        y0, y1 = int(cy - r), int(cy + r) + 1
        patch = self.darkness[y0:y1, x0:x1]
        yy, xx = np.mgrid[y0:y1, x0:x1]
        inside = (xx - cx) ** 2 + (yy - cy) ** 2 <= r * r
        return float(patch[inside].mean()) if inside.any() else 0.0

    def crop_png(self, box_mm: tuple[float, float, float, float]) -> bytes:
        """A PNG of the region (left, top, right, bottom in mm), for the report."""
        import cv2

        x0, y0, x1, y1 = (max(0, int(v * PX_PER_MM)) for v in box_mm)
        region = self.warped[y0:y1, x0:x1]
        if region.shape[1] > 600:  # a whole page: small enough for the report
            scale = 600 / region.shape[1]
            size = (600, max(1, int(region.shape[0] * scale)))
            region = cv2.resize(region, size, interpolation=cv2.INTER_AREA)
        ok, data = cv2.imencode(".png", region)
        return bytes(data) if ok else b""


def need_libraries() -> None:
    try:
        import cv2  # noqa: F401
        import pypdfium2  # noqa: F401
        import zxingcpp  # noqa: F401
    except ImportError as e:
        raise EngineMissingError(
            f"quizgen mark needs OpenCV, pypdfium2 and zxing-cpp ({e.name} is missing): "
            f"{install_command()}"
        ) from e


def install_command() -> str:
    """How to add the mark extra to the quizgen that runs: from its checkout where it
    runs from one (an editable install, or a clone on the path), else by name."""
    import shlex
    import sys

    checkout = Path(__file__).resolve().parent.parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "quizgen").is_dir():
        python = shlex.quote(sys.executable)
        return f"{python} -m pip install -e {shlex.quote(str(checkout) + '[mark]')}"
    return f"{shlex.quote(sys.executable)} -m pip install {INSTALL.split()[-1]}"


def load_pages(paths: Sequence[Path]) -> Iterator[PageImage]:
    """Every page of every scan: a PDF's pages in order, an image as one page."""
    import cv2
    import numpy as np

    for path in paths:
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            yield from _pdf_pages(path)
        elif suffix in IMAGE_SUFFIXES:
            data = np.fromfile(str(path), dtype=np.uint8)
            gray = cv2.imdecode(data, cv2.IMREAD_GRAYSCALE) if data.size else None
            if gray is None:
                raise ScanError([f"{path}: not an image that can be read"])
            yield PageImage(str(path), gray)
        else:
            kinds = ", ".join(IMAGE_SUFFIXES)
            raise ScanError([f"{path}: not a scan quizgen reads (a PDF or {kinds})"])


def _pdf_pages(path: Path) -> Iterator[PageImage]:
    import numpy as np
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        raise ScanError([f"{path}: not a PDF that can be read: {e}"]) from e
    try:
        for index in range(len(pdf)):
            bitmap = pdf[index].render(scale=PDF_DPI / 72, grayscale=True)
            array: Any = bitmap.to_numpy()
            gray = array if array.ndim == 2 else array[..., 0]
            yield PageImage(f"{path} page {index + 1}", np.ascontiguousarray(gray))
    finally:
        pdf.close()


def read_page(page: PageImage, geometry: Geometry) -> ReadPage | str:
    """The page mapped onto the sheet's grid, or why it could not be."""
    import cv2
    import numpy as np

    found = _corner_marks(page.gray, geometry)
    if isinstance(found, str):
        return found
    size = (round(geometry.width * PX_PER_MM), round(geometry.height * PX_PER_MM))
    target = np.array([[x * PX_PER_MM, y * PX_PER_MM] for x, y in geometry.marks], np.float32)
    matrix = cv2.getPerspectiveTransform(np.array(found, np.float32), target)
    warped = cv2.warpPerspective(page.gray, matrix, size, flags=cv2.INTER_AREA, borderValue=(255,))
    qr = _qr_text(warped, geometry)
    if qr is None:  # upside down: the marks are symmetric, the code is not
        turned = cv2.rotate(warped, cv2.ROTATE_180)
        qr = _qr_text(turned, geometry)
        if qr is not None:
            warped = turned
    darkness = _darkness(warped, geometry)
    if darkness is None:
        return "the corner marks are not dark: is this a photo of an answer sheet?"
    return ReadPage(page.source, qr, warped, darkness)


@dataclass(frozen=True)
class Geometry:
    """Where the marks and the code are on every answer sheet of one test."""

    width: float
    height: float
    marks: tuple[tuple[float, float], ...]  # in CORNERS order
    mark_size: float
    qr: tuple[float, float, float]


def _corner_marks(gray: Gray, g: Geometry) -> list[tuple[float, float]] | str:
    """The centres of the four corner marks in the image, in CORNERS order."""
    import cv2
    import numpy as np

    h, w = gray.shape
    ppm = min(w / g.width, h / g.height)  # at most: the page fills the image
    block = int(12 * ppm) | 1
    blurred = cv2.GaussianBlur(gray, (5, 5), 0)
    ink = cv2.adaptiveThreshold(
        blurred, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 25
    )
    # Every contour, not only the outer ones: in a photo, the table around the page can
    # frame it, and the marks are then inside that frame.
    contours, _ = cv2.findContours(ink, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    side_max, side_min = g.mark_size * ppm * 1.4, g.mark_size * ppm * 0.45
    candidates = []
    for contour in contours:
        area = cv2.contourArea(contour)
        if not side_min**2 <= area <= side_max**2:
            continue
        (cx, cy), (rw, rh), _ = cv2.minAreaRect(contour)
        if rw == 0 or rh == 0 or not 0.75 <= rw / rh <= 1.33 or area / (rw * rh) < 0.85:
            continue
        x, y, bw, bh = cv2.boundingRect(contour)
        if ink[y : y + bh, x : x + bw].mean() / 255 < 0.8:  # a ring, not a solid square
            continue
        candidates.append((cx, cy))
    if len(candidates) < 4:
        return "the four corner marks were not found (is the whole page in the picture?)"
    points = np.array(candidates)
    chosen = []
    for corner_x, corner_y in ((0, 0), (w, 0), (0, h), (w, h)):
        nearest = np.argmin((points[:, 0] - corner_x) ** 2 + (points[:, 1] - corner_y) ** 2)
        chosen.append((float(points[nearest, 0]), float(points[nearest, 1])))
    if len(set(chosen)) < 4 or not _page_shaped(chosen, g):
        return "the four corner marks were not found (is the whole page in the picture?)"
    return chosen


def _page_shaped(found: list[tuple[float, float]], g: Geometry) -> bool:
    """Whether the marks found span a page of the sheet's proportions (a phone photo
    tilts it, but not by half)."""
    import math

    tl, tr, bl, br = found
    top, bottom = math.dist(tl, tr), math.dist(bl, br)
    left, right = math.dist(tl, bl), math.dist(tr, br)
    expected = (g.marks[3][1] - g.marks[0][1]) / (g.marks[3][0] - g.marks[0][0])
    ratio = (left + right) / max(top + bottom, 1.0)
    return 0.7 * expected <= ratio <= 1.3 * expected and min(top, bottom, left, right) > 0


def _qr_text(warped: Gray, g: Geometry) -> str | None:
    import zxingcpp

    left, top, size = g.qr
    pad = 6.0
    x0, y0 = int((left - pad) * PX_PER_MM), int((top - pad) * PX_PER_MM)
    x1, y1 = int((left + size + pad) * PX_PER_MM), int((top + size + pad) * PX_PER_MM)
    region = warped[max(0, y0) : y1, max(0, x0) : x1]
    qr_only: Any = zxingcpp.BarcodeFormat.QRCode
    for code in zxingcpp.read_barcodes(region, formats=qr_only):
        if code.valid:
            text: str = code.text
            return text
    return None


def _darkness(warped: Gray, g: Geometry) -> Floats | None:
    """0 for paper, 1 for ink as dark as the corner marks, per pixel."""
    import cv2
    import numpy as np

    k = int(8 * PX_PER_MM) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    paper = cv2.blur(cv2.dilate(warped, kernel), (k, k)).astype(np.float32)
    dark = np.clip(1.0 - warped.astype(np.float32) / np.maximum(paper, 1.0), 0.0, 1.0)
    r = int(g.mark_size * 0.3 * PX_PER_MM)
    inks = [
        float(
            dark[
                int(y * PX_PER_MM) - r : int(y * PX_PER_MM) + r,
                int(x * PX_PER_MM) - r : int(x * PX_PER_MM) + r,
            ].mean()
        )
        for x, y in g.marks
    ]
    ink = float(np.median(inks))
    if ink < 0.25:
        return None
    result: Floats = np.clip(dark / ink, 0.0, 1.0)
    return result
