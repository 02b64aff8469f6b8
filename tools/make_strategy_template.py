"""Make templates/strategie.docx, the Word template of the strategy document — once.

The .docx is the source: designers restyle it in Word (fonts, colours, spacing, header, footer,
margins) and the next build follows with no code change. This script only made the first
version from the brand tokens, so that it can be re-made after a brand change:

    .venv/bin/python tools/make_strategy_template.py          # writes templates/strategie.docx

The style names below are the contract (templates/strategy.md); the document body holds a
specimen of each style, which the pipeline removes before writing.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import cairosvg
import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atelier import brand  # noqa: E402
from atelier.office import normalise_zip, set_core_dates  # noqa: E402

OUT = ROOT / "templates" / "strategie.docx"
LOGO_WIDTH_MM = 32  # ≥ brand spacing.logo_min_width_mm (25)


def _hex(path: str) -> RGBColor:
    return RGBColor.from_string(brand.colour(path).lstrip("#").upper())


def _font(style, size_token: str | None = None, bold=None, italic=None, colour=None):
    latin = brand.tokens()["fonts"]["latin"]["family"]
    japanese = brand.tokens()["fonts"]["japanese"]["family"]
    style.font.name = latin
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the brand face
    fonts.set(qn("w:eastAsia"), japanese)  # Japanese runs (menu names) use the brand's JP face
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    if size_token:
        style.font.size = Pt(brand.size(size_token))
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    if colour:
        style.font.color.rgb = _hex(colour)


def _paragraph_style(doc, name, base="Normal"):
    styles = doc.styles
    if name in [s.name for s in styles]:
        return styles[name]
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base]
    style.quick_style = True
    return style


def _shade(element, colour_hex: str):
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour_hex.lstrip("#").upper())
    element.append(shd)


def _table_style(doc):
    """« Tableau ALL »: thin schiste rules, header row in anthracite (white text via the
    « Table Heading » paragraph style), banded rows in crème papier."""
    style = doc.styles.add_style("Tableau ALL", WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    el = style.element
    tblpr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    rule = brand.colour("parcours_noir.schiste").lstrip("#").upper()
    for side in ("top", "bottom", "insideH"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), "4")
        b.set(qn("w:space"), "0")
        b.set(qn("w:color"), rule)
        borders.append(b)
    tblpr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, w in (("left", "85"), ("right", "85")):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), w)
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tblpr.append(margins)
    el.append(tblpr)
    for kind, fill in (("firstRow", "all.anthracite"), ("band2Horz", "all.creme_papier")):
        cond = OxmlElement("w:tblStylePr")
        cond.set(qn("w:type"), kind)
        tcpr = OxmlElement("w:tcPr")
        _shade(tcpr, brand.colour(fill))
        cond.append(tcpr)
        el.append(cond)


def _field(paragraph, instruction: str, placeholder: str):
    """A complex field (PAGE, NUMPAGES…) that Word and LibreOffice compute when they lay out."""
    def fld(kind):
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    fld("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld("separate")
    paragraph.add_run(placeholder)
    fld("end")


def _theme_fonts(doc) -> None:
    """The theme's heading and body fonts are the brand faces too (styles that name no font,
    charts, and Word's own new styles take them)."""
    from lxml import etree

    fonts = brand.tokens()["fonts"]
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/theme"))
    theme = etree.fromstring(part.blob)
    for which in ("majorFont", "minorFont"):
        node = theme.find(f".//{{{a}}}fontScheme/{{{a}}}{which}")
        node.find(f"{{{a}}}latin").set("typeface", fonts["latin"]["family"])
        node.find(f"{{{a}}}ea").set("typeface", fonts["japanese"]["family"])
        node.find(f"{{{a}}}cs").set("typeface", fonts["latin"]["family"])
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def make() -> bytes:
    doc = docx.Document()
    _theme_fonts(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(30), Mm(25)
    section.header_distance = section.footer_distance = Mm(12)

    styles = doc.styles
    _font(styles["Normal"], "documents.body", colour="text.on_light")
    styles["Normal"].paragraph_format.space_after = Pt(brand.size("documents.body") * 0.6)
    styles["Normal"].paragraph_format.line_spacing = 1.15
    _font(styles["Title"], "documents.title", bold=True, colour="all.anthracite")
    _font(styles["Subtitle"], "documents.heading2", italic=False, colour="all.rouge_brique")
    for level, token, colour in ((1, "documents.heading1", "all.rouge_brique"),
                                 (2, "documents.heading2", "text.on_light_heading"),
                                 (3, "documents.body", "all.rouge_brique")):
        style = styles[f"Heading {level}"]
        _font(style, token, bold=True, italic=False, colour=colour)
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.page_break_before = True
    _font(styles["TOC Heading"], "documents.heading1", bold=True, colour="all.rouge_brique")
    styles["TOC Heading"].paragraph_format.page_break_before = False
    _font(styles["Caption"], "documents.caption", bold=False, italic=True,
          colour="parcours_noir.schiste")
    _font(styles["Quote"], "documents.body", italic=True, colour="all.anthracite")
    styles["Quote"].paragraph_format.left_indent = Mm(10)
    styles["Quote"].paragraph_format.right_indent = Mm(10)
    for name in ("List Bullet", "List Number"):
        _font(styles[name], "documents.body")

    figure = _paragraph_style(doc, "Figure")
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True  # the image stays with its caption
    cell = _paragraph_style(doc, "Table Text")
    _font(cell, "documents.caption")
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0
    head = _paragraph_style(doc, "Table Heading", "Table Text")
    _font(head, None, bold=True, colour="text.on_dark")
    total = _paragraph_style(doc, "Table Total", "Table Text")
    _font(total, None, bold=True)
    cover = _paragraph_style(doc, "Cover Meta")
    _font(cover, "documents.body", colour="parcours_noir.schiste")
    cover.paragraph_format.space_after = Pt(0)
    mark = _paragraph_style(doc, "Cover Mark")
    mark.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    mark.paragraph_format.space_after = Pt(36)
    photo = _paragraph_style(doc, "Cover Image")
    photo.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    photo.paragraph_format.space_before = Pt(24)
    photo.paragraph_format.space_after = Pt(24)
    styles["Subtitle"].paragraph_format.space_after = Pt(6)
    for level in (1, 2, 3):  # Word's built-in names are lower case: « toc 1 »
        toc = _paragraph_style(doc, f"TOC {level}")
        toc.element.find(qn("w:name")).set(qn("w:val"), f"toc {level}")
        toc.paragraph_format.left_indent = Mm(6 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)
        toc.paragraph_format.tab_stops.add_tab_stop(section.page_width - section.left_margin
                                                    - section.right_margin,
                                                    WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if level == 1:
            toc.font.bold = True
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = _hex("all.rouge_brique")
    link.font.underline = True
    _table_style(doc)

    # Bullets: python-docx's template draws them with the Symbol font, which LibreOffice lacks
    # (empty boxes). A plain « • » in the brand face shows the same everywhere.
    latin = brand.tokens()["fonts"]["latin"]["family"]
    numbering = doc.part.numbering_part.element
    for lvl in numbering.iter(qn("w:lvl")):
        fmt = lvl.find(qn("w:numFmt"))
        if fmt is None or fmt.get(qn("w:val")) != "bullet":
            continue
        lvl.find(qn("w:lvlText")).set(qn("w:val"), "•")
        fonts = lvl.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        if fonts is not None:
            for attr in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(attr), latin)

    # French by default; the build sets the language from the settings too.
    rpr = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "fr-FR")
    lang.set(qn("w:eastAsia"), "ja-JP")

    # The cover is a page of its own: no running header (it carries the mark) nor page number.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False

    # Header: the ALL logo on the right; footer: « page / pages », centred.
    png = cairosvg.svg2png(url=str(ROOT / "brand" / "logos" / "all-logo.svg"),
                           output_width=int(LOGO_WIDTH_MM / 25.4 * 600))
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run().add_picture(io.BytesIO(png), width=Mm(LOGO_WIDTH_MM))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(styles["Footer"], "documents.caption", colour="parcours_noir.schiste")
    _field(footer, "PAGE", "1")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES", "1")

    # Specimen (removed by the build): one paragraph per style, so designers see them all.
    doc.add_paragraph("[marque ALL] (Cover Mark)", "Cover Mark")
    doc.add_paragraph("Titre du document", "Title")
    doc.add_paragraph("Sous-titre", "Subtitle")
    doc.add_paragraph("[photographie] (Cover Image)", "Cover Image")
    doc.add_paragraph("Auteur, date", "Cover Meta")
    doc.add_paragraph("Sommaire", "TOC Heading")
    doc.add_paragraph("Chapitre (Heading 1)", "Heading 1")
    doc.add_paragraph("Section (Heading 2)", "Heading 2")
    doc.add_paragraph("Sous-section (Heading 3)", "Heading 3")
    doc.add_paragraph("Texte courant (Normal). " * 6, "Normal")
    doc.add_paragraph("Élément de liste à puces (List Bullet)", "List Bullet")
    doc.add_paragraph("Élément de liste numérotée (List Number)", "List Number")
    doc.add_paragraph("Citation (Quote)", "Quote")
    doc.add_paragraph("[image] (Figure)", "Figure")
    doc.add_paragraph("Figure 1 — Légende (Caption)", "Caption")
    table = doc.add_table(rows=3, cols=3)
    table.style = styles["Tableau ALL"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, (style, words) in enumerate((("Table Heading", "En-tête"), ("Table Text", "Cellule"),
                                        ("Table Total", "Total"))):
        for c in range(3):
            table.cell(r, c).paragraphs[0].style = styles[style]
            table.cell(r, c).paragraphs[0].add_run(f"{words} ({style})")

    props = doc.core_properties
    props.title = "Modèle — stratégie culinaire ALL"
    props.author = "Atelier ALL"
    props.language = "fr-FR"
    set_core_dates(props, "2020-01-01")
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue())


if __name__ == "__main__":
    OUT.write_bytes(make())
    print(f"wrote {OUT.relative_to(ROOT)}")
