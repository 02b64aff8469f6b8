"""Reading print files back the way a printer's preflight would: boxes, fonts, text, codes."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf
import pypdfium2
import zxingcpp

MM = 72 / 25.4


def rasterise(pdf: Path, page: int = 0, dpi: int = 300):
    """The page as a PIL image (the whole MediaBox)."""
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return doc[page].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()


def decode_codes(pdf: Path, page: int = 0, dpi: int = 300) -> list[tuple[str, str]]:
    """Every barcode on the rasterised page as (kind, data), kind « QR » or « EAN-13 ». Read by
    zbar when installed — a decoder independent of zxing-cpp, which encodes our QR codes —
    else by zxing-cpp."""
    image = rasterise(pdf, page, dpi).convert("L")
    if shutil.which("zbarimg"):
        with tempfile.TemporaryDirectory() as tmp:
            png = Path(tmp) / "page.png"
            image.save(png)
            out = subprocess.run(["zbarimg", "--quiet", str(png)], capture_output=True, text=True)
            found = []
            for line in out.stdout.splitlines():
                kind, _, data = line.partition(":")
                found.append(({"QR-Code": "QR"}.get(kind, kind), data))
            return found
    kinds = {zxingcpp.BarcodeFormat.QRCode: "QR", zxingcpp.BarcodeFormat.EAN13: "EAN-13"}
    return [(kinds.get(r.format, str(r.format)), r.text) for r in zxingcpp.read_barcodes(image)]


def boxes_mm(pdf: Path, page: int = 0) -> dict[str, list[float]]:
    with pikepdf.open(pdf) as doc:
        p = doc.pages[page].obj
        return {name: [round(float(v) / MM, 2) for v in p.get(f"/{name}", p.MediaBox)]
                for name in ("MediaBox", "BleedBox", "TrimBox")}


def fonts(pdf: Path) -> dict[str, bool]:
    """Base font name -> embedded?, over every page and form XObject."""
    found: dict[str, bool] = {}
    with pikepdf.open(pdf) as doc:
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
                name = str(obj.get("/BaseFont", "?"))
                desc = obj.get("/FontDescriptor")
                if desc is None and "/DescendantFonts" in obj:
                    desc = obj.DescendantFonts[0].get("/FontDescriptor")
                embedded = desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2",
                                                                         "/FontFile3"))
                found[name] = embedded
    return found


def text(pdf: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(pdf)).pages)
