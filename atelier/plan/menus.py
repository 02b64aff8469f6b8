"""Menu jobs: one Snakemake job per menu, depending on exactly the records it shows — its menu
row, its dishes, their producers and the site (light imports only: this runs at parse time)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..paths import BUILD, code_files
from ..pipeline import Staged
from .registry import PrintFile

TEMPLATES = Path("templates/menus")
WEB_TEMPLATES = TEMPLATES / "web"
# Files of build/web/menus/<menu>/ (atelier.render.web.WEB_FILES, repeated here to keep the
# parse-time import light; a test checks they agree).
WEB_FILES = ["index.html", "menu.css", "fonts/latin-regular.ttf", "fonts/latin-bold.ttf",
             "fonts/latin-italic.ttf", "fonts/japanese-regular.otf", "fonts/japanese-bold.otf"]


# The package modules a menu is drawn with: inputs of every menu job, so a change in one of them
# redraws the menus; changes elsewhere do not.
CODE = code_files("allergens.py", "brand.py", "content/formats.py", "content/menu.py",
                  "jobs/menus.py", "layout/codes.py", "layout/fonts.py", "layout/text.py",
                  "print/boxes.py", "render/canvas.py", "render/menus.py", "render/svgdoc.py",
                  "render/web.py")


@dataclass
class MenuJob:
    id: str
    format: str
    record: str
    dishes: list[str]
    partners: list[str]
    templates: list[str]
    pdf: str
    pngs: list[str]
    web_dir: str
    web: list[str]
    report: str


def menu_jobs(staged: Staged) -> list[MenuJob]:
    formats = staged.settings["menus"]["formats"]
    dishes_of: dict[str, list[dict]] = {}
    for d in staged.table("plats"):
        dishes_of.setdefault(d["menu"], []).append(d)
    jobs = []
    for m in sorted(staged.table("menus"), key=lambda m: m["id"]):
        mid = m["id"]
        dishes = sorted(dishes_of.get(mid, []), key=lambda d: d["id"])
        partners = {m["site"]} | {p for d in dishes for p in d.get("producteurs") or []}
        folder = TEMPLATES / m["format"]
        if not (folder / "cover.svg").exists():  # stop at parse time, before any job runs
            raise SystemExit(f"menu « {mid} » uses format {m['format']}, but {folder}/ has no "
                             "cover.svg — see templates/menus/README.md")
        web_dir = f"{BUILD}/web/menus/{mid}"
        jobs.append(MenuJob(
            id=mid,
            format=m["format"],
            record=staged.record("menus", mid),
            dishes=[staged.record("plats", d["id"]) for d in dishes],
            partners=[staged.record("partenaires", p) for p in sorted(partners)],
            templates=sorted(str(p) for p in folder.glob("*.svg")),
            pdf=f"{BUILD}/print/menus/{mid}.pdf",
            pngs=[f"{BUILD}/proofs/menus/{mid}-{n}.png"
                  for n in range(1, formats[m["format"]]["pages"] + 1)],
            web_dir=web_dir,
            web=[f"{web_dir}/{name}" for name in WEB_FILES],
            report=f"{BUILD}/state/menus-{mid}.json",
        ))
    return jobs


def menu_print_files(staged: Staged, jobs: list[MenuJob]) -> list[PrintFile]:
    formats = staged.settings["menus"]["formats"]
    bleed = staged.settings["printer"]["bleed_mm"]
    menus = {m["id"]: m for m in staged.table("menus")}
    out = []
    for job in jobs:
        m, fmt = menus[job.id], formats[job.format]
        out.append(PrintFile(job.pdf, "menus", f"Menu {fmt.get('description', job.format)} — "
                             f"{m['titre_fr']}", fmt["width_mm"], fmt["height_mm"], bleed,
                             fmt["pages"], m["quantite_impression"], "menus", job.pngs[0],
                             run=f"menu-{job.id}", run_title=f"Menu — {m['titre_fr']}",
                             safety_mm=staged.settings["menus"].get("safety_margin_mm")))
    return out
