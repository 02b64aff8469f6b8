"""Slides on the designers' master (templates/deck.pptx): text, tables, native charts, pictures.

The master is bound by layout NAME and placeholder IDX (templates/decks.md); ``check_master``
names whatever is missing. Text is measured with the brand font (atelier.layout) at the size
the master gives each placeholder, because PowerPoint's "shrink text on overflow" is only a flag
applied when someone next edits the box: a list too long for its placeholder continues on a new
slide with the same title; a title or caption too long shrinks, down to a set minimum, then
fails. Charts are python-pptx chart parts with their data in the embedded workbook, so they stay
editable in PowerPoint and Impress.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Pt

from .. import brand
from ..content.decks import SlideContent
from ..layout.fonts import PT, MissingGlyph, meter, metrics
from ..layout.text import Paragraph, Run, lay_out
from ..office import normalise_zip
from .charts import ChartSpecError, chart_data, chart_type, fixed_workbook, style_chart
from .fontembed import brand_faces, embed_in_pptx

__all__ = ["CONTRACT", "DeckError", "check_master", "embed_brand_fonts", "fill_deck",
           "measure_shape", "save_deck"]


class DeckError(ValueError):
    """The master or the content cannot make the slide: the message says which and why."""


# Layout name -> placeholder idx -> what it must be (None: any text placeholder).
PICTURE, TABLE, CHART = PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.TABLE, PP_PLACEHOLDER.CHART
CONTRACT = {
    "title": {0: None, 1: None, 2: PICTURE},
    "section": {0: None, 1: None, 2: PICTURE},
    "text": {0: None, 1: None},
    "two content": {0: None, 1: None, 2: None},
    "picture with caption": {0: None, 1: PICTURE, 2: None},
    "table": {0: None, 1: TABLE},
    "chart": {0: None, 1: CHART, 2: None},
    "closing": {0: None, 1: None},
    "product": {0: None, 1: PICTURE, 2: None, 3: TABLE},
}
# Placeholders whose text may run on a continuation slide (the others shrink, then fail).
CONTINUES = {"text": 1, "section": None, "closing": None}

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
EMU_MM = 36000
# python-pptx/PowerPoint defaults when bodyPr or a table cell does not say (ECMA-376 20.1.10.4).
INSET = {"lIns": 91440, "rIns": 91440, "tIns": 45720, "bIns": 45720}
CELL_MARGIN = {"marL": 91440, "marR": 91440, "marT": 45720, "marB": 45720}


def check_master(prs, layouts: set[str] | None = None, source: str = "templates/deck.pptx") -> dict:
    """Layouts by name (case ignored); a DeckError listing every layout or placeholder the
    contract misses."""
    by_name = {layout_key(lay.name): lay for lay in prs.slide_layouts}
    problems = []
    for name in sorted(layout_key(n) for n in (layouts if layouts is not None else CONTRACT)):
        lay = by_name.get(name)
        if lay is None:
            problems.append(f"the layout « {name} » is missing (layouts: {', '.join(by_name)})")
            continue
        have = {ph.placeholder_format.idx: ph.placeholder_format.type for ph in lay.placeholders}
        for idx, kind in CONTRACT.get(name, {}).items():
            if idx not in have:
                problems.append(f"the layout « {name} » has no placeholder idx {idx}")
            elif kind is not None and have[idx] != kind:
                problems.append(f"placeholder idx {idx} of the layout « {name} » must be a "
                                f"{kind.name.lower()} placeholder, not {have[idx].name.lower()}")
    if problems:
        raise DeckError(f"{source}: " + "; ".join(problems) + " — see templates/decks.md")
    return by_name


def layout_key(name: str) -> str:
    """Layout names match ignoring case and spacing (« Two Content » is « two content »)."""
    return " ".join(name.split()).lower()


# --- Measuring text --------------------------------------------------------------------------

@dataclass
class TextStyle:
    size_pt: float
    bold: bool
    indent_mm: float  # left margin of the paragraphs (bullets hang in it)
    space_before_pt: float


def _styles_for(shape) -> list:
    """lvl1pPr elements that style a placeholder, nearest first: layout, master, txStyles."""
    out = []
    fmt = shape.placeholder_format
    layout = shape.part.slide_layout if hasattr(shape.part, "slide_layout") else None
    master = layout.slide_master if layout is not None else None
    if layout is not None:
        lp = layout.placeholders.get(idx=fmt.idx)
        if lp is not None:
            out += lp._element.xpath("./p:txBody/a:lstStyle/a:lvl1pPr")
    if master is not None:
        title = fmt.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        kind = PP_PLACEHOLDER.TITLE if title else PP_PLACEHOLDER.BODY
        mp = master.placeholders.get(kind)
        if mp is not None:
            out += mp._element.xpath("./p:txBody/a:lstStyle/a:lvl1pPr")
        which = "p:titleStyle" if title else "p:bodyStyle"
        out += master._element.xpath(f"./p:txStyles/{which}/a:lvl1pPr")
    return out


def text_style(shape) -> TextStyle:
    """The size, weight, indent and spacing the master gives the placeholder's first level."""
    size = bold = indent = space = None
    for ppr in _styles_for(shape):
        d = ppr.find("a:defRPr", NS)
        if size is None and d is not None and d.get("sz"):
            size = int(d.get("sz")) / 100
        if bold is None and d is not None and d.get("b") is not None:
            bold = d.get("b") in ("1", "true")
        if indent is None and ppr.get("marL") is not None:
            indent = int(ppr.get("marL")) / EMU_MM
        sp = ppr.find("a:spcBef/a:spcPts", NS)
        if space is None and sp is not None:
            space = int(sp.get("val")) / 100
    if size is None:
        raise DeckError(f"the master gives no text size to the placeholder « {shape.name} »")
    # explicit run sizes (set when a title shrinks) win over the style
    sizes = [r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size]
    if sizes:
        size = max(sizes)
    return TextStyle(size, bool(bold), indent or 0.0, space or 0.0)


