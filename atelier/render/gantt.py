"""The planning as a Gantt figure: one row per action, months across, milestones as diamonds.

Drawn with the atelier Canvas (same fonts and measurement as every other asset), then written
both as a PNG at print resolution (what every Word and LibreOffice shows) and as an SVG of the
same drawing (Word 2016+ shows it instead, as vectors). Colours come from the brand tokens by
name; the volet → colour map is a setting.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from babel.dates import format_date

from .. import brand
from ..layout.fonts import PT, meter
from ..layout.text import Paragraph, Run, lay_out
from .canvas import MM, Canvas, cairo, render_png

LABEL_SHARE = 0.36  # of the width, for the action names
GAP = 2.0  # mm between the names and the chart
PAD = 1.2  # mm above and below each row's text


@dataclass
class GanttFigure:
    png: bytes
    svg: bytes
    width_mm: float
    height_mm: float


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, d = [], first.replace(day=1)
    while d <= last:
        out.append(d)
        d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


def _diamond(c: Canvas, x: float, y: float, s: float, colour: str) -> None:
    """A milestone diamond ``s`` mm across with its top-left corner at (x, y). Drawn as a path:
    cairo's SVG output of replayed art varies with the process's history."""
    c.polygon([(x + s / 2, y), (x + s, y + s / 2), (x + s / 2, y + s), (x, y + s / 2)], colour)


def draw_gantt(actions: list[dict], width: float, volet_labels: dict[str, str],
               volet_colours: dict[str, str], event: dict | None = None) -> Canvas:
    """The figure for ``actions`` (planning records, in display order), ``width`` mm wide."""
    fonts = brand.fonts()
    size_pt = brand.size("documents.caption")
    size = size_pt * PT
    ink = brand.colour("text.on_light")
    rule = brand.colour("parcours_noir.schiste_clair")
    band = brand.colour("background.cream")
    label_w = width * LABEL_SHARE
    x0, x1 = label_w + GAP, width
    start = min(dt.date.fromisoformat(a["debut"]) for a in actions)
    end = max(dt.date.fromisoformat(a["fin"]) for a in actions)
    months = _months(start, end)
    t0 = months[0]
    t1 = (months[-1].replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    span = (t1 - t0).days

    def x(day: dt.date) -> float:
        return x0 + (x1 - x0) * (day - t0).days / span

    layouts = [lay_out([Paragraph([Run(a["action"])], lang="fr")], fonts, label_w, size_pt)
               for a in actions]
    header = size * 2.2
    rows, y = [], header
    for lay in layouts:
        h = lay.height + 2 * PAD
        rows.append((y, h))
        y += h
    legend_y = y + size * 1.5
    height = legend_y + size * 2
    c = Canvas(width, height)

    # Month columns, alternately shaded, with their names.
    for i, m in enumerate(months):
        nxt = months[i + 1] if i + 1 < len(months) else t1
        if i % 2 == 0:
            c.rect(x(m), header, x(nxt) - x(m), y - header, band)
        name = format_date(m, format="MMM yy", locale="fr_FR")
        c.text(x(m) + 0.8, header - size * 0.7, fonts.face(False, False, False), size, name, ink)
    if event:  # the event's weeks, so every action reads against it
        e0, e1 = dt.date.fromisoformat(event["start"]), dt.date.fromisoformat(event["end"])
        c.rect(x(e0), header - size * 0.4, x(e1 + dt.timedelta(days=1)) - x(e0), size * 0.4,
               brand.colour("parcours_noir.lumiere_de_lampe"))
    c.line(0, header, width, header, 0.25, ink)

    bar_h = size * 0.9
    for a, lay, (ry, rh) in zip(actions, layouts, rows, strict=True):
        c.layout(lay, 0, ry + PAD, ink)
        c.line(0, ry + rh, width, ry + rh, 0.1, rule)
        colour = brand.colour(volet_colours.get(a["volet"], "parcours_noir.schiste"))
        d0 = dt.date.fromisoformat(a["debut"])
        d1 = dt.date.fromisoformat(a["fin"]) + dt.timedelta(days=1)  # the end day is included
        mid = ry + rh / 2
        if (d1 - d0).days > 1:
            c.rect(x(d0), mid - bar_h / 2, max(x(d1) - x(d0), 0.6), bar_h, colour)
        if a.get("jalon"):
            s = bar_h * 1.6
            _diamond(c, x(d1) - s / 2, mid - s / 2, s, colour)

    # Legend: the volets present, then the milestone mark.
    lx = 0.0
    face = fonts.face(False, False, False)
    for volet in dict.fromkeys(a["volet"] for a in actions):
        colour = brand.colour(volet_colours.get(volet, "parcours_noir.schiste"))
        c.rect(lx, legend_y - bar_h, bar_h * 2, bar_h, colour)
        label = volet_labels.get(volet, volet)
        c.text(lx + bar_h * 2 + 1, legend_y, face, size, label, ink)
        lx += bar_h * 2 + 1 + meter(face).width(label, size) + 4
    s = bar_h * 1.6
    _diamond(c, lx, legend_y - bar_h / 2 - s / 2 - size * 0.1, s, ink)
    c.text(lx + s + 1, legend_y, face, size, "jalon", ink)
    return c


def render_svg(page: Canvas) -> bytes:
    """The canvas as SVG (vectors; glyphs as outlines), 1 mm = 1 user unit × 72/25.4."""
    out = io.BytesIO()
    surface = cairo.SVGSurface(out, page.width * MM, page.height * MM)
    ctx = cairo.Context(surface)
    ctx.scale(MM, MM)
    page.draw(ctx)
    surface.finish()
    # cairo numbers its surfaces with a process-wide counter: renumber them in order of first
    # appearance, so the same drawing always gives the same bytes.
    text = out.getvalue().decode("utf-8")
    ids: dict[str, str] = {}
    text = re.sub(r"surface\d+", lambda m: ids.setdefault(m.group(0), f"surface{len(ids) + 1}"),
                  text)
    return text.encode("utf-8")


def gantt_figure(actions: list[dict], width: float, dpi: int, volet_labels: dict[str, str],
                 volet_colours: dict[str, str], event: dict | None = None) -> GanttFigure:
    c = draw_gantt(actions, width, volet_labels, volet_colours, event)
    return GanttFigure(render_png(c, dpi), render_svg(c), c.width, c.height)
