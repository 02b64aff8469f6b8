"""The trail map, drawn from the stops' coordinates over a georeferenced base map: no tiles, no
network, only vectors.

Projection: local equirectangular around the trail's centre — x = R·Δλ·cos φ0, y = −R·Δφ. Over a
territory of ~80 km it keeps distances within 0.2 % of great-circle ones, which is all a walking
map needs, and it is simple enough for a test to check independently. It is fitted to the frame
(aspect kept, centred) so one scale holds in every direction and the scale bar is honest.

Markers that would overlap (two stops 100 m apart) are pushed apart; each keeps a small dot and a
leader line at its true position, so the map never lies about where a stop is. Every stop is
labelled with its name (``labelplace``: no label over another, over a marker or over what the
map declares taken); a dense cluster (Lens–Liévin–Loos–Avion) is drawn again at a larger scale
in an inset when the template has a frame for it, and the start and the end are marked.

The base map is the studio's: an SVG in templates/ whose x is linear in longitude and y in
latitude, georeferenced by the two corner coordinates its map frame declares
(``data-basemap``, ``data-basemap-north-west``, ``data-basemap-south-east``), with its credit
(``data-credit`` on the file's root), printed on the map. Since the projection here is linear
in both too, the background lands exactly under the stops.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .. import brand
from ..content.trail import EARTH_RADIUS_KM, distance_text, in_order
from ..layout.fonts import PT, Face, meter, metrics
from ..layout.text import ASCENT, DESCENT
from ..layout.text import rules as text_rules
from .canvas import Canvas, svg_art
from .labelplace import Box, Item, Placed, Unplaceable, disc_box, place
from .svgdoc import SVG_NS, Frame, TemplateError

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

    def unproject(self, x: float, y: float) -> tuple[float, float]:
        """(lat, lon) of a point of the page."""
        north = (self.cy - y) / self.mm_per_km
        east = (x - self.cx) / self.mm_per_km
        return (self.lat0 + north / KM_PER_DEG,
                self.lon0 + east / (KM_PER_DEG * math.cos(math.radians(self.lat0))))

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


class MapError(ValueError):
    """The map cannot be drawn as the rules want (a label without a free place, a background
    that does not cover the map)."""


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
    """Sizes in mm for one use of the map (the A1 panel, the leaflet)."""

    number_size: float  # font size of the numbers in the markers
    label_size: float  # stop names
    line: float  # route width
    credit_size: float = 0.0  # the background's credit (0: ¾ of the names' size)


@dataclass
class MapLabel:
    id: str
    lines: list[str]
    box: Box
    leader: tuple[float, float, float, float] | None
    size: float
    bold_lines: int = 1  # the name's lines in bold: its first (« Arras, »), or both of a split name

    def baselines(self, cap: float) -> list[tuple[str, float, float]]:
        lead = self.size * 1.15
        return [(text, self.box[0], self.box[1] + cap + i * lead)
                for i, text in enumerate(self.lines)]


@dataclass(frozen=True)
class Basemap:
    """A georeferenced background (see the module's docstring)."""

    path: Path
    north: float
    west: float
    south: float
    east: float
    credit: str

    @classmethod
    def of_frame(cls, frame: Frame, folder: Path) -> Basemap | None:
        name = frame.attrs.get("data-basemap")
        if not name:
            return None
        path = folder / name
        where = f"{frame.id} (data-basemap={name!r})"
        try:
            nw = [float(v) for v in re.split(r"[\s,]+", frame.attrs["data-basemap-north-west"].strip())]
            se = [float(v) for v in re.split(r"[\s,]+", frame.attrs["data-basemap-south-east"].strip())]
        except (KeyError, ValueError):
            raise TemplateError(f"{where}: data-basemap-north-west and data-basemap-south-east "
                                "must give « latitude longitude » of the background's corners"
                                ) from None
        if not path.exists():
            raise TemplateError(f"{where}: {path} is missing")
        if len(nw) != 2 or len(se) != 2 or nw[0] <= se[0] or nw[1] >= se[1]:
            raise TemplateError(f"{where}: the north-west corner must be north and west of the "
                                "south-east one")
        root = ET.parse(path).getroot()
        credit = root.get("data-credit", "").strip()
        if not credit:
            raise TemplateError(f"{path.name}: the background must name its source and licence "
                                "(data-credit on its root), to be printed on the map")
        return cls(path, nw[0], nw[1], se[0], se[1], credit)

    def covers(self, lat: float, lon: float) -> bool:
        return self.south - 1e-9 <= lat <= self.north + 1e-9 and \
            self.west - 1e-9 <= lon <= self.east + 1e-9

    def svg(self, proj: Projection, clip: Box, page: tuple[float, float]) -> str:
        """The background placed under ``proj`` and clipped to ``clip``, as a page-sized SVG;
        line widths (``data-stroke-mm``) and dashes (``data-dash-mm``) in mm on paper."""
        root = ET.parse(self.path).getroot()
        vx, vy, vw, vh = (float(v) for v in re.split(r"[\s,]+", root.get("viewBox").strip()))
        x0, y0 = proj.project(self.north, self.west)
        x1, y1 = proj.project(self.south, self.east)
        sx, sy = (x1 - x0) / vw, (y1 - y0) / vh
        unit = (sx + sy) / 2
        inner = []
        for child in root:
            tag = child.tag.split("}")[-1]
            if tag in ("title", "desc", "metadata"):
                continue
            if child.get("data-stroke-mm"):
                child.set("stroke-width", f"{float(child.get('data-stroke-mm')) / unit:.5f}")
            if child.get("data-dash-mm"):
                dash = " ".join(f"{float(v) / unit:.5f}" for v in child.get("data-dash-mm").split())
                child.set("stroke-dasharray", dash)
            inner.append(ET.tostring(child, encoding="unicode"))
        cx0, cy0, cx1, cy1 = clip
        return (f'<svg xmlns="{SVG_NS}" width="{page[0]:g}mm" height="{page[1]:g}mm" '
                f'viewBox="0 0 {page[0]:g} {page[1]:g}"><defs><clipPath id="fond-clip">'
                f'<rect x="{cx0:.3f}" y="{cy0:.3f}" width="{cx1 - cx0:.3f}" '
                f'height="{cy1 - cy0:.3f}"/></clipPath></defs><g clip-path="url(#fond-clip)">'
                f'<g transform="translate({x0:.4f} {y0:.4f}) scale({sx:.6f} {sy:.6f}) '
                f'translate({-vx:g} {-vy:g})">{"".join(inner)}</g></g></svg>')


@dataclass
class TrailMap:
    projection: Projection
    frame: tuple[float, float, float, float]
    markers: list[Marker]
    labels: list[MapLabel]
    scale_bar: tuple[float, float, float, str]  # x, y, length mm, caption
    north: tuple[float, float, float]  # x, y, size
    style: MapStyle
    route: list[tuple[float, float]] = field(default_factory=list)
    start_end: tuple[str, str] | None = None  # ids of the first and last stops shown
    basemap: Basemap | None = None
    credit: tuple[str, float, float, float] | None = None  # text, x, baseline, size
    cluster_box: Box | None = None  # on the main map: the area the inset enlarges
    inset: TrailMap | None = None
    colours: dict = field(default_factory=dict)

    def sidecar(self) -> dict:
        """What a test (or a person) needs to check the map against the coordinates."""
        out = {"projection": self.projection.as_dict(), "frame_mm": list(self.frame),
               "markers": {m.id: {"numero": m.numero, "theme": m.theme,
                                  "at_mm": [round(v, 3) for v in m.at],
                                  "drawn_mm": [round(v, 3) for v in m.drawn],
                                  "radius_mm": round(m.radius, 3)} for m in self.markers},
               "labels": {lb.id: {"lines": lb.lines, "box_mm": [round(v, 3) for v in lb.box],
                                  "leader": lb.leader is not None} for lb in self.labels},
               "scale_bar": {"length_mm": round(self.scale_bar[2], 3),
                             "caption": self.scale_bar[3]},
               "start_end": list(self.start_end) if self.start_end else None,
               "route_mm": [[round(v, 3) for v in p] for p in self.route],
               "basemap": {"file": self.basemap.path.name, "credit": self.basemap.credit,
                           "north_west": [self.basemap.north, self.basemap.west],
                           "south_east": [self.basemap.south, self.basemap.east]}
               if self.basemap else None}
        if self.cluster_box:
            out["cluster_box_mm"] = [round(v, 3) for v in self.cluster_box]
        if self.inset:
            out["inset"] = self.inset.sidecar()
        return out


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


def cluster(stops: list[dict], link_km: float, min_size: int) -> list[dict]:
    """The largest group of stops each within ``link_km`` of another of the group (single
    linkage), if it has at least ``min_size`` stops: what an inset enlarges."""
    from ..content.trail import haversine_km

    groups: list[list[dict]] = []
    for s in in_order(stops):
        near = [g for g in groups if any(haversine_km(s["latitude"], s["longitude"],
                                                      o["latitude"], o["longitude"]) <= link_km
                                         for o in g)]
        merged = [s] + [o for g in near for o in g]
        groups = [g for g in groups if g not in near] + [merged]
    best = max(groups, key=lambda g: (len(g), -min(o["numero"] for o in g)), default=[])
    return in_order(best) if len(best) >= min_size else []


def label_lines(name: str, limit: int = 18) -> tuple[list[str], int]:
    """A stop's name on one line, or two when it is long: at its comma (« Arras, » / « le
    marché noir des Héros »), else at the space that balances the lines best, never after a
    word that leads into the next (``text.heading_no_line_end``: « La Cité / des
    Électriciens », not « La Cité des / Électriciens »). Compact labels leave the map readable
    and find a place beside their stop off the route. Returns the lines and how many of them
    are set in bold (the place before a comma; the whole of a name without one)."""
    if len(name) <= limit:
        return [name], 1
    head, sep, tail = name.partition(", ")
    if sep:
        return [head + ",", tail], 1
    words = name.split(" ")
    leading = text_rules().no_line_end("fr")
    splits = [i for i in range(1, len(words)) if words[i - 1].lower() not in leading]
    if not splits:
        return [name], 1
    best = min(splits, key=lambda i: (abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))), i))
    return [" ".join(words[:best]), " ".join(words[best:])], 2


