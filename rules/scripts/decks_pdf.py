"""Snakemake job: a deck to PDF through LibreOffice (see rules/decks.smk)."""

from atelier.jobs.decks import convert_pdf

sm = snakemake  # noqa: F821  (injected by Snakemake)
convert_pdf(sm.input[0], sm.output[0], soffice=sm.params.soffice)
with open(sm.log[0], "w") as log:
    log.write(f"{sm.output[0]}\n")
