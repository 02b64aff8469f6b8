"""What the plates will carry: a print file separated by Ghostscript (``tiffsep``), and the checks
a printer makes on the separations — total ink, black text on K only, reversed text, the die.

Ghostscript is the independent reader here (it renders the file as a RIP would, overprint
included); the text positions come from pdfium. Nothing of our own drawing code is used.
Each finding names the page and where, in millimetres from the trim's top-left corner.
"""

from __future__ import annotations

import functools
import math
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
PROCESS = ("Cyan", "Magenta", "Yellow", "Black")
MAX_PX = 2400  # longest side of a separation: an A1 panel at ~70 dpi, an A4 page at ~190
MAX_DPI = 200  # 5 pt text is 14 px high: enough to tell a glyph's plates from its background


class SeparationError(RuntimeError):
    """Ghostscript is missing or could not separate the file."""


@dataclass
class Page:
    """One page's plates as ink fractions (0 = none, 1 = solid), and where its trim sits."""

    number: int
    dpi: float
    plates: dict  # name -> 2-D numpy array of ink 0..1
    trim_px: tuple[float, float, float, float]  # x0, y0 (top), x1, y1 in pixels

    @functools.cached_property
    def cmy(self):
        """Cyan + magenta + yellow, per pixel (0–3)."""
        return self.plates["Cyan"] + self.plates["Magenta"] + self.plates["Yellow"]

    def mm(self, x: float, y: float) -> tuple[float, float]:
        """Pixel -> mm from the trim's top-left corner."""
        scale = 25.4 / self.dpi
        return (x - self.trim_px[0]) * scale, (y - self.trim_px[1]) * scale

    def px(self, box_pt, media_pt) -> tuple[int, int, int, int]:
        """A PDF box (points, bottom-left origin) -> pixel box (top-left origin), clipped."""
        s = self.dpi / 72
        h = next(iter(self.plates.values())).shape
        x0 = int(math.floor((box_pt[0] - media_pt[0]) * s))
        x1 = int(math.ceil((box_pt[2] - media_pt[0]) * s))
        y0 = int(math.floor((media_pt[3] - box_pt[3]) * s))
        y1 = int(math.ceil((media_pt[3] - box_pt[1]) * s))
        return max(0, x0), max(0, y0), min(h[1], x1), min(h[0], y1)


def separation_dpi(media_pt) -> float:
    longest = max(media_pt[2] - media_pt[0], media_pt[3] - media_pt[1]) / 72
    return float(min(MAX_DPI, max(50, int(MAX_PX / longest))))


def separate(path: str, dpi: float, trims_pt: list, media_pt: list) -> list[Page]:
    """Every page of ``path`` separated at ``dpi`` (process plates and any spot colour)."""
    import numpy as np
    from PIL import Image

    gs = shutil.which("gs")
    if gs is None:
        raise SeparationError("Ghostscript (gs) is not installed: the ink and black checks need it")
    with tempfile.TemporaryDirectory() as tmp:
        res = subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep",
                              f"-r{dpi:g}", "-sCompression=none", "-dTextAlphaBits=1",
                              "-dGraphicsAlphaBits=1",
                              f"-sOutputFile={tmp}/p%d.tif", str(path)],
                             capture_output=True, text=True)
        if res.returncode != 0:
            raise SeparationError(f"Ghostscript could not separate the file: "
                                  f"{(res.stderr or res.stdout).strip()[:300]}")
        pages = []
        for n, (trim, media) in enumerate(zip(trims_pt, media_pt, strict=True), start=1):
            plates = {}
            for f in Path(tmp).glob(f"p{n}(*).tif"):
                name = f.name[len(f"p{n}("):-len(").tif")]
                # tiffsep writes each plate like film: 255 is no ink, 0 is solid
                plates[name] = 1.0 - np.asarray(Image.open(f), dtype=np.float32) / 255.0
            if not all(p in plates for p in PROCESS):
                raise SeparationError(f"page {n}: Ghostscript gave no CMYK plates")
            s = dpi / 72
            trim_px = ((trim[0] - media[0]) * s, (media[3] - trim[3]) * s,
                       (trim[2] - media[0]) * s, (media[3] - trim[1]) * s)
            pages.append(Page(n, dpi, plates, trim_px))
        return pages


