"""QR codes and EAN-13 barcodes as rectangles in millimetres.

QR symbols are encoded by zxing-cpp's writer (C++, ~0.5 ms a code; a pure-Python encoder spends
~10 ms choosing the mask); tests decode the printed result with zbar, an independent reader.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import zxingcpp

from ..content.urls import with_utm  # noqa: F401 (moved down: the layers)


class CodeTooSmall(ValueError):
    pass


@dataclass(frozen=True)
class QR:
    x: float
    y: float
    size: float  # outer size including the quiet zone, mm
    module: float  # mm
    modules: int  # symbol width in modules, without the quiet zone
    dark: tuple  # rectangles (x, y, w, h) in mm
    data: str


def qr_matrix(data: str, error: str = "M") -> list[list[bool]]:
    """The code's modules, row by row, True for dark. Read through the image's buffer: numpy
    cost the label workers ~70 ms to import for this one conversion."""
    code = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level=error.upper())
    view = memoryview(code.to_image(scale=1, add_quiet_zones=False))
    rows, width = view.shape
    pixels = view.tobytes()
    return [[p == 0 for p in pixels[r * width:(r + 1) * width]] for r in range(rows)]


def qr_code(data: str, x: float, y: float, box: float, *, error: str = "M", quiet: int = 4,
            module_min: float = 0.4) -> QR:
    """A QR code of ``data`` filling a ``box`` × ``box`` mm square at (x, y), quiet zone included.

    The module size is what the box allows; below ``module_min`` it raises ``CodeTooSmall``.
    """
    matrix = qr_matrix(data, error)
    n = len(matrix)
    module = box / (n + 2 * quiet)
    if module + 1e-9 < module_min:
        raise CodeTooSmall(f"a QR code of {n} modules needs {module_min * (n + 2 * quiet):.1f} mm "
                           f"for {module_min} mm modules; its frame is {box:.1f} mm")
    ox, oy = x + quiet * module, y + quiet * module
    dark = []
    for r in range(n):
        row = matrix[r]
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                # overlap rows by a hair so no hairline shows between them when rasterised
                dark.append((ox + start * module, oy + r * module, (c - start) * module,
                             module * 1.001))
            else:
                c += 1
    return QR(x, y, box, module, n, tuple(dark), data)


# EAN-13: left-hand digits use L or G codes by the parity pattern of the first digit.
_L = ["0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011",
      "0110111", "0001011"]
_G = ["0100111", "0110011", "0011011", "0100001", "0011101", "0111001", "0000101", "0010001",
      "0001001", "0010111"]
_R = ["1110010", "1100110", "1101100", "1000010", "1011100", "1001110", "1010000", "1000100",
      "1001000", "1110100"]
_PARITY = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG",
           "LGLGGL", "LGGLGL"]
EAN_MODULES = 113  # 11 quiet + 95 + 7 quiet
EAN_NOMINAL_MODULE = 0.33  # mm at 100 % magnification (GS1)


def ean13_modules(code: str) -> str:
    """The 95 modules of an EAN-13 as a string of 0/1."""
    first, left, right = int(code[0]), code[1:7], code[7:]
    bits = "101"
    for digit, parity in zip(left, _PARITY[first], strict=True):
        bits += (_L if parity == "L" else _G)[int(digit)]
    bits += "01010"
    for digit in right:
        bits += _R[int(digit)]
    return bits + "101"


@dataclass(frozen=True)
class EAN:
    bars: tuple  # (x, y, w, h) mm
    digits: tuple  # (x_centre, baseline, char)
    digit_size: float  # font size, mm
    module: float
    box: tuple  # (x, y, w, h) of the symbol, quiet zones and digits included, mm

    @property
    def magnification(self) -> float:
        return self.module / EAN_NOMINAL_MODULE


EAN_NOMINAL_BAR_MM = 22.85  # bar height at 100 % (GS1)


def ean_module(width: float, magnification: float = 1.0, min_magnification: float = 0.8,
               dpi: float | None = None) -> float:
    """The module for an EAN-13 in a frame ``width`` mm wide: the wanted magnification where the
    frame allows it, else what the frame allows down to ``min_magnification``. With ``dpi`` (an
    office printer) the module is a whole number of printer dots — the smallest at or above the
    wanted size (300 dpi: 4 dots = 0.339 mm, 102 %), else the largest the frame holds — or the
    bars print unevenly. Raises ``CodeTooSmall`` below ``min_magnification``."""
    want = EAN_NOMINAL_MODULE * magnification
    floor = EAN_NOMINAL_MODULE * min_magnification
    fits = width / EAN_MODULES
    if dpi:
        dot = 25.4 / dpi
        n = math.ceil(want / dot - 1e-9)
        while n * dot > fits + 1e-9 and n > 1:
            n -= 1
        module = n * dot
        least = math.ceil(floor / dot - 1e-9) * dot  # the smallest whole-dot module allowed
    else:
        module = min(want, fits)
        least = floor
    if module + 1e-9 < floor:
        raise CodeTooSmall(
            f"an EAN-13 needs a frame at least {least * EAN_MODULES:.1f} mm wide "
            f"({min_magnification * 100:.0f} % magnification"
            f"{f' in whole dots of {dpi:g} dpi' if dpi else ''}); it is {width:.1f} mm")
    return module


def ean13(code: str, x: float, y: float, width: float, height: float,
          min_magnification: float = 0.8, module: float | None = None,
          min_height_ratio: float = 0.0) -> EAN:
    """An EAN-13 with its human-readable digits in a width × height mm frame, quiet zones in,
    centred horizontally. ``module`` defaults to what the width allows. The bars are the
    nominal height for the magnification, truncated to what the frame holds but never below
    ``min_height_ratio`` of it (``CodeTooSmall``)."""
    if module is None:
        module = ean_module(width, 1.0, min_magnification)
    if module * EAN_MODULES > width + 1e-6:
        raise CodeTooSmall(f"an EAN-13 of module {module:.3f} mm needs {module * EAN_MODULES:.1f} "
                           f"mm, its frame is {width:.1f} mm wide")
    if module + 1e-9 < EAN_NOMINAL_MODULE * min_magnification:
        raise CodeTooSmall(f"an EAN-13 module of {module:.3f} mm is under "
                           f"{min_magnification * 100:.0f} % magnification")
    x += (width - module * EAN_MODULES) / 2
    bits = ean13_modules(code)
    digit_size = module * 8.5
    nominal = EAN_NOMINAL_BAR_MM * module / EAN_NOMINAL_MODULE
    bar_h = min(nominal, height - digit_size * 1.05)
    if bar_h + 1e-6 < max(nominal * min_height_ratio, 8 * module * 3):
        raise CodeTooSmall(f"an EAN-13 frame of {height:.1f} mm leaves bars of {bar_h:.1f} mm, "
                           f"under {min_height_ratio * 100:.0f} % of their {nominal:.1f} mm")
    bars = []
    i = 0
    while i < 95:
        if bits[i] == "1":
            start = i
            while i < 95 and bits[i] == "1":
                i += 1
            guard = start < 3 or 45 <= start < 50 or start >= 92
            bars.append((x + (11 + start) * module, y, (i - start) * module,
                         bar_h + (digit_size * 0.55 if guard else 0)))
        else:
            i += 1
    base = y + bar_h + digit_size * 0.95
    digits = [(x + 5.5 * module, base, code[0])]
    digits += [(x + (11 + 3 + 7 * k + 3.5) * module, base, code[1 + k]) for k in range(6)]
    digits += [(x + (11 + 50 + 7 * k + 3.5) * module, base, code[7 + k]) for k in range(6)]
    box = (x, y, module * EAN_MODULES, bar_h + digit_size * 1.05)
    return EAN(tuple(bars), tuple(digits), digit_size, module, box)
