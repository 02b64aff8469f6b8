"""The Office documents as a client receives them (issue 19): the strategy PDF's cover alone,
its table of contents numbered, no table header or figure broken inside a word, the brand faces
embedded and found by LibreOffice on a machine without them, native Word charts whose
workbooks hold the plotted numbers, decks whose title slides carry a photograph and the mark,
text only in placeholders, French chart formats, and openxml-audit's verdict on every file.

Readers we did not write do the checking: openxml-audit, LibreOffice, poppler (pdftotext,
pdffonts, pdfimages), openpyxl, fontTools, python-docx/pptx."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn as pqn

from atelier.office import soffice_pdf
from atelier.render import charts, colwidths, fontembed
from atelier.render.docx import DocxWriter, TableSpec
from atelier.render.pptx import layout_key, measure_shape

from .conftest import ROOT, rows_of

DOCX = "build/docs/strategie-culinaire-all.docx"
PDF = "build/docs/strategie-culinaire-all.pdf"
DECKS = ["cite-electriciens", "evaluation", "olhain", "partenaires"]
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
HAS_SOFFICE = shutil.which("soffice") is not None
needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice is not installed")
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


@pytest.fixture(scope="module")
def built(sample_build) -> Path:
    """The sample as the whole workflow built it, the strategy (DOCX, PDF) and the decks (PPTX,
    PDF) with the rest (shared, read only)."""
    return sample_build


def _pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-raw"] + (["-f", str(first)] if first else []) + \
        (["-l", str(last)] if last else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _pages(pdf: Path) -> list[str]:
    return _pdf_text(pdf).split("\f")


# --- no word broken inside a table cell ---------------------------------------------------------

def table_tokens(document) -> Counter:
    """What must never break inside a table: each word of a header cell, and each figure (a
    right-aligned cell) whole. Counted, so a broken one shows as a missing occurrence."""
    out: Counter = Counter()
    for table in document.tables:
        for r, row in enumerate(table.rows):
            seen = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                para = cell.paragraphs[0]
                text = cell.text.translate(SPACES).strip()
                if not text:
                    continue
                if r == 0:  # a header: each word (a break after a hyphen is allowed)
                    out.update(w for w in re.split(r"(?<=-)|\s+", text) if len(w) > 2)
                elif para.alignment is not None and para.alignment == 2:  # right: a figure
                    out[text] += 1
    return out


def _occurrences(token: str, text: str) -> int:
    return len(re.findall(r"(?<![\w,])" + re.escape(token) + r"(?![\w,])", text))


def broken_tokens(document, pdf_text: str) -> dict[str, tuple[int, int]]:
    """Tokens found fewer times whole on a line of the PDF than the DOCX holds them (in tables
    and anywhere else): a token broken across lines is not found whole."""
    text = pdf_text.translate(SPACES)
    body = "\n".join(p.text for p in document.paragraphs) + "\n" + "\n".join(
        tc.xpath("string(.)") for t in document.tables for tc in t._tbl.iter(qn("w:tc")))
    body = body.translate(SPACES)
    out = {}
    for token in table_tokens(document):
        want = _occurrences(token, body)
        got = _occurrences(token, text)
        if got < want:
            out[token] = (got, want)
    return out


@pytest.mark.slow
@needs_soffice
def test_no_table_header_or_figure_breaks_inside_a_word(built):
    document = docx.Document(str(built / DOCX))
    tokens = table_tokens(document)
    assert len(tokens) > 200  # headers and figures of the 20-odd tables
    assert broken_tokens(document, _pdf_text(built / PDF)) == {}


@needs_soffice
def test_word_break_check_catches_a_cell_too_narrow(tmp_path):
    """The counter-example: the same kind of table with the old fixed, too narrow columns."""
    from atelier.render.strategy import STYLES

    w = DocxWriter(ROOT / "templates/strategie.docx", STYLES)
    header = ["Responsable", "Jalon", "Total TTC", "Début"]
    rows = [["Claire Vandewalle", "oui", "1\u202f200,00\u00a0€", "02/12/2019"]]
    w.table(TableSpec(header, rows, widths=[14, 9, 11, 12],
                      align=["left", "left", "right", "left"]))
    w.finish(tmp_path / "narrow.docx", "t", "", "a", "fr-FR", "2020-07-15")
    pdf = tmp_path / "narrow.pdf"
    pdf.write_bytes(soffice_pdf(tmp_path / "narrow.docx"))
    broken = broken_tokens(docx.Document(str(tmp_path / "narrow.docx")), _pdf_text(pdf))
    assert "Responsable" in broken and "1 200,00 €" in broken


def test_columns_are_at_least_their_longest_word():
    from atelier import brand

    fonts = brand.fonts()
    cols = [[colwidths.Cell("Responsable", bold=True), colwidths.Cell("Claire Vandewalle")],
            [colwidths.Cell("TTC", bold=True), colwidths.Cell("12 500,00 €", whole=True)]]
    widths = colwidths.fit_columns(cols, 60, 8, 3, fonts)
    assert sum(widths) == pytest.approx(60)
    from atelier.layout.fonts import PT, meter

    bold = meter(fonts.face(False, True, False))
    regular = meter(fonts.face(False, False, False))
    assert widths[0] >= bold.width("Responsable", 8 * PT) + 3
    assert widths[1] >= regular.width("12 500,00 €", 8 * PT) + 3  # a figure never breaks
    # the text column takes the spare width, the figure column stays close to its figure
    assert widths[1] == pytest.approx(regular.width("12 500,00 €", 8 * PT) + 3)
    with pytest.raises(colwidths.TableTooWide, match="narrowest"):
        colwidths.fit_columns(cols, 20, 8, 3, fonts, "essai")


# --- the strategy PDF: cover, contents, fonts ---------------------------------------------------

@pytest.mark.slow
@needs_soffice
def test_cover_is_alone_and_the_contents_are_numbered(built, settings):
    pages = _pages(built / PDF)
    conf = settings["documents"]["strategy"]
    cover = " ".join(pages[0].split())
    assert conf["title"] in cover and "Sommaire" not in cover
    assert pages[1].lstrip().startswith("Sommaire")
    # the cover carries the mark and the photograph: two images on page 1
    listed = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1", str(built / PDF)],
                            capture_output=True, text=True, check=True).stdout
    assert len(listed.strip().splitlines()) - 2 >= 2
    # every entry of the contents, in order, points at the page where its heading is
    document = docx.Document(str(built / DOCX))
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name in ("Heading 1", "Heading 2")]
    contents = "\n".join(pages[1:4]).translate(SPACES)
    pos = 0
    for style, title in headings:
        title = title.translate(SPACES)
        m = re.compile(r"(?m)^" + re.escape(title) + r"\s*\.{3,}\s*(\d+)$").search(contents, pos)
        assert m, f"« {title} » has no page number in the contents"
        pos = m.end()
        page = " ".join(pages[int(m.group(1)) - 1].translate(SPACES).split())
        if style == "Heading 1":  # a chapter opens its page
            assert page.startswith(" ".join(title.split())), f"« {title} », p. {m.group(1)}"
        else:
            assert " ".join(title.split()) in page, f"« {title} », p. {m.group(1)}"
    assert len(headings) > 40


@pytest.mark.slow
@needs_soffice
def test_pdf_uses_the_brand_faces_only(built):
    fonts = subprocess.run(["pdffonts", str(built / PDF)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts}
    assert names and all(n.startswith("NotoSans") for n in names), names


# --- fonts travel with the files ----------------------------------------------------------------

def _no_brand_fontconfig(tmp_path: Path) -> dict:
    """An environment whose fontconfig knows DejaVu only: a machine without the brand faces."""
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{dejavu}</dir>'
                    f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    return dict(os.environ, FONTCONFIG_FILE=str(conf))


def _faces_used(pdf: Path) -> set[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    return {line.split()[0].split("+")[-1] for line in out.stdout.splitlines()[2:]}


def _convert(src: Path, env: dict, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(out), str(src)],
                   env=env, capture_output=True, timeout=300, check=True)
    return out / (src.stem + ".pdf")


@pytest.mark.slow
@needs_soffice
@pytest.mark.skipif(not Path("/usr/share/fonts/truetype/dejavu").is_dir(), reason="no DejaVu")
def test_libreoffice_without_the_fonts_shows_the_embedded_brand_faces(built, tmp_path):
    env = _no_brand_fontconfig(tmp_path)
    faces = _faces_used(_convert(built / DOCX, env, tmp_path))
    assert {"NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic"} <= faces, faces
    assert not any(f.startswith("DejaVu") for f in faces), faces
    # counter-example: the same document with its fonts no longer declared falls back to DejaVu
    bare = tmp_path / "bare" / "strategie.docx"
    bare.parent.mkdir()
    with zipfile.ZipFile(built / DOCX) as src, zipfile.ZipFile(bare, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/fontTable.xml":
                data = re.sub(rb"<w:embed(Regular|Bold|Italic|BoldItalic) [^>]*/>", b"", data)
            dst.writestr(item, data)
    assert any(f.startswith("DejaVu") for f in _faces_used(_convert(bare, env, tmp_path)))


def test_odttf_obfuscation_is_the_documented_one():
    """ECMA-376 17.8.1 with the key of its example: bytes 0-31 XORed with the GUID read
    backwards; applying it twice gives the font back."""
    data = bytes(range(64))
    key = "{01234567-89AB-CDEF-0123-456789ABCDEF}"
    out = fontembed.obfuscate(data, key)
    k = bytes.fromhex("0123456789ABCDEF0123456789ABCDEF")[::-1]
    assert out[:32] == bytes(b ^ k[i % 16] for i, b in enumerate(data[:32]))
    assert out[32:] == data[32:] and fontembed.obfuscate(out, key) == data


@pytest.mark.slow
def test_docx_and_pptx_carry_the_brand_faces(built):
    from fontTools.ttLib import TTFont

    document = docx.Document(str(built / DOCX))
    table_part = next(r.target_part for r in document.part.rels.values()
                      if r.reltype.endswith("/fontTable"))
    table = etree.fromstring(table_part.blob)
    font = next(f for f in table.iter(qn("w:font")) if f.get(qn("w:name")) == "Noto Sans")
    embeds = [e for e in font if e.tag.endswith(("embedRegular", "embedBold", "embedItalic",
                                                 "embedBoldItalic"))]
    assert len(embeds) == 4
    for e in embeds:
        part = table_part.rels[e.get(qn("r:id"))].target_part
        assert part.content_type == fontembed.CT_ODTTF
        clear = fontembed.obfuscate(part.blob, e.get(qn("w:fontKey")))
        assert TTFont(io.BytesIO(clear))["name"].getDebugName(1) == "Noto Sans"
    assert document.settings.element.find(qn("w:embedTrueTypeFonts")) is not None
    for deck in DECKS:
        prs = Presentation(str(built / f"build/decks/{deck}.pptx"))
        lst = prs.part._element.find(pqn("p:embeddedFontLst"))
        (entry,) = lst
        assert entry[0].get("typeface") == "Noto Sans" and len(entry) == 5
        for face in entry[1:]:
            blob = prs.part.related_part(face.get(pqn("r:id"))).blob
            size, data_size, version = (int.from_bytes(blob[i:i + 4], "little")
                                        for i in (0, 4, 8))
            assert size == len(blob) and version == 0x00020001
            assert int.from_bytes(blob[34:36], "little") == 0x504C  # EOT magic
            assert TTFont(io.BytesIO(blob[-data_size:]))["name"].getDebugName(1) == "Noto Sans"


# --- native Word charts -------------------------------------------------------------------------

def _docx_charts(path: Path) -> list[tuple[etree._Element, openpyxl.Workbook]]:
    document = docx.Document(str(path))
    out = []
    for rel in document.part.rels.values():
        if not rel.reltype.endswith("/chart"):
            continue
        part = rel.target_part
        book_part = next(r.target_part for r in part.rels.values()
                         if r.reltype.endswith("/package"))
        out.append((etree.fromstring(part.blob),
                    openpyxl.load_workbook(io.BytesIO(book_part.blob))))
    return out


def _plotted(chart: etree._Element) -> dict[str, list[float]]:
    out = {}
    for ser in chart.iter(f"{C}ser"):
        name = ser.find(f"{C}tx//{C}v").text
        out[name] = [float(v.text) for v in ser.iter(f"{C}v") if v.getparent().getparent().tag
                     == f"{C}numCache"]
    return out


@pytest.mark.slow
def test_docx_charts_are_native_with_their_numbers_in_the_workbook(built, settings):
    found = _docx_charts(built / DOCX)
    assert len(found) == 2
    for chart, book in found:
        sheet = book.worksheets[0]
        for col, (name, values) in enumerate(_plotted(chart).items(), start=2):
            assert sheet.cell(1, col).value == name
            assert [sheet.cell(r, col).value for r in range(2, 2 + len(values))] == values
        for ax in ("axId", "crossAx"):
            assert all(int(e.get("val")) >= 0 for e in chart.iter(f"{C}{ax}"))
    # the budget chart's numbers are the sheet's, recomputed here
    volet_of = {r["id"]: r["volet"] for r in rows_of(ROOT / "inputs/planning.xlsx")}
    ht: Counter = Counter()
    for r in rows_of(ROOT / "inputs/budget.xlsx"):
        ht[volet_of[r["action"]]] += Decimal(str(r["quantite"])) * Decimal(
            str(r["prix_unitaire_ht"]))
    budget = next(_plotted(c) for c, _ in found if "Total HT" in _plotted(c))
    assert sorted(budget["Total HT"]) == sorted(float(v) for v in ht.values())


def test_chart_formats_are_french_and_axis_ids_positive():
    assert charts.french_format('0.0" %"') == '[$-40C]0.0"\u00a0%"'
    assert charts.french_format("[$-40C]0") == "[$-40C]0"
    xml, book = charts.chart_blobs({"type": "bar", "categories": ["a", "b"],
                                    "series": [("S", [1.5, 2.0])], "number_format": '0.0" %"',
                                    "labels": True}, "Noto Sans", 8, ["#B8472E"], "2020-07-15")
    root = etree.fromstring(xml)
    ids = [int(e.get("val")) for e in root.iter(f"{C}axId")]
    assert ids and all(i > 0 for i in ids)
    assert root.find(f".//{C}dLbls/{C}numFmt").get("formatCode").startswith("[$-40C]")
    assert openpyxl.load_workbook(io.BytesIO(book)).worksheets[0]["B3"].value == 2.0


@pytest.mark.slow
@needs_soffice
def test_deck_chart_labels_read_the_french_way(built):
    text = _pdf_text(built / "build/decks/evaluation.pdf").translate(SPACES)
    assert re.search(r"\b\d+,\d %", text) and not re.search(r"\b\d+\.\d %", text)


# --- decks: title slides, placeholders ----------------------------------------------------------

@pytest.mark.slow
@needs_soffice
def test_title_slides_carry_a_photograph_and_the_mark(built):
    for deck in DECKS:
        prs = Presentation(str(built / f"build/decks/{deck}.pptx"))
        first = prs.slides[0]
        assert layout_key(first.slide_layout.name) == "title"
        photos = [sh for sh in first.shapes if sh.is_placeholder
                  and sh.placeholder_format.type == PP_PLACEHOLDER.PICTURE and hasattr(sh, "image")]
        assert photos, deck
        marks = [sh for sh in first.slide_layout.shapes if sh.name == "ALL mark"]
        assert marks and marks[0].width >= 25 * 36000, deck  # brand minimum width
        # its clear space (half the wordmark's cap height, 100 of the 140.78 units of the
        # logo's height) holds nothing of the slide
        mark = marks[0]
        clear = mark.height * 100 / 140.78 / 2
        box = (mark.left - clear, mark.top - clear, mark.left + mark.width + clear,
               mark.top + mark.height + clear)
        for sh in first.shapes:
            inside = (sh.left < box[2] and box[0] < sh.left + sh.width
                      and sh.top < box[3] and box[1] < sh.top + sh.height)
            assert not inside, f"{deck}: « {sh.name} » in the mark's clear space"
        listed = subprocess.run(["pdfimages", "-list", "-f", "1", "-l", "1",
                                 str(built / f"build/decks/{deck}.pdf")],
                                capture_output=True, text=True, check=True).stdout
        assert len(listed.strip().splitlines()) - 2 >= 2, deck  # photo and mark drawn


def layout_problems(prs) -> list[str]:
    """Text outside a placeholder, a placeholder left empty, text taller than its box."""
    out = []
    for n, slide in enumerate(prs.slides, start=1):
        for sh in slide.shapes:
            where = f"slide {n} › {sh.name}"
            if not sh.is_placeholder:
                if sh.has_text_frame and sh.text_frame.text.strip():
                    out.append(f"{where}: text outside a placeholder")
                continue
            kind = sh.placeholder_format.type
            if kind == PP_PLACEHOLDER.SLIDE_NUMBER:
                continue
            if sh.__class__.__name__.endswith("Placeholder") and not (
                    sh.has_text_frame and sh.text_frame.text.strip()):
                out.append(f"{where}: empty placeholder")
            elif sh.has_text_frame and kind not in (PP_PLACEHOLDER.PICTURE,):
                needed, available = measure_shape(sh)
                if needed > available + 0.5:
                    out.append(f"{where}: text {needed:.0f} mm tall in {available:.0f} mm")
    return out


@pytest.mark.slow
def test_every_text_in_its_placeholder_and_no_placeholder_empty(built):
    for deck in DECKS:
        assert layout_problems(Presentation(str(built / f"build/decks/{deck}.pptx"))) == [], deck


def test_layout_check_catches_stray_text_and_empty_placeholders():
    prs = Presentation(str(ROOT / "templates/deck.pptx"))
    layout = next(lay for lay in prs.slide_layouts if layout_key(lay.name) == "text")
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = "Titre"
    slide.shapes.add_textbox(0, 0, 914400, 914400).text_frame.text = "hors cadre"
    problems = layout_problems(prs)
    assert any("text outside a placeholder" in p for p in problems)
    assert any("empty placeholder" in p for p in problems)  # the body left empty


@pytest.mark.slow
def test_deck_tables_right_align_figures(built):
    prs = Presentation(str(built / "build/decks/partenaires.pptx"))
    table = next(sh.table for s in prs.slides for sh in s.shapes
                 if sh.has_table and s.shapes.title.text == "Les produits culinaires ALL")
    header = [c.text for c in table.rows[0].cells]
    price = header.index("Prix TTC")
    product = header.index("Produit")
    for row in list(table.rows)[1:]:
        assert row.cells[price].text_frame.paragraphs[0].alignment == 3  # PP_ALIGN.RIGHT
        assert row.cells[product].text_frame.paragraphs[0].alignment in (None, 1)


@pytest.mark.slow
def test_speaker_notes_are_kept(built):
    prs = Presentation(str(built / "build/decks/partenaires.pptx"))
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide]
    assert len([n for n in notes if n.strip()]) >= 6


# --- valid for the Office clients ----------------------------------------------------------------

@pytest.mark.slow
def test_openxml_audit_reports_no_error_on_the_five_office_files(built):
    from openxml_audit import OpenXmlValidator

    files = [built / DOCX] + [built / f"build/decks/{d}.pptx" for d in DECKS]
    validator = OpenXmlValidator()
    for f in files:
        result = validator.validate(str(f))
        assert result.errors == [], f"{f.name}: {[str(e) for e in result.errors[:5]]}"


def test_openxml_audit_catches_negative_axis_ids(tmp_path):
    """The counter-example: python-pptx's own chart XML, with its negative axis ids."""
    from openxml_audit import OpenXmlValidator
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("S", [1, 2])
    slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, 0, 0, 914400, 914400, data)
    prs.save(tmp_path / "raw.pptx")
    errors = OpenXmlValidator().validate(str(tmp_path / "raw.pptx")).errors
    assert any("axId" in str(e) for e in errors)


