#!/usr/bin/env python3
"""Generate the brand's SVG logos and pictograms (pure paths, no <text>).

    .venv/bin/python brand/make_svgs.py          # rewrites brand/logos/ and brand/pictos/
    .venv/bin/python brand/make_svgs.py --check  # exit 1 if a file on disk differs

The SVG files are the deliverables; this script is how they were made, so a change of
colour, tagline or letter-spacing is one edit here and one run. Text is converted to
outlines from brand/fonts/NotoSans-Bold.ttf (glyph advances, no kerning) so the files
render identically everywhere, with or without the fonts installed.
Colours come from brand/tokens.yaml. Output is deterministic (no dates, fixed rounding).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import yaml
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

BRAND = Path(__file__).resolve().parent
TOKENS = yaml.safe_load((BRAND / "tokens.yaml").read_text(encoding="utf-8"))
C = {name: entry["hex"] for group in ("all", "parcours_noir")
     for name, entry in TOKENS["colours"][group].items()}
RED_PICTO = TOKENS["colours"]["regulatory"]["rouge_grossesse"]["hex"]

_FONTS: dict[str, TTFont] = {}


def font(name: str) -> TTFont:
    if name not in _FONTS:
        _FONTS[name] = TTFont(str(BRAND / "fonts" / name))
    return _FONTS[name]


def n(v: float) -> str:
    """Fixed rounding: 2 decimals, no trailing zeros, no '-0'."""
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


# --------------------------------------------------------------------------- text outlines
def text_outline(
    text: str,
    size: float,
    x: float = 0.0,
    baseline: float = 0.0,
    tracking: float = 0.0,
    fontfile: str = "NotoSans-Bold.ttf",
) -> tuple[str, tuple]:
    """Outline `text` at `size` (units per em -> size), return (path d, bbox).

    tracking is in em (0.02 = +2 %). Advances from hmtx, no kerning (same as cairo toy API).
    """
    f = font(fontfile)
    gs = f.getGlyphSet()
    cmap = f.getBestCmap()
    upm = f["head"].unitsPerEm
    s = size / upm
    pen = SVGPathPen(gs, ntos=n)
    cursor = 0.0
    xmin = ymin = math.inf
    xmax = ymax = -math.inf
    for ch in text:
        if ord(ch) not in cmap:
            raise SystemExit(f"{fontfile} has no glyph for {ch!r}")
        g = cmap[ord(ch)]
        tx = x + cursor * s
        gs[g].draw(TransformPen(pen, (s, 0, 0, -s, tx, baseline)))
        bp = BoundsPen(gs)
        gs[g].draw(bp)
        if bp.bounds:
            bx0, by0, bx1, by1 = bp.bounds
            xmin = min(xmin, tx + bx0 * s)
            xmax = max(xmax, tx + bx1 * s)
            ymin = min(ymin, baseline - by1 * s)
            ymax = max(ymax, baseline - by0 * s)
        cursor += f["hmtx"][g][0] + tracking * upm
    return pen.getCommands(), (xmin, ymin, xmax, ymax)


def glyph_width(text: str, size: float, tracking: float = 0.0, fontfile: str = "NotoSans-Bold.ttf"):
    _, (x0, _, x1, _) = text_outline(text, size, tracking=tracking, fontfile=fontfile)
    return x1 - x0, x0


# --------------------------------------------------------------------------- svg helpers
def svg_doc(
    body: str,
    vb: tuple[float, float, float, float],
    mm: tuple[float, float] | None,
    title: str,
    desc: str = "",
) -> str:
    w_h = f' width="{n(mm[0])}mm" height="{n(mm[1])}mm"' if mm else ""
    d = f"\n  <desc>{desc}</desc>" if desc else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{" ".join(n(v) for v in vb)}"{w_h}>\n'
        f"  <title>{title}</title>{d}\n{body}</svg>\n"
    )


def path(d: str, fill: str = "currentColor", extra: str = "") -> str:
    return f'  <path fill="{fill}"{extra} d="{d}"/>\n'


def stroke(
    d: str,
    width: float,
    color: str = "currentColor",
    cap: str = "round",
    join: str = "round",
    extra: str = "",
) -> str:
    return (
        f'  <path fill="none" stroke="{color}" stroke-width="{n(width)}" '
        f'stroke-linecap="{cap}" stroke-linejoin="{join}"{extra} d="{d}"/>\n'
    )


def poly(*pts) -> str:
    return "M" + " L".join(f"{n(x)} {n(y)}" for x, y in pts) + " Z"


def rect(x, y, w, h, r=0.0) -> str:
    if r <= 0:
        return poly((x, y), (x + w, y), (x + w, y + h), (x, y + h))
    r = min(r, w / 2, h / 2)
    return (
        f"M{n(x + r)} {n(y)} H{n(x + w - r)} A{n(r)} {n(r)} 0 0 1 {n(x + w)} {n(y + r)} "
        f"V{n(y + h - r)} A{n(r)} {n(r)} 0 0 1 {n(x + w - r)} {n(y + h)} H{n(x + r)} "
        f"A{n(r)} {n(r)} 0 0 1 {n(x)} {n(y + h - r)} V{n(y + r)} "
        f"A{n(r)} {n(r)} 0 0 1 {n(x + r)} {n(y)} Z"
    )


def circle(cx, cy, r, ccw: bool = False) -> str:
    """Circle as a path (two arcs). ccw=True reverses direction (for holes with nonzero fill)."""
    sw = 0 if ccw else 1
    return (
        f"M{n(cx - r)} {n(cy)} A{n(r)} {n(r)} 0 1 {sw} {n(cx + r)} {n(cy)} "
        f"A{n(r)} {n(r)} 0 1 {sw} {n(cx - r)} {n(cy)} Z"
    )


# --------------------------------------------------------------------------- ALL logo
# Wordmark geometry in a 100-unit cap height. The A is a terril (the black slag heaps of the
# mining basin, e.g. the twin terrils of Loos-en-Gohelle): a solid cone with a notch for legs.
# The two L are plain bold strokes, the red of the brick cités.
CAP = 100.0
STEM = 24.0  # stroke weight of the L (Noto Sans Bold: ~0.21 cap height)
A_W = 96.0  # width of the A (terril) base
GAP = 9.0  # space between letters


def wordmark_parts(x0: float = 0.0, y0: float = 0.0):
    a = poly(
        (x0, y0 + CAP),
        (x0 + A_W / 2, y0),
        (x0 + A_W, y0 + CAP),
        (x0 + A_W / 2 + 15, y0 + CAP),
        (x0 + A_W / 2, y0 + CAP - 36),
        (x0 + A_W / 2 - 15, y0 + CAP),
    )
    # optical spacing: the L starts a little inside the A's box (the A is thin at the top)
    l_w = 62.0
    xl1 = x0 + A_W + GAP - 3
    xl2 = xl1 + l_w + GAP
    l1 = poly(
        (xl1, y0),
        (xl1 + STEM, y0),
        (xl1 + STEM, y0 + CAP - STEM),
        (xl1 + l_w, y0 + CAP - STEM),
        (xl1 + l_w, y0 + CAP),
        (xl1, y0 + CAP),
    )
    l2 = poly(
        (xl2, y0),
        (xl2 + STEM, y0),
        (xl2 + STEM, y0 + CAP - STEM),
        (xl2 + l_w, y0 + CAP - STEM),
        (xl2 + l_w, y0 + CAP),
        (xl2, y0 + CAP),
    )
    return a, l1 + " " + l2, xl2 + l_w - x0


TAGLINE = "« Autour du Louvre-Lens »"


def logo_svg(a_col: str, l_col: str, tag_col: str, variant: str) -> str:
    a, ll, w = wordmark_parts()
    # tagline set to the wordmark's width (outlined Noto Sans Bold, slightly tracked)
    tracking = 0.01
    tw, tx0 = glyph_width(TAGLINE, 100, tracking=tracking)
    size = 100 * w / tw
    tag_top_gap = 16.0
    # baseline so that the cap tops sit tag_top_gap under the wordmark
    cap_h = 0.714 * size
    base = CAP + tag_top_gap + cap_h
    d, (bx0, by0, bx1, by1) = text_outline(
        TAGLINE, size, x=-tx0 * size / 100, baseline=base, tracking=tracking
    )
    pad = 6.0
    vb = (-pad, -pad, w + 2 * pad, by1 + 2 * pad)
    width_mm = 60.0
    mm = (width_mm, width_mm * vb[3] / vb[2])
    body = (
        f'  <g id="wordmark">\n  {path(a, a_col).strip()}\n  {path(ll, l_col).strip()}\n  </g>\n'
        f'  <g id="tagline">\n  {path(d, tag_col).strip()}\n  </g>\n'
    )
    return svg_doc(
        body,
        vb,
        mm,
        f"ALL « Autour du Louvre-Lens » — logo ({variant})",
        "Wordmark: the A is a terril, the L the brick of the cités. "
        "Tagline outlined from Noto Sans Bold. Clear space: keep 1/2 cap height "
        "of the wordmark free on every side (the viewBox includes a small margin).",
    )


def mark_svg(a_col: str, l_col: str, variant: str) -> str:
    """The wordmark alone (no tagline), for small pieces where the tagline would fall under its
    legible size: labels and stickers. Its viewBox is the wordmark's ink box, so a frame of the
    mark's width and cap height holds it exactly (clear space is measured from it)."""
    a, ll, w = wordmark_parts()
    width_mm = 24.0
    body = f'  <g id="wordmark">\n  {path(a, a_col).strip()}\n  {path(ll, l_col).strip()}\n  </g>\n'
    return svg_doc(
        body,
        (0.0, 0.0, w, CAP),
        (width_mm, width_mm * CAP / w),
        f"ALL — marque seule ({variant})",
        "Wordmark without the tagline, for labels and stickers. viewBox = ink box. Clear space: "
        "half its height free on every side; minimum width in tokens.yaml (spacing.mark_min_width_mm).",
    )


