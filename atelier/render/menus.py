"""Draw a menu card into its format's designer templates: title on the cover, sections flowed
through the column frames of every page in order, legend, producers and QR code on the back.

Template contract: ``templates/menus/README.md``. Sizes and colours come from the brand tokens;
frames may name the colour of what is drawn in them with ``data-colour`` (a token path).

Flow rules: a section is kept in one column (heading and dishes together); when it does not fit
what is left of a column it moves to the next one. Only a section taller than a whole empty
column is split, between dishes, its heading repeated « (suite) ». When the columns run out the
menu fails, naming the section that did not fit — never silent overflow.

Distribution: the sections are spread over every column the format gives (each filled to about
the same share of its height, the smallest share that holds them all), then each column's spare
height goes into the gaps between its dishes (at most ``menus.max_gap_growth`` times each gap),
so that no page is stacked at the top with an empty band below. The legend and the producers
take the size that fills their frames, between the legal floor and ``type_scale.menus.legend``
× ``menus.legend_max_scale``.

Every text drawn is declared (``MenuDrawing.boxes``: role, element, text, lines' boxes, size,
page) for the layout lint (``atelier/print/layout_lint.py``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import brand
from ..content.menu import DIETS, Dish, MenuContent, Section
from ..layout.codes import CodeTooSmall, qr_code
from ..layout.fonts import PT, Face, MissingGlyph, meter
from ..layout.text import ASCENT, DESCENT, Layout, Overset, Paragraph, Run, fit, lay_out
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
    kind: str = "dish"  # dish | heading (the gap after a heading never grows)


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
                                    "edge (printer.safety_margin_mm, menus.safety_margin_mm) — "
                                    "move it inside")
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
        # translations are set lighter than the French (and English in italic)
        self.secondary = brand.colour(settings["menus"].get("translation_colour",
                                                            "parcours_noir.schiste"))
        # the floors of each role (the same numbers the layout lint checks)
        self.floor = dict(settings.get("layout_lint", {}).get("min_pt", {}).get("menus", {}))
        for role, default in (("name", 10.0), ("description", 8.5), ("legal", 7.0),
                              ("translation", 6.5), ("heading", 12.0), ("title", 14.0)):
            self.floor.setdefault(role, default)
        self.legend_max = self.legend * settings["menus"].get("legend_max_scale", 1.2)
        self.max_gap_growth = settings["menus"].get("max_gap_growth", 1.5)
        self.boxes: list[dict] = []  # every text drawn, declared for the layout lint
        self.page = 0
        ratio = settings["menus"].get("min_translation_ratio", 1.0)
        # loi Toubon: French at least as legible as any translation.
        if self.translation * ratio > min(self.dish, self.description) + 1e-9:
            raise MenuError(f"brand/tokens.yaml: type_scale.menus.translation "
                            f"({self.translation:g} pt) must not exceed the French sizes (dish "
                            f"{self.dish:g}, description {self.description:g} pt)")


def put(canvas: Canvas, st: Style, lay: Layout, x: float, y: float, colour: str, role: str,
        element: str, lang: str = "fr") -> None:
    """Draw ``lay`` and declare it for the layout lint."""
    canvas.layout(lay, x, y, colour)
    if lay.lines:
        st.boxes.append(lay.declare(x, y, role, element, st.page, lang))


def _stack(parts: list[tuple], st: Style) -> Block:
    """Layouts stacked top to bottom: (x offset, layout, colour, space above, role, element,
    lang) each."""
    height = 0.0
    placed = []
    for dx, lay, colour, gap, role, element, lang in parts:
        if not lay.lines:
            continue
        height += gap if placed else 0.0
        placed.append((dx, height, lay, colour, role, element, lang))
        height += lay.height

    def draw(canvas: Canvas, x: float, y: float):
        for dx, dy, lay, colour, role, element, lang in placed:
            put(canvas, st, lay, x + dx, y + dy, colour, role, element, lang)
    return Block(height, draw)


def _name(text: str, st: Style, width: float, max_pt: float, min_pt: float, what: str,
          bold: bool = True, italic: bool = False, lang: str = "fr") -> Layout:
    """A name (dish, section, title): never hyphenated; re-broken, then shrunk down to its
    role's floor, else a ``MenuError`` naming it."""
    para = Paragraph([Run(text, bold=bold, italic=italic)], lang=lang, role="heading")
    try:
        return fit([para], st.fonts, width, 1e6, max_pt, min(min_pt, max_pt), what, LEADING)
    except Overset as exc:
        raise MenuError(str(exc).replace(" of height", "").split(": at the minimum")[0]
                        + f": a word is wider than the column at {min_pt:g} pt (the floor of "
                        "its role) — shorten it or widen the column") from None


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
    what = f"dish « {d.id} »"
    name = _name(d.names["fr"], st, name_w, st.dish, st.floor["name"], f"the name of {what}")
    parts = [(0.0, name, st.ink, 0.0, "name", f"{d.id} › name", "fr")]
    small = st.translation * PT * 0.25
    for lang in c.langs[1:]:
        if d.names.get(lang):
            lay = _name(d.names[lang], st, name_w, st.translation, st.floor["translation"],
                        f"the {lang} name of {what}", bold=False, italic=lang == "en", lang=lang)
            parts.append((0.0, lay, st.secondary, small, "translation", f"{d.id} › name_{lang}",
                          lang))
    for lang in c.langs:
        text = d.descriptions.get(lang)
        if text and lang in described:
            size = st.description if lang == "fr" else st.translation
            role = "description" if lang == "fr" else "translation"
            parts.append((0.0, lay_out([Paragraph.of(text, lang=lang)], f, width, size, LEADING),
                          st.ink, small * 2, role, f"{d.id} › description_{lang}", lang))
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
    rest = _stack(parts[1:], st)
    rest_top = name.height + (parts[1][3] if len(parts) > 1 else 0.0)
    text_h = rest_top + rest.height
    meta_h = max(meta.height, side if icons else 0.0)
    top_meta = text_h + small * 2
    height = top_meta + meta_h if (icons or meta.lines) else text_h
    first_base = name.lines[0].baseline

    def draw(canvas: Canvas, x: float, y: float):
        # name, then its price, then the rest: text extraction and screen readers keep them together
        put(canvas, st, name, x, y, st.ink, "name", f"{d.id} › name")
        px = x + width - price_w
        canvas.text(px, y + first_base, Face(f.latin, bold=True), st.price * PT, price, st.accent)
        size = st.price * PT
        st.boxes.append({"page": st.page, "role": "price", "element": f"{d.id} › price",
                         "lang": "fr", "size_pt": st.price, "lines": [{"text": price, "box_mm": [
                             round(px, 2), round(y + first_base - size * ASCENT, 2),
                             round(price_w, 2), round(size * (ASCENT + DESCENT), 2)]}]})
        rest.draw(canvas, x, y + rest_top)
        _icons(canvas, icons, x, y + top_meta, side)
        put(canvas, st, meta, x + icons_w, y + top_meta + max(0.0, (side - meta.height) / 2)
            if icons else y + top_meta, st.ink, "legal", f"{d.id} › allergens")
    return Block(height, draw)


