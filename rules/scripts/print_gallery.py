"""Snakemake job: the proof gallery, build/proofs/index.html (see rules/print.smk)."""

from atelier.jobs.console import tell
from atelier.jobs.pack import build_gallery

sm = snakemake  # noqa: F821  (injected by Snakemake)
counts = build_gallery(sm.input.plan, sm.input.summary, sm.output.html, sm.output.state,
                       threads=sm.threads, manifest=sm.input.manifest)
with open(sm.log[0], "w") as log:
    log.write(f"{counts}\n")
tell(f"gallery: {counts['cards']} asset(s), {counts['thumbnails']} thumbnail(s) drawn")

