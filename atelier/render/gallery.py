"""HTML pages of the pack: the proof gallery (build/proofs/index.html) and the preflight report
(build/preflight/index.html), from the designers' Jinja templates in templates/gallery/.

The environment is sandboxed with autoescape on: product names and messages come from
spreadsheets, and must never become markup. Links are relative, so both pages work offline
from the build folder (and from a copy of it).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from .. import brand
from ..paths import TEMPLATES

GALLERY_TEMPLATES = TEMPLATES / "gallery"
IMAGES = (".png", ".jpg", ".jpeg", ".svg")


def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(loader=FileSystemLoader(GALLERY_TEMPLATES),
                                autoescape=select_autoescape(default=True, default_for_string=True),
                                undefined=StrictUndefined, keep_trailing_newline=True)


class GalleryTemplateError(ValueError):
    """A template of templates/gallery/ is missing or broken."""


def _render(name: str, **values) -> str:
    try:
        return environment().get_template(name).render(**values)
    except TemplateError as exc:
        raise GalleryTemplateError(f"templates/gallery/{name}: {type(exc).__name__}: {exc} — "
                                   f"see templates/gallery/README.md for its variables") from None


def colours() -> dict:
    return {"ink": brand.colour("text.on_light"), "accent": brand.colour("all.rouge_brique"),
            "paper": brand.colour("background.cream"), "rule": brand.colour("all.or_lampe"),
            "warn": brand.colour("themes.frites"), "ok": brand.colour("all.vert_jardin")}


def rel(path: str, start: str) -> str:
    return PurePosixPath(os.path.relpath(path, start)).as_posix()


def gallery_cards(assets: dict[str, list[str]], proofs: dict[str, str], thumbs: dict[str, str],
                  preflight: dict[str, dict], titles: dict[str, str], page_dir: str,
                  order: list[str] | None = None) -> list[dict]:
    """Families -> groups (sub-folders) -> cards; a PNG that illustrates another asset (its
    proof, or a file with the same stem) is that asset's thumbnail, not a card of its own."""
    families = []
    order = order or []
    rank = {f: i for i, f in enumerate(order)}
    for family, files in sorted(assets.items(), key=lambda kv: (rank.get(kv[0], len(order)), kv[0])):
        claimed = set(proofs.values()) | set(thumbs.values())
        stems = {}
        for f in files:
            if Path(f).suffix.lower() in IMAGES:
                stems.setdefault(Path(f).stem, f)
        for f in files:
            if Path(f).suffix.lower() not in IMAGES and Path(f).stem in stems:
                claimed.add(stems[Path(f).stem])
        root = _common_root(files)
        groups: dict[str, list] = {}
        for f in files:
            if f in claimed:
                continue
            # A deck or document converted to PDF shows its PDF's first page.
            twin = str(Path(f).with_suffix(".pdf"))
            thumb = proofs.get(f) or thumbs.get(f) or stems.get(Path(f).stem) or thumbs.get(twin)
            if thumb is None and Path(f).suffix.lower() in IMAGES:
                thumb = f
            report = preflight.get(f, {})
            sub = str(Path(f).parent.relative_to(root)) if root else "."
            groups.setdefault(sub, []).append({
                "title": Path(f).name, "href": rel(f, page_dir),
                "thumb": rel(thumb, page_dir) if thumb else None,
                "kind": Path(f).suffix.lstrip(".").upper() or "?",
                "level": report.get("level", ""),
                "messages": [m["message"] for m in report.get("findings", [])
                             if m["level"] != "ok"],
            })
        if not groups:
            continue
        families.append({
            "id": family, "title": titles.get(family, family.capitalize()),
            "count": sum(len(c) for c in groups.values()),
            "groups": [{"title": titles.get(Path(sub).name if sub != "." else family,
                                            sub if sub != "." else titles.get(family, family)),
                        "cards": cards} for sub, cards in sorted(groups.items())],
        })
    return families


def _common_root(files: list[str]) -> Path | None:
    parents = [Path(f).parent for f in files if Path(f).suffix.lower() not in IMAGES] or \
              [Path(f).parent for f in files]
    try:
        return Path(os.path.commonpath([str(p) for p in parents]))
    except ValueError:
        return None


def render_gallery(families: list[dict], page_dir: str, preflight_page: str,
                   pack: str | None) -> str:
    total = sum(f["count"] for f in families)
    return _render(
        "gallery.html.j2", title="Épreuves — Atelier ALL", families=families, total=total,
        colours=colours(),
        preflight_href=rel(preflight_page, page_dir),
        pack_href=rel(pack, page_dir) if pack else None)


def render_preflight(results: dict[str, dict], summary: dict, page_dir: str,
                     orphans: list[str]) -> str:
    checks = sorted({f["check"] for r in results.values() for f in r["findings"]},
                    key=lambda c: (CHECK_ORDER.index(c) if c in CHECK_ORDER else 99, c))
    files = []
    for path, r in results.items():
        by_check: dict[str, dict] = {}
        for f in r["findings"]:
            cell = by_check.setdefault(f["check"], {"level": "ok", "messages": [], "thumbs": []})
            cell["messages"].append(f["message"])
            if f.get("image"):  # the layout lint's thumbnail of the element, outlined
                cell["thumbs"].append({"src": rel(f["image"], page_dir), "alt": f["message"]})
            if LEVELS.index(f["level"]) > LEVELS.index(cell["level"]):
                cell["level"] = f["level"]
        files.append({"name": path, "href": rel(path, page_dir), "level": r["level"],
                      "checks": by_check})
    return _render(
        "preflight.html.j2", files=files, checks=checks, summary=summary, colours=colours(),
        orphans=orphans)


CHECK_ORDER = ["file", "boxes", "fonts", "images", "codes", "margins", "x_height", "colour", "layout"]
LEVELS = ["ok", "warning", "error"]
