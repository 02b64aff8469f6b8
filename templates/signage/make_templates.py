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
DARK = TOKENS["colours"]["background"]["dark"]
AMBER = TOKENS["colours"]["parcours_noir"]["lumiere_de_lampe"]
SLATE = TOKENS["colours"]["parcours_noir"]["schiste_fonce"]
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


def carte() -> str:
    w, h = 841, 594
    b = frame("title", 25, 25, 560, 70)
    b += frame("dates", 25, 100, 560, 30, colour="text.on_dark_accent")
    b += frame("logo", 656, 25, 160, 34)
    b += frame("map", 25, 145, 600, 424)
    b += frame("legend", 650, 145, 166, 424, colour="text.on_dark")
    b += f'  <rect id="filet" x="25" y="137" width="791" height="1.2" fill="{SLATE}"/>\n'
    return svg(w, h, "Carte du Parcours noir (A1 paysage)", b)


def recto() -> str:
    b = frame("logo", 7, 8, 55, 12)
    b += frame("title", 7, 24, 85, 18)
    b += frame("map", 5, 46, 89, 118, align="top")
    b += frame("legend", 7, 168, 85, 35, colour="text.on_dark")
    return svg(99, 210, "Dépliant DL — recto (carte)", b)


def verso() -> str:
    b = frame("list", 7, 8, 85, 186)
    b += frame("footer", 7, 196, 85, 8, colour="text.on_dark_secondary")
    return svg(99, 210, "Dépliant DL — verso (étapes)", b)


if __name__ == "__main__":
    for name, design in PANEL_DESIGN.items():
        (HERE / f"panel-{name}.svg").write_text(panel(*design), encoding="utf-8")
    (HERE / "carte.svg").write_text(carte(), encoding="utf-8")
    (HERE / "depliant-recto.svg").write_text(recto(), encoding="utf-8")
    (HERE / "depliant-verso.svg").write_text(verso(), encoding="utf-8")
