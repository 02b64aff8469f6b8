# Product labels: one job per label format renders every product of that format (skipping the
# ones whose inputs did not change) and imposes them on A4 sheets.
#   build/print/labels/<sku>.pdf                  print file: trim + bleed + crop marks
#   build/print/labels/planches/<format>-<nn>.pdf  A4 sheets for office printers
#   build/proofs/labels/<sku>.png                 preview for proofs
# Work: atelier/jobs/labels.py; content rules: atelier/content/label.py.

from atelier.plan.labels import label_jobs, label_print_files

LABEL_JOBS = label_jobs(DATA)
LABEL_FILES = [f for job in LABEL_JOBS for f in job.pdfs + job.pngs + job.sheets]
PRINT_FILES += label_print_files(DATA, LABEL_JOBS)

for job in LABEL_JOBS:

    rule:
        name:
            f"labels_{job.format}"
        input:
            batch=job.batch,
            template=job.template,
            settings=settings_files("labels", "printer", "urls"),
            brand=BRAND_FILES,
        output:
            pdfs=update(job.pdfs),
            pngs=update(job.pngs),
            sheets=update(job.sheets),
            state=update(job.state),
        log:
            f"build/logs/labels-{job.format}.log",
        conda:
            "../envs/atelier.yaml"
        threads: workflow.cores
        params:
            format=job.format,
        script:
            "scripts/labels.py"


# Every label PDF, proof and sheet. The target names each job's state file: the job writes all
# its files, and listing thousands of them here would make Snakemake's planning quadratic.
rule labels:
    input:
        [job.state for job in LABEL_JOBS],
