"""Snakemake job: one label job's labels and sheets (see rules/labels.smk)."""

from atelier.jobs.labels import run

sm = snakemake  # noqa: F821  (injected by Snakemake)
run(batch=sm.input.batch, settings=list(sm.input.settings), template=sm.input.template,
    brand=sm.input.brand, state=sm.output.state, threads=sm.threads, log=sm.log[0])
