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
                  order: list[str] | None = None, manifest: dict[str, dict] | None = None,
                  diffs: dict[str, dict] | None = None) -> list[dict]:
    """Families -> groups (sub-folders) -> cards; a PNG that illustrates another asset (its
    proof, or a file with the same stem) is that asset's thumbnail, not a card of its own.
    A printer file (a row of ``manifest``, by path) shows its BAT state and whether it changed
    since the last delivery; ``diffs`` (by path) its before / after / overlay."""
    manifest, diffs = manifest or {}, diffs or {}
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
                **printer_file(manifest.get(f), diffs.get(f), page_dir),
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


BAT_CLASSES = {"approuvé": "approved", "modifié depuis le BAT": "lapsed", "sans BAT": "never"}


def printer_file(row: dict | None, diff: dict | None, page_dir: str) -> dict:
    """A card's press fields: ``asset`` (as in MANIFEST.csv), ``sha256``, ``bat`` (state) and
    ``bat_class``, ``changed`` (« oui », « non », « nouveau »), ``diff`` (pages of
    before / after / overlay, or none). Empty values for files the printer does not receive."""
    if row is None:
        return {"asset": "", "sha256": "", "bat": "", "bat_class": "", "changed": "", "diff": None}
    return {"asset": row["fichier"], "sha256": row["sha256"], "bat": row.get("bat", ""),
            "bat_class": BAT_CLASSES.get(row.get("bat", ""), ""), "changed": row.get("modifie", ""),
            "diff": diff_view(diff, page_dir) if diff else None}


def diff_view(diff: dict, page_dir: str) -> dict:
    return {"asset": diff["fichier"], "bat": diff.get("bat", ""),
            "bat_class": BAT_CLASSES.get(diff.get("bat", ""), ""),
            "pages": [{"page": p["page"], "before": rel(p["avant"], page_dir),
                       "after": rel(p["apres"], page_dir), "overlay": rel(p["ecarts"], page_dir),
                       "percent": _percent(p["share"])} for p in diff["pages"]]}


def _percent(share: float) -> str:
    """The changed share of a page as a designer reads it: « 0,4 % », « < 0,1 % »."""
    if share <= 0:
        return "0 %"
    if share < 0.001:
        return "< 0,1 %"
    return f"{share * 100:.1f} %".replace(".", ",")


def _common_root(files: list[str]) -> Path | None:
    parents = [Path(f).parent for f in files if Path(f).suffix.lower() not in IMAGES] or \
              [Path(f).parent for f in files]
    try:
        return Path(os.path.commonpath([str(p) for p in parents]))
    except ValueError:
        return None


def render_gallery(families: list[dict], page_dir: str, preflight_page: str,
                   pack: str | None, changed: list[dict] | None = None,
                   bat_setting: str = "flag") -> str:
    """``changed``: the visual diffs since the last delivery (``diff_view`` of each);
    ``bat_setting``: ``pack.bat.unapproved`` (the page says what happens to files without BAT)."""
    total = sum(f["count"] for f in families)
    cards = [c for f in families for g in f["groups"] for c in g["cards"] if c["asset"]]
    bat = {state: sum(c["bat"] == state for c in cards) for state in BAT_CLASSES}
    return _render(
        "gallery.html.j2", title="Épreuves — Atelier ALL", families=families, total=total,
        colours=colours(),
        preflight_href=rel(preflight_page, page_dir),
        pack_href=rel(pack, page_dir) if pack else None,
        changed=[diff_view(d, page_dir) for d in changed or []],
        bat=bat, bat_refuses=bat_setting == "refuse")


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
