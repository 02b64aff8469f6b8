"""Parcours noir panels: one per stop, in its format's template, with the legibility rules of
PRINT.md checked by measurement — QR width against the reading distance, letter (cap) heights
read from the font, text/background contrast computed from the brand colours.

Template contract: ``templates/signage/README.md``. Every text frame may name its colours by
brand token (``data-colour``, ``data-background``; ``theme`` means the stop's theme colour), so
the contrast check knows what the designer put behind the text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from .. import brand
from ..content.trail import (
    MODE_PICTOS,
    SEP,
    THEMES,
    Leg,
    date_range,
    distance_text,
    duration_text,
    hours_text,
    in_order,
)
from ..content.typography import french
from ..layout.codes import CodeTooSmall, qr_code, with_utm
from ..layout.fonts import PT, Face, MissingGlyph, meter, metrics
from ..layout.text import Layout, Overset, Paragraph, Run, fit, lay_out
from .canvas import Canvas, svg_art
from .svgdoc import SVG_NS, Frame, Template, TemplateError, template_art
from .trailmap import (
    Basemap,
    MapError,
    MapStyle,
    Projection,
    TrailMap,
    cluster,
    declare_map,
    draw_map,
    plan_map,
)

PANEL_FRAMES = ["frame-number", "frame-total", "frame-title", "frame-accent", "frame-picto",
                "frame-theme", "frame-logo", "frame-body", "frame-qr", "frame-qr-caption",
                "frame-info", "frame-arrow", "frame-next", "frame-orientation", "frame-mode",
                "frame-mode-picto", "frame-brand"]
LOGO = brand.LOGOS / "parcours-noir-blanc.svg"
ALL_MARK = brand.LOGOS / "all-logo-blanc.svg"
# The ALL mark's geometry in its own file's units: the wordmark's cap height and the ink box
# (wordmark and tagline); its clear space is half the cap height on every side (brand/README.md).
ALL_CAP_UNITS = 100.0
ALL_INK_UNITS = (0.0, 0.0, 235.0, 128.78)
DEFAULT_TEXT = "text.on_dark"
# The role each text declares to the layout lint (atelier/print/layout_lint.py), by the role its
# legibility rule knows it by (titles, headings and names are never hyphenated); a frame that
# mixes names and running text (the stop list, a partner above its address) says which is which.
LINT_ROLES = {"number": "number", "total": "caption", "title": "title", "theme": "caption",
              "body": "body", "info": "info", "next": "name", "orientation": "orientation",
              "mode": "orientation", "caption": "caption", "legend": "legend", "list": "body",
              "dates": "caption", "inset": "heading", "howto": "body", "contacts": "info",
              "heading": "heading"}
# The leaflet's section titles stand above what they head (the list, the legend: body size)
SECTION_GROW = 1.5
ORIENTATION_GROW = 1.25  # distance and time may grow to 1.25 × their minimum to fill their frame
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
    """The legibility rules for one panel (config/settings.yaml → signage).

    Two distances: the panel is spotted and followed from its reading distance (the stop's
    ``distance_lecture_m``: number and orientation ≥ 1 % of it), and read and scanned from close
    up (``close_reading_distance_m``: title ≥ 3 %, texts ≥ 1 % of it, ≥ 4.5 mm)."""

    letter_min_mm: float
    orientation_min_mm: float
    distance_mm: float  # letters ≥ ratio × distance, for the roles the settings name
    distance_roles: tuple[str, ...]
    contrast_min: float
    qr_min_mm: float
    qr_module_min_mm: float
    qr_with_quiet_zone: bool
    title_mm: float = 0.0  # title ≥ title_height_ratio × close reading distance
    body_mm: float = 0.0  # body ≥ body_height_ratio × close reading distance

    @classmethod
    def of(cls, conf: dict, distance_m: float, close_m: float | None = None) -> Rules:
        close = conf.get("close_reading_distance_m", 0.75) if close_m is None else close_m
        scan = conf.get("qr_scan_distance_m", distance_m)
        return cls(conf["letter_min_mm"], conf["orientation_letter_min_mm"],
                   conf["letter_height_ratio"] * distance_m * 1000,
                   tuple(conf.get("distance_rule_roles", ["number", "title", "orientation"])),
                   conf["contrast_min"], conf["qr_distance_ratio"] * scan * 1000,
                   conf["qr_module_min_mm"], conf.get("qr_width_includes_quiet_zone", True),
                   conf.get("title_height_ratio", 0.0) * close * 1000,
                   conf.get("body_height_ratio", 0.0) * close * 1000)

    def cap_min(self, role: str) -> tuple[float, str]:
        """The smallest cap height for a text role, and the rule that sets it."""
        law = "(arrêté du 1er août 2006)"
        floor = (self.letter_min_mm, f"letters ≥ {self.letter_min_mm:g} mm {law}")
        if role in ("orientation", "next", "mode") and self.orientation_min_mm > floor[0]:
            floor = (self.orientation_min_mm,
                     f"orientation letters ≥ {self.orientation_min_mm:g} mm {law}")
        if role == "title" and self.title_mm > floor[0]:
            floor = (self.title_mm, f"titles ≥ title_height_ratio × close reading distance "
                     f"= {self.title_mm:g} mm")
        if role == "body" and self.body_mm > floor[0]:
            floor = (self.body_mm, f"texts ≥ body_height_ratio × close reading distance "
                     f"= {self.body_mm:g} mm")
        if role in self.distance_roles and self.distance_mm > floor[0]:
            floor = (self.distance_mm, f"letters ≥ letter_height_ratio × reading distance "
                     f"= {self.distance_mm:g} mm")
        return floor


# -- drawing helpers -----------------------------------------------------------------------------

@dataclass
class Drawing:
    canvas: Canvas
    checks: dict = field(default_factory=dict)
    boxes: list[dict] = field(default_factory=list)  # declared for the layout lint


def layout_declaration(drawings: list[Drawing]) -> dict:
    """The ``layout`` entry of a print file's state for the layout lint: every page's texts
    with their roles and its ALL mark (``atelier/print/layout_lint.py``)."""
    return {"family": "signage", "boxes": [b for d in drawings for b in d.boxes], "covers": []}


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
                 what: str, page_no: int = 0):
        self.t = template
        self.page_no = page_no  # the page of the print file (the leaflet's verso is 1)
        self.boxes: list[dict] = []  # every text and the ALL mark, declared for the layout lint
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
             colours: list[str] | None = None, bold: bool = False, indent: float = 0.0,
             grow: float = 1.0, kinds: list[str] | None = None) -> Layout:
        """Fit ``paragraphs`` into the frame between the brand size (scaled to the format) and
        the smallest size every rule allows; draw each paragraph in its colour and declare it
        to the layout lint, as what it is (``kinds``: each paragraph's role for the lint, when
        the frame mixes names and running text). ``indent`` mm are kept free on the left
        (legend pictograms); ``self.starts`` gets each paragraph's first line."""
        f = self.t.frame(frame_id)
        if indent:
            f = Frame(f.id, f.x + indent, f.y, f.width - indent, f.height, f.attrs)
        fg, bg = colours_of(f, self.theme)
        face = Face(self.fonts.latin, bold=bold)
        cap_mm, rule = self.rules.cap_min(role)
        smallest = min(p.size_factor for p in paragraphs)
        min_pt = _up(cap_pt(face, cap_mm) / smallest)
        # ``grow``: a text may grow past the brand size (or its rule's minimum, when larger) to
        # fill its frame (no empty band: an A1 panel's body frame is a third taller than an A2's)
        max_pt = max(brand.size(f"signage.{token}") * self.scale, min_pt) * grow
        try:
            lay = fit(paragraphs, self.fonts, f.width, f.height, max_pt, min_pt,
                      f"{self.what}: the {role} text ({frame_id})", leading=1.15)
            # The frame bounds the ink, not only the advances: a line starting with a J (its
            # ink 0.08 em left of its origin: 0.5 mm in the panels' small print, 2 mm at 72 pt)
            # would reach past the frame, into the safety zone when the frame sits on it. That
            # line moves in by its overhang (its ink then starts where its neighbours' does);
            # when a line's ink passes the right edge, the text is set again in the frame less
            # the overhang.
            for _ in range(3):
                hang_in(lay)
                right = ink_overhang(lay)[1]
                if right <= 1e-3:
                    break
                f = Frame(f.id, f.x, f.y, f.width - right, f.height, f.attrs)
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
        self._declare(lay, paragraphs, f, role, cap_pt(face, cap_mm), kinds)
        return lay

    def _declare(self, lay: Layout, paragraphs: list[Paragraph], f: Frame, role: str,
                 floor_pt: float, kinds: list[str] | None = None):
        """Each paragraph of a fitted frame, as the layout lint reads it: its role (what the
        text is, said by the caller, else the frame's), its lines' boxes and the smallest size
        its role's letter height allows here (``min_pt``)."""
        kinds = kinds or [LINT_ROLES[role]] * len(paragraphs)
        ends = [*self.starts[1:], len(lay.lines)]
        for k, (p, start, end) in enumerate(zip(paragraphs, self.starts, ends, strict=True)):
            part = Layout(lines=lay.lines[start:end], size_pt=lay.size_pt * p.size_factor,
                          width=lay.width, text="".join(r.text for r in p.runs))
            own = kinds[k]
            element = f"{role} ({f.id})"
            if len(paragraphs) > 1:
                element += f" ¶{k + 1}"
            box = part.declare(f.x, f.y, own, element, self.page_no, p.lang)
            box["min_pt"] = round(floor_pt, 2)
            self.boxes.append(box)

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

    def brand_mark(self, frame_id: str, min_width_mm: float) -> dict:
        """The ALL mark fitted in its frame with its clear space (half the wordmark's cap height
        on every side) inside the frame, never below its minimum width. Returns what was drawn,
        for the checks (the mark's box, its clear-space box, its width)."""
        f = self.t.frame(frame_id)
        _, vy, vw, vh = _view_box(ALL_MARK)
        x0, y0, x1, y1 = ALL_INK_UNITS
        clear = ALL_CAP_UNITS / 2
        unit = min(f.width / (x1 - x0 + 2 * clear), f.height / (y1 - y0 + 2 * clear))
        width = vw * unit  # the logo's width as brand/ measures it (its viewBox)
        if width + 1e-6 < min_width_mm:
            self.fail(f"ALL mark ≥ {min_width_mm:g} mm wide with its clear space",
                      f"{frame_id} of {self.t.path.name} gives {width:.1f} mm")
        ink_w, ink_h = (x1 - x0) * unit, (y1 - y0) * unit
        ix = f.x + (f.width - ink_w) / 2
        iy = f.y + (f.height - ink_h) / 2
        vx = -6.0  # the file's viewBox starts 6 units left of and above the ink
        self.canvas.svg_file(ALL_MARK, ix + (vx - x0) * unit, iy + (vy - y0) * unit,
                             vw * unit, vh * unit)
        box = [round(v, 2) for v in (ix, iy, ix + ink_w, iy + ink_h)]
        c = clear * unit
        self.checks["brand"] = {"width_mm": round(width, 2), "ink_mm": box,
                                "clear_mm": round(c, 2),
                                "clear_box_mm": [round(box[0] - c, 2), round(box[1] - c, 2),
                                                 round(box[2] + c, 2), round(box[3] + c, 2)]}
        # the whole logo (wordmark and tagline): its ink box, the brand's minimum for it and
        # the clear space, half the wordmark's height
        self.boxes.append({"page": self.page_no, "role": "mark", "element": f"ALL mark ({frame_id})",
                           "box_mm": [round(ix, 2), round(iy, 2), round(ink_w, 2),
                                      round(ink_h, 2)],
                           "tagline": True, "wordmark_mm": round(ALL_CAP_UNITS * unit, 2),
                           "min_width_mm": min_width_mm, "clear_mm": round(c, 2), "lines": []})
        return self.checks["brand"]

    def check_safety(self, zone: float, frame_ids) -> None:
        """Every frame that holds text or a code lies inside the safety zone."""
        w, h = self.t.width, self.t.height
        for fid in frame_ids:
            f = self.t.frame(fid)
            if (f.x < zone - 1e-6 or f.y < zone - 1e-6 or f.x + f.width > w - zone + 1e-6
                    or f.y + f.height > h - zone + 1e-6):
                self.fail(f"nothing within {zone:g} mm of the trim (safety zone)",
                          f"{fid} of {self.t.path.name} runs to ({f.x:g}, {f.y:g}, "
                          f"{f.x + f.width:g}, {f.y + f.height:g}) mm on a {w:g} × {h:g} mm panel")

    def picto(self, frame_id: str, path: Path, colour: str):
        f = self.t.frame(frame_id)
        self.canvas.svg_file(path, f.x, f.y, f.width, f.height, colour)

    def fill(self, frame_id: str, colour: str):
        f = self.t.frame(frame_id)
        self.canvas.rect(f.x, f.y, f.width, f.height, colour)


