"""Food-law rules that span several cells of a product or a dish (PRINT.md, « Added after
reading the first build »): jams' statements and fruit share, the label format against the
package, sulphites without an ingredient list, a coherent nutrition declaration, the takeaway
dishes' shelf life. Registered in ``rules.RULES`` and named in the schemas' ``x-rules``.
"""

from __future__ import annotations

import re

from .problems import WARNING
from .rules import _add, rule
from .validate import Table

JAM_WORDS = {"confiture": "confiture", "gelée": "gelee", "gelee": "gelee", "marmelade": "marmelade",
             "crème de marrons": "creme-de-marrons"}
# the reserved name opens the sales name (« Confiture extra de fraises… »); elsewhere the word
# is an ingredient (« … en gelée au vin blanc »)
_JAM_RE = re.compile(r"^\W*(" + "|".join(map(re.escape, JAM_WORDS)) + r")\b", re.I)
_EXTRA_RE = re.compile(r"\bextra\b", re.I)
KIND_NAMES = {"confiture": "confiture", "confiture-extra": "confiture extra", "gelee": "gelée",
              "gelee-extra": "gelée extra", "marmelade": "marmelade",
              "gelee-marmelade": "marmelade-gelée", "creme-de-marrons": "crème de marrons"}


def is_takeaway_packed(dish: dict) -> bool:
    """What a takeaway menu packs on site and so stickers: its dishes, and its drinks made on
    site (bought drinks carry their maker's label)."""
    return not dish.get("boisson") or bool(dish.get("fait_maison"))


def jam_min_fruit(kind: str, name: str, conf: dict) -> float | None:
    """The directive's least fruit per 100 g for a jam ``kind`` named ``name`` (the annex's
    lower shares apply to the fruits it lists, when the name says one)."""
    low = name.lower()
    for entry in conf.get("lower_fruit_g", []):
        if any(re.search(r"\b" + re.escape(w.lower()) + r"\b", low) for w in entry["words"]) \
                and kind in entry["min_fruit_g"]:
            return float(entry["min_fruit_g"][kind])
    value = conf.get("min_fruit_g", {}).get(kind)
    return None if value is None else float(value)


@rule
def jam_statements(table: Table, tables, settings, log):
    conf = settings["labels"].get("jams", {})
    for i, r in enumerate(table.records):
        name = r.get("nom_fr", "")
        kind = r.get("type_confiture")
        said = _JAM_RE.search(name)
        if said and not kind:
            _add(log, table, i, "type_confiture", None,
                 f"the jam's category ({', '.join(sorted(set(JAM_WORDS.values())))}) — the name "
                 f"says « {said.group(1)} », a name reserved by Directive 2001/113/EC")
            continue
        if not kind:
            continue
        for col, what in (("fruits_g_100g", "« Préparé avec X g de fruits pour 100 g »"),
                          ("sucres_totaux_g_100g", "« Teneur totale en sucres : X g pour 100 g »")):
            if r.get(col) is None:
                _add(log, table, i, col, None,
                     f"a value per 100 g — a {KIND_NAMES.get(kind, kind)} label states {what}")
        if _EXTRA_RE.search(name) and not kind.endswith("-extra"):
            _add(log, table, i, "type_confiture", kind,
                 f"{kind}-extra — the name says « extra », which the directive reserves for it")
        least = jam_min_fruit(kind, name, conf)
        fruit = r.get("fruits_g_100g")
        if least is not None and fruit is not None and fruit < least:
            _add(log, table, i, "fruits_g_100g", _g(fruit),
                 f"at least {_g(least)} g of fruit per 100 g for « {KIND_NAMES.get(kind, kind)} » "
                 f"(Directive 2001/113/EC, Annex I)")


def _g(value: float) -> str:
    return f"{value:g}".replace(".", ",")


@rule
def format_fits_package(table: Table, tables, settings, log):
    formats = settings["labels"]["formats"]
    for i, r in enumerate(table.records):
        name = r.get("format_etiquette")
        fmt = formats.get(name)
        if fmt is None:
            continue  # an unknown format is reported by the settings-key check
        if fmt.get("items", "produits") != "produits":
            _add(log, table, i, "format_etiquette", name,
                 f"a product label format — {name} is for {fmt['items']} "
                 f"({', '.join(k for k, f in formats.items() if f.get('items', 'produits') == 'produits')})")
            continue
        units = fmt.get("units")
        if units and r.get("unite") and r["unite"] not in units:
            fits = [k for k, f in formats.items() if f.get("items", "produits") == "produits"
                    and (not f.get("units") or r["unite"] in f["units"])]
            _add(log, table, i, "format_etiquette", name,
                 f"a format for a product sold in {r['unite']}: {name} is for "
                 f"{', '.join(units)} ({', '.join(fits)} would fit)")
        surface = r.get("surface_emballage_cm2")
        area = fmt["width_mm"] * fmt["height_mm"] / 100
        if surface is not None and area > surface + 1e-9:
            _add(log, table, i, "surface_emballage_cm2", _g(surface),
                 f"a package that holds its label: format {name} is {_g(round(area, 1))} cm² — "
                 f"check the surface, or choose a smaller format")


@rule
def sulphites_declared(table: Table, tables, settings, log):
    words = [w.lower() for w in settings["labels"].get("sulphite_categories", [])]
    for i, r in enumerate(table.records):
        if r.get("ingredients_fr") or "sulfites" in r.get("allergenes", []):
            continue
        category = (r.get("categorie") or "").lower()
        hit = next((w for w in words if re.search(r"\b" + re.escape(w) + r"\b", category)), None)
        if hit:
            _add(log, table, i, "allergenes", ", ".join(r.get("allergenes", [])),
                 f"« sulfites » among the allergens — a {hit} without an ingredient list is "
                 f"labelled « Contient des sulfites » (above 10 mg/kg)")


@rule
def nutrition_consistent(table: Table, tables, settings, log):
    for i, r in enumerate(table.records):
        if r.get("exemption_nutrition"):
            continue
        for part, whole, name in (("acides_gras_satures", "matieres_grasses", "fat"),
                                  ("sucres", "glucides", "carbohydrate")):
            if r.get(part) is not None and r.get(whole) is not None and r[part] > r[whole] + 1e-9:
                _add(log, table, i, part, _g(r[part]),
                     f"at most the {name} ({_g(r[whole])} g): it is part of it")
        kj, kcal = r.get("energie_kj"), r.get("energie_kcal")
        if kj and kcal and not 3.9 <= kj / kcal <= 4.4:
            _add(log, table, i, "energie_kcal", _g(kcal),
                 f"about {_g(round(kj / 4.184))} kcal for {_g(kj)} kJ (1 kcal = 4,184 kJ)",
                 WARNING)


@rule
def takeaway_shelf_life(table: Table, tables, settings, log):
    menus = {m["id"]: m for m in tables["menus"].records} if "menus" in tables else {}
    for i, r in enumerate(table.records):
        menu = menus.get(r.get("menu"))
        if not menu or menu.get("type") != "emporter" or not is_takeaway_packed(r):
            continue
        if r.get("duree_conservation_jours") is None:
            _add(log, table, i, "duree_conservation_jours", None,
                 f"the shelf life in days — menu « {menu['id']} » is a takeaway: the dish's "
                 f"sticker gives its use-by date")
