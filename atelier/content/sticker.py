"""The sticker of a takeaway dish (the Carin gourmand's packed dishes): what it says, as a
``LabelContent`` so that the product labels' engine draws and checks it.

Dish name in French, then in the menu's other languages; the allergens emphasised (décret
2015-447: takeaway too); « fait maison » where it applies (décret 2015-505); the price paid
(arrêté du 27 mars 1987); the packing date and the use-by date (shelf life per dish, from the
menu's date — the day the stickers are printed for), with the storage conditions a « à consommer
jusqu'au » needs (Annex X).
"""

from __future__ import annotations

import datetime as dt

from ..inputs.rules_food import is_takeaway_packed
from .formats import day, price
from .label import Emphasised, LabelContent, add_allergen_names, use_by
from .menu import available
from .typography import NBSP, english, french

NO_ALLERGEN = "Sans aucun des 14 allergènes réglementaires."


def takeaway_dishes(menus: list[dict], dishes: list[dict]) -> list[tuple[dict, dict]]:
    """(dish, menu) for every dish a takeaway menu packs on site on the menu's date — the dishes
    its card shows, but the drinks bought ready-labelled — in the menu's order."""
    out = []
    for menu in sorted((m for m in menus if m.get("type") == "emporter"), key=lambda m: m["id"]):
        day_ = dt.date.fromisoformat(menu["date_validite"])
        mine = [d for d in dishes if d.get("menu") == menu["id"] and available(d, day_)
                and is_takeaway_packed(d)]
        out += [(d, menu) for d in sorted(mine, key=lambda d: d["id"])]
    return out


def allergens_line(codes: list[str]) -> Emphasised:
    out = Emphasised()
    if not codes:
        return out.add(NO_ALLERGEN)
    out.add(f"Contient{NBSP}: ")
    add_allergen_names(out, codes)
    return out.add(".")


def sticker_content(dish: dict, menu: dict, fmt: dict) -> LabelContent:
    packed = menu["date_validite"]
    until = (dt.date.fromisoformat(packed)
             + dt.timedelta(days=dish["duree_conservation_jours"])).isoformat()
    langs = menu.get("langues", ["fr"])
    return LabelContent(
        sku=dish["id"],
        name_fr=french(dish["nom_fr"]),
        name_en=english(dish.get("nom_en", "") or "") if "en" in langs else "",
        name_ja=dish.get("nom_ja", "") if "ja" in langs else "",
        ingredients=allergens_line(dish.get("allergenes", [])),
        date_line=use_by(until),
        storage=french(fmt.get("storage_fr", "")),
        maker="",
        lot="",
        net_quantity="",
        net_quantity_figure_mm=0.0,
        alcohol="",
        needs_pregnancy_picto=False,
        nutrition=None,
        nutrition_title="",
        qr_url="",
        ean13="",
        kind="sticker",
        price=price(dish["prix_ttc"]),
        packed_line=f"Emballé le{NBSP}{day(packed)}",
        fait_maison=bool(dish.get("fait_maison")),
    )
