"""build/print-pack.zip: everything the printer receives, in one deterministic archive.

Same inputs, same bytes: entries in a fixed order, each with the same timestamp, permissions
and compression level, so the archive's own checksum can be quoted in a delivery note.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def write_pack(out: Path, files: list[tuple[str, str]]) -> None:
    """Write ``out`` from (path on disk, name in the archive) pairs, sorted by name."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as z:
        for src, name in sorted(files, key=lambda f: f[1]):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            # PDFs are already compressed: storing them saves time and keeps offsets simple.
            pdf = name.endswith(".pdf")
            info.compress_type = zipfile.ZIP_STORED if pdf else zipfile.ZIP_DEFLATED
            z.writestr(info, Path(src).read_bytes(), compresslevel=9)
    tmp.replace(out)
