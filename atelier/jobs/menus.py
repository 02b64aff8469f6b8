"""The job of one menu: its print PDF (every page: trim, bleed, crop marks, boxes), a PNG proof
per page and its online page. Callable without Snakemake (tests, bench)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..content.menu import MenuContentError, menu_content
from ..print.pdfx import PdfxError, printer_file
from ..print.press import PressSettingsError
from ..records.store import load, where
from ..render.canvas import PrintGeometry, render_pdf, render_png
from ..render.menus import MenuError, draw_menu, load_templates
from ..render.svgdoc import TemplateError
from ..render.web import WEB_FILES, WebTemplateError, render_menu_page
from .incremental import write_if_changed

PREVIEW_DPI = 72


class MenuFailed(SystemExit):
    """Exit with a message naming the menu (Snakemake shows it; no traceback)."""


def _settings(paths: list[str]) -> dict:
    return {Path(p).stem: load(p) for p in paths}


def make_menu(menu: dict, dishes: list[dict], partners: dict[str, dict], settings: dict,
              templates: Path, web_templates: Path):
    """(content, drawing, web files) of one menu; raises ``MenuError``/``MenuContentError``/
    ``TemplateError`` with what is wrong."""
    fmt = settings["menus"]["formats"][menu["format"]]
    content = menu_content(menu, dishes, partners, settings)
    safety = max(settings["printer"]["safety_margin_mm"],
                 settings["menus"].get("safety_margin_mm", 0))
    pages = load_templates(templates / menu["format"], fmt, safety)
    drawing = draw_menu(content, pages, fmt, settings)
    web = render_menu_page(content, web_templates)
    return content, drawing, web


def build_menu(menu_path: str, dish_paths: list[str], partner_paths: list[str],
               settings_paths: list[str], templates: str, web_templates: str, pdf: str,
               pngs: list[str], web_dir: str, report: str | None = None) -> dict:
    """Write the menu's outputs (only files whose bytes changed); exit naming the menu and its
    row when the menu cannot be made."""
    settings = _settings(settings_paths)
    menu = load(menu_path)
    dishes = [load(p) for p in dish_paths]
    partners = {Path(p).stem: load(p) for p in partner_paths}
    try:
        content, drawing, web = make_menu(menu, dishes, partners, settings, Path(templates),
                                          Path(web_templates))
    except (MenuError, MenuContentError, TemplateError, WebTemplateError) as exc:
        raise MenuFailed(f"Menu « {menu['id']} » ({where('menus', menu['id'])}, format "
                         f"{menu['format']}) cannot be made: {exc}") from None
    if len(drawing.pages) != len(pngs):
        sys.exit(f"internal: {len(drawing.pages)} pages drawn, {len(pngs)} proofs declared")
    geo = PrintGeometry.from_settings(settings["printer"])
    first = drawing.pages[0]
    trim, bleed = geo.boxes(first.width, first.height)
    title = f"{content.titles['fr']} — {menu['id']}"
    try:
        data = printer_file(render_pdf(drawing.pages, geo, title), trim, bleed, settings, "menus", title)
    except (PdfxError, PressSettingsError) as exc:
        raise MenuFailed(f"Menu « {menu['id']} »: the print file cannot be made: {exc}") from None
    written = [pdf] if write_if_changed(Path(pdf), data) else []
    for page, png in zip(drawing.pages, pngs, strict=True):
        if write_if_changed(Path(png), render_png(page, PREVIEW_DPI)):
            written.append(png)
    for name in WEB_FILES:
        out = Path(web_dir) / name
        if write_if_changed(out, web[name]):
            written.append(str(out))
    checks = {**drawing.checks, "left_out": content.left_out}
    if report:  # what was measured, and the codes the preflight must read back (its convention:
        # entries keyed by print file name, see atelier/print/preflight.py)
        qr = checks["qr"]
        state = {Path(pdf).name: {"measured": checks, "codes": [
            {"kind": "QR", "data": qr["data"], "page": qr["page"], "box_mm": qr["box_mm"]}],
            "layout": {"family": "menus", "boxes": drawing.boxes, "covers": drawing.covers}}}
        write_if_changed(Path(report), (json.dumps(state, ensure_ascii=False, sort_keys=True,
                                                   indent=1) + "\n").encode("utf-8"))
    return {**checks, "written": written}
