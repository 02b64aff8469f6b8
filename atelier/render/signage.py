"""Parcours noir panels: one per stop, in its format's template, with the legibility rules of
PRINT.md checked by measurement — QR width against the reading distance, letter (cap) heights
read from the font, text/background contrast computed from the brand colours.

Template contract: ``templates/signage/README.md``. Every text frame may name its colours by
brand token (``data-colour``, ``data-background``; ``theme`` means the stop's theme colour), so
the contrast check knows what the designer put behind the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import brand
from ..content.trail import THEMES, Leg, date_range, distance_text, duration_text, hours_text
from ..layout.codes import CodeTooSmall, qr_code, with_utm
from ..layout.fonts import PT, Face, MissingGlyph, metrics
from ..layout.text import Layout, Overset, Paragraph, Run, fit, lay_out
from .canvas import Canvas, svg_art
from .svgdoc import SVG_NS, Frame, Template, template_art
from .trailmap import MapStyle, TrailMap, draw_map, plan_map

PANEL_FRAMES = ["frame-number", "frame-total", "frame-title", "frame-accent", "frame-picto",
                "frame-theme", "frame-logo", "frame-body", "frame-qr", "frame-info", "frame-arrow",
                "frame-next", "frame-orientation"]
LOGO = brand.LOGOS / "parcours-noir-blanc.svg"
DEFAULT_TEXT = "text.on_dark"
DEFAULT_BACKGROUND = "background.dark"


class SignageError(ValueError):
    """A panel breaks a rule (named in the message) or its text does not fit."""


# -- rules ---------------------------------------------------------------------------------------

def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    out = []
    for i in (0, 2, 4):
        c = int(h[i:i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = out
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio of two sRGB colours, 1 to 21."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def cap_pt(face: Face, cap_mm: float) -> float:
    """The size (pt) whose cap height, read from the font, is ``cap_mm``."""
    return cap_mm / metrics(face)["cap_height"] / PT


def _up(pt: float) -> float:
    return int(pt * 10 + 0.9999) / 10


@dataclass(frozen=True)
class Rules:
    """The legibility rules for one panel (config/settings.yaml → signage)."""

    letter_min_mm: float
    orientation_min_mm: float
    distance_mm: float  # letters ≥ ratio × distance, for the roles the settings name
    distance_roles: tuple[str, ...]
    contrast_min: float
    qr_min_mm: float
    qr_module_min_mm: float
    qr_with_quiet_zone: bool

    @classmethod
    def of(cls, conf: dict, distance_m: float) -> Rules:
        return cls(conf["letter_min_mm"], conf["orientation_letter_min_mm"],
                   conf["letter_height_ratio"] * distance_m * 1000,
                   tuple(conf.get("distance_rule_roles", ["number", "title", "orientation"])),
                   conf["contrast_min"], conf["qr_distance_ratio"] * distance_m * 1000,
                   conf["qr_module_min_mm"], conf.get("qr_width_includes_quiet_zone", True))

    def cap_min(self, role: str) -> tuple[float, str]:
        """The smallest cap height for a text role, and the rule that sets it."""
        law = "(arrêté du 1er août 2006)"
        floor = (self.letter_min_mm, f"letters ≥ {self.letter_min_mm:g} mm {law}")
        if role == "orientation" and self.orientation_min_mm > floor[0]:
            floor = (self.orientation_min_mm,
                     f"orientation letters ≥ {self.orientation_min_mm:g} mm {law}")
        if role in self.distance_roles and self.distance_mm > floor[0]:
            floor = (self.distance_mm, f"letters ≥ letter_height_ratio × reading distance "
                     f"= {self.distance_mm:g} mm")
        return floor


# -- drawing helpers -----------------------------------------------------------------------------

@dataclass
class Drawing:
    canvas: Canvas
    checks: dict = field(default_factory=dict)


def colours_of(frame: Frame, theme: str | None) -> tuple[str, str]:
    """(text colour, background colour) of a frame, from its data-colour/data-background."""
    def token(name: str) -> str:
        if name == "theme":
            return brand.colour(f"themes.{theme}")
        return brand.colour(name)

    return (token(frame.attrs.get("data-colour", DEFAULT_TEXT)),
            token(frame.attrs.get("data-background", DEFAULT_BACKGROUND)))


class Page:
    """One page being drawn: fits text into frames and checks every rule on the way."""

    def __init__(self, template: Template, rules: Rules, scale: float, theme: str | None,
                 what: str):
        self.t = template
        self.rules = rules
        self.scale = scale  # type scale of this format relative to the reference one
        self.theme = theme
        self.what = what
        self.canvas = Canvas(template.width, template.height)
        art, offset = template_art(template)
        self.canvas.art(art, offset, offset)
        self.fonts = brand.fonts()
        self.checks: dict = {"letters_mm": {}, "contrast": {}}

    def fail(self, rule: str, detail: str):
        raise SignageError(f"{self.what}: rule « {rule} »: {detail}")

    def check_contrast(self, what: str, fg: str, bg: str):
        ratio = contrast(fg, bg)
        self.checks["contrast"][what] = round(ratio, 2)
        if ratio + 1e-9 < self.rules.contrast_min:
            self.fail(f"contrast ≥ {self.rules.contrast_min:g}:1",
                      f"{what} is {fg} on {bg}, {ratio:.2f}:1 — change data-colour/data-background "
                      "of its frame in the template, or the colours in brand/tokens.yaml")

    def text(self, frame_id: str, role: str, token: str, paragraphs: list[Paragraph],
             colours: list[str] | None = None, bold: bool = False, indent: float = 0.0) -> Layout:
        """Fit ``paragraphs`` into the frame between the brand size (scaled to the format) and
        the smallest size every rule allows; draw each paragraph in its colour. ``indent`` mm
        are kept free on the left (legend pictograms); ``self.starts`` gets each paragraph's
        first line."""
        f = self.t.frame(frame_id)
        if indent:
            f = Frame(f.id, f.x + indent, f.y, f.width - indent, f.height, f.attrs)
        fg, bg = colours_of(f, self.theme)
        face = Face(self.fonts.latin, bold=bold)
        cap_mm, rule = self.rules.cap_min(role)
        smallest = min(p.size_factor for p in paragraphs)
        min_pt = _up(cap_pt(face, cap_mm) / smallest)
        max_pt = max(brand.size(f"signage.{token}") * self.scale, min_pt)
        try:
            lay = fit(paragraphs, self.fonts, f.width, f.height, max_pt, min_pt,
                      f"{self.what}: the {role} text ({frame_id})", leading=1.15)
        except Overset as exc:
            raise SignageError(f"{exc} — {rule}; shorten the text or choose a larger format"
                               ) from None
        except MissingGlyph as exc:
            raise SignageError(f"{self.what}: the {role} text: {exc}") from None
        measured = lay.size_pt * smallest * PT * metrics(face)["cap_height"]
        self.checks["letters_mm"][role] = round(measured, 2)
        if measured + 1e-6 < cap_mm:  # fit() keeps to min_pt; this guards the arithmetic
            self.fail(rule, f"the {role} text has {measured:.1f} mm letters")
        colours = colours or [fg] * len(paragraphs)
        for c in sorted(set(colours)):
            self.check_contrast(f"{role} text", c, bg)
        if f.attrs.get("data-valign") == "middle":  # e.g. a label centred in a coloured band
            f = Frame(f.id, f.x, f.y + (f.height - lay.height) / 2, f.width, lay.height, f.attrs)
        self._draw(lay, paragraphs, colours, f)
        return lay

    def _draw(self, lay: Layout, paragraphs, colours, f: Frame):
        self.starts = []
        if len(set(colours)) == 1 and len(paragraphs) == 1:
            self.canvas.layout(lay, f.x, f.y, colours[0])
            self.starts = [0]
            return
        # lines come paragraph after paragraph: count each one's lines at the chosen size
        i = 0
        for p, colour in zip(paragraphs, colours, strict=True):
            self.starts.append(i)
            n = len(lay_out([p], self.fonts, f.width, lay.size_pt, 1.15).lines)
            for line in lay.lines[i:i + n]:
                for span in line.spans:
                    self.canvas.text(f.x + span.x, f.y + line.baseline, span.face, line.size,
                                     span.text, colour)
            i += n

    def picto(self, frame_id: str, path: Path, colour: str):
        f = self.t.frame(frame_id)
        self.canvas.svg_file(path, f.x, f.y, f.width, f.height, colour)

    def fill(self, frame_id: str, colour: str):
        f = self.t.frame(frame_id)
        self.canvas.rect(f.x, f.y, f.width, f.height, colour)


def _arrow(bearing: float, colour: str) -> str:
    """The brand's arrow (pointing east) turned to ``bearing`` (clockwise from north)."""
    text = brand.picto("fleche").read_text(encoding="utf-8")
    paths = "".join(re.findall(r"<path[^>]*/>", text))
    return (f'<svg xmlns="{SVG_NS}" width="100mm" height="100mm" viewBox="0 0 100 100" '
            f'color="{colour}"><g transform="rotate({bearing - 90:.2f} 50 50)">{paths}</g></svg>')


