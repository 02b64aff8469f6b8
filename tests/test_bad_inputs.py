"""The bad-input corpus: each mistake gets a located message, never a traceback."""

from __future__ import annotations

import time

import openpyxl
import pytest

from atelier.inputs import InputProblems, load_inputs
from atelier.inputs.problems import format_report

from .conftest import edit_cell, rows_of


def problems(inputs, settings) -> str:
    with pytest.raises(InputProblems) as err:
        load_inputs(inputs, settings)
    return format_report(err.value.problems)


def first(path, key="sku"):
    return rows_of(path)[0][key]


def test_empty_sheet(inputs, settings):
    wb = openpyxl.Workbook()
    wb.active.title = "budget"
    wb.save(inputs / "budget.xlsx")
    assert "budget.xlsx › budget › a header row and rows of budget (the sheet is empty)" in \
        problems(inputs, settings)


def test_duplicated_header(inputs, settings):
    path = inputs / "menus.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    ws.cell(row=1, column=ws.max_column + 1, value="Titre FR")
    wb.save(path)
    assert "one column per name" in problems(inputs, settings)


def test_id_with_accents(inputs, settings):
    path = inputs / "produits.xlsx"
    edit_cell(path, "sku", first(path), "sku", "bière-noire")
    text = problems(inputs, settings)
    assert "«bière-noire»" in text and "lowercase id" in text


def test_impossible_date_and_date_as_words(inputs, settings):
    path = inputs / "planning.xlsx"
    ids = [r["id"] for r in rows_of(path)]
    edit_cell(path, "id", ids[0], "debut", "31/02/2020")
    edit_cell(path, "id", ids[1], "fin", "fin mars")
    text = problems(inputs, settings)
    assert "«31/02/2020» › a date" in text and "«fin mars» › a date" in text


def test_end_before_start(inputs, settings):
    path = inputs / "planning.xlsx"
    edit_cell(path, "id", first(path, "id"), "fin", "01/11/2019")
    assert "a date on or after debut" in problems(inputs, settings)


def test_numbers_with_spaces_and_nbsp_are_accepted(inputs, settings):
    path = inputs / "produits.xlsx"
    edit_cell(path, "sku", first(path), "prix_ttc", "1\u202f234,50\u00a0€")
    tables, _ = load_inputs(inputs, settings)
    assert tables["produits"].records[0]["prix_ttc"] == 1234.5


def test_file_that_is_not_an_image(inputs, settings):
    (inputs / "images" / "faux.jpg").write_text("not a picture")
    path = inputs / "produits.xlsx"
    edit_cell(path, "sku", first(path), "photo", "faux.jpg")
    assert "a real JPEG or PNG image" in problems(inputs, settings)


def test_symlink_out_of_images_is_refused(inputs, settings, tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes((inputs / "images" / sorted(p.name for p in (inputs / "images").glob(
        "*.png"))[0]).read_bytes())
    (inputs / "images" / "lien.png").symlink_to(outside)
    path = inputs / "produits.xlsx"
    edit_cell(path, "sku", first(path), "photo", "lien.png")
    assert "links that point outside are refused" in problems(inputs, settings)


def test_mixed_encodings_in_csv_are_read_as_windows_1252(inputs, settings):
    path = inputs / "indicateurs.csv"
    data = path.read_bytes()
    assert data.decode("cp1252")  # French Excel's encoding
    tables, _ = load_inputs(inputs, settings)
    assert any("é" in r["indicateur"] for r in tables["indicateurs"].records)


def test_ten_thousand_rows_with_one_mistake(inputs, settings):
    path = inputs / "partenaires.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    template = [c.value for c in ws[2]]
    id_col = [c.value for c in ws[1]].index(next(c.value for c in ws[1]
                                                 if str(c.value).lower() == "id"))
    for i in range(10_000):
        row = list(template)
        row[id_col] = f"partenaire-{i:05d}"
        ws.append(row)
    ws.cell(row=5000, column=id_col + 1, value="Mauvais Id")
    wb.save(path)
    t = time.perf_counter()
    text = problems(inputs, settings)
    assert time.perf_counter() - t < 60
    assert "row 5000" in text and "«Mauvais Id»" in text
