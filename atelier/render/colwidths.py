"""Table column widths from their content, as a typesetter sets them.

Each column gets at least the width of its longest unbreakable piece — a word of a header or
of a text cell, a whole figure (« 12 500,00 € », « 02/12/2019 ») — so nothing breaks inside a
word; the space left is shared in proportion to how much more each column would need to set its
longest cell on one line (the auto layout of HTML tables and of Word's AutoFit). Text is
measured with the brand faces (atelier.layout) at the size the template's styles give. When
every cell fits on one line, the text columns take the rest of the width and the figure columns
stay as narrow as their figures, so the figures sit close to their labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..layout.fonts import PT, meter
from ..layout.text import Fonts

__all__ = ["Cell", "TableTooWide", "fit_columns", "nowrap"]

# Spaces a line may break at; the no-break spaces (U+00A0, U+202F) keep figures whole.
BREAKABLE = " \t"


class TableTooWide(ValueError):
    """Even at their narrowest (every cell broken between words), the columns need more than
    the text width."""


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False
    whole: bool = False  # a figure: never broken, not even at its spaces
    measured: bool = True  # False for a cell that spans columns or is set vertically


def nowrap(text: str) -> str:
    """A figure's spaces made non-breaking (« 20,0 % » → « 20,0 % » with U+00A0)."""
    return text.replace(" ", "\u00a0")


def _words(text: str) -> list[str]:
    for sp in BREAKABLE:
        text = text.replace(sp, " ")
    return [w for w in text.split(" ") if w] or [""]


def fit_columns(columns: list[list[Cell]], total_mm: float, size_pt: float, pad_mm: float,
                fonts: Fonts, where: str = "table") -> list[float]:
    """Widths (mm) of ``columns`` (each the list of its cells) summing to ``total_mm``."""
    size = size_pt * PT
    widths = {}

    def width(text: str, bold: bool) -> float:
        key = (text, bold)
        if key not in widths:
            widths[key] = meter(fonts.face(False, bold, False)).width(text, size)
        return widths[key]

    lo, hi, text = [], [], []
    for cells in columns:
        text.append(any(c.measured and c.text and not c.whole for c in cells[1:]))
        least = most = 0.0
        for c in cells:
            if not c.measured or not c.text:
                continue
            lines = c.text.split("\n")
            pieces = lines if c.whole else [w for line in lines for w in _words(line)]
            least = max(least, *(width(p, c.bold) for p in pieces))
            most = max(most, *(width(line, c.bold) for line in lines))
        lo.append(least + pad_mm)
        hi.append(max(most, least) + pad_mm)
    if sum(lo) > total_mm + 1e-6:
        raise TableTooWide(f"{where}: the columns need {sum(lo):.0f} mm at their narrowest "
                           f"(no word broken) and the text is {total_mm:.0f} mm wide")
    if sum(hi) <= total_mm:  # everything on one line: the text columns share the rest
        share = [h if t else 0.0 for h, t in zip(hi, text, strict=True)]
        if not sum(share):  # figures only: all columns share it
            share = hi
        return [h + (total_mm - sum(hi)) * s / sum(share) for h, s in zip(hi, share, strict=True)]
    spare = total_mm - sum(lo)
    want = sum(h - m for h, m in zip(hi, lo, strict=True))
    return [m + (h - m) * spare / want for h, m in zip(hi, lo, strict=True)]