# -- total ink ------------------------------------------------------------------------------------
def total_ink(page: Page, window_mm: float = 1.0) -> tuple[float, tuple[float, float]]:
    """The highest total area coverage (percent) over any ``window_mm`` square of the page inside
    the bleed, and where (mm from the trim's top-left): the ink a sheet really carries, without
    the single-pixel peaks where an overprinting black edge meets a colour."""
    import numpy as np

    total = sum(page.plates[p] for p in PROCESS)
    n = max(1, round(window_mm / 25.4 * page.dpi))
    h, w = (total.shape[0] // n) * n, (total.shape[1] // n) * n
    blocks = total[:h, :w].reshape(h // n, n, w // n, n).mean(axis=(1, 3))
    y, x = np.unravel_index(int(np.argmax(blocks)), blocks.shape)
    return float(blocks[y, x] * 100), page.mm((x + 0.5) * n, (y + 0.5) * n)


# -- text on the plates -------------------------------------------------------------------------
def rich_black_under(page: Page, box_px, min_ink: float = 0.5, tolerance: float = 0.3) -> bool:
    """Whether the dark pixels of ``box_px`` (K ≥ ``min_ink``: a glyph, a code's modules) carry
    cyan, magenta or yellow of their own — more than the background around them (overprinted
    100 K shows the background's CMY unchanged; rich black adds its own, ~130 %). The background
    is read in a ring around the box, as wide as a third of its height."""
    import numpy as np

    x0, y0, x1, y1 = box_px
    if x1 <= x0 or y1 <= y0:
        return False
    k_plate = page.plates["Black"]
    cmy_plates = page.cmy
    dark = k_plate[y0:y1, x0:x1] >= min_ink
    if not dark.any():
        return False
    pad = max(2, (y1 - y0) // 3)
    h, w = k_plate.shape
    X0, Y0, X1, Y1 = max(0, x0 - pad), max(0, y0 - pad), min(w, x1 + pad), min(h, y1 + pad)
    ring = np.ones((Y1 - Y0, X1 - X0), dtype=bool)
    ring[y0 - Y0:y1 - Y0, x0 - X0:x1 - X0] = False
    ring &= k_plate[Y0:Y1, X0:X1] < min_ink
    background = float(cmy_plates[Y0:Y1, X0:X1][ring].mean()) if ring.any() else 0.0
    return float(cmy_plates[y0:y1, x0:x1][dark].mean()) - background > tolerance


def reversed_out_of_rich_black(page: Page, box_px) -> bool:
    """Whether the area around a light glyph is rich black (K solid with CMY under it)."""
    x0, y0, x1, y1 = box_px
    if x1 <= x0 or y1 <= y0:
        return False
    k = page.plates["Black"][y0:y1, x0:x1]
    cmy = page.cmy[y0:y1, x0:x1]
    dark = k >= 0.9
    return bool(dark.any()) and float(cmy[dark].mean()) > 0.3


# -- die ------------------------------------------------------------------------------------------
def die_on_trim(page: Page, spot: str, radius_mm: float, tolerance_px: int = 2) -> tuple[float, bool]:
    """(share of the trim's straight edges that the die plate covers, whether the corners are
    cut round as the job asks)."""
    import numpy as np

    plate = page.plates.get(spot)
    if plate is None:
        return 0.0, False
    x0, y0, x1, y1 = (int(round(v)) for v in page.trim_px)
    r = int(round(radius_mm / 25.4 * page.dpi))
    t = tolerance_px
    inked = plate > 0.3

    def near(ys: slice, xs: slice, axis: int):
        return inked[ys, xs].any(axis=axis)

    margin = r + 2 * t
    edges = [near(slice(y0 - t, y0 + t + 1), slice(x0 + margin, x1 - margin), 0),
             near(slice(y1 - t, y1 + t + 1), slice(x0 + margin, x1 - margin), 0),
             near(slice(y0 + margin, y1 - margin), slice(x0 - t, x0 + t + 1), 1),
             near(slice(y0 + margin, y1 - margin), slice(x1 - t, x1 + t + 1), 1)]
    covered = float(np.concatenate(edges).mean()) if edges else 0.0
    if r <= 2 * t:  # square corners (or too small a radius to see): nothing more to check
        return covered, True
    # A rounded corner leaves the sharp corner point bare and crosses the diagonal inside it.
    corners_ok = True
    for cx, cy, sx, sy in ((x0, y0, 1, 1), (x1, y0, -1, 1), (x0, y1, 1, -1), (x1, y1, -1, -1)):
        bare = not inked[max(0, cy - t):cy + t + 1, max(0, cx - t):cx + t + 1].any()
        d = r * (1 - math.sqrt(0.5))
        px, py = int(round(cx + sx * d)), int(round(cy + sy * d))
        arc = inked[max(0, py - t):py + t + 1, max(0, px - t):px + t + 1].any()
        corners_ok &= bare and arc
    return covered, corners_ok


def holes_found(page: Page, spot: str, centres_mm: list[tuple[float, float]], radius_mm: float,
                tolerance_px: int = 2) -> list[tuple[float, float]]:
    """The expected drill-hole centres (mm from the trim's top-left) that have no circle of the
    die around them."""
    plate = page.plates.get(spot)
    missing = []
    s = page.dpi / 25.4
    t = tolerance_px
    for cx_mm, cy_mm in centres_mm:
        cx, cy = page.trim_px[0] + cx_mm * s, page.trim_px[1] + cy_mm * s
        hits = 0
        for angle in (0, 90, 180, 270):
            x = int(round(cx + math.cos(math.radians(angle)) * radius_mm * s))
            y = int(round(cy + math.sin(math.radians(angle)) * radius_mm * s))
            if plate is not None and (plate[max(0, y - t):y + t + 1, max(0, x - t):x + t + 1] > 0.3).any():
                hits += 1
        centre_bare = plate is None or not (plate[int(cy) - t:int(cy) + t + 1,
                                                  int(cx) - t:int(cx) + t + 1] > 0.3).any()
        if hits < 4 or not centre_bare:
            missing.append((cx_mm, cy_mm))
    return missing
