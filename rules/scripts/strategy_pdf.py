"""Snakemake job: the strategy document as PDF, by LibreOffice (see rules/strategy.smk)."""

from atelier.jobs.console import tell
from atelier.jobs.strategy import build_pdf

sm = snakemake  # noqa: F821  (injected by Snakemake)
counts = build_pdf(sm.input.docx, sm.output.pdf, list(sm.input.settings))
with open(sm.log[0], "w") as log:
    log.write(f"{counts}\n")
tell(f"strategy: {sm.output.pdf} — {counts['pages']} pages, table of contents {counts['toc']}")