# --------------------------------------------------------------------------- Parcours noir mark
def parcours_noir_svg(ink: str, accent: str, variant: str) -> str:
    size = 100.0
    _, (x0, y0, x1, y1) = text_outline("Parcours noir", size, baseline=0)
    # shift text so its ink starts at x = 0 and cap top at y = 0
    d1, (x0, y0, x1, y1) = text_outline("Parcours noir", size, x=-x0, baseline=-y0)
    w = x1 - x0
    # the trail: a thick line under the words with three stations, ending in lamp light
    ty = y1 + 34
    th = 11.0
    r_lamp = 17.0
    trail = rect(0, ty - th / 2, w - 2 * r_lamp, th, th / 2)
    stations = " ".join(circle(x, ty, 12) for x in (w * 0.2, w * 0.45, w * 0.7))
    lamp = circle(w - r_lamp, ty, r_lamp)
    body = path(d1, ink) + path(trail + " " + stations, ink) + path(lamp, accent)
    pad = 8.0
    vb = (-pad, -pad, w + 2 * pad, ty + r_lamp + 2 * pad)
    width_mm = 70.0
    return svg_doc(
        body,
        vb,
        (width_mm, width_mm * vb[3] / vb[2]),
        f"Parcours noir — event mark ({variant})",
        "Words outlined from Noto Sans Bold; the trail line with its stations ends "
        "in a dot of lamp light (lumière de lampe).",
    )


