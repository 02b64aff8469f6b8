# Parcours noir signage: a panel per stop, the overview map panel and the roll-fold leaflet.
#   build/print/signage/<stop>.pdf          panel (A3/A2/A1 from format_panneau): trim + bleed + marks
#   build/print/signage/carte-parcours.pdf  the whole trail on one map panel
#   build/print/signage/depliant.pdf        A4 landscape rolled in 3 (100/100/97), recto and verso
#   build/proofs/signage/*.png              previews (carte-parcours.png at 150 dpi: the decks use it)
#   build/proofs/signage/carte-parcours.svg/.json  the map as vectors, with marker positions
# Two jobs whatever the number of stops; each re-draws only what changed (atelier/jobs/signage.py).
# The panel job declares only its state file, which stands for its panels (OWNED_FILES).

from atelier.plan.signage import signage_jobs, signage_print_files

SIGNAGE_PANELS, SIGNAGE_OVERVIEW = DATA.plan(signage_jobs, (None, None))
PRINT_FILES += DATA.plan(signage_print_files, [], SIGNAGE_PANELS, SIGNAGE_OVERVIEW)
if SIGNAGE_PANELS:
    OWNED_FILES.update(SIGNAGE_PANELS.owned)
    DATA.restage_if_missing(
        SIGNAGE_PANELS.owned, SIGNAGE_PANELS.batch, SIGNAGE_PANELS.state
    )

if SIGNAGE_PANELS:

    rule signage_panels:
        input:
            stops=SIGNAGE_PANELS.batch,
            templates=SIGNAGE_PANELS.templates,
            settings=settings_files(
                "signage", "printer", "jobs", "urls", "event", "text"
            ),
            brand=BRAND,
            code=CODE,
        output:
            state=update(SIGNAGE_PANELS.state),
        log:
            "build/logs/signage-panels.log",
        conda:
            "../envs/atelier.yaml"
        threads: workflow.cores
        params:
            pdfs=SIGNAGE_PANELS.pdfs,
            pngs=SIGNAGE_PANELS.pngs,
        script:
            "scripts/signage_panels.py"


if SIGNAGE_OVERVIEW:

    rule signage_overview:
        input:
            stops=SIGNAGE_OVERVIEW.batch,
            templates=list(SIGNAGE_OVERVIEW.templates.values()),
            settings=settings_files(
                "signage", "printer", "jobs", "event", "urls", "labels", "text"
            ),
            brand=BRAND,
            code=CODE,
        output:
            map_pdf=report(
                update(SIGNAGE_OVERVIEW.map_pdf),
                caption="../report/signaletique.rst",
                category="Signalétique",
            ),
            map_png=update(SIGNAGE_OVERVIEW.map_png),
            map_svg=update(SIGNAGE_OVERVIEW.map_svg),
            map_json=update(SIGNAGE_OVERVIEW.map_json),
            leaflet_pdf=report(
                update(SIGNAGE_OVERVIEW.leaflet_pdf),
                caption="../report/signaletique.rst",
                category="Signalétique",
            ),
            leaflet_pngs=update(SIGNAGE_OVERVIEW.leaflet_pngs),
            state=update(SIGNAGE_OVERVIEW.state),
        log:
            "build/logs/signage-overview.log",
        conda:
            "../envs/atelier.yaml"
        params:
            templates=SIGNAGE_OVERVIEW.templates,
        script:
            "scripts/signage_overview.py"


rule signage:
    """Every panel, the map panel and the leaflet, with their proofs."""
    input:
        SIGNAGE_PANELS.state if SIGNAGE_PANELS else [],
        SIGNAGE_OVERVIEW.outputs if SIGNAGE_OVERVIEW else [],
        STAGED,
