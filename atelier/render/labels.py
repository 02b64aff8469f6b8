"""Draw a product label into its format's template: fit every text, place the codes, check the
legibility rules by measurement, and return the page to print.

Template contract (``templates/README.md``): frames ``frame-name``, ``frame-netqty``,
``frame-body``, ``frame-qr`` are required; ``frame-nutrition``, ``frame-ean`` and
``frame-pictos`` are required only by products that need them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import brand
from ..content.label import LabelContent
from ..layout.codes import CodeTooSmall, ean13, qr_code
from ..layout.fonts import PT, Face, MissingGlyph, meter, metrics
from ..layout.text import Overset, Paragraph, Run, fit, lay_out
from .canvas import Canvas
from .svgdoc import Frame, Template, template_art

REQUIRED_FRAMES = ["frame-name", "frame-netqty", "frame-body", "frame-qr"]
SAME_FIELD_OF_VISION = ["frame-name", "frame-netqty"]  # art. 13(5); alcohol sits in frame-netqty
TRANSLATION = 0.85  # size of the EN/JA names relative to the French one


class LabelError(ValueError):
    """The product's information cannot be printed legally on its format."""


@dataclass
class LabelDrawing:
    canvas: Canvas
    checks: dict = field(default_factory=dict)  # what was measured, for the preflight


def legal_min_pt(face: Face, x_height_mm: float, floor_pt: float) -> float:
    """The smallest size (pt) whose x-height, read from the font, reaches ``x_height_mm``."""
    return max(floor_pt, x_height_mm / metrics(face)["x_height"] / PT)


def _round_up(pt: float) -> float:
    return int(pt * 10 + 0.9999) / 10


def check_template(template: Template) -> None:
    template.require(REQUIRED_FRAMES)
    faces = {template.frame(f).face for f in SAME_FIELD_OF_VISION}
    if len(faces) > 1:
        raise LabelError(f"{template.path.name}: name and net quantity must be in the same field "
                         f"of vision (art. 13(5)) — their frames say faces {sorted(faces)}")