def _bearings(face: Face, ch: str) -> tuple[float, float]:
    """How far (em) a glyph's ink reaches left of its origin and right of its advance."""
    m = meter(face)
    x_bearing, _, width, _, advance, _ = m.ctx.text_extents(ch)
    size = m.ctx.get_font_matrix().xx
    return max(0.0, -x_bearing / size), max(0.0, (x_bearing + width - advance) / size)


def _line_ink(line, width: float) -> tuple[float, float]:
    """How far (frame units) a line's ink passes the frame's left edge and its right edge
    (``width``): a J starting it, an f ending it."""
    first = next((s for s in line.spans if s.text.strip()), None)
    last = next((s for s in reversed(line.spans) if s.text.strip()), None)
    if first is None:
        return 0.0, 0.0
    head = first.text.lstrip()
    x0 = first.x + meter(first.face).width(first.text[:len(first.text) - len(head)], line.size)
    tail = last.text.rstrip()
    x1 = last.x + meter(last.face).width(tail, line.size)
    return (_bearings(first.face, head[0])[0] * line.size - x0,
            x1 + _bearings(last.face, tail[-1])[1] * line.size - width)


def hang_in(lay: Layout) -> None:
    """Move each line whose ink passes the frame's left edge in by that much."""
    for line in lay.lines:
        left = _line_ink(line, lay.width)[0]
        if left > 1e-6:
            for span in line.spans:
                span.x += left


