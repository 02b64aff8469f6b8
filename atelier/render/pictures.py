"""Photographs cropped to a frame, for the Office documents (centre crop, source resolution)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

__all__ = ["cropped"]


def cropped(path: Path, aspect: float) -> bytes:
    """The image at ``path`` cropped around its centre to ``aspect`` (width / height), in its
    own format (JPEG stays JPEG, PNG stays PNG), never resampled."""
    with Image.open(path) as im:
        w, h = im.size
        if w / h > aspect:  # too wide: trim the sides
            cw, ch = round(h * aspect), h
        else:  # too tall: trim top and bottom
            cw, ch = w, round(w / aspect)
        box = ((w - cw) // 2, (h - ch) // 2, (w - cw) // 2 + cw, (h - ch) // 2 + ch)
        out = io.BytesIO()
        fmt = "JPEG" if im.format == "JPEG" else "PNG"
        im.crop(box).save(out, fmt, **({"quality": 90} if fmt == "JPEG" else {"optimize": True}))
        return out.getvalue()