START_END = ("Départ · Start", "Arrivée · Finish")


def plan_map(stops: list[dict], frame: Frame, style: MapStyle, basemap: Basemap | None = None,
             labelled: set[str] | None = None, taken: list[Box] | None = None,
             route_stops: list[dict] | None = None, ends: tuple[str, str] | None = None,
             what: str = "map", margin: float = 0.0, credit: bool = True) -> TrailMap:
    """Where everything goes: the projection fitted to ``frame``, markers, labels (for the stops
    in ``labelled``, every one by default), scale, north, the background and its credit.

    ``route_stops``: the whole trail, when ``stops`` is a part of it (an inset), so the route
    leaving the frame is drawn too; ``ends``: the ids of the trail's first and last stops;
    ``margin``: more room around the stops for their labels (an inset); ``credit``: print the
    background's credit (once per piece is enough)."""
    fonts = brand.fonts()
    bold = Face(fonts.latin, bold=True)
    regular = Face(fonts.latin)
    stops = in_order(stops)
    widest = max(meter(bold).width(str(s["numero"]), style.number_size) for s in stops)
    radius = max(style.number_size * 0.75, widest / 2 + style.number_size * 0.25)
    size = style.label_size
    bottom_band = size * 2.6  # room kept for the scale bar, north arrow and credit
    pad = radius + size + margin
    proj = Projection.fit([(s["latitude"], s["longitude"]) for s in stops], frame.x, frame.y,
                          frame.width, frame.height - bottom_band, pad,
                          top=frame.attrs.get("data-align") == "top")
    box = (frame.x, frame.y, frame.x + frame.width, frame.y + frame.height)
    if basemap:
        for x, y in ((box[0], box[1]), (box[2], box[3])):
            lat, lon = proj.unproject(x, y)
            if not basemap.covers(lat, lon):
                raise MapError(f"{what}: the background {basemap.path.name} covers "
                               f"{basemap.south:g}–{basemap.north:g} N, {basemap.west:g}–"
                               f"{basemap.east:g} E, but the map shows {lat:.3f} N {lon:.3f} E — "
                               "supply a larger background")
    markers = []
    for s in stops:
        at = proj.project(s["latitude"], s["longitude"])
        markers.append(Marker(s["id"], s["numero"], s["theme"], at, at, radius))
    _spread(markers, style.line * 1.5)
    route = [proj.project(s["latitude"], s["longitude"]) for s in in_order(route_stops or stops)]

    # Scale bar (bottom left), credit (bottom right), north (top right): taken before labels.
    km = _nice_km(frame.width / 5 / proj.mm_per_km)
    cap = size * metrics(regular)["cap_height"]
    base = box[3] - size * 0.9
    bar = (box[0] + size * 0.8, base, km * proj.mm_per_km, distance_text(km))
    bar_w = bar[2] + size * 0.4 + meter(regular).width(bar[3], size)
    taken = list(taken or [])
    taken.append((bar[0] - 1, base - cap - 1, bar[0] + bar_w + 1, base + 1))
    credit_at = None
    if basemap and credit:
        csize = style.credit_size or size * 0.75
        cw = meter(regular).width(basemap.credit, csize)
        cx = box[2] - size * 0.8 - cw
        credit_at = (basemap.credit, cx, base, csize)
        taken.append((cx - 1, base - csize - 1, box[2], base + 1))
    north_size = size * 2.2
    north = (box[2] - north_size - size * 0.8, box[1] + size * 0.8, north_size)
    taken.append((north[0] - 1, north[1] - 1, north[0] + north_size + 1, north[1] + north_size + 1))

    labelled = {s["id"] for s in stops} if labelled is None else labelled
    lead = size * 1.15
    items, texts = [], {}
    for s, mk in zip(stops, markers, strict=True):
        if s["id"] not in labelled:
            continue
        lines, bold_lines = label_lines(s["nom"])
        if ends and s["id"] == ends[0]:
            lines.append(START_END[0])
        elif ends and s["id"] == ends[1]:
            lines.append(START_END[1])
        w = max(meter(bold if i < bold_lines else regular).width(t, size)
                for i, t in enumerate(lines))
        h = cap + (len(lines) - 1) * lead + size * 0.25
        items.append(Item(s["id"], mk.drawn[0], mk.drawn[1], radius, w, h))
        texts[s["id"]] = lines, bold_lines
    # Markers of stops drawn but not labelled here still keep labels off them.
    extra = [disc_box(*m.drawn, m.radius) for m in markers if m.id not in labelled]
    bounds = (box[0] + size * 0.3, box[1] + size * 0.3, box[2] - size * 0.3, box[3] - size * 0.3)
    # the route: labels had better not cover it
    avoid = [(*a, *b) for a, b in zip(route, route[1:], strict=False)]
    try:
        placed: dict[str, Placed] = place(items, bounds, taken + extra, gap=size * 0.35,
                                          step=size * 1.2, rings=10, avoid=avoid)
    except Unplaceable as exc:
        raise MapError(f"{what}: no free place for the label of {', '.join(exc.ids)} — give "
                       "the map a larger frame or a smaller label size") from None
    labels = [MapLabel(it.id, lines, placed[it.id].box, placed[it.id].leader, size, bold_lines)
              for it in items for lines, bold_lines in [texts[it.id]]]
    return TrailMap(proj, box, markers, labels, bar, north, style, route,
                    ends, basemap, credit_at)


