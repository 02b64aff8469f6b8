"""The printer's pack jobs: manifest, job sheet, preflight, gallery, the printer's and the
office's zips.

Each reads ``build/plan/pack.json`` (written at parse time by ``atelier.plan.pack``) and is
callable without Snakemake. The preflight skips files whose bytes (and whatever they are checked
against) did not change since its last run.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

from ..plan.pack import OFFICE, PRINT, thumbnail_for
from ..plan.registry import PRINTER
from ..print import preflight as pf
from ..print.manifest import (
    ManifestError,
    manifest_rows,
    read_manifest,
    read_previous,
    sha256,
    write_manifest,
)
from .incremental import State, digest, file_digest, write_if_changed

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


# -- manifest and job sheet ----------------------------------------------------------------------
def printer_files(plan: dict) -> list[dict]:
    """The plan's entries the printer receives (build/print/), not the office's sheets."""
    return [e for e in plan["files"] if e["destination"] == PRINTER]


def build_manifest(plan_path: str, previous: str, out: str, approvals_path: str | None = None) -> dict:
    from ..print.approvals import ApprovalsError
    from ..print.approvals import read as read_approvals

    plan = load_plan(plan_path)
    try:
        before = read_previous(Path(previous))
    except ManifestError as exc:
        sys.exit(f"Previous delivery: {exc} (pack.previous_manifest in config/settings.yaml)")
    try:
        approvals = read_approvals(approvals_path) if approvals_path else {}
    except ApprovalsError as exc:
        sys.exit(f"BAT approvals: {exc} (pack.bat.approvals in config/settings.yaml)")
    rows = manifest_rows(printer_files(plan), plan["jobs"], plan["press"], before, approvals)
    write_if_changed(Path(out), write_manifest(rows))
    changed = sum(r["modifie"] != "non" for r in rows)
    return {"rows": len(rows), "changed": changed, "previous": bool(before)}


def build_jobsheet(plan_path: str, manifest: str, out: str) -> None:
    from ..content.formats import long_day
    from ..print.jobsheet import SheetInfo, job_runs, render_jobsheet

    plan = load_plan(plan_path)
    printer, pack = plan["printer"], plan["pack"]
    info = SheetInfo(printer=printer.get("name", "—"), printer_contact=printer.get("contact", "—"),
                     contact=pack.get("contact", "—"),
                     delivery=_date(pack.get("delivery") or printer.get("delivery"), long_day),
                     issued=_date(pack.get("issued"), long_day))
    rows = read_manifest(Path(manifest))
    write_if_changed(Path(out), render_jobsheet(job_runs(rows, plan["jobs"]), info,
                                                plan["printer"], plan["jobs"]))


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
    from ..print import layout_lint, press_checks, readback, separations

    salt = digest(file_digest([pf.__file__, press_checks.__file__, separations.__file__,
                               readback.__file__]),
                  json.dumps(sorted(fonts)), str(dpi), layout_lint.salt())
    todo, keys_by_path, order = [], {}, []
    for e in plan["files"]:
        expect = pf.expectations_for(Path(e["path"]).name, states(e["sidecars"]))
        path = e["path"]
        order.append(path)
        spec = pf.FileSpec(path, e["width_mm"], e["height_mm"], e["bleed_mm"],
                           e["safety_margin_mm"], e["min_dpi"],
                           plan["press"][e["press"]] if e["press"] else None,
                           pf.raster_dpi(expect, e.get("large", False), dpi,
                                         conf.get("code_dpi_large", 100)),
                           plan["office_dpi"] if e["destination"] == "office" else None)
        keys_by_path[path] = digest(salt, sha256(path), json.dumps(spec.__dict__, sort_keys=True),
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
    """PDFs under build/print or build/office that no row produces any more (a deleted product):
    never packed."""
    known = {e["path"] for e in plan["files"]} | {JOBSHEET}
    return sorted(str(p) for root in (PRINT, OFFICE) if Path(root).exists()
                  for p in Path(root).rglob("*.pdf") if str(p) not in known)


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
                  threads: int = 1, manifest: str | None = None) -> dict:
    """The proof gallery; thumbnails (listed in the plan) drawn for the PDFs that changed; each
    printer file's BAT state, and before / after / overlay of those changed since the last
    delivery (``manifest``'s « modifié »)."""
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
    rows = read_manifest(Path(manifest)) if manifest and Path(manifest).exists() else []
    diffs = visual_diffs(plan, rows, state)
    state.save()
    summary = json.loads(Path(summary_path).read_text(encoding="utf-8"))
    proofs = {e["path"]: e["proof"] for e in plan["files"] if e.get("proof")}
    preflight = dict(summary["results"])
    families = gallery_cards(plan["gallery"], proofs, sources, preflight, conf.get("titles", {}),
                             GALLERY_PAGE_DIR, plan.get("gallery_order"),
                             {f"build/{r['fichier']}": r for r in rows}, diffs)
    try:
        html = render_gallery(families, GALLERY_PAGE_DIR, PREFLIGHT_PAGE, "build/print-pack.zip",
                              changed=[d for d in diffs.values()],
                              bat_setting=_bat(plan).get("unapproved", "flag"))
    except GalleryTemplateError as exc:
        sys.exit(f"Template problem: {exc}")
    write_if_changed(Path(out_html), html.encode("utf-8"))
    return {"cards": sum(f["count"] for f in families), "thumbnails": len(todo)}


def _bat(plan: dict) -> dict:
    return (plan["pack"].get("bat") or {})


DIFFS = "build/diffs"  # before / after / overlay images, written and pruned by the gallery job


def visual_diffs(plan: dict, rows: list[dict], state: State) -> dict[str, dict]:
    """For each printer file whose bytes changed since the last delivery (« modifié » = oui) and
    whose proofs the delivery kept: its pages before, after and overlaid, as images under
    ``build/diffs/`` (outside the stale-output cleaner's folders: this job prunes them itself).
    Keyed in the gallery's state by the delivered proofs and the current ones."""
    from .. import brand
    from ..print.deliveries import kept_proofs
    from ..print.proofdiff import overlay, pages

    conf = plan["pack"].get("visual_diff") or {}
    size, tolerance = int(conf.get("proof_px", 1200)), int(conf.get("pixel_tolerance", 40))
    folder = Path(plan["pack"].get("previous_manifest", "deliveries/last/MANIFEST.csv")).parent
    accent = brand.colour("all.rouge_brique").lstrip("#")
    rgb = tuple(int(accent[i:i + 2], 16) for i in (0, 2, 4))
    entries = {e["path"]: e for e in plan["files"]}
    out, wanted = {}, set()
    for row in rows:
        path = f"build/{row['fichier']}"
        entry = entries.get(path)
        before = kept_proofs(folder, row["fichier"])
        if row.get("modifie") != "oui" or not entry or not entry.get("proof") or not before:
            continue
        after = pages(entry["proof"], entry["pages"])
        stem = f"{DIFFS}/{row['fichier'].removesuffix('.pdf')}"
        shown = []
        for n, (old, new) in enumerate(zip(before, after, strict=False), start=1):
            names = {k: f"{stem}-{n}-{k}.png" for k in ("avant", "apres", "ecarts")}
            wanted.update(names.values())
            key = digest(sha256(old), sha256(new), str(size), str(tolerance), str(rgb))
            name = f"diff:{names['ecarts']}"
            old_entry = state.old.get(name) or {}
            if state.fresh(name, key, list(names.values())):
                state.keep(name)
                share = old_entry.get("share", 0.0)
            else:
                reduced, overlaid, share = overlay(old, Path(new), size, tolerance, rgb)
                write_if_changed(Path(names["avant"]), old.read_bytes())
                write_if_changed(Path(names["apres"]), reduced)
                write_if_changed(Path(names["ecarts"]), overlaid)
                state.record(name, key, share=round(share, 5))
            shown.append(dict(names, page=n, share=share))
        out[path] = {"path": path, "fichier": row["fichier"], "pages": shown,
                     "bat": row.get("bat", "")}
    _prune(DIFFS, wanted)
    return out


def _prune(root: str, wanted: set[str]) -> None:
    for folder, _dirs, files in os.walk(root, topdown=False):
        for name in files:
            if f"{folder}/{name}" not in wanted:
                os.unlink(f"{folder}/{name}")
        if folder != root and not os.listdir(folder):
            os.rmdir(folder)


# -- the zip -----------------------------------------------------------------------------------
def _refuse_on_errors(summary: dict, paths: set[str], what: str, preflight_html: str) -> None:
    mine = {p: r for p, r in summary["results"].items() if p in paths}
    errors = sum(r["level"] == "error" for r in mine.values())
    if errors:
        sys.exit(f"Preflight: {errors} file(s) in error — {what} is not made. "
                 f"See {preflight_html}.\n{failures({'results': mine})}")


def _refuse_unapproved(rows: list[dict], bat: dict) -> None:
    """With ``pack.bat.unapproved: refuse``, no pack while a file lacks a valid BAT; with
    ``flag`` (the default) they go in, flagged in MANIFEST.csv's « bat » column and the job
    sheet's BAT column."""
    from ..print.approvals import APPROVED

    if bat.get("unapproved", "flag") != "refuse":
        return
    missing = [r for r in rows if r.get("bat") != APPROVED]
    if missing:
        names = "\n".join(f"  ✗ {r['fichier']} — {r.get('bat') or 'sans BAT'}" for r in missing)
        sys.exit(f"BAT: {len(missing)} file(s) without a valid « bon à tirer » — the printer's "
                 f"pack is not made (pack.bat.unapproved: refuse).\n{names}\n"
                 f"Approve them from the gallery (make watch) or with "
                 f".venv/bin/atelier bat <file> --par <name>.")


def build_pack(plan_path: str, manifest: str, jobsheet: str, summary_path: str,
               preflight_html: str, out: str) -> dict:
    """The printer's zip: the files of build/print/, the manifest, the job sheet, the preflight."""
    from ..print.pack import write_pack

    summary = json.loads(Path(summary_path).read_text(encoding="utf-8"))
    plan = load_plan(plan_path)
    mine = printer_files(plan)
    _refuse_on_errors(summary, {e["path"] for e in mine}, "the printer's pack", preflight_html)
    _refuse_unapproved(read_manifest(Path(manifest)), _bat(plan))
    files = [(manifest, "print/MANIFEST.csv"), (jobsheet, "print/fiche-de-fabrication.pdf"),
             (preflight_html, "print/preflight.html")]
    files += [(e["path"], str(Path(e["path"]).relative_to("build"))) for e in mine]
    write_pack(Path(out), files)
    return {"entries": len(files)}


def build_office_pack(plan_path: str, summary_path: str, out: str) -> dict:
    """The office's zip: the A4 label sheets (and each label's PDF) printed on stock sheets in
    the office, with a list of the sheets to print."""
    from ..print.pack import write_pack

    summary = json.loads(Path(summary_path).read_text(encoding="utf-8"))
    plan = load_plan(plan_path)
    mine = [e for e in plan["files"] if e["destination"] == "office"]
    _refuse_on_errors(summary, {e["path"] for e in mine}, "the office pack", PREFLIGHT_PAGE)
    files = [(e["path"], str(Path(e["path"]).relative_to("build"))) for e in mine]
    listing = Path(out).with_name("office-sheets.csv")
    write_if_changed(listing, office_listing(mine, plan["jobs"]))
    files.append((str(listing), "office/A-IMPRIMER.csv"))
    write_pack(Path(out), files)
    return {"entries": len(files), "sheets": sum(e["bleed_mm"] == 0 for e in mine)}


def office_listing(entries: list[dict], jobs: dict) -> bytes:
    """What the office prints: one row per A4 sheet, with its stock (French Excel CSV)."""
    import csv
    import io

    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(["planche", "support", "exemplaires"])
    for e in entries:
        if e["width_mm"] == 210.0 and e["height_mm"] == 297.0:
            w.writerow([Path(e["path"]).name, jobs.get(e["paper"], {}).get("paper", e["paper"]),
                        e["quantity"]])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
