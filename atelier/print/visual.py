"""Visual regression of the proofs: small reference images, and a perceptual difference.

The sample's proofs (``build/proofs/{labels,menus,signage}/*.png``) are kept in the repository
as small references (``tests/visual/``, at most ``visual_regression.size_px`` on their long
side, so the repository stays small). A new proof is reduced the same way and compared: both are
blurred a little (anti-aliasing and sub-pixel shifts are not changes) and a pixel counts as
changed when its colour moved by more than ``pixel_tolerance`` (0–255, on any channel). The share
of changed pixels is the difference; above ``max_changed`` the test fails and names the proofs.

Accept new references (after a deliberate change): ``make accept-proofs``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

FAMILIES = ("labels", "menus", "signage")
REFERENCES = Path("tests/visual")


def reduce(image: Image.Image, size_px: int) -> Image.Image:
    """``image`` in RGB, its long side ``size_px`` (never enlarged)."""
    image = image.convert("RGB")
    scale = min(1.0, size_px / max(image.size))
    if scale < 1.0:
        image = image.resize((max(1, round(image.width * scale)),
                              max(1, round(image.height * scale))), Image.Resampling.LANCZOS)
    return image


def changed_share(reference: Image.Image, proof: Image.Image, tolerance: int) -> float:
    """Share of the reference's pixels whose colour changed by more than ``tolerance``, the proof
    reduced to the reference's size; both blurred by one pixel first."""
    proof = proof.convert("RGB")
    if proof.size != reference.size:
        proof = proof.resize(reference.size, Image.Resampling.LANCZOS)
    a = reference.convert("RGB").filter(ImageFilter.GaussianBlur(1))
    b = proof.filter(ImageFilter.GaussianBlur(1))
    diff = ImageChops.difference(a, b)
    channels = diff.split()
    worst = ImageChops.lighter(ImageChops.lighter(channels[0], channels[1]), channels[2])
    hist = worst.histogram()
    changed = sum(hist[tolerance + 1:])
    return changed / (reference.width * reference.height)


def proofs(build: Path) -> dict[str, Path]:
    """The proofs compared, by their path under ``build/proofs``."""
    root = Path(build) / "proofs"
    return {str(p.relative_to(root)): p for family in FAMILIES
            for p in sorted((root / family).glob("*.png"))}


def accept(build: Path, references: Path, size_px: int) -> int:
    """Replace the references by the current proofs, reduced; returns how many were written."""
    found = proofs(build)
    if not found:
        raise SystemExit(f"no proof under {build}/proofs: build first (make build)")
    if references.exists():
        shutil.rmtree(references)
    for name, path in found.items():
        target = references / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with Image.open(path) as image:
            # a 256-colour palette halves the files; the comparison's tolerance absorbs it
            small = reduce(image, size_px).quantize(256, dither=Image.Dither.NONE)
            small.save(target, optimize=True)
    return len(found)
