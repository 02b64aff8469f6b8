"""Issue 16 — the food-law rules the first brief missed, read back from the produced files, each
with a counter-example row that must fail at validation with a located message."""

from __future__ import annotations

import copy
import ctypes
import json
import math
import re
from decimal import Decimal
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium
import pytest

from atelier.content.label import label_content
from atelier.content.nutrition import declaration, declared, energy, rounded
from atelier.content.sticker import takeaway_dishes
from atelier.inputs import InputProblems, load_inputs
from atelier.inputs.problems import format_report
from atelier.layout.fonts import PT
from atelier.print.preflight import expectations_for
from atelier.render.labels import LabelError, draw_label
from atelier.render.svgdoc import load_template

from .conftest import ROOT, built_label, edit_cell, make_project, rows_of, snakemake
from .pdfcheck import decode_codes

X_HEIGHT_EM = 0.536  # Noto Sans Regular, OS/2 sxHeight / unitsPerEm (brand/tokens.yaml)
MAKER = {"nom": "Confiturerie test", "adresse": "1 rue du Test", "code_postal": "62300",
         "commune": "Lens"}


@pytest.fixture(scope="module")
def built(sample_build) -> Path:
    """The sample as the whole workflow built it (shared, read only)."""
    return sample_build


def _products(project: Path) -> dict[str, dict]:
    return {r["sku"]: r for r in rows_of(project / "inputs/produits.xlsx")}


def _chars(pdf: Path) -> list[tuple[str, float, str]]:
    """(character, size in pt, font name) of every character, as pdfium reads them."""
    doc = pypdfium2.PdfDocument(str(pdf))
    out = []
    try:
        tp = doc[0].get_textpage()
        buf = ctypes.create_string_buffer(256)
        for i in range(tp.count_chars()):
            ch = chr(pdfium.FPDFText_GetUnicode(tp.raw, i))
            if ch.isspace():
                continue
            matrix = pdfium.FS_MATRIX()
            pdfium.FPDFText_GetMatrix(tp.raw, i, ctypes.byref(matrix))
            size = pdfium.FPDFText_GetFontSize(tp.raw, i) * math.hypot(matrix.c, matrix.d)
            pdfium.FPDFText_GetFontInfo(tp.raw, i, buf, 256, None)
            out.append((ch, size, buf.value.decode("latin-1")))
    finally:
        doc.close()
    return out


def _label_text(pdf: Path) -> str:
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return doc[0].get_textpage().get_text_range().replace("\r\n", "\n")
    finally:
        doc.close()


# --- 4. nutrition rounding (Commission guidance, December 2012) ---------------------------------

@pytest.mark.parametrize("nutrient, value, shown", [
    ("matieres_grasses", 38.0, "38 g"), ("sucres", 38.5, "39 g"), ("proteines", 11.5, "12 g"),
    ("proteines", 7.84, "7,8 g"), ("glucides", 9.96, "10 g"), ("glucides", 5, "5,0 g"),
    ("matieres_grasses", 0.5, "< 0,5 g"), ("matieres_grasses", 0.0, "< 0,5 g"),
    ("acides_gras_satures", 0.1, "< 0,1 g"), ("acides_gras_satures", 0.15, "0,2 g"),
    ("acides_gras_satures", 16.5, "17 g"), ("sel", 0.012, "< 0,01 g"), ("sel", 0.0125, "0,01 g"),
    ("sel", 0.95, "0,95 g"), ("sel", 0.996, "1,0 g"), ("sel", 15.84, "15,8 g"),
])
def test_rounding_follows_the_guidance(nutrient, value, shown):
    assert declared(nutrient, value).replace("\u00a0", " ") == shown


def test_energy_to_the_unit_and_half_up():
    assert energy(1523.5, 364.5).replace("\u00a0", " ").replace("\u202f", " ") == \
        "1 524 kJ / 365 kcal"
    assert rounded("energie_kj", 0.5).value == Decimal(1)


def _expected_rows(product: dict) -> dict[str, str]:
    return {r.label: re.sub("[\u00a0\u202f]", " ", r.value) for r in declaration(product)}