def ink_overhang(lay: Layout) -> tuple[float, float]:
    """How far (frame units) the ink of ``lay``'s lines passes its frame's left and right
    edges."""
    out = [_line_ink(line, lay.width) for line in lay.lines] or [(0.0, 0.0)]
    return max(0.0, *(o[0] for o in out)), max(0.0, *(o[1] for o in out))


def _view_box(path: Path) -> tuple[float, float, float, float]:
    root = ET.parse(path).getroot()
    return tuple(float(v) for v in re.split(r"[\s,]+", root.get("viewBox").strip()))


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


TEXT_FRAMES = [f for f in PANEL_FRAMES if f not in ("frame-accent",)]


def close_distance(conf: dict, fmt: str | None) -> float:
    """The close reading distance of a format (``formats.<f>.close_reading_distance_m``, else
    the signage default): a small panel is read from nearer."""
    own = (conf["formats"].get(fmt) or {}).get("close_reading_distance_m") if fmt else None
    return own if own is not None else conf.get("close_reading_distance_m", 0.75)


def draw_panel(c: PanelContent, template: Template, settings: dict) -> Drawing:
    conf = settings["signage"]
    s = c.stop
    rules = Rules.of(conf, float(s["distance_lecture_m"]),
                     close_distance(conf, s.get("format_panneau")))
    page = Page(template, rules, type_scale(template, conf), s["theme"], s["id"])
    check_panel_template(template)
    page.check_safety(conf.get("safety_zone_mm", 0), TEXT_FRAMES)
    accent = brand.colour(f"themes.{s['theme']}")
    on_dark = brand.colour("text.on_dark")
    amber = brand.colour("text.on_dark_accent")

    # The QR code, sized for the scanning distance (people step up to scan), not for the
    # reading distance: the code must not dominate the panel.
    f = template.frame("frame-qr")
    quiet = conf.get("qr_quiet_zone_modules", 4)
    try:
        probe = qr_code(c.qr_url, 0, 0, 1000, error=conf.get("qr_error_correction", "M"),
                        quiet=quiet)
        total = probe.modules + 2 * quiet
        side = max(rules.qr_min_mm if rules.qr_with_quiet_zone
                   else rules.qr_min_mm * total / probe.modules,
                   rules.qr_module_min_mm * total)
        if side > min(f.width, f.height) + 1e-6:
            page.fail("QR code fits frame-qr",
                      f"read at {conf.get('qr_scan_distance_m', 0):g} m with "
                      f"{rules.qr_module_min_mm:g} mm modules the code needs {side:.0f} mm; "
                      f"frame-qr of {template.path.name} gives {min(f.width, f.height):.0f} mm")
        qr = qr_code(c.qr_url, f.x + (f.width - side) / 2, f.y, side,
                     error=conf.get("qr_error_correction", "M"), quiet=quiet,
                     module_min=rules.qr_module_min_mm)
    except CodeTooSmall as exc:
        page.fail(f"QR modules ≥ {rules.qr_module_min_mm:g} mm", str(exc))
    width = qr.size if rules.qr_with_quiet_zone else qr.module * qr.modules
    page.canvas.rect(qr.x, qr.y, qr.size, qr.size, brand.colour("background.paper"))
    page.canvas.rects(qr.dark, brand.colour("parcours_noir.noir_charbon"))
    page.checks["qr"] = {"data": qr.data, "width_mm": round(width, 1),
                         "module_mm": round(qr.module, 3), "min_width_mm": rules.qr_min_mm,
                         "box_mm": [round(v, 2) for v in (qr.x, qr.y, qr.x + qr.size,
                                                          qr.y + qr.size)]}
    page.text("frame-qr-caption", "caption", "small",
              [Paragraph([Run("Scannez-moi", bold=True)], align="middle"),
               Paragraph.of(f"Scan me{SEP}スキャン", align="middle")])

    # Number out of the total, name, theme band.
    page.text("frame-number", "number", "number", [Paragraph([Run(str(s["numero"]), bold=True)])],
              bold=True)
    page.text("frame-total", "total", "small", [Paragraph.of(f"étape {s['numero']} / {c.total}")])
    page.text("frame-title", "title", "title", [Paragraph.heading(s["nom"])], bold=True)
    page.fill("frame-accent", accent)
    page.picto("frame-picto", brand.picto(s["theme"]), on_dark)
    fr, en, ja = THEMES[s["theme"]]
    names = fr if fr == en else f"{fr}{SEP}{en}"
    page.text("frame-theme", "theme", "small", [Paragraph([Run(f"{names}{SEP}{ja}", bold=True)])],
              bold=True)
    lf = template.frame("frame-logo")
    page.canvas.svg_file(LOGO, lf.x, lf.y, lf.width, lf.height)

    # Texts: French first, at the same size as the translations (loi Toubon); they may grow a
    # little to fill their frame.
    body = [Paragraph.of(s["texte_fr"])]
    tints = [on_dark]
    for key, lang in (("texte_en", "en"), ("texte_ja", "ja")):
        if s.get(key):
            body.append(Paragraph.of(s[key], lang=lang, space_before=0.45))
            tints.append(brand.colour("text.on_dark_secondary"))
    page.text("frame-body", "body", "body", body, colours=tints, grow=1.25)

    # Partner, address, hours, dates.
    info = []
    if c.partner:
        info.append(Paragraph.heading(c.partner["nom"]))
    info.append(Paragraph.of(f"{s['adresse']}, {s['commune']}"))
    info.append(Paragraph.of(f"{hours_text(s['horaires'])}{SEP}"
                             f"{date_range(s['date_debut'], s['date_fin'])}"))
    page.text("frame-info", "info", "small", info,
              kinds=["name", *["info"] * (len(info) - 1)] if c.partner else None)
    page.brand_mark("frame-brand", brand.tokens()["spacing"]["logo_min_width_mm"])

    # The way on: next stop, arrow, distance and time in the mode that fits the distance.
    if c.leg:
        a = template.frame("frame-arrow")
        side = min(a.width, a.height)
        page.canvas.art(svg_art(_arrow(c.leg.bearing, amber)), a.x + (a.width - side) / 2,
                        a.y + (a.height - side) / 2, side / 100)
        page.text("frame-next", "next", "orientation", [
            Paragraph.heading(f"{c.leg.to_numero}. {c.leg.to_name}")], bold=True)
        time = duration_text(c.leg.minutes)
        # distance and time fill their frame (drawn for the format's farthest reading
        # distance): a nearer panel's letters would leave a gap above the mode
        page.text("frame-orientation", "orientation", "orientation", [
            Paragraph([Run(distance_text(c.leg.walk_km), bold=True)]),
            Paragraph([Run(time, bold=True)])], bold=True, grow=ORIENTATION_GROW)
        page.text("frame-mode", "mode", "orientation",
                  [Paragraph([Run(c.leg.line or c.leg.mode_words[0], bold=True)])], bold=True)
        page.picto("frame-mode-picto", brand.picto(MODE_PICTOS[c.leg.mode]), on_dark)
        page.checks["next"] = {"id": c.leg.to_id, "walk_km": round(c.leg.walk_km, 3),
                               "straight_km": round(c.leg.straight_km, 3), "mode": c.leg.mode,
                               "line": c.leg.line, "minutes": c.leg.minutes,
                               "bearing": round(c.leg.bearing, 1)}
    else:
        page.text("frame-next", "next", "orientation",
                  [Paragraph([Run("Dernière étape", bold=True)])], bold=True)
        page.text("frame-orientation", "orientation", "orientation",
                  [Paragraph([Run(french("Merci !"), bold=True)])], bold=True,
                  grow=ORIENTATION_GROW)
        page.text("frame-mode", "mode", "orientation",
                  [Paragraph([Run(f"Last stop{SEP}最終地点", bold=True)])], bold=True)
        page.checks["next"] = None
    return Drawing(page.canvas, page.checks, page.boxes)


