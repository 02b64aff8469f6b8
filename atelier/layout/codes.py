"""QR codes and EAN-13 barcodes as rectangles in millimetres.

QR symbols are encoded by zxing-cpp's writer (C++, ~0.5 ms a code; a pure-Python encoder spends
~10 ms choosing the mask); tests decode the printed result with zbar, an independent reader.
"""

from __future__ import annotations

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


def ean13(code: str, x: float, y: float, width: float, height: float,
          min_magnification: float = 0.8) -> EAN:
    """An EAN-13 with its human-readable digits in a width × height mm frame, quiet zones in."""
    module = width / EAN_MODULES
    if module + 1e-9 < EAN_NOMINAL_MODULE * min_magnification:
        raise CodeTooSmall(
            f"an EAN-13 needs a frame at least {EAN_NOMINAL_MODULE * min_magnification * EAN_MODULES:.1f}"
            f" mm wide ({int(min_magnification * 100)} % magnification); it is {width:.1f} mm")
    bits = ean13_modules(code)
    digit_size = module * 8.5
    bar_h = height - digit_size * 1.05
    if bar_h < 8 * module * 3:
        raise CodeTooSmall(f"an EAN-13 frame of {height:.1f} mm is too short for its bars")
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
    return EAN(tuple(bars), tuple(digits), digit_size, module)
