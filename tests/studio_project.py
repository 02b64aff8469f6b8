"""A small real project for the workflow tests of the pack and the studio: labels as the only
print family (the other families are empty targets), a few products, and a budget that pays for
no print job (the sample's budget names the menus' and panels' jobs, which this project does not
make). ``labels_build`` in conftest.py builds it once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from atelier.inputs.headers import normalise

from .conftest import LINKED, ROOT

# A few products of every format, few copies: a handful of sheets instead of 150 keeps the
# workflow tests short; the pack itself does not care how many files there are.
KEEP = {"biere-noire-parcours": 6, "jus-pomme-artois": 6, "gaufres-vergeoise": 6,
        "creme-maroilles": 6, "caramels-chicoree": 14, "gelee-pomme-genievre": 14,
        "chicoree-grains": 21, "miel-printemps-terrils": 21, "sel-fume-chene": 7}


def labels_only_project(where: Path) -> Path:
    where.mkdir(parents=True)
    for name in [*LINKED, "envs"]:
        if name != "rules" and (ROOT / name).exists():
            (where / name).symlink_to(ROOT / name)
    rules = where / "rules"
    rules.mkdir()
    for name in ("common", "inputs", "labels", "print", "stage"):
        (rules / f"{name}.smk").symlink_to(ROOT / "rules" / f"{name}.smk")
    (rules / "scripts").symlink_to(ROOT / "rules" / "scripts")
    for name in ("menus", "signage", "strategy", "decks"):
        (rules / f"{name}.smk").write_text(f"rule {name}:\n    input:\n        [],\n")
    shutil.copytree(ROOT / "inputs", where / "inputs")
    _keep_products(where / "inputs/produits.xlsx", KEEP)
    _pay_for_no_print_job(where / "inputs/budget.xlsx")
    return where


def _keep_products(path: Path, keep: dict[str, int]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    col = {normalise(c.value): c.column for c in ws[1] if c.value}
    for row in range(ws.max_row, 1, -1):
        sku = ws.cell(row=row, column=col["sku"]).value
        if sku in keep:
            ws.cell(row=row, column=col["quantite_impression"], value=keep[sku])
        elif sku is not None:
            ws.delete_rows(row)
    wb.save(path)


def _pay_for_no_print_job(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    col = {normalise(c.value): c.column for c in ws[1] if c.value}
    if "travail" in col:
        for row in range(2, ws.max_row + 1):
            ws.cell(row=row, column=col["travail"]).value = None  # cell(value=None) sets nothing
    wb.save(path)
