"""Label jobs: each format's labels are cut into jobs of whole A4 sheets, ~250 labels each.

A job draws its labels (skipping the ones whose inputs did not change) and imposes its sheets.
Why whole sheets: a job that owns all the sheets of its labels needs no second job to impose
them. Why ~250 labels: an edited product reruns its job, which costs little more for 250 labels
than for 1 (unchanged ones are skipped by key), while each job is a rule Snakemake creates at
every run (~2 ms each: 440 jobs of 40 at 5,000 products cost a second per run).

Why a job declares only its state file: Snakemake spends ~2 ms per declared file on every run
(creating the rule, checking the outputs against each other), ~20 s for the 10,000 files of 5,000
products. The state file lists what the job drew and is rewritten (or touched) whenever it ran,
so rules that read the labels depend on it. In exchange the planner checks, at each parse, that
every file of a job is there, and stages the job's batch again when one is missing
(``Staged.restage_if_missing``), which reruns the job.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.sticker import takeaway_dishes
from ..paths import BUILD
from ..pipeline import Staged
from ..print.sheets import SheetLayout
from ..records.stage import dumps
from .registry import OFFICE, PRINTER, PrintFile

LABELS_PER_JOB = 250  # a job closes at the first clean sheet boundary after this many labels


@dataclass
class LabelJob:
    """Some whole sheets of one format and the labels on them: one Snakemake job."""

    format: str
    name: str  # "l7163-2": format and the job's number within it
    skus: list[str]
    batch: str  # this job's products, their makers and its sheets, as one staged file
    template: str
    pdfs: list[str]
    pngs: list[str]
    sheets: list[str]
    state: str  # the one file Snakemake tracks for the job: it stands for all the others

    @property
    def files(self) -> list[str]:
        return self.pdfs + self.pngs + self.sheets


@dataclass
class Group:
    """One job's share of a format: products ``start:end`` (in sku order) and the sheets
    ``first_sheet:end_sheet`` (0-based) that hold every copy of them."""

    start: int
    end: int
    first_sheet: int
    end_sheet: int


def group_products(quantities: list[int], per_sheet: int,
                   target: int = LABELS_PER_JOB) -> list[Group]:
    """The format's products (their print quantities, in sheet order) cut into jobs of about
    ``target`` distinct labels. A job only ends where a sheet ends with a product's last copy
    (a product printed 30 times spans sheets), so every label is drawn by exactly one job, the
    one that imposes all of its copies. Distinct labels, not sheets, set the size: a jar label
    printed 200 times fills 200 sheets that cost a job nothing until that label changes.

    Counted from the quantities, not from the sheets' slots: at 5,000 products those were
    380,000 names to walk at every parse."""
    total = sum(quantities)
    groups, start, first, slot = [], 0, 0, 0
    for i, qty in enumerate(quantities):
        slot += qty
        if i + 1 - start >= target and slot % per_sheet == 0 and slot < total:
            groups.append(Group(start, i + 1, first, slot // per_sheet))
            start, first = i + 1, slot // per_sheet
    groups.append(Group(start, len(quantities), first, -(-total // per_sheet)))
    return groups


def production(fmt: dict) -> str:
    """Who makes a format's labels: the printer (die-cut, one PDF/X per product, build/print/)
    or the office (stock A4 sheets, build/office/)."""
    return fmt.get("production", OFFICE)


def sticker_items(staged: Staged, fmt_name: str, fmt: dict) -> list[dict]:
    """A sticker format's items: each dish a takeaway menu packs on site, as the label jobs
    carry items (``sku`` the dish id, ``quantite_impression``), with its dish and menu records."""
    out = []
    for dish, menu in takeaway_dishes(staged.table("menus"), staged.table("plats")):
        copies = dish.get("quantite_etiquettes")
        # file names are the sku: prefixed, so that a dish never takes a product's file
        out.append({"sku": f"{fmt_name}-{dish['id']}", "id": dish["id"], "table": "plats",
                    "quantite_impression": fmt.get("copies_per_dish", 1) if copies is None else copies,
                    "dish": dish, "menu": {k: menu[k] for k in ("id", "date_validite", "langues")}})
    return out


def format_items(staged: Staged, fmt_name: str, fmt: dict) -> list[dict]:
    """What a format labels, in sku order: products whose format it is, or (``items: plats``)
    the takeaway dishes. An item printed 0 times is on no sheet, and so in no job."""
    if fmt.get("items", "produits") == "plats":
        items = sticker_items(staged, fmt_name, fmt)
    else:
        items = [p for p in staged.table("produits") if p["format_etiquette"] == fmt_name]
    return sorted((p for p in items if p["quantite_impression"] > 0), key=lambda p: p["sku"])


def label_jobs(staged: Staged) -> list[LabelJob]:
    formats = staged.settings["labels"]["formats"]
    partners = {p["id"]: p for p in staged.table("partenaires")}
    batches = staged.root / "_labels"
    jobs = []
    for fmt_name, fmt in formats.items():
        products = format_items(staged, fmt_name, fmt)
        if not products:
            continue
        office = production(fmt) == OFFICE
        # The printer's die-cut labels are not imposed here (the printer imposes on his press):
        # one "sheet" per label keeps the jobs' grouping.
        per_sheet = SheetLayout.from_format(fmt, {}).per_sheet if office else 1
        groups = group_products([p["quantite_impression"] for p in products], per_sheet)
        n_sheets = groups[-1].end_sheet
        width = max(2, len(str(n_sheets)))
        folder = f"{BUILD}/office/etiquettes" if office else f"{BUILD}/print/labels"
        for n, group in enumerate(groups, start=1):
            mine = products[group.start:group.end]
            skus = [p["sku"] for p in mine]
            numbers = range(group.first_sheet + 1, group.end_sheet + 1)
            name = f"{fmt_name}-{n}"
            pdfs = [f"{folder}/{s}.pdf" for s in skus]
            pngs = [f"{BUILD}/proofs/labels/{s}.png" for s in skus]
            sheet_files = [f"{BUILD}/office/planches/{fmt_name}-{k:0{width}d}.pdf"
                           for k in numbers] if office else []
            # One input file per job, not one per record: Snakemake stats every input of every
            # job. Staged (written by the stage rule) only when one of its products, makers or
            # sheets changed.
            batch = staged.put(batches / f"{name}.json", dumps({
                "format": fmt_name,
                "products": mine,
                "makers": {m: partners[m] for m in sorted({p["fabricant"] for p in mine
                                                           if "fabricant" in p})},
                # which labels go on each sheet is not written here: the job plans its sheets
                # again from its products (plan_sheets), as they start on a sheet of their own.
                # At 5,000 products the lists were 380,000 names to serialise at every parse.
                "sheets": {"first": numbers[0], "of": n_sheets, "files": sheet_files}
                if office else None,
                "production": production(fmt),
                "files": {"pdfs": pdfs, "pngs": pngs},  # in the order of "products"
            }))
            jobs.append(LabelJob(
                format=fmt_name,
                name=name,
                skus=skus,
                batch=batch,
                template=f"templates/labels/{fmt['template']}",
                pdfs=pdfs,
                pngs=pngs,
                sheets=sheet_files,
                state=f"{BUILD}/state/labels-{name}.json",
            ))
    return jobs


def owned_files(jobs: list[LabelJob]) -> dict[str, str]:
    """Every file the label jobs write, each mapped to its job's state file (see the module)."""
    return {f: job.state for job in jobs for f in job.files}



