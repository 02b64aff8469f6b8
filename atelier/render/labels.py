"""Draw a product label or a takeaway sticker into its format's template: fit every text, place
the codes and the ALL mark, check the legibility, hierarchy and space rules by measurement, and
return the page to print.

Template contract (``templates/README.md``): the frames of ``REQUIRED`` for the item's kind;
``frame-nutrition``, ``frame-ean``, ``frame-pictos`` and ``frame-faitmaison`` only for items that
need them; ``frame-body-full`` (optional) replaces ``frame-body`` on a product without a
nutrition table, so the designer gives the body the table's room instead of leaving it empty.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from .. import brand
from ..content.label import LabelContent
from ..layout.codes import EAN_NOMINAL_MODULE, CodeTooSmall, ean13, ean_module, qr_code
from ..layout.fonts import PT, Face, MissingGlyph, meter, metrics
from ..layout.text import Layout, Overset, Paragraph, Run, fit, lay_out
from ..paths import BRAND
from .canvas import Canvas
from .svgdoc import Frame, Template, template_art

REQUIRED = {  # frames every template of a kind must have
    "product": ["frame-name", "frame-netqty", "frame-body", "frame-qr", "frame-mark"],
    "sticker": ["frame-name", "frame-body", "frame-price", "frame-mark"],
}
REQUIRED_FRAMES = REQUIRED["product"]
# art. 13(5): name, net quantity and alcohol (frame-netqty) in one field of vision; the jams'
# statements (first in frame-body) go with the name too (Directive 2001/113/EC).
SAME_FIELD_OF_VISION = ["frame-name", "frame-netqty"]  # and every frame-body…
LEADING = 1.18


class LabelError(ValueError):
    """The item's information cannot be printed legally, or as designed, on its format."""


@dataclass
class LabelDrawing:
    canvas: Canvas
    checks: dict = field(default_factory=dict)  # what was measured, for the preflight
    codes: list = field(default_factory=list)  # codes other than the QR, as the preflight reads them
    layout: dict = field(default_factory=dict)  # texts and mark, for the layout lint (print.layout_lint)


def legal_min_pt(face: Face, x_height_mm: float, floor_pt: float) -> float:
    """The smallest size (pt) whose x-height, read from the font, reaches ``x_height_mm``."""
    return max(floor_pt, x_height_mm / metrics(face)["x_height"] / PT)


def _round_up(pt: float) -> float:
    return int(pt * 10 + 0.9999) / 10


@functools.cache
def _aspect(path) -> float:
    view = ET.parse(path).getroot().get("viewBox", "0 0 1 1").replace(",", " ").split()
    return float(view[3]) / float(view[2])


def _round_down(pt: float) -> float:
    return int(pt * 10 + 1e-6) / 10


def mark_spec() -> dict:
    """The ALL mark as brand/ defines it: its file, the smallest width, the clear space."""
    t = brand.tokens()
    return {"file": BRAND / t["assets"]["logos"]["mark_on_light"],
            "file_on_dark": BRAND / t["assets"]["logos"]["mark_on_dark"],
            "min_width_mm": float(t["spacing"]["mark_min_width_mm"]),
            "clear_ratio": float(t["spacing"].get("clear_space_ratio", 0.5))}


def check_template(template: Template, kind: str = "product") -> None:
    template.require(REQUIRED[kind])
    present = [f for f in template.frames
               if f in SAME_FIELD_OF_VISION or f.startswith("frame-body")]
    faces = {template.frame(f).face for f in present}
    if len(faces) > 1:
        raise LabelError(f"{template.path.name}: name, net quantity and the mandatory mentions "
                         f"must be in the same field of vision (art. 13(5)) — their frames say "
                         f"faces {sorted(faces)}")
    mark = template.frame("frame-mark")
    spec = mark_spec()
    if mark.width + 1e-6 < spec["min_width_mm"]:
        raise LabelError(f"{template.path.name}: frame-mark is {mark.width:g} mm wide, the ALL "
                         f"mark's minimum is {spec['min_width_mm']:g} mm (brand/tokens.yaml)")