# --------------------------------------------------------------------------- pictograms
PICTO_VB = (0, 0, 100, 100)


def picto(name: str, body: str, title: str) -> tuple[str, str]:
    return name, svg_doc(body, PICTO_VB, None, title)


def p_grossesse():
    # Official French warning (arrêté du 2 octobre 2006): pregnant woman drinking, in a
    # red circle with a diagonal bar. Silhouette in currentColor, circle and bar in red.
    head = circle(50, 22, 7.2) + " " + circle(42.5, 19.5, 4.2)  # head + hair bun
    dress = (
        "M45 31 C41.5 32 40.5 36 40.5 41 C40.5 50 38 64 34 80 H63 "
        "C63 74 62 70 61.5 67 C67.5 64 69 57 66 51 C63.5 46 59 44 57 41 "
        "C56.5 36 55 32 51 31 Z"
    )
    legs = rect(42, 80, 5, 9) + " " + rect(51, 80, 5, 9)
    glass = poly((57.2, 19.5), (58.6, 29), (66.4, 26.6), (65.4, 19.8))  # tipped to the lips
    arm = "M53 35 L64.5 40.5 L63.5 29"
    ring = circle(50, 50, 45) + " " + circle(50, 50, 39, ccw=True)
    bar = poly((18.5, 22.7), (22.7, 18.5), (81.5, 77.3), (77.3, 81.5))
    return picto(
        "grossesse",
        path(head + " " + dress + " " + legs + " " + glass)
        + stroke(arm, 5)
        + path(ring + " " + bar, RED_PICTO),
        "Femme enceinte : ne pas consommer d'alcool (pictogramme grossesse)",
    )