# -- the panel -----------------------------------------------------------------------------------

@dataclass
class PanelContent:
    stop: dict
    leg: Leg | None  # None for the last stop
    partner: dict | None
    total: int
    event: dict
    qr_url: str


def panel_content(stop: dict, leg: Leg | None, partner: dict | None, total: int,
                  settings: dict) -> PanelContent:
    utm = settings["urls"]["utm"]
    url = with_utm(stop["url"], utm["source"], "signaletique", utm["campaign"])
    return PanelContent(stop, leg, partner, total, settings["event"], url)


def check_panel_template(template: Template):
    template.require(PANEL_FRAMES)


def draw_panel(c: PanelContent, template: Template, settings: dict) -> Drawing:
    conf = settings["signage"]
    s = c.stop
    rules = Rules.of(conf, float(s["distance_lecture_m"]))
    page = Page(template, rules, type_scale(template, conf), s["theme"], s["id"])
    check_panel_template(template)
    accent = brand.colour(f"themes.{s['theme']}")
    on_dark = brand.colour("text.on_dark")

    # The QR first: a reading distance the format cannot serve is the clearest failure.
    f = template.frame("frame-qr")
    side = min(f.width, f.height)
    try:
        qr = qr_code(c.qr_url, f.x, f.y, side, error=conf.get("qr_error_correction", "M"),
                     quiet=conf.get("qr_quiet_zone_modules", 4), module_min=rules.qr_module_min_mm)
    except CodeTooSmall as exc:
        page.fail(f"QR modules ≥ {rules.qr_module_min_mm:g} mm", str(exc))
    width = qr.size if rules.qr_with_quiet_zone else qr.module * qr.modules
    if width + 1e-6 < rules.qr_min_mm:
        page.fail("QR width ≥ 1/10 of the reading distance",
                  f"read at {s['distance_lecture_m']:g} m the code must be ≥ "
                  f"{rules.qr_min_mm:.0f} mm wide; frame-qr of {template.path.name} gives "
                  f"{width:.0f} mm — choose a larger format (format_panneau) or check "
                  "distance_lecture_m")
    page.canvas.rect(qr.x, qr.y, qr.size, qr.size, brand.colour("background.paper"))
    page.canvas.rects(qr.dark, brand.colour("parcours_noir.noir_charbon"))
    page.checks["qr"] = {"data": qr.data, "width_mm": round(width, 1),
                         "module_mm": round(qr.module, 3), "min_width_mm": rules.qr_min_mm}

    # Number out of the total, name, theme band.
    page.text("frame-number", "number", "number", [Paragraph([Run(str(s["numero"]), bold=True)])],
              bold=True)
    page.text("frame-total", "total", "small", [Paragraph.of(f"étape {s['numero']} / {c.total}")])
    page.text("frame-title", "title", "title", [Paragraph([Run(s["nom"], bold=True)])], bold=True)
    page.fill("frame-accent", accent)
    page.picto("frame-picto", brand.picto(s["theme"]), on_dark)
    fr, en, ja = THEMES[s["theme"]]
    names = fr if fr == en else f"{fr} · {en}"
    page.text("frame-theme", "theme", "small", [Paragraph([Run(f"{names} · {ja}", bold=True)])],
              bold=True)
    lf = template.frame("frame-logo")
    page.canvas.svg_file(LOGO, lf.x, lf.y, lf.width, lf.height)

    # Texts: French first, at the same size as the translations (loi Toubon).
    body = [Paragraph.of(s["texte_fr"])]
    tints = [on_dark]
    for key, lang in (("texte_en", "en"), ("texte_ja", "ja")):
        if s.get(key):
            body.append(Paragraph.of(s[key], lang=lang, space_before=0.45))
            tints.append(brand.colour("text.on_dark_secondary"))
    page.text("frame-body", "body", "body", body, colours=tints)

    # Partner, address, hours, dates.
    info = []
    if c.partner:
        info.append(Paragraph([Run(c.partner["nom"], bold=True)]))
    info.append(Paragraph.of(f"{s['adresse']}, {s['commune']}"))
    info.append(Paragraph.of(hours_text(s["horaires"]), space_before=0.3))
    info.append(Paragraph.of(date_range(s["date_debut"], s["date_fin"])))
    info.append(Paragraph.of(f"{c.event['name']} · {_dates(c.event)}", space_before=0.3))
    page.text("frame-info", "info", "small", info)

    # The way on: arrow, next stop, distance and walking time.
    if c.leg:
        a = template.frame("frame-arrow")
        page.canvas.art(svg_art(_arrow(c.leg.bearing, accent)), a.x, a.y,
                        min(a.width, a.height) / 100)
        dfr, den, dja = c.leg.direction
        page.text("frame-next", "next", "small", [
            Paragraph([Run(f"{c.leg.to_numero}. {c.leg.to_name}", bold=True)]),
            Paragraph.of(f"{dfr} · {den} · {dja}")])
        page.text("frame-orientation", "orientation", "orientation", [
            Paragraph([Run(distance_text(c.leg.walk_km), bold=True)]),
            Paragraph([Run(duration_text(c.leg.minutes), bold=True)])], bold=True)
        page.checks["next"] = {"id": c.leg.to_id, "walk_km": round(c.leg.walk_km, 3),
                               "straight_km": round(c.leg.straight_km, 3),
                               "minutes": c.leg.minutes, "bearing": round(c.leg.bearing, 1)}
    else:
        page.text("frame-next", "next", "small",
                  [Paragraph([Run("Dernière étape · Last stop · 最終地点", bold=True)])])
        page.text("frame-orientation", "orientation", "orientation",
                  [Paragraph([Run("Merci !", bold=True)])], bold=True)
        page.checks["next"] = None
    return Drawing(page.canvas, page.checks)


