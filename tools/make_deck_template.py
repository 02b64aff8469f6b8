"""Make templates/deck.pptx, the designers' slide master, from python-pptx's default template.

Run once (``.venv/bin/python tools/make_deck_template.py``); afterwards the .pptx belongs to the
studio, who restyle it in PowerPoint. What the code relies on is written in templates/decks.md:
layout NAMES and placeholder IDX, nothing else. Colours, fonts and sizes come from
brand/tokens.yaml, so this script holds geometry only (in mm on a 16:9 slide).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import cairosvg
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.util import Mm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atelier import brand  # noqa: E402
from atelier.office import normalise_zip  # noqa: E402

OUT = ROOT / "templates" / "deck.pptx"
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}
XMLNS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"  # Office 2016+: an SVG beside the PNG
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SLIDE_EMU = (12192000, 6858000)  # 16:9, 13.333 × 7.5 in: PowerPoint's own widescreen size
W, H = SLIDE_EMU[0] / 36000, SLIDE_EMU[1] / 36000  # in mm
M = 20  # side margin
SLDNUM = (W - M - 30, H - 15, 30, 11)
# A fixed field id: PowerPoint only needs it to be a GUID; a random one would break determinism.
FIELD_ID = "{5C1E2D57-0A11-4A11-8A11-000000000A11}"


def hex_of(name: str) -> str:
    return brand.colour(name).lstrip("#").upper()


def hundredths(size_name: str, factor: float = 1.0) -> int:
    return round(brand.size(size_name) * factor * 100)


def emu(mm: float) -> int:
    return int(Mm(mm))


def fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{hex_of(colour)}"/></a:solidFill>'


def ph_sp(sid: int, name: str, ph: str, box, lst: str = "", body_pr: str = "<a:bodyPr/>",
          text: str = "") -> str:
    x, y, w, h = box
    para = text or '<a:p><a:endParaRPr lang="fr-FR"/></a:p>'
    return (f'<p:sp {XMLNS}><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" '
            f'cy="{emu(h)}"/></a:xfrm></p:spPr><p:txBody>{body_pr}<a:lstStyle>{lst}'
            f'</a:lstStyle>{para}</p:txBody></p:sp>')


def sldnum_sp(sid: int) -> str:
    lst = (f'<a:lvl1pPr algn="r"><a:defRPr sz="{hundredths("decks.caption")}">'
           f'{fill("parcours_noir.schiste")}</a:defRPr></a:lvl1pPr>')
    text = (f'<a:p><a:fld id="{FIELD_ID}" type="slidenum"><a:rPr lang="fr-FR"/><a:t>‹N°›</a:t>'
            '</a:fld><a:endParaRPr lang="fr-FR"/></a:p>')
    return ph_sp(sid, "Slide Number", '<p:ph type="sldNum" sz="quarter" idx="12"/>', SLDNUM,
                 lst, '<a:bodyPr anchor="b"/>', text)


def lvl1(size: str | None = None, colour: str | None = None, bullets: bool = True,
         algn: str = "l") -> str:
    """A placeholder's first-level style: size, colour, and bullets or none."""
    bu = "" if bullets else '<a:buNone/>'
    mar = "" if bullets else ' marL="0" indent="0"'
    sz = f' sz="{hundredths(size)}"' if size else ""
    col = fill(colour) if colour else ""
    return f'<a:lvl1pPr{mar} algn="{algn}">{bu}<a:defRPr{sz}>{col}</a:defRPr></a:lvl1pPr>'


