"""The layout lint (atelier/print/layout_lint.py): each rule caught on a piece that breaks it,
and silent on the same piece done right. Pieces are real PDFs drawn by the project's canvas."""

from __future__ import annotations

from pathlib import Path

import pytest

from atelier.brand import fonts
from atelier.layout.fonts import PT, Face
from atelier.layout.text import Paragraph, lay_out
from atelier.print import layout_lint
from atelier.print.preflight import MM
from atelier.render.canvas import Canvas, PrintGeometry, render_pdf

F = fonts()
W, H = 148.0, 210.0  # an A5 menu page
INK = "#000000"
MARK = {"page": 0, "role": "mark", "element": "ALL mark", "box_mm": [10, 10, 30, 16.4],
        "lines": []}


@pytest.fixture(autouse=True)
def strict(monkeypatch):
    """Every rule at its own level (the sample's transitional ``pending`` list left aside)."""
    conf = dict(layout_lint.settings(), pending=[])
    monkeypatch.setattr(layout_lint, "settings", lambda: conf)


SAFETY_MM = 5.0  # a menu's safety zone (the pack's plan gives each file its family's)


def piece(tmp_path: Path, draw, family: str = "menus", name: str = "piece") -> str:
    canvas = Canvas(W, H)
    draw(canvas)
    path = tmp_path / "build" / "print" / family / f"{name}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_pdf([canvas], PrintGeometry.none(), name))
    return str(path)


def lint(path: str, declaration: dict | None, tmp_path: Path):
    found = layout_lint.check_file(path, declaration, [[0, 0, W * MM, H * MM]], SAFETY_MM,
                                   thumb_dir=tmp_path / "thumbs")
    return [f for f in found if f.level != "ok"]


def rules_of(found) -> set[str]:
    return {f.message.split(":")[0].split(" › ")[-1] for f in found}


def filler(canvas: Canvas, y0: float = 60.0, to: float = 195.0):
    """Body text over the page, so that the empty-band rule stays quiet."""
    y = y0
    while y < to:
        for x in (12, 78):
            canvas.text(x, y, Face(F.latin), 9 * PT, "Texte courant qui remplit la page.", INK)
        y += 6


def text_at(canvas: Canvas, lay, x: float, y: float, decl: list, role: str, element: str,
            lang: str = "fr"):
    canvas.layout(lay, x, y, INK)
    decl.append(lay.declare(x, y, role, element, 0, lang))


def clean_decl(boxes):
    return {"family": "menus", "boxes": [MARK, *boxes], "covers": []}


# -- hyphenation ----------------------------------------------------------------------------------
def test_a_hyphenated_heading_is_an_error(tmp_path):
    decl: list = []

    def draw(c):
        # a designer's error forced by hand: the title set as body text, hyphenated
        lay = lay_out([Paragraph.of("Crème de maroilles à tartiner")], F, 33, 11)
        assert any("".join(s.text for s in ln.spans).endswith("-") for ln in lay.lines)
        text_at(c, lay, 12, 45, decl, "name", "creme › name")
        filler(c)
    found = lint(piece(tmp_path, draw), clean_decl(decl), tmp_path)
    assert rules_of(found) == {"hyphenation"}, [f.message for f in found]
    assert "piece › creme › name › hyphenation" in found[0].message
    assert found[0].image and Path(found[0].image).exists()


