"""Snakemake job: CMYK copies of the print files (see rules/print.smk)."""

from atelier.jobs.incremental import settle
from atelier.jobs.pack import build_cmyk

sm = snakemake  # noqa: F821  (injected by Snakemake)
counts = build_cmyk(sm.input.plan, sm.output.state, threads=sm.threads)
with open(sm.log[0], "w") as log:
    log.write(f"{counts}\n")
print(f"print cmyk: {counts['converted']} of {counts['files']} file(s) converted")

# Unchanged files were left alone; all must look newer than the inputs (see incremental.settle).
settle(sm.output)
