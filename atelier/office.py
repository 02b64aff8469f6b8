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
import io
import zipfile
from pathlib import Path

__all__ = ["FIXED_ZIP_TIME", "normalise_zip", "set_core_dates", "write_normalised"]

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
