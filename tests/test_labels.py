"""Product labels: regulatory content, legibility by measurement, codes that scan, print boxes."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from atelier.content.label import date_marking, ingredients_text, label_content, net_quantity_min_mm
from atelier.layout.fonts import PT, Face, metrics
from atelier.render.labels import LabelError, draw_label, legal_min_pt
from atelier.render.svgdoc import TemplateError, load_template
from atelier.settings import load_settings

from .conftest import (
    ROOT,
    built_label,
    copy_built,
    edit_cell,
    label_pdf,
    label_states,
    planned_jobs,
    rows_of,
    snakemake,
)
from .pdfcheck import boxes_mm, decode_codes, fonts, text

MAKER = {"nom": "Brasserie du Terril", "adresse": "12 rue des Mineurs", "code_postal": "62300",
         "commune": "Lens"}
BEER = {"sku": "biere-test", "nom_fr": "Bière noire", "nom_en": "Black beer", "nom_ja": "黒ビール",
        "ingredients_fr": "eau, malt d'orge, houblon, levure", "allergenes": ["gluten"],
        "quantite_nette": 33, "unite": "cl", "titre_alcoolique": 6.5,
        "conservation_fr": "À conserver au frais.", "type_date": "ddm",
        "duree_conservation_jours": 365, "lot": "L1", "url": "https://example.fr/p/biere-test",
        "exemption_nutrition": False, "energie_kj": 180, "energie_kcal": 43,
        "matieres_grasses": 0, "acides_gras_satures": 0, "glucides": 3.6, "sucres": 0.4,
        "proteines": 0.5, "sel": 0.01, "format_etiquette": "bouteille", "quantite_impression": 4}


@pytest.fixture(scope="module")
def built(sample_build) -> Path:
    """The sample as the whole workflow built it (shared, read only)."""
    return sample_build


def _fmt(settings, name):
    return settings["labels"]["formats"][name]


def _draw(product, settings, fmt_name="bouteille"):
    fmt = _fmt(settings, fmt_name)
    template = load_template(ROOT / "templates" / "labels" / fmt["template"])
    return draw_label(label_content(product, MAKER, settings), template, fmt, settings)


# --- content rules -----------------------------------------------------------------------------

def test_allergens_are_bold_in_the_ingredient_list():
    parts = ingredients_text({"ingredients_fr": "farine de blé, beurre, sucre, œufs",
                              "allergenes": ["gluten", "lait", "oeufs"]}).parts
    bold = [t for t, b in parts if b]
    assert bold == ["farine", "blé", "beurre", "œufs"]
    assert "".join(t for t, _ in parts) == "Ingrédients\u00a0: farine de blé, beurre, sucre, œufs."


def test_contient_when_there_is_no_ingredient_list():
    parts = ingredients_text({"allergenes": ["lait", "fruits-a-coque"]}).parts
    assert "".join(t for t, _ in parts) == "Contient\u00a0: lait, fruits à coque."
    assert [t for t, b in parts if b] == ["lait", "fruits à coque"]


def test_date_marking_wording_follows_annex_x():
    p = {"type_date": "dlc", "duree_conservation_jours": 10}
    # the date stays with its lead-in words (a no-break space): never alone on a line
    assert date_marking(p, "2020-05-04") == "À consommer jusqu’au\u00a014/05/2020"
    p = {"type_date": "ddm", "duree_conservation_jours": 60}
    assert date_marking(p, "2020-05-04") == "À consommer de préférence avant le\u00a003/07/2020"
    p = {"type_date": "ddm", "duree_conservation_jours": 365}
    assert date_marking(p, "2020-05-04") == "À consommer de préférence avant fin mai 2021"


@pytest.mark.parametrize("qty, unit, mm", [(50, "g", 2), (125, "g", 3), (33, "cl", 4),
                                           (1, "kg", 4), (1.5, "l", 6)])
def test_net_quantity_figure_height(settings, qty, unit, mm):
    assert net_quantity_min_mm(qty, unit, settings["labels"]["net_quantity_heights"]) == mm


def test_legal_minimum_size_is_measured_from_the_font():
    face = Face("Noto Sans")
    pt = legal_min_pt(face, 1.2, 0)
    assert pt * PT * metrics(face)["x_height"] == pytest.approx(1.2)
    assert 6 < pt < 7  # Noto Sans has a large x-height (0.536 em)


def test_drawn_label_respects_x_height_and_figure_height(settings):
    d = _draw(BEER, settings)
    x_ratio = metrics(Face("Noto Sans"))["x_height"]
    for _text, _face, size_mm in d.canvas.texts:
        if size_mm and _text.strip() and not _text.isdigit():  # EAN digits are not particulars
            assert size_mm * x_ratio >= 1.2 - 1e-6, _text
    assert d.checks["net_quantity_figure_mm"] >= 4
    assert d.checks["qr"]["module_mm"] >= 0.4
    assert d.checks["pregnancy_picto_mm"] > 0


def test_alcohol_strength_next_to_net_quantity(settings):
    d = _draw(BEER, settings)
    strings = [t for t, _, _ in d.canvas.texts]
    assert "6,5\u00a0% vol" in strings and "33\u00a0cl" in strings


def test_long_name_wraps_and_shrinks(settings):
    p = dict(BEER, nom_fr="Bière noire du Parcours brassée à l'ancienne avec de la chicorée "
             "torréfiée du Douaisis et du malt")
    d = _draw(p, settings)
    assert d.checks["name_pt"] < 13


def test_absurdly_long_name_fails_naming_the_field(settings):
    p = dict(BEER, nom_fr="Bière " * 80)
    with pytest.raises(LabelError, match="product name does not fit"):
        _draw(p, settings)


def test_missing_glyph_is_an_error_not_an_empty_box(settings):
    p = dict(BEER, nom_en="Beer \u0b95")  # a Tamil letter: not in the brand's fonts
    with pytest.raises(LabelError, match="no glyph"):
        _draw(p, settings)


def test_nutrition_required_unless_exempt(settings):
    p = dict(BEER, titre_alcoolique=None, format_etiquette="l7163")
    with pytest.raises(LabelError, match="nutrition declaration is mandatory"):
        _draw(p, settings, "l7163")
    _draw(dict(p, exemption_nutrition=True, ingredients_fr="sucre, beurre",
               allergenes=["lait"]), settings, "l7163")


def test_template_without_a_required_frame_is_refused(tmp_path, settings):
    src = (ROOT / "templates/labels/pot.svg").read_text()
    broken = tmp_path / "pot.svg"
    broken.write_text(src.replace('id="frame-qr"', 'id="frame-qrcode"'))
    with pytest.raises(TemplateError, match="frame-qr"):
        draw_label(label_content(BEER, MAKER, settings), load_template(broken),
                   _fmt(settings, "pot"), settings)


def test_name_and_quantity_must_share_a_field_of_vision(tmp_path, settings):
    src = (ROOT / "templates/labels/bouteille.svg").read_text()
    split = tmp_path / "bouteille.svg"
    split.write_text(src.replace('id="frame-netqty"', 'id="frame-netqty" data-face="back"'))
    with pytest.raises(LabelError, match="field of vision"):
        draw_label(label_content(BEER, MAKER, settings), load_template(split),
                   _fmt(settings, "bouteille"), settings)


# --- the built files -------------------------------------------------------------------------

@pytest.mark.slow
def test_every_product_has_a_label_and_sits_on_a_sheet(built):
    products = rows_of(built / "inputs/produits.xlsx")
    formats = load_settings()["labels"]["formats"]
    for p in products:
        assert label_pdf(built, p["sku"], formats[p["format_etiquette"]]).is_file()
        assert (built / "build/proofs/labels" / f"{p['sku']}.png").is_file()
    placed = set()
    for state in (built / "build/state").glob("labels-*.json"):
        for entry in json.loads(state.read_text()).values():
            placed.update(entry.get("labels", []))
    # the office's formats go on A4 stock sheets; the printer's are die-cut, on no sheet of ours
    assert {s for s in placed if not s.startswith("emporter-")} == {
        p["sku"] for p in products if formats[p["format_etiquette"]]["production"] == "office"}


@pytest.mark.slow
def test_label_pdfs_have_trim_bleed_and_brand_fonts(built, settings):
    bleed = settings["printer"]["bleed_mm"]
    for p in rows_of(built / "inputs/produits.xlsx"):
        fmt = _fmt(settings, p["format_etiquette"])
        pdf = label_pdf(built, p["sku"], fmt)
        b = boxes_mm(pdf)
        trim, bl = b["TrimBox"], b["BleedBox"]
        assert trim[2] - trim[0] == pytest.approx(fmt["width_mm"], abs=0.02)
        assert trim[3] - trim[1] == pytest.approx(fmt["height_mm"], abs=0.02)
        assert trim[0] - bl[0] == pytest.approx(bleed, abs=0.02)
        assert b["MediaBox"][2] > bl[2]  # room for crop marks outside the bleed
        found = fonts(pdf)
        assert found and all(found.values()), found
        assert all(("NotoSans" in n) for n in found), found  # only the brand's faces


@pytest.mark.slow
def test_every_label_qr_and_ean_decode_from_the_printed_file(built, settings):
    utm = settings["urls"]["utm"]
    for p in rows_of(built / "inputs/produits.xlsx"):
        codes = decode_codes(label_pdf(built, p["sku"], _fmt(settings, p["format_etiquette"])))
        qr = [d for k, d in codes if k == "QR"]
        assert qr == [f"{p['url']}?utm_source={utm['source']}&utm_medium=etiquette"
                      f"&utm_campaign={utm['campaign']}"], p["sku"]
        if p.get("ean13"):
            assert ("EAN-13", str(p["ean13"])) in codes


@pytest.mark.slow
def test_label_text_is_real_text(built):
    t = text(built / "build/print/labels/biere-noire-parcours.pdf")
    assert "Ingrédients" in t and "Lot" in t and "ビール" in t


@pytest.mark.slow
def test_sheets_are_a4_without_bleed_and_scan(built):
    sheets = sorted((built / "build/office/planches").glob("l7163-*.pdf"))
    assert sheets
    b = boxes_mm(sheets[0])
    assert b["MediaBox"] == [0.0, 0.0, 210.0, 297.0]
    assert len(decode_codes(sheets[0])) == 14


@pytest.mark.slow
def test_editing_one_product_rewrites_only_its_label_and_sheet(built, tmp_path):
    project = copy_built(built, tmp_path / "edit")
    office = project / "build/office"
    before = {p: p.read_bytes() for p in office.rglob("*.pdf")}
    printer = {p: p.read_bytes() for p in (project / "build/print/labels").rglob("*.pdf")}
    edit_cell(project / "inputs/produits.xlsx", "sku", "coeurs-arras", "lot", "L2020-9999")
    jobs = planned_jobs(project, "labels")
    assert {j.rsplit("_", 1)[0] for j in jobs if j.startswith("labels_")} == {"labels_l7163"}
    snakemake(project, "labels")
    changed = sorted(p.relative_to(office).as_posix()
                     for p, data in before.items() if p.read_bytes() != data)
    state = label_states(project, "l7163")
    sheets = [f"planches/{name}" for name, e in state.items()
              if "coeurs-arras" in e.get("labels", [])]
    assert sheets
    assert changed == sorted(["etiquettes/coeurs-arras.pdf", *sheets])
    assert all(p.read_bytes() == data for p, data in printer.items())  # no printer's file moved
    assert "L2020-9999" in text(office / "etiquettes/coeurs-arras.pdf")


@pytest.mark.slow
def test_a_deleted_label_file_is_drawn_again_by_its_job_alone(built, tmp_path):
    # Label jobs declare only their state file; the planner must notice a missing file itself.
    project = copy_built(built, tmp_path / "deleted")
    formats = load_settings()["labels"]["formats"]
    product = next(r for r in rows_of(project / "inputs/produits.xlsx") if r["sku"] == "caramels-chicoree")
    pdf = label_pdf(project, "caramels-chicoree", formats[product["format_etiquette"]])
    png = project / "build/proofs/labels/caramels-chicoree.png"
    before = pdf.read_bytes(), png.read_bytes()
    pdf.unlink()
    png.unlink()
    jobs = planned_jobs(project, "labels")
    assert [j for j in jobs if j.startswith("labels_")] == [
        f"labels_{name.replace('-', '_')}" for name in label_jobs_of(project, "caramels-chicoree")]
    snakemake(project, "labels")
    assert (pdf.read_bytes(), png.read_bytes()) == before
    assert [j for j in planned_jobs(project, "labels") if j.startswith("labels_")] == []


def label_jobs_of(project: Path, sku: str) -> list[str]:
    """The label jobs whose batch lists ``sku`` (build/records/_labels/<job>.json)."""
    return [b.stem for b in sorted((project / "build/records/_labels").glob("*.json"))
            if any(p["sku"] == sku for p in json.loads(b.read_text())["products"])]


@pytest.mark.slow
def test_product_that_cannot_be_labelled_stops_the_build_naming_it(labels_build, tmp_path):
    project = copy_built(labels_build, tmp_path / "bad")  # its label was drawn before the edit
    old_label = built_label(project, "sel-fume-chene")
    sheets = [project / "build/office/planches" / name
              for name, entry in label_states(project, "l7160").items()
              if "sel-fume-chene" in entry.get("labels", [])]
    assert old_label.exists() and sheets and all(s.exists() for s in sheets)
    edit_cell(project / "inputs/produits.xlsx", "sku", "sel-fume-chene", "nom_fr", "Sel fumé " * 17)
    for _ in range(2):  # and again at the next run, until the row is mended
        proc = snakemake(project, "labels", check=False)
        assert proc.returncode != 0
        out = proc.stdout + proc.stderr
        assert "sel-fume-chene" in out and "produits.xlsx" in out and "does not fit" in out
        assert "Traceback" not in out
        # it no longer says what the row says, nor do the sheets that held it
        assert not old_label.exists() and not any(s.exists() for s in sheets)


def test_settings_thresholds_drive_the_rules(settings):
    strict = copy.deepcopy(settings)
    strict["labels"]["x_height_min_mm"] = 1.5
    d = _draw(dict(BEER, exemption_nutrition=True), strict)
    assert d.checks["min_pt"] == pytest.approx(round(1.5 / 0.536 / PT + 0.05, 1), abs=0.11)