def _printed_rows(pdf: Path, labels) -> dict[str, str]:
    out = {}
    text = _label_text(pdf).replace("\u00a0", " ").replace("\u202f", " ")
    # pdfium may put a value's unit on a line of its own (« 2,4 » / « g »): join them back
    text = re.sub(r"\n(g|kcal)(?=\n|$)", r" \1", text)
    for line in text.splitlines():
        for label in labels:
            if line.startswith(label + " ") and label not in out:
                # the value ends at its unit (a barcode's digits may follow on the same line)
                m = re.match(r"(.*? (?:g|kcal))(?: |$)", line[len(label) + 1:].strip())
                out[label] = m[1] if m else line[len(label) + 1:].strip()
    return out


@pytest.mark.slow
def test_every_nutrition_figure_on_every_label_is_rounded_per_the_guidance(built):
    """Read back from the PDFs: each declared figure is the guidance's rounding of the sheet's
    value (labels are matched longest first: « dont sucres » before « Glucides »)."""
    staged = {p["sku"]: p for p in
              json.loads((built / "build/records/_tables/produits/all.json").read_text())}
    checked = 0
    for sku, product in sorted(staged.items()):
        if product.get("exemption_nutrition"):
            continue
        expected = _expected_rows(product)
        labels = sorted(expected, key=len, reverse=True)
        printed = _printed_rows(built_label(built, sku), labels)
        assert printed == expected, sku
        checked += 1
    assert checked >= 15


# --- 1. jams ------------------------------------------------------------------------------------

@pytest.mark.slow
def test_jam_labels_carry_both_statements_in_the_names_field_of_vision(built):
    products = _products(built)
    jams = [s for s, p in products.items() if p.get("type_confiture")]
    assert set(jams) >= {"confiture-fraise-timut", "confiture-rhubarbe", "gelee-pomme-genievre"}
    for sku in jams:
        p = products[sku]
        body = _label_text(built_label(built, sku)).replace("\n", " ")
        body = re.sub(r"[\u00a0\u202f ]+", " ", body)
        fruit = f"{p['fruits_g_100g']:g}".replace(".", ",")
        sugar = f"{p['sucres_totaux_g_100g']:g}".replace(".", ",")
        assert f"Préparé avec {fruit} g de fruits pour 100 g" in body, sku
        assert f"Teneur totale en sucres : {sugar} g pour 100 g" in body, sku


def _x_height_mm(pdf: Path) -> float:
    """The smallest x-height of the label's Latin text, from the font sizes in the file (the
    EAN's human-readable digits excepted: they are part of the symbol)."""
    sizes = [size for ch, size, _ in _chars(pdf) if ch.isalpha() and ord(ch) < 0x2E80]
    return min(sizes) * PT * X_HEIGHT_EM


@pytest.mark.slow
def test_package_surface_decides_the_x_height(built):
    products = _products(built)
    for sku in ["chicoree-grains", "confiture-fraise-timut", "confiture-rhubarbe",
                "gelee-pomme-genievre", "sel-fume-chene", "caramels-chicoree"]:
        small = products[sku]["surface_emballage_cm2"] < 80
        least = 0.9 if small else 1.2
        assert _x_height_mm(built_label(built, sku)) >= least - 0.005, sku
    assert products["sel-fume-chene"]["surface_emballage_cm2"] < 80  # the one small package
    assert products["chicoree-grains"]["surface_emballage_cm2"] >= 80


def test_formats_no_longer_imply_a_small_package(settings):
    assert not any("small_package" in f for f in settings["labels"]["formats"].values())
    product = _jam(surface_emballage_cm2=60)
    assert label_content(product, MAKER, settings).x_height_min_mm == 0.9
    product = _jam(surface_emballage_cm2=120)
    assert label_content(product, MAKER, settings).x_height_min_mm == 1.2


def test_under_ten_square_centimetres_only_the_reduced_list(settings):
    c = label_content(_jam(surface_emballage_cm2=8, allergenes=["lait"]), MAKER, settings)
    assert c.reduced and c.nutrition is None
    assert c.ingredients.text == "Contient\u00a0: lait."


def _jam(**kw) -> dict:
    p = {"sku": "confiture-test", "nom_fr": "Confiture extra de cassis", "nom_en": "Blackcurrant jam",
         "ingredients_fr": "cassis (50 %), sucre", "allergenes": [], "quantite_nette": 320,
         "unite": "g", "conservation_fr": "Au frais après ouverture.", "type_date": "ddm",
         "duree_conservation_jours": 365, "lot": "L1", "url": "https://example.fr/p/c",
         "exemption_nutrition": True, "format_etiquette": "pot", "quantite_impression": 1,
         "surface_emballage_cm2": 209, "type_confiture": "confiture-extra", "fruits_g_100g": 50,
         "sucres_totaux_g_100g": 58}
    p.update(kw)
    return p


