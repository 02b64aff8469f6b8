"""The printer's pack jobs: CMYK copies, manifest, job sheet, preflight, gallery, zip.

Each reads ``build/plan/pack.json`` (written at parse time by ``atelier.plan.pack``) and is
callable without Snakemake. Preflight and CMYK skip files whose bytes (and whatever they are
checked against) did not change since their last run.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

from ..plan.pack import PRINT, thumbnail_for
from ..print import preflight as pf
from ..print.manifest import (
    ManifestError,
    manifest_rows,
    read_manifest,
    read_previous,
    sha256,
    write_manifest,
)
from .incremental import State, code_digest, digest, file_digest, write_if_changed

PREFLIGHT_PAGE = "build/preflight/index.html"
JOBSHEET = "build/print/fiche-de-fabrication.pdf"
GALLERY_PAGE_DIR = "build/proofs"


def load_plan(path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _pool_map(func, items, threads: int, least: int = 4):
    """``map`` over a fork pool when there are at least ``least`` items (else it costs more)."""
    if threads > 1 and len(items) >= least:
        with multiprocessing.get_context("fork").Pool(threads) as pool:
            return pool.map(func, items, chunksize=max(1, len(items) // (threads * 4)))
    return [func(i) for i in items]


# -- CMYK --------------------------------------------------------------------------------------
def _convert(task):
    from ..print.cmyk import CmykError, to_cmyk

    src, dst, title = task
    try:
        return src, to_cmyk(Path(src), title), None
    except CmykError as exc:
        return src, None, str(exc)


def build_cmyk(plan_path: str, state_path: str, threads: int = 1) -> dict:
    plan = load_plan(plan_path)
    state = State(state_path)
    salt = digest(code_digest())
    todo, keys = [], {}
    for e in plan["files"]:
        if not e["cmyk"]:
            continue
        keys[e["path"]] = digest(salt, sha256(e["path"]))
        if state.fresh(e["path"], keys[e["path"]], [e["cmyk"]]):
            state.keep(e["path"])
        else:
            todo.append((e["path"], e["cmyk"], e["job"]))
    dst = {t[0]: t[1] for t in todo}
    errors = []
    for src, data, err in _pool_map(_convert, todo, threads):
        if err:
            errors.append(err)
            continue
        write_if_changed(Path(dst[src]), data)
        state.record(src, keys[src])
    if errors:
        sys.exit("CMYK conversion failed:\n  " + "\n  ".join(errors))
    state.save()
    return {"files": len(keys), "converted": len(todo)}


# -- manifest and job sheet ----------------------------------------------------------------------
def build_manifest(plan_path: str, previous: str, out: str) -> dict:
    plan = load_plan(plan_path)
    try:
        before = read_previous(Path(previous))
    except ManifestError as exc:
        sys.exit(f"Previous delivery: {exc} (pack.previous_manifest in config/settings.yaml)")
    rows = manifest_rows(plan["files"], plan["jobs"], before)
    write_if_changed(Path(out), write_manifest(rows))
    changed = sum(r["modifie"] != "non" for r in rows)
    return {"rows": len(rows), "changed": changed, "previous": bool(before)}


def build_jobsheet(plan_path: str, manifest: str, out: str) -> None:
    from ..content.formats import long_day
    from ..print.jobsheet import SheetInfo, render_jobsheet

    plan = load_plan(plan_path)
    printer, pack = plan["printer"], plan["pack"]
    info = SheetInfo(printer=printer.get("name", "—"), printer_contact=printer.get("contact", "—"),
                     contact=pack.get("contact", "—"),
                     delivery=_date(pack.get("delivery") or printer.get("delivery"), long_day),
                     issued=_date(pack.get("issued"), long_day))
    write_if_changed(Path(out), render_jobsheet(read_manifest(Path(manifest)), info))


def _date(value, fmt) -> str:
    return fmt(str(value)) if value else "à convenir"


# -- preflight ---------------------------------------------------------------------------------
_PF: dict = {}  # worker state, set before forking


def _inspect(task):
    spec, expect = task
    findings, rasters = pf.inspect_file(spec, expect, _PF["fonts"], _PF["dpi"], _PF["x_height_of"],
                                        _PF["rasters"])
    return spec.path, [f.as_dict() for f in findings], rasters


def _decode(paths):
    return pf.decode_rasters(paths)


def _x_height_mm_per_pt(bold: bool) -> float:
    from .. import brand
    from ..layout.fonts import PT, Face, metrics

    return PT * metrics(Face(brand.fonts().latin, bold=bold))["x_height"]


def run_preflight(plan_path: str, font_files: list[str], out_html: str, out_summary: str,
                  state_path: str, threads: int = 1) -> dict:
    """Check every print file (and CMYK copy) not checked with the same inputs before; write
    the HTML report and the summary. Never fails: the pack job refuses to pack on errors."""
    started = time.perf_counter()
    plan = load_plan(plan_path)
    conf = (plan["pack"].get("preflight") or {})
    fonts = pf.brand_font_names(font_files)
    dpi = float(conf.get("code_dpi", 200))
    _PF.update(fonts=fonts, dpi=dpi, x_height_of=_x_height_mm_per_pt)
    states_cache: dict[str, dict] = {}

    def states(paths):
        for p in paths:
            if p not in states_cache:
                try:
                    states_cache[p] = json.loads(Path(p).read_text(encoding="utf-8"))
                except (FileNotFoundError, ValueError):
                    states_cache[p] = {}
        return [states_cache[p] for p in paths]

    state = State(state_path)
    # Only the checks' own code: other modules change often and do not change a verdict.
    from ..print import layout_lint

    salt = digest(file_digest([pf.__file__]), json.dumps(sorted(fonts)), str(dpi),
                  layout_lint.salt())
    todo, keys_by_path, order = [], {}, []
    for e in plan["files"]:
        expect = pf.expectations_for(Path(e["path"]).name, states(e["sidecars"]))
        for path, cmyk in ((e["path"], False), (e["cmyk"], True)):
            if not path:
                continue
            order.append(path)
            spec = pf.FileSpec(path, e["width_mm"], e["height_mm"], e["bleed_mm"],
                               e["safety_margin_mm"], e["min_dpi"], cmyk,
                               pf.raster_dpi(expect, e.get("large", False), dpi,
                                             conf.get("code_dpi_large", 100)))
            keys_by_path[path] = digest(salt, sha256(path),
                                        json.dumps(spec.__dict__, sort_keys=True),
                                        json.dumps(expect.__dict__, sort_keys=True))
            if state.fresh(path, keys_by_path[path], [path]):
                state.keep(path)
            else:
                todo.append((spec, expect))
    with tempfile.TemporaryDirectory() as rasters:
        _PF["rasters"] = rasters
        inspected = _pool_map(_inspect, todo, threads)
        # Phase two: each distinct page raster decoded once, the batches spread over the cores.
        unique = sorted({k for _p, _f, keys in inspected for k in keys})
        batches = [[Path(rasters) / f"{k}.pgm" for k in unique[i::threads]] for i in range(threads)]
        codes: dict = {}
        for part in _pool_map(_decode, [b for b in batches if b], threads, least=2):
            codes.update(part)
    expects = {spec.path: expect for spec, expect in todo}
    for path, findings, keys in inspected:
        found = [codes.get(k, []) for k in keys]
        findings += [f.as_dict() for f in pf.code_findings(found, expects[path])]
        state.record(path, keys_by_path[path], findings=findings)
    state.save()
    results = {p: {"level": pf.worst(state.new[p]["findings"]),
                   "findings": state.new[p]["findings"]} for p in order}
    summary = {
        "files": len(order), "checked": len(todo),
        "errors": sum(r["level"] == "error" for r in results.values()),
        "warnings": sum(r["level"] == "warning" for r in results.values()),
        "seconds": round(time.perf_counter() - started, 2), "pages_decoded": len(unique),
        "results": results,
    }
    from ..render.gallery import GalleryTemplateError, render_preflight

    orphans = _orphans(plan)
    try:
        html = render_preflight(results, summary, str(Path(out_html).parent), orphans)
    except GalleryTemplateError as exc:
        sys.exit(f"Template problem: {exc}")
    write_if_changed(Path(out_html), html.encode("utf-8"))
    # The summary is the gallery's and the pack's input: times would make it differ at every run.
    stable = {k: v for k, v in summary.items() if k not in ("seconds", "pages_decoded", "checked")}
    stable["orphans"] = orphans
    write_if_changed(Path(out_summary), (json.dumps(stable, ensure_ascii=False, sort_keys=True,
                                                    separators=(",", ":")) + "\n").encode("utf-8"))
    return summary


def _orphans(plan: dict) -> list[str]:
    """PDFs under build/print that no row produces any more (a deleted product): never packed."""
    known = {e["path"] for e in plan["files"]} | {JOBSHEET}
    root = Path(PRINT)
    if not root.exists():
        return []
    return sorted(str(p) for p in root.rglob("*.pdf") if str(p) not in known)


def failures(summary: dict) -> str:
    lines = []
    for path, r in summary["results"].items():
        for f in r["findings"]:
            if f["level"] == "error":
                lines.append(f"  ✗ {path} › {f['check']} › {f['message']}")
    return "\n".join(lines)


# -- gallery -----------------------------------------------------------------------------------
def _thumb(task):
    import pypdfium2

    pdf, width_px = task
    doc = pypdfium2.PdfDocument(pdf)
    try:
        page = doc[0]
        w, _h = page.get_size()
        image = page.render(scale=width_px / w).to_pil()
    finally:
        doc.close()
    import io

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return pdf, out.getvalue()


def build_gallery(plan_path: str, summary_path: str, out_html: str, state_path: str,
                  threads: int = 1) -> dict:
    """The proof gallery; thumbnails (listed in the plan) drawn for the PDFs that changed."""
    from ..render.gallery import GalleryTemplateError, gallery_cards, render_gallery

    plan = load_plan(plan_path)
    conf = plan["pack"].get("gallery") or {}
    width_px = int(conf.get("thumbnail_px", 320))
    wanted = set(plan.get("thumbs", []))
    sources = {a: thumbnail_for(a) for files in plan["gallery"].values() for a in files
               if a.endswith(".pdf") and thumbnail_for(a) in wanted}
    state = State(state_path)
    todo, keys = [], {}
    for src, thumb in sorted(sources.items()):
        keys[src] = digest(sha256(src), str(width_px))
        if state.fresh(src, keys[src], [thumb]):
            state.keep(src)
        else:
            todo.append((src, width_px))
    for src, png in _pool_map(_thumb, todo, threads):
        write_if_changed(Path(sources[src]), png)
        state.record(src, keys[src])
    state.save()
    summary = json.loads(Path(summary_path).read_text(encoding="utf-8"))
    proofs = {e["path"]: e["proof"] for e in plan["files"] if e.get("proof")}
    preflight = dict(summary["results"])
    for e in plan["files"]:  # a CMYK copy's findings show on its RGB twin's card
        if e.get("cmyk") and e["cmyk"] in preflight:
            twin = preflight[e["cmyk"]]
            mine = preflight.get(e["path"], {"level": "ok", "findings": []})
            findings = mine["findings"] + [dict(f, message=f"CMJN : {f['message']}")
                                           for f in twin["findings"]]
            preflight[e["path"]] = {"level": pf.worst(findings), "findings": findings}
    families = gallery_cards(plan["gallery"], proofs, sources, preflight, conf.get("titles", {}),
                             GALLERY_PAGE_DIR, plan.get("gallery_order"))
    try:
        html = render_gallery(families, GALLERY_PAGE_DIR, PREFLIGHT_PAGE, "build/print-pack.zip")
    except GalleryTemplateError as exc:
        sys.exit(f"Template problem: {exc}")
    write_if_changed(Path(out_html), html.encode("utf-8"))
    return {"cards": sum(f["count"] for f in families), "thumbnails": len(todo)}


# -- the zip -----------------------------------------------------------------------------------
def build_pack(plan_path: str, manifest: str, jobsheet: str, summary_path: str,
               preflight_html: str, out: str) -> dict:
    from ..print.pack import write_pack

    summary = json.loads(Path(summary_path).read_text(encoding="utf-8"))
    if summary["errors"]:
        sys.exit(f"Preflight: {summary['errors']} file(s) in error — the pack is not made. "
                 f"See {preflight_html}.\n{failures(summary)}")
    plan = load_plan(plan_path)
    files = [(manifest, "print/MANIFEST.csv"), (jobsheet, "print/fiche-de-fabrication.pdf"),
             (preflight_html, "print/preflight.html")]
    for e in plan["files"]:
        for path in (e["path"], e["cmyk"]):
            if path:
                files.append((path, str(Path(path).relative_to("build"))))
    write_pack(Path(out), files)
    return {"entries": len(files)}
