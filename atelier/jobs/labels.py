"""One label job (a few whole A4 sheets of one format, see ``plan.labels``): each product's print
PDF and proof PNG, then the job's sheets.

The job is ``run`` (rules/labels.smk), in Snakemake's process. It hands its call to the
project's warm drawing process when one is running (``label_server``: no drawing stack to import
for a one-row edit), else makes it here and starts one for the next run. ``build_labels``
decides what to redraw; ``label_work.draw`` draws a label and ``label_work.impose_sheet`` imposes
a sheet — in the calling process for a few, on worker processes for many (``_workers``: started
from a fork server that has loaded the drawing stack, and kept for the process's next jobs).
"""

from __future__ import annotations

import json
import multiprocessing
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING

from ..print.sheets import SheetLayout, plan_sheets
from ..records.store import load, where
from . import label_server
from .console import tell
from .incremental import JobError, State, digest

if TYPE_CHECKING:
    from multiprocessing.pool import Pool


def build_labels(batch: str, settings: list[str], template: str, brand_files: list[str],
                 state_path: str, threads: int = 1) -> dict:
    """Draw the labels of one job (see ``plan.labels``) whose inputs changed, then re-impose
    the job's sheets whose labels changed.

    ``batch`` holds the job's products (sorted by sku), their makers, its sheets and the files
    to write (the rule declares only ``state_path``). Returns counts for the log. Raises
    ``JobError`` listing every problem when some product cannot be labelled legally.
    """
    # here, not at the top: a job served by the warm process never loads the drawing stack
    from .label_work import draw, impose_sheet, prepare

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
    salt = prepare(settings, template, brand_files, fmt_name)
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
            todo.append((job, sku, product, maker, pdf, png))
    drawn, errors, failed, written = len(todo), [], [], 0
    items = {p["sku"]: p for p in staged["products"]}
    for sku, changed, checks, extra in _map(draw, todo, threads):
        if changed is None:
            item = items[sku]
            key = item.get("id", sku)
            errors.append(f"  ✗ {where(item.get('table', 'produits'), key)} › {key} › {checks}")
            failed.append(sku)
            continue
        written += changed
        state.record(sku, keys[sku], checks=checks, **{k: v for k, v in extra.items() if v})
    if errors:
        _withdraw(failed, staged, layout)
        raise JobError(f"{len(errors)} item(s) cannot be labelled on format {fmt_name}:\n"
                       + "\n".join(errors))

    if layout is None:  # die-cut by the printer: no office sheets
        state.save()
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
        todo.append((names, {n: pdf_of[n] for n in names}, layout.__dict__, title, out))
    sheets_written = sum(_map(impose_sheet, todo, threads))
    state.save()
    return {"labels": len(pdfs), "rendered": drawn, "written": written,
            "sheets": len(sheets), "sheets_written": sheets_written}


def _withdraw(failed: list[str], staged: dict, layout: SheetLayout | None) -> None:
    """Remove what showed the items that cannot be labelled any more — their labels, proofs and
    the A4 sheets holding them: they no longer say what the rows say. Gone, they also make the
    next run stage the job again (``DATA.restage_if_missing``) and report the rows again, where
    Snakemake, putting the failed job's state file back with a fresh time, saw it up to date."""
    files = staged["files"]
    doomed = [path for p, pdf, png in zip(staged["products"], files["pdfs"], files["pngs"],
                                          strict=True)
              if p["sku"] in failed for path in (pdf, png)]
    if layout is not None:
        sheets = plan_sheets([(p["sku"], p["quantite_impression"]) for p in staged["products"]],
                             layout)
        doomed += [out for names, out in zip(sheets, staged["sheets"]["files"], strict=False)
                   if set(names) & set(failed)]
    for path in doomed:
        Path(path).unlink(missing_ok=True)


def _map(function, tasks: list, threads: int):
    """``function`` over ``tasks``, in order: here for a few (an edited label and its sheet),
    on ``threads`` worker processes for more."""
    if threads == 1 or len(tasks) < 2 * threads:
        return map(function, tasks)
    return _workers(threads).imap(function, tasks, chunksize=max(1, len(tasks) // (threads * 8)))


_POOL: dict[int, Pool] = {}


def _workers(threads: int) -> Pool:
    """Worker processes, started once per process and kept for its next label jobs (until
    ``close_workers``). They come from a fork server that has imported the drawing stack (its
    cost is paid once, on another core): a job drawing itself runs in a thread of Snakemake's
    process, and forking a process with threads can leave a child waiting forever on a lock
    another thread held."""
    if threads not in _POOL:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["atelier.jobs.label_work"])
        _POOL[threads] = context.Pool(threads)
    return _POOL[threads]


def close_workers() -> None:
    """End this process's workers: the warm process's once a full build's jobs are over, a
    job's process's once the warm process serves its jobs."""
    while _POOL:
        _POOL.popitem()[1].terminate()


def run(batch: str, settings: list[str], template: str, brand: str, code: str, state: str,
        threads: int, log: str) -> None:
    """A ``labels_*`` job (rules/labels.smk), in Snakemake's process: drawn by the project's warm
    process when one is running for this state of the code, brand and templates, else here (and
    one is started for the next run; see ``label_server``). A problem found while drawing raises
    ``JobError``, whose message names the rows (Snakemake prints it); the job's log has it too."""
    Path(log).parent.mkdir(parents=True, exist_ok=True)
    call = {"batch": batch, "settings": settings, "template": template, "brand_files": [brand],
            "state_path": state, "threads": threads}
    drawn_in, counts = "job", None
    try:
        if label_server.minutes() > 0:
            key = label_server.state_key(settings, template, [code, brand])
            drawn_in = "warm process"
            counts = label_server.ask(call, key)
            if counts is None:
                drawn_in = "job"
                label_server.start(key)
            else:
                close_workers()  # this process's, if an earlier job drew itself: not needed now
        if counts is None:
            counts = build_labels(**call)
    except JobError as exc:
        Path(log).write_text(f"{exc}\n(drawn in the {drawn_in})\n", encoding="utf-8")
        raise
    Path(log).write_text(json.dumps({**counts, "drawn_in": drawn_in}, sort_keys=True) + "\n",
                         encoding="utf-8")
    tell(f"labels {Path(batch).stem}: {counts['rendered']} of {counts['labels']} drawn, "
         f"{counts['written']} PDF(s) changed, {counts['sheets_written']} of {counts['sheets']} "
         "sheet(s) changed")
