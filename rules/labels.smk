# Product labels: each format's products are cut into jobs of a few whole A4 sheets; a job draws
# its labels (skipping the ones whose inputs did not change) and imposes its sheets.
#   build/print/labels/<sku>.pdf               printer's labels: trim + bleed + crop marks (PDF/X)
#   build/office/etiquettes/<sku>.pdf          office formats' labels, imposed on…
#   build/office/planches/<format>-<nn>.pdf    A4 sheets for office printers
#   build/proofs/labels/<sku>.png              preview for proofs
# Planning: atelier/plan/labels.py. The job: atelier/jobs/labels.py `run` (what to redraw), which
# draws with atelier/jobs/label_work.py (draw: one label, through atelier/content/label.py and
# atelier/render/labels.py; impose_sheet: one A4 sheet).
# A job declares only its state file, which stands for the PDFs and PNGs it writes (listed in its
# batch): Snakemake's cost per declared file made 5,000-product runs slow. A job one of whose
# files went missing has its batch staged again, which reruns it.

from atelier.plan.labels import label_jobs, label_print_files, owned_files

LABEL_JOBS = DATA.plan(label_jobs, [])
OWNED_FILES.update(owned_files(LABEL_JOBS))
PRINT_FILES += DATA.plan(label_print_files, [], LABEL_JOBS)
for job in LABEL_JOBS:
    DATA.restage_if_missing(job.files, job.batch, job.state)

for job in LABEL_JOBS:

    # Run in Snakemake's process (profiles/default: force-use-threads): the job hands its call
    # to the project's warm drawing process (atelier/jobs/label_server.py) or, when none is
    # running for this state of the code and templates, draws it here and starts one — so that a
    # one-row edit redraws its label without starting Python or importing the drawing stack.
    rule:
        name:
            f"labels_{job.name.replace('-', '_')}"
        input:
            batch=job.batch,
            template=job.template,
            settings=settings_files("labels", "printer", "jobs", "urls", "text"),
            brand=BRAND,
            code=CODE,
        output:
            state=update(job.state),
        log:
            f"build/logs/labels-{job.name}.log",
        threads: workflow.cores
        run:
            from atelier.jobs.labels import run as draw_labels

            draw_labels(
                batch=input.batch,
                settings=list(input.settings),
                template=input.template,
                brand=input.brand,
                code=input.code,
                state=output.state,
                threads=threads,
                log=log[0],
            )


# Every label PDF, proof and sheet, through the state files that stand for them.
rule labels:
    input:
        [job.state for job in LABEL_JOBS],
        STAGED,
