"""What pdfium reads back from a print file's page: every drawn character with its size, weight,
fill and ink box — the preflight's view of the text, independent of the code that drew it."""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass


@dataclass
class Char:
    text: str
    size_pt: float  # effective size: the font size through the text and page matrices
    bold: bool
    luminance: float  # of its fill as pdfium sees it: 0 black, 1 white
    box_pt: tuple  # the glyph's ink box: left, bottom, right, top, in PDF points


def page_chars(pdf_page) -> list[Char]:
    """Every drawn character of a pypdfium2 page (spaces and generated characters left out)."""
    import pypdfium2.raw as pdfium

    tp = pdf_page.get_textpage()
    matrix = pdfium.FS_MATRIX()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    name, flags = ctypes.create_string_buffer(128), ctypes.c_int()
    out = []
    try:
        for i in range(tp.count_chars()):
            if pdfium.FPDFText_IsGenerated(tp.raw, i) == 1:
                continue
            ch = chr(pdfium.FPDFText_GetUnicode(tp.raw, i))
            if ch.isspace():
                continue
            pdfium.FPDFText_GetMatrix(tp.raw, i, ctypes.byref(matrix))
            size = pdfium.FPDFText_GetFontSize(tp.raw, i) * math.hypot(matrix.c, matrix.d)
            pdfium.FPDFText_GetFillColor(tp.raw, i, *(ctypes.byref(v) for v in (r, g, b, a)))
            lum = (0.2126 * r.value + 0.7152 * g.value + 0.0722 * b.value) / 255
            # cairo's fonts carry no weight: the face's name says it
            pdfium.FPDFText_GetFontInfo(tp.raw, i, name, len(name), ctypes.byref(flags))
            bold = b"Bold" in name.value or pdfium.FPDFText_GetFontWeight(tp.raw, i) >= 600
            out.append(Char(ch, size, bold, lum, tp.get_charbox(i)))
    finally:
        tp.close()
    return out