def _colours() -> dict:
    return {"route": brand.colour("parcours_noir.lumiere_de_lampe"),
            "outline": brand.colour("text.on_dark"),
            "number": brand.colour("text.on_dark"),
            "label": brand.colour("text.on_dark"),
            "scale": brand.colour("text.on_dark"),
            "credit": brand.colour("text.on_dark_secondary"),
            "leader": brand.colour("parcours_noir.schiste_clair"),
            "frame": brand.colour("parcours_noir.schiste_clair")}


def _geometry_svg(m: TrailMap, with_text: bool = False, prefix: str = "") -> str:
    """The map's shapes as SVG elements (page coordinates, mm), clipped to its frame; ids start
    with ``prefix`` (the inset's: « inset- »)."""
    c = _colours()
    s = m.style
    x0, y0, x1, y1 = m.frame
    out = [f'<defs><clipPath id="{prefix}map-clip"><rect x="{x0:.3f}" y="{y0:.3f}" '
           f'width="{x1 - x0:.3f}" height="{y1 - y0:.3f}"/></clipPath></defs>',
           f'<g clip-path="url(#{prefix}map-clip)">']
    pts = " ".join(f"{x:.3f},{y:.3f}" for x, y in m.route)
    out.append(f'<polyline id="{prefix}route" points="{pts}" fill="none" stroke="{c["route"]}" '
               f'stroke-width="{s.line:.3f}" stroke-linejoin="round" stroke-linecap="round"/>')
    if m.cluster_box:
        a, b, cc, d = m.cluster_box
        out.append(f'<rect id="{prefix}inset-area" x="{a:.3f}" y="{b:.3f}" width="{cc - a:.3f}" '
                   f'height="{d - b:.3f}" fill="none" stroke="{c["frame"]}" '
                   f'stroke-width="{s.line / 2:.3f}" stroke-dasharray="{s.line * 2:.3f} '
                   f'{s.line:.3f}"/>')
    for lb in m.labels:
        if lb.leader:
            ax, ay, bx, by = lb.leader
            out.append(f'<line x1="{ax:.3f}" y1="{ay:.3f}" x2="{bx:.3f}" y2="{by:.3f}" '
                       f'stroke="{c["leader"]}" stroke-width="{s.line / 3:.3f}"/>')
    for mk in m.markers:
        if math.dist(mk.at, mk.drawn) > 0.01:
            out.append(f'<line x1="{mk.at[0]:.3f}" y1="{mk.at[1]:.3f}" x2="{mk.drawn[0]:.3f}" '
                       f'y2="{mk.drawn[1]:.3f}" stroke="{c["leader"]}" '
                       f'stroke-width="{s.line / 3:.3f}"/>')
        out.append(f'<circle id="{prefix}at-{mk.id}" cx="{mk.at[0]:.3f}" cy="{mk.at[1]:.3f}" '
                   f'r="{s.line:.3f}" fill="{c["route"]}"/>')
    for mk in m.markers:
        fill = brand.colour(f"themes.{mk.theme}")
        if m.start_end and mk.id in m.start_end:  # start and end: a ring of lamp light
            out.append(f'<circle id="{prefix}end-{mk.id}" cx="{mk.drawn[0]:.3f}" cy="{mk.drawn[1]:.3f}" '
                       f'r="{mk.radius + s.line * 1.2:.3f}" fill="none" stroke="{c["route"]}" '
                       f'stroke-width="{s.line:.3f}"/>')
        out.append(f'<circle id="{prefix}marker-{mk.id}" data-numero="{mk.numero}" cx="{mk.drawn[0]:.3f}" '
                   f'cy="{mk.drawn[1]:.3f}" r="{mk.radius:.3f}" fill="{fill}" '
                   f'stroke="{c["outline"]}" stroke-width="{s.line / 2:.3f}"/>')
    out.append("</g>")
    x, y, length, _ = m.scale_bar
    h = s.label_size * 0.25
    out.append(f'<g id="{prefix}scale-bar"><rect x="{x:.3f}" y="{y - h:.3f}" width="{length:.3f}" '
               f'height="{h:.3f}" fill="{c["scale"]}"/></g>')
    out.append(f'<rect id="{prefix}map-frame" x="{x0:.3f}" y="{y0:.3f}" width="{x1 - x0:.3f}" '
               f'height="{y1 - y0:.3f}" fill="none" stroke="{c["frame"]}" '
               f'stroke-width="{s.line / 3:.3f}"/>')
    if with_text:
        for mk in m.markers:
            out.append(f'<text x="{mk.drawn[0]:.3f}" y="{mk.drawn[1] + s.number_size * 0.36:.3f}" '
                       f'font-size="{s.number_size:.3f}" font-weight="bold" text-anchor="middle" '
                       f'fill="{c["number"]}">{mk.numero}</text>')
        cap = s.label_size * 0.714
        for lb in m.labels:
            for i, (text, bx, by) in enumerate(lb.baselines(cap)):
                weight = ' font-weight="bold"' if i < lb.bold_lines else ""
                out.append(f'<text data-stop="{lb.id}" x="{bx:.3f}" y="{by:.3f}" '
                           f'font-size="{s.label_size:.3f}"{weight} '
                           f'fill="{c["label"]}">{escape(text)}</text>')
    return "\n".join(out)


