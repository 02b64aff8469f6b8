"""Before / after / overlay of a proof that changed since the last delivery.

The delivery keeps each printer file's proof pages reduced (``keep``, long side
``pack.visual_diff.proof_px``, 256 colours so that the repository stays small). After a change,
the current proof is reduced the same way and compared as the visual regression does
(``atelier.print.visual``: both blurred by a pixel, a pixel changed when a channel moved by more
than ``pixel_tolerance``); the overlay is the new proof washed out to grey with the changed
pixels in the brand's accent, slightly thickened so that a changed figure is seen at a glance.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

from .visual import reduce

WASH = 0.3  # share of the proof left in the overlay's grey background
GROW_PX = 5  # changed pixels are thickened to this square


def pages(proof: str, count: int) -> list[str]:
    """A printer file's proof pages: ``x-1.png``, ``x-2.png``… for a multi-page file."""
    if count > 1 and proof.endswith("-1.png"):
        stem = proof[: -len("-1.png")]
        return [f"{stem}-{n}.png" for n in range(1, count + 1) if Path(f"{stem}-{n}.png").exists()]
    return [proof]


def keep(proof: Path, size_px: int) -> bytes:
    """The proof as a delivery keeps it: reduced, 256 colours, PNG."""
    with Image.open(proof) as image:
        small = reduce(image, size_px).quantize(256, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", optimize=True)
    return out.getvalue()


def overlay(before: Path, after: Path, size_px: int, tolerance: int,
            accent: tuple[int, int, int]) -> tuple[bytes, bytes, float]:
    """(the new proof reduced like the delivered one, the overlay, share of changed pixels)."""
    with Image.open(after) as image:
        new = reduce(image, size_px).quantize(256, dither=Image.Dither.NONE).convert("RGB")
    with Image.open(before) as image:
        old = image.convert("RGB")
    if old.size != new.size:  # the format changed: compare at the new size
        old = old.resize(new.size, Image.Resampling.LANCZOS)
    diff = ImageChops.difference(old.filter(ImageFilter.GaussianBlur(1)),
                                 new.filter(ImageFilter.GaussianBlur(1)))
    r, g, b = diff.split()
    worst = ImageChops.lighter(ImageChops.lighter(r, g), b)
    mask = worst.point(lambda v: 255 if v > tolerance else 0)
    share = mask.histogram()[255] / (mask.width * mask.height)
    grown = mask.filter(ImageFilter.MaxFilter(GROW_PX)) if share else mask
    grey = Image.blend(Image.new("RGB", new.size, (255, 255, 255)), new.convert("L").convert("RGB"),
                       WASH)
    grey.paste(Image.new("RGB", new.size, accent), mask=grown)
    return _png(new), _png(grey), share


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
