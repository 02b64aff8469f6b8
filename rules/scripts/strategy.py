"""Snakemake job: the strategy DOCX (see rules/strategy.smk)."""

from atelier.jobs.console import tell
from atelier.jobs.strategy import build_docx

sm = snakemake  # noqa: F821  (injected by Snakemake)
counts = build_docx(
    template=sm.input.template,
    records=list(sm.input.records),
    settings=list(sm.input.settings),
    out=sm.output.docx,
)
with open(sm.log[0], "w") as log:
    log.write(f"{counts}\n")
tell(f"strategy: {sm.output.docx} — {counts['headings']} headings, {counts['tables']} tables"
      f"{'' if counts['changed'] else ' (unchanged)'}")