# --- 5. sulphites -------------------------------------------------------------------------------

@pytest.mark.slow
def test_drink_without_ingredient_list_says_contient_des_sulfites(built):
    products = _products(built)
    drinks = [s for s, p in products.items() if not p.get("ingredients_fr")
              and "sulfites" in (p.get("allergenes") or "") and p["unite"] in ("ml", "cl", "l")]
    assert drinks
    for sku in drinks:
        chars = _chars(built_label(built, sku))
        line = _label_text(built_label(built, sku))
        assert "Contient des sulfites." in line, sku
        word = "".join(ch for ch, _, font in chars if "Bold" in font)
        assert "sulfites" in word  # emphasised, as every allergen


# --- 6. formats fit their packaging -------------------------------------------------------------

@pytest.mark.slow
def test_meat_jars_are_on_a_jar_format_and_every_format_fits_its_package(built, settings):
    formats = settings["labels"]["formats"]
    for sku, p in _products(built).items():
        fmt = formats[p["format_etiquette"]]
        assert fmt["width_mm"] * fmt["height_mm"] / 100 <= p["surface_emballage_cm2"], sku
        assert p["unite"] in fmt.get("units", [p["unite"]]), sku
    products = _products(built)
    assert products["potjevleesch-bocal"]["format_etiquette"] != "bouteille"
    assert products["carbonade-bocal"]["format_etiquette"] != "bouteille"


# --- 7. takeaway stickers -----------------------------------------------------------------------

@pytest.mark.slow
def test_every_takeaway_dish_has_its_sticker(built, settings):
    from atelier.records.store import load

    menus = [load(p) for p in (built / "build/records/menus").glob("*.json")]
    dishes = [load(p) for p in (built / "build/records/plats").glob("*.json")]
    packed = takeaway_dishes(menus, dishes)
    assert len(packed) >= 10
    for dish, menu in packed:
        pdf = built_label(built, f"emporter-{dish['id']}")
        assert pdf.is_file(), dish["id"]
        body = re.sub(r"[\u00a0\u202f\s]+", " ", _label_text(pdf))
        assert dish["nom_fr"].split()[0] in body
        price = f"{dish['prix_ttc']:.2f}".replace(".", ",")
        assert f"{price} €" in body
        assert "Emballé le 06/06/2020" in body and "consommer jusqu" in body
        assert ("Fait maison" in body) == bool(dish.get("fait_maison"))
        for lang in ("en", "ja"):
            if lang in menu["langues"] and dish.get(f"nom_{lang}"):
                assert dish[f"nom_{lang}"].split()[0] in body.replace(" ", "") or \
                    dish[f"nom_{lang}"].split()[0] in body
        bold = "".join(ch for ch, _, font in _chars(pdf) if "Bold" in font)
        for code in dish.get("allergenes", []):
            from atelier import allergens
            assert allergens.name(code, "fr").replace(" ", "") in bold, (dish["id"], code)
    # a bought drink carries its maker's label: no sticker
    bought = [d for d in dishes if d.get("boisson") and not d.get("fait_maison")
              and d["menu"] == "carin-gourmand"]
    assert bought and not any(built_label(built, f"emporter-{d['id']}").exists()
                              for d in bought)


@pytest.mark.slow
def test_stickers_sit_on_their_sheets_through_the_label_jobs(built):
    states = [json.loads(p.read_text()) for p in (built / "build/state").glob("labels-emporter-*.json")]
    assert states, "the sticker format has its label job"
    placed = {s for st in states for e in st.values() for s in e.get("labels", [])}
    assert placed and all(s.startswith("emporter-") for s in placed)


# --- issue 15 on labels: EAN-13 sizing, declared for the preflight --------------------------------

