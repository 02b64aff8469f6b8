"""Imposition: finished labels placed N-up on A4 sheets for office printing.

Each label's print PDF is placed as a Form XObject clipped to its TrimBox (so sheets carry no
bleed or marks), at the slot position of the sheet layout plus the printer's calibration offset.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from .sheets import A4, SheetLayout

MM = 72 / 25.4


def impose(sheet: list[str], pdfs: dict[str, Path], layout: SheetLayout, title: str) -> bytes:
    """One A4 page with the trimmed labels of ``sheet`` placed in order."""
    out = pikepdf.new()
    out.docinfo["/Title"] = title
    out.docinfo["/Creator"] = "Atelier ALL"
    page = out.add_blank_page(page_size=(A4[0] * MM, A4[1] * MM))
    # Office sheets are printed as they are: the finished size is the whole A4, with no bleed.
    page.obj.TrimBox = page.obj.BleedBox = pikepdf.Array([0, 0, round(A4[0] * MM, 3),
                                                           round(A4[1] * MM, 3)])
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
