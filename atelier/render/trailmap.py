"""The trail map, drawn from the stops' coordinates: no tiles, no network, only vectors.

Projection: local equirectangular around the trail's centre — x = R·Δλ·cos φ0, y = −R·Δφ. Over a
territory of ~80 km it keeps distances within 0.2 % of great-circle ones, which is all a walking
map needs, and it is simple enough for a test to check independently. It is fitted to the frame
(aspect kept, centred) so one scale holds in every direction and the scale bar is honest.

Markers that would overlap (two stops 100 m apart) are pushed apart; each keeps a small dot and a
leader line at its true position, so the map never lies about where a stop is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

from .. import brand
from ..content.trail import EARTH_RADIUS_KM, distance_text, in_order
from ..layout.fonts import Face, meter, metrics
from .canvas import Canvas, svg_art
from .svgdoc import SVG_NS, Frame

KM_PER_DEG = math.pi / 180 * EARTH_RADIUS_KM
NICE = (1, 2, 5)


@dataclass(frozen=True)
class Projection:
    lat0: float
    lon0: float
    mm_per_km: float
    cx: float  # where (lat0, lon0) lands on the page, mm
    cy: float

    def km(self, lat: float, lon: float) -> tuple[float, float]:
        """East and north offsets from the centre, in km."""
        return ((lon - self.lon0) * math.cos(math.radians(self.lat0)) * KM_PER_DEG,
                (lat - self.lat0) * KM_PER_DEG)

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        east, north = self.km(lat, lon)
        return self.cx + east * self.mm_per_km, self.cy - north * self.mm_per_km

    @classmethod
    def fit(cls, points: list[tuple[float, float]], x: float, y: float, w: float, h: float,
            pad: float, top: bool = False) -> Projection:
        """The projection that shows every (lat, lon) in the box, ``pad`` mm inside its edges."""
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        lat0 = (min(lats) + max(lats)) / 2
        lon0 = (min(lons) + max(lons)) / 2
        probe = cls(lat0, lon0, 1.0, 0.0, 0.0)
        east = [probe.km(a, o)[0] for a, o in points]
        north = [probe.km(a, o)[1] for a, o in points]
        span_x = max(east) - min(east)
        span_y = max(north) - min(north)
        room_x, room_y = max(1e-3, w - 2 * pad), max(1e-3, h - 2 * pad)
        # a single stop (or a few in one street) still gets a map of a walkable kilometre or two
        scale = min(room_x / max(span_x, 0.5), room_y / max(span_y, 0.5))
        cy = y + pad + (max(north) - probe.km(lat0, lon0)[1]) * scale if top else y + h / 2
        return cls(lat0, lon0, scale, x + w / 2, cy)

    def as_dict(self) -> dict:
        return {"lat0": self.lat0, "lon0": self.lon0, "mm_per_km": self.mm_per_km,
                "centre_mm": [self.cx, self.cy], "kind": "local equirectangular"}


@dataclass
class Marker:
    id: str
    numero: int
    theme: str
    at: tuple[float, float]  # the stop's projected position
    drawn: tuple[float, float]  # where the disc is drawn (moved off its neighbours)
    radius: float


@dataclass
class MapStyle:
    """Sizes in mm for one use of the map (the A1 panel, the DL leaflet)."""

    number_size: float  # font size of the numbers in the markers
    label_size: float  # commune names
    line: float  # route width


@dataclass
class TrailMap:
    projection: Projection
    frame: tuple[float, float, float, float]
    markers: list[Marker]
    labels: list[tuple[str, float, float]]  # commune, baseline x, y
    scale_bar: tuple[float, float, float, str]  # x, y, length mm, caption
    north: tuple[float, float, float]  # x, y, size
    style: MapStyle
    colours: dict = field(default_factory=dict)

    def sidecar(self) -> dict:
        """What a test (or a person) needs to check the map against the coordinates."""
        return {"projection": self.projection.as_dict(), "frame_mm": list(self.frame),
                "markers": {m.id: {"numero": m.numero, "theme": m.theme,
                                   "at_mm": [round(v, 3) for v in m.at],
                                   "drawn_mm": [round(v, 3) for v in m.drawn],
                                   "radius_mm": round(m.radius, 3)} for m in self.markers},
                "scale_bar": {"length_mm": round(self.scale_bar[2], 3),
                              "caption": self.scale_bar[3]}}


def _nice_km(target: float) -> float:
    """The 1-2-5 length nearest below ``target`` km."""
    exp = math.floor(math.log10(target))
    best = NICE[0] * 10 ** exp
    for n in NICE:
        if n * 10 ** exp <= target:
            best = n * 10 ** exp
    return best


def _spread(markers: list[Marker], gap: float, rounds: int = 60) -> None:
    """Push overlapping discs apart, symmetrically and deterministically."""
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(markers):
            for b in markers[i + 1:]:
                dx, dy = b.drawn[0] - a.drawn[0], b.drawn[1] - a.drawn[1]
                need = a.radius + b.radius + gap
                d = math.hypot(dx, dy)
                if d >= need - 1e-6:
                    continue
                if d < 1e-6:  # same place: split along the trail's order, left to right
                    dx, dy, d = 1.0, 0.0, 1.0
                push = (need - d) / 2 + 1e-3
                ux, uy = dx / d, dy / d
                a.drawn = (a.drawn[0] - ux * push, a.drawn[1] - uy * push)
                b.drawn = (b.drawn[0] + ux * push, b.drawn[1] + uy * push)
                moved = True
        if not moved:
            return


def _overlap(box, other) -> float:
    x1, y1, x2, y2 = box
    a1, b1, a2, b2 = other
    return max(0.0, min(x2, a2) - max(x1, a1)) * max(0.0, min(y2, b2) - max(y1, b1))


def plan_map(stops: list[dict], frame: Frame, style: MapStyle) -> TrailMap:
    """Where everything goes: the projection fitted to ``frame``, markers, labels, scale, north."""
    fonts = brand.fonts()
    bold = Face(fonts.latin, bold=True)
    regular = Face(fonts.latin)
    stops = in_order(stops)
    widest = max(meter(bold).width(str(s["numero"]), style.number_size) for s in stops)
    radius = max(style.number_size * 0.75, widest / 2 + style.number_size * 0.25)
    bottom_band = style.label_size * 2.6  # room kept for the scale bar and north arrow
    pad = radius + style.label_size
    proj = Projection.fit([(s["latitude"], s["longitude"]) for s in stops], frame.x, frame.y,
                          frame.width, frame.height - bottom_band, pad,
                          top=frame.attrs.get("data-align") == "top")
    markers = []
    for s in stops:
        at = proj.project(s["latitude"], s["longitude"])
        markers.append(Marker(s["id"], s["numero"], s["theme"], at, at, radius))
    _spread(markers, style.line * 1.5)

    # Commune names once each, beside their first stop, on the side that hides the least
    # (markers and the route count as taken).
    taken = [(m.drawn[0] - m.radius, m.drawn[1] - m.radius, m.drawn[0] + m.radius,
              m.drawn[1] + m.radius) for m in markers]
    step = style.label_size / 2
    for a, b in zip(markers, markers[1:], strict=False):
        n = max(1, int(math.dist(a.at, b.at) / step))
        for k in range(1, n):
            x = a.at[0] + (b.at[0] - a.at[0]) * k / n
            y = a.at[1] + (b.at[1] - a.at[1]) * k / n
            taken.append((x - style.line, y - style.line, x + style.line, y + style.line))
    cap = style.label_size * metrics(regular)["cap_height"]
    labels = []
    seen = set()
    by_id = {m.id: m for m in markers}
    for s in stops:
        if s["commune"] in seen:
            continue
        seen.add(s["commune"])
        m = by_id[s["id"]]
        w = meter(regular).width(s["commune"], style.label_size)
        gap = style.label_size * 0.35
        x, y = m.drawn
        options = [(x + m.radius + gap, y + cap / 2), (x - m.radius - gap - w, y + cap / 2),
                   (x - w / 2, y - m.radius - gap), (x - w / 2, y + m.radius + gap + cap)]
        best = None
        for bx, by in options:
            box = (bx, by - cap, bx + w, by + style.label_size * 0.25)
            outside = (box[0] < frame.x or box[2] > frame.x + frame.width or box[1] < frame.y
                       or box[3] > frame.y + frame.height - bottom_band)
            score = sum(_overlap(box, t) for t in taken) + (1e6 if outside else 0)
            if best is None or score < best[0]:
                best = (score, bx, by, box)
        _, bx, by, box = best
        taken.append(box)
        labels.append((s["commune"], bx, by))

    km = _nice_km(frame.width / 4 / proj.mm_per_km)

    # Scale bar and north arrow just under the trail, not at the far end of a tall frame.
    lowest = max([m.drawn[1] + m.radius for m in markers] + [b[3] for b in taken[len(markers):]])
    base = min(frame.y + frame.height - style.label_size * 0.9, lowest + style.label_size * 2.2)
    bar = (frame.x, base, km * proj.mm_per_km, distance_text(km))
    north_size = style.label_size * 2.2
    north = (frame.x + frame.width - north_size, base - north_size, north_size)
    return TrailMap(proj, (frame.x, frame.y, frame.width, frame.height), markers, labels, bar,
                    north, style)


def _colours() -> dict:
    return {"route": brand.colour("parcours_noir.lumiere_de_lampe"),
            "outline": brand.colour("text.on_dark"),
            "number": brand.colour("text.on_dark"),
            "label": brand.colour("text.on_dark_secondary"),
            "scale": brand.colour("text.on_dark"),
            "leader": brand.colour("parcours_noir.schiste_clair")}


def _geometry_svg(m: TrailMap, with_text: bool = False) -> str:
    """The map's shapes as SVG elements (page coordinates, mm)."""
    c = _colours()
    s = m.style
    out = []
    pts = " ".join(f"{mk.at[0]:.3f},{mk.at[1]:.3f}" for mk in m.markers)
    out.append(f'<polyline id="route" points="{pts}" fill="none" stroke="{c["route"]}" '
               f'stroke-width="{s.line:.3f}" stroke-linejoin="round" stroke-linecap="round"/>')
    for mk in m.markers:
        if math.dist(mk.at, mk.drawn) > 0.01:
            out.append(f'<line x1="{mk.at[0]:.3f}" y1="{mk.at[1]:.3f}" x2="{mk.drawn[0]:.3f}" '
                       f'y2="{mk.drawn[1]:.3f}" stroke="{c["leader"]}" '
                       f'stroke-width="{s.line / 3:.3f}"/>')
        out.append(f'<circle id="at-{mk.id}" cx="{mk.at[0]:.3f}" cy="{mk.at[1]:.3f}" '
                   f'r="{s.line:.3f}" fill="{c["route"]}"/>')
    for mk in m.markers:
        fill = brand.colour(f"themes.{mk.theme}")
        out.append(f'<circle id="marker-{mk.id}" data-numero="{mk.numero}" cx="{mk.drawn[0]:.3f}" '
                   f'cy="{mk.drawn[1]:.3f}" r="{mk.radius:.3f}" fill="{fill}" '
                   f'stroke="{c["outline"]}" stroke-width="{s.line / 2:.3f}"/>')
    x, y, length, _ = m.scale_bar
    h = s.label_size * 0.25
    out.append(f'<g id="scale-bar"><rect x="{x:.3f}" y="{y - h:.3f}" width="{length:.3f}" '
               f'height="{h:.3f}" fill="{c["scale"]}"/></g>')
    if with_text:
        for mk in m.markers:
            out.append(f'<text x="{mk.drawn[0]:.3f}" y="{mk.drawn[1] + s.number_size * 0.36:.3f}" '
                       f'font-size="{s.number_size:.3f}" font-weight="bold" text-anchor="middle" '
                       f'fill="{c["number"]}">{mk.numero}</text>')
        for name, bx, by in m.labels:
            out.append(f'<text x="{bx:.3f}" y="{by:.3f}" font-size="{s.label_size:.3f}" '
                       f'fill="{c["label"]}">{escape(name)}</text>')
    return "\n".join(out)