# -- the overview map panel and the leaflet ------------------------------------------------------

CARTE_FRAMES = ["frame-logo", "frame-dates", "frame-brand", "frame-map", "frame-inset-title",
                "frame-inset", "frame-list", "frame-legend"]
RECTO_FRAMES = ["frame-flap-title", "frame-legend", "frame-howto", "frame-qr", "frame-qr-caption",
                "frame-contacts", "frame-brand", "frame-logo", "frame-title", "frame-cover-map",
                "frame-dates", "frame-cover-brand"]
VERSO_FRAMES = ["frame-map-title", "frame-map", "frame-inset-title", "frame-inset",
                "frame-map-legend", "frame-list-title", "frame-list"]


def type_scale(template: Template, conf: dict) -> float:
    """Brand signage sizes are set for the reference format (A2); other sizes scale with the
    shorter side, so an A1 map keeps the same proportions."""
    ref = conf["formats"][conf.get("type_scale_format", "a2")]
    return min(template.width, template.height) / min(ref["width_mm"], ref["height_mm"])


def _dates(event: dict) -> str:
    return date_range(event["start"], event["end"])


def _legend(page: Page, frame_id: str, stops: list[dict], languages: int, ends: bool = True,
            grow: float = 1.0):
    """Theme pictograms in their colour with the theme's name, then the map's own signs: the
    route, the start and end ring."""
    themes = sorted({s["theme"] for s in stops}, key=list(THEMES).index)
    rows = [(t, SEP.join(dict.fromkeys(THEMES[t][:languages]))) for t in themes]
    signs = [("route", SEP.join(["Parcours", "Trail", "コース"][:languages]))]
    if ends:
        signs.append(("ends", SEP.join(["Départ, arrivée", "Start, finish", "スタート・ゴール"]
                                         [:languages])))
    paras = [Paragraph([Run(text)], space_before=0.25 if i else 0.0)
             for i, (_, text) in enumerate(rows + signs)]
    f = page.t.frame(frame_id)
    face = Face(page.fonts.latin)
    # room for the pictograms at the largest size the text may take (it may grow to fill)
    largest = max(brand.size("signage.small") * page.scale,
                  cap_pt(face, page.rules.letter_min_mm)) * grow * PT
    indent = largest * 1.6
    lay = page.text(frame_id, "legend", "small", paras, indent=indent, grow=grow)
    amber = brand.colour("parcours_noir.lumiere_de_lampe")
    for (key, _), start in zip(rows + signs, page.starts, strict=True):
        line = lay.lines[start]
        h = line.size * 1.1
        x, y = f.x, f.y + line.baseline - h * 0.85
        if key == "route":
            page.canvas.line(x, y + h / 2, x + h, y + h / 2, h * 0.18, amber)
        elif key == "ends":
            r = h * 0.42
            page.canvas.art(svg_art(
                f'<svg xmlns="{SVG_NS}" width="10mm" height="10mm" viewBox="0 0 10 10">'
                f'<circle cx="5" cy="5" r="4.2" fill="none" stroke="{amber}" stroke-width="1.1"/>'
                f'<circle cx="5" cy="5" r="2.6" fill="{brand.colour("text.on_dark")}"/></svg>'),
                x + h / 2 - r, y + h / 2 - r, 2 * r / 10)
        else:
            page.canvas.svg_file(brand.picto(key), x, y, h, h, brand.colour(f"themes.{key}"))


