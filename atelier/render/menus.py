"""Draw a menu card into its format's designer templates: title on the cover, sections flowed
through the column frames of every page in order, legend, producers and QR code on the back.

Template contract: ``templates/menus/README.md``. Sizes and colours come from the brand tokens;
frames may name the colour of what is drawn in them with ``data-colour`` (a token path).

Flow rules: a section is kept in one column (heading and dishes together); when it does not fit
what is left of a column it moves to the next one. Only a section taller than a whole empty
column is split, between dishes, its heading repeated « (suite) ». When the columns run out the
menu fails, naming the section that did not fit — never silent overflow.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import brand
from ..content.menu import DIETS, Dish, MenuContent, Section
from ..layout.codes import CodeTooSmall, qr_code
from ..layout.fonts import PT, Face, MissingGlyph, meter
from ..layout.text import Overset, Paragraph, Run, fit, lay_out
from .canvas import Canvas
from .svgdoc import Frame, Template, TemplateError, load_template, template_art

LEADING = 1.18
COLUMN = re.compile(r"frame-col-(\d+)$")
PAGE_KINDS = ("cover", "inner", "back")
REQUIRED = {"cover": ["frame-title"], "inner": [], "back": ["frame-legend", "frame-qr",
                                                            "frame-producers"]}


class MenuError(ValueError):
    """The menu cannot be printed on its format; the message says what and where."""


@dataclass
class Block:
    """Something stacked in a column: its height at the column's width, and how to draw it."""

    height: float
    draw: Callable[[Canvas, float, float], None]


@dataclass
class Page:
    kind: str
    template: Template
    columns: list[Frame]
    placed: list[tuple[Frame, float, Block]] = field(default_factory=list)


# -- templates ------------------------------------------------------------------------------------
def load_templates(folder: Path, fmt: dict, safety: float = 0.0) -> dict[str, Template]:
    """cover/inner/back of a format, checked against the contract, the format's size and the
    printer's safety margin (text and codes stay ``safety`` mm inside the trim)."""
    out = {}
    for kind in PAGE_KINDS:
        path = Path(folder) / f"{kind}.svg"
        if kind == "inner" and fmt["pages"] <= 2 and not path.exists():
            continue
        tpl = load_template(path)
        tpl.require(REQUIRED[kind])
        if abs(tpl.width - fmt["width_mm"]) > 0.05 or abs(tpl.height - fmt["height_mm"]) > 0.05:
            raise TemplateError(f"{path} is {tpl.width} × {tpl.height} mm but the format says "
                                f"{fmt['width_mm']} × {fmt['height_mm']} mm (config/settings.yaml)")
        for f in tpl.frames.values():
            if (min(f.x, f.y) < safety - 1e-6 or f.x + f.width > tpl.width - safety + 1e-6
                    or f.y + f.height > tpl.height - safety + 1e-6):
                raise TemplateError(f"{path}: {f.id} comes closer than {safety:g} mm to the trim "
                                    "edge (printer.safety_margin_mm) — move it inside")
        out[kind] = tpl
    return out


def columns(tpl: Template) -> list[Frame]:
    found = [(int(m[1]), f) for name, f in tpl.frames.items() if (m := COLUMN.match(name))]
    return [f for _, f in sorted(found, key=lambda t: t[0])]


def _colour(frame: Frame, default: str) -> str:
    return brand.colour(frame.attrs.get("data-colour", default))


# -- the pieces -----------------------------------------------------------------------------------
class Style:
    """Brand sizes (pt) and colours, resolved once per menu."""

    def __init__(self, settings: dict):
        self.fonts = brand.fonts()
        s = {k: brand.size(f"menus.{k}") for k in
             ("title", "section", "dish", "description", "price", "legend", "translation")}
        self.title, self.section, self.dish = s["title"], s["section"], s["dish"]
        self.description, self.price, self.legend = s["description"], s["price"], s["legend"]
        self.translation = s["translation"]
        # the « fait maison » logo at a legible size (décret 2015-505), in mm
        self.fait_maison_mm = float(settings["menus"].get("fait_maison_logo_min_mm", 0))
        self.ink = brand.colour("text.on_light")
        self.heading = brand.colour("text.on_light_heading")
        self.accent = brand.colour("text.on_light_accent")
        self.rule = brand.colour("all.or_lampe")
        self.diet = brand.colour("all.vert_jardin")
        ratio = settings["menus"].get("min_translation_ratio", 1.0)
        # loi Toubon: French at least as legible as any translation.
        if self.translation * ratio > min(self.dish, self.description) + 1e-9:
            raise MenuError(f"brand/tokens.yaml: type_scale.menus.translation "
                            f"({self.translation:g} pt) must not exceed the French sizes (dish "
                            f"{self.dish:g}, description {self.description:g} pt)")


