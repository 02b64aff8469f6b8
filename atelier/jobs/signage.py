"""The signage jobs: every stop's panel, then the overview map panel and the roll-fold leaflet.

Callable without Snakemake (tests, bench). Each job keys what it draws (see ``incremental``) and
writes a file only when its bytes change, so one edited stop rewrites its own panel, the panel
of the stop before it when the arrow's target changed, and the map and leaflet only when what
they show (numbers, names, positions, themes, hours) changed.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
from pathlib import Path

from ..content.trail import (
    PARTNER_TEXTS,
    Guidance,
    GuidanceError,
    in_order,
    leg,
    next_stops,
    typeset_texts,
)
from ..layout.codes import with_utm
from ..layout.fonts import MissingGlyph
from ..print.pdfx import PdfxError, printer_file
from ..print.press import PressSettingsError
from ..records.store import load, where
from ..render.canvas import PrintGeometry, render_pdf, render_png
from ..render.signage import (
    SignageError,
    check_panel_template,
    draw_carte,
    draw_leaflet,
    draw_panel,
    layout_declaration,
    panel_content,
)
from ..render.svgdoc import TemplateError, load_template
from ..render.trailmap import to_svg
from .incremental import State, code_digest, digest, file_digest, write_if_changed

# The package code the panels are drawn with (this module and what it imports).
CODE = code_digest("atelier.jobs.signage")

PANEL_DPI = 50  # proofs of A2 panels: 830 × 1170 px is plenty to check a layout
MAP_DPI = 150  # the decks reuse the map proof
LEAFLET_DPI = 150
PARALLEL_FROM = 12  # below this many panels, a process pool costs more than it saves
# What a panel shows of the next stop: only these fields re-draw the previous panel.
NEXT_FIELDS = ("id", "numero", "nom", "latitude", "longitude")
# What the map and the leaflet show of each stop.
OVERVIEW_FIELDS = ("id", "numero", "nom", "theme", "commune", "latitude", "longitude", "horaires",
                   "date_debut", "date_fin", "url")


def _settings(paths: list[str]) -> dict:
    return {Path(p).stem: load(p) for p in paths}


def _dump(obj) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False)


_JOB: dict = {}  # per-process job state, inherited by forked workers


def _render_panel(task):
    sid, stop, nxt, partner = task
    j = _JOB
    try:
        lg = leg(stop, nxt, j["guidance"]) if nxt else None
        content = panel_content(stop, lg, partner, j["total"], j["settings"])
        template = j["templates"][stop["format_panneau"]]
        drawing = draw_panel(content, template, j["settings"])
    except (SignageError, MissingGlyph, TemplateError) as exc:
        return sid, None, None, str(exc), None
    geo = j["geometry"]
    trim, bleed = geo.boxes(template.width, template.height)
    title = f"Parcours noir — étape {stop['numero']} — {stop['nom']}"
    try:
        pdf = printer_file(render_pdf([drawing.canvas], geo, title), trim, bleed, j["settings"],
                           "signage", title)
    except (PdfxError, PressSettingsError) as exc:
        return sid, None, None, f"print file: {exc}", None
    return (sid, pdf, render_png(drawing.canvas, PANEL_DPI), drawing.checks,
            layout_declaration([drawing]))


def build_panels(batch: str, settings: list[str], templates: list[str], brand_files: list[str],
                 pdfs: list[str], pngs: list[str], state_path: str, threads: int = 1) -> dict:
    """Draw the panels whose inputs changed; exit listing every stop that breaks a rule.

    ``batch`` holds the stops in trail order and their partners (``plan.signage.stops_batch``);
    ``pdfs`` and ``pngs`` come in the same order."""
    conf = _settings(settings)
    try:
        tpls = {}
        for t in templates:
            tpl = load_template(Path(t))
            check_panel_template(tpl)
            fmt_name = Path(t).stem.removeprefix("panel-")
            fmt = conf["signage"]["formats"][fmt_name]
            if abs(tpl.width - fmt["width_mm"]) > 0.05 or abs(tpl.height - fmt["height_mm"]) > 0.05:
                raise TemplateError(
                    f"{t} is {tpl.width:g} × {tpl.height:g} mm but format {fmt_name} in "
                    f"config/settings.yaml says {fmt['width_mm']:g} × {fmt['height_mm']:g} mm")
            tpls[fmt_name] = tpl
    except TemplateError as exc:
        sys.exit(f"Template problem: {exc}")
    staged = load(batch)
    stops = [typeset_texts(s) for s in in_order(staged["stops"])]
    nexts = next_stops(stops)
    partners_by_id = {k: typeset_texts(v, PARTNER_TEXTS) for k, v in staged["partners"].items()}
    guidance = Guidance.of(conf["signage"])
    try:
        guidance.check_stops(s["id"] for s in stops)
    except GuidanceError as exc:
        sys.exit(f"Setting problem: {exc}")
    _JOB.update(settings=conf, templates=tpls, total=len(stops), guidance=guidance,
                geometry=PrintGeometry.from_settings(conf["printer"]))
    salt = digest(file_digest([*templates, *brand_files]), _dump(conf), CODE,
                  str(PANEL_DPI), str(len(stops)))
    ids_in_order = [s["id"] for s in staged["stops"]]
    out_pdf = dict(zip(ids_in_order, pdfs, strict=True))
    out_png = dict(zip(ids_in_order, pngs, strict=True))
    state = State(state_path)
    todo, keys = [], {}
    for s in stops:
        sid = s["id"]
        nxt = nexts[sid]
        partner = partners_by_id.get(s.get("partenaire") or "")
        keys[sid] = digest(salt, _dump(s), _dump({k: nxt[k] for k in NEXT_FIELDS} if nxt else None),
                           _dump(partner))
        if state.fresh(sid, keys[sid], [out_pdf[sid], out_png[sid]]):
            state.keep(sid)
        else:
            todo.append((sid, s, nxt, partner))
    if len(todo) >= PARALLEL_FROM and threads > 1:
        with multiprocessing.get_context("fork").Pool(threads) as pool:
            results = pool.map(_render_panel, todo, chunksize=max(1, len(todo) // (threads * 4)))
    else:
        results = [_render_panel(t) for t in todo]
    errors, written = [], []
    for sid, pdf, png, checks, layout in results:
        if pdf is None:
            errors.append(f"  ✗ {where('etapes', sid)} › {checks}")  # the message names the stop
            continue
        if write_if_changed(Path(out_pdf[sid]), pdf):
            written.append(out_pdf[sid])
        write_if_changed(Path(out_png[sid]), png)
        state.record(sid, keys[sid], checks=checks, layout=layout)
    if errors:
        state.save()
        sys.exit(f"{len(errors)} Parcours noir panel(s) cannot be printed:\n" + "\n".join(errors))
    # Panels of deleted stops are removed by the Snakefile's onstart (no rule produces them).
    state.save()
    return {"panels": len(stops), "drawn": len(todo), "written": written}


def build_overview(batch: str, settings: list[str], templates: dict[str, str],
                   brand_files: list[str], outputs: dict, state_path: str) -> dict:
    """The map panel and the leaflet, re-drawn only when what they show changed."""
    conf = _settings(settings)
    try:
        tpl = {k: load_template(Path(v)) for k, v in templates.items() if k != "fond"}
    except TemplateError as exc:
        sys.exit(f"Template problem: {exc}")
    stops = [typeset_texts(s) for s in in_order(load(batch)["stops"])]
    shown = [{k: s[k] for k in OVERVIEW_FIELDS} for s in stops]
    salt = digest(file_digest([*templates.values(), *brand_files]), _dump(conf), CODE,
                  str(MAP_DPI), str(LEAFLET_DPI))
    key = digest(salt, _dump(shown))
    state = State(state_path)
    files = [outputs["map_pdf"], outputs["map_png"], outputs["map_svg"], outputs["map_json"],
             outputs["leaflet_pdf"], *outputs["leaflet_pngs"]]
    # the print files' own entries: codes and layout, for the preflight
    leaflet_name = Path(outputs["leaflet_pdf"]).name
    map_name = Path(outputs["map_pdf"]).name
    if state.fresh("overview", key, files) and {leaflet_name, map_name} <= set(state.old):
        for name in ("overview", leaflet_name, map_name):
            state.keep(name)
        state.save()
        return {"drawn": False, "written": []}
    geo = PrintGeometry.from_settings(conf["printer"])
    if len(outputs["leaflet_pngs"]) != 2:
        sys.exit(f"internal: the leaflet has 2 sides, {len(outputs['leaflet_pngs'])} planned")
    lconf = conf["signage"]["leaflet"]
    utm = conf["urls"]["utm"]
    trail_url = with_utm(lconf.get("trail_url") or stops[0]["url"], utm["source"], "depliant",
                         utm["campaign"])
    try:
        carte, trail_map = draw_carte(stops, tpl["carte"], conf)
        leaflet, _ = draw_leaflet(stops, tpl["recto"], tpl["verso"], conf, trail_url)
    except (SignageError, MissingGlyph, TemplateError) as exc:
        sys.exit(f"The Parcours noir map or leaflet cannot be printed: {exc}")
    name = conf["event"]["name"]
    files_out = {
        outputs["map_pdf"]: _printer_file([carte.canvas], geo, tpl["carte"], conf, "signage",
                                          f"{name} — carte"),
        outputs["map_png"]: render_png(carte.canvas, MAP_DPI),
        outputs["map_svg"]: to_svg(trail_map, tpl["carte"].width, tpl["carte"].height).encode(),
        outputs["map_json"]: (json.dumps(trail_map.sidecar(), indent=1, sort_keys=True,
                                         ensure_ascii=False) + "\n").encode(),
        outputs["leaflet_pdf"]: _printer_file([d.canvas for d in leaflet], geo, tpl["recto"], conf,
                                              "leaflet", f"{name} — dépliant"),
    }
    for png, d in zip(outputs["leaflet_pngs"], leaflet, strict=True):
        files_out[png] = render_png(d.canvas, LEAFLET_DPI)
    written = [p for p, data in files_out.items() if write_if_changed(Path(p), data)]
    state.record("overview", key, checks={"carte": carte.checks,
                                          "leaflet": [d.checks for d in leaflet]})
    state.record(leaflet_name, key, codes=[
        {"kind": "QR", "data": d.checks["qr"]["data"], "page": n,
         "module_mm": d.checks["qr"]["module_mm"]}
        for n, d in enumerate(leaflet) if d.checks.get("qr")],
        layout=layout_declaration(leaflet))
    state.record(map_name, key, layout=layout_declaration([carte]))
    state.save()
    return {"drawn": True, "written": written}


def _printer_file(canvases, geo, template, conf: dict, job: str, title: str) -> bytes:
    try:
        return printer_file(render_pdf(canvases, geo, title), *geo.boxes(template.width, template.height),
                            conf, job, title)
    except (PdfxError, PressSettingsError) as exc:
        sys.exit(f"{title}: the print file cannot be made: {exc}")


__all__ = ["build_overview", "build_panels"]