def text_box(shape) -> tuple[float, float]:
    """Width and height (mm) available to text inside the shape's insets."""
    body = shape.text_frame._txBody.find("a:bodyPr", NS)
    ins = {k: int(body.get(k)) if body is not None and body.get(k) else v for k, v in INSET.items()}
    w = (shape.width - ins["lIns"] - ins["rIns"]) / EMU_MM
    h = (shape.height - ins["tIns"] - ins["bIns"]) / EMU_MM
    return w, h


def line_height(bold: bool) -> float:
    """Line pitch in em at 100 % line spacing: the font's ascender + descender (hhea), which is
    what PowerPoint and Impress use — Noto Sans is loose (≈ 1.36 em)."""
    m = metrics(brand.fonts().face(False, bold, False))
    return m["ascender"] + m["descender"]


def paragraphs_height(texts: list[str], style: TextStyle, width_mm: float) -> float:
    """Height (mm) of ``texts`` as paragraphs set in ``style`` in a column ``width_mm`` wide."""
    fonts = brand.fonts()
    pitch = style.size_pt * PT * line_height(style.bold)
    total = 0.0
    for i, t in enumerate(texts):
        lines = len(lay_out([Paragraph([Run(t, bold=style.bold)])], fonts,
                            width_mm - style.indent_mm, style.size_pt).lines) or 1
        total += lines * pitch + (style.space_before_pt * PT if i else 0.0)
    return total


def measure_shape(shape) -> tuple[float, float]:
    """(needed, available) text height in mm for a placeholder as saved: tests use it too."""
    style = text_style(shape)
    w, h = text_box(shape)
    texts = [p.text for p in shape.text_frame.paragraphs]
    return paragraphs_height(texts, style, w), h


# --- Filling slides --------------------------------------------------------------------------

def _placeholder(slide, idx: int, where: str):
    for ph in slide.placeholders:
        if ph.placeholder_format.idx == idx:
            return ph
    raise DeckError(f"{where}: the layout « {slide.slide_layout.name} » has no placeholder "
                    f"idx {idx}")


def _set_paragraphs(ph, texts: list[str]) -> None:
    tf = ph.text_frame
    tf.text = texts[0] if texts else ""
    for t in texts[1:]:
        tf.add_paragraph().text = t