def heading_block(s: Section, c: MenuContent, st: Style, width: float, cont: bool = False) -> Block:
    title = s.title + (" (suite)" if cont else "")
    what = f"section « {s.title} »"
    head = _name(title, st, width, st.section, st.floor["heading"], f"the title of {what}")
    trans = " · ".join(s.titles[lang] for lang in c.langs[1:] if s.titles.get(lang))
    parts = [(0.0, head, st.accent, 0.0, "heading", f"{s.title} › title", "fr")]
    if trans:
        lay = _name(trans, st, width, st.translation, st.floor["translation"],
                    f"the translations of {what}", bold=False, lang="en")
        parts.append((0.0, lay, st.secondary, 0.0, "translation", f"{s.title} › translations",
                      "en"))
    inner = _stack(parts, st)
    rule_gap = st.translation * PT * 0.5

    def draw(canvas: Canvas, x: float, y: float):
        inner.draw(canvas, x, y)
        canvas.line(x, y + inner.height + rule_gap / 2, x + width, y + inner.height + rule_gap / 2,
                    0.35, st.rule)
    return Block(inner.height + rule_gap, draw, "heading")


# -- flowing sections through columns -------------------------------------------------------------
def flow(pages: list[Page], c: MenuContent, st: Style, described: list[str], share: float = 1.0,
         cache: dict | None = None) -> None:
    """Place every section in the column frames, in order, using at most ``share`` of each
    column's height; ``MenuError`` when they run out. Below a share of 1 a section is never split
    (that is only for sections taller than a whole column)."""
    slots = [(p, col) for p in pages for col in p.columns]
    if not slots:
        raise MenuError("the templates have no column frame (frame-col-1 …) for the dishes")
    for p in pages:
        p.placed.clear()
    dish_gap = st.dish * PT * 0.9
    section_gap = st.section * PT * 0.9
    cache = {} if cache is None else cache

    def blocks(si: int, s: Section, width: float):
        key = (si, width)
        if key not in cache:
            cache[key] = [dish_block(d, c, st, width, described) for d in s.dishes]
        return cache[key]

    def head_of(si: int, s: Section, width: float, cont: bool):
        key = ("head", si, width, cont)
        if key not in cache:
            cache[key] = heading_block(s, c, st, width, cont)
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
            height = col.height * share
            room = height - y - (section_gap if y else 0.0)
            head = head_of(si, s, col.width, cont)
            items = blocks(si, s, col.width)
            heights = [items[i].height for i in todo]
            whole = head.height + sum(heights) + dish_gap * (len(heights) - 1)
            if whole <= room + 1e-6:
                take = len(todo)
            elif y > 0 and (whole <= height or head.height + heights[0] > room + 1e-6):
                ci, y = ci + 1, 0.0  # keep the section together: start it in the next column
                continue
            elif share < 1.0 and whole <= col.height:
                raise MenuError(f"section « {s.title} » would be split at {share:.0%}")
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


