"""Snakemake job: every Parcours noir panel (see rules/signage.smk)."""

import json

from atelier.jobs.console import tell
from atelier.jobs.signage import build_panels

sm = snakemake  # noqa: F821  (injected by Snakemake)
counts = build_panels(
    batch=sm.input.stops,
    settings=list(sm.input.settings),
    templates=list(sm.input.templates),
    brand_files=[sm.input.brand],
    pdfs=list(sm.params.pdfs),
    pngs=list(sm.params.pngs),
    state_path=sm.output.state,
    threads=sm.threads,
)
with open(sm.log[0], "w") as log:
    log.write(json.dumps(counts, ensure_ascii=False) + "\n")
tell(f"signage panels: {counts['drawn']} of {counts['panels']} drawn, "
      f"{len(counts['written'])} PDF(s) changed: {' '.join(counts['written']) or '-'}")

