# Presentation decks: one PPTX per plan templates/decks/<deck>.yaml, on the master
# templates/deck.pptx (layouts by name, placeholders by idx: templates/decks.md).
#   build/decks/<deck>.pptx   editable deck: text, tables, native charts, photos, notes
#   build/decks/<deck>.pdf    the same through LibreOffice, when soffice is installed
# Work: atelier/jobs/decks.py; data sets: atelier/content/decks.py; drawing: atelier/render/pptx.py.

import shutil

from atelier.plan.decks import CODE as DECK_SOURCES
from atelier.plan.decks import PDF_CODE as DECK_PDF_SOURCES
from atelier.plan.decks import deck_jobs

DECK_JOBS = DATA.plan(deck_jobs, [])
SOFFICE = (
    shutil.which("soffice") if SETTINGS.get("decks", {}).get("pdf", True) else None
)
# A change in the code that makes decks rebuilds them (a stamp: DATA.stamp).
DECK_CODE = DATA.stamp("code-decks", DECK_SOURCES)
DECK_PDF_CODE = DATA.stamp("code-decks-pdf", DECK_PDF_SOURCES)

for deck in DECK_JOBS:

    rule:
        name:
            f"deck_{deck.name}"
        input:
            plan=deck.plan,
            template=deck.template,
            records=deck.records,
            pictures=deck.pictures,
            settings=settings_files("decks", "event", "documents"),
            brand=BRAND,
            code=DECK_CODE,
        output:
            pptx=report(
                deck.pptx,
                caption="../report/presentations.rst",
                category="Présentations",
            ),
        log:
            f"build/logs/deck-{deck.name}.log",
        conda:
            "../envs/atelier.yaml"
        script:
            "scripts/decks.py"

    if SOFFICE:

        rule:
            name:
                f"deck_{deck.name}_pdf"
            input:
                pptx=deck.pptx,
                code=DECK_PDF_CODE,
            output:
                deck.pdf,
            log:
                f"build/logs/deck-{deck.name}-pdf.log",
            conda:
                "../envs/atelier.yaml"
            params:
                soffice=SOFFICE,
            script:
                "scripts/decks_pdf.py"


rule decks:
    """Every deck (and its PDF when LibreOffice is present)."""
    input:
        [d.pptx for d in DECK_JOBS] + ([d.pdf for d in DECK_JOBS] if SOFFICE else []),
        STAGED,