# -- the overview map panel and the leaflet ------------------------------------------------------

CARTE_FRAMES = ["frame-title", "frame-dates", "frame-logo", "frame-map", "frame-legend"]
RECTO_FRAMES = ["frame-logo", "frame-title", "frame-map", "frame-legend"]
VERSO_FRAMES = ["frame-list", "frame-footer"]


def type_scale(template: Template, conf: dict) -> float:
    """Brand signage sizes are set for the reference format (A2); other sizes scale with the
    shorter side, so an A1 map or a DL leaflet keeps the same proportions."""
    ref = conf["formats"][conf.get("type_scale_format", "a2")]
    return min(template.width, template.height) / min(ref["width_mm"], ref["height_mm"])


def _dates(event: dict) -> str:
    return date_range(event["start"], event["end"])


def _legend(page: Page, frame_id: str, stops: list[dict], languages: int):
    """Theme pictograms in their colour, with the theme's name."""
    themes = sorted({s["theme"] for s in stops}, key=list(THEMES).index)
    paras = [Paragraph([Run(" · ".join(dict.fromkeys(THEMES[t][:languages])), bold=False)],
                       space_before=0.25 if i else 0.0) for i, t in enumerate(themes)]
    f = page.t.frame(frame_id)
    face = Face(page.fonts.latin)
    size_guess = max(brand.size("signage.small") * page.scale,
                     cap_pt(face, page.rules.letter_min_mm)) * PT
    indent = size_guess * 1.6
    lay = page.text(frame_id, "legend", "small", paras, indent=indent)
    for theme, start in zip(themes, page.starts, strict=True):
        line = lay.lines[start]
        h = line.size * 1.1
        page.canvas.svg_file(brand.picto(theme), f.x, f.y + line.baseline - h * 0.85, h, h,
                             brand.colour(f"themes.{theme}"))