@pytest.mark.slow
def test_ean13_at_least_100_percent_in_whole_printer_dots_and_declared(built, settings):
    dot = 25.4 / settings["labels"]["ean"]["office_printer_dpi"]
    states = [json.loads(p.read_text()) for p in (built / "build/state").glob("labels-*.json")]
    products = _products(built)
    with_ean = [s for s, p in products.items() if p.get("ean13")]
    assert with_ean
    for sku in with_ean:
        expect = expectations_for(f"{sku}.pdf", states)
        eans = [c for c in expect.codes if c["kind"] == "EAN-13"]
        assert len(eans) == 1, sku
        ean = eans[0]
        assert ean["data"] == products[sku]["ean13"] and ean["page"] == 0
        module = ean["module_mm"]
        assert module >= 0.33 - 1e-9  # ≥ 100 % magnification
        fmt = settings["labels"]["formats"][products[sku]["format_etiquette"]]
        if fmt["production"] == "office":  # printed on the office's 300 dpi printers
            assert abs(module / dot - round(module / dot)) < 1e-3  # whole dots
        x, y, w, h = ean["box_mm"]
        assert w == pytest.approx(113 * module, abs=0.01)
        assert h - module * 8.5 * 1.05 >= 22.85 * module / 0.33 * 0.5 - 0.01  # bars ≥ half height
    pdf = built_label(built, with_ean[0])
    assert ("EAN-13", products[with_ean[0]]["ean13"]) in decode_codes(pdf, dpi=150)


# --- 8. counter-examples: each rule broken by a row, all reported at once ------------------------

def _problems(inputs: Path, settings) -> str:
    with pytest.raises(InputProblems) as err:
        load_inputs(inputs, settings)
    return format_report(err.value.problems)


def _break_every_rule(inputs: Path) -> None:
    produits, plats = inputs / "produits.xlsx", inputs / "plats.xlsx"
    # 1. a jam without its category, one without its statements, an « extra » under 45 %
    edit_cell(produits, "sku", "confiture-rhubarbe", "type_confiture", "")
    edit_cell(produits, "sku", "gelee-pomme-genievre", "fruits_g_100g", "")
    edit_cell(produits, "sku", "gelee-pomme-genievre", "sucres_totaux_g_100g", "")
    edit_cell(produits, "sku", "confiture-fraise-timut", "fruits_g_100g", 40)
    # 2. no package surface; a package smaller than its label
    edit_cell(produits, "sku", "chicoree-grains", "surface_emballage_cm2", "")
    edit_cell(produits, "sku", "miel-printemps-terrils", "surface_emballage_cm2", 30)
    # 4. saturates above the fat they are part of
    edit_cell(produits, "sku", "gaillettes-chocolat", "acides_gras_satures", 40)
    # 5. a cider without an ingredient list that does not declare its sulphites
    edit_cell(produits, "sku", "cidre-brut-hauts-artois", "ingredients_fr", "")
    edit_cell(produits, "sku", "cidre-brut-hauts-artois", "allergenes", "")
    # 6. a meat jar on the bottle format; a product on the takeaway sticker format
    edit_cell(produits, "sku", "potjevleesch-bocal", "format_etiquette", "bouteille")
    edit_cell(produits, "sku", "coeurs-arras", "format_etiquette", "emporter")
    # 7. a takeaway dish without its shelf life
    edit_cell(plats, "id", "tartine-du-jardinier", "duree_conservation_jours", "")


EXPECTED = [  # (row's key, column header, what the message says it expected)
    ("confiture-rhubarbe", "Type confiture", "the jam's category"),
    ("gelee-pomme-genievre", "Fruits g/100g", "Préparé avec X g de fruits pour 100 g"),
    ("gelee-pomme-genievre", "Sucres totaux g/100g", "Teneur totale en sucres"),
    ("confiture-fraise-timut", "Fruits g/100g", "at least 45 g of fruit per 100 g"),
    ("chicoree-grains", "Surface emballage (cm²)", "this column is required"),
    ("miel-printemps-terrils", "Surface emballage (cm²)", "a package that holds its label"),
    ("gaillettes-chocolat", "Acides gras saturés", "at most the fat"),
    ("cidre-brut-hauts-artois", "Allergènes", "Contient des sulfites"),
    ("potjevleesch-bocal", "Format étiquette", "a format for a product sold in g"),
    ("coeurs-arras", "Format étiquette", "a product label format"),
    ("tartine-du-jardinier", "Durée conservation (jours)", "the shelf life in days"),
]