def _map_style(page: Page, factor: float = 1.0) -> MapStyle:
    face = Face(page.fonts.latin, bold=True)
    pt = max(brand.size("signage.small") * page.scale * factor,
             cap_pt(face, page.rules.letter_min_mm))
    size = _up(pt) * PT
    # the credit, small print, still at the piece's smallest letter height (the leaflet's 1.6 mm)
    credit = max(size * 0.75, _up(cap_pt(Face(page.fonts.latin), page.rules.letter_min_mm)) * PT)
    return MapStyle(number_size=size, label_size=size, line=size * 0.22, credit_size=credit)


def _map(page: Page, stops: list[dict], frame_id: str = "frame-map",
         inset_id: str | None = "frame-inset", folds: tuple[float, ...] = (),
         conf: dict | None = None, factor: float = 1.0) -> TrailMap:
    """The trail on ``frame_id`` over the template's background; the densest cluster again in
    ``inset_id`` at a larger scale (its stops labelled there), when the template has it."""
    style = _map_style(page, factor)
    folder = page.t.path.parent
    f = page.t.frame(frame_id)
    ends = (in_order(stops)[0]["id"], in_order(stops)[-1]["id"]) if stops else None
    conf = conf or {}
    group = cluster(stops, conf.get("inset_link_km", 4.0), conf.get("inset_min_stops", 4)) \
        if inset_id and inset_id in page.t.frames else []
    ids = {s["id"] for s in group}
    # labels keep off the folds of a folded piece (a name broken by a fold is unreadable)
    taken = [(x - 2, f.y, x + 2, f.y + f.height) for x in folds]
    try:
        m = plan_map(stops, f, style, Basemap.of_frame(f, folder),
                     labelled={s["id"] for s in stops} - ids, taken=taken, ends=ends,
                     what=f"{page.what}: {frame_id}")
        if group:
            pts = [mk.drawn for mk in m.markers if mk.id in ids]
            r = m.markers[0].radius + style.line * 2
            m.cluster_box = (min(x for x, _ in pts) - r, min(y for _, y in pts) - r,
                             max(x for x, _ in pts) + r, max(y for _, y in pts) + r)
            fi = page.t.frame(inset_id)
            m.inset = plan_map(group, fi, style, Basemap.of_frame(fi, folder),
                               route_stops=stops, ends=ends, what=f"{page.what}: {inset_id}",
                               credit=False)
            # labels of the main map keep off the enlarged area
            m = _relabel_around(m, stops, f, style, folder, ids, taken, ends, page.what, frame_id)
    except (MapError, TemplateError) as exc:
        raise SignageError(str(exc)) from None
    for what, fg, bg in draw_map(page.canvas, m):
        page.check_contrast(what, fg, bg)
    floor = cap_pt(Face(page.fonts.latin), page.rules.letter_min_mm)
    for box in declare_map(m, page.page_no, frame_id.removeprefix("frame-")):
        page.boxes.append({**box, "min_pt": round(floor, 2)})
    face = Face(page.fonts.latin, bold=True)
    page.checks["letters_mm"]["map"] = round(style.label_size * metrics(face)["cap_height"], 2)
    page.checks.setdefault("maps", {})[frame_id] = m.sidecar()
    return m