def _intersects(a, b) -> bool:
    return a[0] < b[0] + b[2] - 1e-6 and b[0] < a[0] + a[2] - 1e-6 \
        and a[1] < b[1] + b[3] - 1e-6 and b[1] < a[1] + a[3] - 1e-6


def empty_band(boxes: list, top: float, bottom: float) -> tuple[float, float]:
    """The tallest horizontal band between ``top`` and ``bottom`` that no box reaches (y, h)."""
    spans = sorted((max(top, y), min(bottom, y + h)) for _, y, _, h in boxes if h > 0)
    best, cursor = (top, 0.0), top
    for y0, y1 in spans:
        if y0 > cursor and y0 - cursor > best[1]:
            best = (cursor, y0 - cursor)
        cursor = max(cursor, y1)
    if bottom - cursor > best[1]:
        best = (cursor, bottom - cursor)
    return best


class _Drawer:
    """One label being drawn: the canvas, the boxes of what is on it, the measured checks."""

    def __init__(self, c: LabelContent, template: Template, fmt: dict, settings: dict):
        self.c, self.template, self.fmt, self.settings = c, template, fmt, settings
        self.labels = settings["labels"]
        self.fonts = brand.fonts()
        self.regular = Face(self.fonts.latin)
        self.ink = brand.colour("text.on_light")
        self.canvas = Canvas(template.width, template.height)
        art, offset = template_art(template)
        self.canvas.art(art, offset, offset)
        self.boxes: list[tuple[str, tuple]] = []  # (what, (x, y, w, h)) of the ink placed
        self.checks: dict = {}
        self.codes: list = []
        self.declared: list[dict] = []  # what the layout lint reads (Layout.declare)

    def frame(self, name: str) -> Frame:
        return self.template.frame(name)

    def text(self, frame: Frame, paragraphs, max_pt, min_pt, what, leading=LEADING,
             role: str = "legal") -> Layout:
        try:
            lay = fit(paragraphs, self.fonts, frame.width, frame.height, max(max_pt, min_pt),
                      min_pt, what, leading)
        except Overset as exc:
            raise LabelError(f"{exc} — shorten the text or choose a larger format") from None
        except MissingGlyph as exc:
            raise LabelError(f"{what}: {exc}") from None
        slack = frame.height - lay.height
        dy = {"top": 0.0, "middle": slack / 2, "bottom": slack}[frame.attrs.get("data-valign", "top")]
        self.canvas.layout(lay, frame.x, frame.y + dy, self.ink)
        starts = [line.spans[0].x for line in lay.lines if line.spans]
        left = min(starts, default=0.0)
        right = max((line.spans[0].x + line.width for line in lay.lines if line.spans), default=0.0)
        self.boxes.append((what, (frame.x + left, frame.y + dy, max(0.0, right - left), lay.height)))
        self.declared.append(lay.declare(frame.x, frame.y + dy, role, f"{self.c.sku} › {what}"))
        return lay


