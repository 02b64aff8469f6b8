"""Reading and validating the designers' spreadsheets."""

from __future__ import annotations

import csv
import shutil

import openpyxl
import pytest

from atelier.inputs import InputProblems, load_inputs
from atelier.inputs.headers import normalise
from atelier.inputs.problems import ProblemLog, format_report
from atelier.inputs.read import read_table
from atelier.inputs.schema import TABLES, load_schemas

from .conftest import edit_cell, rows_of


def test_headers_match_ignoring_case_accents_and_spacing():
    assert normalise("Prix TTC") == "prix_ttc"
    assert normalise("  Durée conservation (jours) ") == "duree_conservation_jours"
    assert normalise("NOM_FR") == "nom_fr"
    assert normalise("Acides gras saturés") == "acides_gras_satures"


def test_sample_inputs_are_valid(inputs, settings):
    tables, warnings = load_inputs(inputs, settings)
    assert set(tables) == set(TABLES)
    assert len(tables["partenaires"].records) >= 40
    assert len(tables["produits"].records) >= 20
    assert {p["territoire"] for p in tables["partenaires"].records} == {
        "arras", "bethune-bruay", "coeur-d-ostrevent", "douai", "lens-lievin", "porte-du-hainaut",
        "valenciennes"}


def test_four_mistakes_reported_at_once(inputs, settings):
    """A mistyped price, a duplicated id, an unknown maker and a missing required column."""
    path = inputs / "produits.xlsx"
    products = rows_of(path)
    first, second, third = (p["sku"] for p in products[:3])
    edit_cell(path, "sku", first, "prix_ttc", "12,5O €")
    edit_cell(path, "sku", third, "fabricant", "brasserie-inconnue")
    edit_cell(path, "sku", second, "sku", first)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    lot_col = next(c.column for c in ws[1] if c.value and normalise(c.value) == "lot")
    ws.delete_cols(lot_col)
    wb.save(path)

    with pytest.raises(InputProblems) as err:
        load_inputs(inputs, settings)
    report = format_report(err.value.problems)
    errors = [p for p in err.value.problems if p.severity == "error"]
    assert any(p.column.startswith("Prix") and p.value == "12,5O €" and p.row == 2 for p in errors), report
    assert any("unique sku" in p.expected and p.row == 3 for p in errors), report
    assert any(p.value == "brasserie-inconnue" and "partenaires" in p.expected and p.row == 4
               for p in errors), report
    assert any(p.column == "lot" and p.row is None and "required" in p.expected for p in errors), report
    assert all(p.file.endswith("produits.xlsx") for p in errors), report
    assert "produits.xlsx › produits › row 2 › Prix" in report


def _save_as_french_csv(xlsx, csv_path, encoding):
    ws = openpyxl.load_workbook(xlsx, data_only=True).worksheets[0]
    with open(csv_path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        for row in ws.iter_rows(values_only=True):
            w.writerow(["" if v is None else
                        str(v).replace(".", ",") if isinstance(v, float) else
                        v.strftime("%d/%m/%Y") if hasattr(v, "strftime") else v for v in row])
    xlsx.unlink()


@pytest.mark.parametrize("table, encoding", [
    ("planning", "cp1252"),  # « CSV (séparateur : point-virgule) »: Windows-1252
    ("budget", "cp1252"),
    ("produits", "utf-8-sig"),  # « CSV UTF-8 »: needed for the Japanese names
])
def test_french_excel_csv_builds_the_same_records_as_xlsx(inputs, settings, table, encoding):
    """The same table saved by French Excel as CSV: ';', decimal comma, French dates."""
    xlsx_tables, _ = load_inputs(inputs, settings)
    _save_as_french_csv(inputs / f"{table}.xlsx", inputs / f"{table}.csv", encoding)
    csv_tables, _ = load_inputs(inputs, settings)
    assert csv_tables[table].file.endswith(f"{table}.csv")
    assert csv_tables[table].records == xlsx_tables[table].records


def test_csv_with_bom_and_commas_reads(tmp_path):
    path = tmp_path / "indicateurs.csv"
    path.write_bytes("\ufeffID,Indicateur,Volet,Cible\nvisites,Visiteurs,olhain,\"1 200\"\n".encode())
    log = ProblemLog()
    table = read_table(path, "indicateurs", log)
    assert table.rows[0][1]["id"] == "visites"
    assert table.rows[0][1]["cible"] == "1 200"


def test_not_a_spreadsheet_is_reported_not_raised(inputs, settings):
    (inputs / "budget.xlsx").write_text("this is not a workbook")
    with pytest.raises(InputProblems) as err:
        load_inputs(inputs, settings)
    assert any("budget.xlsx" in p.file and ".xlsx workbook" in p.expected
               for p in err.value.problems)


def test_formula_error_and_missing_header(inputs, settings):
    path = inputs / "partenaires.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    ws.cell(row=3, column=2, value="#REF!")
    ws.cell(row=4, column=ws.max_column + 2, value="orphan data")
    wb.save(path)
    with pytest.raises(InputProblems) as err:
        load_inputs(inputs, settings)
    text = format_report(err.value.problems)
    assert "#REF!" in text and "formula" in text
    assert "a header for this column" in text


def test_every_schema_column_is_described():
    for name, schema in load_schemas().items():
        for col in schema.columns.values():
            assert col.description, f"{name}.{col.name} has no description"


def test_schemas_are_json_schema(tmp_path):
    import jsonschema
    import yaml

    from atelier.paths import SCHEMAS

    for path in SCHEMAS.glob("*.schema.yaml"):
        jsonschema.Draft202012Validator.check_schema(yaml.safe_load(path.read_text()))


def test_unknown_image_and_path_escape(inputs, settings):
    path = inputs / "produits.xlsx"
    skus = [p["sku"] for p in rows_of(path)]
    edit_cell(path, "sku", skus[0], "photo", "../../etc/passwd.png")
    edit_cell(path, "sku", skus[1], "photo", "absente.jpg")
    with pytest.raises(InputProblems) as err:
        load_inputs(inputs, settings)
    text = format_report(err.value.problems)
    assert "leave that folder are refused" in text
    assert "no such file" in text


def test_missing_table_file(inputs, settings):
    shutil.move(inputs / "planning.xlsx", inputs / "planning-old.xlsx")
    with pytest.raises(InputProblems) as err:
        load_inputs(inputs, settings)
    assert any("planning" in p.file and "not found" in p.expected for p in err.value.problems)


def test_schema_properties_have_no_stray_keys():
    """A comma in an unquoted YAML flow value splits it into bogus keys: catch that."""
    for name, schema in load_schemas().items():
        for col in schema.columns.values():
            stray = [k for k, v in col.spec.items() if v is None]
            assert not stray, f"{name}.{col.name}: {stray}"