TOP, BODY_H = 46, 122
HALF = (W - 2 * M - 10) / 2  # two columns, 10 mm apart
TITLE_BOX = (M, 12, W - 2 * M, 28)
# The code finds layouts by name, ignoring case. Capitalised here because LibreOffice 7.4 drops
# the master's background and shapes from a layout named exactly "table" (lowercase: it clashes
# with its own "table" style family).
PHOTO_W = W / 2  # title slides: the photograph fills the right half
SECTION_PHOTO_W = W * 0.4  # section slides: the left 40 %
FACTS_X = W * 0.45 + 14  # product slides: photo on the left, name and facts on the right
MARK_W = 50  # the ALL mark on title and closing slides (≥ brand spacing.logo_min_width_mm)
LAYOUTS = [
    # name, layout type, background colour (None: the master's), placeholders, mark
    ("Title", "title", "background.dark", [
        ("Title", '<p:ph type="ctrTitle"/>', (M, 62, PHOTO_W - M - 12, 56),
         lvl1(colour="text.on_dark", bullets=False)),
        ("Subtitle", '<p:ph type="subTitle" idx="1"/>', (M, 122, PHOTO_W - M - 12, 48),
         lvl1("decks.subtitle", "text.on_dark_accent", bullets=False)),
        ("Picture", '<p:ph type="pic" idx="2"/>', (PHOTO_W, 0, W - PHOTO_W, H), ""),
    ], "all_on_dark"),
    ("Section", "secHead", "all.rouge_brique", [
        ("Title", '<p:ph type="title"/>', (SECTION_PHOTO_W + 16, 62, W - SECTION_PHOTO_W - 16 - M,
                                            44), lvl1(colour="text.on_dark", bullets=False)),
        ("Text", '<p:ph type="body" idx="1"/>', (SECTION_PHOTO_W + 16, 110,
                                                  W - SECTION_PHOTO_W - 16 - M, 44),
         lvl1("decks.subtitle", "text.on_dark", bullets=False)),
        ("Picture", '<p:ph type="pic" idx="2"/>', (0, 0, SECTION_PHOTO_W, H), ""),
    ], None),
    ("Text", "obj", None, [
        ("Title", '<p:ph type="title"/>', TITLE_BOX, ""),
        ("Text", '<p:ph type="body" idx="1"/>', (M, TOP, W - 2 * M, BODY_H), ""),
    ], None),
    ("Two Content", "twoObj", None, [
        ("Title", '<p:ph type="title"/>', TITLE_BOX, ""),
        ("Left", '<p:ph type="body" sz="half" idx="1"/>', (M, TOP, HALF, BODY_H), ""),
        ("Right", '<p:ph type="body" sz="half" idx="2"/>', (W - M - HALF, TOP, HALF, BODY_H), ""),
    ], None),
    ("Picture with Caption", "picTx", None, [
        ("Title", '<p:ph type="title"/>', TITLE_BOX, ""),
        ("Picture", '<p:ph type="pic" idx="1"/>', (M, TOP, 190, BODY_H), ""),
        ("Caption", '<p:ph type="body" sz="half" idx="2"/>',
         (M + 198, TOP, W - 2 * M - 198, BODY_H), lvl1("decks.caption", bullets=False)),
    ], None),
    ("Table", "tbl", None, [
        ("Title", '<p:ph type="title"/>', TITLE_BOX, ""),
        ("Table", '<p:ph type="tbl" idx="1"/>', (M, TOP, W - 2 * M, BODY_H), ""),
    ], None),
    ("Chart", "chart", None, [
        ("Title", '<p:ph type="title"/>', TITLE_BOX, ""),
        ("Chart", '<p:ph type="chart" idx="1"/>', (M, TOP, W - 2 * M, BODY_H - 16), ""),
        ("Source", '<p:ph type="body" sz="quarter" idx="2"/>',
         (M, TOP + BODY_H - 14, W - 2 * M - 40, 12),
         lvl1("decks.caption", "parcours_noir.schiste", bullets=False)),
    ], None),
    ("Closing", "cust", "background.dark", [
        ("Title", '<p:ph type="title"/>', (M, 62, W - 2 * M, 36),
         lvl1(colour="text.on_dark_accent", bullets=False)),
        ("Text", '<p:ph type="body" idx="1"/>', (M, 102, W - 2 * M, 70),
         lvl1("decks.subtitle", "text.on_dark", bullets=False)),
    ], "all_on_dark"),
    # A product or a dish: its photograph on the left, its name, a line of description and its
    # facts (a two-column table: label, value) on the right.
    ("Product", "objTx", None, [
        ("Title", '<p:ph type="title"/>', (FACTS_X, 10, W - FACTS_X - M, 50), ""),
        ("Picture", '<p:ph type="pic" idx="1"/>', (0, 0, W * 0.45, H), ""),
        ("Text", '<p:ph type="body" sz="half" idx="2"/>', (FACTS_X, 64, W - FACTS_X - M, 34),
         lvl1("decks.caption", bullets=False)),
        ("Facts", '<p:ph type="tbl" idx="3"/>', (FACTS_X, 104, W - FACTS_X - M, 66), ""),
    ], None),
]