def draw_label(c: LabelContent, template: Template, fmt: dict, settings: dict) -> LabelDrawing:
    """The label (or sticker) of ``c`` on ``template``; raises ``LabelError`` saying what does
    not fit or which rule it would break."""
    check_template(template, c.kind)
    d = _Drawer(c, template, fmt, settings)
    labels = d.labels
    min_pt = _round_up(legal_min_pt(d.regular, c.x_height_min_mm,
                                    float(labels.get("min_font_size_pt", 0))))
    d.checks.update(x_height_min_mm=c.x_height_min_mm, min_pt=min_pt)

    # Name: French first, bold and the largest text after the mark (loi Toubon, DESIGN.md);
    # translations at a fixed ratio of it, never below the legal minimum themselves.
    ratio = float(labels.get("translation_ratio", 0.85))
    paras = [Paragraph([Run(c.name_fr, bold=True)], role="heading")]  # names: never hyphenated
    for text, lang in ((c.name_en, "en"), (c.name_ja, "ja")):
        if text:
            paras.append(Paragraph([Run(text)], size_factor=ratio, lang=lang, space_before=0.1,
                                   role="heading"))
    name_min = _round_up(min_pt / ratio) if len(paras) > 1 else min_pt
    f = d.frame("frame-name")
    name = d.text(f, paras, brand.size("labels." + f.attrs.get("data-size", "name")), name_min,
                  "the product name" if c.kind == "product" else "the dish name", role="name")
    name_pt = name.size_pt
    d.checks.update(name_pt=name_pt, translation_pt=round(name_pt * ratio, 2) if len(paras) > 1 else None)

    if c.kind == "product":
        _net_quantity(d, c, min_pt)
    else:
        _price(d, c, name_pt)

    # Body: the jams' statements, the ingredients with allergens in bold, dates, storage, lot,
    # maker — never larger than the name (hierarchy).
    body = [Paragraph.of(s) for s in c.statements]
    if c.ingredients.parts:
        body.append(Paragraph([Run(t, bold=b) for t, b in c.ingredients.parts],
                              space_before=0.25 if body else 0.0))
    if c.kind == "sticker":  # each date a statement of its own line (« Emballé le … » then « À consommer … »)
        lines = [c.packed_line + ".", c.date_line + ".", c.storage]
    elif c.reduced:
        lines = [c.date_line + ".", c.lot]
    else:
        lines = [f"{c.date_line}. {c.storage}", c.lot, c.maker]
    for i, text in enumerate(t for t in lines if t):
        body.append(Paragraph.of(text, space_before=0.25 if i == 0 and body else 0.0))
    frame = body_frame(template, used_frames(c, template))
    size = brand.size("labels." + frame.attrs.get("data-size", "body"))
    # the body stays a step under the name, as the translations do (hierarchy)
    lay = d.text(frame, body, min(size, _round_down(name_pt * ratio)), min_pt,
                 "the ingredients and mandatory mentions")
    d.checks["body_pt"] = lay.size_pt
    d.checks["body_frame"] = frame.id

    if c.nutrition is not None:  # art. 30, unless exempt (Annex V)
        if "frame-nutrition" not in template.frames:
            raise LabelError(f"the nutrition declaration is mandatory for this product (not exempt) "
                             f"but format {template.path.stem} has no room for it — choose a format "
                             f"with a nutrition table (pot, bouteille) or set exemption_nutrition")
        d.checks["nutrition_pt"] = _nutrition(d, d.frame("frame-nutrition"), c, min_pt,
                                              min(brand.size("labels.nutrition"), name_pt))

    if c.needs_pregnancy_picto:  # CSP L3323-4
        if "frame-pictos" not in template.frames:
            raise LabelError(f"alcoholic products need the pregnancy pictogram, and format "
                             f"{template.path.stem} has no frame-pictos for it")
        f = d.frame("frame-pictos")
        side = min(f.width, f.height)
        d.canvas.svg_file(brand.picto("grossesse"), f.x, f.y, f.width, f.height, d.ink)
        d.boxes.append(("the pregnancy pictogram", (f.x + (f.width - side) / 2,
                                                     f.y + (f.height - side) / 2, side, side)))
        d.checks["pregnancy_picto_mm"] = side

    if c.fait_maison:
        _fait_maison(d, min_pt)
    if c.qr_url:
        _qr(d, c)
    if c.ean13:
        _ean(d, c)
    _mark(d)
    _check_space(d)
    return LabelDrawing(d.canvas, d.checks, d.codes, {"family": "labels", "boxes": d.declared})


def used_frames(c: LabelContent, template: Template) -> list[str]:
    """The frames (other than the body's) that this item fills."""
    wanted = {"frame-name": True, "frame-mark": True,
              "frame-netqty": c.kind == "product", "frame-price": c.kind == "sticker",
              "frame-qr": bool(c.qr_url), "frame-ean": bool(c.ean13),
              "frame-nutrition": c.nutrition is not None,
              "frame-pictos": c.needs_pregnancy_picto, "frame-faitmaison": c.fait_maison}
    return [f for f, on in wanted.items() if on and f in template.frames]


