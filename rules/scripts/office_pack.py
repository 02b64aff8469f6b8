"""Snakemake job: build/office-pack.zip (see rules/print.smk)."""

from atelier.jobs.console import tell
from atelier.jobs.pack import build_office_pack

sm = snakemake  # noqa: F821  (injected by Snakemake)
counts = build_office_pack(sm.input.plan, sm.input.summary, sm.output[0])
with open(sm.log[0], "w") as log:
    log.write(f"{counts}\n")
tell(f"office pack: {counts['sheets']} sheet(s) in {sm.output[0]}")