def p_fait_maison():
    # « fait maison » (décret 2015-505): a saucepan whose lid is a house roof.
    roof = poly((18, 44), (50, 17), (82, 44), (75, 44), (50, 24.5), (25, 44))
    chimney = rect(64, 21, 7, 13)
    pan = "M20 49 H80 V71 C80 79 74 84 66 84 H34 C26 84 20 79 20 71 Z"
    handle = rect(79, 52, 18, 6.5, 3)
    return picto(
        "fait-maison",
        path(roof + " " + chimney + " " + pan + " " + handle),
        "Fait maison (casserole au toit)",
    )


def p_frites():
    # a paper cornet of the baraque à frites, six fries fanned out
    cone = "M22 46 H78 L69 93 H31 Z"
    band = poly((28.8, 59), (71.2, 59), (70, 66), (30, 66))
    fries = []
    for xb, top, lean in (
        (27, 22, -5),
        (36.5, 12, -2.5),
        (46, 17, 0),
        (55.5, 9, 2),
        (65, 15, 4.5),
        (41, 26, 0),
    ):
        fries.append(poly((xb, 48), (xb + lean, top), (xb + lean + 7, top), (xb + 7, 48)))
    return picto(
        "frites",
        path(" ".join(fries[:5])) + path(cone + " " + band, extra=' fill-rule="evenodd"'),
        "Frites",
    )


def p_street_food():
    # food truck: box with a serving hatch (scalloped awning inside), cab, wheels
    body = "M6 30 H66 V76 H6 Z"
    cab = "M66 42 H82 L94 57 V76 H66 Z"
    hatch = rect(13, 40, 44, 22)
    window = poly((71, 48), (81, 48), (88.5, 57), (71, 57))
    scallops = (
        "M13 40 H57 V45 "
        + " ".join(f"A5.5 5.5 0 0 1 {n(57 - 11 * (i + 1))} 45" for i in range(4))
        + " Z"
    )
    counter = rect(13, 58, 44, 4)
    wheels = circle(24, 78, 9.5) + " " + circle(78, 78, 9.5)
    hubs = circle(24, 78, 3.5, ccw=True) + " " + circle(78, 78, 3.5, ccw=True)
    truck = path(body + " " + cab + " " + hatch + " " + window, extra=' fill-rule="evenodd"')
    return picto(
        "street-food",
        truck
        + path(scallops + " " + counter)
        + path(wheels + " " + hubs, extra=' fill-rule="evenodd"'),
        "Street food (camion-restaurant)",
    )