def body_frame(template: Template, used: list[str]) -> Frame:
    """The body's frame: the largest ``frame-body…`` that overlaps no frame the item fills. The
    designer draws the alternatives (e.g. the body taking the nutrition table's room on a
    product without one), so no space is left empty and no geometry is decided here."""
    boxes = [(f.x, f.y, f.width, f.height) for f in map(template.frame, used)]
    fits = [f for i, f in template.frames.items() if i.startswith("frame-body")
            and not any(_intersects((f.x, f.y, f.width, f.height), b) for b in boxes)]
    return max(fits, key=lambda f: (f.width * f.height, f.id == "frame-body"),
               default=template.frame("frame-body"))


def _net_quantity(d: _Drawer, c: LabelContent, min_pt: float) -> None:
    """Net quantity (+ alcohol): the figures' height is the legal measure (76/211/EEC)."""
    bold = Face(d.fonts.latin, bold=True)
    digit = metrics(bold)["digit_height"]
    qty_min = _round_up(max(min_pt, c.net_quantity_figure_mm / digit / PT))
    paras = [Paragraph([Run(c.net_quantity, bold=True)], align="end", role="heading")]
    if c.alcohol:
        paras.append(Paragraph([Run(c.alcohol, bold=True)], align="end", size_factor=0.75,
                               role="heading"))
        qty_min = max(qty_min, _round_up(min_pt / 0.75))
    lay = d.text(d.frame("frame-netqty"), paras, max(brand.size("labels.net_quantity"), qty_min),
                 qty_min, "the net quantity")
    d.checks["net_quantity_figure_mm"] = round(lay.size_pt * PT * digit, 3)
    d.checks["net_quantity_figure_min_mm"] = c.net_quantity_figure_mm


def _price(d: _Drawer, c: LabelContent, name_pt: float) -> None:
    paras = [Paragraph([Run(c.price, bold=True)], align="end", role="heading")]
    lay = d.text(d.frame("frame-price"), paras, brand.size("labels.net_quantity"), name_pt,
                 "the price", role="price")
    d.checks["price_pt"] = lay.size_pt


def _fait_maison(d: _Drawer, min_pt: float) -> None:
    """The « fait maison » logo (décret 2015-505) at its legible size, and the words."""
    if "frame-faitmaison" not in d.template.frames:
        raise LabelError(f"the dish is « fait maison » and format {d.template.path.stem} has no "
                         f"frame-faitmaison for its logo")
    f = d.frame("frame-faitmaison")
    least = float(d.fmt.get("fait_maison_logo_min_mm", 0))
    side = min(f.height, f.width)
    if side + 1e-6 < least:
        raise LabelError(f"frame-faitmaison of {d.template.path.stem} holds a « fait maison » logo "
                         f"of {side:.1f} mm, under the format's fait_maison_logo_min_mm ({least:g} mm)")
    d.canvas.svg_file(brand.picto("fait-maison"), f.x, f.y, side, side, d.ink)
    d.boxes.append(("the « fait maison » logo", (f.x, f.y, side, side)))
    words = Frame("frame-faitmaison", f.x + side * 1.2, f.y, f.width - side * 1.2, side,
                  {"data-valign": "middle"})
    d.text(words, [Paragraph([Run("Fait maison", bold=True)])], brand.size("labels.body"), min_pt,
           "« fait maison »")
    d.checks["fait_maison_logo_mm"] = round(side, 2)


