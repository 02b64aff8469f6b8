"""A small real project for the studio's workflow tests: labels as the only print family, a few
products (as tests/test_pack.py's), and a budget that pays for no print job (the sample's budget
names the menus' and panels' jobs, which this project does not make)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl

from atelier.inputs.headers import normalise

from .conftest import LINKED, ROOT
from .test_pack import KEEP, _keep_products


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


def _pay_for_no_print_job(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    col = {normalise(c.value): c.column for c in ws[1] if c.value}
    if "travail" in col:
        for row in range(2, ws.max_row + 1):
            ws.cell(row=row, column=col["travail"]).value = None  # cell(value=None) sets nothing
    wb.save(path)
