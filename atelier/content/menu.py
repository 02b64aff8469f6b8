"""What a menu says, decided once for print and web: which dishes (those available on the
menu's date), in which sections and order, and every mention the rules demand — prices TTC,
allergens with their legend numbers, « fait maison », meat origin, diets, producers and their
distance from the site. Renderers only place what this module decides.

Every text written by people (names, descriptions, titles, mentions) is set here by the
typography of its language (``typography.typeset``), for print and web alike.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from .. import allergens
from .formats import number, price
from .typography import french, typeset

LANGS = ("fr", "en", "ja")

# Fixed wording in the three languages (the data holds everything else).
WORDS = {
    "allergens": {"fr": "Allergènes", "en": "Allergens", "ja": "アレルゲン"},
    "origin": {"fr": "Origine", "en": "Origin", "ja": "原産地"},
    "producers": {"fr": "Nos producteurs", "en": "Our producers", "ja": "生産者"},
    "fait_maison_all": {"fr": "Tous nos plats sont faits maison",
                        "en": "All our dishes are home-made", "ja": "全て自家製です"},
    "fait_maison": {"fr": "Fait maison", "en": "Home-made", "ja": "自家製"},
    # code de la consommation, art. D.121-13-3: wherever the logo is used, this sentence too
    "fait_maison_sentence": {
        "fr": "Les plats \u201cfaits maison\u201d sont élaborés sur place à partir de produits bruts",
        "en": "“Home-made” dishes are prepared on site from raw ingredients",
        "ja": "「自家製」の料理は、未加工の食材から店内で調理しています"},
    "online": {"fr": "La carte en ligne", "en": "Menu online", "ja": "オンラインメニュー"},
    "no_allergens": {"fr": "Aucun des 14 allergènes réglementaires",
                     "en": "None of the 14 regulated allergens", "ja": "特定原材料14品目不使用"},
    "prices": {"fr": "Prix en euros, toutes taxes comprises",
               "en": "Prices in euros, all taxes included", "ja": "価格は税込（ユーロ）"},
}
DIETS = {
    "vegetarien": {"fr": "Végétarien", "en": "Vegetarian", "ja": "ベジタリアン"},
    "vegan": {"fr": "Végétalien (vegan)", "en": "Vegan", "ja": "ヴィーガン"},
    "sans-gluten": {"fr": "Sans gluten", "en": "Gluten-free", "ja": "グルテンフリー"},
}


class MenuContentError(ValueError):
    """The data cannot make a lawful menu (caught by the job, reported with the menu's row)."""


@dataclass(frozen=True)
class Producer:
    id: str
    name: str
    commune: str
    distance_km: float

    @property
    def distance(self) -> str:
        """« 12 km », « 2,5 km » under 10 km (a walk, not a drive)."""
        return f"{number(self.distance_km, 1 if self.distance_km < 10 else 0)}\u00a0km"


@dataclass(frozen=True)
class Dish:
    id: str
    names: dict[str, str]  # lang -> name, for the menu's languages
    descriptions: dict[str, str]
    price: str  # « 12,50 € »
    volume: str | None  # « 25 cl » for drinks
    allergens: tuple[str, ...]  # codes, in Annex II order
    numbers: tuple[int, ...]  # their legend numbers
    diets: tuple[str, ...]
    fait_maison: bool
    origin: str | None  # « Origine : France » or the beef formula
    producers: tuple[Producer, ...]


@dataclass(frozen=True)
class Section:
    title: str
    titles: dict[str, str]  # translations present for the menu's languages
    dishes: tuple[Dish, ...]


@dataclass
class MenuContent:
    id: str
    langs: tuple[str, ...]
    titles: dict[str, str]
    service: str
    url: str  # the online menu
    qr_url: str  # the same, UTM-tagged
    sections: list[Section]
    legend: list[tuple[int, str]]  # (number, code) of every allergen used, in number order
    diets: list[str]  # diet codes used
    all_fait_maison: bool
    any_fait_maison: bool
    producers: list[Producer]  # every producer of the shown dishes, nearest first
    left_out: list[str] = field(default_factory=list)  # dish ids not available that day

    def word(self, key: str) -> dict[str, str]:
        return {lang: WORDS[key][lang] for lang in self.langs}

    def allergen_name(self, code: str, lang: str) -> str:
        """« Lait », « Milk », « 乳 » — capitalised: names stand alone in legends and lists."""
        text = allergens.name(code, lang)
        return text[:1].upper() + text[1:]


def legend_number(code: str) -> int:
    """Annex II order, 1–14: the same number on every menu, so staff learn them once."""
    return allergens.CODES.index(code) + 1


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088  # mean Earth radius (IUGG)
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def available(dish: dict, day: dt.date) -> bool:
    start, end = dish.get("disponible_du"), dish.get("disponible_au")
    return ((not start or dt.date.fromisoformat(start) <= day)
            and (not end or day <= dt.date.fromisoformat(end)))


def _origin(dish: dict) -> str | None:
    origin = (dish.get("origine_viande") or "").strip()
    if not dish.get("viande") and not origin:
        return None
    if not origin:  # validation reports it; never print a meat dish without its origin
        raise MenuContentError(f"dish « {dish['id']} » has meat ({dish['viande']}) but no "
                               "origine_viande (décret 2002-1465)")
    low = origin.lower()
    if low.startswith(("né", "ne ", "origine")):
        return french(origin)  # already the full formula (« Né et élevé : … / Abattu : … »)
    return french(f"Origine : {origin}")


def _producer(p: dict, site: dict) -> Producer:
    d = haversine_km(site["latitude"], site["longitude"], p["latitude"], p["longitude"])
    return Producer(p["id"], french(p["nom"]), french(p.get("commune") or ""), round(d, 1))


def menu_content(menu: dict, dishes: list[dict], partners: dict[str, dict], settings: dict
                 ) -> MenuContent:
    """The menu's content; ``dishes`` are the rows of ``plats`` for this menu (any order),
    ``partners`` the partenaires records of the site and of every producer."""
    from .urls import with_utm

    langs = tuple(lang for lang in LANGS if lang in menu["langues"])
    if langs[:1] != ("fr",):
        raise MenuContentError("French must be printed, and first (loi Toubon): add fr to langues")
    site = partners.get(menu["site"])
    if site is None or site.get("latitude") is None:
        raise MenuContentError(f"the site « {menu['site']} » needs coordinates in partenaires to "
                               "measure producers' distances")
    day = dt.date.fromisoformat(menu["date_validite"])
    shown = sorted((d for d in dishes if available(d, day)), key=lambda d: (d["ordre"], d["id"]))
    left_out = sorted(d["id"] for d in dishes if not available(d, day))
    if not shown:
        raise MenuContentError(f"no dish is available on {menu['date_validite']} (date_validite)")
    conf = settings["menus"]
    producers: dict[str, Producer] = {}
    by_section: dict[str, list[Dish]] = {}
    for d in shown:
        codes = tuple(sorted(d.get("allergenes") or [], key=legend_number))
        prods = []
        for pid in d.get("producteurs") or []:
            p = partners.get(pid)
            if p is None or p.get("latitude") is None:
                raise MenuContentError(f"dish « {d['id']} »: producer « {pid} » needs coordinates "
                                       "in partenaires")
            prods.append(producers.setdefault(pid, _producer(p, site)))
        volume = None
        if d.get("boisson"):
            volume = f"{number(d['volume_cl'], 1)}\u00a0cl"
        dish = Dish(
            id=d["id"],
            names={lang: typeset(d.get(f"nom_{lang}") or "", lang) for lang in langs},
            descriptions={lang: typeset(d.get(f"description_{lang}") or "", lang)
                          for lang in langs},
            price=price(d["prix_ttc"]),
            volume=volume,
            allergens=codes,
            numbers=tuple(legend_number(c) for c in codes),
            diets=tuple(x for x in DIETS if x in (d.get("regimes") or [])),
            fait_maison=bool(d.get("fait_maison")),
            origin=_origin(d),
            producers=tuple(prods),
        )
        by_section.setdefault(d["section"], []).append(dish)
    names = conf.get("sections", {})
    sections = [Section(french(title), {lang: typeset(names.get(title, {}).get(lang, ""), lang)
                                        for lang in langs[1:]},
                        tuple(items)) for title, items in by_section.items()]
    all_dishes = [x for s in sections for x in s.dishes]
    used = sorted({c for x in all_dishes for c in x.allergens}, key=legend_number)
    utm = settings["urls"]["utm"]
    return MenuContent(
        id=menu["id"],
        langs=langs,
        titles={lang: typeset(menu.get(f"titre_{lang}") or "", lang) for lang in langs},
        service=french(menu["mention_service"]),
        url=menu["url"],
        qr_url=with_utm(menu["url"], utm["source"], conf.get("utm_medium", "menu"),
                        utm["campaign"]),
        sections=sections,
        legend=[(legend_number(c), c) for c in used],
        diets=[x for x in DIETS if any(x in d.diets for d in all_dishes)],
        all_fait_maison=all(x.fait_maison for x in all_dishes),
        any_fait_maison=any(x.fait_maison for x in all_dishes),
        producers=sorted(producers.values(), key=lambda p: (p.distance_km, p.name)),
        left_out=left_out,
    )