def _fit_single(ph, texts: list[str], min_pt: float, where: str, what: str) -> None:
    """Set texts; shrink in 0.5 pt steps down to ``min_pt`` if they overflow; else fail."""
    _set_paragraphs(ph, texts)
    needed, avail = measure_shape(ph)
    size = text_style(ph).size_pt
    while needed > avail + 1e-6:
        size -= 0.5
        if size < min_pt:
            raise DeckError(f"{where}: the {what} « {' / '.join(texts)[:80]} » does not fit its "
                            f"placeholder even at {min_pt:g} pt (needs {needed:.0f} mm, has "
                            f"{avail:.0f} mm) — shorten it in the data or the plan")
        for p in ph.text_frame.paragraphs:
            for r in p.runs:
                r.font.size = Pt(size)
        needed, avail = measure_shape(ph)


def _chunks(texts: list[str], ph, where: str) -> list[list[str]]:
    """Split a list into runs that each fit the placeholder (a continuation slide each)."""
    style = text_style(ph)
    w, h = text_box(ph)
    chunks, cur = [], []
    for t in texts:
        if paragraphs_height(cur + [t], style, w) <= h + 1e-6:
            cur.append(t)
            continue
        if not cur:
            raise DeckError(f"{where}: the item « {t[:80]} » alone is taller than its placeholder "
                            f"({paragraphs_height([t], style, w):.0f} mm for {h:.0f} mm)")
        chunks.append(cur)
        cur = [t]
    chunks.append(cur)
    return chunks


def _slide_number(slide) -> None:
    """Copy the layout's slide-number placeholder onto the slide (python-pptx leaves it out),
    so PowerPoint and Impress show and renumber the page."""
    for ph in slide.slide_layout.placeholders:
        if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER:
            sp = copy.deepcopy(ph._element)
            for off in sp.xpath(".//p:spPr/*"):  # geometry is inherited from the layout
                off.getparent().remove(off)
            sp.xpath(".//p:cNvPr")[0].set("id", str(_next_id(slide)))
            slide.shapes._spTree.append(sp)
            return


def _next_id(slide) -> int:
    ids = [int(i) for i in slide.shapes._spTree.xpath(".//p:cNvPr/@id")]
    return max(ids, default=1) + 1


def _notes(slide, text: str) -> None:
    if text:
        slide.notes_slide.notes_text_frame.text = text


def _of_type(slide, kind, where: str):
    """The slide's placeholder of ``kind`` (picture, table, chart): its idx varies by layout."""
    for ph in slide.placeholders:
        if ph.placeholder_format.type == kind:
            return ph
    raise DeckError(f"{where}: the layout « {slide.slide_layout.name} » has no "
                    f"{kind.name.lower()} placeholder")


def _picture(slide, path: str, fit: str, where: str) -> None:
    if not Path(path).is_file():
        raise DeckError(f"{where}: the picture {path} does not exist")
    ph = _of_type(slide, PICTURE, where)
    box = (ph.left, ph.top, ph.width, ph.height)
    pic = ph.insert_picture(path)  # python-pptx crops the picture to the placeholder's proportions
    if fit == "contain":  # a map must not lose its edges: uncrop, scale down, centre
        pic.crop_left = pic.crop_right = pic.crop_top = pic.crop_bottom = 0
        iw, ih = pic.image.size
        scale = min(box[2] / iw, box[3] / ih)
        w, h = round(iw * scale), round(ih * scale)
        pic.left, pic.top = box[0] + (box[2] - w) // 2, box[1] + (box[3] - h) // 2
        pic.width, pic.height = w, h


def _chart(slide, spec: dict, where: str) -> None:
    try:
        kind = chart_type(spec)
    except ChartSpecError as exc:
        raise DeckError(f"{where}: {exc}") from None
    chart = _of_type(slide, CHART, where).insert_chart(kind, chart_data(spec)).chart
    style_chart(chart, spec, brand.tokens()["fonts"]["latin"]["family"],
                brand.size("decks.caption"))