def _stack(parts: list[tuple[float, object, str, float]]) -> Block:
    """Layouts stacked top to bottom: (x offset, layout, colour, space above) each."""
    height = 0.0
    placed = []
    for dx, lay, colour, gap in parts:
        if not lay.lines:
            continue
        height += gap if placed else 0.0
        placed.append((dx, height, lay, colour))
        height += lay.height

    def draw(canvas: Canvas, x: float, y: float):
        for dx, dy, lay, colour in placed:
            canvas.layout(lay, x + dx, y + dy, colour)
    return Block(height, draw)


def _icons(canvas: Canvas, icons: list[tuple[Path, str]], x: float, y: float, side: float):
    for i, (path, colour) in enumerate(icons):
        canvas.svg_file(path, x + i * side * 1.15, y, side, side, colour)


def dish_block(d: Dish, c: MenuContent, st: Style, width: float, described: list[str]) -> Block:
    f = st.fonts
    gap = st.dish * PT * 0.6
    price = d.price if not d.volume else f"{d.volume} · {d.price}"
    price_w = meter(Face(f.latin, bold=True)).width(price, st.price * PT)
    name_w = width - price_w - gap
    if name_w < width * 0.4:
        raise MenuError(f"column too narrow ({width:.0f} mm) for dish « {d.id} » and its price")
    name = lay_out([Paragraph([Run(d.names["fr"], bold=True)])], f, name_w, st.dish, LEADING)
    parts = [(0.0, name, st.ink, 0.0)]
    small = st.translation * PT * 0.25
    for lang in c.langs[1:]:
        if d.names.get(lang):
            lay = lay_out([Paragraph([Run(d.names[lang], italic=lang == "en")], lang=lang)], f,
                          name_w, st.translation, LEADING)
            parts.append((0.0, lay, st.heading, small))
    for lang in c.langs:
        text = d.descriptions.get(lang)
        if text and lang in described:
            size = st.description if lang == "fr" else st.translation
            parts.append((0.0, lay_out([Paragraph.of(text, lang=lang)], f, width, size, LEADING),
                          st.ink, small * 2))
    icons = ([] if c.all_fait_maison or not d.fait_maison else
             [(brand.picto("fait-maison"), st.ink)])
    icons += [(brand.picto(x), st.diet) for x in d.diets]
    side = st.legend * PT * 1.5
    if icons and icons[0][0] == brand.picto("fait-maison"):
        side = max(side, st.fait_maison_mm)
    icons_w = len(icons) * side * 1.15
    notes = []
    if d.numbers:
        notes.append(f"{c.word('allergens')['fr']}\u00a0: " + ", ".join(map(str, d.numbers)))
    if d.origin:
        notes.append(d.origin)
    meta = lay_out([Paragraph.of(" · ".join(notes))], f, width - icons_w, st.legend, LEADING)
    rest = _stack(parts[1:])
    rest_top = name.height + (parts[1][3] if len(parts) > 1 else 0.0)
    text_h = rest_top + rest.height
    meta_h = max(meta.height, side if icons else 0.0)
    top_meta = text_h + small * 2
    height = top_meta + meta_h if (icons or meta.lines) else text_h
    first_base = name.lines[0].baseline

    def draw(canvas: Canvas, x: float, y: float):
        # name, then its price, then the rest: text extraction and screen readers keep them together
        canvas.layout(name, x, y, st.ink)
        canvas.text(x + width - price_w, y + first_base, Face(f.latin, bold=True), st.price * PT,
                    price, st.accent)
        rest.draw(canvas, x, y + rest_top)
        _icons(canvas, icons, x, y + top_meta, side)
        canvas.layout(meta, x + icons_w, y + top_meta + max(0.0, (side - meta.height) / 2)
                      if icons else y + top_meta, st.ink)
    return Block(height, draw)


