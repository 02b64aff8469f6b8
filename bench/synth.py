#!/usr/bin/env python3
"""Synthetic inputs for benchmarks: the committed sample grown to any size, shaped by schemas/.

    .venv/bin/python bench/synth.py OUTDIR --products 5000 [--dishes 60] [--stops 20]
                                          [--partners 60] [--seed 7] [--format xlsx|csv]

The columns, their order and the enums come from ``schemas/*.schema.yaml`` (the project's own
loader); ranges and patterns are checked by reading the result back with the project's own
reader (``atelier.inputs.load_inputs``, which raises on any problem). The rows are drawn from
the sample in ``inputs/`` (read with that same reader), whose cells already agree the way the
rules ask: ingredients and allergens, nutrition, jams' statements, label format against package
surface, texts that fit their labels and panels. A copy varies only what no rule ties: ids, a
number after the names, lots, prices, print quantities, EANs (never on the sheet-stock label
formats, which have no frame for one), makers (namesakes of the model's), partners' spots (near
their model's) and stops' (spread over the sample's trail). Generated partners take
every type the schema's enum allows. Menus, projects, planning, budget and indicators are the
sample's, except that no budget line pays for a print job (the job sheet's quantities change
with the size).

Written as French Excel writes: each table in the file type the sample uses (one sheet named
after the table, or ';' CSV in Windows-1252 with decimal commas, dd/mm/yyyy dates and CRLF);
with ``--format csv`` the two big tables (produits, plats) as ';' CSV in UTF-8 with a BOM, the
other way French Excel saves. Deterministic for a seed and the same arguments.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import re
import shutil
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from atelier.inputs import InputProblems, load_inputs  # noqa: E402
from atelier.inputs.problems import format_report  # noqa: E402
from atelier.inputs.read import find_table_file  # noqa: E402
from atelier.inputs.schema import TABLES, TableSchema, load_schemas  # noqa: E402
from atelier.office import normalise_zip  # noqa: E402
from atelier.paths import SCHEMAS  # noqa: E402
from atelier.settings import load_settings  # noqa: E402

SAMPLE = ROOT / "inputs"
BIG = ("produits", "plats")
SAVED = b"2020-01-06T09:00:00Z"  # the workbooks' creation and modification stamp


# --- the tables, in memory --------------------------------------------------------------------

def read_sample(folder: Path, settings: dict) -> dict[str, list[dict]]:
    """The sample's records, typed by the project's reader."""
    tables, _ = load_inputs(folder, settings)
    return {name: [dict(r) for r in t.records] for name, t in tables.items()}


def mark(row: dict, copy: int, *columns: str) -> None:
    """Tell a copy's names apart (caches see new text) while keeping them about as long."""
    for col in columns:
        if row.get(col):
            row[col] += f"（{copy}）" if col.endswith("_ja") else f" n° {copy}"