def _table_rows(spec: dict, width_mm: float, avail_mm: float, where: str):
    """Row heights measured with the table's font; data rows split into pages that fit."""
    size = brand.size("decks.caption")
    fonts = brand.fonts()
    total_w = sum(spec["widths"])
    cols = [width_mm * w / total_w for w in spec["widths"]]
    pad_w = (CELL_MARGIN["marL"] + CELL_MARGIN["marR"]) / EMU_MM
    pad_h = (CELL_MARGIN["marT"] + CELL_MARGIN["marB"]) / EMU_MM

    def height(cells, bold):
        pitch = size * PT * line_height(bold)
        lines = max(len(lay_out([Paragraph([Run(c or " ", bold=bold)])], fonts, w - pad_w,
                                size).lines) or 1
                    for c, w in zip(cells, cols, strict=True))
        return lines * pitch + pad_h

    head = height(spec["headers"], True)
    pages, cur, used = [], [], head
    for row in spec["rows"]:
        h = height(row, False)
        if head + h > avail_mm:
            raise DeckError(f"{where}: a table row « {' | '.join(row)[:80]} » is taller than the "
                            "table placeholder")
        if used + h > avail_mm + 1e-6:
            pages.append(cur)
            cur, used = [], head
        cur.append((row, h))
        used += h
    pages.append(cur)
    return cols, head, pages


def _table(slide, spec: dict, cols, head, page, where: str) -> None:
    ph = _of_type(slide, TABLE, where)
    frame = ph.insert_table(rows=len(page) + 1, cols=len(cols))
    table = frame.table
    size = Pt(brand.size("decks.caption"))
    for j, w in enumerate(cols):
        table.columns[j].width = Emu(round(w * EMU_MM))
    heights = [head] + [h for _, h in page]
    align = spec.get("align") or ["left"] * len(cols)
    for i, (cells, h) in enumerate([(spec["headers"], head)] + page):
        table.rows[i].height = Emu(round(h * EMU_MM))
        for j, text in enumerate(cells):
            _cell(table.cell(i, j), text, size, bold=i == 0, right=align[j] == "right")
    frame.height = Emu(round(sum(heights) * EMU_MM))


def _cell(cell, text: str, size, bold: bool, right: bool) -> None:
    tf = cell.text_frame
    tf.text = text
    for p in tf.paragraphs:
        if right:  # figures line up on their last digit
            p.alignment = PP_ALIGN.RIGHT
        for r in p.runs:
            r.font.size = size
            r.font.bold = bold


def _facts(slide, facts: list[tuple[str, str, bool]], where: str) -> None:
    """A product's or a dish's facts as a grid in the table placeholder: the label in bold,
    the value beside it, no header row."""
    ph = _of_type(slide, TABLE, where)
    size = brand.size("decks.caption")
    fonts = brand.fonts()
    width, avail = ph.width / EMU_MM, ph.height / EMU_MM  # the placeholder goes with the insert
    frame = ph.insert_table(rows=len(facts), cols=2)
    table = frame.table
    table.first_row = False  # no header styling: every row is a fact
    pad = (CELL_MARGIN["marL"] + CELL_MARGIN["marR"]) / EMU_MM
    bold = meter(fonts.face(False, True, False))
    label_w = max(bold.width(label, size * PT) for label, _, _ in facts) + pad + 2
    table.columns[0].width = Emu(round(label_w * EMU_MM))
    table.columns[1].width = Emu(round((width - label_w) * EMU_MM))
    pitch = size * PT * line_height(False)
    total = 0.0
    for i, (label, value, _) in enumerate(facts):
        lines = len(lay_out([Paragraph([Run(value or " ")])], fonts, width - label_w - pad,
                            size).lines) or 1
        h = lines * pitch + (CELL_MARGIN["marT"] + CELL_MARGIN["marB"]) / EMU_MM
        table.rows[i].height = Emu(round(h * EMU_MM))
        total += h
        _cell(table.cell(i, 0), label, Pt(size), bold=True, right=False)
        # a description list, not a column of figures: values aligned on their left edge
        _cell(table.cell(i, 1), value, Pt(size), bold=False, right=False)
    if total > avail + 1e-6:
        raise DeckError(f"{where}: the facts need {total:.0f} mm and their placeholder has "
                        f"{avail:.0f} mm — fewer facts or shorter values")
    frame.height = Emu(round(total * EMU_MM))


def fill_deck(prs, slides: list[SlideContent], min_pt: dict, layouts: dict) -> int:
    """Add every slide (and its continuations) to ``prs``; returns the number of slides."""
    for s in slides:
        try:
            _add_slides(prs, s, min_pt, layouts)
        except MissingGlyph as exc:
            raise DeckError(f"{s.where}: {exc}") from None
    return len(prs.slides)