@pytest.mark.slow
@needs_soffice
def test_libreoffice_round_trips_every_office_file(built, tmp_path):
    files = [built / DOCX] + [built / f"build/decks/{d}.pptx" for d in DECKS]
    for fmt, filt in (("docx", "docx:MS Word 2007 XML"),
                      ("pptx", "pptx:Impress MS PowerPoint 2007 XML")):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                        "--headless", "--convert-to", filt, "--outdir", str(tmp_path / fmt),
                        *[str(f) for f in files if f.suffix == f".{fmt}"]],
                       capture_output=True, timeout=300, check=True)
    for f in files:
        fmt = f.suffix[1:]
        back = tmp_path / fmt / f.name
        if fmt == "docx":
            a, b = docx.Document(str(f)), docx.Document(str(back))
            heads = [p.text for p in a.paragraphs if p.style.name.startswith("Heading")]
            assert [p.text for p in b.paragraphs if p.style.name.startswith("Heading")] == heads
            assert len(b.tables) == len(a.tables)
            assert len(_docx_charts(back)) == len(_docx_charts(f))
        else:
            a, b = Presentation(str(f)), Presentation(str(back))
            assert len(b.slides) == len(a.slides)
            assert [s.shapes.title.text for s in b.slides if s.shapes.title is not None] == \
                [s.shapes.title.text for s in a.slides if s.shapes.title is not None]
            assert sum(sh.has_chart for s in b.slides for sh in s.shapes) == \
                sum(sh.has_chart for s in a.slides for sh in s.shapes)


