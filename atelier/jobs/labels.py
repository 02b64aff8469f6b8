"""One label job (a few whole A4 sheets of one format, see ``plan.labels``): each product's print
PDF and proof PNG, then the job's sheets."""

from __future__ import annotations

import atexit
import json
import multiprocessing
import threading
from pathlib import Path

from ..content.label import label_content
from ..layout.fonts import MissingGlyph
from ..print.boxes import set_boxes
from ..print.impose import impose
from ..print.sheets import SheetLayout
from ..records.store import load, where
from ..render.canvas import PrintGeometry, render_pdf, render_png
from ..render.labels import LabelError, check_template, draw_label
from ..render.svgdoc import TemplateError, load_template
from .incremental import (
    JobError,
    State,
    code_digest,
    digest,
    file_digest,
    job_log,
    settle,
    write_if_changed,
)

PREVIEW_DPI = 96
PARALLEL_FROM = 4  # the pool outlives the job, so only a handful of labels is drawn in-thread


def _settings(paths: list[str]) -> dict:
    return {Path(p).stem: load(p) for p in paths}


# The jobs run in threads of Snakemake's process (rules/labels.smk), one at a time.
_ONE_JOB_AT_A_TIME = threading.Lock()
# Drawing many labels is spread over worker processes that live as long as that process: they
# are forked by a "forkserver", a clean single-threaded process that imported this module once,
# because forking Snakemake's own multi-threaded process can deadlock the child.
_POOL: dict = {}


def _pool(threads: int):
    if _POOL.get("threads") != threads:
        if "pool" in _POOL:
            _POOL["pool"].terminate()
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([__name__])
        _POOL.update(threads=threads, pool=ctx.Pool(threads))
        atexit.register(_POOL["pool"].terminate)
    return _POOL["pool"]


_WORKER: dict = {}  # what a process needs to draw one job's labels, loaded once per job


def _job(salt: str, template: str, conf: dict, fmt_name: str) -> dict:
    """The job's template and settings, loaded once per process and job (``salt``, the digest of
    everything they come from, was computed once by the parent)."""
    key = (salt, fmt_name)
    if _WORKER.get("key") != key:
        tpl = load_template(Path(template))
        _WORKER.update(key=key, settings=conf, template=tpl, fmt=conf["labels"]["formats"][fmt_name],
                       geometry=PrintGeometry.from_settings(conf["printer"]))
    return _WORKER


def _render(task):
    job, sku, product, maker = task
    j = _job(*job)
    try:
        content = label_content(product, maker, j["settings"])
        drawing = draw_label(content, j["template"], j["fmt"], j["settings"])
    except (LabelError, MissingGlyph, TemplateError) as exc:
        return sku, None, None, str(exc)
    geo = j["geometry"]
    trim, bleed = geo.boxes(j["template"].width, j["template"].height)
    pdf = set_boxes(render_pdf([drawing.canvas], geo, f"{content.name_fr} — {sku}"), trim, bleed)
    png = render_png(drawing.canvas, PREVIEW_DPI)
    return sku, pdf, png, drawing.checks


def build_labels(batch: str, settings: list[str], template: str, brand_files: list[str],
                 state_path: str, threads: int = 1) -> dict:
    """Render the labels of one job (see ``plan.labels``) whose inputs changed, then re-impose
    the job's sheets whose labels changed.

    ``batch`` holds the job's products (sorted by sku), their makers, its sheets and the files
    to write (the rule declares only ``state_path``). Returns counts for the log. Raises
    ``JobError`` listing every problem when some product cannot be labelled legally.
    """
    staged = load(batch)
    pdfs, pngs = staged["files"]["pdfs"], staged["files"]["pngs"]
    sheets = [sheet["file"] for sheet in staged["sheets"]]
    fmt_name = staged["format"]
    conf = _settings(settings)
    fmt = conf["labels"]["formats"][fmt_name]
    try:
        tpl = load_template(Path(template))
        check_template(tpl)
    except (TemplateError, LabelError) as exc:
        raise JobError(f"Template problem: {exc}") from None
    if abs(tpl.width - fmt["width_mm"]) > 0.05 or abs(tpl.height - fmt["height_mm"]) > 0.05:
        raise JobError(f"Template problem: {template} is {tpl.width} × {tpl.height} mm but format "
                       f"{fmt_name} in config/settings.yaml says {fmt['width_mm']} × "
                       f"{fmt['height_mm']} mm")
    salt = digest(file_digest([template, *brand_files]), json.dumps(conf, sort_keys=True),
                  code_digest(), str(PREVIEW_DPI))
    job = (salt, template, conf, fmt_name)
    makers_by_id = staged["makers"]
    state = State(state_path)
    todo, keys = [], {}
    out_pdf, out_png = {}, {}
    for product, pdf, png in zip(staged["products"], pdfs, pngs, strict=True):
        sku = product["sku"]
        out_pdf[sku], out_png[sku] = pdf, png
        maker = makers_by_id[product["fabricant"]]
        keys[sku] = digest(salt, json.dumps(product, sort_keys=True), json.dumps(maker, sort_keys=True))
        if state.fresh(sku, keys[sku], [pdf, png]):
            state.keep(sku)
        else:
            todo.append((job, sku, product, maker))
    if len(todo) >= PARALLEL_FROM and threads > 1:
        results = _pool(threads).map(_render, todo, chunksize=max(1, len(todo) // (threads * 8)))
    else:
        results = [_render(t) for t in todo]
    errors = []
    written = 0
    for sku, pdf, png, checks in results:
        if pdf is None:
            errors.append(f"  ✗ {where('produits', sku)} › {sku} › {checks}")
            continue
        written += write_if_changed(Path(out_pdf[sku]), pdf)
        write_if_changed(Path(out_png[sku]), png)
        state.record(sku, keys[sku], checks=checks)
    if errors:
        raise JobError(f"{len(errors)} product(s) cannot be labelled on format {fmt_name}:\n"
                       + "\n".join(errors))

    # Sheets: planned at parse time (products in sku order, each quantite_impression times).
    layout = SheetLayout.from_format(fmt, conf["labels"].get("sheet_offset_mm", {}))
    layout.check_fits()
    pdf_of = {sku: Path(p) for sku, p in out_pdf.items()}
    sheets_written = 0
    for sheet, out in zip(staged["sheets"], sheets, strict=True):
        names = sheet["labels"]
        title = f"Planche {fmt_name} {sheet['number']}/{sheet['of']}"
        key = digest(json.dumps(layout.__dict__, sort_keys=True), title, *[keys[s] for s in names])
        name = Path(out).name
        if state.fresh(name, key, [out]):
            state.keep(name)
            continue
        sheets_written += write_if_changed(Path(out), impose(names, pdf_of, layout, title))
        state.record(name, key, labels=names)
    state.save()
    settle([state_path])  # the one file Snakemake tracks for the job's files
    return {"labels": len(pdfs), "rendered": len(todo), "written": written,
            "sheets": len(sheets), "sheets_written": sheets_written}


def run(input, output, threads: int, log) -> None:
    """The body of a ``labels_*`` rule (rules/labels.smk), run inside Snakemake's process."""
    with _ONE_JOB_AT_A_TIME, job_log(log[0], f"labels {Path(input.batch).stem}") as say:
        counts = build_labels(
            batch=input.batch, settings=list(input.settings), template=input.template,
            brand_files=[input.brand], state_path=output.state, threads=threads)
        say(f"{counts['rendered']} of {counts['labels']} drawn, {counts['written']} PDF(s) "
            f"changed, {counts['sheets_written']} of {counts['sheets']} sheet(s) changed", counts)
