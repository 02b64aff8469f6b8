"""Writing a Word document on a designer's template, with the Word features python-docx lacks.

The template (a .docx the studio owns) gives every style, the page, the header and the footer;
this module only places content in those styles, by name. What python-docx does not offer is
written as WordprocessingML here: fields (TOC, SEQ captions, PAGEREF), bookmarks, repeated
table header rows, list numbering that restarts, hyperlinks, alt text, SVG figures with a PNG
fallback, the document language and fixed properties. Saving goes through ``atelier.office``
so the bytes are deterministic.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from .. import brand
from ..content.formats import is_figure
from ..layout.fonts import PT, meter
from ..office import set_core_dates, write_normalised
from .colwidths import Cell, fit_columns, nowrap
from .fontembed import embed_in_docx

__all__ = ["DocxWriter", "Heading", "StyleMissing", "TableSpec", "TemplateUnreadable"]

# Word's style types, as python-docx reports them (paragraph 1, character 2, table 3).
_KINDS = {1: "paragraph", 2: "character", 3: "table"}
_SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"  # Office 2016+: an SVG beside the PNG
_SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
# CT_Settings children that come after w:updateFields (ECMA-376 Part 1, 17.15.1.78).
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator")


class StyleMissing(ValueError):
    """The template lacks styles the document uses; the message names each and the template."""

    def __init__(self, template: Path, missing: list[tuple[str, str, str]]):
        self.template, self.missing = template, missing
        lines = [f"  ✗ « {name} » ({kind} style) — used for {use}" for name, kind, use in missing]
        super().__init__(
            f"The Word template {template} lacks {len(missing)} style(s) the strategy document "
            "uses:\n" + "\n".join(lines) + "\nAdd them in Word (Styles › New Style, with exactly "
            "this name) or restore the template; see templates/strategy.md.")


class TemplateUnreadable(ValueError):
    """The template is missing or not a .docx."""


@dataclass
class Heading:
    level: int
    text: str
    bookmark: str


@dataclass
class TableSpec:
    """A table: a header row (repeated on every page) and body rows.

    ``kinds`` says per body row how it reads: "body", or "total" (subtotals, in the total style)
    or "group" (a row that names a group, spanning all columns). ``align`` per column: "left" or
    "right" (figures: right-aligned, never broken, their spaces made non-breaking). Column
    widths come from the content (``colwidths``) unless ``widths`` (mm) are given."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None
    kinds: list[str] | None = None
    align: list[str] | None = None
    vertical: frozenset[int] = frozenset()  # header cells written bottom to top (narrow columns)
    where: str = "table"  # names the table in an error message


def _figures_only(cells: list[str]) -> str:
    """« right » for a column whose filled cells are all figures, else « left »."""
    filled = [c for c in cells if c.strip()]
    return "right" if filled and all(is_figure(c) for c in filled) else "left"


def _style_named(document, name: str):
    """The style whose name is ``name`` (Word's built-in names are matched ignoring case, as
    Word does: « TOC 1 » is stored as « toc 1 »)."""
    wanted = name.casefold()
    for style in document.styles:
        if style.name and style.name.casefold() == wanted:
            return style
    return None