def _page_svg(m: TrailMap, width: float, height: float, with_text: bool) -> str:
    parts = [_geometry_svg(m, with_text)]
    if m.inset:
        parts.append(_geometry_svg(m.inset, with_text, "inset-"))
    return "\n".join(parts)


def to_svg(m: TrailMap, width: float, height: float) -> str:
    """A standalone SVG of the map on a ``width`` × ``height`` mm page (shapes and text), for
    people and tests to read back."""
    font = brand.fonts().latin
    return (f'<svg xmlns="{SVG_NS}" width="{width:g}mm" height="{height:g}mm" '
            f'viewBox="0 0 {width:g} {height:g}" font-family="{font}">\n'
            f'<rect x="0" y="0" width="{width:g}" height="{height:g}" '
            f'fill="{brand.colour("background.dark")}"/>\n'
            f'{_page_svg(m, width, height, True)}\n</svg>\n')


def draw_map(canvas: Canvas, m: TrailMap) -> list[tuple[str, str, str]]:
    """Draw the map (and its inset) on ``canvas``: background and shapes as replayed vectors,
    text through the canvas (exact fonts). Returns (what, text colour, background colour)
    pairs for the contrast check."""
    pairs = []
    for part in (m, m.inset):
        if part is None:
            continue
        if part.basemap:
            canvas.art(svg_art(part.basemap.svg(part.projection, part.frame,
                                                (canvas.width, canvas.height))))
        svg = (f'<svg xmlns="{SVG_NS}" width="{canvas.width:g}mm" height="{canvas.height:g}mm" '
               f'viewBox="0 0 {canvas.width:g} {canvas.height:g}">{_geometry_svg(part)}</svg>')
        canvas.art(svg_art(svg))
        pairs += _draw_text(canvas, part)
    return pairs


