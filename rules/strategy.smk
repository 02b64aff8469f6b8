# The strategy document: the team's narrative (inputs/textes/*.md) and the chapters the sheets
# give (census, project selection, planning with a Gantt figure, budget per action, indicators,
# the two sites, the products appendix), on the designers' Word template.
#   build/docs/<output>.docx   editable Word document (styles, TOC, numbered captions)
#   build/docs/<output>.pdf    the same through LibreOffice, when soffice is installed
# Work: atelier/jobs/strategy.py; figures: atelier/content/strategy.py; Word: atelier/render/.

from atelier.plan.strategy import strategy_job

STRATEGY = DATA.plan(strategy_job, None)

if STRATEGY:

    rule strategy_docx:
        input:
            template=STRATEGY.template,
            texts=STRATEGY.texts,
            images=STRATEGY.images,
            records=STRATEGY.records,
            settings=settings_files("documents", "event"),
            brand=BRAND,
            code=DATA.stamp("code-strategy-docx", STRATEGY.docx_code),  # rerun on a code change
        output:
            docx=report(
                STRATEGY.docx, caption="../report/documents.rst", category="Documents"
            ),
        log:
            "build/logs/strategy-docx.log",
        conda:
            "../envs/atelier.yaml"
        script:
            "scripts/strategy.py"


if STRATEGY and STRATEGY.pdf:

    rule strategy_pdf:
        input:
            docx=STRATEGY.docx,
            settings=settings_files("documents"),
            code=DATA.stamp("code-strategy-pdf", STRATEGY.pdf_code),
        output:
            pdf=STRATEGY.pdf,
        log:
            "build/logs/strategy-pdf.log",
        conda:
            "../envs/atelier.yaml"
        script:
            "scripts/strategy_pdf.py"


rule strategy:
    """The strategy document (and its PDF when LibreOffice is present)."""
    input:
        [STRATEGY.docx] + ([STRATEGY.pdf] if STRATEGY.pdf else []) if STRATEGY else [],
        STAGED,