def distribute(pages: list[Page], c: MenuContent, st: Style, described: list[str]) -> float:
    """Flow the sections over every column, each filled to about the same share of its height
    (the smallest that holds the menu), then spread each column's spare height into its gaps.
    Returns the share used."""
    cache: dict = {}
    flow(pages, c, st, described, 1.0, cache)  # fits at all? (else the located MenuError)
    lo, hi = 0.2, 1.0
    for _ in range(10):  # 0.1 % of a column
        mid = (lo + hi) / 2
        try:
            flow(pages, c, st, described, mid, cache)
            hi = mid
        except MenuError:
            lo = mid
    flow(pages, c, st, described, hi, cache)
    justify(pages, st)
    return hi


def justify(pages: list[Page], st: Style) -> None:
    """Give each column's spare height to the gaps between its blocks (never the gap after a
    section heading), each growing by at most ``menus.max_gap_growth`` × the dish gap."""
    cap = st.max_gap_growth * st.dish * PT * 0.9
    for page in pages:
        for col in page.columns:
            entries = [(i, e) for i, e in enumerate(page.placed) if e[0] is col]
            if len(entries) < 2:
                continue
            last = entries[-1][1]
            slack = col.height - (last[1] + last[2].height)
            gaps = [k for k in range(1, len(entries)) if entries[k - 1][1][2].kind != "heading"]
            if slack <= 0 or not gaps:
                continue
            extra = min(slack / len(gaps), cap)
            shift = 0.0
            for k, (i, (frame, top, block)) in enumerate(entries):
                if k in gaps:
                    shift += extra
                page.placed[i] = (frame, top + shift, block)