def _draw_text(canvas: Canvas, m: TrailMap) -> list[tuple[str, str, str]]:
    c = _colours()
    s = m.style
    fonts = brand.fonts()
    bold = Face(fonts.latin, bold=True)
    regular = Face(fonts.latin)
    pairs = []
    for mk in m.markers:
        text = str(mk.numero)
        w = meter(bold).width(text, s.number_size)
        cap = s.number_size * metrics(bold)["cap_height"]
        canvas.text(mk.drawn[0] - w / 2, mk.drawn[1] + cap / 2, bold, s.number_size, text,
                    c["number"])
        pairs.append((f"marker {mk.numero}", c["number"], brand.colour(f"themes.{mk.theme}")))
    cap = s.label_size * metrics(regular)["cap_height"]
    for lb in m.labels:
        for i, (text, bx, by) in enumerate(lb.baselines(cap)):
            canvas.text(bx, by, bold if i < lb.bold_lines else regular, s.label_size, text,
                        c["label"])
    if m.labels:  # names may sit on the town fill of the background: check the worst case
        pairs.append(("stop names", c["label"], brand.colour("background.dark")))
        pairs.append(("stop names on towns", c["label"],
                      brand.colour("parcours_noir.schiste_fonce")))
    x, y, length, caption = m.scale_bar
    canvas.text(x + length + s.label_size * 0.4, y, regular, s.label_size, caption, c["scale"])
    if m.credit:
        text, cx, cy, csize = m.credit
        canvas.text(cx, cy, regular, csize, text, c["credit"])
        pairs.append(("credit", c["credit"], brand.colour("background.dark")))
    nx, ny, size = m.north
    canvas.svg_file(brand.picto("nord"), nx, ny, size, size, c["scale"])
    return pairs


