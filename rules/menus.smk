# Menu cards: one job per menu writes its print PDF, a proof per page and its online page. A job
# depends on its menu row, its dishes, their producers and the site — so a price edit rebuilds
# that menu only.
#   build/print/menus/<menu>.pdf           print file: every page trim + bleed + crop marks
#   build/proofs/menus/<menu>-<page>.png   proofs
#   build/web/menus/<menu>/index.html      the online menu (the QR code's target), offline-ready
# Work: atelier/jobs/menus.py; content rules: atelier/content/menu.py; templates/menus/README.md.

from atelier.plan.menus import CODE as MENU_SOURCES
from atelier.plan.menus import WEB_TEMPLATES, menu_jobs, menu_print_files

MENU_JOBS = DATA.plan(menu_jobs, [])
# A change in the code that draws menus redraws them (a stamp: DATA.stamp).
MENU_CODE = DATA.stamp("code-menus", MENU_SOURCES)
PRINT_FILES += DATA.plan(menu_print_files, [], MENU_JOBS)

for job in MENU_JOBS:

    rule:
        name:
            f"menu_{job.id}"
        input:
            menu=job.record,
            dishes=job.dishes,
            partners=job.partners,
            templates=job.templates,
            web_templates=sorted(str(p) for p in WEB_TEMPLATES.glob("*.j2")),
            settings=settings_files("menus", "printer", "jobs", "urls", "text"),
            brand=BRAND,
            code=MENU_CODE,
        output:
            pdf=report(job.pdf, caption="../report/menus.rst", category="Menus"),
            pngs=job.pngs,
            web=job.web,
            report=job.report,
        log:
            f"build/logs/menus-{job.id}.log",
        conda:
            "../envs/atelier.yaml"
        script:
            "scripts/menus.py"


rule menus:
    """Every menu's print PDF, proofs and online page."""
    input:
        [f for job in MENU_JOBS for f in [job.pdf, *job.pngs, *job.web]],
        STAGED,
