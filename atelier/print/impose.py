"""Imposition: finished labels placed N-up on A4 sheets for office printing.

Each label's print PDF is placed as a Form XObject clipped to its TrimBox (so sheets carry no
bleed or marks), at the slot position of the sheet layout plus the printer's calibration offset.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf

MM = 72 / 25.4
A4 = (210.0, 297.0)


@dataclass(frozen=True)
class SheetLayout:
    columns: int
    rows: int
    top: float
    left: float
    column_gap: float
    row_gap: float
    label_width: float
    label_height: float
    offset_x: float = 0.0
    offset_y: float = 0.0

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @classmethod
    def from_format(cls, fmt: dict, offset: dict) -> SheetLayout:
        s = fmt["sheet"]
        return cls(s["columns"], s["rows"], s["top_mm"], s["left_mm"], s["column_gap_mm"],
                   s["row_gap_mm"], fmt["width_mm"], fmt["height_mm"], offset.get("x", 0.0),
                   offset.get("y", 0.0))

    def slot(self, index: int) -> tuple[float, float]:
        """Top-left corner (mm from the sheet's top-left) of slot ``index``, row by row."""
        r, c = divmod(index, self.columns)
        x = self.left + c * (self.label_width + self.column_gap) + self.offset_x
        y = self.top + r * (self.label_height + self.row_gap) + self.offset_y
        return x, y

    def check_fits(self) -> None:
        x, y = self.slot(self.per_sheet - 1)
        if x + self.label_width > A4[0] + 1e-6 or y + self.label_height > A4[1] + 1e-6:
            raise ValueError(f"{self.columns} × {self.rows} labels of {self.label_width} × "
                             f"{self.label_height} mm do not fit on A4 with these margins")


def plan_sheets(items: list[tuple[str, int]], layout: SheetLayout) -> list[list[str]]:
    """Sheets as lists of label names, slot by slot: each item repeated ``quantity`` times, in
    order. The last sheet may be partly empty."""
    slots = [name for name, qty in items for _ in range(qty)]
    n = layout.per_sheet
    return [slots[i:i + n] for i in range(0, len(slots), n)]


def impose(sheet: list[str], pdfs: dict[str, Path], layout: SheetLayout, title: str) -> bytes:
    """One A4 page with the trimmed labels of ``sheet`` placed in order."""
    out = pikepdf.new()
    out.docinfo["/Title"] = title
    out.docinfo["/Creator"] = "Atelier ALL"
    page = out.add_blank_page(page_size=(A4[0] * MM, A4[1] * MM))
    forms: dict[str, pikepdf.Name] = {}
    sources = []
    resources = pikepdf.Dictionary()
    content = []
    for i, name in enumerate(sheet):
        if name not in forms:
            src = pikepdf.open(pdfs[name])
            sources.append(src)
            src_page = src.pages[0]
            trim = [float(v) for v in src_page.obj.get("/TrimBox", src_page.mediabox)]
            form = out.copy_foreign(src_page.as_form_xobject())
            form.BBox = pikepdf.Array(trim)
            key = pikepdf.Name(f"/L{len(forms)}")
            resources[key] = form
            forms[name] = (key, trim)
        key, trim = forms[name]
        x, y = layout.slot(i)
        # PDF origin is bottom-left; the form's trim corner goes to the slot's bottom-left.
        tx = x * MM - trim[0]
        ty = (A4[1] - y - layout.label_height) * MM - trim[1]
        content.append(f"q 1 0 0 1 {tx:.3f} {ty:.3f} cm {key} Do Q")
    page.obj.Resources = pikepdf.Dictionary(XObject=resources)
    page.obj.Contents = out.make_stream("\n".join(content).encode())
    buf = io.BytesIO()
    out.save(buf, deterministic_id=True)
    for src in sources:
        src.close()
    return buf.getvalue()
