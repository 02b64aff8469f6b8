"""Checks that span several cells, rows or tables. Each rule is named in a schema's ``x-rules``.

A rule gets the validated tables and the settings and reports through ``ProblemLog``. Rules only
ever add problems; they never change records.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from .. import allergens
from .problems import WARNING, Problem, ProblemLog
from .schema import TableSchema
from .validate import Table

RULES: dict[str, Callable] = {}
NUTRITION = ["energie_kj", "energie_kcal", "matieres_grasses", "acides_gras_satures", "glucides",
             "sucres", "proteines", "sel"]
DATE_PAIRS = [("disponible_du", "disponible_au"), ("debut", "fin"), ("date_debut", "date_fin")]


def rule(fn):
    RULES[fn.__name__] = fn
    return fn


def _add(log: ProblemLog, table: Table, i: int, column: str, value, expected: str, severity="error"):
    where = table.locate(i, column)
    log.add(Problem(where["file"], where["sheet"], where["row"], where["column"],
                    "" if value is None else str(value), expected, severity))


@rule
def coordinates_in_destination(table: Table, tables, settings, log):
    box = settings["destination"]["bbox"]
    for i, r in enumerate(table.records):
        lat, lon = r.get("latitude"), r.get("longitude")
        if lat is None or lon is None:
            continue
        if not (box["lat_min"] <= lat <= box["lat_max"] and box["lon_min"] <= lon <= box["lon_max"]):
            _add(log, table, i, "latitude", f"{lat}, {lon}",
                 "a place inside the ALL destination (check latitude and longitude are not swapped)",
                 WARNING)


@rule
def nutrition_unless_exempt(table: Table, tables, settings, log):
    for i, r in enumerate(table.records):
        if r.get("exemption_nutrition"):
            continue
        for col in NUTRITION:
            if col not in r:
                _add(log, table, i, col, None, "a value per 100 g/ml — the nutrition declaration is "
                     "mandatory unless exemption_nutrition is oui")


@rule
def allergens_match_ingredients(table: Table, tables, settings, log):
    for i, r in enumerate(table.records):
        text = r.get("ingredients_fr")
        if not text:
            continue
        declared = set(r.get("allergenes", []))
        implied = allergens.implied_allergens(text)
        for code, words in implied.items():
            if code not in declared:
                _add(log, table, i, "allergenes", ", ".join(sorted(declared)),
                     f"« {code} » among the allergens: the ingredients say « {words[0]} »")
        for code in sorted(declared - set(implied)):
            _add(log, table, i, "ingredients_fr", text,
                 f"an ingredient that carries the declared allergen « {code} » (none found; "
                 f"it will be printed as « Contient : … » after the list)", WARNING)


@rule
def menu_titles_translated(table: Table, tables, settings, log):
    for i, r in enumerate(table.records):
        for lang in r.get("langues", []):
            if lang != "fr" and not r.get(f"titre_{lang}"):
                _add(log, table, i, f"titre_{lang}", None,
                     f"a title in {lang} — the menu's langues ask for {lang}")


@rule
def dish_translated(table: Table, tables, settings, log):
    menus = {m["id"]: m for m in tables["menus"].records} if "menus" in tables else {}
    for i, r in enumerate(table.records):
        menu = menus.get(r.get("menu"))
        if not menu:
            continue
        for lang in menu.get("langues", []):
            if lang == "fr":
                continue
            if not r.get(f"nom_{lang}"):
                _add(log, table, i, f"nom_{lang}", None,
                     f"the dish name in {lang} — menu « {menu['id']} » prints {lang}")
            if r.get("description_fr") and not r.get(f"description_{lang}"):
                _add(log, table, i, f"description_{lang}", None,
                     f"the description in {lang} — menu « {menu['id']} » prints {lang}")


_BEEF_ORIGIN = re.compile(
    r"^(origine\s*:\s*)?france$|^n[ée]e? et [ée]lev[ée]\s*:\s*[^/]+/\s*abattu\s*:\s*.+$", re.I)


@rule
def meat_has_origin(table: Table, tables, settings, log):
    for i, r in enumerate(table.records):
        meat = r.get("viande")
        if not meat:
            continue
        origin = r.get("origine_viande")
        if not origin:
            _add(log, table, i, "origine_viande", None,
                 f"the origin of the meat ({meat}) — décret 2002-1465, e.g. « France »")
        elif meat == "boeuf" and not _BEEF_ORIGIN.match(origin.strip()):
            _add(log, table, i, "origine_viande", origin,
                 "for beef « Né et élevé : <pays> / Abattu : <pays> », or « France » when all three are")


@rule
def drink_has_volume(table: Table, tables, settings, log):
    for i, r in enumerate(table.records):
        if r.get("boisson") and not r.get("volume_cl"):
            _add(log, table, i, "volume_cl", None,
                 "the volume served in cl — prices of drinks state the volume (arrêté du 27 mars 1987)")


@rule
def dates_in_order(table: Table, tables, settings, log):
    for i, r in enumerate(table.records):
        for a, b in DATE_PAIRS:
            if r.get(a) and r.get(b) and r[b] < r[a]:
                _add(log, table, i, b, r[b], f"a date on or after {a} ({r[a]})")


def check_references(schemas: dict[str, TableSchema], tables: dict[str, Table], log: ProblemLog):
    keys = {name: {r[s.key] for r in tables[name].records if s.key in r}
            for name, s in schemas.items() if name in tables and s.key}
    for name, schema in schemas.items():
        table = tables.get(name)
        if table is None:
            continue
        for col in schema.columns.values():
            target = col.spec.get("x-ref")
            if not target or target not in keys:
                continue
            for i, r in enumerate(table.records):
                values = r.get(col.name)
                for v in values if isinstance(values, list) else [values] if values else []:
                    if v not in keys[target]:
                        near = difflib.get_close_matches(v, keys[target], n=1)
                        hint = f"; did you mean « {near[0]} »?" if near else ""
                        _add(log, table, i, col.name, v,
                             f"an id of {target} ({tables[target].file} has no « {v} »{hint})")


def check_settings_keys(schemas, tables, settings, log):
    for name, schema in schemas.items():
        table = tables.get(name)
        if table is None:
            continue
        for col in schema.columns.values():
            path = col.spec.get("x-settings-key")
            if not path:
                continue
            node = settings
            for part in path.split("."):
                node = node[part]
            for i, r in enumerate(table.records):
                if col.name in r and r[col.name] not in node:
                    _add(log, table, i, col.name, r[col.name],
                         f"one of: {', '.join(node)} (the formats of {path} in config/settings.yaml)")


def check_trail_numbers(tables, log):
    table = tables.get("etapes")
    if table is None or not table.records:
        return
    seen: dict[int, int] = {}
    for i, r in enumerate(table.records):
        n = r.get("numero")
        if n in seen:
            _add(log, table, i, "numero", n, f"a unique stop number (row {table.rows[seen[n]]} has it)")
        seen[n] = i
    expected = set(range(1, len(table.records) + 1))
    if set(seen) != expected and len(seen) == len(table.records):
        missing = sorted(expected - set(seen))
        i = max(seen.values())
        _add(log, table, i, "numero", "", f"stop numbers 1 to {len(table.records)} without gaps "
             f"(missing: {', '.join(map(str, missing[:5]))})")


def run_rules(schemas, tables, settings, log):
    check_references(schemas, tables, log)
    check_settings_keys(schemas, tables, settings, log)
    check_trail_numbers(tables, log)
    for name, schema in schemas.items():
        if name in tables:
            for rule_name in schema.rules:
                RULES[rule_name](tables[name], tables, settings, log)
