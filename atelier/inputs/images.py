"""Image cells: a file name inside ``inputs/images/`` that really is an image."""

from __future__ import annotations

from pathlib import Path

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png"}


def check_image(name: str, folder: Path) -> str | None:
    """None when ``name`` is a usable image in ``folder``; else what was expected."""
    if "\\" in name or name.startswith("/") or ".." in Path(name).parts:
        return "a file name inside inputs/images/ (paths that leave that folder are refused)"
    path = folder / name
    if Path(name).suffix.lower() not in IMAGE_SUFFIXES:
        return "a .jpg or .png image in inputs/images/"
    if not path.is_file():
        return f"a file that exists in {folder}/ (no such file)"
    if path.is_symlink() or not path.resolve().is_relative_to(folder.resolve()):
        return "a file inside inputs/images/ (links that point outside are refused)"
    head = path.read_bytes()[:8]
    if not (head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n")):
        return "a real JPEG or PNG image (this file's content is not one)"
    return None