def label_print_files(staged: Staged, jobs: list[LabelJob]) -> list[PrintFile]:
    """Print files: a printer's job per product (its die-cut labels, quantity from the sheet);
    for office formats, each label's PDF and the A4 sheets imposed from them (the office run)."""
    formats = staged.settings["labels"]["formats"]
    bleed = staged.settings["printer"]["bleed_mm"]
    items = {}
    for fmt_name, fmt in formats.items():
        items[fmt_name] = {p["sku"]: p for p in format_items(staged, fmt_name, fmt)}
    out = []
    for job in jobs:
        fmt = formats[job.format]
        where = production(fmt)
        size = f"{_mm(fmt['width_mm'])} × {_mm(fmt['height_mm'])} mm"
        office_run = (f"planches-{job.format}", f"Planches A4 {job.format} ({size}) — bureau")
        for sku, pdf, png in zip(job.skus, job.pdfs, job.pngs, strict=True):
            p = items[job.format][sku]
            name = p["dish"]["nom_fr"] if "dish" in p else p["nom_fr"]
            run = (f"etiquettes-{sku}", f"Étiquettes {size} — {name}") \
                if where == PRINTER else office_run
            out.append(PrintFile(pdf, "labels", f"Étiquette {job.format} — {name}",
                                 fmt["width_mm"], fmt["height_mm"], bleed, 1,
                                 p["quantite_impression"] if where == PRINTER else 0,
                                 "labels" if where == PRINTER else "sheets", png,
                                 run=run[0], run_title=run[1], destination=where))
        for sheet in job.sheets:
            out.append(PrintFile(sheet, "labels", f"Planche A4 {job.format} ({fmt['description']})",
                                 210.0, 297.0, 0.0, 1, 1, "sheets", run=office_run[0],
                                 run_title=office_run[1], destination=OFFICE))
    return out


def _mm(value: float) -> str:
    return f"{value:g}".replace(".", ",")
