"""Snakemake job: one menu (see rules/menus.smk)."""

from pathlib import Path

from atelier.jobs.console import tell
from atelier.jobs.menus import build_menu

sm = snakemake  # noqa: F821  (injected by Snakemake)
# Folders from the files themselves: templates/menus/<format>/*.svg, templates/menus/web/*.j2,
# build/web/menus/<menu>/index.html (the first of the page's files).
result = build_menu(
    menu_path=sm.input.menu,
    dish_paths=list(sm.input.dishes),
    partner_paths=list(sm.input.partners),
    settings_paths=list(sm.input.settings),
    templates=str(Path(sm.input.templates[0]).parent.parent),
    web_templates=str(Path(sm.input.web_templates[0]).parent),
    pdf=sm.output.pdf,
    pngs=list(sm.output.pngs),
    web_dir=str(Path(sm.output.web[0]).parent),
    report=sm.output.report,
)
with open(sm.log[0], "w") as log:
    log.write(f"{result}\n")
tell(f"{sm.rule}: {result['dishes']} dishes on "
      f"{result['pages']} pages, {len(result['written'])} file(s) written")