def _add_slides(prs, s: SlideContent, min_pt: dict, layouts: dict) -> None:
    """One slide of the plan: one slide, or several when its list or table continues."""
    layout = layouts.get(layout_key(s.layout))
    if layout is None:
        raise DeckError(f"{s.where}: unknown layout « {s.layout} » — the master has "
                        f"{', '.join(layouts)}")
    pages = [None]
    flow = CONTINUES.get(layout_key(s.layout))
    if flow is not None and s.texts.get(flow):
        probe = prs.slides.add_slide(layout)
        pages = _chunks(s.texts[flow], _placeholder(probe, flow, s.where), s.where)
        _drop_slide(prs, probe)
    table_pages = None
    if s.table is not None:
        probe = prs.slides.add_slide(layout)
        ph = _of_type(probe, TABLE, s.where)
        table_pages = _table_rows(s.table, ph.width / EMU_MM, ph.height / EMU_MM, s.where)
        pages = table_pages[2]
        _drop_slide(prs, probe)
    for n, page in enumerate(pages):
        slide = prs.slides.add_slide(layout)
        _fit_single(_placeholder(slide, 0, s.where), [s.title], min_pt["title"], s.where, "title")
        for idx, texts in s.texts.items():
            ph = _placeholder(slide, idx, s.where)
            if idx == flow:
                _set_paragraphs(ph, page)
            else:
                _fit_single(ph, texts, min_pt["text"], s.where, "text")
        if s.picture:
            _picture(slide, s.picture, s.picture_fit, s.where)
        if s.chart:
            _chart(slide, s.chart, s.where)
        if table_pages is not None:
            _table(slide, s.table, table_pages[0], table_pages[1], page, s.where)
        if s.facts:
            _facts(slide, s.facts, s.where)
        _remove_empty(slide)
        _slide_number(slide)
        _notes(slide, s.notes if n == 0 or not s.notes else f"(suite) {s.notes}")


def _remove_empty(slide) -> None:
    """An unfilled placeholder shows « Click to add text » in PowerPoint: remove it."""
    graphic = (PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.TABLE, PP_PLACEHOLDER.CHART)
    for ph in list(slide.placeholders):
        if ph.placeholder_format.type in graphic:
            empty = ph.__class__.__name__.endswith("Placeholder")  # not yet a picture/table/chart
        else:
            empty = ph.has_text_frame and not ph.text_frame.text
        if empty:
            ph._element.getparent().remove(ph._element)


def _drop_slide(prs, slide) -> None:
    """Remove a probe slide (used only to read the placeholders' inherited geometry)."""
    ids = prs.slides._sldIdLst
    for sld in list(ids):
        if prs.part.related_part(sld.rId) is slide.part:
            prs.part.drop_rel(sld.rId)
            ids.remove(sld)
            return


# --- Saving ----------------------------------------------------------------------------------

CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")  # kana, kanji, full-width


def embed_brand_fonts(prs) -> None:
    """The brand faces in the deck (``p:embeddedFontLst``): the Latin family always, the
    Japanese one when a slide or a note holds Japanese."""
    text = []
    for slide in prs.slides:
        text += [t for t in slide.shapes._spTree.itertext()]
        if slide.has_notes_slide:
            text.append(slide.notes_slide.notes_text_frame.text)
    embed_in_pptx(prs, brand_faces(japanese=bool(CJK.search("".join(text)))))


def save_deck(prs, when: str) -> bytes:
    """The deck's bytes, identical for identical content (zip dates, workbook dates fixed)."""
    stamp = f"{when}T00:00:00Z" if len(when) == 10 else when
    for slide in prs.slides:
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and shape.has_chart:
                wb = shape.chart.part.chart_workbook.xlsx_part
                if wb is not None:
                    wb.blob = fixed_workbook(wb.blob, stamp)
    buf = io.BytesIO()
    prs.save(buf)
    return normalise_zip(buf.getvalue())


def open_master(path: Path):
    try:
        return Presentation(str(path))
    except Exception as exc:  # a damaged or non-PPTX file: say which
        raise DeckError(f"{path}: cannot be opened as a PowerPoint file ({exc})") from None
