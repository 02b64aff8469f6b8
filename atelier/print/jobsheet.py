"""The job sheet (fiche de fabrication): what the printer quotes, one row per print job.

A job is what a printer quotes and runs — one product's die-cut labels, a menu, the A2 panels,
the leaflet — with its files listed inside it (MANIFEST.csv keeps one row per file, naming its
job). For each: finished size, pages, inks (« 4/0 », « 4/4 »), stock, finishing, quantity, bleed,
output condition, what changed since the last delivery and the BAT (proof approval) state:
« approuvé », « à revalider » (a file changed since its approval), « en attente » (never
approved), or « 2 / 3 » approved files. The office's A4 label
sheets are not the printer's work and are not here (build/office-pack.zip).

Drawn with the same Canvas and text engine as the print files (brand fonts, measured wrapping),
continued over as many pages as it takes; the header repeats on every page. Itself a PDF/X file,
like everything in build/print/.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import brand
from ..layout.text import Paragraph, Run, lay_out
from ..render.canvas import Canvas, PrintGeometry, render_pdf
from .pdfx import printer_file

# Page geometry (mm): A4 landscape, an office document — no bleed, no marks.
PAGE_W, PAGE_H = 297.0, 210.0
MARGIN = 12.0
PAD = 1.2  # inside each cell
LOGO_W = 28.0

# (key of a job row, heading, share of the table's width)
COLUMNS = [
    ("n", "N°", 0.03),
    ("travail", "Travail — fichiers", 0.205),
    ("format", "Format fini (mm)", 0.085),
    ("pages", "Pages", 0.045),
    ("couleurs", "Couleurs", 0.055),
    ("papier", "Support", 0.13),
    ("finition", "Finition", 0.115),
    ("quantite", "Quantité", 0.07),
    ("fond_perdu_mm", "Fond perdu (mm)", 0.055),
    ("condition", "Condition d’impression", 0.08),
    ("modifie", "Modifié", 0.06),
    ("bat", "BAT", 0.07),
]


@dataclass
class SheetInfo:
    printer: str
    printer_contact: str
    contact: str  # at the programme, for the printer's questions
    delivery: str  # already formatted for reading
    issued: str


def _one_or_range(values: list[str]) -> str:
    distinct = list(dict.fromkeys(values))
    return distinct[0] if len(distinct) == 1 else " / ".join(distinct)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")  # « 5 000 »: a narrow no-break space groups digits


def job_runs(rows: list[dict], jobs: dict) -> list[dict]:
    """The manifest's rows (one per file) grouped into the printer's jobs, in manifest order."""
    runs: dict[str, list[dict]] = {}
    for row in rows:
        runs.setdefault(row["travail"], []).append(row)
    out = []
    for key, files in runs.items():
        first = files[0]
        total = sum(int(f["quantite"]) for f in files)
        names = [f["fichier"].rpartition("/")[2] for f in files]
        listed = names[0] if len(names) == 1 else f"{len(names)} fichiers : " + ", ".join(names)
        each = {f["quantite"] for f in files}
        quantity = _thousands(total) if len(files) == 1 or len(each) > 1 \
            else f"{_thousands(total)} ({first['quantite']} × {len(files)})"
        changed = [f["modifie"] for f in files]
        modifie = "nouveau" if all(c == "nouveau" for c in changed) else \
            ("oui" if any(c in ("oui", "nouveau") for c in changed) else "non")
        out.append({
            "bat": bat_of_job([f.get("bat", "") for f in files]),
            "key": key, "titre": first["intitule_travail"], "fichiers": listed,
            "format": _one_or_range([f"{f['largeur_mm']} × {f['hauteur_mm']}" for f in files]),
            "pages": _one_or_range([f["pages"] for f in files]),
            "couleurs": _one_or_range([f["couleurs"] for f in files]),
            "papier": first["papier"], "finition": first["finition"] or "—",
            "quantite": quantity, "copies": total,
            "fond_perdu_mm": _one_or_range([f["fond_perdu_mm"] for f in files]),
            "condition": _one_or_range([f["condition"] for f in files]),
            "modifie": modifie,
        })
    return out


def bat_of_job(states: list[str]) -> str:
    """A job's BAT from its files' (MANIFEST.csv's « bat » column)."""
    from .approvals import APPROVED, CHANGED

    approved = sum(s == APPROVED for s in states)
    if approved == len(states):
        return "approuvé"
    if any(s == CHANGED for s in states):
        return "à revalider"
    return "en attente" if not approved else f"{approved} / {len(states)}"


def _cells(job: dict, n: int) -> dict[str, str]:
    return dict(job, n=str(n))


def _lay(text: str, width: float, pt: float, bold: bool = False):
    return lay_out([Paragraph([Run(text, bold=bold)])], brand.fonts(), width - 2 * PAD, pt, 1.15)


def _header(canvas: Canvas, info: SheetInfo, totals: str, page: int, pages: int) -> float:
    """Logo, title, printer and delivery; returns the y where the table starts."""
    fonts = brand.fonts()
    ink = brand.colour("text.on_light")
    accent = brand.colour("text.on_light_accent")
    logo = brand.LOGOS.parent / brand.tokens()["assets"]["logos"]["all_on_light"]
    canvas.svg_file(logo, MARGIN, MARGIN, LOGO_W, 14.0)
    x = MARGIN + LOGO_W + 6
    width = PAGE_W - x - MARGIN
    title = lay_out([Paragraph([Run("Fiche de fabrication", bold=True)])], fonts, width,
                    brand.size("documents.heading1"))
    canvas.layout(title, x, MARGIN, accent)
    lines = [f"Imprimeur : {info.printer} — {info.printer_contact}",
             f"Donneur d'ordre : {info.contact}",
             f"Livraison souhaitée : {info.delivery}  ·  Fiche établie le {info.issued}  ·  "
             f"{totals}"]
    body = lay_out([Paragraph.of(t) for t in lines], fonts, width, brand.size("documents.caption"))
    canvas.layout(body, x, MARGIN + title.height + 1.5, ink)
    foot = lay_out([Paragraph.of(f"Page {page} / {pages} — empreintes SHA-256 et détail dans "
                                 f"MANIFEST.csv", align="end")], fonts, PAGE_W - 2 * MARGIN,
                   brand.size("documents.caption"))
    canvas.layout(foot, MARGIN, PAGE_H - MARGIN + 2, ink)
    return max(MARGIN + 16, MARGIN + title.height + 1.5 + body.height) + 5


def _table_head(canvas: Canvas, y: float, widths: list[float]) -> float:
    pt = brand.size("documents.caption")
    lays = [_lay(head, w, pt, bold=True) for (_, head, _), w in zip(COLUMNS, widths, strict=True)]
    h = max(lay.height for lay in lays) + 2 * PAD
    canvas.rect(MARGIN, y, sum(widths), h, brand.colour("all.rouge_brique"))
    x = MARGIN
    for lay, w in zip(lays, widths, strict=True):
        canvas.layout(lay, x + PAD, y + PAD, brand.colour("text.on_dark"))
        x += w
    return y + h


def render_jobsheet(rows: list[dict], info: SheetInfo, printer: dict, jobs: dict) -> bytes:
    """The PDF/X of the job sheet for the printer's jobs ``rows`` (``job_runs``); ``printer`` and
    ``jobs`` are those sections of the settings (output condition of the sheet itself)."""
    pt = brand.size("documents.caption")
    ink = brand.colour("text.on_light")
    rule = brand.colour("all.or_lampe")
    changed_bg = brand.colour("background.cream")
    table_w = PAGE_W - 2 * MARGIN
    widths = [share * table_w for _, _, share in COLUMNS]
    copies = sum(r["copies"] for r in rows)
    totals = f"{len(rows)} travaux, {_thousands(copies)} exemplaires"

    # Lay out every row first: pagination needs their heights.
    laid = []
    for n, row in enumerate(rows, start=1):
        cells = _cells(row, n)
        lays = [_job_cell(cells, w, pt) if key == "travail" else _lay(cells[key], w, pt)
                for (key, _, _), w in zip(COLUMNS, widths, strict=True)]
        laid.append((row, lays, max(lay.height for lay in lays) + 2 * PAD))

    def paginate(top: float) -> list[list]:
        pages, current, y = [], [], top
        for item in laid:
            if current and y + item[2] > PAGE_H - MARGIN - 4:
                pages.append(current)
                current, y = [], top
            current.append(item)
            y += item[2]
        return pages + [current]

    # The header's height does not depend on the page number: measure it once on a scratch page.
    scratch = Canvas(PAGE_W, PAGE_H)
    head_h = _table_head(scratch, _header(scratch, info, totals, 1, 1), widths)
    chunks = paginate(head_h)
    canvases = []
    for number, chunk in enumerate(chunks, start=1):
        canvas = Canvas(PAGE_W, PAGE_H)
        y = _table_head(canvas, _header(canvas, info, totals, number, len(chunks)), widths)
        for row, lays, h in chunk:
            if row.get("modifie") in ("oui", "nouveau"):
                canvas.rect(MARGIN, y, table_w, h, changed_bg)
            x = MARGIN
            for lay, w in zip(lays, widths, strict=True):
                canvas.layout(lay, x + PAD, y + PAD, ink)
                x += w
            y += h
            canvas.line(MARGIN, y, MARGIN + table_w, y, 0.15, rule)
        canvases.append(canvas)
    return printer_file(render_pdf(canvases, PrintGeometry.none(), "Fiche de fabrication"),
                        (0, 0, PAGE_W, PAGE_H), (0, 0, PAGE_W, PAGE_H),
                        {"printer": printer, "jobs": jobs}, None, "Fiche de fabrication")


def _job_cell(cells: dict, width: float, pt: float):
    """The job's title in bold, its files under it."""
    return lay_out([Paragraph([Run(cells["titre"], bold=True)]), Paragraph.of(cells["fichiers"])],
                   brand.fonts(), width - 2 * PAD, pt, 1.15)
