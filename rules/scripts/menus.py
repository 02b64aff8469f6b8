"""Snakemake job: one menu (see rules/menus.smk)."""

from atelier.jobs.menus import build_menu

sm = snakemake  # noqa: F821  (injected by Snakemake)
result = build_menu(
    menu_path=sm.input.menu,
    dish_paths=list(sm.input.dishes),
    partner_paths=list(sm.input.partners),
    settings_paths=list(sm.input.settings),
    templates=sm.params.templates,
    web_templates=sm.params.web_templates,
    pdf=sm.output.pdf,
    pngs=list(sm.output.pngs),
    web_dir=sm.params.web_dir,
    report=sm.output.report,
)
with open(sm.log[0], "w") as log:
    log.write(f"{result}\n")
print(f"{sm.rule}: {result['dishes']} dishes on "
      f"{result['pages']} pages, {len(result['written'])} file(s) written")
