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


def panel(w: float, h: float, qr: float, lift: float) -> str:
    """``lift`` mm: how far the right column (partner, hours) rises above the QR code."""
    s = w / 420
    m = 20 * s
    head = 120 * s
    band_y = m + head + 10 * s
    band_h = 32 * s
    body_y = band_y + band_h + 13 * s
    qr_y = h - m - qr
    rx = m + qr + 10 * s
    rw = w - m - rx
    b = ""
    num_w = 100 * s  # two digits at full size; three shrink to fit
    b += frame("number", m, m, num_w, head - 26 * s, colour="text.on_dark_accent")
    b += frame("total", m, m + head - 22 * s, num_w, 22 * s)
    b += frame("title", m + num_w + 8 * s, m, w - 2 * m - num_w - 8 * s, head)
    b += frame("accent", -10, band_y, w + 20, band_h, fill="theme")
    b += frame("picto", m, band_y + 3 * s, 26 * s, 26 * s)
    b += frame("theme", m + 35 * s, band_y + 4 * s, w - 2 * m - 35 * s - 120 * s, 24 * s,
               background="theme", valign="middle")
    b += frame("logo", w - m - 110 * s, band_y + 4 * s, 110 * s, 24 * s)
    b += frame("body", m, body_y, w - 2 * m, qr_y - lift - 10 * s - body_y)
    b += frame("qr", m, qr_y, qr, qr)
    b += frame("info", rx, qr_y - lift, rw, qr + lift - 148 * s, colour="text.on_dark_secondary")
    arrow_y = h - m - 140 * s
    b += frame("arrow", rx, arrow_y, 40 * s, 40 * s)
    b += frame("next", rx + 46 * s, arrow_y, rw - 46 * s, 54 * s)
    b += frame("orientation", rx, h - m - 82 * s, rw, 82 * s, colour="text.on_dark_accent")
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
    sizes = {"a3": (297, 420, 155, 12), "a2": (420, 594, 250, 0), "a1": (594, 841, 350, 0)}
    for name, (w, h, q, lift) in sizes.items():
        (HERE / f"panel-{name}.svg").write_text(panel(w, h, q, lift), encoding="utf-8")
    (HERE / "carte.svg").write_text(carte(), encoding="utf-8")
    (HERE / "depliant-recto.svg").write_text(recto(), encoding="utf-8")
    (HERE / "depliant-verso.svg").write_text(verso(), encoding="utf-8")