def _row_of(path: Path, key_col: str, key: str) -> int:
    for i, r in enumerate(rows_of(path), start=2):
        if str(r[key_col]) == key:
            return i
    raise KeyError(key)


def test_every_counter_example_fails_at_validation_located_and_all_at_once(inputs, settings):
    _break_every_rule(inputs)
    report = _problems(inputs, settings)
    lines = report.splitlines()
    for key, header, expected in EXPECTED:
        table, col = ("plats", "id") if key == "tartine-du-jardinier" else ("produits", "sku")
        row = _row_of(inputs / f"{table}.xlsx", col, key)
        hits = [ln for ln in lines if f"{table}.xlsx › {table} › row {row} › {header}" in ln
                and expected in ln]
        assert hits, f"{key}: no located message « {expected} » in\n{report}"


@pytest.mark.slow
def test_counter_examples_stop_the_build_before_any_label_is_written(tmp_path):
    project = make_project(tmp_path / "p")
    _break_every_rule(project / "inputs")
    proc = snakemake(project, "labels", check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out
    assert "the jam's category" in out and "the shelf life in days" in out
    assert not list((project / "build/print").rglob("*.pdf"))
    assert not list((project / "build/office").rglob("*.pdf"))


@pytest.mark.slow
def test_a_package_over_80_cm2_gets_no_small_print(tmp_path):
    """The x-height follows the row: the smoked salt fits its small label only at 0.9 mm, so a
    row saying its package is 120 cm² stops the build, naming the row — no label written."""
    project = make_project(tmp_path / "p")
    edit_cell(project / "inputs/produits.xlsx", "sku", "sel-fume-chene", "surface_emballage_cm2", 120)
    proc = snakemake(project, "labels", check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out
    row = _row_of(project / "inputs/produits.xlsx", "sku", "sel-fume-chene")
    assert f"produits.xlsx › produits › row {row} › sel-fume-chene" in out
    assert "does not fit" in out and re.search(r"minimum size of (6\.4|7\.6) pt", out)
    assert not built_label(project, "sel-fume-chene").exists()


def test_extra_jam_fruit_share_and_the_annexs_lower_shares(inputs, settings):
    produits = inputs / "produits.xlsx"
    # blackcurrant « extra » needs 35 g (Annex I), not 45: 40 g passes
    edit_cell(produits, "sku", "confiture-fraise-timut", "nom_fr", "Confiture extra de cassis")
    edit_cell(produits, "sku", "confiture-fraise-timut", "fruits_g_100g", 40)
    # « extra » in the name of a plain jam category
    edit_cell(produits, "sku", "confiture-rhubarbe", "nom_fr", "Confiture extra de rhubarbe")
    report = _problems(inputs, settings)
    assert "confiture-extra — the name says « extra »" in report
    assert "Fruits g/100g" not in report


def test_a_meat_dish_in_jelly_is_not_a_jam(settings):
    """« … en gelée au vin blanc » names an ingredient; the reserved name opens a jam's name."""
    tables, _ = load_inputs(ROOT / "inputs", settings)
    potjevleesch = next(r for r in tables["produits"].records if r["sku"] == "potjevleesch-bocal")
    assert "en gelée" in potjevleesch["nom_fr"] and not potjevleesch.get("type_confiture")


# --- the sticker's own checks --------------------------------------------------------------------

def test_a_fait_maison_logo_under_its_minimum_is_refused(settings):
    dish = {"id": "d", "nom_fr": "Soupe", "prix_ttc": 4.5, "fait_maison": True,
            "duree_conservation_jours": 2, "allergenes": []}
    menu = {"id": "m", "date_validite": "2020-06-06", "langues": ["fr"]}
    from atelier.content.sticker import sticker_content

    strict = copy.deepcopy(settings)
    fmt = strict["labels"]["formats"]["emporter"]
    fmt["fait_maison_logo_min_mm"] = 9
    template = load_template(ROOT / "templates/labels" / fmt["template"])
    with pytest.raises(LabelError, match="fait maison"):
        draw_label(sticker_content(dish, menu, fmt), template, fmt, strict)
    fmt["fait_maison_logo_min_mm"] = 6
    d = draw_label(sticker_content(dish, menu, fmt), template, fmt, strict)
    assert d.checks["fait_maison_logo_mm"] >= 6