# -- cover and back -------------------------------------------------------------------------------
def _fit(canvas: Canvas, frame: Frame, paras, max_pt, min_pt, what, colour, st: Style,
         role: str = "legal", element: str = ""):
    try:
        lay = fit(paras, st.fonts, frame.width, frame.height, max_pt, min_pt, what, LEADING)
    except Overset as exc:
        raise MenuError(f"{exc} ({frame.id})") from None
    put(canvas, st, lay, frame.x, frame.y, colour, role, element or frame.id)
    return lay


def draw_title(canvas: Canvas, frame: Frame, c: MenuContent, st: Style):
    ratio = st.translation / st.dish  # translations relative to the French, as for dishes
    paras = [Paragraph.heading(c.titles["fr"])]
    paras += [Paragraph.heading(c.titles[lang], bold=False, lang=lang, size_factor=ratio,
                                space_before=0.3)
              for lang in c.langs[1:] if c.titles.get(lang)]
    _fit(canvas, frame, paras, st.title, max(st.dish, st.floor["title"]), "the menu title",
         _colour(frame, "text.on_light_heading"), st, "title", "menu › title")


def legend_block(c: MenuContent, st: Style, width: float, pt: float | None = None) -> Block:
    """Service mention, « fait maison », diets and the allergen legend (exactly those used)."""
    f, pt = st.fonts, pt or st.legend
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
        for k, (dy, icons, indent, lay, h, s_) in enumerate(laid):
            _icons(canvas, icons, x, y + dy, s_)
            put(canvas, st, lay, x + indent, y + dy + (h - lay.height) / 2, st.ink, "legal",
                f"legend › line {k + 1}")
    return Block(height, draw)


def draw_legend(canvas: Canvas, frame: Frame, c: MenuContent, st: Style) -> tuple[float, float]:
    """The legend at the largest size (0.25 pt steps) between the legal floor and the legend's
    largest that fills ``frame-legend``; (height in mm, size in pt)."""
    pt = st.legend_max
    while True:
        block = legend_block(c, st, frame.width, pt)
        if block.height <= frame.height + 1e-6:
            break
        if pt - 0.25 < st.floor["legal"] - 1e-9:
            raise MenuError(f"the legend (service, fait maison, diets, {len(c.legend)} allergens) "
                            f"needs {block.height:.1f} mm at {pt:g} pt, frame-legend has "
                            f"{frame.height:.1f} mm")
        pt -= 0.25
    block.draw(canvas, frame.x, frame.y)
    return block.height, pt


def draw_service(canvas: Canvas, frame: Frame, c: MenuContent, st: Style):
    """The price mention again at the foot of a page of prices (arrêté du 27 mars 1987)."""
    paras = [Paragraph([Run(c.service, bold=True), Run(" · " + c.word("prices")["fr"])],
                       align=frame.attrs.get("data-align", "start"))]
    _fit(canvas, frame, paras, st.legend, st.floor["legal"], "the service mention",
         _colour(frame, "text.on_light"), st, "legal", "service mention")


def draw_producers(canvas: Canvas, frame: Frame, c: MenuContent, st: Style):
    paras = [Paragraph([Run(" · ".join(c.word("producers").values()), bold=True)])]
    for p in c.producers:
        paras.append(Paragraph([Run(p.name, bold=True), Run(f"\u00a0— {p.commune}, {p.distance}")]))
    _fit(canvas, frame, paras, st.legend_max, st.floor["legal"], "the producers' list",
         _colour(frame, "text.on_light"), st, "legal", "producers")


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
    _fit(canvas, frame, paras, st.legend, st.floor["legal"], "the QR caption",
         _colour(frame, "text.on_light"), st, "legal", "QR caption")


