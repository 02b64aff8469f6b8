#!/usr/bin/env python3
"""Starting points for the signage templates (run once; the studio owns the SVGs afterwards).

    .venv/bin/python templates/signage/make_templates.py

Writes panel-a3/a2/a1.svg, carte.svg, depliant-recto.svg and depliant-verso.svg with the frames
listed in README.md. Colours come from brand/tokens.yaml. Re-running overwrites the designers'
changes: do it only to start over.
"""

from __future__ import annotations

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
TOKENS = yaml.safe_load((HERE.parents[1] / "brand" / "tokens.yaml").read_text(encoding="utf-8"))


def colour(path: str) -> str:
    """The hex of a colour token (« background.dark »), following references to other tokens
    and reading the ``hex`` of a {hex, cmyk} entry."""
    node = TOKENS["colours"]
    for key in path.split("."):
        node = node[key]
    if isinstance(node, dict):
        return node["hex"]
    return node if node.startswith("#") else colour(node)


DARK = colour("background.dark")
AMBER = colour("parcours_noir.lumiere_de_lampe")
SLATE = colour("parcours_noir.schiste_fonce")
FRAME = f'fill="none" stroke="{AMBER}" stroke-width="0.5" stroke-dasharray="2 2"'


def _n(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return s or "0"


def frame(ident: str, x, y, w, h, **data) -> str:
    extra = "".join(f' data-{k.replace("_", "-")}="{v}"' for k, v in data.items())
    return (f'  <rect id="frame-{ident}" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}"'
            f"{extra} {FRAME}/>\n")


def svg(w: float, h: float, title: str, body: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(w)}mm" height="{_n(h)}mm" '
            f'viewBox="0 0 {_n(w)} {_n(h)}">\n  <title>{title}</title>\n'
            f'  <rect id="fond" x="-10" y="-10" width="{_n(w + 20)}" height="{_n(h + 20)}" '
            f'fill="{DARK}"/>\n{body}</svg>\n')


# Cap heights the panels are drawn for (mm): the rules of config/settings.yaml › signage at the
# farthest reading distance each format serves — orientation and number ≥ 1 % of it and
# ≥ 15 mm, title ≥ 3 % of the close reading distance, the next stop ≥ 15 mm.
PANEL_DESIGN = {  # format: (width, height, reading distance m, close reading distance m,
    #                    lines of title)
    "a3": (297, 420, 1.5, 0.45, 2),
    "a2": (420, 594, 2.5, 0.75, 3),
    "a1": (594, 841, 3.5, 0.75, 3),
}
LINE = 1.15 / 0.714  # one line of text per mm of cap height (Noto Sans, leading 1.15)
QR_COLUMN = 86  # the QR code (75 mm at 0.75 m) and its caption, whatever the format


def panel(w: float, h: float, far: float, close: float, title_lines: int) -> str:
    """A stop panel: number and title, theme band, texts, then the way on (next stop, arrow,
    distance and time, mode) beside the QR code, and the ALL mark. 20 mm safety zone."""
    m = 20.0
    s = w / 420
    orient = max(15.0, 10 * far)  # 1 % of the reading distance, in mm
    title = max(3 * 10 * close, 10 * far)
    nxt = 15.0
    title_h = title_lines * title * LINE
    num_w = 96 * s
    b = ""
    b += frame("number", m, m, num_w, title_h - 16 * s, colour="text.on_dark_accent")
    b += frame("total", m, m + title_h - 14 * s, num_w, 14 * s)
    b += frame("title", m + num_w + 10 * s, m, w - 2 * m - num_w - 10 * s, title_h)
    band_y = m + title_h + 7 * s
    band_h = 30 * s
    b += frame("accent", -10, band_y, w + 20, band_h, fill="theme")
    b += frame("picto", m, band_y + 3 * s, 24 * s, 24 * s)
    b += frame("theme", m + 32 * s, band_y + 3 * s, w - 2 * m - 32 * s - 120 * s, 24 * s,
               background="theme", valign="middle")
    b += frame("logo", w - m - 110 * s, band_y + 3 * s, 110 * s, 24 * s)
    # the way on, from the bottom up
    left_w = w - 2 * m - QR_COLUMN - 14 * s
    info_h = 33.0
    info_y = h - m - info_h
    mode_h = nxt * LINE + 1
    mode_y = info_y - 6 * s - mode_h
    orient_h = 2 * orient * LINE + 2
    orient_y = mode_y - orient_h
    arrow = min(orient_h, 60 * s)
    next_lines = 2 if left_w - arrow > 200 else 3
    next_h = next_lines * nxt * LINE + 1
    next_y = orient_y - 4 * s - next_h
    rule_y = next_y - 8 * s
    body_y = band_y + band_h + 9 * s
    b += frame("body", m, body_y, w - 2 * m, rule_y - 6 * s - body_y)
    b += (f'  <rect id="filet-orientation" x="{_n(m)}" y="{_n(rule_y)}" width="{_n(w - 2 * m)}" '
          f'height="{_n(1.2 * s)}" fill="{AMBER}"/>\n')
    b += frame("next", m, next_y, left_w, next_h)
    b += frame("arrow", m, orient_y + (orient_h - arrow) / 2, arrow, arrow)
    b += frame("orientation", m + arrow + 10 * s, orient_y, left_w - arrow - 10 * s, orient_h,
               colour="text.on_dark_accent")
    b += frame("mode-picto", m, mode_y, arrow, mode_h)
    b += frame("mode", m + arrow + 10 * s, mode_y, left_w - arrow - 10 * s, mode_h)
    b += frame("info", m, info_y, left_w, info_h, colour="text.on_dark_secondary")
    qx = w - m - QR_COLUMN
    b += frame("qr", qx, next_y, QR_COLUMN, QR_COLUMN)
    b += frame("qr-caption", qx, next_y + QR_COLUMN + 3, QR_COLUMN, 20,
               colour="text.on_dark_secondary")
    b += frame("brand", qx, h - m - 50, QR_COLUMN, 50)
    b += (f'  <rect id="filet" x="{_n(m)}" y="{_n(band_y - 5 * s)}" width="{_n(w - 2 * m)}" '
          f'height="{_n(1.2 * s)}" fill="{SLATE}"/>\n')
    return svg(w, h, f"Panneau d'étape {_n(w)} × {_n(h)} mm", b)


