"""Snakemake job: one deck (see rules/decks.smk)."""

from atelier.jobs.console import tell
from atelier.jobs.decks import build_deck

sm = snakemake  # noqa: F821  (injected by Snakemake)
result = build_deck(
    plan_path=sm.input.plan,
    template=sm.input.template,
    records=list(sm.input.records),
    settings=list(sm.input.settings),
    out=sm.output.pptx,
)
with open(sm.log[0], "w") as log:
    log.write(f"{result}\n")
tell(f"deck {sm.output.pptx}: {result['slides']} slides")