def heading_block(s: Section, c: MenuContent, st: Style, width: float, cont: bool = False) -> Block:
    f = st.fonts
    title = s.title + (" (suite)" if cont else "")
    head = lay_out([Paragraph([Run(title, bold=True)])], f, width, st.section, LEADING)
    trans = " · ".join(s.titles[lang] for lang in c.langs[1:] if s.titles.get(lang))
    parts = [(0.0, head, st.accent, 0.0)]
    if trans:
        parts.append((0.0, lay_out([Paragraph.of(trans, lang="en")], f, width, st.translation,
                                   LEADING), st.heading, 0.0))
    inner = _stack(parts)
    rule_gap = st.translation * PT * 0.5

    def draw(canvas: Canvas, x: float, y: float):
        inner.draw(canvas, x, y)
        canvas.line(x, y + inner.height + rule_gap / 2, x + width, y + inner.height + rule_gap / 2,
                    0.35, st.rule)
    return Block(inner.height + rule_gap, draw)


# -- flowing sections through columns -------------------------------------------------------------
def flow(pages: list[Page], c: MenuContent, st: Style, described: list[str]) -> None:
    """Place every section in the column frames, in order; ``MenuError`` when they run out."""
    slots = [(p, col) for p in pages for col in p.columns]
    if not slots:
        raise MenuError("the templates have no column frame (frame-col-1 …) for the dishes")
    dish_gap = st.dish * PT * 0.9
    section_gap = st.section * PT * 0.9
    cache: dict = {}

    def blocks(si: int, s: Section, width: float):
        key = (si, width)
        if key not in cache:
            cache[key] = [dish_block(d, c, st, width, described) for d in s.dishes]
        return cache[key]

    ci, y = 0, 0.0
    for si, s in enumerate(c.sections):
        todo = list(range(len(s.dishes)))
        cont = False
        while todo:
            if ci >= len(slots):
                raise MenuError(
                    f"section « {s.title} » does not fit: {len(todo)} of its {len(s.dishes)} "
                    f"dish(es) are left when the {len(slots)} column(s) of the format are full — "
                    "choose a larger format, or shorten or remove dishes")
            page, col = slots[ci]
            room = col.height - y - (section_gap if y else 0.0)
            head = heading_block(s, c, st, col.width, cont)
            items = blocks(si, s, col.width)
            heights = [items[i].height for i in todo]
            whole = head.height + sum(heights) + dish_gap * (len(heights) - 1)
            if whole <= room + 1e-6:
                take = len(todo)
            elif y > 0 and (whole <= col.height or head.height + heights[0] > room + 1e-6):
                ci, y = ci + 1, 0.0  # keep the section together: start it in the next column
                continue
            else:  # taller than a whole column anyway: split between dishes, from here
                take, used = 0, head.height
                for h in heights:
                    if used + h > room + 1e-6:
                        break
                    used += h + dish_gap
                    take += 1
                if take == 0:
                    raise MenuError(f"section « {s.title} »: dish « {s.dishes[todo[0]].id} » is "
                                    f"taller than a whole column ({col.height:.0f} mm)")
            top = y + (section_gap if y else 0.0)
            page.placed.append((col, top, head))
            top += head.height
            for k, i in enumerate(todo[:take]):
                page.placed.append((col, top, items[i]))
                top += items[i].height + (dish_gap if k < take - 1 else 0.0)
            y = top
            todo = todo[take:]
            if todo:
                ci, y, cont = ci + 1, 0.0, True


# -- cover and back -------------------------------------------------------------------------------
def _fit(canvas: Canvas, frame: Frame, paras, max_pt, min_pt, what, colour, st: Style):
    try:
        lay = fit(paras, st.fonts, frame.width, frame.height, max_pt, min_pt, what, LEADING)
    except Overset as exc:
        raise MenuError(f"{exc} ({frame.id})") from None
    canvas.layout(lay, frame.x, frame.y, colour)
    return lay


