# Product labels: each format's products are cut into jobs of a few whole A4 sheets; a job draws
# its labels (skipping the ones whose inputs did not change) and imposes its sheets.
#   build/print/labels/<sku>.pdf                  print file: trim + bleed + crop marks
#   build/print/labels/planches/<format>-<nn>.pdf  A4 sheets for office printers
#   build/proofs/labels/<sku>.png                 preview for proofs
# Planning: atelier/plan/labels.py; work: atelier/jobs/labels.py; content: atelier/content/label.py.
# The jobs run inside Snakemake's process (run:, threads — see profiles/default) and draw on
# worker processes that imported the drawing stack once (atelier/jobs/label_work.py): a fresh
# Python with cairo costs ~1 s, more than redrawing one edited label and its sheet. When a
# spreadsheet changed, those workers start importing while Snakemake plans (Snakefile).
# A job declares only its state file, which stands for the PDFs and PNGs it writes (listed in its
# batch): Snakemake's cost per declared file made 5,000-product runs slow. A job one of whose
# files went missing reruns (Snakefile: rerun_incomplete).

from atelier.plan.labels import label_jobs, label_print_files, owned_files

LABEL_JOBS = label_jobs(DATA)
OWNED_FILES.update(owned_files(LABEL_JOBS))
PRINT_FILES += label_print_files(DATA, LABEL_JOBS)

for job in LABEL_JOBS:

    rule:
        name:
            f"labels_{job.name.replace('-', '_')}"
        input:
            batch=job.batch,
            template=job.template,
            settings=settings_files("labels", "printer", "jobs", "urls"),
            brand=BRAND,
            code=CODE,
        output:
            state=update(job.state),
        log:
            f"build/logs/labels-{job.name}.log",
        threads: workflow.cores
        run:
            from atelier.jobs.labels import run

            run(input, output, threads, log)


# Every label PDF, proof and sheet, through the state files that stand for them.
rule labels:
    input:
        [job.state for job in LABEL_JOBS],