def _qr(d: _Drawer, c: LabelContent) -> None:
    f = d.frame("frame-qr")
    conf = d.labels["qr"]
    side = min(f.width, f.height)
    try:
        qr = qr_code(c.qr_url, f.x + (f.width - side) / 2, f.y + (f.height - side) / 2, side,
                     error=conf["error_correction"], quiet=conf["quiet_zone_modules"],
                     module_min=conf["module_min_mm"])
    except CodeTooSmall as exc:
        raise LabelError(f"QR code: {exc}") from None
    d.canvas.rect(qr.x, qr.y, qr.size, qr.size, "#ffffff")
    d.canvas.rects(qr.dark, "#000000")
    quiet = (qr.size - qr.modules * qr.module) / 2  # white: the mark's clear space may reach it
    d.boxes.append(("the QR code", (qr.x + quiet, qr.y + quiet, qr.modules * qr.module,
                                    qr.modules * qr.module)))
    d.checks["qr"] = {"data": qr.data, "module_mm": round(qr.module, 4), "modules": qr.modules,
                      "box_mm": [round(v, 3) for v in (qr.x, qr.y, qr.size)]}


def _ean(d: _Drawer, c: LabelContent) -> None:
    """EAN-13 at the wanted magnification where the frame allows (≥ 100 %), never under the
    minimum; its module a whole number of the office printer's dots when the format is printed
    at the office (PRESS.md, Barcodes)."""
    if "frame-ean" not in d.template.frames:
        raise LabelError(f"the product has an EAN-13 but format {d.template.path.stem} has no "
                         f"frame-ean for the barcode")
    f = d.frame("frame-ean")
    conf = d.labels.get("ean", {})
    dpi = conf.get("office_printer_dpi") if d.fmt.get("production", "office") == "office" else None
    try:
        module = ean_module(f.width, conf.get("magnification", 1.0),
                            conf.get("min_magnification", 0.8), dpi)
        code = ean13(c.ean13, f.x, f.y, f.width, f.height, conf.get("min_magnification", 0.8),
                     module, conf.get("min_height_ratio", 0.5))
    except CodeTooSmall as exc:
        raise LabelError(f"EAN-13: {exc}") from None
    d.canvas.rect(*code.box, "#ffffff")
    d.canvas.rects(code.bars, "#000000")
    for x, base, ch in code.digits:
        w = meter(d.regular).width(ch, code.digit_size)
        d.canvas.text(x - w / 2, base, d.regular, code.digit_size, ch, "#000000")
    quiet_l, quiet_r = 11 * code.module, 7 * code.module
    d.boxes.append(("the EAN-13", (code.box[0] + quiet_l - code.module * 2, code.box[1],
                                   code.box[2] - quiet_l - quiet_r + code.module * 2, code.box[3])))
    d.codes.append({"kind": "EAN-13", "data": c.ean13, "page": 0,
                    "box_mm": [round(v, 3) for v in code.box], "module_mm": round(code.module, 4)})
    d.checks["ean13_magnification"] = round(code.module / EAN_NOMINAL_MODULE, 3)


def _mark(d: _Drawer) -> None:
    """The ALL mark in frame-mark (aligned as the frame says), at least its minimum width, with
    its clear space — half its height by default — free of every other element."""
    f = d.frame("frame-mark")
    spec = mark_spec()
    path = spec["file_on_dark"] if f.attrs.get("data-on") == "dark" else spec["file"]
    aspect = _aspect(path)  # height / width of the mark's viewBox, which is its ink box
    w = min(f.width, f.height / aspect)
    h = w * aspect
    x = f.x + {"start": 0.0, "middle": (f.width - w) / 2,
               "end": f.width - w}[f.attrs.get("data-align", "middle")]
    y = f.y + (f.height - h) / 2
    if w + 1e-6 < spec["min_width_mm"]:
        raise LabelError(f"{d.template.path.name}: frame-mark holds the ALL mark at {w:.1f} mm, "
                         f"under its minimum of {spec['min_width_mm']:g} mm")
    d.canvas.svg_file(path, x, y, w, h)
    clear = spec["clear_ratio"] * h
    zone = (x - clear, y - clear, w + 2 * clear, h + 2 * clear)
    for what, box in d.boxes:
        if _intersects(zone, box):
            raise LabelError(f"{what} comes within the ALL mark's clear space ({clear:.1f} mm "
                             f"around it) on {d.template.path.stem}")
    d.boxes.append(("the ALL mark", (x, y, w, h)))
    box = [round(v, 3) for v in (x, y, w, h)]
    d.checks["mark"] = {"box_mm": box, "clear_mm": round(clear, 3)}
    # the wordmark alone: its own minimum and clear space (brand/tokens.yaml), not the full logo's
    d.declared.append({"page": 0, "role": "mark", "element": "ALL mark", "box_mm": box,
                       "min_width_mm": spec["min_width_mm"], "clear_mm": round(clear, 3)})


