"""The job sheet (fiche de fabrication): the manifest as a branded, printable A4 table.

Drawn with the same Canvas and text engine as the print files (brand fonts, measured wrapping),
one row per manifest row, continued over as many pages as it takes; the header repeats on every
page. The printer's contact and the wanted delivery date come from the settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import brand
from ..layout.text import Paragraph, Run, lay_out
from ..render.canvas import Canvas, PrintGeometry, render_pdf

# Page geometry (mm): A4 landscape, an office document — no bleed, no marks.
PAGE_W, PAGE_H = 297.0, 210.0
MARGIN = 12.0
PAD = 1.2  # inside each cell
LOGO_W = 28.0

# (manifest column or computed key, heading, share of the table's width)
COLUMNS = [
    ("n", "N°", 0.03),
    ("travail", "Travail", 0.235),
    ("fichier", "Fichier", 0.21),
    ("format", "Format fini (mm)", 0.08),
    ("fond_perdu_mm", "Fond perdu", 0.05),
    ("pages", "Pages", 0.04),
    ("quantite", "Quantité", 0.055),
    ("papier", "Papier — finition", 0.17),
    ("couleurs", "Couleurs", 0.055),
    ("modifie", "Modifié", 0.075),
]


@dataclass
class SheetInfo:
    printer: str
    printer_contact: str
    contact: str  # at the programme, for the printer's questions
    delivery: str  # already formatted for reading
    issued: str


def _cells(row: dict, n: int) -> dict[str, str]:
    return dict(row, n=str(n), format=f"{row['largeur_mm']} × {row['hauteur_mm']}",
                papier=f"{row['papier']} — {row['finition']}" if row["finition"] else row["papier"])


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


def render_jobsheet(rows: list[dict], info: SheetInfo) -> bytes:
    """The PDF of the job sheet for manifest ``rows``."""
    pt = brand.size("documents.caption")
    ink = brand.colour("text.on_light")
    rule = brand.colour("all.or_lampe")
    changed_bg = brand.colour("background.cream")
    table_w = PAGE_W - 2 * MARGIN
    widths = [share * table_w for _, _, share in COLUMNS]
    copies = sum(int(r["quantite"]) for r in rows)
    totals = f"{len(rows)} fichier(s), {copies} exemplaire(s)"

    # Lay out every row first: pagination needs their heights.
    laid = []
    for n, row in enumerate(rows, start=1):
        cells = _cells(row, n)
        lays = [_lay(cells[key], w, pt) for (key, _, _), w in zip(COLUMNS, widths, strict=True)]
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
    return render_pdf(canvases, PrintGeometry.none(), "Fiche de fabrication")