def _line(text: str, face: Face, size: float, x: float, base: float) -> dict:
    """One line as ``Layout.declare`` gives it (box from 0.8 em above the baseline, 1.05 em)."""
    w = meter(face).width(text, size)
    return {"text": text, "box_mm": [round(x, 2), round(base - size * ASCENT, 2), round(w, 2),
                                     round(size * (ASCENT + DESCENT), 2)]}


def declare_map(m: TrailMap, page: int, what: str = "map") -> list[dict]:
    """The map's texts (and its inset's) for the layout lint: each stop's label (a name, never
    hyphenated: a long one is set on two lines at its comma), the markers' numbers, the scale and
    the background's credit, each with its size in pt."""
    fonts = brand.fonts()
    bold, regular = Face(fonts.latin, bold=True), Face(fonts.latin)
    out = []

    def box(role: str, element: str, lines: list[dict], size: float) -> dict:
        return {"page": page, "role": role, "element": element, "lang": "fr",
                "text": "\n".join(x["text"] for x in lines), "size_pt": round(size / PT, 2),
                "lines": lines}

    for part, name in ((m, what), (m.inset, f"{what} inset")):
        if part is None:
            continue
        s = part.style
        cap = s.label_size * metrics(regular)["cap_height"]
        for lb in part.labels:
            lines = [_line(t, bold if i < lb.bold_lines else regular, s.label_size, x, y)
                     for i, (t, x, y) in enumerate(lb.baselines(cap))]
            # the name itself (one line, or two); « Départ · Start » is a caption
            named = [x for x in lines if x["text"] not in START_END]
            out.append(box("name", f"{name} › label {lb.id}", named, s.label_size))
            rest = [x for x in lines if x not in named]
            if rest:
                out.append(box("caption", f"{name} › label {lb.id} (start, end)", rest,
                               s.label_size))
        ncap = s.number_size * metrics(bold)["cap_height"]
        for mk in part.markers:
            text = str(mk.numero)
            w = meter(bold).width(text, s.number_size)
            out.append(box("number", f"{name} › marker {mk.numero}",
                           [_line(text, bold, s.number_size, mk.drawn[0] - w / 2,
                                  mk.drawn[1] + ncap / 2)], s.number_size))
        x, y, length, caption = part.scale_bar
        out.append(box("caption", f"{name} › scale",
                       [_line(caption, regular, s.label_size, x + length + s.label_size * 0.4, y)],
                       s.label_size))
        if part.credit:
            text, cx, cy, csize = part.credit
            out.append(box("legal", f"{name} › credit", [_line(text, regular, csize, cx, cy)],
                           csize))
    return out


__all__ = ["Basemap", "MapError", "MapLabel", "MapStyle", "Marker", "Projection", "TrailMap",
           "cluster", "declare_map", "draw_map", "label_lines", "plan_map", "to_svg"]