def test_a_name_line_ending_on_a_leading_word_is_an_error(tmp_path):
    decl: list = []

    def draw(c):
        # forced by hand: the name set as body text, which may break after « le »
        lay = next(lay for w in range(20, 60) if (lay := lay_out(
            [Paragraph.of("Aniche, le verre noir")], F, float(w), 11)).lines
            and "".join(s.text for s in lay.lines[0].spans).rstrip().endswith(" le"))
        text_at(c, lay, 12, 45, decl, "name", "aniche › name")
        filler(c)
    found = lint(piece(tmp_path, draw), clean_decl(decl), tmp_path)
    assert rules_of(found) == {"line-end"}, [f.message for f in found]
    assert "« le »" in found[0].message
    # the engine, asked for a name, breaks before « le »: nothing to report
    decl2: list = []

    def draw2(c):
        lay = lay_out([Paragraph.heading("Aniche, le verre noir")], F, 30.0, 11)
        assert len(lay.lines) > 1
        text_at(c, lay, 12, 45, decl2, "name", "aniche › name")
        filler(c)
    assert lint(piece(tmp_path / "ok", draw2), clean_decl(decl2), tmp_path / "ok") == []


def test_a_heading_broken_at_a_real_hyphen_is_fine(tmp_path):
    decl: list = []

    def draw(c):
        lay = lay_out([Paragraph.heading("Le savoir-faire du Pas-de-Calais")], F, 30, 11)
        text_at(c, lay, 12, 45, decl, "name", "x › name")
        filler(c)
    assert lint(piece(tmp_path, draw), clean_decl(decl), tmp_path) == []


def test_a_large_hyphenated_line_read_from_the_pdf_is_an_error(tmp_path):
    def draw(c):  # no declaration: the lint reads the lines back
        c.text(12, 40, Face(F.latin, bold=True), 16 * PT, "Arras, le mar-", INK)
        c.text(12, 40 + 16 * PT * 1.2, Face(F.latin, bold=True), 16 * PT, "ché noir", INK)
        filler(c)
    found = lint(piece(tmp_path, draw, "signage"), None, tmp_path)
    hyph = [f for f in found if "› hyphenation:" in f.message]
    assert hyph and hyph[0].level == "warning"  # undeclared: maybe a compound's own hyphen



def test_a_date_alone_on_its_line_is_an_error(tmp_path):
    def draw_with(space: str):
        def draw(c):
            # a sticker's date line, in a column narrow enough to break before the date
            text = f"À consommer jusqu’au{space}07/06/2020."
            lay = next(lay for w in range(60, 15, -1)
                       if len((lay := lay_out([Paragraph.of(text)], F, float(w), 9)).lines) == 2)
            c.layout(lay, 12, 45, INK)
            filler(c)
        return draw
    found = lint(piece(tmp_path, draw_with(" ")), clean_decl([]), tmp_path)
    assert rules_of(found) == {"lone-date"}, [f.message for f in found]
    assert "07/06/2020" in found[0].message
    # as the content layer writes it (a no-break space), the date goes down with its words
    assert lint(piece(tmp_path / "ok", draw_with("\u00a0")), clean_decl([]), tmp_path / "ok") == []

# -- Japanese -------------------------------------------------------------------------------------
def _ja(c, lines, decl, y=40.0, size=10):
    face = Face(F.japanese)
    for k, text in enumerate(lines):
        c.text(12, y + k * size * PT * 1.2, face, size * PT, text, INK)
    if decl is not None:
        decl.append({"page": 0, "role": "name", "element": "gaillettes › name_ja", "lang": "ja",
                     "text": "".join(lines), "size_pt": size,
                     "lines": [{"text": t, "box_mm": [12, y + k * size * PT * 1.2 - 3, 40, 4]}
                               for k, t in enumerate(lines)]})


@pytest.mark.parametrize("declared", [True, False])
def test_japanese_broken_inside_a_phrase_is_an_error(tmp_path, declared):
    decl: list = []

    def draw(c):
        _ja(c, ["自家製のプラ", "リネ"], decl if declared else None)
        filler(c)
    found = lint(piece(tmp_path, draw), clean_decl(decl) if declared else None, tmp_path)
    assert "japanese-break" in rules_of(found), [f.message for f in found]


def test_japanese_broken_between_phrases_is_fine(tmp_path):
    decl: list = []

    def draw(c):
        _ja(c, ["自家製の", "プラリネ"], decl)
        filler(c)
    assert lint(piece(tmp_path, draw), clean_decl(decl), tmp_path) == []


