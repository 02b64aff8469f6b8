"""CMYK copies of the print files, for printers who ask for them (``printer.colour: cmyk``).

Cairo writes RGB only; Ghostscript's pdfwrite converts, keeping text as text and the page boxes.
Two things it gets wrong for print, fixed around it:
- RGB black becomes four-colour rich black, which blurs small text on press: black fills and
  strokes are rewritten to pure K (``0 0 0 1 k``) in every content stream first;
- its output changes at every run (dates, document ID, XMP): the copy is rewritten with pikepdf,
  fixed dates, no XMP and ``deterministic_id``, so the manifest's checksums mean something.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf

FIXED_DATE = "D:20200101000000Z"
GS_ARGS = ["-dNOPAUSE", "-dBATCH", "-dSAFER", "-dQUIET", "-sDEVICE=pdfwrite",
           "-sColorConversionStrategy=CMYK", "-dProcessColorModel=/DeviceCMYK",
           "-dAutoRotatePages=/None", "-dCompatibilityLevel=1.6"]


class CmykError(RuntimeError):
    """Ghostscript is missing or failed on a file."""


def _pure_black(ops):
    """Content stream operations with RGB black (``0 0 0 rg/RG``) rewritten as pure K."""
    out = []
    for operands, op in ops:
        name = str(op)
        if name in ("rg", "RG") and all(float(v) == 0 for v in operands):
            out.append(([0, 0, 0, 1], pikepdf.Operator("k" if name == "rg" else "K")))
        else:
            out.append((operands, op))
    return out


def black_to_k(pdf: bytes) -> bytes:
    """Rewrite black in the content streams of every page and form XObject to pure K."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            ops = _pure_black(pikepdf.parse_content_stream(page))
            page.obj.Contents = doc.make_stream(pikepdf.unparse_content_stream(ops))
        for obj in doc.objects:
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
                obj.write(pikepdf.unparse_content_stream(_pure_black(pikepdf.parse_content_stream(obj))))
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


def _deterministic(pdf: Path, src: Path, title: str) -> bytes:
    with pikepdf.open(pdf) as doc, pikepdf.open(src) as original:
        # gs drops a TrimBox equal to the MediaBox (office sheets): put the source's boxes back.
        for page, before in zip(doc.pages, original.pages, strict=True):
            for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
                if box in before.obj:
                    page.obj[box] = pikepdf.Array([float(v) for v in before.obj[box]])
        if "/ID" in doc.trailer:  # gs's first ID is random; qpdf derives both from the content
            del doc.trailer.ID
        if "/Metadata" in doc.Root:
            del doc.Root.Metadata
        info = doc.make_indirect(pikepdf.Dictionary())
        info.Title = pikepdf.String(title)
        info.Creator = pikepdf.String("Atelier ALL")
        info.CreationDate = pikepdf.String(FIXED_DATE)
        info.ModDate = pikepdf.String(FIXED_DATE)
        doc.trailer.Info = info
        out = io.BytesIO()
        doc.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()


def to_cmyk(src: Path, title: str = "") -> bytes:
    """The CMYK copy of ``src`` as bytes (same pages, boxes and text; black in pure K)."""
    gs = shutil.which("gs")
    if gs is None:
        raise CmykError("Ghostscript (gs) is not installed: install it, or set printer.colour: rgb "
                        "in config/settings.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        pre, out = Path(tmp) / "k.pdf", Path(tmp) / "cmyk.pdf"
        pre.write_bytes(black_to_k(Path(src).read_bytes()))
        res = subprocess.run([gs, *GS_ARGS, f"-sOutputFile={out}", str(pre)],
                             capture_output=True, text=True)
        if res.returncode != 0 or not out.exists():
            why = (res.stderr or res.stdout).strip()[:300]
            raise CmykError(f"{src}: Ghostscript failed: {why}")
        return _deterministic(out, Path(src), title or Path(src).stem)