def draw_label(c: LabelContent, template: Template, fmt: dict, settings: dict) -> LabelDrawing:
    """The label of ``c`` on ``template``; raises ``LabelError`` saying what does not fit."""
    labels = settings["labels"]
    fonts = brand.fonts()
    check_template(template)
    small = bool(fmt.get("small_package"))
    x_min = labels["x_height_small_package_mm"] if small else labels["x_height_min_mm"]
    regular = Face(fonts.latin)
    min_pt = _round_up(legal_min_pt(regular, x_min, float(labels.get("min_font_size_pt", 0))))
    canvas = Canvas(template.width, template.height)
    art, offset = template_art(template)
    canvas.art(art, offset, offset)
    checks: dict = {"x_height_min_mm": x_min, "min_pt": min_pt}
    ink = brand.colour("text.on_light")

    def frame_text(frame: Frame, paragraphs, max_pt, min_pt_, what, leading=1.18):
        try:
            lay = fit(paragraphs, fonts, frame.width, frame.height, max(max_pt, min_pt_), min_pt_,
                      what, leading)
        except Overset as exc:
            raise LabelError(f"{exc} — shorten the text or choose a larger format") from None
        except MissingGlyph as exc:
            raise LabelError(f"{what}: {exc}") from None
        canvas.layout(lay, frame.x, frame.y, ink)
        return lay

    # Name: French first, bold and largest (loi Toubon); translations smaller, never below the
    # legal minimum themselves.
    paras = [Paragraph([Run(c.name_fr, bold=True)])]
    for text, lang in ((c.name_en, "en"), (c.name_ja, "ja")):
        if text:
            paras.append(Paragraph([Run(text)], size_factor=TRANSLATION, lang=lang,
                                   space_before=0.1))
    trans_min = _round_up(min_pt / TRANSLATION) if len(paras) > 1 else min_pt
    lay = frame_text(template.frame("frame-name"), paras, brand.size("labels.name"), trans_min,
                     "the product name")
    checks["name_pt"] = lay.size_pt

    # Net quantity (+ alcohol): the figures' height is the legal measure (Directive 76/211/EEC).
    bold = Face(fonts.latin, bold=True)
    digit = metrics(bold)["digit_height"]
    qty_min = _round_up(max(min_pt, c.net_quantity_figure_mm / digit / PT))
    paras = [Paragraph([Run(c.net_quantity, bold=True)], align="end")]
    if c.alcohol:
        paras.append(Paragraph([Run(c.alcohol, bold=True)], align="end", size_factor=0.75))
        qty_min = max(qty_min, _round_up(min_pt / 0.75))
    lay = frame_text(template.frame("frame-netqty"), paras,
                     max(brand.size("labels.net_quantity"), qty_min), qty_min, "the net quantity")
    checks["net_quantity_figure_mm"] = round(lay.size_pt * PT * digit, 3)
    checks["net_quantity_figure_min_mm"] = c.net_quantity_figure_mm

    # Body: ingredients with allergens in bold, dates, storage, lot, maker.
    body = []
    if c.ingredients.parts:
        body.append(Paragraph([Run(t, bold=b) for t, b in c.ingredients.parts]))
    date_storage = f"{c.date_line}. {c.storage}"
    for i, text in enumerate([date_storage, c.lot, c.maker]):
        body.append(Paragraph.of(text, space_before=0.25 if i == 0 else 0.0))
    lay = frame_text(template.frame("frame-body"), body, brand.size("labels.body"), min_pt,
                     "the ingredients and mandatory mentions")
    checks["body_pt"] = lay.size_pt

    # Nutrition declaration (art. 30) unless exempt (Annex V).
    if c.nutrition is not None:
        if "frame-nutrition" not in template.frames:
            raise LabelError(f"the nutrition declaration is mandatory for this product (not exempt) "
                             f"but format {template.path.stem} has no room for it — choose a format "
                             f"with a nutrition table (pot, bouteille) or set exemption_nutrition")
        checks["nutrition_pt"] = _nutrition(canvas, template.frame("frame-nutrition"), c, min_pt, ink)

    # Pregnancy pictogram for alcoholic drinks (CSP L3323-4).
    if c.needs_pregnancy_picto:
        if "frame-pictos" not in template.frames:
            raise LabelError(f"alcoholic products need the pregnancy pictogram, and format "
                             f"{template.path.stem} has no frame-pictos for it")
        f = template.frame("frame-pictos")
        canvas.svg_file(brand.picto("grossesse"), f.x, f.y, f.width, f.height, ink)
        checks["pregnancy_picto_mm"] = min(f.width, f.height)

    # QR code to the product page.
    f = template.frame("frame-qr")
    conf = labels["qr"]
    side = min(f.width, f.height)
    try:
        qr = qr_code(c.qr_url, f.x + (f.width - side) / 2, f.y + (f.height - side) / 2, side,
                     error=conf["error_correction"], quiet=conf["quiet_zone_modules"],
                     module_min=conf["module_min_mm"])
    except CodeTooSmall as exc:
        raise LabelError(f"QR code: {exc}") from None
    canvas.rect(qr.x, qr.y, qr.size, qr.size, "#ffffff")
    canvas.rects(qr.dark, "#000000")
    checks["qr"] = {"data": qr.data, "module_mm": round(qr.module, 4), "modules": qr.modules,
                    "box_mm": [round(v, 3) for v in (qr.x, qr.y, qr.size)]}

    if c.ean13:
        if "frame-ean" not in template.frames:
            raise LabelError(f"the product has an EAN-13 but format {template.path.stem} has no "
                             f"frame-ean for the barcode")
        f = template.frame("frame-ean")
        try:
            code = ean13(c.ean13, f.x, f.y, f.width, f.height)
        except CodeTooSmall as exc:
            raise LabelError(f"EAN-13: {exc}") from None
        canvas.rect(f.x, f.y, f.width, f.height, "#ffffff")
        canvas.rects(code.bars, "#000000")
        for x, base, ch in code.digits:
            w = meter(regular).width(ch, code.digit_size)
            canvas.text(x - w / 2, base, regular, code.digit_size, ch, "#000000")
        checks["ean13"] = c.ean13
    return LabelDrawing(canvas, checks)


def _nutrition(canvas: Canvas, f: Frame, c: LabelContent, min_pt: float, ink: str) -> float:
    """A two-column table (label, value per 100 g/ml) at the largest size that fits; the title
    above it may wrap."""
    fonts = brand.fonts()
    regular = Face(fonts.latin)
    title = [Paragraph([Run(c.nutrition_title, bold=True)])]
    rows = c.nutrition
    pt = max(brand.size("labels.nutrition"), min_pt)
    while True:
        size = pt * PT
        row_h = size * 1.3
        head = lay_out(title, fonts, f.width, pt, 1.15)
        widths_ok = all(
            meter(regular).width(label, size) + (size * 0.8 if ind else 0)
            + meter(regular).width(value, size) + size * 0.6 <= f.width
            for label, value, ind in rows)
        if widths_ok and head.height + size * 0.3 + row_h * len(rows) <= f.height:
            break
        pt = round(pt - 0.1, 1)
        if pt < min_pt:
            raise LabelError(f"the nutrition table does not fit its frame ({f.width:.0f} × "
                             f"{f.height:.0f} mm) at the minimum size of {min_pt:g} pt")
    canvas.layout(head, f.x, f.y, ink)
    y = f.y + head.height + size * 0.3
    canvas.line(f.x, y - size * 0.15, f.x + f.width, y - size * 0.15, 0.2, ink)
    for label, value, ind in rows:
        base = y + size * 0.95
        canvas.text(f.x + (size * 0.8 if ind else 0), base, regular, size, label, ink)
        canvas.text(f.x + f.width - meter(regular).width(value, size), base, regular, size, value, ink)
        y += row_h
        canvas.line(f.x, y - size * 0.12, f.x + f.width, y - size * 0.12, 0.08, ink)
    return pt