# --- French typography (atelier.content.typography, applied to every text written) ------------

def typography_faults(text: str) -> list[str]:
    """Breaches of DESIGN.md's French rules in running text: a straight apostrophe, a breaking
    space before « ; : ! ? » or « » », after « « », or between a number and %/€."""
    rules = {"straight apostrophe": r"\w'\w", "breaking space before ; : ! ?": r"\w [;:!?]",
             "breaking space in guillemets": r"« | »", "breaking space before a unit": r"\d [%€]"}
    text = re.sub(r"https?://\S+", "", text)
    return [f"{name}: «{m.group()}»" for name, rule in rules.items()
            for m in re.finditer(rule, text)]


def test_typography_check_catches_plain_spaces():
    assert len(typography_faults("Prix : 12 € ; l'été « ici »")) == 5
    from atelier.content.typography import french

    assert typography_faults(french("Prix : 12 € ; l'été « ici »")) == []


@pytest.mark.slow
def test_office_text_follows_french_typography(built):
    document = docx.Document(str(built / DOCX))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        tc.xpath("string(.)") for t in document.tables for tc in t._tbl.iter(qn("w:tc")))
    assert typography_faults(text) == []
    for deck in DECKS:
        prs = Presentation(str(built / f"build/decks/{deck}.pptx"))
        slides = "\n".join(sh.text_frame.text for s in prs.slides for sh in s.shapes
                           if sh.has_text_frame)
        cells = "\n".join(c.text for s in prs.slides for sh in s.shapes if sh.has_table
                          for row in sh.table.rows for c in row.cells)
        assert typography_faults(slides + "\n" + cells) == [], deck


@pytest.mark.slow
def test_appendix_declares_nutrition_as_the_labels_do(built):
    """The appendix's values are the labels' (content.nutrition, the one place that rounds)."""
    from atelier.content import nutrition

    document = docx.Document(str(built / DOCX))
    table = document.tables[-1]
    header = [c.text for c in table.rows[0].cells]
    products = {p["nom_fr"]: p for p in rows_of(ROOT / "inputs/produits.xlsx")}
    declared = [p for p in products.values() if p.get("exemption_nutrition") == "non"]
    assert len(table.rows) - 1 == len(declared) > 0
    for row in list(table.rows)[1:]:
        cells = [c.text for c in row.cells]
        name = cells[0].replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
        # both no-break spaces: typography sets thousands with U+00A0, Babel with U+202F
        want = {r.label: r.value.replace("\u202f", "\u00a0")
                for r in nutrition.declaration(products[name])}
        cells = [c.replace("\u202f", "\u00a0") for c in cells]
        assert cells[1].split("\n")[0] == want["Énergie"].split(" / ")[0]
        for label, value in zip(header[2:], cells[2:], strict=True):
            assert value == want.get(label, "—"), (name, label)
