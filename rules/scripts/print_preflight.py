"""Snakemake job: preflight of every print file (see rules/print.smk)."""

from atelier.jobs.console import tell
from atelier.jobs.pack import run_preflight

sm = snakemake  # noqa: F821  (injected by Snakemake)
s = run_preflight(sm.input.plan, list(sm.input.fonts), sm.output.html, sm.output.summary,
                  sm.output.state, threads=sm.threads)
line = (f"preflight: {s['files']} file(s), {s['checked']} checked in {s['seconds']} s, "
        f"{s['errors']} in error, {s['warnings']} with warnings — {sm.output.html}")
with open(sm.log[0], "w") as log:
    log.write(line + "\n")
tell(line)