# -- overlaps, sizes, safety --------------------------------------------------------------------
def test_overlapping_text_is_an_error(tmp_path):
    def draw(c):
        c.text(40, 100, Face(F.latin), 10 * PT, "Bruay-la-Buissière", INK)
        c.text(55, 100.5, Face(F.latin), 10 * PT, "Lens", INK)
        filler(c, 110)
        filler(c, 40, 95)
    found = lint(piece(tmp_path, draw), clean_decl([]), tmp_path)
    assert rules_of(found) == {"overlap"}, [f.message for f in found]


def test_lines_of_one_paragraph_at_tight_leading_do_not_overlap(tmp_path):
    decl: list = []

    def draw(c):
        lay = lay_out([Paragraph.of("Gaufre fine fourrée à la vergeoise, glace à la chicorée "
                                    "de Cuincy, éclats de gaillettes et jus de pommes")],
                      F, 60, 10, leading=1.0)
        text_at(c, lay, 12, 40, decl, "description", "gaufre › description")
        filler(c)
    assert lint(piece(tmp_path, draw), clean_decl(decl), tmp_path) == []


def test_a_size_below_the_role_minimum_is_an_error(tmp_path):
    decl: list = []

    def draw(c):
        text_at(c, lay_out([Paragraph.heading("Carbonade flamande")], F, 80, 9), 12, 40, decl,
                "name", "carbonade › name")
        filler(c)
    found = lint(piece(tmp_path, draw), clean_decl(decl), tmp_path)
    assert rules_of(found) == {"size"} and "below the 10 pt of a name" in found[0].message


def test_text_in_the_safety_zone_is_an_error(tmp_path):
    def draw(c):
        c.text(2.5, 100, Face(F.latin), 9 * PT, "Prix nets, service compris", INK)
        filler(c)
    found = lint(piece(tmp_path, draw), clean_decl([]), tmp_path)
    assert rules_of(found) == {"safety"} and "5 mm safety zone" in found[0].message


# -- brand mark -----------------------------------------------------------------------------------
def test_a_missing_mark_is_an_error(tmp_path):
    path = piece(tmp_path, filler)
    assert rules_of(lint(path, {"family": "menus", "boxes": []}, tmp_path)) == {"brand-mark"}
    assert rules_of(lint(path, None, tmp_path)) == {"brand-mark"}


def test_a_small_or_crowded_mark_is_an_error(tmp_path):
    path = piece(tmp_path, lambda c: (c.text(12, 33, Face(F.latin), 9 * PT, "Menu", INK),
                                      filler(c)))
    small = dict(MARK, box_mm=[60, 100, 10, 5.5])
    found = lint(path, {"family": "menus", "boxes": [small]}, tmp_path)
    assert any("below the brand's minimum" in f.message for f in found)
    found = lint(path, {"family": "menus", "boxes": [MARK]}, tmp_path)  # « Menu » 6 mm below it
    assert rules_of(found) == {"brand-mark"} and "clear space" in found[0].message


# -- empty bands ----------------------------------------------------------------------------------
def test_an_empty_band_is_a_warning_except_on_a_cover(tmp_path):
    path = piece(tmp_path, lambda c: filler(c, 40, 100))  # the lower half left empty
    found = lint(path, clean_decl([]), tmp_path)
    assert rules_of(found) == {"empty-band"} and found[0].level == "warning"
    assert lint(path, dict(clean_decl([]), covers=[0]), tmp_path) == []


def test_a_well_made_piece_has_no_finding(tmp_path):
    decl: list = []

    def draw(c):
        text_at(c, lay_out([Paragraph.heading("Carbonade flamande")], F, 80, 11.5), 12, 40, decl,
                "name", "carbonade › name")
        filler(c)
    found = layout_lint.check_file(piece(tmp_path, draw), clean_decl(decl),
                                   [[0, 0, W * MM, H * MM]], SAFETY_MM, thumb_dir=tmp_path / "thumbs")
    assert [f.level for f in found] == ["ok"]


