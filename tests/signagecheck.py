"""Reading signage print files back with readers we did not write (pdfium through pypdfium2,
pikepdf, zbar, zxing-cpp): text lines and glyph heights, QR codes and their printed width,
fold marks in the slug. Coordinates are millimetres from the trim's top-left corner."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf
import pypdfium2
import zxingcpp

from tests.pdfcheck import rasterise

MM = 72 / 25.4


def _trim(pdf: Path, page: int) -> tuple[float, float, float, float]:
    with pikepdf.open(pdf) as doc:
        p = doc.pages[page].obj
        return tuple(float(v) for v in p.get("/TrimBox", p.MediaBox))


def _media_top(pdf: Path, page: int) -> float:
    with pikepdf.open(pdf) as doc:
        return float(doc.pages[page].obj.MediaBox[3])


def text_lines(pdf: Path, page: int = 0) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every run of text pdfium finds, as (text, (x0, y0, x1, y1) mm from the trim's top-left)."""
    x0t, _, _, y1t = _trim(pdf, page)
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        tp = doc[page].get_textpage()
        out = []
        for i in range(tp.count_rects()):
            left, bottom, right, top = tp.get_rect(i)
            text = tp.get_text_bounded(left, bottom, right, top).strip()
            out.append((text, ((left - x0t) / MM, (y1t - top) / MM, (right - x0t) / MM,
                               (y1t - bottom) / MM)))
        return out
    finally:
        doc.close()


def glyph_heights(pdf: Path, region: tuple[float, float, float, float], chars: str,
                  page: int = 0) -> list[float]:
    """Ink heights (mm) of the ``chars`` glyphs inside ``region`` (mm from the trim's top-left):
    for figures and capitals, the cap height as printed."""
    x0t, _, _, y1t = _trim(pdf, page)
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        tp = doc[page].get_textpage()
        out = []
        for i in range(tp.count_chars()):
            ch = tp.get_text_range(i, 1)
            if ch not in chars:
                continue
            left, bottom, right, top = tp.get_charbox(i, loose=False)
            x, y = (left - x0t) / MM, (y1t - top) / MM
            if region[0] <= x <= region[2] and region[1] <= y <= region[3]:
                out.append((top - bottom) / MM)
        return out
    finally:
        doc.close()


def qr_codes(pdf: Path, page: int = 0, dpi: int = 300,
             region: tuple[float, float, float, float] | None = None) -> dict[str, list[dict]]:
    """The QR codes both zbar and zxing-cpp read on the rasterised page (or on ``region`` of
    it, mm from the trim's top-left, as a phone frames the code: zbar gives up on a whole A1
    page at 300 dpi): {"zbar": [...], "zxing": [...]}, each {"text", "width_mm" (the symbol
    without its quiet zone, zxing only)}."""
    image = rasterise(pdf, page, dpi).convert("L")
    if region:
        x0t, _, _, y1t = _trim(pdf, page)
        top = _media_top(pdf, page)
        px = dpi / 25.4
        ox, oy = x0t / MM * px, (top - y1t) / MM * px
        image = image.crop((round(ox + region[0] * px), round(oy + region[1] * px),
                            round(ox + region[2] * px), round(oy + region[3] * px)))
    found: dict[str, list[dict]] = {"zxing": [], "zbar": []}
    for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        p = r.position
        width_px = ((p.top_right.x - p.top_left.x) ** 2 + (p.top_right.y - p.top_left.y) ** 2) ** 0.5
        found["zxing"].append({"text": r.text, "width_mm": width_px / dpi * 25.4})
    if shutil.which("zbarimg"):
        with tempfile.TemporaryDirectory() as tmp:
            png = Path(tmp) / "page.png"
            image.save(png)
            out = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable",
                                  str(png)], capture_output=True, text=True)
            found["zbar"] = [{"text": line} for line in out.stdout.splitlines() if line]
    return found


def fold_marks(pdf: Path, page: int = 0, dpi: int = 600) -> list[float]:
    """x (mm from the trim's left edge) of every vertical mark printed in the slug above the
    trim: the crop marks at the two trim edges and a fold mark at each fold."""
    x0t, _, x1t, y1t = _trim(pdf, page)
    top = _media_top(pdf, page)
    image = rasterise(pdf, page, dpi).convert("L")
    px = dpi / 72
    above = (top - y1t) * px  # the slug's height above the trim, in pixels
    rows = range(int(above * 0.1), int(above * 0.5))  # its outer part: marks, not bleed
    xs = []
    for col in range(int((x0t - 2 * MM) * px), int((x1t + 2 * MM) * px)):
        if any(image.getpixel((col, row)) < 128 for row in rows):
            xs.append(col)
    runs: list[list[int]] = []
    for col in xs:
        if runs and col - runs[-1][-1] <= 1:
            runs[-1].append(col)
        else:
            runs.append([col])
    return [((r[0] + r[-1]) / 2 / px - x0t) / MM for r in runs]


def overlaps(a, b) -> bool:
    return a[0] < b[2] - 1e-6 and b[0] < a[2] - 1e-6 and a[1] < b[3] - 1e-6 and b[1] < a[3] - 1e-6
