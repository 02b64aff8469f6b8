#!/usr/bin/env python3
"""Menu benchmarks — the figures of issue #4's targets.

    .venv/bin/python bench/menus.py [--skip-workflow]

1. A 300-dish synthetic menu (the sample's dishes repeated, 12 sections): laid out on its
   4-page a3-plie card — where it fails, naming the section — and on a 32-page booklet of the
   same pages, where it fits. Target: < 10 s either way.
2. A price edit in inputs/plats.xlsx, then `snakemake menus` in a private project: which jobs
   ran and how long the rebuild took (only the edited dish's menu must be rebuilt).
"""

from __future__ import annotations

import argparse
import copy
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from atelier.content.menu import menu_content  # noqa: E402
from atelier.records.store import load  # noqa: E402
from atelier.render.menus import MenuError, draw_menu, load_templates  # noqa: E402
from atelier.settings import load_settings  # noqa: E402

SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))


def sample(records: Path):
    menu = load(records / "menus/olhain-carte.json")
    dishes = [d for d in (load(p) for p in sorted((records / "plats").glob("*.json")))
              if d["menu"] == menu["id"]]
    partners = {p.stem: load(p) for p in (records / "partenaires").glob("*.json")}
    return menu, dishes, partners


def synthetic(dishes: list[dict], n: int) -> list[dict]:
    out = []
    for i in range(n):
        d = copy.deepcopy(dishes[i % len(dishes)])
        d.update(id=f"plat-{i:03d}", ordre=i, section=f"Section {i * 12 // n + 1}",
                 nom_fr=f"{d['nom_fr']} n° {i}", disponible_du=None, disponible_au=None)
        out.append(d)
    return out


def lay_out_300(records: Path) -> None:
    settings = load_settings()
    menu, dishes, partners = sample(records)
    big = synthetic(dishes, 300)
    for pages in (4, 32):
        fmt = dict(settings["menus"]["formats"]["a3-plie"], pages=pages)
        started = time.perf_counter()
        try:
            content = menu_content(menu, big, partners, settings)
            drawing = draw_menu(content, load_templates(ROOT / "templates/menus/a3-plie", fmt),
                                fmt, settings)
            outcome = f"laid out on {len(drawing.pages)} pages"
        except MenuError as exc:
            outcome = f"fails cleanly: {exc}"
        took = time.perf_counter() - started
        print(f"300-dish menu, {pages} pages: {took:.2f} s (target < 10 s) — {outcome}")


def price_edit_rebuild() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import edit_cell, make_project

    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project")
        started = time.perf_counter()
        subprocess.run([SNAKEMAKE, "menus", "-q"], cwd=project, check=True, capture_output=True)
        print(f"full menus build (2 menus): {time.perf_counter() - started:.1f} s")
        edit_cell(project / "inputs/plats.xlsx", "id", "carbonade-flamande", "prix_ttc", 18.5)
        started = time.perf_counter()
        run = subprocess.run([SNAKEMAKE, "menus"], cwd=project, check=True, capture_output=True,
                             text=True)
        took = time.perf_counter() - started
        ran = sorted({line.split()[1].rstrip(":") for line in (run.stdout + run.stderr).splitlines()
                      if line.startswith(("rule menu_", "localrule menu_"))})
        print(f"price edit (carbonade-flamande) → rebuild: {took:.1f} s, "
              f"jobs run: {', '.join(ran)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-workflow", action="store_true", help="only the layout figure")
    parser.add_argument("--records", type=Path, default=ROOT / "build/records",
                        help="staged records to take the sample dishes from")
    args = parser.parse_args()
    lay_out_300(args.records)
    if not args.skip_workflow:
        price_edit_rebuild()


if __name__ == "__main__":
    main()
