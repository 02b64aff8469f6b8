"""The committed sample (what designers edit) and the benchmarks' synthetic inputs (bench/synth.py,
shaped by schemas/ and read back with the project's reader)."""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pytest

from atelier.inputs import load_inputs
from atelier.inputs.problems import format_report
from atelier.inputs.read import find_table_file
from atelier.inputs.schema import TABLES, load_schema, load_schemas
from atelier.paths import SCHEMAS

from .conftest import ROOT, rows_of

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402


@pytest.fixture(scope="module")
def sample(settings):
    return load_inputs(ROOT / "inputs", settings)


def test_sample_has_no_error_and_no_warning(sample):
    _, warnings = sample  # load_inputs raises on any error
    assert not warnings, format_report(warnings)


def test_sample_still_exercises_what_it_is_there_for(sample, settings):
    """inputs/README.md says which rows exercise which rule; an edit that drops the last of a
    kind is caught here."""
    t = {name: table.records for name, table in sample[0].items()}
    schemas = load_schemas()
    enum = lambda table, col: set(schemas[table].columns[col].spec["enum"])  # noqa: E731
    partners, products, dishes, stops = (t[n] for n in ("partenaires", "produits", "plats",
                                                        "etapes"))
    assert {p["type"] for p in partners} == enum("partenaires", "type")
    assert {p["territoire"] for p in partners} == enum("partenaires", "territoire")
    assert {p["format_etiquette"] for p in products} == {
        k for k, f in settings["labels"]["formats"].items() if f.get("items") != "plats"}
    small = settings["labels"]["small_package_cm2"]
    assert any(p["surface_emballage_cm2"] < small for p in products)  # the 0.9 mm x-height
    assert any(p.get("titre_alcoolique", 0) > 1.2 for p in products)  # pregnancy pictogram
    assert any(p.get("type_confiture") for p in products)
    assert any(p.get("ean13") for p in products)
    assert any(p["exemption_nutrition"] for p in products)
    assert any(not p["exemption_nutrition"] for p in products)
    assert sum(len(p["nom_fr"]) >= 60 for p in products) >= 3  # long names
    assert any(d.get("viande") == "boeuf" for d in dishes)
    assert any(d.get("boisson") for d in dishes)
    for menu in t["menus"]:  # each menu leaves a dish out of season on its date
        day = menu["date_validite"]
        assert any(d["menu"] == menu["id"] and d.get("disponible_du")
                   and not d["disponible_du"] <= day <= d["disponible_au"] for d in dishes)
    assert {s.get("format_panneau") for s in stops} == set(settings["signage"]["formats"])
    assert any(not s.get("partenaire") for s in stops)


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synth_validates_with_the_project_reader_and_is_deterministic(tmp_path, settings):
    counts = synth.build(tmp_path / "a", products=70, dishes=60, stops=25, partners=80, seed=3)
    assert counts["produits"] == 70 and counts["plats"] == 60 and counts["etapes"] == 25
    tables, warnings = load_inputs(tmp_path / "a", settings)  # raises on any error
    assert not warnings, format_report(warnings)
    assert len(tables["partenaires"].records) == 80
    assert len({p["sku"] for p in tables["produits"].records}) == 70
    sheet_stock = {k for k, f in settings["labels"]["formats"].items() if "sheet" in f}
    assert not [p for p in tables["produits"].records
                if p.get("ean13") and p["format_etiquette"] in sheet_stock]
    assert not [b for b in tables["budget"].records if b.get("travail")]
    synth.build(tmp_path / "b", products=70, dishes=60, stops=25, partners=80, seed=3)
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    synth.build(tmp_path / "c", products=70, dishes=60, stops=25, partners=80, seed=4)
    assert digests(tmp_path / "a") != digests(tmp_path / "c")


def test_synth_writes_french_excel_csv(tmp_path, settings):
    synth.build(tmp_path, products=30, seed=1, fmt="csv")
    data = (tmp_path / "produits.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data  # UTF-8 BOM, CRLF
    assert not (tmp_path / "produits.xlsx").exists()
    text = (tmp_path / "indicateurs.csv").read_bytes().decode("cp1252")  # as the sample's
    assert text.splitlines()[0].split(";")[:2] == ["id", "indicateur"]
    with_xlsx = load_inputs(synth.SAMPLE, settings)[0]["indicateurs"].records
    assert load_inputs(tmp_path, settings)[0]["indicateurs"].records == with_xlsx


def test_synth_columns_are_the_schemas(tmp_path):
    synth.build(tmp_path, products=5, check=False)
    for name in TABLES:
        path = find_table_file(tmp_path, name)
        if path.suffix == ".xlsx":
            header = list(rows_of(path)[0])
        else:
            header = path.read_text(encoding="cp1252").splitlines()[0].split(";")
        assert header == list(load_schemas()[name].columns), name


def test_synth_takes_its_enums_from_the_schemas(tmp_path):
    """A partner type added to a copy of the schemas is one synth draws."""
    folder = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, folder)
    path = folder / "partenaires.schema.yaml"
    text = path.read_text(encoding="utf-8")
    assert "office-de-tourisme, autre]" in text
    path.write_text(text.replace("office-de-tourisme, autre]",
                                 "office-de-tourisme, autre, cooperative]"), encoding="utf-8")
    assert "cooperative" in load_schema("partenaires", folder).columns["type"].spec["enum"]
    synth.build(tmp_path / "out", products=5, partners=100, check=False, schemas_folder=folder)
    types = {r["type"] for r in rows_of(tmp_path / "out" / "partenaires.xlsx")}
    assert "cooperative" in types