def _map(page: Page, stops: list[dict]) -> TrailMap:
    face = Face(page.fonts.latin, bold=True)
    pt = max(brand.size("signage.small") * page.scale, cap_pt(face, page.rules.letter_min_mm))
    size = _up(pt) * PT
    style = MapStyle(number_size=size, label_size=size, line=size * 0.22)
    m = plan_map(stops, page.t.frame("frame-map"), style)
    for what, fg, bg in draw_map(page.canvas, m):
        page.check_contrast(what, fg, bg)
    page.checks["letters_mm"]["map"] = round(size * metrics(face)["cap_height"], 2)
    return m


def _overview_rules(conf: dict, cap_min_mm: float, distance_m: float) -> Rules:
    return Rules(cap_min_mm, cap_min_mm, conf["letter_height_ratio"] * distance_m * 1000,
                 ("title",), conf["contrast_min"], 0.0, conf["qr_module_min_mm"], True)


def draw_carte(stops: list[dict], template: Template, settings: dict) -> tuple[Drawing, TrailMap]:
    """The overview panel: the whole trail on one map, with the themes' legend."""
    conf = settings["signage"]
    template.require(CARTE_FRAMES)
    rules = _overview_rules(conf, conf["letter_min_mm"], conf.get("map_reading_distance_m", 2))
    page = Page(template, rules, type_scale(template, conf), None, "carte-parcours")
    event = settings["event"]
    page.text("frame-title", "title", "title", [Paragraph([Run(event["name"], bold=True)])],
              bold=True)
    n = len(stops)
    page.text("frame-dates", "dates", "body",
              [Paragraph.of(f"{_dates(event)} · {n} étapes · {n} stops · {n}のスポット")])
    lf = template.frame("frame-logo")
    page.canvas.svg_file(LOGO, lf.x, lf.y, lf.width, lf.height)
    m = _map(page, stops)
    _legend(page, "frame-legend", stops, 3)
    return Drawing(page.canvas, page.checks), m


