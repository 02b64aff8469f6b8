"""Snakemake job: build/print/MANIFEST.csv (see rules/print.smk)."""

from atelier.jobs.console import tell
from atelier.jobs.pack import build_manifest

sm = snakemake  # noqa: F821  (injected by Snakemake)
counts = build_manifest(sm.input.plan, sm.params.previous, sm.output[0], sm.params.approvals)
with open(sm.log[0], "w") as log:
    log.write(f"{counts}\n")
since = "since the last delivery" if counts["previous"] else "(no previous delivery found)"
tell(f"print manifest: {counts['rows']} file(s), {counts['changed']} new or changed {since}")
