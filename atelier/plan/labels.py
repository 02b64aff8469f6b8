"""Label jobs: all labels of one format are one job (it skips unchanged labels itself)."""

from __future__ import annotations

from dataclasses import dataclass

from ..paths import BUILD
from ..pipeline import Staged
from ..print.sheets import SheetLayout
from ..records.stage import dumps, write_if_changed
from .registry import PrintFile


@dataclass
class LabelJob:
    """All labels of one format: one Snakemake job (it skips unchanged labels itself)."""

    format: str
    skus: list[str]
    batch: str  # the products of this format and their makers, as one staged file
    template: str
    pdfs: list[str]
    pngs: list[str]
    sheets: list[str]
    state: str


def label_jobs(staged: Staged) -> list[LabelJob]:

    formats = staged.settings["labels"]["formats"]
    jobs = []
    for name, fmt in formats.items():
        products = sorted((p for p in staged.table("produits") if p["format_etiquette"] == name),
                          key=lambda p: p["sku"])
        if not products:
            continue
        skus = [p["sku"] for p in products]
        per_sheet = SheetLayout.from_format(fmt, {}).per_sheet
        slots = sum(p["quantite_impression"] for p in products)
        n_sheets = -(-slots // per_sheet)
        width = max(2, len(str(n_sheets)))
        # One input file per format, not one per record: Snakemake keeps, for every output, the
        # checksums of every input, so 1,000 labels × 1,000 record inputs made planning alone
        # take minutes. Rewritten only when one of its products or makers changed.
        partners = {p["id"]: p for p in staged.table("partenaires")}
        batch = staged.root / "_labels" / f"{name}.json"
        write_if_changed(batch, dumps({
            "products": products,
            "makers": {m: partners[m] for m in sorted({p["fabricant"] for p in products})},
        }))
        jobs.append(LabelJob(
            format=name,
            skus=skus,
            batch=str(batch),
            template=f"templates/labels/{fmt['template']}",
            pdfs=[f"{BUILD}/print/labels/{s}.pdf" for s in skus],
            pngs=[f"{BUILD}/proofs/labels/{s}.png" for s in skus],
            sheets=[f"{BUILD}/print/labels/planches/{name}-{n:0{width}d}.pdf"
                    for n in range(1, n_sheets + 1)],
            state=f"{BUILD}/state/labels-{name}.json",
        ))
    return jobs


def label_print_files(staged: Staged, jobs: list[LabelJob]) -> list[PrintFile]:
    """Manifest entries: each label PDF (quantity from the sheet) and each A4 sheet."""
    formats = staged.settings["labels"]["formats"]
    bleed = staged.settings["printer"]["bleed_mm"]
    products = {p["sku"]: p for p in staged.table("produits")}
    out = []
    for job in jobs:
        fmt = formats[job.format]
        for sku, pdf, png in zip(job.skus, job.pdfs, job.pngs, strict=True):
            p = products[sku]
            out.append(PrintFile(pdf, "labels", f"Étiquette {job.format} — {p['nom_fr']}",
                                 fmt["width_mm"], fmt["height_mm"], bleed, 1,
                                 p["quantite_impression"], "labels", png))
        for sheet in job.sheets:
            out.append(PrintFile(sheet, "labels", f"Planche A4 {job.format} ({fmt['description']})",
                                 210.0, 297.0, 0.0, 1, 1, "sheets"))
    return out