def draw_leaflet(stops: list[dict], pages: list[list[dict]], recto: Template, verso: Template,
                 settings: dict) -> tuple[list[Drawing], TrailMap]:
    """The DL leaflet: the map side, then the list of stops (``pages`` of them), in French with
    English and Japanese where the space allows."""
    conf = settings["signage"]
    recto.require(RECTO_FRAMES)
    verso.require(VERSO_FRAMES)
    cap_min = conf["leaflet"]["letter_min_mm"]
    rules = _overview_rules(conf, cap_min, 0.0)
    event = settings["event"]
    scale = conf["leaflet"]["type_scale"]
    page = Page(recto, rules, scale, None, "dépliant (carte)")
    lf = recto.frame("frame-logo")
    page.canvas.svg_file(LOGO, lf.x, lf.y, lf.width, lf.height)
    n = len(stops)
    page.text("frame-title", "title", "body", [
        Paragraph([Run(_dates(event), bold=True)]),
        Paragraph.of(f"{n} étapes · {n} stops · {n}のスポット")], bold=True)
    m = _map(page, stops)
    _legend(page, "frame-legend", stops, 3)
    out = [Drawing(page.canvas, page.checks)]
    for i, chunk in enumerate(pages, start=2):
        out.append(_leaflet_list(chunk, verso, rules, scale, event, i, len(pages) + 1))
    return out, m


def _leaflet_list(stops, verso, rules, scale, event, number, total) -> Drawing:
    """One list page: the fullest wording that fits — FR/EN/JA theme names, then FR/EN, then
    French alone."""
    last = None
    for languages in (3, 2, 1):
        page = Page(verso, rules, scale, None,
                    f"dépliant (liste des étapes, page {number})")
        head = {3: "Les étapes · The stops · スポット", 2: "Les étapes · The stops",
                1: "Les étapes"}[languages]
        paras = [Paragraph([Run(head, bold=True)])]
        for s in stops:
            theme = " · ".join(dict.fromkeys(THEMES[s["theme"]][:languages]))
            paras.append(Paragraph([Run(f"{s['numero']}. {s['nom']}", bold=True)],
                                   space_before=0.35))
            paras.append(Paragraph.of(f"{theme} — {s['commune']} — {hours_text(s['horaires'])}"))
        try:
            page.text("frame-list", "list", "body", paras)
        except SignageError as exc:
            last = exc
            continue
        page.text("frame-footer", "footer", "small",
                  [Paragraph.of(f"{event['name']} · {_dates(event)} · {number}/{total}")])
        page.checks["languages"] = languages
        return Drawing(page.canvas, page.checks)
    raise last


__all__ = ["CARTE_FRAMES", "PANEL_FRAMES", "RECTO_FRAMES", "VERSO_FRAMES", "draw_carte",
           "draw_leaflet", "type_scale", "Drawing", "Page", "PanelContent", "Rules",
           "SignageError", "check_panel_template", "colours_of", "contrast", "draw_panel",
           "panel_content"]