def _check_space(d: _Drawer) -> None:
    """Nothing but background in the safety zone; no empty band over the allowed share of the
    live area (DESIGN.md: 30 %); the name the largest text after the mark and the legally sized
    net quantity."""
    margin = float(d.fmt.get("safety_margin_mm", d.settings["printer"]["safety_margin_mm"]))
    w, h = d.template.width, d.template.height
    for what, (x, y, bw, bh) in d.boxes:
        if x < margin - 0.01 or y < margin - 0.01 or x + bw > w - margin + 0.01 \
                or y + bh > h - margin + 0.01:
            raise LabelError(f"{what} reaches into the {margin:g} mm safety zone of "
                             f"{d.template.path.stem} — the template's frame is too close to the "
                             f"edge")
    _, band = empty_band([b for _, b in d.boxes], margin, h - margin)
    share = band / (h - 2 * margin)
    d.checks["empty_band_pct"] = round(share * 100, 1)
    limit = float(d.labels.get("empty_band_max_pct", 30)) / 100
    if share > limit + 1e-9:
        raise LabelError(f"an empty band of {band:.1f} mm ({share:.0%} of the live height, more "
                         f"than {limit:.0%}) — the template should give the content that room")
    name = d.checks["name_pt"]
    for key in ("body_pt", "nutrition_pt"):
        if d.checks.get(key, 0) > name + 1e-6:
            raise LabelError(f"the name ({name:g} pt) would be smaller than the {key[:-3]} "
                             f"({d.checks[key]:g} pt)")


def _nutrition(d: _Drawer, f: Frame, c: LabelContent, min_pt: float, max_pt: float) -> float:
    """A two-column table (label, value per 100 g/ml) at the largest size that fits; the title
    above it may wrap."""
    fonts, regular, ink = d.fonts, d.regular, d.ink
    title = [Paragraph([Run(c.nutrition_title, bold=True)])]
    rows = c.nutrition
    pt = max(max_pt, min_pt)
    while True:
        size = pt * PT
        row_h = size * 1.3
        head = lay_out(title, fonts, f.width, pt, 1.15)
        widths_ok = all(
            meter(regular).width(label, size) + (size * 0.8 if ind else 0)
            + meter(regular).width(value, size) + size * 0.6 <= f.width
            for label, value, ind in rows)
        height = head.height + size * 0.3 + row_h * len(rows)
        if widths_ok and height <= f.height:
            break
        pt = round(pt - 0.1, 1)
        if pt < min_pt:
            raise LabelError(f"the nutrition table does not fit its frame ({f.width:.0f} × "
                             f"{f.height:.0f} mm) at the minimum size of {min_pt:g} pt")
    d.canvas.layout(head, f.x, f.y, ink)
    y = f.y + head.height + size * 0.3
    d.canvas.line(f.x, y - size * 0.15, f.x + f.width, y - size * 0.15, 0.2, ink)
    for label, value, ind in rows:
        base = y + size * 0.95
        d.canvas.text(f.x + (size * 0.8 if ind else 0), base, regular, size, label, ink)
        d.canvas.text(f.x + f.width - meter(regular).width(value, size), base, regular, size,
                      value, ink)
        y += row_h
        d.canvas.line(f.x, y - size * 0.12, f.x + f.width, y - size * 0.12, 0.08, ink)
    d.boxes.append(("the nutrition table", (f.x, f.y, f.width, height)))
    return pt
