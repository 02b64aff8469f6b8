"""PDF page boxes: TrimBox (the finished size) and BleedBox, which cairo cannot write."""

from __future__ import annotations

import io
import re

import pikepdf

MM = 72 / 25.4

_XOBJECTS = re.compile(rb"/XObject <<([^>]*)>>")
_ENTRY = re.compile(rb"/x\d+ \d+ 0 R")


def dedupe_xobjects(pdf: bytes) -> bytes:
    """Blank the duplicate keys cairo 1.16 writes in a page's /XObject dictionary when the same
    art (a pictogram) is painted many times on a page. qpdf (pikepdf) gives up on a dictionary
    after 15 such errors and the page loses all its resources — fonts included. Duplicates are
    overwritten with spaces so that every xref offset stays right."""
    def clean(m: re.Match) -> bytes:
        seen: set[bytes] = set()

        def one(e: re.Match) -> bytes:
            if e[0] in seen:
                return b" " * len(e[0])
            seen.add(e[0])
            return e[0]
        return b"/XObject <<" + _ENTRY.sub(one, m[1]) + b">>"
    return _XOBJECTS.sub(clean, pdf)




def set_boxes(pdf: bytes, trim_mm, bleed_mm) -> bytes:
    """Set TrimBox and BleedBox ((x0, y0, x1, y1) in mm from the bottom-left) on every page.

    pikepdf's ``deterministic_id`` keeps the file identical from run to run.
    """
    with pikepdf.open(io.BytesIO(dedupe_xobjects(pdf))) as doc:
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