def draw_title(canvas: Canvas, frame: Frame, c: MenuContent, st: Style):
    ratio = st.translation / st.dish  # translations relative to the French, as for dishes
    paras = [Paragraph([Run(c.titles["fr"], bold=True)])]
    paras += [Paragraph.of(c.titles[lang], lang=lang, size_factor=ratio, space_before=0.3)
              for lang in c.langs[1:] if c.titles.get(lang)]
    _fit(canvas, frame, paras, st.title, st.dish, "the menu title",
         _colour(frame, "text.on_light_heading"), st)


def legend_block(c: MenuContent, st: Style, width: float) -> Block:
    """Service mention, « fait maison », diets and the allergen legend (exactly those used)."""
    f, pt = st.fonts, st.legend
    side = pt * PT * 1.6
    sep = " · "
    rows: list[tuple[list, list[Paragraph]]] = [
        ([], [Paragraph([Run(c.service, bold=True)]),
              Paragraph.of(sep.join(c.word("prices").values()))])]
    if c.any_fait_maison:  # the logo, its meaning and the sentence of art. D.121-13-3
        key = "fait_maison_all" if c.all_fait_maison else "fait_maison"
        rows.append(([(brand.picto("fait-maison"), st.ink)],
                     [Paragraph.of(sep.join(c.word(key).values())),
                      Paragraph.of(sep.join(c.word("fait_maison_sentence").values()))]))
    for code in c.diets:
        rows.append(([(brand.picto(code), st.diet)],
                     [Paragraph.of(sep.join(DIETS[code][lang] for lang in c.langs))]))
    rows.append(([], [Paragraph([Run(sep.join(c.word("allergens").values()), bold=True)],
                                space_before=0.4)]))
    if not c.legend:
        rows.append(([], [Paragraph.of(sep.join(c.word("no_allergens").values()))]))
    for n, code in c.legend:
        names = sep.join(c.allergen_name(code, lang) for lang in c.langs)
        rows.append(([], [Paragraph([Run(f"{n}\u2002", bold=True), Run(names)])]))
    laid = []
    height = 0.0
    for icons, paras in rows:
        big = icons and icons[0][0] == brand.picto("fait-maison")
        s_ = max(side, st.fait_maison_mm) if big else side
        indent = s_ * 1.3 if icons else 0.0
        lay = lay_out(paras, f, width - indent, pt, LEADING)
        h = max(lay.height, s_ if icons else 0.0)
        laid.append((height, icons, indent, lay, h, s_))
        height += h + pt * PT * 0.35

    def draw(canvas: Canvas, x: float, y: float):
        for dy, icons, indent, lay, h, s_ in laid:
            _icons(canvas, icons, x, y + dy, s_)
            canvas.layout(lay, x + indent, y + dy + (h - lay.height) / 2, st.ink)
    return Block(height, draw)


def draw_legend(canvas: Canvas, frame: Frame, c: MenuContent, st: Style) -> float:
    block = legend_block(c, st, frame.width)
    if block.height > frame.height + 1e-6:
        raise MenuError(f"the legend (service, fait maison, diets, {len(c.legend)} allergens) "
                        f"needs {block.height:.1f} mm, frame-legend has {frame.height:.1f} mm")
    block.draw(canvas, frame.x, frame.y)
    return block.height


def draw_service(canvas: Canvas, frame: Frame, c: MenuContent, st: Style):
    """The price mention again at the foot of a page of prices (arrêté du 27 mars 1987)."""
    paras = [Paragraph([Run(c.service, bold=True), Run(" · " + c.word("prices")["fr"])],
                       align=frame.attrs.get("data-align", "start"))]
    _fit(canvas, frame, paras, st.legend, st.legend * 0.8, "the service mention",
         _colour(frame, "text.on_light"), st)


def draw_producers(canvas: Canvas, frame: Frame, c: MenuContent, st: Style):
    paras = [Paragraph([Run(" · ".join(c.word("producers").values()), bold=True)])]
    for p in c.producers:
        paras.append(Paragraph([Run(p.name, bold=True), Run(f" — {p.commune}, {p.distance}")]))
    _fit(canvas, frame, paras, st.legend, st.legend * 0.8, "the producers' list",
         _colour(frame, "text.on_light"), st)