def test_pending_rules_are_warnings(tmp_path, monkeypatch):
    conf = dict(layout_lint.settings(), pending=["brand-mark"])
    monkeypatch.setattr(layout_lint, "settings", lambda: conf)
    found = lint(piece(tmp_path, filler), None, tmp_path)
    assert [f.level for f in found] == ["warning"]


# -- the ALL mark found in the PDF (no declaration) ------------------------------------------------
def _logo(c: Canvas, x: float, y: float, width: float, name: str = "all-logo.svg"):
    from atelier import brand

    text = (brand.LOGOS / name).read_text()
    vb = [float(v) for v in text.split('viewBox="')[1].split('"')[0].split()]
    c.svg_file(brand.LOGOS / name, x, y, width, width * vb[3] / vb[2])


def test_the_mark_is_found_in_the_pdf_and_measured(tmp_path):
    def draw(c):
        _logo(c, 10, 8, 34)  # the whole logo, 34 mm wide with its margin: ~32 mm drawn
        filler(c, 45)
    path = piece(tmp_path, draw, "signage")
    assert lint(path, None, tmp_path) == []  # found, large enough, clear of text
    import pypdfium2

    marks = layout_lint.find_marks(pypdfium2.PdfDocument(path)[0], 0, [0, 0, W * MM, H * MM])
    assert len(marks) == 1 and marks[0]["tagline"]
    x, y, w, h = marks[0]["box_mm"]
    # (Canvas.svg_file places a file whose viewBox starts at -6 another 6 units right and down:
    # the A is drawn 0.8 mm further than the margin alone would put it — as measured here)
    assert abs(w - 34 * 235 / 247) < 0.3 and abs(x - (10 + 34 * 6 / 247)) < 1.0, marks


def test_a_mark_found_too_small_or_crowded_is_an_error(tmp_path):
    def small(c):
        _logo(c, 10, 8, 15)  # the logo with its tagline under 25 mm
        filler(c, 45)
    found = lint(piece(tmp_path, small, "signage", "small"), None, tmp_path)
    assert rules_of(found) == {"brand-mark"} and "below the brand's minimum of 25" in \
        found[0].message

    def crowded(c):
        _logo(c, 10, 8, 34)
        c.text(12, 30, Face(F.latin), 9 * PT, "Parcours noir", INK)  # 1 mm under the tagline
        filler(c, 45)
    found = lint(piece(tmp_path, crowded, "signage", "crowded"), None, tmp_path)
    assert rules_of(found) == {"brand-mark"} and "clear space" in found[0].message


def test_no_mark_drawn_is_missing(tmp_path):
    found = lint(piece(tmp_path, lambda c: filler(c, 20), "signage", "bare"), None, tmp_path)
    assert rules_of(found) == {"brand-mark"} and "missing" in found[0].message


def test_a_bold_name_hyphenated_read_from_the_pdf_is_reported(tmp_path):
    """« Crème de maroilles à tarti-ner » on a label that declares nothing: bold lines."""
    def draw(c):
        face = Face(F.latin, bold=True)
        c.text(12, 40, face, 9 * PT, "Crème de maroilles à tarti-", INK)
        c.text(12, 40 + 9 * PT * 1.2, face, 9 * PT, "ner", INK)
        filler(c)
    found = lint(piece(tmp_path, draw, "labels"), {"family": "labels", "boxes": []}, tmp_path)
    found = lint(piece(tmp_path, draw, "labels", "undeclared"), None, tmp_path)
    hyph = [f for f in found if "› hyphenation:" in f.message]
    assert hyph and "tarti" in hyph[0].message and "in bold" in hyph[0].message
