"""Snakemake job: the Parcours noir map panel and roll-fold leaflet (see rules/signage.smk)."""

import json

from atelier.jobs.console import tell
from atelier.jobs.signage import build_overview

sm = snakemake  # noqa: F821  (injected by Snakemake)
out = sm.output
counts = build_overview(
    batch=sm.input.stops,
    settings=list(sm.input.settings),
    templates=dict(sm.params.templates),
    brand_files=[sm.input.brand],
    outputs={"map_pdf": out.map_pdf, "map_png": out.map_png, "map_svg": out.map_svg,
             "map_json": out.map_json, "leaflet_pdf": out.leaflet_pdf,
             "leaflet_pngs": list(out.leaflet_pngs)},
    state_path=out.state,
)
with open(sm.log[0], "w") as log:
    log.write(json.dumps(counts, ensure_ascii=False) + "\n")
tell(f"signage map and leaflet: {'drawn' if counts['drawn'] else 'unchanged'}, "
      f"{len(counts['written'])} file(s) changed: {' '.join(counts['written']) or '-'}")