# -- the whole card -------------------------------------------------------------------------------
@dataclass
class MenuDrawing:
    pages: list[Canvas]
    checks: dict
    boxes: list[dict] = field(default_factory=list)  # declared for the layout lint
    covers: list[int] = field(default_factory=list)  # pages that are covers (no empty-band rule)


_LOGO_TRANSFORM = re.compile(r'translate\(\s*([-\d.]+)[\s,]+([-\d.]+)\s*\)\s*scale\(\s*([\d.]+)\s*\)')


def mark_box(tpl: Template) -> list[float] | None:
    """The box (mm) of the brand mark a template places as ``<g id="art-logo"
    transform="translate(x y) scale(s)">`` holding the logo of ``brand/logos`` (its viewBox less
    the margin drawn around it), or None when the page has no mark."""
    m = re.search(r'<[^>]*id="art-logo"[^>]*>', tpl.body)
    t = _LOGO_TRANSFORM.search(m.group()) if m else None
    if not t:
        return None
    x, y, k = (float(v) for v in t.groups())
    w, h = _logo_extent()
    return [round(x, 2), round(y, 2), round(w * k, 2), round(h * k, 2)]


@functools.cache
def _logo_extent() -> tuple[float, float]:
    text = (brand.LOGOS / "all-logo.svg").read_text(encoding="utf-8")
    vb = [float(v) for v in re.search(r'viewBox="([^"]+)"', text).group(1).split()]
    margin = -vb[0]  # the viewBox starts at -margin on both axes
    return vb[2] - 2 * margin, vb[3] - 2 * margin


def draw_menu(c: MenuContent, templates: dict[str, Template], fmt: dict, settings: dict
              ) -> MenuDrawing:
    st = Style(settings)
    described = [lang for lang in settings["menus"].get("printed_descriptions", ["fr"])
                 if lang in c.langs]
    kinds = ["cover"] + ["inner"] * (fmt["pages"] - 2) + ["back"]
    pages = [Page(k, templates[k], columns(templates[k])) for k in kinds]
    try:
        share = distribute(pages, c, st, described)
        canvases = []
        checks: dict = {"pages": len(pages), "sections": len(c.sections),
                        "dishes": sum(len(s.dishes) for s in c.sections)}
        for number, page in enumerate(pages):
            st.page = number
            tpl = page.template
            canvas = Canvas(tpl.width, tpl.height)
            art, offset = template_art(tpl)
            canvas.art(art, offset, offset)
            frames = tpl.frames
            if page.kind == "cover":
                draw_title(canvas, frames["frame-title"], c, st)
            if page.kind == "back":
                legend_mm, legend_pt = draw_legend(canvas, frames["frame-legend"], c, st)
                checks["legend_mm"], checks["legend_pt"] = round(legend_mm, 1), legend_pt
                draw_producers(canvas, frames["frame-producers"], c, st)
                checks["qr"] = dict(draw_qr(canvas, frames["frame-qr"], c, settings), page=number)
                if "frame-qr-caption" in frames:
                    draw_qr_caption(canvas, frames["frame-qr-caption"], c, st)
            if "frame-service" in frames and page.placed:
                draw_service(canvas, frames["frame-service"], c, st)
            for _col, top, block in page.placed:
                block.draw(canvas, _col.x, _col.y + top)
            mark = mark_box(tpl)
            if mark:
                st.boxes.append({"page": number, "role": "mark", "element": "ALL mark",
                                 "box_mm": mark, "lines": []})
            canvases.append(canvas)
    except MissingGlyph as exc:
        raise MenuError(str(exc)) from None
    checks["sizes_pt"] = {"french_dish": st.dish, "french_description": st.description,
                          "translation": st.translation}
    checks["column_share"] = round(share, 3)
    covers = [n for n, p in enumerate(pages) if p.kind == "cover" and not p.placed]
    return MenuDrawing(canvases, checks, st.boxes, covers)


__all__ = ["MenuDrawing", "MenuError", "draw_menu", "load_templates"]