def to_svg(m: TrailMap, width: float, height: float) -> str:
    """A standalone SVG of the map on a ``width`` × ``height`` mm page (shapes and text), for
    people and tests to read back."""
    font = brand.fonts().latin
    return (f'<svg xmlns="{SVG_NS}" width="{width:g}mm" height="{height:g}mm" '
            f'viewBox="0 0 {width:g} {height:g}" font-family="{font}">\n'
            f'<rect x="0" y="0" width="{width:g}" height="{height:g}" '
            f'fill="{brand.colour("background.dark")}"/>\n'
            f'{_geometry_svg(m, with_text=True)}\n</svg>\n')


def draw_map(canvas: Canvas, m: TrailMap) -> list[tuple[str, str, str]]:
    """Draw the map on ``canvas``: shapes as replayed vectors, text through the canvas (exact
    fonts). Returns (what, text colour, background colour) pairs for the contrast check."""
    c = _colours()
    s = m.style
    fonts = brand.fonts()
    bold = Face(fonts.latin, bold=True)
    regular = Face(fonts.latin)
    svg = (f'<svg xmlns="{SVG_NS}" width="{canvas.width:g}mm" height="{canvas.height:g}mm" '
           f'viewBox="0 0 {canvas.width:g} {canvas.height:g}">{_geometry_svg(m)}</svg>')
    canvas.art(svg_art(svg))
    pairs = []
    for mk in m.markers:
        text = str(mk.numero)
        w = meter(bold).width(text, s.number_size)
        cap = s.number_size * metrics(bold)["cap_height"]
        canvas.text(mk.drawn[0] - w / 2, mk.drawn[1] + cap / 2, bold, s.number_size, text,
                    c["number"])
        pairs.append((f"marker {mk.numero}", c["number"], brand.colour(f"themes.{mk.theme}")))
    for name, bx, by in m.labels:
        canvas.text(bx, by, regular, s.label_size, name, c["label"])
    if m.labels:
        pairs.append(("commune names", c["label"], brand.colour("background.dark")))
    x, y, length, caption = m.scale_bar
    canvas.text(x + length + s.label_size * 0.4, y, regular, s.label_size, caption, c["scale"])
    nx, ny, size = m.north
    canvas.svg_file(brand.picto("nord"), nx, ny, size, size, c["scale"])
    return pairs


__all__ = ["MapStyle", "Marker", "Projection", "TrailMap", "draw_map", "plan_map", "to_svg"]
