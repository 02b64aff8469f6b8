"""Snakemake job: the labels of one format (see rules/labels.smk)."""

from atelier.jobs.labels import build_labels

sm = snakemake  # noqa: F821  (injected by Snakemake)
counts = build_labels(
    fmt_name=sm.params.format,
    batch=sm.input.batch,
    settings=list(sm.input.settings),
    template=sm.input.template,
    brand_files=list(sm.input.brand),
    pdfs=list(sm.output.pdfs),
    pngs=list(sm.output.pngs),
    sheets=list(sm.output.sheets),
    state_path=sm.output.state,
    threads=sm.threads,
)
with open(sm.log[0], "w") as log:
    log.write(f"{counts}\n")
print(f"labels {sm.params.format}: {counts['rendered']} of {counts['labels']} drawn, "
      f"{counts['written']} PDF(s) changed, "
      f"{counts['sheets_written']} of {counts['sheets']} sheet(s) changed")
