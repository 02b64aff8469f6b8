"""PDF page boxes: TrimBox (the finished size) and BleedBox, which cairo cannot write."""

from __future__ import annotations

import io

import pikepdf

MM = 72 / 25.4


def set_boxes(pdf: bytes, trim_mm, bleed_mm) -> bytes:
    """Set TrimBox and BleedBox ((x0, y0, x1, y1) in mm from the bottom-left) on every page.

    pikepdf's ``deterministic_id`` keeps the file identical from run to run.
    """
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            page.obj.TrimBox = pikepdf.Array([round(v * MM, 3) for v in trim_mm])
            page.obj.BleedBox = pikepdf.Array([round(v * MM, 3) for v in bleed_mm])
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
        return out.getvalue()


def read_boxes(path) -> list[dict[str, list[float]]]:
    """Each page's MediaBox, BleedBox and TrimBox in mm — what a preflight reads back."""
    with pikepdf.open(path) as doc:
        return [{name: [round(float(v) / MM, 3) for v in page.obj.get(f"/{name}", page.mediabox)]
                 for name in ("MediaBox", "BleedBox", "TrimBox")} for page in doc.pages]