class DocxWriter:
    """A document on ``template``: body emptied, styles checked against ``styles``."""

    def __init__(self, template: Path, styles: dict[str, tuple[str, str]]):
        """``styles``: the style names the caller uses → (kind, what it is used for)."""
        self.template = Path(template)
        try:
            self.document = docx.Document(str(self.template))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile, PackageNotFoundError) as exc:
            raise TemplateUnreadable(f"The Word template {self.template} cannot be opened as a "
                                     f"Word document ({type(exc).__name__}: {exc}); save it from "
                                     "Word as .docx, or restore it from git") from None
        missing = []
        self.styles = {}
        for name, (kind, use) in styles.items():
            style = _style_named(self.document, name)
            if style is None or _KINDS.get(int(style.type)) != kind:
                missing.append((name, kind, use))
            else:
                self.styles[name] = style
        if missing:
            raise StyleMissing(self.template, missing)
        body = self.document.element.body
        for child in list(body):  # the template's specimen; its section (page, header) stays
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        self.headings: list[Heading] = []
        self._counters: dict[str, int] = {}
        self._bookmarks = 0
        self._toc = None
        self.embed_fonts: list = []  # fontembed.Face: fonts written into the package
        # The typography of the document's language (content.typography.french for French),
        # applied to every text written: paragraphs, runs, headings, captions, cells.
        self.typeset: Callable[[str], str] = str

    def style(self, paragraph, name: str):
        """Set a paragraph's style by id (python-docx's ``style =`` rescans every style each
        time: 8 s for this document's 2,000 cells)."""
        paragraph._p.style = self.styles[name].style_id

    # -- text ------------------------------------------------------------------------------------
    def paragraph(self, style: str, text: str = ""):
        p = self.document.add_paragraph()
        self.style(p, style)
        if text:
            p.add_run(self.typeset(text))
        return p

    def heading(self, text: str, level: int):
        """A heading with a bookmark, so the table of contents can point at it."""
        text = self.typeset(text)
        p = self.paragraph(f"Heading {level}", text)
        self._bookmarks += 1
        name = f"_Toc{self._bookmarks:05d}"
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._bookmarks))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._bookmarks))
        p._p.insert(1 if p._p.pPr is not None else 0, start)
        p._p.append(end)
        self.headings.append(Heading(level, text, name))
        return p

    @property
    def text_width_mm(self) -> float:
        """The width between the template's margins (tables and figures span it)."""
        s = self.document.sections[-1]
        return (s.page_width - s.left_margin - s.right_margin) / 36000

    def typeset_after(self, before: str, text: str) -> str:
        """``text`` typeset as it reads after ``before`` (the end of the previous run of the same
        paragraph): « **saison** : six » gets its no-break space before the colon."""
        if not before:
            return self.typeset(text)
        joined = self.typeset(before[-1] + text)
        return joined[1:] if joined[:1] == before[-1] else self.typeset(text)

    def run(self, paragraph, text: str, bold=False, italic=False, before: str = ""):
        r = paragraph.add_run(self.typeset_after(before, text))
        r.bold, r.italic = bold or None, italic or None
        return r

    def hyperlink(self, paragraph, url: str, text: str, bold=False, italic=False,
                  before: str = ""):
        """A real link (external relationship) in the template's « Hyperlink » style."""
        rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rid)
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), self.styles["Hyperlink"].style_id)
        rpr.append(style)
        for flag, tag in ((bold, "w:b"), (italic, "w:i")):
            if flag:
                rpr.append(OxmlElement(tag))
        r.append(rpr)
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = self.typeset_after(before, text)
        r.append(t)
        link.append(r)
        paragraph._p.append(link)

    def page_break(self):
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # -- fields ----------------------------------------------------------------------------------
    @staticmethod
    def field(paragraph, instruction: str, cached: str | None, begin=True, end=True,
              dirty=False):
        """A complex field: Word recomputes it; ``cached`` shows until then (and in readers that
        do not compute fields)."""
        def char(kind):
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            if kind == "begin" and dirty:
                el.set(qn("w:dirty"), "true")  # Word recomputes it before showing it
            paragraph.add_run()._r.append(el)

        if begin:
            char("begin")
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            paragraph.add_run()._r.append(instr)
            char("separate")
        if cached is not None:  # a result run even when empty, so it can be filled later
            paragraph.add_run(cached)
        if end:
            char("end")

    def caption(self, kind: str, text: str):
        """« Figure 3 — text »: a numbered caption (SEQ field) in the « Caption » style."""
        self._counters[kind] = self._counters.get(kind, 0) + 1
        p = self.paragraph("Caption")
        p.add_run(f"{kind} ")
        self.field(p, f"SEQ {kind} \\* ARABIC", str(self._counters[kind]))
        if text:
            p.add_run(f" — {self.typeset(text)}")
        return p

    def toc_placeholder(self):
        """Where the table of contents goes; filled by ``finish`` once every heading is known."""
        self._toc = self.document.add_paragraph()
        return self._toc

    def _write_toc(self, pages: dict[str, int] | None, levels: int):
        """The TOC field, its cached entries (one per heading, with a PAGEREF field each) so the
        table shows before Word updates it; ``pages`` fills the cached page numbers."""
        anchor = self._toc._p
        entries = [h for h in self.headings if h.level <= levels]
        last = None
        for i, h in enumerate(entries):
            p = self.document.add_paragraph()
            self.style(p, f"TOC {h.level}")
            if i == 0:
                self.field(p, f'TOC \\o "1-{levels}" \\h \\z \\u', None, end=False, dirty=True)
            p.add_run(h.text)
            p.add_run("\t")
            page = str(pages.get(h.bookmark, "")) if pages else ""
            self.field(p, f"PAGEREF {h.bookmark} \\h", page)
            anchor.addnext(p._p)
            anchor = p._p
            last = p
        if last is not None:
            self.field(last, "", None, begin=False)
        self._toc._p.getparent().remove(self._toc._p)
        self._toc = None

    # -- figures and tables ----------------------------------------------------------------------
    def image(self, data: bytes, width_mm: float, alt: str, title: str = "",
              svg: bytes | None = None, style: str = "Figure", height_mm: float | None = None):
        """An image in the « Figure » style (or ``style``), with alt text (docPr descr) for screen
        readers; with ``svg``, Word 2016+ shows the vector drawing and others the PNG/JPEG."""
        p = self.paragraph(style)
        shape = p.add_run().add_picture(io.BytesIO(data), width=Mm(width_mm),
                                        height=Mm(height_mm) if height_mm else None)
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", alt)
        if title:
            doc_pr.set("title", title)
        if svg is not None:
            self._attach_svg(shape, svg)
        return p

    def chart(self, xml: bytes, workbook: bytes, width_mm: float, height_mm: float, alt: str,
              title: str = ""):
        """A native chart (DrawingML chart part + its embedded workbook, as ``charts.chart_blobs``
        gives them) in the « Figure » style: Word and LibreOffice edit its data."""
        from lxml import etree

        main = self.document.part
        n = 1 + sum(1 for r in main.rels.values() if r.reltype == RT.CHART)
        book = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"), CT.SML_SHEET,
                    workbook, main.package)
        part = Part(PackURI(f"/word/charts/chart{n}.xml"), CT.DML_CHART, b"", main.package)
        rid_book = part.relate_to(book, RT.PACKAGE)
        root = etree.fromstring(xml)
        for ext in root.iter(qn("c:externalData")):
            ext.set(qn("r:id"), rid_book)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        rid = main.relate_to(part, RT.CHART)
        cx, cy = int(Mm(width_mm)), int(Mm(height_mm))
        inline = parse_xml(
            f'<wp:inline {nsdecls("wp", "a", "c", "r")} distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="1" name="Graphique {n}"/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/'
            f'chart"><c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline>')
        doc_pr = inline.find(qn("wp:docPr"))
        doc_pr.set("descr", alt)
        if title:
            doc_pr.set("title", title)
        p = self.paragraph("Figure")
        drawing = OxmlElement("w:drawing")
        drawing.append(inline)
        p.add_run()._r.append(drawing)
        return p

    def _attach_svg(self, shape, svg: bytes):
        part = self.document.part
        n = 1 + sum(1 for r in part.rels.values() if r.reltype == RT.IMAGE)
        svg_part = Part(PackURI(f"/word/media/figure{n}.svg"), "image/svg+xml", svg, part.package)
        rid = part.relate_to(svg_part, RT.IMAGE)
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        ext_lst = OxmlElement("a:extLst")
        ext = OxmlElement("a:ext")
        ext.set("uri", _SVG_EXT)
        svg_blip = ext.makeelement(f"{{{_SVG_NS}}}svgBlip", nsmap={"asvg": _SVG_NS})
        svg_blip.set(qn("r:embed"), rid)
        ext.append(svg_blip)
        ext_lst.append(ext)
        blip.append(ext_lst)

    def table(self, spec: TableSpec):
        """A table in « Tableau ALL »; its header row repeats on every page (w:tblHeader) and no
        row splits across pages."""
        n = len(spec.header)
        kinds = spec.kinds or ["body"] * len(spec.rows)
        align = spec.align or [_figures_only([r[c] for r in spec.rows if c < len(r)])
                                for c in range(n)]
        # typeset before measuring: no-break spaces change what may wrap
        rows = [[nowrap(t) if align[c] == "right" else t for c, t in enumerate(map(self.typeset, r))]
                for r in spec.rows]
        spec = replace(spec, header=[self.typeset(h) for h in spec.header], rows=rows)
        spec = replace(spec, widths=spec.widths or self._fit(spec, kinds, align))
        table = self.document.add_table(rows=1 + len(spec.rows), cols=n)
        table._tbl.tblStyle_val = self.styles["Tableau ALL"].style_id
        table.autofit = False
        for c, w in enumerate(spec.widths):
            table.columns[c].width = Mm(w)
        for row, cells, kind in zip(table.rows, [spec.header, *spec.rows], ["header", *kinds],
                                    strict=True):
            row_cells = row.cells  # python-docx recomputes this list on every access
            for cell, w in zip(row_cells, spec.widths, strict=True):
                cell.width = Mm(w)
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
            if kind == "header":
                self._header_row(tr_pr, row_cells, spec)
            style = {"header": "Table Heading", "total": "Table Total",
                     "group": "Table Total"}.get(kind, "Table Text")
            if kind == "group":  # names what follows: one cell across, kept with the next row
                merged = row_cells[0].merge(row_cells[n - 1])
                self.style(merged.paragraphs[0], style)
                merged.paragraphs[0].paragraph_format.keep_with_next = True
                merged.paragraphs[0].add_run(self.typeset(cells[0]))
                continue
            span = 1
            if kind == "total":  # a total's label runs over the empty cells after it
                while span < n and not cells[span]:
                    span += 1
                if span > 1:
                    row_cells = [row_cells[0].merge(row_cells[span - 1]), *row_cells[span:]]
                    cells = [cells[0], *cells[span:]]
            for c, (cell, text) in enumerate(zip(row_cells, cells, strict=True)):
                column = c + span - 1 if c else 0
                para = cell.paragraphs[0]
                self.style(para, style)
                if kind == "header":
                    para.paragraph_format.keep_with_next = True
                if align[column] == "right" and not (kind == "header" and column in spec.vertical):
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if text:
                    para.add_run(self.typeset(text))
        return table

    def _fit(self, spec: TableSpec, kinds: list[str], align: list[str]) -> list[float]:
        """Column widths from the cells, measured in the template's table styles."""
        n = len(spec.header)
        columns: list[list[Cell]] = [[] for _ in range(n)]
        for c, text in enumerate(spec.header):
            columns[c].append(Cell(text, bold=True, measured=c not in spec.vertical))
        for row, kind in zip(spec.rows, kinds, strict=True):
            if kind == "group":  # one cell across the table
                continue
            span = 1
            if kind == "total":
                while span < n and not row[span]:
                    span += 1
            for c, text in enumerate(row):
                columns[c].append(Cell(text, bold=kind == "total", whole=align[c] == "right",
                                       measured=not (c == 0 and span > 1)))
        return fit_columns(columns, self.text_width_mm, self.style_size_pt("Table Text"),
                           self.cell_padding_mm(), brand.fonts(), spec.where)

    def style_size_pt(self, name: str) -> float:
        """The font size a paragraph style gives, through its base styles and the defaults."""
        style = self.styles.get(name) or _style_named(self.document, name)
        while style is not None:
            if style.font.size is not None:
                return style.font.size.pt
            style = style.base_style
        sz = self.document.styles.element.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
        return int(sz.get(qn("w:val"))) / 2 if sz is not None else 10.0

    def cell_padding_mm(self) -> float:
        """Left + right cell margins of « Tableau ALL » (Word's default 0,19 cm each)."""
        total = 0.0
        mar = self.styles["Tableau ALL"].element.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
        for side in ("left", "right"):
            el = mar.find(qn(f"w:{side}")) if mar is not None else None
            twips = int(el.get(qn("w:w"))) if el is not None else 108
            total += twips * 25.4 / 1440
        return total + 0.6  # a little air: Word and LibreOffice round widths differently

    def _header_height_mm(self, spec: TableSpec) -> float:
        """Height for vertical header cells: the longest one on a single line."""
        face = brand.fonts().face(False, True, False)
        size = self.style_size_pt("Table Heading") * PT
        longest = max(meter(face).width(spec.header[c], size) for c in spec.vertical)
        return longest + 2.5

    def _header_row(self, tr_pr, row_cells, spec: TableSpec):
        tr_pr.append(OxmlElement("w:tblHeader"))
        if spec.vertical:
            height = OxmlElement("w:trHeight")
            height.set(qn("w:val"), str(round(self._header_height_mm(spec) * 1440 / 25.4)))
            height.set(qn("w:hRule"), "atLeast")
            tr_pr.append(height)
        for c in sorted(spec.vertical):
            direction = OxmlElement("w:textDirection")
            direction.set(qn("w:val"), "btLr")
            row_cells[c]._tc.get_or_add_tcPr().append(direction)

    # -- the whole document ----------------------------------------------------------------------
    def finish(self, path: Path, title: str, subject: str, author: str, language: str,
               date: str, keywords: str = "", pages: dict[str, int] | None = None,
               toc_levels: int = 2) -> bool:
        """Fill the TOC, set properties and language, ask Word to update fields on open, save
        deterministically. Returns True when the file changed."""
        if self._toc is not None:
            self._write_toc(pages, toc_levels)
        props = self.document.core_properties
        props.title, props.subject, props.author = title, subject, author
        props.last_modified_by, props.keywords = author, keywords
        props.language, props.comments, props.category = language, "", ""
        props.identifier, props.content_status, props.version = "", "", ""
        set_core_dates(props, dt.datetime.fromisoformat(date))
        self._set_language(language)
        self._update_fields_on_open()
        self._drop_styles_with_effects()
        self._number_drawings()
        if self.embed_fonts:
            embed_in_docx(self.document, self.embed_fonts)
        return write_normalised(self.document, path)

    def _drop_styles_with_effects(self):
        """stylesWithEffects.xml is Word 2010's copy of styles.xml; a template edited since
        (here, or by python-docx) leaves it stale, which validators report and Word may
        treat as damage. Word 2013 and later neither need nor write it."""
        main = self.document.part
        for rid, rel in list(main.rels.items()):
            if rel.reltype.endswith("/stylesWithEffects"):
                main.drop_rel(rid)

    def _number_drawings(self):
        """Unique drawing ids (wp:docPr/@id) across the body, headers and footers: python-docx
        numbers each part on its own, and Word reports a repeated id as damage."""
        n = 0
        for part in self.document.part.package.iter_parts():
            element = getattr(part, "element", None) if hasattr(part, "_element") else None
            if element is None:
                continue
            for doc_pr in element.iter(qn("wp:docPr")):
                n += 1
                doc_pr.set("id", str(n))

    def _update_fields_on_open(self):
        """w:updateFields: Word recomputes the TOC, captions and page references on opening.
        Word rejects settings.xml whose children are out of the schema's order, so it goes
        before the first element the schema puts after it."""
        settings = self.document.settings.element
        if settings.find(qn("w:updateFields")) is not None:
            return
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        later = {qn(f"w:{n}") for n in _AFTER_UPDATE_FIELDS} | {
            "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"}
        for child in settings:
            if child.tag in later:
                child.addprevious(update)
                return
        settings.append(update)

    def _set_language(self, language: str):
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), language)

