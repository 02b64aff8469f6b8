"""Snakemake job: build/print-pack.zip (see rules/print.smk)."""

from atelier.jobs.console import tell
from atelier.jobs.pack import build_pack

sm = snakemake  # noqa: F821  (injected by Snakemake)
counts = build_pack(sm.input.plan, sm.input.manifest, sm.input.jobsheet, sm.input.summary,
                    sm.input.preflight, sm.output[0])
with open(sm.log[0], "w") as log:
    log.write(f"{counts}\n")
tell(f"print pack: {counts['entries']} file(s) in {sm.output[0]}")