def background(colour: str) -> etree._Element:
    return etree.fromstring(f'<p:bg {XMLNS}><p:bgPr>{fill(colour)}<a:effectLst/></p:bgPr></p:bg>')


def rebuild_tree(el, shapes: list[str]) -> None:
    """Replace every shape of a master/layout shape tree with ``shapes``."""
    tree = el.find("p:cSld/p:spTree", NS)
    for sp in tree.findall("p:sp", NS):
        tree.remove(sp)
    for s in shapes:
        tree.append(etree.fromstring(s))


def style_master(prs) -> None:
    master = prs.slide_master._element
    csld = master.find("p:cSld", NS)
    for old in csld.findall("p:bg", NS):
        csld.remove(old)
    csld.insert(0, background("background.cream"))
    accent_bar = (f'<p:sp {XMLNS}><p:nvSpPr><p:cNvPr id="9" name="Brand bar"/><p:cNvSpPr/><p:nvPr/>'
                  f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu(6)}" '
                  f'cy="{emu(H)}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
                  f'{fill("all.rouge_brique")}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>')
    rebuild_tree(master, [
        accent_bar,
        ph_sp(2, "Title", '<p:ph type="title"/>', TITLE_BOX, body_pr='<a:bodyPr anchor="b"/>'),
        ph_sp(3, "Text", '<p:ph type="body" idx="1"/>', (M, TOP, W - 2 * M, BODY_H),
              body_pr='<a:bodyPr anchor="t"/>'),
        sldnum_sp(4),
    ])
    styles = master.find("p:txStyles", NS)
    t = styles.find("p:titleStyle/a:lvl1pPr", NS)
    t.set("algn", "l")
    _set_run_style(t, hundredths("decks.title"), "text.on_light_heading", bold=True)
    body = styles.find("p:bodyStyle", NS)
    sizes = {1: "decks.body", 2: "decks.caption"}
    for lvl in body:
        n = int(etree.QName(lvl).localname[3])
        _set_run_style(lvl, hundredths(sizes.get(n, "decks.caption")), "text.on_light")
        spc = lvl.find("a:spcBef", NS)
        for child in list(spc):
            spc.remove(child)
        # Space between items: half a line of body text (measured the same way by the fitter).
        size = sizes.get(n, "decks.caption")
        etree.SubElement(spc, f"{{{NS['a']}}}spcPts").set("val", str(hundredths(size, 0.5)))
        bu_font = lvl.find("a:buFont", NS)
        if bu_font is not None:
            bu_clr = etree.fromstring(
                f'<a:buClr {XMLNS}><a:srgbClr val="{hex_of("all.rouge_brique")}"/></a:buClr>')
            bu_font.addprevious(bu_clr)
    _set_theme(prs)


def _set_run_style(ppr, sz: int, colour: str, bold: bool = False) -> None:
    d = ppr.find("a:defRPr", NS)
    d.set("sz", str(sz))
    if bold:
        d.set("b", "1")
    for f in d.findall("a:solidFill", NS):
        d.remove(f)
    d.insert(0, etree.fromstring(fill(colour).replace("<a:solidFill>", f"<a:solidFill {XMLNS}>")))


def _set_theme(prs) -> None:
    """Theme colours (charts take their series colours from accent1…6) and fonts."""
    master_part = prs.slide_master.part
    theme_part = next(r.target_part for r in master_part.rels.values()
                      if r.reltype.endswith("/theme"))
    theme = etree.fromstring(theme_part.blob)
    scheme = {"dk1": "text.on_light", "lt1": "background.paper", "dk2": "all.anthracite",
              "lt2": "all.creme_papier", "accent1": "all.rouge_brique", "accent2": "all.or_lampe",
              "accent3": "all.vert_jardin", "accent4": "all.anthracite",
              "accent5": "parcours_noir.schiste", "accent6": "parcours_noir.lumiere_de_lampe"}
    clr = theme.find(".//a:clrScheme", NS)
    clr.set("name", "ALL")
    for key, name in scheme.items():
        slot = clr.find(f"a:{key}", NS)
        for c in list(slot):
            slot.remove(c)
        etree.SubElement(slot, f"{{{NS['a']}}}srgbClr").set("val", hex_of(name))
    fonts = brand.tokens()["fonts"]
    for which in ("majorFont", "minorFont"):
        node = theme.find(f".//a:fontScheme/a:{which}", NS)
        node.find("a:latin", NS).set("typeface", fonts["latin"]["family"])
        node.find("a:ea", NS).set("typeface", fonts["japanese"]["family"])
    theme.find(".//a:fontScheme", NS).set("name", "ALL")
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)


