"""The particulars of an ALL product label, per Regulation (EU) 1169/2011.

``label_content`` turns a product record (and its maker's record) into what the label says: the
texts, with allergen words marked for emphasis, the date marking, the net quantity and the
minimum height of its figures, the alcohol strength, the nutrition table. Layout is elsewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import allergens
from . import nutrition as nutrition_figures
from .formats import day, month_year, number
from .typography import NBSP, english, french
from .urls import with_utm

UNIT_TO_BASE = {"g": ("g", 1), "kg": ("g", 1000), "ml": ("ml", 1), "cl": ("ml", 10), "l": ("ml", 1000)}
DRINK_UNITS = {"ml", "cl", "l"}


@dataclass
class Emphasised:
    """Text with spans to set in bold: ``parts`` alternate (text, bold)."""

    parts: list[tuple[str, bool]] = field(default_factory=list)

    def add(self, text: str, bold: bool = False) -> Emphasised:
        if text:
            self.parts.append((text, bold))
        return self

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.parts)


@dataclass
class LabelContent:
    """What one label or sticker says. Products fill every field; a takeaway sticker (see
    ``content.sticker``) has no net quantity, lot, maker, codes or nutrition, and has a price."""

    sku: str
    name_fr: str
    name_en: str
    name_ja: str
    ingredients: Emphasised  # « Ingrédients : … » or « Contient : … », allergens in bold
    date_line: str
    storage: str
    maker: str
    lot: str
    net_quantity: str
    net_quantity_figure_mm: float  # minimum height of the figures (76/211/EEC)
    alcohol: str  # « 6,5 % vol » or ""
    needs_pregnancy_picto: bool
    nutrition: list[tuple[str, str, bool]] | None  # (label, value, indent) or None when exempt
    nutrition_title: str
    qr_url: str
    ean13: str
    x_height_min_mm: float = 1.2  # from the package's largest surface (art. 13(2)-(3))
    statements: list[str] = field(default_factory=list)  # jams: fruit and sugars (name's field of vision)
    reduced: bool = False  # package under 10 cm²: only name, allergens, quantity, date (art. 16(2))
    kind: str = "product"  # product | sticker
    price: str = ""  # stickers: « 6,50 € »
    packed_line: str = ""  # stickers: « Emballé le … »
    fait_maison: bool = False  # stickers: the dish is « fait maison »


def net_quantity_min_mm(quantity: float, unit: str, table: list[dict]) -> float:
    base_unit, factor = UNIT_TO_BASE[unit]
    amount = quantity * factor
    for step in table:
        if step["up_to"] is None or amount <= step["up_to"]:
            return float(step["min_mm"])
    return float(table[-1]["min_mm"])


def ingredients_text(product: dict) -> Emphasised:
    """The ingredient list with allergen words in bold (art. 21), or « Contient : … »."""
    text = french(product.get("ingredients_fr", "") or "")  # typography first, then the words
    declared = product.get("allergenes", [])
    out = Emphasised()
    if text:
        out.add(f"Ingrédients{NBSP}: ")
        pos = 0
        found = set()
        for start, end, code in allergens.find_allergen_words(text):
            out.add(text[pos:start])
            out.add(text[start:end], True)
            found.add(code)
            pos = end
        out.add(text[pos:])
        rest = [c for c in declared if c not in found]
        if rest:
            out.add(f". Contient{NBSP}: " if not text.rstrip().endswith(".") else f" Contient{NBSP}: ")
            add_allergen_names(out, rest)
        if not out.text.rstrip().endswith("."):
            out.add(".")
    elif declared:
        # Without a list (drinks above 1,2 % vol, art. 16(4)) sulphites read « Contient des
        # sulfites » (PRINT.md), the others « Contient : … ».
        others = [c for c in declared if c != "sulfites"]
        if others:
            out.add(f"Contient{NBSP}: ")
            add_allergen_names(out, others)
            out.add(".")
        if "sulfites" in declared:
            out.add(" Contient des " if others else "Contient des ")
            out.add("sulfites", True)
            out.add(".")
    return out


def contains_only(product: dict) -> Emphasised:
    """The allergens alone, « Contient : … » (art. 16(2): packages under 10 cm²)."""
    return ingredients_text({"allergenes": product.get("allergenes", [])})


def add_allergen_names(out: Emphasised, codes: list[str]) -> None:
    for i, code in enumerate(codes):
        if i:
            out.add(", ")
        out.add(allergens.name(code, "fr"), True)


def date_marking(product: dict, production_date: str) -> str:
    """Annex X wording: DLC with the day; DDM with the day up to 3 months, else month and year."""
    days = product["duree_conservation_jours"]
    until = (dt.date.fromisoformat(production_date) + dt.timedelta(days=days)).isoformat()
    if product["type_date"] == "dlc":
        return use_by(until)
    # a numeric date never starts a line alone: it stays with the words that lead to it
    if days <= 92:
        return f"À consommer de préférence avant le{NBSP}{day(until)}"
    return f"À consommer de préférence avant fin {month_year(until)}"


def use_by(until: str) -> str:
    """Annex X wording for a use-by date (DLC), the date kept with its words on one line."""
    return f"À consommer jusqu’au{NBSP}{day(until)}"


def x_height_min(surface_cm2: float | None, labels: dict) -> float:
    """The legal x-height for a package of this largest surface (unknown: the general rule)."""
    small = labels.get("small_package_cm2", 80)
    if surface_cm2 is not None and surface_cm2 < small:
        return float(labels["x_height_small_package_mm"])
    return float(labels["x_height_min_mm"])


def jam_statements(product: dict) -> list[str]:
    """Directive 2001/113/EC (décret 85-872): fruit used and total sugars, per 100 g."""
    if not product.get("type_confiture"):
        return []
    return [f"Préparé avec {number(product['fruits_g_100g'], 1)}\u00a0g de fruits pour 100\u00a0g",
            f"Teneur totale en sucres\u00a0: {number(product['sucres_totaux_g_100g'], 1)}\u00a0g "
            f"pour 100\u00a0g"]


def label_content(product: dict, maker: dict, settings: dict) -> LabelContent:
    labels = settings["labels"]
    qty, unit = product["quantite_nette"], product["unite"]
    alcohol = product.get("titre_alcoolique")
    strong = alcohol is not None and alcohol > labels.get("alcohol_threshold_pct", 1.2)
    base_unit = UNIT_TO_BASE[unit][0]
    surface = product.get("surface_emballage_cm2")
    reduced = surface is not None and surface < labels.get("reduced_list_cm2", 10)
    nutrition = None
    if not product.get("exemption_nutrition") and not reduced:
        nutrition = [(r.label, r.value, r.indent)
                     for r in nutrition_figures.declaration(product)]
    utm = settings["urls"]["utm"]
    maker_line = (f"{maker['nom']}, {maker['adresse']}, {maker['code_postal']} {maker['commune']}")
    return LabelContent(
        sku=product["sku"],
        name_fr=french(product["nom_fr"]),
        name_en=english(product.get("nom_en", "") or ""),
        name_ja=product.get("nom_ja", ""),
        ingredients=contains_only(product) if reduced else ingredients_text(product),
        date_line=date_marking(product, labels["production_date"]),
        storage=french(product["conservation_fr"]),
        maker=f"Fabriqué par {french(maker_line)}",
        lot=f"Lot{NBSP}: {product['lot']}",  # the code as written, never typeset
        net_quantity=f"{number(qty, 2)}\u00a0{unit}",
        net_quantity_figure_mm=net_quantity_min_mm(qty, unit, labels["net_quantity_heights"]),
        alcohol=f"{number(alcohol, 1)}\u00a0% vol" if strong else "",
        needs_pregnancy_picto=strong,
        nutrition=nutrition,
        nutrition_title=f"Valeurs nutritionnelles moyennes pour 100\u00a0{base_unit}",
        qr_url=with_utm(product["url"], utm["source"], "etiquette", utm["campaign"]),
        ean13=product.get("ean13", ""),
        x_height_min_mm=x_height_min(surface, labels),
        statements=jam_statements(product),
        reduced=reduced,
    )
