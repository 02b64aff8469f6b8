"""Deterministic bytes for Office files (DOCX, PPTX, XLSX are all zip packages).

python-docx and python-pptx write identical XML on every save, but the zip container stamps each
entry with the current time, so two builds from the same inputs differ. ``normalise_zip``
rewrites the package with a fixed timestamp, a fixed entry order and fixed compression, so the
same document always gives the same bytes (TECH.md, "Determinism").

The document's own dates (core properties ``created``/``modified``) are the caller's business:
set them from the settings before saving (``set_core_dates`` does it for python-docx/pptx).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

__all__ = ["FIXED_ZIP_TIME", "OfficeError", "deterministic_pdf", "normalise_zip", "set_core_dates",
           "soffice_pdf", "soffice_pdf_updated", "uno_python", "write_normalised"]

# The earliest date a zip entry can carry (DOS time starts in 1980).
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# OPC readers expect [Content_Types].xml first; Word and PowerPoint accept any order after it,
# so the rest is sorted by name to be independent of the library's writing order.
_FIRST = "[Content_Types].xml"


def _order(names: list[str]) -> list[str]:
    return sorted(names, key=lambda n: (n != _FIRST, n))


def normalise_zip(path_or_bytes: str | Path | bytes) -> bytes:
    """The package's bytes with every entry at ``FIXED_ZIP_TIME``, in a fixed order, deflated.

    Accepts a path or the package's bytes; returns new bytes (it does not write anything).
    Entry contents are untouched, so the file opens exactly as before.
    """
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in _order(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # the OS that wrote the entry is stored too: keep it fixed
            info.external_attr = 0
            dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()


def write_normalised(document, path: str | Path) -> bool:
    """Save a python-docx/python-pptx document to ``path`` with normalised bytes.

    Writes only when the bytes differ from the file already there (so an unchanged rebuild keeps
    its mtime). Returns True when it wrote.
    """
    buf = io.BytesIO()
    document.save(buf)
    data = normalise_zip(buf.getvalue())
    path = Path(path)
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def set_core_dates(core_properties, when: dt.date | dt.datetime | str) -> None:
    """Set created, modified and last_printed to ``when`` (ISO string or date), and clear the
    revision counter's drift: the libraries' defaults carry their own template's values."""
    if isinstance(when, str):
        when = dt.datetime.fromisoformat(when)
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day)
    core_properties.created = when
    core_properties.modified = when
    core_properties.last_printed = when
    core_properties.revision = 1


class OfficeError(RuntimeError):
    """LibreOffice could not convert a file (the message says which and why)."""


def soffice_pdf(src: str | Path, timeout: int = 300, profile: str | Path | None = None) -> bytes:
    """``src`` (DOCX, PPTX…) converted to PDF by LibreOffice headless; returns the PDF's bytes.

    Each call uses a private profile folder (``-env:UserInstallation``), so parallel jobs and a
    designer's open LibreOffice do not collide, and a private output folder, so a DOCX and a PPTX
    with the same name cannot overwrite each other's PDF (TECH.md). Pass ``profile`` (a folder
    the caller owns) to reuse one profile over several calls: creating it costs seconds.
    """
    soffice = shutil.which("soffice")
    if soffice is None:
        raise OfficeError("LibreOffice (soffice) is not installed: cannot convert to PDF")
    src = Path(src)
    with tempfile.TemporaryDirectory(prefix="atelier-soffice-") as tmp:
        tmp = Path(tmp)
        home = Path(profile).resolve() if profile else tmp / "profile"
        cmd = [soffice, f"-env:UserInstallation=file://{home}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(tmp / "out"), str(src)]
        # LibreOffice finds fonts through fontconfig: give it the brand's fonts only, so the PDF
        # embeds the faces the template names on every machine (not a system substitute).
        from .layout.fonts import ensure_fontconfig

        env = dict(os.environ, FONTCONFIG_FILE=str(ensure_fontconfig()))
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise OfficeError(f"LibreOffice took more than {timeout} s to convert {src}") from None
        out = tmp / "out" / (src.stem + ".pdf")
        if proc.returncode != 0 or not out.is_file():
            raise OfficeError(f"LibreOffice could not convert {src} to PDF (exit "
                              f"{proc.returncode}): {(proc.stderr or proc.stdout).strip()[-500:]}")
        return out.read_bytes()


UNO_SCRIPT = Path(__file__).with_name("uno_pdf.py")


@functools.cache
def uno_python() -> str | None:
    """A Python that can drive LibreOffice over UNO (Debian's python3-uno), or None."""
    for exe in ("/usr/bin/python3", shutil.which("python3")):
        if exe and Path(exe).is_file():
            ok = subprocess.run([exe, "-c", "import uno"], capture_output=True).returncode == 0
            if ok:
                return exe
    return None


def soffice_pdf_updated(src: str | Path, timeout: int = 300,
                        profile: str | Path | None = None) -> bytes:
    """``src`` (a Writer document) to PDF by LibreOffice with its table of contents and other
    indexes updated first (atelier/uno_pdf.py); the brand fonts only, as ``soffice_pdf``."""
    python = uno_python()
    if python is None or shutil.which("soffice") is None:
        raise OfficeError("LibreOffice's Python bridge is not installed (Debian: python3-uno): "
                          "cannot update the table of contents")
    from .layout.fonts import ensure_fontconfig

    env = dict(os.environ, FONTCONFIG_FILE=str(ensure_fontconfig()))
    with tempfile.TemporaryDirectory(prefix="atelier-uno-") as tmp:
        home = Path(profile).resolve() if profile else Path(tmp) / "profile"
        out = Path(tmp) / "out.pdf"
        try:
            proc = subprocess.run([python, str(UNO_SCRIPT), str(home), str(src), str(out)],
                                  capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise OfficeError(f"LibreOffice took more than {timeout} s to convert {src}") from None
        if proc.returncode != 0 or not out.is_file():
            raise OfficeError(f"LibreOffice could not convert {src} to PDF (exit "
                              f"{proc.returncode}): {(proc.stderr or proc.stdout).strip()[-500:]}")
        return out.read_bytes()


def deterministic_pdf(data: bytes, title: str, author: str, when: str) -> bytes:
    """A PDF with fixed dates, metadata and /ID, so the same document gives the same bytes
    (LibreOffice stamps the conversion time and a random /ID)."""
    import pikepdf

    stamp = "D:" + dt.date.fromisoformat(str(when)[:10]).strftime("%Y%m%d") + "000000Z"
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata  # XMP repeats the dates; the Info dictionary is enough
        info = pdf.trailer.get("/Info")
        if info is None:
            pdf.trailer.Info = info = pdf.make_indirect(pikepdf.Dictionary())
        for key in list(info.keys()):
            del info[key]
        for key in ("/ID", "/DocChecksum"):  # qpdf's deterministic /ID is seeded by the old one
            if key in pdf.trailer:
                del pdf.trailer[key]
        info.Title = pikepdf.String(title)
        info.Author = pikepdf.String(author)
        info.Producer = pikepdf.String("Atelier ALL (LibreOffice)")
        info.CreationDate = info.ModDate = pikepdf.String(stamp)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()