_SVG_PARTS: dict[str, Part] = {}


def mark_pic(layout, sid: int, which: str) -> str:
    """The ALL mark (brand/logos, as PNG with its SVG for PowerPoint 2016+) at the top left,
    in its clear space."""
    logo = ROOT / "brand" / brand.tokens()["assets"]["logos"][which]
    svg = logo.read_bytes()
    png = cairosvg.svg2png(bytestring=svg, output_width=round(MARK_W / 25.4 * 600))
    _, rid = layout.part.get_or_add_image_part(io.BytesIO(png))
    svg_part = _SVG_PARTS.get(which)
    if svg_part is None:  # one part, shared by every layout that shows the mark
        svg_part = _SVG_PARTS[which] = Part(PackURI(f"/ppt/media/mark-{which}.svg"),
                                            "image/svg+xml", layout.part.package, svg)
    svg_rid = layout.part.relate_to(svg_part, RT.IMAGE)
    with Image.open(io.BytesIO(png)) as im:
        height = MARK_W * im.height / im.width
    return (f'<p:pic {XMLNS} xmlns:r="{R_NS}"><p:nvPicPr><p:cNvPr id="{sid}" name="ALL mark" '
            f'descr="ALL « Autour du Louvre-Lens »"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/>'
            f'</p:cNvPicPr><p:nvPr userDrawn="1"/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}">'
            f'<a:extLst><a:ext uri="{SVG_EXT}"><asvg:svgBlip xmlns:asvg="{SVG_NS}" '
            f'r:embed="{svg_rid}"/></a:ext></a:extLst></a:blip><a:stretch><a:fillRect/>'
            f'</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="{emu(M)}" y="{emu(16)}"/>'
            f'<a:ext cx="{emu(MARK_W)}" cy="{emu(height)}"/></a:xfrm><a:prstGeom prst="rect">'
            '<a:avLst/></a:prstGeom></p:spPr></p:pic>')


def make_layouts(prs) -> None:
    layouts = list(prs.slide_layouts)
    for layout, (name, kind, bg, placeholders, mark) in zip(layouts, LAYOUTS, strict=False):
        el = layout._element
        el.set("type", kind)
        csld = el.find("p:cSld", NS)
        csld.set("name", name)
        for old in csld.findall("p:bg", NS):
            csld.remove(old)
        if bg:
            csld.insert(0, background(bg))
        shapes = [ph_sp(i + 2, f"{label} Placeholder", ph, box, lst)
                  for i, (label, ph, box, lst) in enumerate(placeholders)]
        if name not in ("Title", "Closing"):  # no page number on the cover and the end
            shapes.append(sldnum_sp(len(shapes) + 2))
        if mark:
            shapes.append(mark_pic(layout, len(shapes) + 2, mark))
        rebuild_tree(el, shapes)
    for extra in layouts[len(LAYOUTS):]:
        prs.slide_layouts.remove(extra)


def main() -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_EMU
    style_master(prs)
    make_layouts(prs)
    core = prs.core_properties
    core.title = "ALL — masque des présentations"
    core.author = core.last_modified_by = "Atelier ALL"
    core.revision = 1
    core.created = core.modified = dt.datetime(2020, 1, 1)
    buf = io.BytesIO()
    prs.save(buf)
    OUT.write_bytes(normalise_zip(buf.getvalue()))
    print(f"wrote {OUT.relative_to(ROOT)} with layouts {[n for n, *_ in LAYOUTS]}")


if __name__ == "__main__":
    main()