def _relabel_around(m, stops, f, style, folder, ids, taken, ends, what, frame_id) -> TrailMap:
    again = plan_map(stops, f, style, Basemap.of_frame(f, folder),
                     labelled={s["id"] for s in stops} - ids, taken=taken + [m.cluster_box],
                     ends=ends, what=f"{what}: {frame_id}")
    again.cluster_box, again.inset = m.cluster_box, m.inset
    return again


def _overview_rules(conf: dict, cap_min_mm: float, distance_m: float) -> Rules:
    return Rules(cap_min_mm, cap_min_mm, conf["letter_height_ratio"] * distance_m * 1000,
                 ("title",), conf["contrast_min"], 0.0, conf["qr_module_min_mm"], True)


def _stop_list(page: Page, frame_id: str, stops: list[dict], columns: int, hours: bool = True):
    """Number and name of every stop (bold), then its commune, hours and dates, in ``columns``
    columns of the frame, the stops split evenly."""
    f = page.t.frame(frame_id)
    gap = 6.0 if columns > 1 else 0.0
    width = (f.width - gap * (columns - 1)) / columns
    per = -(-len(stops) // columns)
    sizes = []
    for k in range(columns):
        chunk = stops[k * per:(k + 1) * per]
        if not chunk:
            continue
        paras = []
        for s in chunk:
            paras.append(Paragraph.heading(f"{s['numero']}. {s['nom']}",
                                           space_before=0.3 if paras else 0.0))
            if hours:
                paras.append(Paragraph.of(f"{s['commune']}{SEP}{hours_text(s['horaires'])}{SEP}"
                                          f"{date_range(s['date_debut'], s['date_fin'])}"))
        sub = Frame(f"{frame_id}-{k + 1}", f.x + k * (width + gap), f.y, width, f.height, f.attrs)
        page.t.frames[sub.id] = sub
        kinds = ["name", "body"] * len(chunk) if hours else ["name"] * len(chunk)
        sizes.append(page.text(sub.id, "list", "body", paras, kinds=kinds).size_pt)
    page.checks.setdefault("list_pt", {})[frame_id] = sizes


def draw_carte(stops: list[dict], template: Template, settings: dict) -> tuple[Drawing, TrailMap]:
    """The A1 map panel: the trail on its background, the inset, the stops, the legend."""
    conf = settings["signage"]
    template.require(CARTE_FRAMES)
    rules = _overview_rules(conf, conf["letter_min_mm"], conf.get("map_reading_distance_m", 2))
    page = Page(template, rules, type_scale(template, conf), None, "carte-parcours")
    page.check_safety(conf.get("safety_zone_mm", 0), CARTE_FRAMES)
    event = settings["event"]
    lf = template.frame("frame-logo")
    page.canvas.svg_file(LOGO, lf.x, lf.y, lf.width, lf.height)
    n = len(stops)
    page.text("frame-dates", "dates", "body",
              [Paragraph.of(f"{_dates(event)}{SEP}{n} étapes{SEP}{n} stops{SEP}{n}のスポット")])
    page.brand_mark("frame-brand", brand.tokens()["spacing"]["logo_min_width_mm"])
    m = _map(page, stops, conf=conf.get("map", {}))
    if m.inset:
        names = " – ".join(dict.fromkeys(s["commune"] for s in stops
                                         if s["id"] in {mk.id for mk in m.inset.markers}))
        page.text("frame-inset-title", "inset", "small", [Paragraph.heading(names)],
                  bold=True)
    _stop_list(page, "frame-list", in_order(stops),
               int(template.frame("frame-list").attrs.get("data-columns", 1)), hours=False)
    _legend(page, "frame-legend", stops, 3)
    return Drawing(page.canvas, page.checks, page.boxes), m


def leaflet_folds(template: Template, panels: list[float], side: str) -> tuple[float, ...]:
    """Fold positions (mm from the left) of one side of a roll fold whose panels measure
    ``panels`` from the front cover inwards: the verso reads them in that order, the recto in
    the reverse one (the cover lands on the right of the recto)."""
    if abs(sum(panels) - template.width) > 0.05:
        raise TemplateError(f"{template.path.name} is {template.width:g} mm wide but the panels "
                            f"of signage.leaflet.panels_mm add up to {sum(panels):g} mm")
    order = list(panels) if side == "verso" else list(reversed(panels))
    out, x = [], 0.0
    for w in order[:-1]:
        x += w
        out.append(round(x, 3))
    return tuple(out)


def draw_leaflet(stops: list[dict], recto: Template, verso: Template, settings: dict,
                 qr_url: str) -> tuple[list[Drawing], TrailMap]:
    """The leaflet, an A4 sheet rolled in three: recto (inner flap, back, front cover) and
    verso (the map across two panels, the stops with dates and hours on the third)."""
    conf = settings["signage"]
    lconf = conf["leaflet"]
    recto.require(RECTO_FRAMES)
    verso.require(VERSO_FRAMES)
    cap_min = lconf["letter_min_mm"]
    rules = _overview_rules(conf, cap_min, 0.0)
    event = settings["event"]
    scale = lconf["type_scale"]
    panels = lconf["panels_mm"]
    stops = in_order(stops)
    n = len(stops)
    zone = lconf.get("safety_zone_mm", 5)
    amber = brand.colour("text.on_dark_accent")

    # Recto: inner flap · back · front cover.
    page = Page(recto, rules, scale, None, "dépliant (recto)")
    page.check_safety(zone, RECTO_FRAMES)
    page.canvas.folds = [("x", x) for x in leaflet_folds(recto, panels, "recto")]
    lf = recto.frame("frame-logo")
    page.canvas.svg_file(LOGO, lf.x, lf.y, lf.width, lf.height)
    page.text("frame-title", "title", "title", [
        Paragraph.heading("Un parcours gourmand en noir"),
        Paragraph.of("A culinary trail in black", lang="en", space_before=0.3, size_factor=0.55),
        Paragraph.of("黒をめぐる食の旅", lang="ja", size_factor=0.55)], bold=True)
    _cover_map(page, "frame-cover-map", stops, amber)
    page.text("frame-dates", "dates", "body", [
        Paragraph([Run(f"{_dates(event)}{SEP}{n} étapes", bold=True)])], bold=True)
    page.brand_mark("frame-cover-brand", brand.tokens()["spacing"]["logo_min_width_mm"])
    page.text("frame-flap-title", "title", "body",
              [Paragraph.heading(f"Les thèmes{SEP}Themes{SEP}テーマ")], bold=True, grow=SECTION_GROW)
    _legend(page, "frame-legend", stops, 3, grow=1.8)
    page.text("frame-howto", "howto", "body", [
        Paragraph.of(f"{n} étapes, {_dates(event)}, d’Arras à Valenciennes, à pied, à vélo ou "
                     "en voiture : chaque panneau indique la suivante."),
        Paragraph.of(f"{n} stops, on foot, by bike or by car: each panel shows the way to the "
                     "next one.", lang="en", space_before=0.4),
        Paragraph.of("各スポットの案内板が次のスポットへの道を示します。", lang="ja",
                     space_before=0.4)], grow=1.4)
    f = recto.frame("frame-qr")
    qr = qr_code(qr_url, f.x, f.y, min(f.width, f.height),
                 error=conf.get("qr_error_correction", "M"),
                 quiet=conf.get("qr_quiet_zone_modules", 4),
                 module_min=settings["labels"]["qr"]["module_min_mm"])
    page.canvas.rect(qr.x, qr.y, qr.size, qr.size, brand.colour("background.paper"))
    page.canvas.rects(qr.dark, brand.colour("parcours_noir.noir_charbon"))
    page.checks["qr"] = {"data": qr.data, "width_mm": round(qr.size, 1),
                         "module_mm": round(qr.module, 3)}
    page.text("frame-qr-caption", "caption", "small", [
        Paragraph([Run("Tout le parcours en ligne", bold=True)], align="middle"),
        Paragraph.of(f"The whole trail online{SEP}オンライン", align="middle")])
    contacts = lconf.get("contacts", [])
    page.text("frame-contacts", "contacts", "body",
              [Paragraph([Run(c, bold=i == 0)], space_before=0.4 if i else 0.0)
               for i, c in enumerate(contacts)] or [Paragraph.of(event["name"])])
    page.brand_mark("frame-brand", brand.tokens()["spacing"]["logo_min_width_mm"])
    out = [Drawing(page.canvas, page.checks, page.boxes)]

    # Verso: the map across the cover's inside and the middle panel, the stops on the flap.
    page = Page(verso, rules, scale, None, "dépliant (verso)", page_no=1)
    page.check_safety(zone, [f for f in VERSO_FRAMES if f not in ("frame-map", "frame-inset")])
    folds = leaflet_folds(verso, panels, "verso")
    page.canvas.folds = [("x", x) for x in folds]
    page.text("frame-map-title", "title", "body",
              [Paragraph.heading(f"La carte{SEP}The map{SEP}マップ")], bold=True, grow=SECTION_GROW)
    m = _map(page, stops, folds=folds, conf=conf.get("map", {}))
    if m.inset:
        names = " – ".join(dict.fromkeys(s["commune"] for s in stops
                                         if s["id"] in {mk.id for mk in m.inset.markers}))
        page.text("frame-inset-title", "inset", "small", [Paragraph.heading(names)],
                  bold=True)
    _legend(page, "frame-map-legend", stops, 2)
    page.text("frame-list-title", "title", "body",
              [Paragraph.heading(f"Les étapes{SEP}The stops")], bold=True, grow=SECTION_GROW)
    _stop_list(page, "frame-list", stops, 1)
    out.append(Drawing(page.canvas, page.checks, page.boxes))
    return out, m


def _cover_map(page: Page, frame_id: str, stops: list[dict], colour: str):
    """The trail's line alone, as the cover's picture: the route in lamp light, one dot per stop."""
    f = page.t.frame(frame_id)
    proj = Projection.fit([(s["latitude"], s["longitude"]) for s in stops], f.x, f.y, f.width,
                          f.height, 3)
    pts = [proj.project(s["latitude"], s["longitude"]) for s in stops]
    line = " ".join(f"{x:.3f},{y:.3f}" for x, y in pts)
    dots = "".join(f'<circle cx="{x:.3f}" cy="{y:.3f}" r="0.9" fill="{colour}"/>' for x, y in pts)
    page.canvas.art(svg_art(
        f'<svg xmlns="{SVG_NS}" width="{page.t.width:g}mm" height="{page.t.height:g}mm" '
        f'viewBox="0 0 {page.t.width:g} {page.t.height:g}"><polyline points="{line}" fill="none" '
        f'stroke="{colour}" stroke-width="0.6" stroke-linejoin="round"/>{dots}</svg>'))


__all__ = ["CARTE_FRAMES", "PANEL_FRAMES", "RECTO_FRAMES", "VERSO_FRAMES", "draw_carte",
           "draw_leaflet", "leaflet_folds", "type_scale", "Drawing", "Page", "PanelContent",
           "Rules", "SignageError", "check_panel_template", "colours_of", "contrast",
           "draw_panel", "layout_declaration", "panel_content"]
