#!/usr/bin/env python3
"""Synthetic inputs for benchmarks: a complete, valid inputs folder of any size.

    .venv/bin/python bench/synth.py OUTDIR --products 5000 [--dishes 120] [--stops 40]
                                          [--partners 200] [--seed 7] [--format xlsx|csv]

Same tables, headers and conventions as the shipped sample (tools/make_sample_inputs.py):
one xlsx per table (sheet named after the table), `indicateurs` as a French-Excel CSV
(';', cp1252, CRLF, decimal comma). With ``--format csv`` the two big tables (produits,
plats) are written as UTF-8-with-BOM ';' CSV instead, the other way French Excel saves.
The strategy chapters (inputs/textes) and the images the tables and chapters reference are
copied from the sample (or regenerated when the sample folder is absent).

Deterministic for a given seed and arguments. 5,000 products take a few seconds.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import make_sample_inputs as S  # noqa: E402

SITE = S.SITE

# --------------------------------------------------------------------------------------------
# Geography: communes per territory (name, postcode, lat, lon)
# --------------------------------------------------------------------------------------------

COMMUNES = {
    "arras": [("Arras", "62000", 50.291, 2.777), ("Saint-Laurent-Blangy", "62223", 50.296,
              2.808), ("Achicourt", "62217", 50.274, 2.757), ("Beaurains", "62217", 50.266,
              2.793), ("Dainville", "62000", 50.282, 2.726),
              ("Tilloy-lès-Mofflaines", "62217", 50.279, 2.819)],
    "bethune-bruay": [("Béthune", "62400", 50.530, 2.640), ("Bruay-la-Buissière", "62700",
                      50.482, 2.550), ("Houdain", "62150", 50.451, 2.535),
                      ("Beuvry", "62660", 50.521, 2.684), ("Lillers", "62190", 50.562, 2.483),
                      ("Auchel", "62260", 50.508, 2.473), ("Barlin", "62620", 50.457, 2.618),
                      ("Maisnil-lès-Ruitz", "62620", 50.449, 2.587)],
    "coeur-d-ostrevent": [("Somain", "59490", 50.358, 3.281), ("Aniche", "59580", 50.330,
                          3.252), ("Lewarde", "59287", 50.342, 3.168),
                          ("Pecquencourt", "59146", 50.376, 3.213),
                          ("Marchiennes", "59870", 50.405, 3.283),
                          ("Auberchicourt", "59165", 50.333, 3.234)],
    "douai": [("Douai", "59500", 50.371, 3.080), ("Sin-le-Noble", "59450", 50.361, 3.112),
              ("Cuincy", "59553", 50.378, 3.052), ("Waziers", "59119", 50.387, 3.112),
              ("Flers-en-Escrebieux", "59128", 50.398, 3.061)],
    "lens-lievin": [("Lens", "62300", 50.432, 2.833), ("Liévin", "62800", 50.423, 2.778),
                    ("Loos-en-Gohelle", "62750", 50.457, 2.792), ("Avion", "62210", 50.410,
                    2.833), ("Grenay", "62160", 50.449, 2.745), ("Harnes", "62440", 50.446,
                    2.906), ("Oignies", "62590", 50.470, 2.993), ("Wingles", "62410", 50.494,
                    2.853)],
    "porte-du-hainaut": [("Denain", "59220", 50.329, 3.395), ("Wallers", "59135", 50.376,
                         3.392), ("Saint-Amand-les-Eaux", "59230", 50.448, 3.427),
                         ("Raismes", "59590", 50.389, 3.486), ("Escaudain", "59124", 50.333,
                         3.344)],
    "valenciennes": [("Valenciennes", "59300", 50.357, 3.523), ("Anzin", "59410", 50.372,
                     3.505), ("Saint-Saulve", "59880", 50.372, 3.556), ("Marly", "59770",
                     50.345, 3.549), ("Condé-sur-l'Escaut", "59163", 50.460, 3.590)],
}
ALL_COMMUNES = [(t, *c) for t, cs in COMMUNES.items() for c in cs]

FAMILY = ["Vasseur", "Delattre", "Caron", "Lefebvre", "Wattez", "Delcourt", "Descamps",
          "Deprez", "Lecomte", "Bocquet", "Carpentier", "Duhamel", "Vandamme", "Verhaeghe",
          "Dewaele", "Lenoir", "Cuvelier", "Fontaine", "Gosselin", "Hochart", "Lefranc",
          "Maes", "Queval", "Stievenard", "Taffin", "Vanhove", "Leclercq", "Demarcq",
          "Dhainaut", "Bultel", "Flament", "Ghesquière", "Lemaître", "Pruvost", "Savary"]
PLACES = ["du Terril", "de la Fosse", "du Chevalement", "des Corons", "de la Scarpe",
          "de la Deûle", "du Marais", "de la Gohelle", "des Houillères", "du Carreau",
          "de l'Escaut", "des Briques", "du Beffroi", "de la Lawe", "du Moulin",
          "de la Berline", "des Prés", "de la Plaine", "du Bois", "de la Gare"]
NAME_PATTERNS = {
    "restaurant": ["Estaminet {place}", "Friterie {place}", "Bistrot {place}",
                   "Restaurant {family}", "Food-truck {place}"],
    "boulangerie": ["Boulangerie {place}", "Boulangerie {family}", "Fournil {place}"],
    "artisan": ["Atelier {place}", "Confiserie {family}", "Chocolaterie {place}",
                "Torréfaction {family}", "Boucherie {family}"],
    "traiteur": ["Traiteur {family}", "Traiteur {place}", "Maison {family}"],
    "producteur": ["Ferme {family}", "Ferme {place}", "Les Jardins {place}",
                   "Verger {family}", "Rucher {place}", "Laiterie {place}"],
    "brasserie": ["Brasserie {place}", "Brasserie {family}"],
    "lieu": ["Salle {place}", "Maison {place}", "Halle {place}"],
    "autre": ["Association {place}", "Collectif {place}", "Studio {family}"],
}
GENERATED_TYPES = ["producteur", "producteur", "artisan", "boulangerie", "brasserie",
                   "restaurant", "traiteur", "autre", "lieu", "producteur", "artisan"]


def slugify(text: str) -> str:
    return S.normalise_header(text).replace("_", "-")


# --------------------------------------------------------------------------------------------
# partenaires
# --------------------------------------------------------------------------------------------

def gen_partenaires(rng: random.Random, n: int) -> list[dict]:
    keep = {"parc-olhain", "cite-electriciens"}
    fixed = [p for p in S.partenaires() if p["id"] in keep or p["type"] == "office-de-tourisme"]
    rows, seen = list(fixed), {p["id"] for p in fixed}
    for i in range(max(0, n - len(fixed))):
        typ = GENERATED_TYPES[i % len(GENERATED_TYPES)]
        terr = S.TERRITOIRES[i % len(S.TERRITOIRES)]
        commune, cp, lat, lon = rng.choice(COMMUNES[terr])
        nom = rng.choice(NAME_PATTERNS[typ]).format(place=rng.choice(PLACES),
                                                    family=rng.choice(FAMILY))
        pid = slugify(f"{nom} {commune}")
        k = 2
        while pid in seen:
            pid = slugify(f"{nom} {commune} {k}")
            k += 1
        seen.add(pid)
        row = {"id": pid, "nom": nom, "type": typ, "territoire": terr,
               "adresse": f"{rng.randint(1, 120)} rue {rng.choice(PLACES)}",
               "code_postal": cp, "commune": commune,
               "latitude": round(lat + rng.uniform(-0.012, 0.012), 5),
               "longitude": round(lon + rng.uniform(-0.012, 0.012), 5),
               "statut": rng.choice(S.STATUTS)}
        if rng.random() < 0.7:
            row["site_web"] = f"{SITE}/partenaires/{pid}"
            row["email"] = f"{pid}@example.com"
        if rng.random() < 0.8:
            row["telephone"] = f"03 53 01 {rng.randint(10, 99):02d} {rng.randint(10, 99):02d}"
        rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------
# produits
# --------------------------------------------------------------------------------------------

ORIGINS = [
    ("des terrils", "from the slag heaps", "ボタ山の"),
    ("de la Gohelle", "from the Gohelle", "ゴエル地方の"),
    ("des jardins ouvriers", "from the workers' gardens", "労働者菜園の"),
    ("de l'Artois", "from Artois", "アルトワ産の"),
    ("du Hainaut", "from Hainaut", "エノー地方の"),
    ("du bassin minier", "from the mining basin", "炭鉱地帯の"),
    ("de l'Ostrevent", "from Ostrevent", "オストルヴァン地方の"),
    ("du Douaisis", "from the Douaisis", "ドゥエ地方の"),
]
EDITIONS = [
    ("édition Parcours noir 2020", "Parcours noir 2020 edition", "パルクール・ノワール2020年版"),
    ("recette des corons", "miners' village recipe", "炭鉱住宅のレシピ"),
    ("série limitée", "limited series", "限定品"),
]
DESCRIPTORS = {
    "biere": [("fermentation haute", "top-fermented", "上面発酵"),
              ("refermentation en bouteille", "bottle-conditioned", "瓶内二次発酵")],
    "cidre": [("variétés anciennes", "heirloom varieties", "古い品種"),
              ("méthode fermière", "farmhouse method", "農家製法")],
    "jus": [("pressage à froid", "cold-pressed", "コールドプレス"),
            ("variétés anciennes", "heirloom varieties", "古い品種")],
    "confiture": [("cuisson au chaudron", "cooked in a copper pan", "銅鍋仕上げ"),
                  ("fruits cueillis à la main", "hand-picked fruit", "手摘みの果実")],
    "miel": [("récolte à la main", "hand-harvested", "手作業で採蜜"),
             ("extraction à froid", "cold-extracted", "非加熱抽出")],
    "chicoree": [("torréfaction au bois", "wood-roasted", "薪焙煎")],
    "biscuit": [("pur beurre", "all butter", "バターたっぷり"),
                ("cuisson au feu de bois", "wood-fired", "薪窯焼き")],
    "pain-epices": [("cuisson au feu de bois", "wood-fired", "薪窯焼き"),
                    ("recette aux six épices", "six-spice recipe", "6種のスパイス")],
    "caramel": [("cuisson au chaudron", "copper-pot cooked", "銅鍋仕上げ")],
    "ferment": [("affinage six mois en cave", "cellar-aged six months", "6ヶ月熟成"),
                ("fermentation avec nos partenaires japonais",
                 "fermented with our Japanese partners", "日本のパートナーと発酵")],
    "traiteur": [("six heures de cuisson", "cooked for six hours", "6時間煮込み"),
                 ("recette d'estaminet", "estaminet recipe", "エスタミネのレシピ")],
    "soupe": [("légumes de saison", "seasonal vegetables", "季節の野菜")],
    "moutarde": [("graines à l'ancienne", "wholegrain", "粒入り")],
    "boisson-fermentee": [("sans pasteurisation", "unpasteurised", "非加熱")],
}
DRINKS = {"biere", "cidre", "jus", "boisson-fermentee"}

BEER_CARE = "À conserver debout, au frais et à l'abri de la lumière."
FRESH = "À conserver entre 0 et 4 °C. Après ouverture, à consommer sous 48 heures."
DRY = "À conserver au sec, à l'abri de la chaleur."
OPENED = "Après ouverture, à conserver au réfrigérateur."

# kind: (makers, categorie, variants[(fr, en, ja, extra ingredients)], ingredients, allergens,
#        quantities[(q, unit)], abv range or None, exempt probability, care, date type, days,
#        price range, nutrition base (fat, sat, carbs, sugars, prot, salt) or None)
KINDS = {
    "biere": (("brasserie",), "bière",
              [("Bière blonde", "Blonde ale", "ブロンドビール", ""),
               ("Bière ambrée", "Amber ale", "アンバービール", ", sucre candi"),
               ("Bière noire", "Stout", "黒ビール", ", chicorée torréfiée"),
               ("Bière blanche", "Wheat beer", "白ビール", ", froment, coriandre"),
               ("Bière de garde", "Bière de garde", "ビエール・ド・ギャルド", "")],
              "eau, malt d'orge{x}, houblon, levure", "gluten", [(33, "cl"), (75, "cl")],
              (4.5, 9.0), 0.5, BEER_CARE, "ddm", 365, (2.8, 8.5),
              (0.0, 0.0, 3.8, 0.4, 0.5, 0.01)),
    "cidre": (("producteur",), "cidre",
              [("Cidre brut", "Dry cider", "辛口シードル", ""),
               ("Cidre doux", "Sweet cider", "甘口シードル", ""),
               ("Poiré", "Perry", "ポワレ（洋梨の発泡酒）", "")],
              "pur jus de pommes{x}, anhydride sulfureux", "sulfites", [(75, "cl"), (33, "cl")],
              (2.0, 5.5), 0.3, "À conserver couché, au frais.", "ddm", 730, (3.5, 8.0),
              (0.0, 0.0, 4.0, 3.6, 0.0, 0.01)),
    "jus": (("producteur",), "jus de fruits",
            [("Jus de pomme", "Apple juice", "りんごジュース", ""),
             ("Jus de pomme et rhubarbe", "Apple and rhubarb juice", "りんごとルバーブのジュース",
              ", rhubarbe"),
             ("Nectar de poire", "Pear nectar", "洋梨のネクター", ", sucre")],
            "pur jus de fruits{x}", "", [(25, "cl"), (1, "l")], None, 0.0,
            "Après ouverture, au réfrigérateur, 5 jours maximum.", "ddm", 365, (2.5, 4.5),
            (0.0, 0.0, 10.5, 10.0, 0.1, 0.0)),
    "confiture": (("producteur", "artisan"), "épicerie sucrée",
                  [("Confiture de rhubarbe", "Rhubarb jam", "ルバーブのジャム", ""),
                   ("Confiture de fraises", "Strawberry jam", "いちごのジャム", ""),
                   ("Gelée de pommes", "Apple jelly", "りんごのゼリー", ""),
                   ("Confiture de cerises", "Cherry jam", "さくらんぼのジャム", "")],
                  "fruits (55 %), sucre de canne, jus de citron{x}", "", [(220, "g"), (350, "g")],
                  None, 0.8, OPENED, "ddm", 365, (4.0, 6.5),
                  (0.1, 0.0, 58.0, 55.0, 0.4, 0.02)),
    "miel": (("producteur",), "miel",
             [("Miel de printemps", "Spring honey", "春のはちみつ", ""),
              ("Miel d'été", "Summer honey", "夏のはちみつ", ""),
              ("Miel de tilleul", "Lime blossom honey", "菩提樹のはちみつ", "")],
             "miel", "", [(250, "g"), (500, "g")], None, 1.0,
             "À conserver à température ambiante.", "ddm", 730, (6.0, 12.0), None),
    "chicoree": (("artisan", "producteur"), "épicerie",
                 [("Chicorée torréfiée en grains", "Roasted chicory granules", "焙煎チコリ", ""),
                  ("Chicorée moulue", "Ground chicory", "チコリパウダー", "")],
                 "chicorée torréfiée (100 %)", "", [(250, "g")], None, 1.0, DRY, "ddm", 540,
                 (3.5, 5.5), None),
    "biscuit": (("boulangerie", "artisan"), "biscuiterie",
                [("Sablés au beurre", "Butter shortbread", "バターサブレ", ""),
                 ("Sablés noirs au cacao", "Cocoa shortbread", "ココアサブレ", ", cacao (8 %)"),
                 ("Croquants aux noisettes", "Hazelnut crunchies", "ヘーゼルナッツのクッキー",
                  ", noisettes (15 %)"),
                 ("Cœurs au pain d'épices", "Gingerbread hearts", "ハート型パンデピス",
                  ", miel, épices")],
                "farine de blé, beurre (25 %), sucre, œufs, sel{x}", "gluten, lait, oeufs",
                [(120, "g"), (150, "g"), (250, "g")], None, 0.7, DRY, "ddm", 60, (3.5, 7.0),
                (24.0, 15.5, 64.0, 24.0, 6.5, 0.5)),
    "pain-epices": (("boulangerie", "artisan"), "épicerie sucrée",
                    [("Pain d'épices au miel", "Honey gingerbread", "はちみつのパンデピス", ""),
                     ("Pain d'épices à l'orange", "Orange gingerbread", "オレンジのパンデピス",
                      ", écorces d'orange confites")],
                    "farine de seigle, miel (35 %), sucre, lait, épices{x}", "gluten, lait",
                    [(300, "g"), (500, "g")], None, 0.6, DRY, "ddm", 90, (5.5, 9.0),
                    (1.5, 0.6, 72.0, 45.0, 4.5, 0.3)),
    "caramel": (("artisan",), "confiserie",
                [("Caramels tendres à la chicorée", "Soft chicory caramels", "チコリのキャラメル",
                  ", chicorée (4 %)"),
                 ("Caramels au beurre salé", "Salted butter caramels", "塩バターキャラメル",
                  ", fleur de sel")],
                "sucre, crème (lait), beurre, sirop de glucose{x}", "lait", [(100, "g"),
                                                                             (200, "g")],
                None, 0.8, DRY, "ddm", 120, (4.5, 8.0), (18.0, 11.0, 70.0, 60.0, 2.0, 0.6)),
    "ferment": (("artisan",), "épicerie fermentée",
                [("Miso de fèves et d'orge", "Broad bean and barley miso", "そら豆と大麦の味噌",
                  ", orge perlée"),
                 ("Shōyu de blé et de soja", "Wheat and soy shoyu", "醤油",
                  ", blé, graines de soja"),
                 ("Chou rouge lacto-fermenté", "Lacto-fermented red cabbage",
                  "紫キャベツの乳酸発酵漬け", ", chou rouge"),
                 ("Radis noir au son de riz", "Black radish in rice bran", "黒大根のぬか漬け",
                  ", radis noir, son de riz")],
                "légumes, sel de mer, kōji de riz{x}", "", [(200, "g"), (250, "g"), (350, "g")],
                None, 0.0, OPENED, "ddm", 270, (5.0, 9.5), (1.5, 0.2, 12.0, 4.0, 6.0, 6.5)),
    "traiteur": (("traiteur",), "traiteur",
                 [("Potjevleesch en bocal", "Potjevleesch in a jar", "ポッチェフレーシュ",
                   ", poulet, lapin, porc, veau, vin blanc (sulfites)"),
                  ("Carbonade flamande", "Flemish beef carbonade", "カルボナード・フラマンド",
                   ", bœuf, bière ambrée (malt d'orge), pain d'épices (farine de seigle)"),
                  ("Terrine de campagne", "Country terrine", "田舎風テリーヌ",
                   ", porc, foie de porc, œufs"),
                  ("Welsh prêt à gratiner", "Ready-to-bake welsh rarebit", "ウェルシュ",
                   ", cheddar (lait), bière blonde (malt d'orge), moutarde")],
                 "oignons, sel, poivre, thym, laurier{x}", "", [(350, "g"), (650, "g")], None,
                 0.0, "Après ouverture, au réfrigérateur, à consommer sous 3 jours.", "ddm",
                 730, (8.0, 16.0), (8.0, 3.0, 6.0, 3.0, 15.0, 1.1)),
    "soupe": (("traiteur", "producteur"), "traiteur",
              [("Velouté de petits pois", "Pea velouté", "グリーンピースのポタージュ", ""),
               ("Soupe de potiron", "Pumpkin soup", "かぼちゃのスープ", ""),
               ("Potage aux poireaux", "Leek soup", "ポロねぎのポタージュ", "")],
              "légumes (50 %), eau, pommes de terre, oignons, céleri, crème fraîche (lait), "
              "sel{x}", "celeri, lait", [(500, "ml"), (1, "l")], None, 0.0, FRESH, "dlc", 7,
              (4.0, 7.0), (2.2, 1.4, 6.5, 2.0, 2.5, 0.6)),
    "moutarde": (("traiteur", "artisan"), "condiment",
                 [("Moutarde à la bière noire", "Stout mustard", "黒ビールマスタード",
                   ", bière noire (malt d'orge)"),
                  ("Moutarde au miel", "Honey mustard", "はちみつマスタード", ", miel")],
                 "eau, graines de moutarde, vinaigre d'alcool, sel{x}", "moutarde",
                 [(100, "g"), (200, "g")], None, 0.0, OPENED, "ddm", 365, (3.5, 6.0),
                 (9.8, 0.6, 6.0, 2.5, 7.0, 5.3)),
    "boisson-fermentee": (("artisan",), "boisson fermentée",
                          [("Boisson fermentée au kōji", "Koji fermented drink", "麹の発酵ドリンク",
                            ", rhubarbe"),
                           ("Amazake", "Amazake", "甘酒", "")],
                          "eau, riz, kōji (Aspergillus oryzae), sucre de canne{x}", "",
                          [(25, "cl"), (33, "cl")], (0.3, 1.1), 0.0,
                          "À conserver au réfrigérateur entre 0 et 6 °C.", "dlc", 45,
                          (2.5, 4.5), (0.0, 0.0, 6.0, 5.0, 0.3, 0.01)),
}
KIND_WEIGHTS = {"biere": 12, "cidre": 5, "jus": 5, "confiture": 10, "miel": 5, "chicoree": 3,
                "biscuit": 12, "pain-epices": 6, "caramel": 6, "ferment": 10, "traiteur": 10,
                "soupe": 6, "moutarde": 5, "boisson-fermentee": 5}


def _name(rng, kind, fr, en, ja):
    """Short (base), medium (+ origin or descriptor) or long (all three, 60-90 chars)."""
    size = rng.choices(["short", "medium", "long"], weights=[40, 40, 20])[0]
    origin, desc, edition = (rng.choice(ORIGINS), rng.choice(DESCRIPTORS[kind]),
                             rng.choice(EDITIONS))
    if size == "short":
        parts = (None, None, None)
    elif size == "medium":
        parts = (origin, None, None) if rng.random() < 0.5 else (None, desc, None)
    else:
        parts = (origin, desc, edition)
        if len(f"{fr} {origin[0]}, {desc[0]}, {edition[0]}") > 90:
            parts = (origin, desc, None)
    o, d, e = parts
    nom_fr = fr + (f" {o[0]}" if o else "") + "".join(f", {x[0]}" for x in (d, e) if x)
    nom_en = en + (f" {o[1]}" if o else "") + "".join(f", {x[1]}" for x in (d, e) if x)
    extra_ja = "、".join(x[2] for x in (d, e) if x)
    nom_ja = (o[2] if o else "") + ja + (f"（{extra_ja}）" if extra_ja else "")
    return nom_fr, nom_en, nom_ja


def _nut(rng, base, abv):
    fat, sat, carbs, sugars, prot, salt = (v * rng.uniform(0.85, 1.15) for v in base)
    fat, carbs = round(fat, 1), round(carbs, 1)
    sat, sugars = min(round(sat, 1), fat), min(round(sugars, 1), carbs)
    return S.nutrition(fat, sat, carbs, sugars, round(prot, 1), round(salt, 2), abv or 0.0)


def gen_produits(rng: random.Random, n: int, partners: list[dict],
                 photos: list[str]) -> list[dict]:
    by_type: dict[str, list[str]] = {}
    for p in partners:
        by_type.setdefault(p["type"], []).append(p["id"])
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    rows = []
    for i in range(n):
        kind = kinds[i] if i < len(kinds) else rng.choices(kinds, weights)[0]
        (makers, cat, variants, ingredients, allergens, qtys, abv_r, p_exempt, care, tdate,
         days, price_r, nut_base) = KINDS[kind]
        fr, en, ja, extra = rng.choice(variants)
        nom_fr, nom_en, nom_ja = _name(rng, kind, fr, en, ja)
        ingr = ingredients.format(x=extra)
        declared = set(S.split_list(allergens)) | S.implied_allergens(ingr)
        allerg = ", ".join(a for a in S.ALLERGENS if a in declared)
        qty, unit = rng.choice(qtys)
        abv = round(rng.uniform(*abv_r), 1) if abv_r else None
        exempt = rng.random() < p_exempt or nut_base is None
        # the package decides the label (as in the sample): its largest surface in cm²
        jam = None
        if kind in DRINKS:
            fmt, surface = "bouteille", {"cl": 210 if qty <= 33 else 460, "l": 530}.get(unit, 210)
        elif kind == "confiture":  # jams: a 320 g jar and the directive's two statements
            qty, unit, surface = 320, "g", 209
            fmt = "pot" if len(nom_fr) <= 55 else "bocal"  # a long name: the larger label
            jam = ("gelee" if fr.startswith("Gelée") else "confiture", 55, 58)
        elif exempt and ingr.count(",") <= 6 and len(ingr) <= 45 and len(nom_fr) <= 30:
            fmt, surface = rng.choice(["l7163", "l7163", "pot"]), rng.randint(110, 240)
        elif len(nom_fr) > 55 or len(ingr) > 120:
            fmt, surface = "bocal", rng.randint(250, 400)  # long texts: the large jar or box
        else:
            fmt, surface = "pot", rng.randint(90, 300)
        pool = [m for t in makers for m in by_type.get(t, [])] or by_type["producteur"]
        sku = f"{slugify(fr)}-{i + 1:05d}"
        row = {
            "sku": sku, "nom_fr": nom_fr, "nom_en": nom_en,
            "nom_ja": nom_ja if rng.random() < 0.6 else None,
            "fabricant": rng.choice(pool), "categorie": cat, "ingredients_fr": ingr,
            "allergenes": allerg or None, "quantite_nette": qty, "unite": unit,
            "titre_alcoolique": abv, "conservation_fr": care, "type_date": tdate,
            "duree_conservation_jours": int(days * rng.uniform(0.6, 1.2)),
            "lot": f"L2020-{i + 1:05d}", "prix_ttc": round(rng.uniform(*price_r), 1),
            "ean13": S.make_ean13(f"376{900000000 + i:09d}")
            if rng.random() < 0.34 and fmt not in ("l7163", "l7160") else None,
            "url": f"{SITE}/produits/{sku}", "format_etiquette": fmt,
            "quantite_impression": rng.randint(7, 60),
            "photo": rng.choice(photos) if photos and rng.random() < 0.05 else None,
            "exemption_nutrition": "oui" if exempt else "non",
            "surface_emballage_cm2": surface,
        }
        if jam:
            row.update(type_confiture=jam[0], fruits_g_100g=jam[1], sucres_totaux_g_100g=jam[2])
        if not exempt:
            row.update(_nut(rng, nut_base, abv))
        rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------
# menus and plats (variations on the sample dishes, re-pointed to the generated producers)
# --------------------------------------------------------------------------------------------

def gen_plats(rng: random.Random, m: int, partners: list[dict]) -> list[dict]:
    producers = [p["id"] for p in partners
                 if p["type"] in ("producteur", "artisan", "brasserie", "boulangerie")]
    base = S.plats()
    pools = {menu: [d for d in base if d["menu"] == menu]
             for menu in ("olhain-carte", "carin-gourmand")}
    n_olhain = max(1, math.ceil(m * 0.6)) if m > 1 else m
    rows = []
    for menu, count in (("olhain-carte", n_olhain), ("carin-gourmand", m - n_olhain)):
        pool = pools[menu]
        order = {s: k for k, s in enumerate(dict.fromkeys(d["section"] for d in pool))}
        picks = [pool[k % len(pool)] for k in range(count)]
        picks.sort(key=lambda d: order[d["section"]])
        used: dict[str, int] = {}
        for k, d in enumerate(picks, start=1):
            row = dict(d)
            n = used.get(d["id"], 0)
            used[d["id"]] = n + 1
            if n:
                fresh = [o for o in ORIGINS if o[0] not in d["nom_fr"]]
                q = fresh[(n - 1) % len(fresh)]
                row["id"] = f"{d['id']}-{n + 1}"
                row["nom_fr"] = f"{d['nom_fr']} {q[0]}"
                row["nom_en"] = f"{d['nom_en']}, {q[1]}"
                row["nom_ja"] = f"{q[2]}{d['nom_ja']}"
                row["prix_ttc"] = round(max(0.5, d["prix_ttc"] + rng.uniform(-1.0, 1.5)), 1)
            row["ordre"] = k
            row["producteurs"] = ", ".join(rng.sample(producers, min(len(producers),
                                                                     rng.randint(0, 3)))) or None
            rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------
# etapes: a walkable-ish random walk across the destination
# --------------------------------------------------------------------------------------------

THEME_WORDS = {
    "frites": ("la friterie", "the chip shop", "フリット（フライドポテト）"),
    "street-food": ("la cuisine de rue", "street food", "ストリートフード"),
    "fermentation": ("l'atelier de fermentation", "the fermentation workshop", "発酵"),
    "design": ("le design culinaire", "culinary design", "食のデザイン"),
    "architecture": ("l'architecture minière", "mining architecture", "炭鉱の建築"),
    "photographie": ("la photographie", "photography", "写真"),
    "mobilite": ("la balade à vélo", "the bike ride", "サイクリング"),
    "textile": ("le textile", "textiles", "テキスタイル"),
}
FR_SENTENCES = [
    "À {commune}, cette étape du Parcours noir fait découvrir {theme} à travers les gestes "
    "des artisans et l'histoire du bassin minier.",
    "Les partenaires y proposent une expérience courte, à vivre en famille, qui relie le "
    "patrimoine UNESCO à la cuisine d'aujourd'hui.",
    "Un QR code donne accès aux horaires, aux traductions et au chemin vers l'étape suivante.",
    "Le noir y est partout : charbon, chicorée et briques patinées.",
]
EN_SENTENCES = [
    "In {commune}, this Parcours noir stop introduces {theme} through the skills of local "
    "makers and the history of the mining basin.",
    "Partners offer a short experience for the whole family, linking UNESCO heritage with "
    "today's cooking.",
    "A QR code gives the opening hours, translations and the way to the next stop.",
    "Black is everywhere: coal, chicory and weathered bricks.",
]


def _walk(rng: random.Random, n: int):
    lat, lon = 50.4312, 2.8035          # Louvre-Lens
    heading = rng.uniform(0, 360)
    k = math.cos(math.radians(50.4))
    pts = []
    for _ in range(n):
        pts.append((round(lat, 5), round(lon, 5)))
        for _try in range(20):
            step_km = rng.uniform(0.4, 1.6)
            h = heading + rng.gauss(0, 35)
            nlat = lat + step_km * math.cos(math.radians(h)) / 111.0
            nlon = lon + step_km * math.sin(math.radians(h)) / (111.0 * k)
            if 50.26 <= nlat <= 50.58 and 2.47 <= nlon <= 3.60:
                lat, lon, heading = nlat, nlon, h
                break
            heading += 180
    return pts


def _nearest_commune(lat, lon):
    return min(ALL_COMMUNES, key=lambda c: (c[3] - lat) ** 2 + (c[4] - lon) ** 2)


def gen_etapes(rng: random.Random, n: int, partners: list[dict]) -> list[dict]:
    themes = list(S.THEMES)
    rows, seen = [], set()
    for i, (lat, lon) in enumerate(_walk(rng, n), start=1):
        theme = themes[(i - 1) % len(themes)] if i <= len(themes) else rng.choice(themes)
        terr, commune, cp, _, _ = _nearest_commune(lat, lon)
        fr_word, en_word, ja_word = THEME_WORDS[theme]
        nom = f"{commune}, {fr_word} {rng.choice(PLACES)}"
        sid = slugify(f"{i:03d} {commune} {theme}")
        seen.add(sid)
        fr = " ".join(s.format(commune=commune, theme=fr_word) for s in FR_SENTENCES[:3])
        en = " ".join(s.format(commune=commune, theme=en_word) for s in EN_SENTENCES[:3])
        if rng.random() < 0.5:
            fr += " " + FR_SENTENCES[3]
            en += " " + EN_SENTENCES[3]
        ja = (f"{commune}の立ち寄り先では、{ja_word}を通して"
              "炭鉱地帯の歴史と職人の技に触れられます。"
              "QRコードで営業時間と次の立ち寄り先への道順を確認できます。")
        local = [p["id"] for p in partners if p["territoire"] == terr]
        start = S.D(2020, 5, 28) + S.dt.timedelta(days=rng.choice([0, 0, 0, 3, 7]))
        end = S.D(2020, 6, 30) - S.dt.timedelta(days=rng.choice([0, 0, 0, 3, 9]))
        rows.append({
            "id": sid, "numero": i, "nom": nom, "theme": theme,
            "partenaire": rng.choice(local) if local and rng.random() < 0.85 else None,
            "adresse": f"{rng.randint(1, 90)} rue {rng.choice(PLACES)}", "commune": commune,
            "latitude": lat, "longitude": lon,
            "horaires": rng.choice(["Mer.–Dim. 10 h – 18 h", "Tous les jours 9 h – 19 h",
                                    "Sam. 8 h – 14 h", "Jeu.–Dim. 17 h – 23 h"]),
            "date_debut": start, "date_fin": end, "texte_fr": fr, "texte_en": en,
            "texte_ja": ja, "url": f"{SITE}/parcours-noir/{sid}",
            "format_panneau": "a1" if i == 1 else ("a3" if rng.random() < 0.08 else "a2"),
            "distance_lecture_m": rng.choice([1.5, 2.0, 2.0, 2.5, 3.0]),
        })
    return rows


# --------------------------------------------------------------------------------------------
# projets (scores and partners re-drawn), planning/budget/indicateurs from the sample
# --------------------------------------------------------------------------------------------

def gen_projets(rng: random.Random, partners: list[dict], photos: list[str]) -> list[dict]:
    ids = [p["id"] for p in partners]
    rows = []
    for k, p in enumerate(S.projets()):
        row = dict(p)
        row["partenaires"] = ", ".join(rng.sample(ids, min(len(ids), rng.randint(1, 4))))
        for v in S.VALUES:
            row[v] = rng.randint(0, 3)
        row["photo"] = photos[k % len(photos)] if photos and k % 4 == 0 else None
        rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------

PHOTOS = ["packshot-biere-noire.jpg", "packshot-confiture.jpg", "packshot-caramels.jpg"]
DISH_PHOTOS = {"carbonade.jpg", "tarte-au-sucre.jpg", "cornet-frites.png",
               "jardins-ouvriers.jpg", "fermentation-bocaux.jpg"}
BIG_AS_CSV = {"produits", "plats"}


def build(out: Path, products: int, dishes: int, stops: int, partners: int, seed: int,
          fmt: str = "xlsx", check: bool = True) -> dict[str, int]:
    rng = random.Random(seed)
    tables = {}
    tables["partenaires"] = gen_partenaires(random.Random(rng.random()), partners)
    tables["produits"] = gen_produits(random.Random(rng.random()), products,
                                      tables["partenaires"], PHOTOS)
    tables["menus"] = S.menus()
    tables["plats"] = gen_plats(random.Random(rng.random()), dishes, tables["partenaires"])
    tables["etapes"] = gen_etapes(random.Random(rng.random()), stops, tables["partenaires"])
    tables["projets"] = gen_projets(random.Random(rng.random()), tables["partenaires"],
                                    ["olhain-foret.jpg", "fermentation-bocaux.jpg"])
    tables["planning"] = S.planning()
    tables["budget"] = S.budget()
    tables["indicateurs"] = S.indicateurs()
    if check:
        problems = S.check_tables(tables, strict_sample=False) + S.check_japanese(tables)
        if problems:
            raise SystemExit("synthetic data is inconsistent:\n  " + "\n  ".join(problems[:30]))

    out.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        for ext in ("xlsx", "csv"):       # never leave two versions of one table behind
            (out / f"{name}.{ext}").unlink(missing_ok=True)
        if name in S.CSV_TABLES:
            data, ext = S.csv_fr_bytes(S.HEADERS[name], rows), "csv"
        elif fmt == "csv" and name in BIG_AS_CSV:
            data, ext = S.csv_fr_bytes(S.HEADERS[name], rows, encoding="utf-8-sig"), "csv"
        else:
            data, ext = S.xlsx_bytes(name, S.HEADERS[name], rows, write_only=True), "xlsx"
        S.write_if_changed(out / f"{name}.{ext}", data)

    # chapters and the images anything references, from the sample when it exists
    sample = ROOT / "inputs"
    texts = {p.name: p.read_text("utf-8") for p in sorted((sample / "textes").glob("*.md"))} \
        if (sample / "textes").is_dir() else {}
    texts = texts or dict(S.TEXTES)
    refs = set()
    for name, text in texts.items():
        S.write_if_changed(out / "textes" / name, text.encode("utf-8"))
        refs |= set(re.findall(r"\]\(\.\./images/([^)\s\"]+)", text))
    for table in ("produits", "plats", "projets"):
        refs |= {r["photo"] for r in tables[table] if r.get("photo")}
    for name in sorted(refs):
        src = sample / "images" / name
        dst = out / "images" / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.exists():
            if not dst.exists() or dst.read_bytes() != src.read_bytes():
                shutil.copyfile(src, dst)
        else:
            S.write_if_changed(dst, S.image_bytes(name))
    counts = {k: len(v) for k, v in tables.items()}
    counts["textes"], counts["images"] = len(texts), len(refs)
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic, valid inputs folder.")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--products", type=int, required=True)
    ap.add_argument("--dishes", type=int, default=60, help="dishes over both menus (60)")
    ap.add_argument("--stops", type=int, default=20, help="Parcours noir stops (20)")
    ap.add_argument("--partners", type=int, default=60,
                    help="partners, including the 2 sites and 7 tourist offices (60, min 20)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--format", choices=("xlsx", "csv"), default="xlsx",
                    help="produits/plats as xlsx (default) or UTF-8 BOM ';' CSV")
    ap.add_argument("--no-check", action="store_true", help="skip the validity self-check")
    a = ap.parse_args(argv)
    if a.partners < 20 or a.products < 1 or a.dishes < 2 or a.stops < 2:
        ap.error("need --partners >= 20, --products >= 1, --dishes >= 2, --stops >= 2")
    t0 = time.perf_counter()
    counts = build(a.outdir, a.products, a.dishes, a.stops, a.partners, a.seed, a.format,
                   check=not a.no_check)
    print(f"{a.outdir}: " + ", ".join(f"{k} {v}" for k, v in counts.items())
          + f" ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