def relink(url: str, ident: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + ident


def ean13(first12: str) -> str:
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def grow_partenaires(rng, sample: list[dict], n: int, schema: TableSchema,
                     ) -> tuple[list[dict], dict[str, list[str]]]:
    """The sample's partners (the other tables point at them), then partners of every type the
    schema allows, each a numbered namesake of a sample partner at its address (so that a
    label naming it instead still fits). Returns the rows and, per sample partner, the ids
    that bear its name and address."""
    rows = list(sample)
    namesakes = {p["id"]: [p["id"]] for p in sample}
    types, statuts = (schema.columns[c].spec["enum"] for c in ("type", "statut"))
    for i in range(n - len(rows)):
        kind = types[i % len(types)]
        model = rng.choice([p for p in sample if p["type"] == kind] or sample)
        k = len(namesakes[model["id"]]) + 1
        row = dict(model, id=f"{model['id']}-{k}", nom=f"{model['nom']} {k}", type=kind,
                   statut=rng.choice(statuts))
        for col in ("latitude", "longitude"):
            if model.get(col) is not None:
                row[col] = round(model[col] + rng.uniform(-0.005, 0.005), 5)
        namesakes[model["id"]].append(row["id"])
        rows.append(row)
    return rows, namesakes


def grow_produits(rng, sample: list[dict], n: int, namesakes: dict[str, list[str]],
                  settings: dict, schema: TableSchema) -> list[dict]:
    """The sample's products over and over. The small sheet-stock labels are full with their
    sample texts: copies on them keep their model's name and maker."""
    sheet_stock = {k for k, f in settings["labels"]["formats"].items() if "sheet" in f}
    cap = schema.columns["duree_conservation_jours"].spec["maximum"]
    rows = []
    for i in range(n):
        model, copy = sample[i % len(sample)], i // len(sample) + 1
        row = dict(model)
        small = row["format_etiquette"] in sheet_stock
        if copy > 1:
            row["sku"] = f"{model['sku']}-{copy}"
            row["url"] = relink(model["url"], row["sku"])
            if not small:
                mark(row, copy, "nom_fr", "nom_en", "nom_ja")
        if not small:
            row["fabricant"] = rng.choice(namesakes[model["fabricant"]])
        row["lot"] = f"L2020-{i + 1:05d}"
        row["prix_ttc"] = round(model["prix_ttc"] * rng.uniform(0.85, 1.15), 1) \
            if model.get("prix_ttc") else None
        row["quantite_impression"] = rng.randint(7, 60)
        row["duree_conservation_jours"] = min(cap, round(model["duree_conservation_jours"]
                                                         * rng.uniform(0.8, 1.2)) or 1)
        has_ean = model.get("ean13") and not small
        row["ean13"] = ean13(f"376{900000000 + i:09d}") if has_ean else None
        rows.append(row)
    return rows


def grow_plats(rng, sample: list[dict], n: int, partners: list[dict]) -> list[dict]:
    """The sample's dishes over and over, each menu's in its order (so that its sections keep
    theirs), the menus interleaved (so that a few dishes still fill every menu); copies name
    other producers of the kinds the sample's dishes name."""
    size = Counter(d["menu"] for d in sample)
    rank: dict[str, int] = {}
    share = []  # how far down its menu each dish is
    for d in sample:
        rank[d["menu"]] = rank.get(d["menu"], -1) + 1
        share.append(rank[d["menu"]] / size[d["menu"]])
    sample = [d for _, d in sorted(zip(share, sample, strict=True), key=lambda t: t[0])]
    kind = {p["id"]: p["type"] for p in partners}
    kinds = {kind[pid] for d in sample for pid in d.get("producteurs", [])}
    producers = [p["id"] for p in partners if p["type"] in kinds]
    rows = []
    for i in range(n):
        model, copy = sample[i % len(sample)], i // len(sample) + 1
        row = dict(model, ordre=i + 1)
        if copy > 1:
            row["id"] = f"{model['id']}-{copy}"
            mark(row, copy, "nom_fr", "nom_en", "nom_ja")
            row["producteurs"] = rng.sample(producers, rng.randint(0, 3))
        rows.append(row)
    return rows


def spread(i: int, box: dict) -> tuple[float, float]:
    """The ``i``-th spot of a Halton sequence over ``box`` (well apart: stops closer than the
    inset's link distance all crowd into the map's inset)."""
    def halton(k: int, base: int) -> float:
        f, r = 1.0, 0.0
        while k:
            f /= base
            r += f * (k % base)
            k //= base
        return 0.05 + 0.9 * r  # off the box's edges

    return (round(box["lat_min"] + halton(i, 2) * (box["lat_max"] - box["lat_min"]), 5),
            round(box["lon_min"] + halton(i, 3) * (box["lon_max"] - box["lon_min"]), 5))


def grow_etapes(sample: list[dict], n: int) -> list[dict]:
    """The sample's stops, then copies of them numbered along, spread over the area the
    sample's trail covers (a wider one would leave the map's background). A copy's name, texts,
    panel format and reading distance are its model's, which fit."""
    rows = [dict(s, numero=i + 1) for i, s in enumerate(sample[:n])]
    lats, lons = [s["latitude"] for s in sample], [s["longitude"] for s in sample]
    box = {"lat_min": min(lats), "lat_max": max(lats), "lon_min": min(lons), "lon_max": max(lons)}
    for i in range(len(rows), n):
        model, copy = sample[i % len(sample)], i // len(sample) + 1
        ident = f"{model['id']}-{copy}"
        lat, lon = spread(i, box)
        rows.append(dict(model, id=ident, numero=i + 1, url=relink(model["url"], ident),
                         latitude=lat, longitude=lon))
    return rows


def synthesise(products: int, dishes: int, stops: int, partners: int, seed: int,
               settings: dict, schemas: dict[str, TableSchema],
               sample: dict[str, list[dict]]) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    tables = dict(sample)
    tables["partenaires"], namesakes = grow_partenaires(
        random.Random(rng.random()), sample["partenaires"], partners, schemas["partenaires"])
    tables["produits"] = grow_produits(random.Random(rng.random()), sample["produits"], products,
                                       namesakes, settings, schemas["produits"])
    tables["plats"] = grow_plats(random.Random(rng.random()), sample["plats"], dishes,
                                 tables["partenaires"])
    tables["etapes"] = grow_etapes(sample["etapes"], stops)
    tables["budget"] = [dict(r, travail=None) for r in sample["budget"]]
    return tables


# --- French Excel's files ---------------------------------------------------------------------

def cell(kind: str, value, for_csv: bool):
    """A record's value as the cell French Excel would hold or write."""
    if value is None:
        return "" if for_csv else None
    if kind == "array":
        return ", ".join(value)
    if kind == "boolean":
        return "oui" if value else "non"
    if kind == "date":
        day = dt.date.fromisoformat(value)
        return day.strftime("%d/%m/%Y") if for_csv else day
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if for_csv and isinstance(value, float):
        return repr(value).replace(".", ",")  # the decimal comma
    return value


def xlsx_bytes(name: str, schema: TableSchema, rows: list[dict]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(name)
    columns = list(schema.columns.values())
    ws.append([c.name for c in columns])
    for row in rows:
        ws.append([cell(c.kind, row.get(c.name), False) for c in columns])
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps the save time into the core properties; the zip's own times are fixed
    # by the project's normalise_zip
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w") as dst:
        for entry in src.namelist():
            data = src.read(entry)
            if entry == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + SAVED,
                              data)
            dst.writestr(entry, data)
    return normalise_zip(out.getvalue())


def csv_bytes(schema: TableSchema, rows: list[dict], encoding: str) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    columns = list(schema.columns.values())
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([cell(c.kind, row.get(c.name), True) for c in columns])
    return buf.getvalue().encode(encoding)


def write(out: Path, tables: dict[str, list[dict]], schemas: dict[str, TableSchema],
          fmt: str = "xlsx", sample: Path = SAMPLE) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        for old in (out / f"{name}.xlsx", out / f"{name}.csv"):  # one file per table
            old.unlink(missing_ok=True)
        suffix = find_table_file(sample, name).suffix
        if fmt == "csv" and name in BIG:
            data, suffix = csv_bytes(schemas[name], rows, "utf-8-sig"), ".csv"
        elif suffix == ".csv":
            data = csv_bytes(schemas[name], rows, "cp1252")
        else:
            data = xlsx_bytes(name, schemas[name], rows)
        (out / f"{name}{suffix}").write_bytes(data)
    # the chapters, and the images that they and the tables name
    images = {r["photo"] for rows in tables.values() for r in rows if r.get("photo")}
    for chapter in sorted((sample / "textes").glob("*.md")):
        text = chapter.read_text(encoding="utf-8")
        images |= set(re.findall(r"\]\(\.\./images/([^)\s\"]+)", text))
        (out / "textes").mkdir(exist_ok=True)
        shutil.copyfile(chapter, out / "textes" / chapter.name)
    (out / "images").mkdir(exist_ok=True)
    for image in sorted(images):
        shutil.copyfile(sample / "images" / image, out / "images" / image)


def build(out: Path, products: int, dishes: int = 60, stops: int = 20, partners: int = 60,
          seed: int = 7, fmt: str = "xlsx", check: bool = True,
          schemas_folder: Path = SCHEMAS) -> dict[str, int]:
    """Write a synthetic inputs folder to ``out``; with ``check``, read it back with the
    project's reader and raise ``SystemExit`` with its report on any problem."""
    settings = load_settings()
    schemas = load_schemas(schemas_folder)
    tables = synthesise(products, dishes, stops, partners, seed, settings, schemas,
                        read_sample(SAMPLE, settings))
    write(Path(out), tables, schemas, fmt)
    if check:
        try:
            load_inputs(Path(out), settings)
        except InputProblems as err:
            raise SystemExit(f"bench/synth.py wrote invalid inputs in {out}:\n"
                             + format_report(err.problems)) from None
    return {name: len(tables[name]) for name in TABLES}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic, valid inputs folder.")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--products", type=int, required=True)
    ap.add_argument("--dishes", type=int, default=60, help="dishes over both menus (60)")
    ap.add_argument("--stops", type=int, default=20, help="Parcours noir stops (20)")
    ap.add_argument("--partners", type=int, default=60,
                    help="partners (60; never fewer than the sample's, which the tables name)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--format", choices=("xlsx", "csv"), default="xlsx",
                    help="produits/plats as xlsx (default) or UTF-8 BOM ';' CSV")
    ap.add_argument("--no-check", action="store_true", help="skip reading the result back")
    a = ap.parse_args(argv)
    if min(a.products, a.dishes, a.stops) < 1:
        ap.error("need at least one product, dish and stop")
    t0 = time.perf_counter()
    counts = build(a.outdir, a.products, a.dishes, a.stops, a.partners, a.seed, a.format,
                   check=not a.no_check)
    print(f"{a.outdir}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
          + f" ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
