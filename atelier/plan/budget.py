"""Quantities have one source: the sheets (and the leaflet's setting) say how many copies each
print job makes; a budget line that pays for a print job (its ``travail`` column) must restate
that quantity. Checked while the workflow is planned, so a disagreement stops the run before
anything is printed, naming the budget's row."""

from __future__ import annotations

from fnmatch import fnmatchcase

from ..inputs.problems import Problem
from .registry import PRINTER, PrintFile


def job_quantities(print_files: list[PrintFile]) -> dict[str, int]:
    """Print job -> copies, as the job sheet counts them (the printer's files only)."""
    out: dict[str, int] = {}
    for pf in print_files:
        if pf.destination == PRINTER:
            key = pf.run or pf.path
            out[key] = out.get(key, 0) + pf.quantity
    return out


def budget_problems(lines: list[dict], print_files: list[PrintFile], locate_line) -> list[Problem]:
    """``locate_line(table, index)``: where a line of the budget is (``Staged.locate_line``)."""
    jobs = job_quantities(print_files)
    problems = []
    for i, line in enumerate(lines):
        pattern = line.get("travail")
        if not pattern:
            continue
        loc = locate_line("budget", i)
        matched = [k for k in jobs if fnmatchcase(k, pattern)]
        if not matched:
            problems.append(Problem(loc["file"], loc["sheet"], loc["row"], "travail", pattern,
                                    f"a print job of the job sheet: {_families(jobs)}"))
            continue
        total = sum(jobs[k] for k in matched)
        if line["quantite"] != total:
            what = matched[0] if len(matched) == 1 else f"{len(matched)} print jobs {pattern}"
            problems.append(Problem(
                loc["file"], loc["sheet"], loc["row"], "quantite", f"{line['quantite']:g}",
                f"{total}, the copies of {what} on the job sheet (from the sheets and settings "
                f"that make it): budget and job sheet must agree"))
    return problems


def _families(jobs) -> str:
    """The jobs' keys, those that differ only by their item (etiquettes-<sku>) written once."""
    names = sorted({k if k.count("-") < 1 or not k.startswith("etiquettes-") else "etiquettes-<sku>"
                    for k in jobs})
    return ", ".join(names) + " (etiquettes-* for all the labels)"
