"""One label job (a few whole A4 sheets of one format, see ``plan.labels``): each product's print
PDF and proof PNG, then the job's sheets.

The job runs in a thread of Snakemake's process (rules/labels.smk) and decides what to redraw;
the drawing is done by worker processes (``jobs.label_work``), forked from a "forkserver" that
imported cairo, the fonts and the layout engine once. (Forking Snakemake's own multi-threaded
process could deadlock the child; the forkserver is a clean single-threaded process.)
``prewarm`` starts it while Snakemake is still planning, on the other core, so a one-row edit
pays for drawing its label and sheet, not for importing the drawing stack (~0.6 s).
"""

from __future__ import annotations

import atexit
import json
import multiprocessing
import multiprocessing.forkserver
import os
import sys
import threading
from itertools import count
from pathlib import Path

from ..print.sheets import SheetLayout, plan_sheets
from ..records.store import load, where
from .incremental import JobError, State, digest, job_log, settle

WORKER = "atelier.jobs.label_work"
PARENT_MAIN = "ATELIER_PARENT_MAIN"

# The jobs run in threads of Snakemake's process, one at a time.
_ONE_JOB_AT_A_TIME = threading.Lock()
_POOL: dict = {}


def _context():
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([WORKER])
    # multiprocessing runs the parent's main script again in every child (to find functions
    # defined there), unless the child's own __main__ is that file. Snakemake's script would
    # import all of Snakemake in each worker (~0.6 s); the workers need none of it, so the
    # forkserver's __main__ takes the script's name instead (label_work reads this variable).
    main = sys.modules["__main__"]
    if getattr(main, "__spec__", None) is None and getattr(main, "__file__", None):
        os.environ[PARENT_MAIN] = os.path.normpath(os.path.abspath(main.__file__))
    return ctx


def prewarm() -> None:
    """Start the workers' forkserver, which imports the drawing stack while this process goes
    on planning; returns at once (the Snakefile calls it when an input changed)."""
    _context()
    multiprocessing.forkserver.ensure_running()


def _pool(threads: int):
    if _POOL.get("threads") != threads:
        if "pool" in _POOL:
            _POOL["pool"].terminate()
        _POOL.update(threads=threads, pool=_context().Pool(threads))
        atexit.register(_POOL["pool"].terminate)
    return _POOL["pool"]


def _work(call):
    """Run ``label_work.<name>(*args)`` in a worker. Functions are sent by name because pickling
    one by reference would import its module here."""
    from . import label_work

    name, *args = call
    return getattr(label_work, name)(*args)


def build_labels(batch: str, settings: list[str], template: str, brand_files: list[str],
                 state_path: str, threads: int = 1) -> dict:
    """Draw the labels of one job (see ``plan.labels``) whose inputs changed, then re-impose
    the job's sheets whose labels changed.

    ``batch`` holds the job's products (sorted by sku), their makers, its sheets and the files
    to write (the rule declares only ``state_path``). Returns counts for the log. Raises
    ``JobError`` listing every problem when some product cannot be labelled legally.
    """
    staged = load(batch)
    pdfs, pngs = staged["files"]["pdfs"], staged["files"]["pngs"]
    fmt_name = staged["format"]
    labels_conf = load(next(p for p in settings if Path(p).stem == "labels"))
    layout = None
    if staged["sheets"] is not None:  # office formats: A4 stock sheets (plan.labels)
        layout = SheetLayout.from_format(labels_conf["formats"][fmt_name],
                                         labels_conf.get("sheet_offset_mm", {}))
        try:
            layout.check_fits()
        except ValueError as exc:
            raise JobError(f"Format {fmt_name} in config/settings.yaml: {exc}") from None
    threads = max(1, threads)
    pool = _pool(threads)
    salt = pool.apply(_work, (("prepare", settings, template, brand_files, fmt_name),))
    job = (salt, settings, template, fmt_name)

    state = State(state_path)
    todo, keys = [], {}
    for product, pdf, png in zip(staged["products"], pdfs, pngs, strict=True):
        sku = product["sku"]
        maker = staged["makers"].get(product.get("fabricant"), {})
        keys[sku] = digest(salt, json.dumps(product, sort_keys=True), json.dumps(maker, sort_keys=True))
        if state.fresh(sku, keys[sku], [pdf, png]):
            state.keep(sku)
        else:
            todo.append(("draw", (job, sku, product, maker, pdf, png)))
    drawn, errors, written = len(todo), [], 0
    items = {p["sku"]: p for p in staged["products"]}
    for sku, changed, checks, extra in pool.imap(_work, todo, chunksize=_chunk(len(todo), threads)):
        if changed is None:
            item = items[sku]
            key = item.get("id", sku)
            errors.append(f"  ✗ {where(item.get('table', 'produits'), key)} › {key} › {checks}")
            continue
        written += changed
        state.record(sku, keys[sku], checks=checks, **{k: v for k, v in extra.items() if v})
    if errors:
        raise JobError(f"{len(errors)} item(s) cannot be labelled on format {fmt_name}:\n"
                       + "\n".join(errors))

    if layout is None:  # die-cut by the printer: no office sheets
        state.save()
        settle([state_path])
        return {"labels": len(pdfs), "rendered": drawn, "written": written, "sheets": 0,
                "sheets_written": 0}
    # Sheets: the job's products in sku order, each quantite_impression times, as the planner
    # laid them out (plan.labels: a job's first sheet starts with its first product).
    pdf_of = {p["sku"]: pdf for p, pdf in zip(staged["products"], pdfs, strict=True)}
    planned = staged["sheets"]
    sheets = plan_sheets([(p["sku"], p["quantite_impression"]) for p in staged["products"]], layout)
    if len(sheets) != len(planned["files"]):
        raise JobError(f"labels {fmt_name}: {len(sheets)} sheet(s) laid out for "
                       f"{len(planned['files'])} planned — plan and job disagree (a bug)")
    layout_key = json.dumps(layout.__dict__, sort_keys=True)
    todo = []
    for number, names, out in zip(count(planned["first"]), sheets, planned["files"]):
        title = f"Planche {fmt_name} {number}/{planned['of']}"
        key = digest(layout_key, title, *[keys[s] for s in names])
        name = out.rpartition("/")[2]
        if state.fresh(name, key, [out]):
            state.keep(name)
            continue
        state.record(name, key, labels=names)
        todo.append(("impose_sheet", (names, {n: pdf_of[n] for n in names}, layout.__dict__, title, out)))
    sheets_written = sum(pool.imap(_work, todo, chunksize=_chunk(len(todo), threads)))
    state.save()
    settle([state_path])  # the one file Snakemake tracks for the job's files
    return {"labels": len(pdfs), "rendered": drawn, "written": written,
            "sheets": len(sheets), "sheets_written": sheets_written}


def _chunk(n: int, threads: int) -> int:
    return max(1, n // (threads * 8))


def run(input, output, threads: int, log) -> None:
    """The body of a ``labels_*`` rule (rules/labels.smk), run inside Snakemake's process."""
    with _ONE_JOB_AT_A_TIME, job_log(log[0], f"labels {Path(input.batch).stem}") as say:
        counts = build_labels(
            batch=input.batch, settings=list(input.settings), template=input.template,
            brand_files=[input.brand], state_path=output.state, threads=threads)
        say(f"{counts['rendered']} of {counts['labels']} drawn, {counts['written']} PDF(s) "
            f"changed, {counts['sheets_written']} of {counts['sheets']} sheet(s) changed", counts)
