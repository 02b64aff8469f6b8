"""Snakemake job: the job sheet, build/print/fiche-de-fabrication.pdf (see rules/print.smk)."""

from atelier.jobs.pack import build_jobsheet

sm = snakemake  # noqa: F821  (injected by Snakemake)
build_jobsheet(sm.input.plan, sm.input.manifest, sm.output[0])
with open(sm.log[0], "w") as log:
    log.write("ok\n")