BASEMAP = ('data-basemap="fond-de-carte.svg" data-basemap-north-west="50.8 1.3" '
           'data-basemap-south-east="50.1 4.65"')


def _with_basemap(frame_text: str) -> str:
    return frame_text.replace(' fill="none"', f" {BASEMAP} fill=\"none\"", 1)


def carte() -> str:
    """The A1 map panel: the logo and dates, the map across the width, then the inset (the
    Lens cluster at a larger scale), the stops with their hours, the legend and the ALL mark."""
    w, h, m = 841, 594, 25
    b = frame("logo", m, m, 330, 62)
    b += frame("dates", m, 94, 620, 16, colour="text.on_dark_accent")
    b += frame("brand", w - m - 110, m, 110, 70)
    b += _with_basemap(frame("map", m, 122, w - 2 * m, 272))
    b += frame("inset-title", m, 406, 300, 10)
    b += _with_basemap(frame("inset", m, 419, 300, h - m - 419))
    b += frame("list", 345, 406, 320, h - m - 406, columns="2")
    b += frame("legend", 680, 406, w - m - 680, h - m - 406, colour="text.on_dark")
    b += f'  <rect id="filet" x="{m}" y="116" width="{w - 2 * m}" height="1.2" fill="{SLATE}"/>\n'
    return svg(w, h, "Carte du Parcours noir (A1 paysage)", b)


# The leaflet: an A4 landscape sheet rolled in three. From the front cover inwards the panels
# are 100, 100 and 97 mm (the inner flap folds in first, so it is narrower). Recto (outside),
# left to right: inner flap · back · front cover; verso (inside): cover's inside · middle ·
# flap's inside. Folds are drawn by the build from signage.leaflet.panels_mm.
def recto() -> str:
    b = ""
    # inner flap, outside (97): the themes, how the trail works
    b += frame("flap-title", 7, 10, 83, 10)
    b += frame("legend", 7, 24, 83, 90, colour="text.on_dark")
    b += frame("howto", 7, 120, 83, 80, colour="text.on_dark_secondary")
    # back (100): the trail page's QR code, its caption and the contacts as one block centred
    # above the ALL mark (not hung from the top with a void under it)
    b += frame("qr", 97 + 30, 41, 40, 40)
    b += frame("qr-caption", 97 + 8, 84, 84, 12, colour="text.on_dark_secondary")
    b += frame("contacts", 97 + 8, 101, 84, 50)
    b += frame("brand", 97 + 30, 160, 40, 37)
    # front cover (100)
    b += frame("logo", 197 + 8, 14, 84, 28)
    b += frame("title", 197 + 8, 48, 84, 40)
    b += frame("cover-map", 197 + 8, 92, 84, 66)
    b += frame("dates", 197 + 8, 162, 84, 10, colour="text.on_dark_accent")
    b += frame("cover-brand", 197 + 56, 178, 36, 25)
    return svg(297, 210, "Dépliant roulé A4 — recto (volet rentrant · dos · couverture)", b)


def verso() -> str:
    b = frame("map-title", 7, 8, 186, 9)
    b += _with_basemap(frame("map", 6, 20, 188, 118))
    b += frame("inset-title", 6, 143, 90, 7)
    b += _with_basemap(frame("inset", 6, 151, 90, 53))
    b += frame("map-legend", 103, 143, 91, 61, colour="text.on_dark")
    b += frame("list-title", 207, 8, 83, 9)
    b += frame("list", 207, 20, 83, 184)
    return svg(297, 210, "Dépliant roulé A4 — verso (intérieur : carte et étapes)", b)


if __name__ == "__main__":
    for name, design in PANEL_DESIGN.items():
        (HERE / f"panel-{name}.svg").write_text(panel(*design), encoding="utf-8")
    (HERE / "carte.svg").write_text(carte(), encoding="utf-8")
    (HERE / "depliant-recto.svg").write_text(recto(), encoding="utf-8")
    (HERE / "depliant-verso.svg").write_text(verso(), encoding="utf-8")