def p_fermentation():
    # swing-top jar with bubbles rising
    jar = (
        "M26 32 H74 C78 32 80 35 80 39 V84 C80 89 76 92 71 92 H29 C24 92 20 89 20 84 V39 "
        "C20 35 22 32 26 32 Z"
    )
    inner = "M28 40 H72 V82 C72 84 71 85 69 85 H31 C29 85 28 84 28 82 Z"
    lid = rect(24, 18, 52, 9, 3)
    clamp = "M30 27 L30 32 M70 27 L70 32"
    bubbles = (
        circle(40, 74, 5)
        + " "
        + circle(57, 68, 6.5)
        + " "
        + circle(45, 56, 4)
        + " "
        + circle(60, 50, 3)
    )
    return picto(
        "fermentation",
        path(jar + " " + inner, extra=' fill-rule="evenodd"')
        + path(lid)
        + stroke(clamp, 4)
        + path(bubbles),
        "Fermentation (bocal)",
    )


def _along(a, b, t, off):
    """Point at fraction t along a->b, offset `off` perpendicular (left of a->b)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    L = math.hypot(dx, dy)
    ux, uy = dx / L, dy / L
    return (a[0] + dx * t - uy * off, a[1] + dy * t + ux * off)


def p_design():
    # set square (triangle with a triangular window) + pencil laid parallel to its long edge
    square = poly((10, 92), (10, 28), (74, 92)) + " " + poly((22, 80), (22, 57), (45, 80))
    a, tip = (36, 6), (94, 64)  # pencil axis, eraser end -> point
    hw = 7.5
    L = math.hypot(tip[0] - a[0], tip[1] - a[1])
    t_er, t_gap, t_body = 10 / L, 13 / L, (L - 17) / L  # eraser, gap, wood body, cone
    eraser = poly(
        _along(a, tip, 0, -hw),
        _along(a, tip, 0, hw),
        _along(a, tip, t_er, hw),
        _along(a, tip, t_er, -hw),
    )
    body = poly(
        _along(a, tip, t_gap, -hw),
        _along(a, tip, t_gap, hw),
        _along(a, tip, t_body, hw),
        tip,
        _along(a, tip, t_body, -hw),
    )
    return picto(
        "design",
        path(square, extra=' fill-rule="evenodd"') + path(eraser + " " + body),
        "Design (équerre et crayon)",
    )


def p_architecture():
    # classical building: pediment, columns, steps
    pediment = poly((50, 8), (92, 30), (8, 30))
    tymp = poly((50, 16), (76, 27), (24, 27))
    entab = rect(12, 33, 76, 6)
    cols = " ".join(rect(x, 43, 8, 36) for x in (16, 32, 60, 76))
    mid = rect(46, 43, 8, 36)
    steps = rect(10, 81, 80, 5) + " " + rect(6, 88, 88, 6)
    return picto(
        "architecture",
        path(pediment + " " + tymp, extra=' fill-rule="evenodd"')
        + path(entab + " " + cols + " " + mid + " " + steps),
        "Architecture",
    )


def p_photographie():
    body = rect(8, 28, 84, 58, 8)
    top = "M34 28 L40 17 H60 L66 28 Z"
    lens_out = circle(50, 57, 20, ccw=True)
    lens_in = circle(50, 57, 13)
    flash = rect(74, 35, 10, 6, 2)
    return picto(
        "photographie",
        path(
            body + " " + top + " " + lens_out + " " + flash.replace("M", "M", 1),
            extra=' fill-rule="evenodd"',
        )
        + path(lens_in),
        "Photographie (appareil photo)",
    )


def p_mobilite():
    # bicycle
    w1 = circle(24, 66, 17)
    w2 = circle(76, 66, 17)
    frame = (
        "M24 66 L40 38 L68 38 L76 66 M40 38 L52 66 L68 38 M24 66 H52 M36 30 H46 M68 38 L64 27 H72"
    )
    return picto(
        "mobilite",
        stroke(w1 + " " + w2, 6) + stroke(frame, 6) + path(circle(52, 66, 4)),
        "Mobilité (vélo)",
    )


def p_textile():
    # spool of thread (the Nord's textile heritage) with a needle; wound thread as bands
    top = rect(14, 10, 52, 9, 3)
    bot = rect(14, 81, 52, 9, 3)
    bands = " ".join(rect(20, 21.5 + i * 10.2, 40, 7.4) for i in range(6))
    loose = "M60 71 C71 73 77 63 80.5 52"
    needle = "M74 93 L91 23"
    return picto(
        "textile",
        path(top + " " + bot + " " + bands) + stroke(loose, 3.5) + stroke(needle, 5),
        "Textile (bobine et aiguille)",
    )


def p_vegetarien():
    # leaf with its central vein as a hole (evenodd), stem as a stroke
    leaf = "M22 80 C16 46 38 16 86 12 C90 56 66 84 30 80 Z"
    vein = "M31 73 C42 56 55 43 74 26 C57 44 44 58 31 73 Z"
    vein = "M30 74 C42 57 56 42 75 25 L76.5 26.5 C58 44 45 59 33 76 Z"
    stem = "M12 92 L28 74"
    return picto(
        "vegetarien",
        path(leaf + " " + vein, extra=' fill-rule="evenodd"') + stroke(stem, 6),
        "Végétarien (feuille)",
    )


def p_vegan():
    # a bold "V" whose right arm grows a leaf (V-label idea, not the trademark)
    v = poly((8, 22), (23, 22), (47, 74), (64, 37), (77, 42), (55, 90), (40, 90))
    leaf = "M68 40 C61 22 72 9 93 7 C95 27 85 40 68 40 Z"
    return picto("vegan", path(v + " " + leaf), "Végan (V et feuille)")


def p_sans_gluten():
    # wheat ear crossed out in a circle
    stem = "M50 86 V22"
    grains = []
    for y in (30, 43, 56, 69):
        grains.append(
            f"M50 {y + 10} C40 {y + 9} 35 {y + 2} 35 {y - 6} C44 {y - 5} 49 {y + 1} 50 {y + 10} Z"
        )
        grains.append(
            f"M50 {y + 10} C60 {y + 9} 65 {y + 2} 65 {y - 6} C56 {y - 5} 51 {y + 1} 50 {y + 10} Z"
        )
    top = "M50 24 C45 20 45 13 50 8 C55 13 55 20 50 24 Z"
    ring = circle(50, 50, 46) + " " + circle(50, 50, 40, ccw=True)
    bar = poly((20.5, 24.7), (24.7, 20.5), (79.5, 75.3), (75.3, 79.5))
    return picto(
        "sans-gluten",
        stroke(stem, 3.5) + path(" ".join(grains) + " " + top) + path(ring + " " + bar),
        "Sans gluten (épi barré)",
    )


def p_nord():
    d, (x0, y0, x1, y1) = text_outline("N", 30, baseline=0)
    w = x1 - x0
    d, _ = text_outline("N", 30, x=50 - w / 2 - x0, baseline=-y0 + 4)
    arrow = poly((50, 36), (74, 94), (50, 80), (26, 94))
    return picto("nord", path(d) + path(arrow), "Nord")


def p_fleche():
    arrow = poly((8, 40), (54, 40), (54, 18), (92, 50), (54, 82), (54, 60), (8, 60))
    return picto("fleche", path(arrow), "Flèche (vers la droite ; à faire pivoter)")


def p_marcheur():
    head = circle(54, 13, 8)
    torso = "M52 28 L46 56"
    arm_f = "M51 32 L63 45 L72 47"
    arm_b = "M50 32 L38 42 L34 54"
    leg_f = "M46 56 L58 72 L60 92"
    leg_b = "M46 56 L38 76 L26 90"
    return picto(
        "marcheur",
        path(head)
        + stroke(torso, 12)
        + stroke(arm_f + " " + arm_b, 7.5)
        + stroke(leg_f + " " + leg_b, 9.5),
        "Marcheur (itinéraire piéton)",
    )


def p_voiture():
    # a car in profile: body with its window cut out, two wheels with hubs
    body = (
        "M10 60 V50 Q10 44 16 43 L26 41 L34 27 Q36 24 40 24 H62 Q66 24 68 27 L77 41 L86 43 "
        "Q90 44 90 50 V60 Q90 64 86 64 H14 Q10 64 10 60 Z"
    )
    window = poly((39, 30), (61, 30), (68, 41), (32, 41))
    wheels = " ".join(circle(cx, 66, r) for cx in (29, 71) for r in (10, 4))
    evenodd = ' fill-rule="evenodd"'
    return picto("voiture", path(body + " " + window, extra=evenodd) + path(wheels, extra=evenodd),
                 "Voiture (itinéraire en voiture)")


def p_bus():
    # a bus from the front: body with its windscreen and lamps cut out, two wheels below
    body = rect(18, 8, 64, 72, 8)
    glass = rect(25, 16, 50, 30, 3)
    lamps = circle(31, 64, 5) + " " + circle(69, 64, 5)
    wheels = rect(24, 78, 12, 13, 2) + " " + rect(64, 78, 12, 13, 2)
    evenodd = ' fill-rule="evenodd"'
    return picto("bus", path(" ".join((body, glass, lamps)), extra=evenodd) + path(wheels),
                 "Bus (transport en commun)")


def p_e_estime():
    # ℮ (U+212E, « e » estimé, directive 76/211/CEE) from Noto Sans Regular.
    # Exception to the 100x100 rule: the viewBox is the glyph's ink box with height 100,
    # so drawing the SVG at height 3 mm gives a sign exactly 3 mm tall (the legal minimum).
    fontfile = "NotoSans-Regular.ttf"
    _, (x0, y0, x1, y1) = text_outline("\u212e", 100, fontfile=fontfile)
    k = 100 / (y1 - y0)
    _, (x0, y0, x1, y1) = text_outline("\u212e", 100 * k, fontfile=fontfile)
    d, (x0, y0, x1, y1) = text_outline("\u212e", 100 * k, x=-x0, baseline=-y0, fontfile=fontfile)
    vb = (0, 0, round(x1, 2), 100)
    return "e-estime", svg_doc(
        path(d),
        vb,
        None,
        "℮ estimated sign (Noto Sans Regular glyph; viewBox = ink box, height 100)",
    )


PICTOS = [
    p_grossesse,
    p_fait_maison,
    p_frites,
    p_street_food,
    p_fermentation,
    p_design,
    p_architecture,
    p_photographie,
    p_mobilite,
    p_textile,
    p_vegetarien,
    p_vegan,
    p_sans_gluten,
    p_nord,
    p_fleche,
    p_marcheur,
    p_voiture,
    p_bus,
    p_e_estime,
]


def outputs() -> dict[Path, str]:
    out: dict[Path, str] = {}
    logos = BRAND / "logos"
    out[logos / "all-logo.svg"] = logo_svg(
        C["anthracite"], C["rouge_brique"], C["anthracite"], "couleur"
    )
    out[logos / "all-logo-blanc.svg"] = logo_svg("#FFFFFF", "#FFFFFF", "#FFFFFF", "blanc")
    out[logos / "all-logo-noir.svg"] = logo_svg("#000000", "#000000", "#000000", "noir")
    out[logos / "all-mark.svg"] = mark_svg(C["anthracite"], C["rouge_brique"], "couleur")
    out[logos / "all-mark-blanc.svg"] = mark_svg("#FFFFFF", "#FFFFFF", "blanc")
    out[logos / "parcours-noir.svg"] = parcours_noir_svg("#000000", C["lumiere_de_lampe"], "noir")
    out[logos / "parcours-noir-blanc.svg"] = parcours_noir_svg(
        "#FFFFFF", C["lumiere_de_lampe"], "blanc"
    )
    for fn in PICTOS:
        name, svg = fn()
        out[BRAND / "pictos" / f"{name}.svg"] = svg
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    bad = []
    for p, text in outputs().items():
        if args.check:
            if not p.exists() or p.read_text(encoding="utf-8") != text:
                bad.append(p.name)
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
    if args.check:
        print("identical" if not bad else f"DIFFERENT: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