def draw_qr(canvas: Canvas, frame: Frame, c: MenuContent, settings: dict) -> dict:
    conf = settings["menus"]
    q = conf.get("qr", {})
    side = min(frame.width, frame.height)
    try:
        qr = qr_code(c.qr_url, frame.x + (frame.width - side) / 2, frame.y, side,
                     error=q.get("error_correction", "M"), quiet=q.get("quiet_zone_modules", 4),
                     module_min=q.get("module_min_mm", 0.4))
    except CodeTooSmall as exc:
        raise MenuError(f"QR code: {exc}") from None
    symbol = qr.module * qr.modules
    wanted = conf["reading_distance_m"] * 1000 * conf.get("qr_distance_ratio", 0.1)
    if symbol + 1e-6 < wanted:
        raise MenuError(f"the QR code is {symbol:.1f} mm wide; read at "
                        f"{conf['reading_distance_m']} m it must be ≥ {wanted:.0f} mm — enlarge "
                        f"frame-qr to at least {wanted / qr.modules * (qr.modules + 8):.0f} mm")
    canvas.rect(qr.x, qr.y, qr.size, qr.size, brand.colour("background.paper"))
    canvas.rects(qr.dark, brand.colour("parcours_noir.noir_charbon"))
    return {"data": qr.data, "symbol_mm": round(symbol, 2), "module_mm": round(qr.module, 3),
            "box_mm": [round(v, 3) for v in (qr.x, qr.y, qr.size, qr.size)]}


def draw_qr_caption(canvas: Canvas, frame: Frame, c: MenuContent, st: Style):
    address = re.sub(r"^https?://(www\.)?", "", c.url)
    paras = [Paragraph([Run(" · ".join(c.word("online").values()), bold=True)], align="middle"),
             Paragraph.of(address, align="middle")]
    _fit(canvas, frame, paras, st.legend, st.legend * 0.8, "the QR caption",
         _colour(frame, "text.on_light"), st)


# -- the whole card -------------------------------------------------------------------------------
@dataclass
class MenuDrawing:
    pages: list[Canvas]
    checks: dict


def draw_menu(c: MenuContent, templates: dict[str, Template], fmt: dict, settings: dict
              ) -> MenuDrawing:
    st = Style(settings)
    described = [lang for lang in settings["menus"].get("printed_descriptions", ["fr"])
                 if lang in c.langs]
    kinds = ["cover"] + ["inner"] * (fmt["pages"] - 2) + ["back"]
    pages = [Page(k, templates[k], columns(templates[k])) for k in kinds]
    try:
        flow(pages, c, st, described)
        canvases = []
        checks: dict = {"pages": len(pages), "sections": len(c.sections),
                        "dishes": sum(len(s.dishes) for s in c.sections)}
        for number, page in enumerate(pages):
            tpl = page.template
            canvas = Canvas(tpl.width, tpl.height)
            art, offset = template_art(tpl)
            canvas.art(art, offset, offset)
            frames = tpl.frames
            if page.kind == "cover":
                draw_title(canvas, frames["frame-title"], c, st)
            if page.kind == "back":
                checks["legend_mm"] = round(draw_legend(canvas, frames["frame-legend"], c, st), 1)
                draw_producers(canvas, frames["frame-producers"], c, st)
                checks["qr"] = dict(draw_qr(canvas, frames["frame-qr"], c, settings), page=number)
                if "frame-qr-caption" in frames:
                    draw_qr_caption(canvas, frames["frame-qr-caption"], c, st)
            if "frame-service" in frames and page.placed:
                draw_service(canvas, frames["frame-service"], c, st)
            for _col, top, block in page.placed:
                block.draw(canvas, _col.x, _col.y + top)
            canvases.append(canvas)
    except MissingGlyph as exc:
        raise MenuError(str(exc)) from None
    checks["sizes_pt"] = {"french_dish": st.dish, "french_description": st.description,
                          "translation": st.translation}
    return MenuDrawing(canvases, checks)


__all__ = ["MenuDrawing", "MenuError", "draw_menu", "load_templates"]
