#!/usr/bin/env python3
"""Write the sample inputs of Atelier ALL into ``inputs/``.

The sample describes Pas-de-Calais Tourisme's culinary design programme for the destination
ALL « Autour du Louvre-Lens »: the Parcours noir (28 May - 30 June 2020), the restaurant of the
Parc départemental d'Olhain, the « Carin gourmand » takeaway at the Cité des Électriciens and the
ALL-branded artisan products. Places are real; businesses, people, e-mail addresses and phone
numbers are fictional (e-mails use the reserved domain example.com, phone numbers the
03 53 01 range that ARCEP keeps for fiction).

The script is deterministic: two runs write byte-identical files, and a file whose content did
not change is not rewritten (its mtime stays put, so Snakemake sees nothing new).

    .venv/bin/python tools/make_sample_inputs.py            # writes inputs/
    .venv/bin/python tools/make_sample_inputs.py --out DIR  # writes elsewhere
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXED_DATETIME = dt.datetime(2020, 1, 6, 9, 0, 0)
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
CREATOR = "Atelier ALL"
SITE = "https://www.autourdulouvrelens.fr"

# --------------------------------------------------------------------------------------------
# Conventions shared with bench/synth.py
# --------------------------------------------------------------------------------------------

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ALLERGENS = (
    "gluten", "crustaces", "oeufs", "poissons", "arachides", "soja", "lait", "fruits-a-coque",
    "celeri", "moutarde", "sesame", "sulfites", "lupin", "mollusques",
)
TERRITOIRES = (
    "arras", "bethune-bruay", "coeur-d-ostrevent", "douai", "lens-lievin", "porte-du-hainaut",
    "valenciennes",
)
PARTNER_TYPES = (
    "restaurant", "boulangerie", "artisan", "traiteur", "producteur", "brasserie", "lieu",
    "office-de-tourisme", "autre",
)
STATUTS = ("identifie", "contacte", "engage", "partenaire")
THEMES = (
    "frites", "street-food", "fermentation", "design", "architecture", "photographie",
    "mobilite", "textile",
)
VALUES = (
    "fierte", "passion", "fidelite", "chaleur", "spontaneite", "authenticite", "solidarite",
    "simplicite", "volonte",
)
BEEF_ORIGIN = "Né et élevé : France / Abattu : France"

# Ingredient words that imply an allergen (EU 1169/2011 Annex II); used to self-check the data.
ALLERGEN_WORDS = {
    "lait": r"beurre|crème|lait|fromage|fromages|maroilles|mimolette|babeurre|yaourt|mascarpone",
    "gluten": r"blé|orge|malt|seigle|épeautre|avoine|froment|bière|pain|spéculoos|chapelure|"
              r"farine de blé|gaufre|gaufres",
    "oeufs": r"œuf|œufs|oeuf|oeufs|mayonnaise",
    "fruits-a-coque": r"noisette|noisettes|amande|amandes|noix|pistache|pistaches",
    "moutarde": r"moutarde",
    "soja": r"soja",
    "sesame": r"sésame",
    "celeri": r"céleri",
    "poissons": r"poisson|truite|saumon|hareng|anchois",
    "sulfites": r"sulfites|anhydride sulfureux|vin blanc|vin rouge",
    "crustaces": r"crevette|crevettes|crabe|homard",
}
_ALLERGEN_RES = {k: re.compile(r"(?<![\w])(" + v + r")(?![\w])", re.IGNORECASE)
                 for k, v in ALLERGEN_WORDS.items()}


def normalise_header(text: str) -> str:
    """The header rule of the pipeline: lowercase, strip accents, non-alphanumerics -> '_'."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def implied_allergens(text: str) -> set[str]:
    return {code for code, rx in _ALLERGEN_RES.items() if rx.search(text or "")}


def ean13_check_digit(first12: str) -> str:
    total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(first12))
    return str((10 - total % 10) % 10)


def make_ean13(first12: str) -> str:
    assert len(first12) == 12 and first12.isdigit(), first12
    return first12 + ean13_check_digit(first12)


def nutrition(fat, sat, carbs, sugars, prot, salt, abv=0.0):
    """Per-100 g/ml values; energy from the EU conversion factors (Annex XIV)."""
    alcohol_g = abv * 0.789
    kj = round(37 * fat + 17 * carbs + 17 * prot + 29 * alcohol_g)
    kcal = round(9 * fat + 4 * carbs + 4 * prot + 7 * alcohol_g)
    return {
        "energie_kj": kj, "energie_kcal": kcal, "matieres_grasses": fat,
        "acides_gras_satures": sat, "glucides": carbs, "sucres": sugars,
        "proteines": prot, "sel": salt,
    }


# --------------------------------------------------------------------------------------------
# Writers
# --------------------------------------------------------------------------------------------

class FrDate(str):
    """A date the designer typed as French text (« 28/05/2020 »): written as a text cell."""


def write_if_changed(path: Path, data: bytes) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def freeze_xlsx(raw: bytes, dimension: str | None = None) -> bytes:
    """Rewrite an xlsx zip with fixed timestamps, so identical content gives identical bytes.

    ``dimension`` (e.g. "A1:V53") is added to a write-only sheet, which openpyxl leaves
    unsized: read-only readers would otherwise drop the trailing empty cells of a row.
    """
    stamp = FIXED_DATETIME.isoformat(timespec="seconds").encode() + b"Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp + rb"\g<2>", data)
                data = re.sub(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)",
                              rb"\g<1>" + stamp + rb"\g<2>", data)
            if dimension and info.filename == "xl/worksheets/sheet1.xml" and \
                    b"<dimension " not in data:
                data = data.replace(b"</sheetPr>",
                                    b'</sheetPr><dimension ref="' + dimension.encode() + b'"/>', 1)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 3
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, data, compresslevel=6)
    return out.getvalue()


TEXT_COLUMNS = {"ean13", "code_postal", "telephone", "lot"}
MONEY_COLUMNS = {"prix_ttc", "prix_unitaire_ht"}


def _cell_value(value):
    if isinstance(value, FrDate):
        return str(value)
    return value


def xlsx_bytes(table: str, headers: list[tuple[str, str]], rows: list[dict],
               write_only: bool = False) -> bytes:
    """One sheet named after the table; French headers; dates as real dates."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    for canonical, header in headers:
        assert normalise_header(header) == canonical, (table, header, canonical)
    wb = Workbook(write_only=write_only)
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    wb.properties.title = table
    wb.properties.created = FIXED_DATETIME
    wb.properties.modified = FIXED_DATETIME
    keys = [c for c, _ in headers]

    def fmt(key, value):
        if isinstance(value, (dt.date, dt.datetime)) and not isinstance(value, FrDate):
            return "DD/MM/YYYY"
        if key in TEXT_COLUMNS:
            return "@"
        if key in MONEY_COLUMNS and isinstance(value, (int, float)):
            return "0.00"
        return None

    if write_only:
        ws = wb.create_sheet(table)
        bold = Font(bold=True)
        head = []
        for _, header in headers:
            c = WriteOnlyCell(ws, value=header)
            c.font = bold
            head.append(c)
        ws.append(head)
        for row in rows:
            cells = []
            for k in keys:
                v = _cell_value(row.get(k))
                f = fmt(k, v)
                if f is None:
                    cells.append(v)
                else:
                    c = WriteOnlyCell(ws, value=v)
                    c.number_format = f
                    cells.append(c)
            ws.append(cells)
    else:
        ws = wb.active
        ws.title = table
        ws.append([h for _, h in headers])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        widths = [len(h) for _, h in headers]
        for r, row in enumerate(rows, start=2):
            for col, k in enumerate(keys, start=1):
                v = _cell_value(row.get(k))
                cell = ws.cell(row=r, column=col, value=v)
                f = fmt(k, v)
                if f:
                    cell.number_format = f
                if v is not None:
                    widths[col - 1] = max(widths[col - 1], min(60, len(str(v))))
        from openpyxl.utils import get_column_letter
        for col, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = min(62, w + 2)
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    from openpyxl.utils import get_column_letter as _col
    return freeze_xlsx(buf.getvalue(), f"A1:{_col(len(headers))}{len(rows) + 1}"
                       if write_only else None)


def french_number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d/%m/%Y")
    return str(value)


def csv_fr_bytes(headers: list[tuple[str, str]], rows: list[dict],
                 encoding: str = "cp1252") -> bytes:
    """CSV the way French Excel saves it: ';', decimal comma, CRLF, cp1252 (or UTF-8 BOM)."""
    for canonical, header in headers:
        assert normalise_header(header) == canonical, (header, canonical)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([h for _, h in headers])
    for row in rows:
        w.writerow([french_number(row.get(c)) for c, _ in headers])
    text = buf.getvalue()
    if encoding.lower() in ("utf-8-sig", "utf8-sig"):
        return text.encode("utf-8-sig")
    return text.encode(encoding)


# --------------------------------------------------------------------------------------------
# Headers: (canonical name, what the designer typed in Excel)
# --------------------------------------------------------------------------------------------

HEADERS = {
    "partenaires": [
        ("id", "Id"), ("nom", "Nom"), ("type", "Type"), ("territoire", "Territoire"),
        ("adresse", "Adresse"), ("code_postal", "Code postal"), ("commune", "Commune"),
        ("latitude", "Latitude"), ("longitude", "Longitude"), ("site_web", "Site web"),
        ("email", "Email"), ("telephone", "Téléphone"), ("statut", "Statut"),
    ],
    "produits": [
        ("sku", "SKU"), ("nom_fr", "Nom FR"), ("nom_en", "Nom EN"), ("nom_ja", "Nom JA"),
        ("fabricant", "Fabricant"), ("categorie", "Catégorie"),
        ("ingredients_fr", "Ingrédients FR"), ("allergenes", "Allergènes"),
        ("quantite_nette", "Quantité nette"), ("unite", "Unité"),
        ("titre_alcoolique", "Titre alcoolique"), ("conservation_fr", "Conservation FR"),
        ("type_date", "Type date"), ("duree_conservation_jours", "Durée conservation (jours)"),
        ("lot", "Lot"), ("prix_ttc", "Prix TTC"), ("ean13", "EAN13"), ("url", "URL"),
        ("format_etiquette", "Format étiquette"),
        ("surface_emballage_cm2", "Surface emballage (cm²)"),
        ("quantite_impression", "Quantité impression"), ("photo", "Photo"),
        ("exemption_nutrition", "Exemption nutrition"), ("energie_kj", "Énergie (kJ)"),
        ("energie_kcal", "Énergie (kcal)"), ("matieres_grasses", "Matières grasses"),
        ("acides_gras_satures", "Acides gras saturés"), ("glucides", "Glucides"),
        ("sucres", "Sucres"), ("proteines", "Protéines"), ("sel", "Sel"),
        ("type_confiture", "Type confiture"), ("fruits_g_100g", "Fruits g/100g"),
        ("sucres_totaux_g_100g", "Sucres totaux g/100g"),
    ],
    "menus": [
        ("id", "Id"), ("site", "Site"), ("type", "Type"), ("titre_fr", "Titre FR"),
        ("titre_en", "Titre EN"), ("titre_ja", "Titre JA"), ("format", "Format"),
        ("langues", "Langues"), ("date_validite", "Date validité"),
        ("mention_service", "Mention service"), ("url", "URL"),
        ("quantite_impression", "Quantité impression"),
    ],
    "plats": [
        ("id", "Id"), ("menu", "Menu"), ("section", "Section"), ("ordre", "Ordre"),
        ("nom_fr", "Nom FR"), ("nom_en", "Nom EN"), ("nom_ja", "Nom JA"),
        ("description_fr", "Description FR"), ("description_en", "Description EN"),
        ("description_ja", "Description JA"), ("prix_ttc", "Prix TTC"),
        ("allergenes", "Allergènes"), ("regimes", "Régimes"), ("fait_maison", "Fait maison"),
        ("viande", "Viande"), ("origine_viande", "Origine viande"), ("boisson", "Boisson"),
        ("volume_cl", "Volume (cl)"), ("producteurs", "Producteurs"),
        ("disponible_du", "Disponible du"), ("disponible_au", "Disponible au"),
        ("photo", "Photo"), ("duree_conservation_jours", "Durée conservation (jours)"),
        ("quantite_etiquettes", "Quantité étiquettes"),
    ],
    "etapes": [
        ("id", "Id"), ("numero", "Numéro"), ("nom", "Nom"), ("theme", "Thème"),
        ("partenaire", "Partenaire"), ("adresse", "Adresse"), ("commune", "Commune"),
        ("latitude", "Latitude"), ("longitude", "Longitude"), ("horaires", "Horaires"),
        ("date_debut", "Date début"), ("date_fin", "Date fin"), ("texte_fr", "Texte FR"),
        ("texte_en", "Texte EN"), ("texte_ja", "Texte JA"), ("url", "URL"),
        ("format_panneau", "Format panneau"), ("distance_lecture_m", "Distance lecture (m)"),
    ],
    "projets": [
        ("id", "Id"), ("titre", "Titre"), ("theme", "Thème"), ("volet", "Volet"),
        ("partenaires", "Partenaires"), ("phase", "Phase"), ("fierte", "Fierté"),
        ("passion", "Passion"), ("fidelite", "Fidélité"), ("chaleur", "Chaleur"),
        ("spontaneite", "Spontanéité"), ("authenticite", "Authenticité"),
        ("solidarite", "Solidarité"), ("simplicite", "Simplicité"), ("volonte", "Volonté"),
        ("description", "Description"), ("photo", "Photo"),
    ],
    "planning": [
        ("id", "Id"), ("action", "Action"), ("volet", "Volet"), ("debut", "Début"),
        ("fin", "Fin"), ("jalon", "Jalon"), ("responsable", "Responsable"),
        ("livrable", "Livrable"),
    ],
    "budget": [
        ("action", "Action"), ("poste", "Poste"), ("unite", "Unité"),
        ("quantite", "Quantité"), ("prix_unitaire_ht", "Prix unitaire HT"),
        ("taux_tva", "Taux TVA"), ("travail", "Travail"),
    ],
    "indicateurs": [
        ("id", "Id"), ("indicateur", "Indicateur"), ("volet", "Volet"), ("cible", "Cible"),
        ("realise", "Réalisé"), ("unite", "Unité"), ("source", "Source"),
    ],
}

D = dt.date

# --------------------------------------------------------------------------------------------
# partenaires
# --------------------------------------------------------------------------------------------

# id, nom, type, territoire, adresse, code postal, commune, lat, lon, statut, contact?
_PARTNERS = [
    # the two sites of the programme and the venues of the trail (real places)
    ("parc-olhain", "Parc départemental d'Olhain", "lieu", "bethune-bruay",
     "Rue de Rebreuve", "62620", "Maisnil-lès-Ruitz", 50.4330, 2.5820, "partenaire", True),
    ("cite-electriciens", "Cité des Électriciens", "lieu", "bethune-bruay",
     "Rue Franklin", "62700", "Bruay-la-Buissière", 50.4850, 2.5450, "partenaire", True),
    ("louvre-lens", "Musée du Louvre-Lens", "lieu", "lens-lievin",
     "99 rue Paul Bert", "62300", "Lens", 50.4310, 2.8040, "partenaire", True),
    ("base-11-19", "Base 11/19", "lieu", "lens-lievin",
     "Rue de Bourgogne", "62750", "Loos-en-Gohelle", 50.4575, 2.7856, "engage", True),
    ("metaphone-9-9bis", "Le Métaphone – site du 9-9bis", "lieu", "lens-lievin",
     "Chemin du Tordoir", "62590", "Oignies", 50.4640, 2.9940, "partenaire", True),
    ("arenberg-creative-mine", "Arenberg Creative Mine", "lieu", "porte-du-hainaut",
     "Rue Michel Rondet", "59135", "Wallers", 50.3983, 3.4137, "engage", True),
    ("centre-historique-minier", "Centre historique minier", "lieu", "coeur-d-ostrevent",
     "Fosse Delloye, rue d'Erchin", "59287", "Lewarde", 50.3416, 3.1696, "engage", True),
    # the seven tourist offices of the destination
    ("ot-arras", "Office de tourisme Arras Pays d'Artois", "office-de-tourisme", "arras",
     "Place des Héros", "62000", "Arras", 50.2913, 2.7775, "partenaire", True),
    ("ot-bethune-bruay", "Office de tourisme Béthune-Bruay", "office-de-tourisme",
     "bethune-bruay", "Grand'Place", "62400", "Béthune", 50.5303, 2.6400, "partenaire", True),
    ("ot-coeur-d-ostrevent", "Office de tourisme Cœur d'Ostrevent", "office-de-tourisme",
     "coeur-d-ostrevent", "Place Jean Jaurès", "59490", "Somain", 50.3580, 3.2810,
     "partenaire", True),
    ("ot-douai", "Office de tourisme de Douai", "office-de-tourisme", "douai",
     "Place d'Armes", "59500", "Douai", 50.3700, 3.0790, "partenaire", True),
    ("ot-lens-lievin", "Office de tourisme Lens-Liévin", "office-de-tourisme", "lens-lievin",
     "Place Jean Jaurès", "62300", "Lens", 50.4290, 2.8310, "partenaire", True),
    ("ot-porte-du-hainaut", "Office de tourisme de la Porte du Hainaut", "office-de-tourisme",
     "porte-du-hainaut", "Grand'Place", "59230", "Saint-Amand-les-Eaux", 50.4480, 3.4270,
     "partenaire", True),
    ("ot-valenciennes", "Office de tourisme Valenciennes Métropole", "office-de-tourisme",
     "valenciennes", "Rue Ferrand", "59300", "Valenciennes", 50.3580, 3.5240, "partenaire", True),
    # Lens-Liévin (fictional businesses)
    ("friterie-du-terril", "Friterie du Terril", "restaurant", "lens-lievin",
     "12 rue de la Gare", "62300", "Lens", 50.4270, 2.8300, "partenaire", True),
    ("brasserie-gohelle", "Brasserie de la Gohelle", "brasserie", "lens-lievin",
     "4 rue des Fosses", "62750", "Loos-en-Gohelle", 50.4560, 2.7940, "partenaire", True),
    ("boulangerie-le-carreau", "Boulangerie Le Carreau", "boulangerie", "lens-lievin",
     "27 rue Jean-Baptiste Defernez", "62800", "Liévin", 50.4215, 2.7790, "partenaire", True),
    ("ferme-des-chevalements", "Ferme des Chevalements", "producteur", "lens-lievin",
     "Chemin du Marais", "62160", "Grenay", 50.4480, 2.7420, "partenaire", True),
    ("atelier-hakko", "Atelier Hakkō – fermentation franco-japonaise", "artisan",
     "lens-lievin", "8 rue de la Fosse 7", "62210", "Avion", 50.4100, 2.8350, "partenaire",
     True),
    ("traiteur-les-corons", "Traiteur Les Corons", "traiteur", "lens-lievin",
     "31 avenue des Saules", "62440", "Harnes", 50.4470, 2.9050, "engage", True),
    ("jardins-de-la-deule", "Les Jardins de la Deûle", "producteur", "lens-lievin",
     "Route du Canal", "62410", "Wingles", 50.4950, 2.8560, "engage", False),
    ("atelier-tisse-noir", "Atelier Tisse-Noir", "artisan", "lens-lievin",
     "5 rue des Tisserands", "62440", "Harnes", 50.4440, 2.9100, "contacte", True),
    ("studio-gaillette", "Studio Gaillette, design culinaire", "autre", "lens-lievin",
     "2 rue du Chevalement", "62800", "Liévin", 50.4240, 2.7720, "partenaire", True),
    ("food-truck-la-berline", "Food-truck La Berline", "restaurant", "lens-lievin",
     "Place du Marché", "62590", "Oignies", 50.4690, 2.9920, "contacte", False),
    # Béthune-Bruay
    ("laiterie-val-de-lawe", "Laiterie du Val de Lawe", "producteur", "bethune-bruay",
     "14 rue de la Lawe", "62150", "Houdain", 50.4510, 2.5360, "partenaire", True),
    ("boucherie-vasseur", "Boucherie Vasseur", "artisan", "bethune-bruay",
     "9 rue d'Arras", "62400", "Béthune", 50.5280, 2.6420, "partenaire", True),
    ("friterie-du-beffroi", "Friterie du Beffroi", "restaurant", "bethune-bruay",
     "Grand'Place", "62400", "Béthune", 50.5300, 2.6395, "engage", True),
    ("rucher-des-terrils", "Rucher des Terrils", "producteur", "bethune-bruay",
     "Rue du Terril", "62620", "Barlin", 50.4570, 2.6180, "partenaire", False),
    ("jardins-ouvriers-cite", "Association des jardins ouvriers de la Cité", "autre",
     "bethune-bruay", "Rue Franklin", "62700", "Bruay-la-Buissière", 50.4860, 2.5460,
     "partenaire", True),
    ("estaminet-du-marais", "Estaminet du Marais", "restaurant", "bethune-bruay",
     "40 rue du Marais", "62660", "Beuvry", 50.5210, 2.6840, "identifie", False),
    ("ferme-caron", "Ferme Caron", "producteur", "bethune-bruay",
     "Chemin des Prés", "62530", "Hersin-Coupigny", 50.4470, 2.6480, "partenaire", True),
    ("moulin-de-la-clarence", "Moulin de la Clarence", "producteur", "bethune-bruay",
     "Rue du Moulin", "62470", "Calonne-Ricouart", 50.4860, 2.4780, "engage", False),
    # Arras
    ("cidrerie-hauts-artois", "Cidrerie des Hauts d'Artois", "producteur", "arras",
     "3 chemin des Vergers", "62000", "Dainville", 50.2820, 2.7260, "partenaire", True),
    ("confiserie-des-heros", "Confiserie des Héros", "artisan", "arras",
     "18 rue de la Taillerie", "62000", "Arras", 50.2915, 2.7790, "partenaire", True),
    ("potagers-de-beaurains", "Les Potagers de Beaurains", "producteur", "arras",
     "Rue des Jardins", "62217", "Beaurains", 50.2660, 2.7930, "engage", True),
    ("restaurant-la-scarpe", "Restaurant La Scarpe", "restaurant", "arras",
     "2 quai de la Scarpe", "62223", "Saint-Laurent-Blangy", 50.2960, 2.8080, "contacte",
     True),
    ("moulin-de-tilloy", "Moulin de Tilloy", "producteur", "arras",
     "Route de Cambrai", "62217", "Tilloy-lès-Mofflaines", 50.2790, 2.8190, "engage", False),
    ("traiteur-d-artois", "Traiteur d'Artois", "traiteur", "arras",
     "6 rue Baudimont", "62000", "Arras", 50.2940, 2.7700, "identifie", False),
    # Cœur d'Ostrevent
    ("ferme-du-pont-marchiennes", "Ferme du Pont de Marchiennes", "producteur",
     "coeur-d-ostrevent", "Rue de la Scarpe", "59870", "Marchiennes", 50.4050, 3.2830,
     "partenaire", True),
    ("boulangerie-du-coron", "Boulangerie du Coron", "boulangerie", "coeur-d-ostrevent",
     "11 rue Jean Jaurès", "59580", "Aniche", 50.3300, 3.2520, "engage", True),
    ("verre-noir-aniche", "Atelier Verre Noir d'Aniche", "artisan", "coeur-d-ostrevent",
     "Rue de la Verrerie", "59580", "Aniche", 50.3320, 3.2550, "engage", True),
    ("traiteur-ostrevent", "Traiteur de l'Ostrevent", "traiteur", "coeur-d-ostrevent",
     "22 rue Suzanne Lanoy", "59490", "Somain", 50.3570, 3.2790, "partenaire", True),
    ("chevrerie-d-anchin", "Chèvrerie d'Anchin", "producteur", "coeur-d-ostrevent",
     "Rue d'Anchin", "59146", "Pecquencourt", 50.3760, 3.2130, "identifie", False),
    # Douai
    ("boulangerie-gayant", "Boulangerie Gayant", "boulangerie", "douai",
     "15 rue de Bellain", "59500", "Douai", 50.3710, 3.0810, "partenaire", True),
    ("chicoree-de-cuincy", "Chicorée de Cuincy", "artisan", "douai",
     "Rue du Moulin", "59553", "Cuincy", 50.3790, 3.0520, "partenaire", True),
    ("ferme-maraichere-flers", "Ferme maraîchère de Flers", "producteur", "douai",
     "Chemin de la Plaine", "59128", "Flers-en-Escrebieux", 50.3980, 3.0610, "partenaire",
     True),
    ("bistrot-de-la-scarpe", "Bistrot de la Scarpe", "restaurant", "douai",
     "Quai du Petit Bail", "59500", "Douai", 50.3690, 3.0760, "contacte", False),
    ("collectif-chambre-noire", "Collectif Chambre noire", "autre", "douai",
     "Rue des Wetz", "59500", "Douai", 50.3730, 3.0850, "engage", True),
    # Porte du Hainaut
    ("brasserie-des-houilleres", "Brasserie des Houillères", "brasserie", "porte-du-hainaut",
     "Rue de la Fosse Renard", "59220", "Denain", 50.3290, 3.3950, "partenaire", True),
    ("friterie-d-arenberg", "Friterie d'Arenberg", "restaurant", "porte-du-hainaut",
     "Rue Michel Rondet", "59135", "Wallers", 50.3970, 3.4110, "partenaire", True),
    ("ferme-de-la-foret", "Ferme de la Forêt", "producteur", "porte-du-hainaut",
     "Route de Saint-Amand", "59590", "Raismes", 50.3950, 3.4850, "engage", False),
    ("fournil-de-denain", "Fournil de Denain", "boulangerie", "porte-du-hainaut",
     "7 place Baudin", "59220", "Denain", 50.3280, 3.3930, "identifie", False),
    # Valenciennes
    ("maison-lucullus", "Maison Lucullus", "traiteur", "valenciennes",
     "10 rue de Famars", "59300", "Valenciennes", 50.3560, 3.5230, "partenaire", True),
    ("bistro-de-l-escaut", "Bistro de l'Escaut", "restaurant", "valenciennes",
     "Place d'Armes", "59300", "Valenciennes", 50.3580, 3.5250, "engage", True),
    ("torrefaction-rhonelle", "Torréfaction de la Rhonelle", "artisan", "valenciennes",
     "Rue de la Rhonelle", "59770", "Marly", 50.3450, 3.5490, "contacte", False),
    ("ferme-du-moulin-blanc", "Ferme du Moulin Blanc", "producteur", "valenciennes",
     "Chemin du Moulin Blanc", "59880", "Saint-Saulve", 50.3720, 3.5560, "engage", True),
    ("cycl-escaut", "Cycl'Escaut, vélos-cargos", "autre", "valenciennes",
     "Rue de l'Industrie", "59410", "Anzin", 50.3720, 3.5050, "contacte", True),
    ("atelier-dentelle-noire", "Atelier Dentelle noire", "artisan", "valenciennes",
     "Rue de Paris", "59300", "Valenciennes", 50.3590, 3.5200, "engage", True),
]


def partenaires() -> list[dict]:
    rows = []
    for i, (pid, nom, typ, terr, adr, cp, commune, lat, lon, statut, contact) in \
            enumerate(_PARTNERS):
        row = {
            "id": pid, "nom": nom, "type": typ, "territoire": terr, "adresse": adr,
            "code_postal": cp, "commune": commune, "latitude": lat, "longitude": lon,
            "statut": statut,
        }
        if contact:
            row["site_web"] = f"{SITE}/partenaires/{pid}"
            row["email"] = f"{pid}@example.com"
            row["telephone"] = f"03 53 01 {10 + i:02d} {(37 * i) % 90 + 10:02d}"
        elif i % 3 == 0:
            row["telephone"] = f"03 53 01 {10 + i:02d} {(37 * i) % 90 + 10:02d}"
        rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------
# produits (ALL-branded artisan products)
# --------------------------------------------------------------------------------------------

_LOT_SEQ = iter(range(142, 1000))


def _product(sku, nom_fr, nom_en, nom_ja, fabricant, categorie, ingredients, allergenes,
             qty, unit, conservation, type_date, days, prix, fmt, n_print, nut=None,
             abv=None, ean=None, photo=None, surface=None, jam=None):
    # surface: the package's largest surface in cm² (a jar: its side; a box: its largest face)
    # jam: (type_confiture, fruit g/100 g, total sugars g/100 g)
    row = {
        "sku": sku, "nom_fr": nom_fr, "nom_en": nom_en, "nom_ja": nom_ja,
        "fabricant": fabricant, "categorie": categorie, "ingredients_fr": ingredients,
        "allergenes": allergenes, "quantite_nette": qty, "unite": unit,
        "titre_alcoolique": abv, "conservation_fr": conservation, "type_date": type_date,
        "duree_conservation_jours": days, "lot": f"L2020-{next(_LOT_SEQ):04d}",
        "prix_ttc": prix, "ean13": make_ean13(ean) if ean else None,
        "url": f"{SITE}/produits/{sku}", "format_etiquette": fmt,
        "quantite_impression": n_print, "photo": photo,
        "exemption_nutrition": "non" if nut else "oui",
        "surface_emballage_cm2": surface,
    }
    if jam:
        row.update(type_confiture=jam[0], fruits_g_100g=jam[1], sucres_totaux_g_100g=jam[2])
    if nut:
        row.update(nutrition(*nut, abv=abv or 0.0))
    return row


KEEP_COOL_BEER = "À conserver debout, au frais et à l'abri de la lumière."

# What each product is packed in: (label format, largest surface of the package in cm²). The
# surface decides the legal x-height (< 80 cm²: 0.9 mm); the label must fit the package. A jar's
# or bottle's largest surface is its side (circumference × height of the straight part).
PACKAGES = {
    "biere-blonde-terrils": ("bouteille", 210),      # 33 cl bottle, Ø 6 cm × 11 cm body
    "biere-ambree-gohelle": ("bouteille", 210),
    "biere-noire-parcours": ("bouteille", 460),      # 75 cl bottle, Ø 8,2 cm × 18 cm
    "cidre-brut-hauts-artois": ("bouteille", 460),
    "hydromel-rucher-terrils": ("bouteille", 320),   # 50 cl bottle, Ø 7 cm × 14,5 cm
    "jus-pomme-artois": ("bouteille", 530),          # 1 l bottle, Ø 8,5 cm × 20 cm
    "boisson-koji-rhubarbe": ("bouteille", 210),
    "shoyu-bassin-minier": ("bouteille", 190),       # 20 cl flask, Ø 5 cm × 12 cm
    "miso-feves-orge": ("pot", 140),                 # 250 g jar, Ø 7,5 cm × 6 cm
    "chou-rouge-lactofermente": ("pot", 150),        # 350 g jar
    "moutarde-biere-noire": ("pot", 95),             # 100 g jar, Ø 5,5 cm × 5,5 cm
    "caramels-chicoree": ("pot", 117),               # 100 g box, 13 × 9 cm
    "pain-epices-miel-terrils": ("pot", 240),        # 400 g loaf in its bag, 24 × 10 cm
    "coeurs-arras": ("l7163", 160),                  # 150 g box
    "sables-noirs-cacao": ("pot", 150),              # 120 g box, 15 × 10 cm
    "gaufres-vergeoise": ("pot", 200),               # 180 g bag
    "confiture-rhubarbe": ("pot", 209),              # 320 g jar, Ø 7 cm × 9,5 cm
    "confiture-fraise-timut": ("pot", 209),
    "gelee-pomme-genievre": ("pot", 209),
    "miel-printemps-terrils": ("l7163", 122),        # 250 g jar, Ø 6,5 cm × 6 cm
    "chicoree-grains": ("l7163", 216),               # 250 g box, 18 × 12 cm
    "sel-fume-chene": ("l7160", 62),                 # 100 g jar, Ø 5 cm × 4 cm: under 80 cm²
    "potjevleesch-bocal": ("bocal", 294),            # 500 g jar, Ø 8,5 cm × 11 cm
    "carbonade-bocal": ("bocal", 340),              # 750 ml jar, Ø 9 cm × 12 cm
    "veloute-petits-pois-menthe": ("pot", 300),      # 500 ml jar
    "creme-maroilles": ("pot", 90),                  # 180 g tub
    "radis-noir-nukazuke": ("pot", 130),             # 200 g jar
    "gaillettes-chocolat": ("pot", 180),             # 200 g box, 15 × 12 cm
}


def produits() -> list[dict]:
    rows = _produits()
    for row in rows:
        row["format_etiquette"], row["surface_emballage_cm2"] = PACKAGES[row["sku"]]
    return rows


def _produits() -> list[dict]:
    global _LOT_SEQ
    _LOT_SEQ = iter(range(142, 1000))
    P = _product
    return [
        P("biere-blonde-terrils", "Blonde des Terrils", "Terrils blonde ale",
          "ブロンド・デ・テリル（ボタ山のブロンドビール）", "brasserie-gohelle", "bière",
          "eau, malt d'orge, froment, houblon, levure", "gluten", 33, "cl", KEEP_COOL_BEER,
          "ddm", 365, 3.2, "bouteille", 60, nut=(0.0, 0.0, 3.6, 0.3, 0.4, 0.01), abv=5.5,
          ean="376012340001"),
        P("biere-ambree-gohelle", "Ambrée de la Gohelle", "Gohelle amber ale",
          "ゴエル地方のアンバービール", "brasserie-gohelle", "bière",
          "eau, malt d'orge (dont malt caramel), houblon, sucre candi, levure", "gluten",
          33, "cl", KEEP_COOL_BEER, "ddm", 365, 3.4, "bouteille", 48, abv=6.2),
        P("biere-noire-parcours",
          "Noire du Parcours – stout au malt torréfié et à la chicorée du Douaisis",
          "Noire du Parcours – roasted malt stout with Douaisis chicory",
          "ビール・ノワール（黒ビール）ドゥエ産チコリ入りスタウト",
          "brasserie-des-houilleres", "bière",
          "eau, malt d'orge (dont malt torréfié 12 %), flocons d'avoine, chicorée torréfiée "
          "(2 %), houblon, levure", "gluten", 75, "cl", KEEP_COOL_BEER, "ddm", 540, 7.9,
          "bouteille", 60, nut=(0.0, 0.0, 4.8, 0.9, 0.6, 0.02), abv=7.0,
          ean="376012340002", photo="packshot-biere-noire.jpg"),
        P("cidre-brut-hauts-artois", "Cidre brut des Hauts d'Artois",
          "Hauts d'Artois dry cider", "アルトワ高地のシードル（辛口）",
          "cidrerie-hauts-artois", "cidre",
          "pur jus de pommes à cidre, anhydride sulfureux", "sulfites", 75, "cl",
          "À conserver couché, au frais et à l'abri de la lumière.", "ddm", 730, 6.5,
          "bouteille", 36, nut=(0.0, 0.0, 3.5, 3.2, 0.0, 0.01), abv=4.5,
          ean="376012340003"),
        P("hydromel-rucher-terrils", "Hydromel des terrils", "Slag-heap mead",
          "ボタ山のミード（はちみつ酒）", "rucher-des-terrils", "hydromel", None, "sulfites", 50,
          "cl", "À conserver à l'abri de la lumière et de la chaleur.", "ddm", 1095, 14.0,
          "bouteille", 24, abv=12.0),
        P("jus-pomme-artois", "Jus de pomme trouble des vergers d'Artois",
          "Cloudy apple juice from Artois orchards", "りんごジュース（アルトワ産・無濾過）",
          "cidrerie-hauts-artois", "jus de fruits",
          "pur jus de pommes (rambour, reinette, jonagold)", None, 1, "l",
          "Avant ouverture : à l'abri de la chaleur. Après ouverture : au réfrigérateur, "
          "5 jours maximum.", "ddm", 365, 3.9, "bouteille", 40,
          nut=(0.0, 0.0, 10.5, 10.1, 0.1, 0.0), ean="376012340004"),
        P("boisson-koji-rhubarbe", "Boisson fermentée au kōji et à la rhubarbe",
          "Koji and rhubarb fermented drink", "麹とルバーブの発酵ドリンク", "atelier-hakko",
          "boisson fermentée",
          "eau, rhubarbe (18 %), sucre de canne, riz, kōji (Aspergillus oryzae)", None, 33,
          "cl", "À conserver au réfrigérateur entre 0 et 6 °C. Ne pas secouer.", "dlc", 60,
          3.5, "bouteille", 24, nut=(0.0, 0.0, 5.2, 4.6, 0.2, 0.01), abv=0.8),
        P("miso-feves-orge",
          "Miso de fèves des marais et d'orge perlée, affiné six mois en cave",
          "Broad bean and pearl barley miso, cellar-aged for six months",
          "そら豆と大麦の味噌（6ヶ月熟成）", "atelier-hakko", "épicerie fermentée",
          "fèves (45 %), orge perlée (25 %), sel de mer, kōji de riz (riz, Aspergillus "
          "oryzae)", "gluten", 250, "g", "Après ouverture, à conserver au réfrigérateur.",
          "ddm", 365, 8.5, "pot", 30, nut=(3.1, 0.5, 24.0, 6.2, 11.5, 11.2)),
        P("shoyu-bassin-minier", "Shōyu du Bassin minier, sauce de soja et de blé fermentés",
          "Mining Basin shoyu, fermented soy and wheat sauce", "炭鉱地帯の醤油",
          "atelier-hakko", "épicerie fermentée", "eau, graines de soja (28 %), blé (22 %), sel",
          "soja, gluten", 20, "cl", "Après ouverture, à conserver au réfrigérateur.", "ddm",
          540, 7.2, "bouteille", 30, nut=(0.1, 0.0, 7.9, 1.2, 9.6, 15.8),
          ean="376012340005"),
        P("chou-rouge-lactofermente", "Chou rouge lacto-fermenté aux baies de genièvre",
          "Lacto-fermented red cabbage with juniper berries",
          "紫キャベツの乳酸発酵漬け（ジュニパー風味）", "ferme-maraichere-flers",
          "épicerie fermentée", "chou rouge (97 %), sel, baies de genièvre", None, 350, "g",
          "À conserver au frais. Après ouverture, au réfrigérateur, à consommer sous "
          "2 semaines.", "ddm", 270, 5.9, "pot", 30, nut=(0.2, 0.0, 4.1, 3.0, 1.3, 1.6)),
        P("moutarde-biere-noire", "Moutarde à la bière noire du Parcours",
          "Mustard with Parcours noir stout", "黒ビール入りマスタード", "maison-lucullus",
          "condiment",
          "eau, graines de moutarde, vinaigre d'alcool, bière noire (eau, malt d'orge, "
          "houblon, levure) (10 %), sel, curcuma", "moutarde, gluten", 100, "g",
          "À conserver au frais après ouverture.", "ddm", 365, 4.9, "pot", 36,
          nut=(9.8, 0.6, 6.1, 2.2, 7.0, 5.3)),
        P("caramels-chicoree", "Caramels tendres à la chicorée", "Soft chicory caramels",
          "チコリのキャラメル", "chicoree-de-cuincy", "confiserie",
          "sucre, crème fraîche (lait), beurre, sirop de glucose, chicorée (4 %), fleur de sel",
          "lait", 100, "g", "À conserver au sec, à l'abri de la chaleur.", "ddm", 120, 5.5,
          "l7163", 42, photo="packshot-caramels.jpg"),
        P("pain-epices-miel-terrils", "Pain d'épices au miel des terrils",
          "Gingerbread with honey from the slag heaps", "ボタ山のはちみつパンデピス",
          "confiserie-des-heros", "épicerie sucrée",
          "farine de seigle, miel (35 %), sucre, lait, épices (cannelle, anis vert, "
          "gingembre, muscade), poudre à lever", "gluten, lait", 400, "g",
          "À conserver à température ambiante, dans son emballage.", "ddm", 90, 7.5, "pot",
          24),
        P("coeurs-arras", "Cœurs d'Arras au pain d'épices", "Arras heart-shaped gingerbread",
          "アラスのハート型パンデピス", "confiserie-des-heros", "épicerie sucrée",
          "farine de blé, miel, sucre, beurre, œufs, épices", "gluten, lait, oeufs", 150,
          "g", "À conserver au sec.", "ddm", 60, 4.9, "l7163", 56),
        P("sables-noirs-cacao", "Sablés noirs du Parcours au cacao",
          "Parcours noir cocoa shortbread", "黒いサブレ（ココア）",
          "boulangerie-le-carreau", "biscuiterie",
          "farine de blé, beurre (25 %), sucre, cacao maigre (8 %), œufs, sel",
          "gluten, lait, oeufs", 120, "g", "À conserver au sec, boîte fermée.", "ddm", 45,
          4.2, "l7163", 56),
        P("gaufres-vergeoise", "Gaufres fourrées à la vergeoise brune (6 pièces)",
          "Brown sugar filled waffles (6 pieces)", "ヴェルジョワーズ入りゴーフル（6枚）",
          "boulangerie-gayant", "biscuiterie",
          "farine de blé, vergeoise brune (30 %), beurre, œufs, lait, levure de boulanger, "
          "sel, extrait de vanille", "gluten, lait, oeufs", 180, "g",
          "À conserver au sec et à température ambiante.", "ddm", 30, 5.8, "pot", 30,
          nut=(19.5, 12.4, 62.0, 31.5, 6.1, 0.45), ean="376012340006"),
        P("confiture-rhubarbe", "Confiture de rhubarbe des jardins ouvriers",
          "Rhubarb jam from the workers' gardens", None, "jardins-ouvriers-cite",
          "épicerie sucrée", "rhubarbe (55 %), sucre de canne, jus de citron", None, 320,
          "g", "Après ouverture, à conserver au réfrigérateur.", "ddm", 365, 5.9, "l7163",
          28, photo="packshot-confiture.jpg", jam=("confiture", 55, 56)),
        P("confiture-fraise-timut", "Confiture extra de fraises de Beaurains au poivre de Timut",
          "Beaurains strawberry jam with Timut pepper",
          "ボーラン産いちごとティムットペッパーのジャム",
          "potagers-de-beaurains", "épicerie sucrée",
          "fraises (60 %), sucre de canne, jus de citron, poivre de Timut (0,2 %)", None,
          320, "g", "Après ouverture, à conserver au réfrigérateur.", "ddm", 365, 6.9,
          "l7163", 28, jam=("confiture-extra", 60, 55)),
        P("gelee-pomme-genievre", "Gelée de pommes aux baies de genièvre",
          "Apple jelly with juniper berries", None, "cidrerie-hauts-artois",
          "épicerie sucrée", "jus de pommes, sucre, baies de genièvre, pectine de fruits",
          None, 320, "g", "Après ouverture, à conserver au réfrigérateur.", "ddm", 365, 6.2,
          "l7163", 14, jam=("gelee", 50, 60)),
        P("miel-printemps-terrils", "Miel de printemps des terrils",
          "Spring honey from the slag heaps", "ボタ山の春のはちみつ", "rucher-des-terrils",
          "miel", "miel", None, 250, "g",
          "À conserver à température ambiante. Peut cristalliser naturellement.", "ddm",
          730, 8.0, "l7160", 21),
        P("chicoree-grains", "Chicorée torréfiée en grains", "Roasted chicory granules",
          "焙煎チコリ（顆粒）", "chicoree-de-cuincy", "épicerie", "chicorée torréfiée (100 %)",
          None, 250, "g", "À conserver au sec, boîte bien fermée.", "ddm", 540, 4.6, "l7160",
          21),
        P("sel-fume-chene", "Sel fumé au bois de chêne", "Oak-smoked salt", None,
          "traiteur-ostrevent", "condiment", "sel de mer, fumée de bois de chêne", None, 100,
          "g", "À conserver au sec.", "ddm", 1095, 4.0, "l7160", 7),
        P("potjevleesch-bocal",
          "Potjevleesch en bocal : poulet, lapin, porc et veau en gelée au vin blanc",
          "Potjevleesch in a jar: chicken, rabbit, pork and veal in white wine jelly",
          "ポッチェフレーシュ（4種の肉のゼリー寄せ）瓶詰め", "traiteur-les-corons", "traiteur",
          "viandes 62 % (poulet 25 %, lapin 17 %, porc 12 %, veau 8 %), eau, vin blanc "
          "(sulfites), vinaigre de cidre, gélatine de porc, oignons, sel, poivre, thym, "
          "laurier", "sulfites", 500, "g",
          "À conserver à température ambiante. Après ouverture, au réfrigérateur, à "
          "consommer sous 3 jours.", "ddm", 730, 15.9, "bocal", 30,
          nut=(6.8, 2.1, 1.2, 0.8, 19.5, 1.1), ean="376012340007"),
        P("carbonade-bocal",
          "Carbonade flamande à la bière ambrée de la Gohelle et au pain d'épices",
          "Flemish beef carbonade with Gohelle amber ale and gingerbread",
          "カルボナード・フラマンド（牛肉のビール煮込み）", "maison-lucullus", "traiteur",
          "bœuf (55 %), bière ambrée (eau, malt d'orge, houblon, levure) (20 %), oignons, "
          "pain d'épices (farine de seigle, miel, sucre, épices), moutarde (eau, graines de "
          "moutarde, vinaigre, sel), vergeoise, beurre, thym, laurier, sel, poivre",
          "gluten, moutarde, lait", 650, "g",
          "À conserver à température ambiante. Après ouverture, au réfrigérateur, à "
          "consommer sous 2 jours.", "ddm", 730, 14.5, "bouteille", 30,
          nut=(7.9, 3.4, 8.2, 4.9, 14.8, 0.95), ean="376012340008"),
        P("veloute-petits-pois-menthe", "Velouté de petits pois et menthe des jardins ouvriers",
          "Garden pea and mint velouté", "グリーンピースとミントのポタージュ",
          "traiteur-ostrevent", "traiteur",
          "petits pois (45 %), eau, pommes de terre, oignons, céleri, crème fraîche (lait), "
          "menthe (1 %), sel, poivre", "celeri, lait", 500, "ml",
          "À conserver entre 0 et 4 °C. Après ouverture, à consommer sous 48 heures.", "dlc",
          7, 5.4, "pot", 20, nut=(2.4, 1.5, 7.1, 2.2, 2.9, 0.6)),
        P("creme-maroilles", "Crème de maroilles à tartiner", "Maroilles cheese spread", None,
          "laiterie-val-de-lawe", "crèmerie",
          "maroilles AOP (lait cru de vache) (60 %), crème (lait), beurre, poivre", "lait",
          180, "g", "À conserver entre 2 et 6 °C.", "dlc", 21, 6.2, "pot", 20,
          nut=(27.5, 18.9, 1.5, 1.1, 14.2, 1.6)),
        P("radis-noir-nukazuke", "Radis noir fermenté au son de riz (nukazuke)",
          "Black radish pickled in rice bran (nukazuke)", "黒大根のぬか漬け",
          "atelier-hakko", "épicerie fermentée",
          "radis noir (70 %), son de riz, sel, algue kombu, piment", None, 200, "g",
          "À conserver entre 0 et 4 °C.", "dlc", 30, 6.8, "pot", 20,
          nut=(1.0, 0.2, 3.9, 2.1, 1.4, 2.3)),
        P("gaillettes-chocolat", "Gaillettes en chocolat noir 70 % au praliné noisette",
          "Dark chocolate coal nuggets with hazelnut praline",
          "ガイエット（石炭形チョコレート）ヘーゼルナッツプラリネ", "confiserie-des-heros",
          "confiserie",
          "chocolat noir 70 % (pâte de cacao, sucre, beurre de cacao, émulsifiant : "
          "lécithine de soja), praliné (noisettes 50 %, sucre), lait entier en poudre",
          "soja, fruits-a-coque, lait", 200, "g",
          "À conserver entre 15 et 18 °C, à l'abri de l'humidité.", "ddm", 180, 12.0, "pot",
          30, nut=(38.0, 16.5, 45.0, 38.5, 7.8, 0.05), ean="376012340009"),
    ]


# --------------------------------------------------------------------------------------------
# menus and plats
# --------------------------------------------------------------------------------------------

def menus() -> list[dict]:
    return [
        {
            "id": "olhain-carte", "site": "parc-olhain", "type": "carte",
            "titre_fr": "La carte du restaurant du Parc d'Olhain",
            "titre_en": "Olhain Park restaurant menu",
            "titre_ja": "オラン公園レストラン　メニュー",
            "format": "a3-plie", "langues": "fr, en, ja", "date_validite": D(2020, 6, 5),
            "mention_service": "Prix nets, service compris",
            "url": f"{SITE}/menus/olhain-carte", "quantite_impression": 150,
        },
        {
            "id": "carin-gourmand", "site": "cite-electriciens", "type": "emporter",
            "titre_fr": "Le Carin gourmand – cuisine des jardins à emporter",
            "titre_en": "Carin gourmand – garden food to take away",
            "titre_ja": "カラン・グルマン　菜園のテイクアウト",
            "format": "a4", "langues": "fr, en, ja", "date_validite": FrDate("06/06/2020"),
            "mention_service": "Prix nets TTC, vente à emporter",
            "url": f"{SITE}/menus/carin-gourmand", "quantite_impression": 300,
        },
    ]


def _dish(menu, order, pid, section, names, descs, prix, allergenes="", regimes="",
          fait_maison=True, viande=None, origine=None, volume=None, producteurs="",
          du=None, au=None, photo=None):
    if viande == "boeuf" and origine is None:
        origine = BEEF_ORIGIN
    return {
        "id": pid, "menu": menu, "section": section, "ordre": order,
        "nom_fr": names[0], "nom_en": names[1], "nom_ja": names[2],
        "description_fr": descs[0], "description_en": descs[1], "description_ja": descs[2],
        "prix_ttc": prix, "allergenes": allergenes or None, "regimes": regimes or None,
        "fait_maison": "oui" if fait_maison else "non", "viande": viande,
        "origine_viande": origine, "boisson": "oui" if volume else "non",
        "volume_cl": volume, "producteurs": producteurs or None,
        "disponible_du": du, "disponible_au": au, "photo": photo,
    }


VG = "vegetarien, vegan"
VGSG = "vegetarien, vegan, sans-gluten"


def _olhain() -> list[tuple]:
    E, P, F, S, B = "Entrées", "Plats", "Fromages", "Desserts", "Boissons"
    return [
        ("flamiche-maroilles", E,
         ("Flamiche au maroilles, jeunes pousses", "Maroilles flamiche, young leaves",
          "マロワルチーズのフラミッシュと若葉のサラダ"),
         ("Tarte feuilletée aux poireaux et au maroilles de la Laiterie du Val de Lawe, "
          "salade de jeunes pousses.",
          "Puff pastry tart with leeks and Maroilles cheese, young leaf salad.",
          "ポロねぎとマロワルチーズのパイ、若葉のサラダ添え。"),
         8.5, "gluten, lait, oeufs", "vegetarien", dict(
             producteurs="laiterie-val-de-lawe, potagers-de-beaurains")),
        ("soupe-biere-chicons", E,
         ("Soupe à la bière et aux chicons gratinés", "Beer and chicory soup au gratin",
          "ビールとチコリのスープ　グラタン仕立て"),
         ("Chicons de Marchiennes fondus à la Blonde des Terrils, croûtons et vieux-lille "
          "gratiné (plat d'hiver).",
          "Marchiennes chicory melted in Terrils blonde ale, croutons and grilled "
          "Vieux-Lille cheese (winter dish).",
          "マルシエンヌ産チコリをビールで煮込み、クルトンとチーズをのせて焼き上げた冬のスープ。"),
         7.5, "gluten, lait", "vegetarien", dict(
             producteurs="ferme-du-pont-marchiennes, brasserie-gohelle",
             du=D(2020, 1, 1), au=D(2020, 3, 31))),
        ("asperges-mousseline", E,
         ("Asperges blanches, sauce mousseline", "White asparagus, mousseline sauce",
          "ホワイトアスパラガス　ムスリーヌソース"),
         ("Asperges des Potagers de Beaurains, sauce mousseline au beurre et aux œufs "
          "fermiers.",
          "Asparagus from the Potagers de Beaurains, mousseline sauce with butter and farm "
          "eggs.",
          "ボーランの畑のアスパラガスに、バターと卵のムスリーヌソース。"),
         9.5, "oeufs, lait", "vegetarien, sans-gluten", dict(
             producteurs="potagers-de-beaurains", du=D(2020, 4, 15), au=D(2020, 6, 20))),
        ("pate-en-croute-caron", E,
         ("Pâté en croûte de la Ferme Caron, pickles", "Ferme Caron pâté en croûte, pickles",
          "カロン農場のパテ・アン・クルート　ピクルス添え"),
         ("Porc fermier, pâte brisée au beurre, moutarde à la bière noire et pickles de "
          "l'Atelier Hakkō.",
          "Free-range pork in butter pastry, stout mustard and Atelier Hakkō pickles.",
          "農場の豚肉のパイ包み、黒ビールマスタードと発酵ピクルス添え。"),
         9.0, "gluten, lait, oeufs, moutarde", "", dict(
             viande="porc", origine="France", producteurs="ferme-caron, atelier-hakko")),
        ("veloute-petits-pois", E,
         ("Velouté de petits pois et menthe, crème fumée", "Pea and mint velouté, smoked cream",
          "グリーンピースとミントのポタージュ　スモーククリーム"),
         ("Petits pois du jardin, menthe fraîche et crème fumée au bois de chêne.",
          "Garden peas, fresh mint and oak-smoked cream.",
          "菜園のグリーンピースとミント、オーク材で燻したクリーム。"),
         7.0, "lait", "vegetarien, sans-gluten", dict(
             producteurs="ferme-maraichere-flers, laiterie-val-de-lawe",
             du=D(2020, 5, 15), au=D(2020, 7, 31))),
        ("betteraves-miso", E,
         ("Betteraves rôties au miso de fèves", "Roasted beetroot with broad bean miso",
          "ローストビーツとそら豆味噌"),
         ("Betteraves rôties au four à bois, miso de fèves et d'orge de l'Atelier Hakkō, "
          "herbes du parc.",
          "Wood-oven roasted beetroot, Atelier Hakkō broad bean and barley miso, park herbs.",
          "薪窯で焼いたビーツに、そら豆と大麦の味噌、公園のハーブ。"),
         8.0, "gluten", VG, dict(producteurs="atelier-hakko, ferme-maraichere-flers")),
        ("carbonade-flamande", P,
         ("Carbonade flamande à l'Ambrée de la Gohelle, frites maison",
          "Flemish beef carbonade with Gohelle amber ale, home-made fries",
          "カルボナード・フラマンド（牛肉のビール煮込み）自家製フライドポテト添え"),
         ("Joue de bœuf mijotée six heures à la bière ambrée, pain d'épices et moutarde, "
          "frites de la Ferme des Chevalements.",
          "Beef cheek simmered for six hours in amber ale with gingerbread and mustard, "
          "fries from the Ferme des Chevalements.",
          "牛ほほ肉をアンバービール、パンデピス、マスタードで6時間煮込みました。"),
         17.5, "gluten, moutarde, lait", "", dict(
             viande="boeuf",
             producteurs="boucherie-vasseur, brasserie-gohelle, ferme-des-chevalements",
             photo="carbonade.jpg")),
        ("potjevleesch", P,
         ("Potjevleesch, frites à la graisse de bœuf",
          "Potjevleesch, fries cooked in beef dripping",
          "ポッチェフレーシュと牛脂で揚げたフライドポテト"),
         ("Poulet, lapin, porc et veau en gelée au vin blanc, servi froid avec des frites "
          "chaudes.",
          "Chicken, rabbit, pork and veal in white wine jelly, served cold with hot fries.",
          "鶏・うさぎ・豚・子牛の白ワインゼリー寄せ。冷製で熱々のポテトと一緒に。"),
         16.5, "sulfites", "sans-gluten", dict(
             viande="autre", origine="France",
             producteurs="traiteur-les-corons, ferme-des-chevalements")),
        ("welsh-blonde", P,
         ("Welsh à la Blonde des Terrils, jambon à l'os",
          "Welsh rarebit with Terrils blonde ale, ham on the bone",
          "ウェルシュ（ビールとチーズのグラタン）骨付きハム入り"),
         ("Pain de campagne, jambon à l'os, cheddar fondu à la bière blonde et à la "
          "moutarde, œuf au plat.",
          "Country bread, ham on the bone, cheddar melted with blonde ale and mustard, fried "
          "egg.",
          "田舎パンに骨付きハム、ビールとマスタードで溶かしたチェダー、目玉焼き。"),
         15.5, "gluten, lait, moutarde, oeufs", "", dict(
             viande="porc", origine="France",
             producteurs="brasserie-gohelle, boulangerie-le-carreau")),
        ("andouillette-biere-noire", P,
         ("Andouillette, sauce moutarde à la bière noire", "Andouillette, stout mustard sauce",
          "アンドゥイエット　黒ビールマスタードソース"),
         ("Andouillette de la Boucherie Vasseur, sauce crème à la moutarde et à la bière "
          "noire du Parcours, pommes grenaille.",
          "Andouillette sausage from Boucherie Vasseur, cream sauce with mustard and "
          "Parcours noir stout, baby potatoes.",
          "ヴァスール精肉店のアンドゥイエット、黒ビールとマスタードのクリームソース。"),
         16.0, "gluten, lait, moutarde, sulfites", "", dict(
             viande="porc", origine="France",
             producteurs="boucherie-vasseur, brasserie-des-houilleres")),
        ("truite-beurre-cidre", P,
         ("Truite de la Lawe, beurre blanc au cidre", "Lawe trout, cider beurre blanc",
          "ラウェ川のマス　シードルのブールブランソース"),
         ("Filet de truite rôti, beurre blanc au cidre brut des Hauts d'Artois, légumes du "
          "moment.",
          "Roasted trout fillet, Hauts d'Artois dry cider beurre blanc, seasonal vegetables.",
          "マスのロースト、アルトワ産シードルのブールブラン、季節の野菜。"),
         18.5, "poissons, lait, sulfites", "sans-gluten", dict(
             producteurs="cidrerie-hauts-artois, ferme-maraichere-flers")),
        ("volaille-genievre", P,
         ("Suprême de volaille fermière, jus aux baies de genièvre",
          "Farm chicken supreme, juniper jus", "農場鶏のシュプレーム　ジュニパーソース"),
         ("Volaille de la Ferme Caron, pommes de terre nouvelles et jus corsé aux baies de "
          "genièvre.",
          "Ferme Caron chicken, new potatoes and a rich juniper jus.",
          "カロン農場の鶏、新じゃが、ジュニパーベリーの濃厚なソース。"),
         17.0, "", "sans-gluten", dict(
             viande="volaille", origine="France",
             producteurs="ferme-caron, ferme-des-chevalements")),
        ("chicons-au-gratin", P,
         ("Chicons au gratin", "Chicory and ham gratin", "チコリとハムのグラタン"),
         ("Chicons de Marchiennes roulés dans le jambon d'Ardenne, béchamel au maroilles "
          "(plat d'hiver).",
          "Marchiennes chicory rolled in Ardennes ham, Maroilles béchamel (winter dish).",
          "チコリをアルデンヌ産ハムで巻き、マロワルのベシャメルで焼いた冬の料理。"),
         14.5, "gluten, lait", "", dict(
             viande="porc", origine="Belgique",
             producteurs="ferme-du-pont-marchiennes, laiterie-val-de-lawe",
             du=D(2020, 1, 1), au=D(2020, 3, 31))),
        ("civet-chevreuil", P,
         ("Civet de chevreuil à la bière noire", "Venison stew with stout",
          "鹿肉の黒ビール煮込み"),
         ("Chevreuil des forêts de l'Artois mijoté à la Noire du Parcours, spätzle au beurre "
          "(saison de chasse).",
          "Artois venison simmered in Noire du Parcours stout, buttered spätzle (game "
          "season).",
          "アルトワの森の鹿肉を黒ビールで煮込み、バターのシュペッツレ添え（狩猟期）。"),
         19.5, "gluten, lait, oeufs", "", dict(
             viande="gibier", origine="France", producteurs="brasserie-des-houilleres",
             du=D(2020, 10, 1), au=D(2020, 12, 31))),
        ("risotto-epeautre-asperges", P,
         ("Risotto d'épeautre aux asperges vertes", "Spelt risotto with green asparagus",
          "スペルト小麦とグリーンアスパラガスのリゾット"),
         ("Petit épeautre crémeux, asperges vertes, fromage de la Chèvrerie d'Anchin et "
          "citron.",
          "Creamy spelt, green asparagus, Chèvrerie d'Anchin goat's cheese and lemon.",
          "クリーミーなスペルト小麦、グリーンアスパラガス、山羊のチーズとレモン。"),
         15.0, "gluten, lait", "vegetarien", dict(
             producteurs="potagers-de-beaurains, chevrerie-d-anchin",
             du=D(2020, 4, 15), au=D(2020, 6, 30))),
        ("legumes-rotis-koji", P,
         ("Légumes du potager rôtis, purée de fèves au kōji",
          "Roasted garden vegetables, koji broad bean purée",
          "菜園のロースト野菜と麹そら豆のピュレ"),
         ("Légumes de saison rôtis, purée de fèves au kōji, graines de sésame torréfiées.",
          "Roasted seasonal vegetables, broad bean purée with koji, toasted sesame seeds.",
          "季節のロースト野菜、麹で仕上げたそら豆のピュレ、煎りごま。"),
         14.5, "sesame", VGSG, dict(
             producteurs="ferme-maraichere-flers, atelier-hakko")),
        ("epaule-agneau", P,
         ("Épaule d'agneau confite au thym, flageolets",
          "Slow-cooked lamb shoulder with thyme, flageolet beans",
          "子羊肩肉のタイム風味コンフィ　フラジョレ豆添え"),
         ("Agneau confit sept heures, flageolets et jus au thym.",
          "Lamb cooked for seven hours, flageolet beans and thyme jus.",
          "7時間かけて火を入れた子羊、フラジョレ豆、タイムのソース。"),
         19.0, "", "sans-gluten", dict(
             viande="agneau", origine="France", producteurs="ferme-de-la-foret")),
        ("trois-fromages-du-nord", F,
         ("Trois fromages du Nord, pain de seigle", "Three Nord cheeses, rye bread",
          "北フランスのチーズ3種とライ麦パン"),
         ("Maroilles, vieux-lille et mimolette affinée, pain de seigle de la Boulangerie Le "
          "Carreau.",
          "Maroilles, Vieux-Lille and aged Mimolette, rye bread from Boulangerie Le Carreau.",
          "マロワル、ヴィユー・リール、熟成ミモレット、ライ麦パン。"),
         7.5, "gluten, lait", "vegetarien", dict(
             fait_maison=False, producteurs="laiterie-val-de-lawe, boulangerie-le-carreau")),
        ("maroilles-roti-miel", F,
         ("Maroilles rôti au miel des terrils", "Roasted Maroilles with slag-heap honey",
          "マロワルのロースト　ボタ山のはちみつがけ"),
         ("Maroilles rôti au four, miel de printemps du Rucher des Terrils, salade amère.",
          "Oven-roasted Maroilles, spring honey from Rucher des Terrils, bitter leaf salad.",
          "オーブンで焼いたマロワルに春のはちみつ、苦味のあるサラダ。"),
         8.0, "lait", "vegetarien, sans-gluten", dict(
             producteurs="laiterie-val-de-lawe, rucher-des-terrils")),
        ("tarte-au-sucre", S,
         ("Tarte au sucre à la vergeoise, crème fraîche", "Brown sugar tart, fresh cream",
          "タルト・オ・シュクル（ブラウンシュガーのタルト）"),
         ("Pâte levée au beurre et aux œufs, vergeoise brune, crème fraîche de Houdain.",
          "Brioche-style dough with butter and eggs, brown sugar, fresh cream from Houdain.",
          "バターと卵の発酵生地にブラウンシュガー、ウーダンの生クリーム添え。"),
         6.5, "gluten, lait, oeufs", "vegetarien", dict(
             producteurs="boulangerie-gayant, laiterie-val-de-lawe",
             photo="tarte-au-sucre.jpg")),
        ("gaufre-glace-chicoree", S,
         ("Gaufre à la vergeoise, glace à la chicorée", "Brown sugar waffle, chicory ice cream",
          "ゴーフルとチコリのアイスクリーム"),
         ("Gaufre fine fourrée à la vergeoise, glace à la chicorée de Cuincy.",
          "Thin waffle filled with brown sugar, Cuincy chicory ice cream.",
          "ブラウンシュガーをはさんだ薄焼きゴーフル、キュアンシー産チコリのアイス。"),
         6.5, "gluten, lait, oeufs", "vegetarien", dict(
             producteurs="boulangerie-gayant, chicoree-de-cuincy")),
        ("creme-brulee-chicoree", S,
         ("Crème brûlée à la chicorée", "Chicory crème brûlée", "チコリのクレームブリュレ"),
         ("Crème vanillée infusée à la chicorée torréfiée, caramel croquant.",
          "Vanilla cream infused with roasted chicory, crisp caramel.",
          "焙煎チコリを香らせたバニラクリーム、パリッとしたカラメル。"),
         6.0, "lait, oeufs", "vegetarien, sans-gluten", dict(
             producteurs="chicoree-de-cuincy, laiterie-val-de-lawe")),
        ("tarte-fraises-beaurains", S,
         ("Tarte aux fraises de Beaurains", "Beaurains strawberry tart",
          "ボーラン産いちごのタルト"),
         ("Sablé breton, crème légère et fraises cueillies le matin.",
          "Breton shortbread, light cream and strawberries picked in the morning.",
          "ブルターニュ風サブレ、軽いクリーム、朝摘みのいちご。"),
         7.0, "gluten, lait, oeufs", "vegetarien", dict(
             producteurs="potagers-de-beaurains", du=D(2020, 5, 20), au=D(2020, 7, 15))),
        ("sorbet-rhubarbe", S,
         ("Sorbet rhubarbe des jardins ouvriers", "Workers' garden rhubarb sorbet",
          "労働者菜園のルバーブのソルベ"),
         ("Rhubarbe de la Cité des Électriciens, sucre de canne, zeste de citron.",
          "Rhubarb from the Cité des Électriciens gardens, cane sugar, lemon zest.",
          "シテ・デ・エレクトリシアンのルバーブ、きび砂糖、レモンの皮。"),
         5.5, "", VGSG, dict(
             producteurs="jardins-ouvriers-cite", du=D(2020, 5, 1), au=D(2020, 7, 31))),
        ("cafe-gourmand-gaillettes", S,
         ("Café gourmand aux gaillettes", "Coffee with coal-nugget chocolates",
          "カフェ・グルマン（石炭形チョコレート添え）"),
         ("Café à la chicorée, gaillettes en chocolat noir au praliné noisette et mini tarte "
          "au sucre.",
          "Chicory coffee, dark chocolate coal nuggets with hazelnut praline and a mini "
          "sugar tart.",
          "チコリコーヒーに、石炭形チョコレートとミニ・タルト・オ・シュクル。"),
         7.5, "gluten, lait, oeufs, fruits-a-coque, soja", "vegetarien", dict(
             producteurs="confiserie-des-heros, chicoree-de-cuincy")),
        ("pression-blonde-terrils", B,
         ("Blonde des Terrils (pression)", "Terrils blonde ale (draught)",
          "ブロンド・デ・テリル（生ビール）"),
         ("Bière blonde de la Brasserie de la Gohelle, 5,5 % vol.",
          "Blonde ale from Brasserie de la Gohelle, 5.5% ABV.",
          "ゴエル醸造所のブロンドビール、アルコール5.5％。"),
         3.8, "gluten", VG, dict(fait_maison=False, volume=25,
                                 producteurs="brasserie-gohelle")),
        ("noire-du-parcours", B,
         ("Noire du Parcours (bouteille)", "Noire du Parcours stout (bottle)",
          "ビール・ノワール（瓶）"),
         ("Stout au malt torréfié et à la chicorée, 7 % vol.",
          "Roasted malt and chicory stout, 7% ABV.",
          "焙煎麦芽とチコリのスタウト、アルコール7％。"),
         5.5, "gluten", VG, dict(fait_maison=False, volume=33,
                                 producteurs="brasserie-des-houilleres")),
        ("cidre-brut-verre", B,
         ("Cidre brut des Hauts d'Artois (verre)", "Hauts d'Artois dry cider (glass)",
          "アルトワ高地のシードル（グラス）"),
         ("Cidre fermier brut, 4,5 % vol.", "Dry farmhouse cider, 4.5% ABV.",
          "農家の辛口シードル、アルコール4.5％。"),
         4.0, "sulfites", VGSG, dict(fait_maison=False, volume=25,
                                     producteurs="cidrerie-hauts-artois")),
        ("jus-pomme-trouble", B,
         ("Jus de pomme trouble", "Cloudy apple juice", "りんごジュース（無濾過）"),
         ("Pur jus des vergers d'Artois.", "Pure juice from Artois orchards.",
          "アルトワの果樹園のストレートジュース。"),
         3.0, "", VGSG, dict(fait_maison=False, volume=25,
                             producteurs="cidrerie-hauts-artois")),
        ("limonade-rhubarbe", B,
         ("Limonade rhubarbe maison", "Home-made rhubarb lemonade", "自家製ルバーブレモネード"),
         ("Sirop de rhubarbe des jardins ouvriers, eau pétillante, citron.",
          "Workers' garden rhubarb syrup, sparkling water, lemon.",
          "菜園のルバーブシロップ、炭酸水、レモン。"),
         4.0, "", VGSG, dict(volume=33, producteurs="jardins-ouvriers-cite")),
        ("amazake-glace", B,
         ("Amazake glacé", "Iced amazake", "冷やし甘酒"),
         ("Boisson douce de riz fermenté au kōji, sans alcool, préparée par l'Atelier Hakkō.",
          "Sweet fermented rice drink made with koji, alcohol-free, by Atelier Hakkō.",
          "アトリエ発酵の麹でつくるノンアルコールの甘酒。"),
         4.0, "", VGSG, dict(fait_maison=False, volume=20, producteurs="atelier-hakko")),
        ("cafe-chicoree", B,
         ("Café à la chicorée", "Chicory coffee", "チコリコーヒー"),
         ("Café de la Torréfaction de la Rhonelle et chicorée de Cuincy.",
          "Coffee from Torréfaction de la Rhonelle with Cuincy chicory.",
          "ローネル焙煎所のコーヒーとキュアンシー産チコリ。"),
         2.5, "", VGSG, dict(fait_maison=False, volume=15,
                             producteurs="torrefaction-rhonelle, chicoree-de-cuincy")),
        ("eau-petillante", B,
         ("Eau pétillante", "Sparkling water", "炭酸水"),
         ("Eau de source gazeuse.", "Sparkling spring water.", "天然発泡の湧き水。"),
         3.0, "", VGSG, dict(fait_maison=False, volume=50)),
    ]


def _carin() -> list[tuple]:
    S, T, F, B, D_, BO = ("Soupes", "Tartines", "Frites et sauces", "Bocaux fermentés",
                          "Douceurs", "Boissons")
    return [
        ("soupe-froide-petits-pois", S,
         ("Soupe froide de petits pois et menthe", "Chilled pea and mint soup",
          "グリーンピースとミントの冷製スープ"),
         ("Petits pois et menthe des jardins ouvriers, huile de colza.",
          "Peas and mint from the workers' gardens, rapeseed oil.",
          "労働者菜園のグリーンピースとミント、菜種油。"),
         4.5, "", VGSG, dict(producteurs="jardins-ouvriers-cite",
                             du=D(2020, 5, 15), au=D(2020, 7, 31))),
        ("potage-fanes-radis", S,
         ("Potage aux fanes de radis", "Radish-top soup", "大根葉のポタージュ"),
         ("Fanes de radis, pommes de terre nouvelles et une touche de crème.",
          "Radish tops, new potatoes and a touch of cream.",
          "大根葉と新じゃが、少しのクリーム。"),
         4.0, "lait", "vegetarien, sans-gluten", dict(
             producteurs="jardins-ouvriers-cite, laiterie-val-de-lawe")),
        ("soupe-potiron-chataignes", S,
         ("Soupe de potiron et châtaignes", "Pumpkin and chestnut soup", "かぼちゃと栗のスープ"),
         ("Potiron des jardins et châtaignes grillées (automne).",
          "Garden pumpkin and roasted chestnuts (autumn).", "菜園のかぼちゃと焼き栗（秋限定）。"),
         4.5, "", VGSG, dict(producteurs="jardins-ouvriers-cite",
                             du=FrDate("01/10/2020"), au=FrDate("31/12/2020"))),
        ("tartine-du-jardinier", T,
         ("Tartine du jardinier", "The gardener's open sandwich", "庭師のタルティーヌ"),
         ("Pain de seigle, fromage frais, radis et ciboulette du jardin.",
          "Rye bread, fresh cheese, radishes and chives from the garden.",
          "ライ麦パンにフレッシュチーズ、ラディッシュ、チャイブ。"),
         6.0, "gluten, lait", "vegetarien", dict(
             producteurs="boulangerie-le-carreau, jardins-ouvriers-cite",
             photo="jardins-ouvriers.jpg")),
        ("tartine-jambon-moutarde", T,
         ("Tartine au jambon à l'os et moutarde à la bière noire",
          "Ham on the bone and stout mustard open sandwich",
          "骨付きハムと黒ビールマスタードのタルティーヌ"),
         ("Pain de campagne, jambon à l'os de la Ferme Caron, moutarde à la bière noire.",
          "Country bread, Ferme Caron ham on the bone, stout mustard.",
          "田舎パン、カロン農場の骨付きハム、黒ビールマスタード。"),
         6.5, "gluten, moutarde", "", dict(
             viande="porc", origine="France",
             producteurs="ferme-caron, boulangerie-le-carreau")),
        ("tartine-maroilles-oignons", T,
         ("Tartine chaude au maroilles et oignons confits",
          "Hot Maroilles and onion confit open sandwich",
          "マロワルと玉ねぎコンフィのホットタルティーヌ"),
         ("Pain de campagne, oignons confits à la bière ambrée, maroilles fondu.",
          "Country bread, onions slow-cooked in amber ale, melted Maroilles cheese.",
          "田舎パン、アンバービールで煮た玉ねぎ、とろけるマロワル。"),
         6.5, "gluten, lait", "vegetarien", dict(
             producteurs="laiterie-val-de-lawe, brasserie-gohelle")),
        ("mitraillette-boeuf", T,
         ("Mitraillette au bœuf haché, frites et sauce andalouse",
          "Mitraillette: baguette with minced beef, fries and andalouse sauce",
          "ミトライエット（牛ひき肉とポテトのバゲットサンド）"),
         ("Demi-baguette, steak haché de la Boucherie Vasseur, frites et sauce andalouse "
          "maison (mayonnaise, tomate, poivron).",
          "Half baguette, Boucherie Vasseur minced beef, fries and home-made andalouse sauce "
          "(mayonnaise, tomato, pepper).",
          "バゲットに牛ひき肉ステーキ、フライドポテト、自家製アンダルーズソース。"),
         8.5, "gluten, oeufs, moutarde", "", dict(
             viande="boeuf",
             producteurs="boucherie-vasseur, ferme-des-chevalements, fournil-de-denain")),
        ("cornet-frites-petit", F,
         ("Cornet de frites à la graisse de bœuf (petit)",
          "Cone of fries cooked in beef dripping (small)", "牛脂で揚げたフライドポテト（小）"),
         ("Bintje de la Ferme des Chevalements, double cuisson à la graisse de bœuf.",
          "Bintje potatoes from the Ferme des Chevalements, fried twice in beef dripping.",
          "シュヴァルマン農場のビンチェ種を牛脂で二度揚げ。"),
         3.0, "", "sans-gluten", dict(producteurs="ferme-des-chevalements",
                                       photo="cornet-frites.png")),
        ("cornet-frites-grand", F,
         ("Cornet de frites à la graisse de bœuf (grand)",
          "Cone of fries cooked in beef dripping (large)", "牛脂で揚げたフライドポテト（大）"),
         ("La même recette, pour les grands appétits ou pour partager.",
          "The same recipe, for big appetites or to share.", "同じレシピで、たっぷりサイズ。"),
         4.0, "", "sans-gluten", dict(producteurs="ferme-des-chevalements")),
        ("sauce-maison", F,
         ("Sauce maison au choix", "Home-made sauce of your choice", "自家製ソース（お好みで）"),
         ("Mayonnaise aux œufs fermiers, andalouse ou piccalilli à la moutarde.",
          "Farm-egg mayonnaise, andalouse or mustard piccalilli.",
          "農場卵のマヨネーズ、アンダルーズ、またはマスタードのピカリリ。"),
         0.8, "oeufs, moutarde", "vegetarien, sans-gluten", dict(producteurs="ferme-caron")),
        ("bocal-chou-rouge", B,
         ("Bocal de chou rouge lacto-fermenté", "Jar of lacto-fermented red cabbage",
          "紫キャベツの乳酸発酵漬け（瓶）"),
         ("Chou rouge fermenté aux baies de genièvre, 350 g.",
          "Red cabbage fermented with juniper berries, 350 g.",
          "ジュニパーベリー風味の発酵紫キャベツ、350g。"),
         5.9, "", VGSG, dict(fait_maison=False, producteurs="ferme-maraichere-flers")),
        ("pickles-radis-koji", B,
         ("Pickles de radis roses au kōji", "Koji-pickled pink radishes", "ラディッシュの麹漬け"),
         ("Radis du jardin fermentés trois jours au kōji de riz.",
          "Garden radishes fermented for three days with rice koji.",
          "菜園のラディッシュを米麹で3日間漬けました。"),
         4.5, "", VGSG, dict(producteurs="jardins-ouvriers-cite, atelier-hakko",
                             photo="fermentation-bocaux.jpg")),
        ("part-tarte-au-sucre", D_,
         ("Part de tarte au sucre", "Slice of sugar tart", "タルト・オ・シュクル（1切れ）"),
         ("Pâte levée au beurre, vergeoise brune et crème.",
          "Butter brioche dough, brown sugar and cream.",
          "バター生地にブラウンシュガーとクリーム。"),
         3.0, "gluten, lait, oeufs", "vegetarien", dict(producteurs="boulangerie-gayant")),
        ("gaufre-vergeoise", D_,
         ("Gaufre à la vergeoise", "Brown sugar waffle", "ヴェルジョワーズのゴーフル"),
         ("Gaufre fine fourrée à la vergeoise, comme à Lille.",
          "Thin waffle filled with brown sugar, the Lille way.",
          "リール風、ブラウンシュガーをはさんだ薄焼きゴーフル。"),
         3.5, "gluten, lait, oeufs", "vegetarien", dict(
             fait_maison=False, producteurs="boulangerie-gayant")),
        ("compote-rhubarbe-fraise", D_,
         ("Compote rhubarbe-fraise", "Rhubarb and strawberry compote",
          "ルバーブといちごのコンポート"),
         ("Rhubarbe des jardins ouvriers et fraises de Beaurains.",
          "Rhubarb from the workers' gardens and Beaurains strawberries.",
          "労働者菜園のルバーブとボーラン産いちご。"),
         3.0, "", VGSG, dict(producteurs="jardins-ouvriers-cite, potagers-de-beaurains")),
        ("limonade-rhubarbe-carin", BO,
         ("Limonade rhubarbe maison", "Home-made rhubarb lemonade", "自家製ルバーブレモネード"),
         ("Sirop de rhubarbe, eau pétillante, citron.", "Rhubarb syrup, sparkling water, lemon.",
          "ルバーブシロップ、炭酸水、レモン。"),
         3.0, "", VGSG, dict(volume=33, producteurs="jardins-ouvriers-cite")),
        ("jus-pomme-carin", BO,
         ("Jus de pomme trouble", "Cloudy apple juice", "りんごジュース（無濾過）"),
         ("Pur jus des vergers d'Artois.", "Pure juice from Artois orchards.",
          "アルトワの果樹園のストレートジュース。"),
         2.5, "", VGSG, dict(fait_maison=False, volume=25,
                             producteurs="cidrerie-hauts-artois")),
        ("blonde-terrils-carin", BO,
         ("Blonde des Terrils", "Terrils blonde ale", "ブロンド・デ・テリル"),
         ("Bière blonde de la Brasserie de la Gohelle, 5,5 % vol.",
          "Blonde ale from Brasserie de la Gohelle, 5.5% ABV.",
          "ゴエル醸造所のブロンドビール、アルコール5.5％。"),
         3.5, "gluten", VG, dict(fait_maison=False, volume=33,
                                 producteurs="brasserie-gohelle")),
        ("cafe-chicoree-carin", BO,
         ("Café à la chicorée", "Chicory coffee", "チコリコーヒー"),
         ("Café et chicorée de Cuincy, à emporter.", "Coffee with Cuincy chicory, to go.",
          "コーヒーとキュアンシー産チコリ、テイクアウト。"),
         1.8, "", VGSG, dict(fait_maison=False, volume=15,
                             producteurs="chicoree-de-cuincy, torrefaction-rhonelle")),
    ]


# Takeaway: days from packing to the use-by date on each sticker (what is packed on site: the
# dishes, and the drinks made on site).
SHELF_LIFE = {
    "soupe-froide-petits-pois": 3, "potage-fanes-radis": 3, "soupe-potiron-chataignes": 3,
    "tartine-du-jardinier": 1, "tartine-jambon-moutarde": 1, "tartine-maroilles-oignons": 1,
    "mitraillette-boeuf": 1, "cornet-frites-petit": 1, "cornet-frites-grand": 1,
    "sauce-maison": 3, "bocal-chou-rouge": 30, "pickles-radis-koji": 7,
    "part-tarte-au-sucre": 2, "gaufre-vergeoise": 3, "compote-rhubarbe-fraise": 3,
    "limonade-rhubarbe-carin": 2,
}


def plats() -> list[dict]:
    rows = []
    for menu, spec in (("olhain-carte", _olhain()), ("carin-gourmand", _carin())):
        for order, (pid, section, names, descs, prix, allerg, regimes, extra) in \
                enumerate(spec, start=1):
            rows.append(_dish(menu, order, pid, section, names, descs, prix, allerg, regimes,
                              **extra))
            rows[-1]["duree_conservation_jours"] = SHELF_LIFE.get(pid)
            rows[-1]["quantite_etiquettes"] = None
    return rows


# --------------------------------------------------------------------------------------------
# etapes (Parcours noir stops, from west to east)
# --------------------------------------------------------------------------------------------

_HOURS_WE = "Mer.–Dim. 10 h – 18 h"

# id, nom, theme, partenaire, adresse, commune, lat, lon, horaires, debut, fin,
# texte_fr, texte_en, texte_ja, format, distance
_STOPS = [
    ("arras-place-des-heros", "Arras, le marché noir des Héros", "street-food", "ot-arras",
     "Place des Héros", "Arras", 50.2915, 2.7780, "Sam. 8 h – 14 h", D(2020, 5, 30),
     D(2020, 6, 27),
     "Chaque samedi du Parcours noir, les arcades de la place des Héros accueillent un "
     "marché de street food : andouillette grillée, cœurs d'Arras tout juste démoulés, "
     "bière de l'Artois servie au verre. Les stands, habillés de bois brûlé, ont été "
     "dessinés avec les commerçants pour être montés en vingt minutes et réutilisés à "
     "chaque marché de l'été.",
     "Every Saturday of the Parcours noir, the arcades of the Place des Héros host a street "
     "food market: grilled andouillette, freshly baked Arras gingerbread hearts, Artois beer "
     "by the glass. The stalls, clad in charred wood, were designed with the traders to be "
     "set up in twenty minutes and reused at every summer market.",
     "パルクール・ノワールの毎週土曜日、英雄広場のアーケードにストリートフードの市場が開かれます。"
     "焼きたてのアンドゥイエット、アラスのハート型パンデピス、アルトワのビールをお楽しみください。",
     "a2", 2.0),
    ("olhain-boucle-gourmande", "Olhain, la boucle gourmande à vélo", "mobilite",
     "parc-olhain", "Rue de Rebreuve", "Maisnil-lès-Ruitz", 50.4325, 2.5830,
     "Tous les jours 9 h – 19 h", D(2020, 5, 28), D(2020, 6, 30),
     "Au départ du nouveau restaurant du parc, une boucle de 14 km relie à vélo la Laiterie "
     "du Val de Lawe, le Rucher des Terrils et la Ferme Caron. Les vélos électriques se "
     "louent à l'accueil ; un panier pique-nique composé avec la cuisine du restaurant "
     "attend les cyclistes à mi-parcours, sous les arbres du bois d'Olhain.",
     "From the park's new restaurant, a 14 km cycling loop links the Laiterie du Val de "
     "Lawe dairy, the Rucher des Terrils apiary and the Ferme Caron. Electric bikes can be "
     "hired at the reception; a picnic basket prepared by the restaurant's kitchen awaits "
     "riders halfway, under the trees of the Olhain woods.",
     "公園の新しいレストランから、酪農場、養蜂場、カロン農場をめぐる14kmのサイクリングコース。"
     "電動自転車を借りて、途中でレストラン特製のピクニックバスケットを受け取れます。",
     "a2", 2.0),
    ("cite-des-electriciens", "La Cité des Électriciens", "architecture",
     "cite-electriciens", "Rue Franklin", "Bruay-la-Buissière", 50.4852, 2.5447,
     _HOURS_WE, D(2020, 5, 28), D(2020, 6, 30),
     "Plus ancienne cité minière du Pas-de-Calais, construite à partir de 1856, la Cité des "
     "Électriciens doit son nom aux rues baptisées d'après des savants : Volta, Ampère, "
     "Franklin. Restaurée et prolongée par une architecture contemporaine de brique et de "
     "verre, elle accueille des gîtes, un centre d'interprétation et des résidences "
     "d'artistes.",
     "The oldest mining village in the Pas-de-Calais, built from 1856, the Cité des "
     "Électriciens takes its name from streets named after scientists: Volta, Ampère, "
     "Franklin. Restored and extended with contemporary brick and glass architecture, it "
     "now houses holiday cottages, an interpretation centre and artists' residencies.",
     "1856年から建設されたパ＝ド＝カレー県最古の炭鉱住宅街。ボルタやアンペールなど科学者の名を"
     "冠した通りが名前の由来です。レンガとガラスの現代建築で修復・拡張されました。",
     "a2", 2.0),
    ("carin-gourmand", "Le Carin gourmand", "street-food", "jardins-ouvriers-cite",
     "Rue Franklin", "Bruay-la-Buissière", 50.4858, 2.5462, "Mer.–Dim. 11 h 30 – 17 h",
     D(2020, 6, 2), D(2020, 6, 30),
     "Le carin, c'est le petit jardin derrière la maison du mineur. Ici, les jardiniers de "
     "la Cité cultivent radis, fèves, rhubarbe et pommes de terre que la cuisine du Carin "
     "gourmand transforme en soupes, tartines et bocaux à emporter. Tout est servi dans "
     "des contenants consignés : rapportez-les au comptoir, on vous rend un euro.",
     "The carin is the little garden behind the miner's house. Here the Cité's gardeners "
     "grow radishes, broad beans, rhubarb and potatoes, which the Carin gourmand kitchen "
     "turns into soups, open sandwiches and jars to take away. Everything comes in "
     "returnable containers: bring them back to the counter and get one euro back.",
     "「カラン」とは炭鉱夫の家の裏にある小さな菜園のこと。住民が育てた野菜を、スープや"
     "タルティーヌ、瓶詰めにしてテイクアウトで提供します。容器は返却式です。",
     "a3", 1.5),
    ("bethune-frites-du-beffroi", "Béthune, les frites du Beffroi", "frites",
     "friterie-du-beffroi", "Grand'Place", "Béthune", 50.5301, 2.6398,
     "Tous les jours 11 h – 22 h", D(2020, 5, 28), D(2020, 6, 30),
     "Première halte du parcours frites, au pied du beffroi classé au patrimoine mondial. "
     "La Friterie du Beffroi y sert des bintjes de la Gohelle cuites deux fois à la graisse "
     "de bœuf, dans un cornet en papier noir imprimé pour l'événement. Demandez la sauce "
     "du moment, préparée avec la moutarde à la bière noire des produits ALL.",
     "First stop of the fries trail, at the foot of the World Heritage belfry. The Friterie "
     "du Beffroi serves Gohelle Bintje potatoes fried twice in beef dripping, in a black "
     "paper cone printed for the event. Ask for the sauce of the moment, made with the ALL "
     "stout mustard.",
     "世界遺産の鐘楼のふもと、フリット（フライドポテト）の道の最初の立ち寄り先。牛脂で二度揚げた"
     "ポテトを、イベント限定の黒い紙コーンでどうぞ。",
     "a2", 2.0),
    ("base-11-19-terrils", "Les terrils jumeaux du 11/19", "photographie", "base-11-19",
     "Rue de Bourgogne", "Loos-en-Gohelle", 50.4578, 2.7850, _HOURS_WE, D(2020, 5, 28),
     D(2020, 6, 30),
     "Avec leurs 186 mètres, les terrils jumeaux du 11/19 comptent parmi les plus hauts "
     "d'Europe. Le Collectif Chambre noire y expose vingt tirages argentiques réalisés "
     "avec les habitants, du lever du soleil sur la Gohelle aux cuisines des corons. Un "
     "sentier balisé mène au sommet : prévoyez de bonnes chaussures et une heure et demie.",
     "At 186 metres, the twin slag heaps of the 11/19 are among the highest in Europe. The "
     "Collectif Chambre noire shows twenty silver prints made with local residents, from "
     "sunrise over the Gohelle to the kitchens of the miners' houses. A marked path leads "
     "to the top: wear good shoes and allow an hour and a half.",
     "高さ186メートル、ヨーロッパ有数の高さを誇る双子のボタ山。住民と撮影した20点の銀塩写真を"
     "展示しています。頂上までの道は約1時間半です。",
     "a2", 2.5),
    ("lievin-studio-gaillette", "Liévin, l'atelier de la gaillette", "design",
     "studio-gaillette", "2 rue du Chevalement", "Liévin", 50.4238, 2.7725,
     "Jeu.–Sam. 14 h – 19 h", D(2020, 6, 4), D(2020, 6, 27),
     "La gaillette, ce petit morceau de charbon que les mineurs rapportaient à la maison, "
     "devient ici un objet de design culinaire. Le Studio Gaillette montre les prototypes "
     "de la gamme ALL : boîte de chocolats en forme de boulets, étiquettes noires, coffret "
     "en bois brûlé. Dégustation le samedi avec la Confiserie des Héros.",
     "The gaillette, the small lump of coal miners brought home, becomes an object of "
     "culinary design. Studio Gaillette shows the prototypes of the ALL range: a box of "
     "coal-shaped chocolates, black labels, a charred-wood gift box. Tasting on Saturdays "
     "with the Confiserie des Héros.",
     "炭鉱夫が持ち帰った石炭のかけら「ガイエット」が、食のデザインに生まれ変わります。"
     "ALLブランドの試作品を展示し、土曜日には試食も行います。",
     "a2", 2.0),
    ("louvre-lens-soleils-noirs", "Louvre-Lens, autour des Soleils noirs", "design",
     "louvre-lens", "99 rue Paul Bert", "Lens", 50.4312, 2.8035,
     "Mer.–Lun. 10 h – 18 h", D(2020, 5, 28), D(2020, 6, 30),
     "Le musée consacre sa grande exposition au noir dans l'art, de l'Antiquité à "
     "aujourd'hui. Dans le parc, une table de trente mètres en acier patiné accueille les "
     "pique-niques des visiteurs et les dîners du jeudi préparés par les restaurateurs du "
     "Parcours noir. Le panneau de départ du parcours se trouve à l'entrée du parc.",
     "The museum devotes its major exhibition to black in art, from Antiquity to the "
     "present day. In the park, a thirty-metre table in weathered steel welcomes visitors' "
     "picnics and Thursday dinners cooked by the Parcours noir restaurateurs. The trail's "
     "starting panel stands at the park entrance.",
     "ルーヴル・ランスでは、古代から現代までの美術における「黒」をテーマにした大規模展覧会を開催。"
     "庭園には30メートルの鋼鉄のテーブルが置かれ、木曜日には特別ディナーが開かれます。",
     "a1", 3.0),
    ("lens-friterie-du-terril", "Lens, la Friterie du Terril", "frites",
     "friterie-du-terril", "12 rue de la Gare", "Lens", 50.4272, 2.8302,
     "Mar.–Dim. 11 h – 14 h 30, 18 h – 22 h", D(2020, 5, 28), D(2020, 6, 30),
     "Deuxième halte du parcours frites, face à la gare Art déco de Lens dont la façade "
     "évoque une locomotive. La Friterie du Terril propose la « fricadelle du mineur » "
     "maison et des frites au sel fumé. Les jours de match, le comptoir reste ouvert "
     "jusqu'au coup de sifflet final ; les supporters du Racing sont les bienvenus.",
     "Second stop of the fries trail, opposite Lens's Art Deco station, whose façade "
     "recalls a locomotive. The Friterie du Terril offers a home-made « miner's "
     "fricadelle » and fries with smoked salt. On match days the counter stays open until "
     "the final whistle; Racing supporters are welcome.",
     "機関車を思わせるアール・デコ様式のランス駅の向かい、フリットの道の二つ目の立ち寄り先。"
     "自家製ソーセージと燻製塩のポテトが名物です。",
     "a2", 2.0),
    ("avion-atelier-hakko", "Avion, l'Atelier Hakkō", "fermentation", "atelier-hakko",
     "8 rue de la Fosse 7", "Avion", 50.4102, 2.8348, "Ven.–Dim. 10 h – 17 h",
     D(2020, 5, 29), D(2020, 6, 28),
     "Né d'un échange entre ALL et ses partenaires japonais, l'Atelier Hakkō fait "
     "fermenter les légumes et les céréales du bassin minier avec du kōji, le ferment du "
     "saké et du miso. On y découvre le miso de fèves, le shōyu au blé de la plaine de "
     "Lens et les bocaux de légumes lacto-fermentés. Ateliers d'une heure le dimanche.",
     "Born of an exchange between ALL and its Japanese partners, Atelier Hakkō ferments "
     "the vegetables and grains of the mining basin with koji, the ferment behind sake and "
     "miso. Discover broad bean miso, shoyu made with wheat from the Lens plain and jars of "
     "lacto-fermented vegetables. One-hour workshops on Sundays.",
     "ALLと日本のパートナーとの交流から生まれた発酵工房。炭鉱地帯の野菜や穀物を麹で発酵させ、"
     "そら豆の味噌や醤油をつくっています。日曜日はワークショップを開催。",
     "a2", 2.0),
    ("harnes-tabliers-noirs", "Harnes, les tabliers noirs", "textile",
     "atelier-tisse-noir", "5 rue des Tisserands", "Harnes", 50.4442, 2.9098,
     "Mer.–Sam. 10 h – 18 h", D(2020, 5, 28), D(2020, 6, 30),
     "L'Atelier Tisse-Noir a tissé en lin et coton teints au brou de noix les tabliers que "
     "portent les cuisiniers et les serveurs du Parcours noir. Le métier à tisser tourne "
     "devant les visiteurs ; les chutes deviennent des sacs à pain vendus au profit de "
     "l'association des jardins ouvriers de Bruay.",
     "Atelier Tisse-Noir wove the linen and cotton aprons, dyed with walnut stain, worn by "
     "the cooks and waiters of the Parcours noir. The loom runs in front of visitors; "
     "offcuts become bread bags sold for the benefit of the Bruay workers' gardens "
     "association.",
     "パルクール・ノワールの料理人が身につける黒いエプロンを織った工房。織機の実演が見られ、"
     "端切れはパン袋となって菜園協会の支援に使われます。",
     "a2", 2.0),
    ("oignies-metaphone", "Oignies, le Métaphone", "architecture", "metaphone-9-9bis",
     "Chemin du Tordoir", "Oignies", 50.4642, 2.9935, "Mar.–Dim. 10 h – 18 h",
     D(2020, 5, 28), D(2020, 6, 30),
     "Au pied du chevalement de l'ancienne fosse 9-9bis, le Métaphone est une salle de "
     "concert dont la façade noire se joue comme un instrument. Pendant le Parcours noir, "
     "les vendredis soir « son et sel » associent un concert sur le carreau de fosse et "
     "une assiette de street food préparée par le food-truck La Berline.",
     "At the foot of the headframe of the former 9-9bis pit, the Métaphone is a concert "
     "hall whose black façade can be played like an instrument. During the Parcours noir, "
     "« son et sel » Friday evenings pair a concert on the pithead with a street food plate "
     "from the La Berline food truck.",
     "旧9-9bis坑の巻き上げ櫓のふもとにあるメタフォンは、黒いファサードが楽器として演奏できる"
     "コンサートホール。金曜の夜は音楽とストリートフードを楽しめます。",
     "a2", 2.0),
    ("douai-scarpe-a-velo", "Douai, la Scarpe à vélo", "mobilite", None,
     "Quai de la Scarpe", "Douai", 50.3695, 3.0765, "Tous les jours, en accès libre",
     FrDate("28/05/2020"), FrDate("30/06/2020"),
     "Depuis les quais de la Scarpe, une piste cyclable suit la rivière vers les marais de "
     "l'Ostrevent. Les vélos-cargos prêtés par Cycl'Escaut transportent pique-niques et "
     "paniers de producteurs ; des bornes de réparation ont été installées tous les cinq "
     "kilomètres. Le beffroi de Douai, au carillon de 62 cloches, sonne le départ.",
     "From the banks of the Scarpe, a cycle path follows the river towards the Ostrevent "
     "marshes. Cargo bikes lent by Cycl'Escaut carry picnics and producers' baskets; repair "
     "stations have been set up every five kilometres. Douai's belfry, with its "
     "62-bell carillon, rings the start.",
     "スカルプ川の岸辺から湿地帯へ続くサイクリングロード。カーゴバイクでピクニックや農産物を運べます。"
     "62の鐘をもつドゥエの鐘楼が出発の合図です。",
     "a2", 2.0),
    ("lewarde-briquet-du-mineur", "Lewarde, le briquet du mineur", "street-food",
     "centre-historique-minier", "Fosse Delloye, rue d'Erchin", "Lewarde", 50.3418,
     3.1690, "Tous les jours 9 h – 19 h", D(2020, 5, 28), D(2020, 6, 30),
     "Le « briquet », c'était le casse-croûte du mineur : deux tartines beurrées, parfois "
     "du fromage, emballées dans une boîte en fer. Le Centre historique minier le "
     "réinvente avec le Traiteur de l'Ostrevent dans une boîte métallique consignée, à "
     "emporter pour la visite des galeries. Les recettes changent chaque semaine.",
     "The « briquet » was the miner's snack: two buttered slices of bread, sometimes with "
     "cheese, packed in a tin box. The mining history centre reinvents it with the Traiteur "
     "de l'Ostrevent in a returnable metal box, to take along on the tour of the galleries. "
     "The recipes change every week.",
     "「ブリケ」は炭鉱夫の弁当。バターを塗ったパン2枚を鉄の箱に入れて持って行きました。"
     "炭鉱歴史センターが返却式の金属の箱で現代風に再現します。",
     "a2", 2.0),
    ("aniche-verre-noir", "Aniche, le verre noir", "design", "verre-noir-aniche",
     "Rue de la Verrerie", "Aniche", 50.3322, 3.2545, "Mer.–Sam. 10 h – 17 h",
     D(2020, 6, 3), D(2020, 6, 27),
     "Aniche fut l'une des capitales françaises du verre. L'Atelier Verre Noir y souffle "
     "les carafes et les verres à bière du Parcours noir dans un verre fumé presque opaque, "
     "recyclé à partir de bouteilles collectées dans les restaurants partenaires. "
     "Démonstrations de soufflage à 11 h et 15 h.",
     "Aniche was once one of France's glass-making capitals. Atelier Verre Noir blows the "
     "Parcours noir carafes and beer glasses there in an almost opaque smoked glass, "
     "recycled from bottles collected in partner restaurants. Glassblowing demonstrations "
     "at 11 am and 3 pm.",
     "アニッシュはかつてフランス有数のガラスの町。提携レストランで回収した瓶を再生し、黒いガラスの"
     "カラフェやビールグラスを吹いています。実演は11時と15時。",
     "a2", 2.0),
    ("denain-frites-de-la-fosse", "Denain, les frites de la fosse", "frites",
     "brasserie-des-houilleres", "Rue de la Fosse Renard", "Denain", 50.3292, 3.3945,
     "Jeu.–Dim. 17 h – 23 h", D(2020, 5, 28), D(2020, 6, 30),
     "Troisième halte du parcours frites, dans la cour de la Brasserie des Houillères. "
     "Les frites y sont servies avec une carbonade à la Noire du Parcours, brassée sur "
     "place avec de la chicorée du Douaisis. Le jeudi, les brasseurs font visiter la salle "
     "de brassage et racontent la grande grève des mineurs de 1884.",
     "Third stop of the fries trail, in the courtyard of the Brasserie des Houillères. "
     "Fries come with a carbonade made with Noire du Parcours, a stout brewed on site with "
     "Douaisis chicory. On Thursdays the brewers show visitors the brewhouse and tell the "
     "story of the great miners' strike of 1884.",
     "フリットの道の三つ目の立ち寄り先は醸造所の中庭。チコリ入りの黒ビールで煮込んだ"
     "カルボナードとポテトを味わえます。木曜日は醸造所見学も。",
     "a2", 2.0),
    ("arenberg-chambre-noire", "Arenberg, la chambre noire", "photographie",
     "arenberg-creative-mine", "Rue Michel Rondet", "Wallers", 50.3980, 3.4130,
     "Mer.–Dim. 13 h – 18 h", D(2020, 5, 28), D(2020, 6, 30),
     "L'ancienne fosse d'Arenberg, où fut tourné Germinal, est devenue un pôle de l'image "
     "et des médias. Dans la salle des pendus, une chambre noire géante projette le "
     "chevalement à l'envers sur un écran de toile. À l'extérieur, la Friterie d'Arenberg "
     "s'installe au bord de la tranchée, là où passe Paris-Roubaix.",
     "The former Arenberg pit, where Germinal was filmed, has become a hub for images and "
     "media. In the miners' changing room, a giant camera obscura projects the headframe "
     "upside down onto a canvas screen. Outside, the Friterie d'Arenberg sets up beside the "
     "famous Paris-Roubaix cobbled trench.",
     "映画『ジェルミナル』が撮影されたアランベール坑は、映像とメディアの拠点に。巨大なカメラ・"
     "オブスクラが巻き上げ櫓を逆さまに映し出します。",
     "a2", 2.5),
    ("valenciennes-dentelle-noire", "Valenciennes, la dentelle noire", "textile",
     "atelier-dentelle-noire", "Rue de Paris", "Valenciennes", 50.3592, 3.5205,
     "Mar.–Sam. 10 h – 18 h", D(2020, 5, 28), FrDate("30/06/2020"),
     "La dentelle de Valenciennes a fait le tour des cours d'Europe. L'Atelier Dentelle "
     "noire en tire des motifs imprimés sur les nappes et les emballages du Parcours noir, "
     "et présente une coiffe en dentelle de soie noire. Dernière étape du parcours : la "
     "Maison Lucullus y sert une langue Lucullus, spécialité de la ville.",
     "Valenciennes lace travelled to every court in Europe. Atelier Dentelle noire draws "
     "patterns from it, printed on the tablecloths and packaging of the Parcours noir, and "
     "shows a headdress of black silk lace. Last stop of the trail: Maison Lucullus serves "
     "langue Lucullus, the city's speciality of smoked tongue.",
     "ヨーロッパの宮廷で愛されたヴァランシエンヌのレース。その模様をテーブルクロスや包装にプリント"
     "しています。最後の立ち寄り先では名物料理ラング・ルキュリュスを。",
     "a2", 2.0),
]


def etapes() -> list[dict]:
    rows = []
    for n, (sid, nom, theme, partner, adr, commune, lat, lon, hours, debut, fin, fr, en, ja,
            fmt, dist) in enumerate(_STOPS, start=1):
        rows.append({
            "id": sid, "numero": n, "nom": nom, "theme": theme, "partenaire": partner,
            "adresse": adr, "commune": commune, "latitude": lat, "longitude": lon,
            "horaires": hours, "date_debut": debut, "date_fin": fin, "texte_fr": fr,
            "texte_en": en, "texte_ja": ja, "url": f"{SITE}/parcours-noir/{sid}",
            "format_panneau": fmt, "distance_lecture_m": dist,
        })
    return rows


# --------------------------------------------------------------------------------------------
# projets (scored against the nine ALL values, 0-3)
# --------------------------------------------------------------------------------------------

# id, titre, theme, volet, partenaires, phase, scores (9 values), description, photo
_PROJECTS = [
    ("parcours-frites", "Le parcours frites", "frites", "parcours-noir",
     "friterie-du-beffroi, friterie-du-terril, brasserie-des-houilleres, "
     "ferme-des-chevalements", "deploye", (3, 3, 3, 3, 2, 3, 2, 3, 2),
     "Trois friteries, une même pomme de terre de la Gohelle, un cornet noir commun et une "
     "carte qui les relie : la frite comme porte d'entrée populaire du Parcours noir.",
     "cornet-frites.png"),
    ("street-food-heros", "Le marché noir des Héros", "street-food", "parcours-noir",
     "ot-arras, confiserie-des-heros, traiteur-d-artois", "deploye",
     (2, 2, 1, 3, 3, 2, 2, 2, 2),
     "Des stands démontables en bois brûlé pour un marché de street food du samedi sur la "
     "place des Héros, réutilisables tout l'été.", None),
    ("fermentation-franco-japonaise", "Fermentation franco-japonaise", "fermentation",
     "parcours-noir", "atelier-hakko, ferme-maraichere-flers, jardins-ouvriers-cite",
     "deploye", (2, 3, 2, 2, 2, 3, 2, 2, 3),
     "Avec les partenaires japonais d'ALL, un atelier de kōji qui fait fermenter les "
     "légumes et les céréales du bassin minier : miso de fèves, shōyu, légumes "
     "lacto-fermentés.", "fermentation-bocaux.jpg"),
    ("briquet-du-mineur", "Le briquet du mineur réinventé", "street-food", "parcours-noir",
     "centre-historique-minier, traiteur-ostrevent", "test", (3, 2, 3, 2, 1, 3, 2, 3, 1),
     "Le casse-croûte du mineur dans une boîte métallique consignée, vendu au Centre "
     "historique minier pour la visite des galeries.", None),
    ("tabliers-noirs", "Les tabliers noirs du Parcours", "textile", "parcours-noir",
     "atelier-tisse-noir, jardins-ouvriers-cite", "deploye", (2, 2, 1, 2, 1, 3, 3, 2, 2),
     "Des tabliers tissés et teints au brou de noix pour tous les cuisiniers du parcours ; "
     "les chutes deviennent des sacs à pain solidaires.", None),
    ("verres-noirs-recycles", "Verres noirs recyclés", "design", "parcours-noir",
     "verre-noir-aniche, bistrot-de-la-scarpe", "prototype", (2, 2, 1, 1, 1, 2, 1, 2, 3),
     "Carafes et verres à bière soufflés à Aniche dans du verre recyclé issu des bouteilles "
     "des restaurants partenaires.", None),
    ("velos-cargos-producteurs", "Vélos-cargos des producteurs", "mobilite", "parcours-noir",
     "cycl-escaut, ferme-du-moulin-blanc, ot-douai", "selectionne",
     (1, 2, 1, 2, 2, 1, 3, 3, 2),
     "Des vélos-cargos prêtés aux visiteurs et aux producteurs pour relier marchés, "
     "friteries et étapes le long de la Scarpe.", None),
    ("carte-olhain", "La carte du restaurant d'Olhain", "restauration", "olhain",
     "parc-olhain, laiterie-val-de-lawe, ferme-caron, boucherie-vasseur",
     "deploye", (3, 3, 2, 3, 1, 3, 2, 2, 3),
     "Une carte courte, de saison, construite avec l'équipe du parc et une dizaine de "
     "producteurs à moins de 40 km, traduite en anglais et en japonais.",
     "olhain-foret.jpg"),
    ("olhain-pique-nique-velo", "Le panier pique-nique à vélo", "mobilite", "olhain",
     "parc-olhain, rucher-des-terrils", "test", (1, 2, 2, 3, 3, 2, 1, 3, 1),
     "Un panier composé par la cuisine du restaurant, à retirer à mi-parcours de la boucle "
     "gourmande à vélo.", None),
    ("olhain-vaisselle", "Vaisselle en grès noir", "design", "olhain",
     "parc-olhain, verre-noir-aniche", "idee", (2, 1, 1, 1, 1, 2, 1, 1, 2),
     "Assiettes et bols en grès émaillé noir, tournés par des céramistes du territoire pour "
     "le restaurant du parc.", None),
    ("carin-gourmand", "Le Carin gourmand", "street-food", "cite-electriciens",
     "cite-electriciens, jardins-ouvriers-cite, ferme-des-chevalements",
     "deploye", (3, 3, 3, 3, 2, 3, 3, 3, 3),
     "Une offre à emporter tirée des jardins ouvriers de la Cité et des producteurs "
     "voisins : soupes, tartines, frites, bocaux fermentés et douceurs.",
     "jardins-ouvriers.jpg"),
    ("contenants-consignes", "Contenants consignés", "emballage", "cite-electriciens",
     "cite-electriciens, centre-historique-minier", "test", (1, 1, 2, 1, 1, 2, 3, 3, 2),
     "Bocaux et boîtes consignés un euro, partagés entre le Carin gourmand et le briquet du "
     "mineur de Lewarde.", None),
    ("ateliers-jardiniers", "Ateliers cuisine avec les jardiniers", "fermentation",
     "cite-electriciens", "jardins-ouvriers-cite, atelier-hakko", "evalue",
     (2, 3, 3, 3, 3, 3, 3, 2, 2),
     "Six ateliers pour apprendre à conserver les récoltes des carins par la "
     "lacto-fermentation et le kōji.", None),
    ("biere-noire-parcours", "La Noire du Parcours", "produit", "produits-all",
     "brasserie-des-houilleres, chicoree-de-cuincy", "deploye", (3, 3, 2, 2, 1, 3, 1, 2, 3),
     "Une stout au malt torréfié et à la chicorée du Douaisis, emblème brassé pour "
     "l'événement.", "packshot-biere-noire.jpg"),
    ("gaillettes-chocolat", "Les gaillettes en chocolat", "design", "produits-all",
     "confiserie-des-heros, studio-gaillette", "deploye", (3, 2, 2, 2, 2, 2, 1, 2, 2),
     "Des chocolats noirs en forme de boulets de charbon, dans une boîte dessinée par le "
     "Studio Gaillette.", None),
    ("caramels-chicoree", "Caramels à la chicorée", "produit", "produits-all",
     "chicoree-de-cuincy", "deploye", (2, 2, 3, 2, 1, 3, 1, 3, 2),
     "Des caramels tendres à la chicorée de Cuincy, premier produit ALL testé en office de "
     "tourisme.", "packshot-caramels.jpg"),
    ("coffret-all", "Le coffret ALL", "design", "produits-all",
     "studio-gaillette, ot-lens-lievin, ot-valenciennes", "prototype",
     (2, 2, 2, 2, 1, 2, 2, 2, 2),
     "Un coffret en bois brûlé réunissant bière, miel, caramels et miso, vendu dans les "
     "sept offices de tourisme.", None),
]


def projets() -> list[dict]:
    rows = []
    for pid, titre, theme, volet, partners, phase, scores, desc, photo in _PROJECTS:
        row = {"id": pid, "titre": titre, "theme": theme, "volet": volet,
               "partenaires": partners, "phase": phase, "description": desc, "photo": photo}
        row.update(dict(zip(VALUES, scores, strict=True)))
        rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------
# planning, budget, indicateurs
# --------------------------------------------------------------------------------------------

# Fictional team: Claire Vandewalle (cheffe de projet ALL), Mathieu Delattre (designer
# culinaire, agence), Aurélie Dumont (designer graphique), Kenji Morimoto (partenaire japonais),
# Sarah Lefebvre (Parc d'Olhain), Julien Wattez (Cité des Électriciens).
_PLANNING = [
    ("selection-agence", "Sélection de l'agence de design culinaire", "transversal",
     D(2019, 12, 2), D(2019, 12, 6), True, "Claire Vandewalle", "Notification du marché"),
    ("lancement-mission", "Lancement de la mission et installation du groupe projet",
     "transversal", D(2019, 12, 9), D(2019, 12, 20), True, "Claire Vandewalle",
     "Compte rendu du comité de lancement"),
    ("etudes-olhain", "Lancement de l'étude du restaurant d'Olhain, ateliers avec l'équipe",
     "olhain", D(2019, 12, 9), D(2019, 12, 20), False, "Sarah Lefebvre",
     "Synthèse des ateliers d'équipe"),
    ("etudes-cite", "Lancement de l'étude de la Cité des Électriciens, ateliers avec les "
     "jardiniers", "cite-electriciens", D(2019, 12, 9), D(2020, 1, 10), False,
     "Julien Wattez", "Synthèse des ateliers et inventaire des récoltes"),
    ("recensement-partenaires", "Recensement des partenaires et des offres existantes",
     "parcours-noir", D(2019, 12, 16), D(2020, 1, 31), False, "Mathieu Delattre",
     "Fichier de recensement des partenaires"),
    ("remontee-idees", "Remontée des idées et projets culinaires sur la destination",
     "parcours-noir", D(2020, 1, 6), D(2020, 1, 31), False, "Mathieu Delattre",
     "Catalogue des idées"),
    ("selection-projets", "Sélection des projets selon le concept et les valeurs ALL",
     "parcours-noir", D(2020, 1, 27), D(2020, 2, 28), True, "Claire Vandewalle",
     "Grille de sélection et liste des projets retenus"),
    ("carte-olhain", "Construction de la carte et accompagnement de l'équipe d'Olhain",
     "olhain", D(2020, 1, 6), FrDate("13/03/2020"), False, "Mathieu Delattre",
     "Carte FR/EN/JA et fiches techniques"),
    ("ouverture-olhain", "Ouverture du restaurant du Parc d'Olhain", "olhain",
     D(2020, 3, 14), D(2020, 3, 14), True, "Sarah Lefebvre", "Restaurant ouvert au public"),
    ("prototypes-tests", "Prototypage et tests des projets avec les partenaires",
     "parcours-noir", D(2020, 3, 2), D(2020, 3, 31), False, "Mathieu Delattre",
     "Prototypes et retours des tests"),
    ("produits-all", "Création des produits culinaires ALL avec les artisans",
     "produits-all", D(2020, 2, 3), D(2020, 5, 15), False, "Aurélie Dumont",
     "Gamme de produits et étiquettes"),
    ("offre-cite", "Mise en place opérationnelle de l'offre à emporter de la Cité",
     "cite-electriciens", FrDate("03/02/2020"), D(2020, 5, 29), False, "Julien Wattez",
     "Carte du Carin gourmand et circuit d'approvisionnement"),
    ("signaletique-parcours", "Conception et impression de la signalétique du Parcours noir",
     "parcours-noir", D(2020, 4, 1), D(2020, 5, 20), False, "Aurélie Dumont",
     "Panneaux, carte et dépliant"),
    ("presentations-partenaires", "Temps de présentation du projet aux partenaires",
     "transversal", D(2020, 2, 10), D(2020, 5, 15), False, "Claire Vandewalle",
     "Présentations et comptes rendus"),
    ("parcours-noir-2020", "Parcours noir : mise en œuvre et suivi opérationnel",
     "parcours-noir", FrDate("28/05/2020"), D(2020, 6, 30), True, "Claire Vandewalle",
     "Tableau de bord hebdomadaire"),
    ("ouverture-carin-gourmand", "Ouverture du Carin gourmand", "cite-electriciens",
     D(2020, 6, 2), D(2020, 6, 2), True, "Julien Wattez", "Offre à emporter ouverte"),
    ("accueil-japonais", "Accueil des partenaires japonais et ateliers de fermentation",
     "parcours-noir", D(2020, 6, 8), D(2020, 6, 19), False, "Kenji Morimoto",
     "Programme d'ateliers et traductions"),
    ("evaluation", "Évaluation des opérations", "transversal", D(2020, 7, 1),
     D(2020, 7, 17), False, "Claire Vandewalle", "Rapport d'évaluation"),
    ("strategie-culinaire", "Rédaction et présentation de la stratégie culinaire",
     "transversal", D(2020, 6, 15), D(2020, 7, 24), True, "Mathieu Delattre",
     "Document de stratégie design culinaire"),
]


def planning() -> list[dict]:
    return [
        {"id": pid, "action": action, "volet": volet, "debut": debut, "fin": fin,
         "jalon": "oui" if jalon else "non", "responsable": who, "livrable": livrable}
        for pid, action, volet, debut, fin, jalon, who, livrable in _PLANNING
    ]


_BUDGET = [
    ("lancement-mission", "Direction de projet : comité de lancement", "jour", 2, 750, 20),
    ("lancement-mission", "Location de salle et accueil du groupe projet", "forfait", 1, 450,
     10),
    ("etudes-olhain", "Ateliers avec l'équipe de restauration", "jour", 3, 650, 20),
    ("etudes-cite", "Ateliers avec les jardiniers de la Cité", "jour", 3, 650, 20),
    ("recensement-partenaires", "Entretiens et visites des partenaires", "jour", 6, 600, 20),
    ("recensement-partenaires", "Déplacements sur la destination", "forfait", 1, 380, 20),
    ("remontee-idees", "Animation de quatre ateliers d'idéation", "jour", 4, 650, 20),
    ("remontee-idees", "Collations des ateliers (produits locaux)", "forfait", 4, 120, 10),
    ("selection-projets", "Préparation et animation du comité de sélection", "jour", 2, 750,
     20),
    ("carte-olhain", "Conception de la carte avec le chef", "jour", 8, 650, 20),
    ("carte-olhain", "Traduction anglaise et japonaise de la carte", "forfait", 1, 980, 20),
    ("carte-olhain", "Essais culinaires (matières premières)", "forfait", 1, 600, 5.5),
    ("carte-olhain", "Impression de la carte A3 pliée", "unite", 150, 2.4, 20, "menu-olhain-carte"),
    ("ouverture-olhain", "Présence à l'ouverture et ajustements", "jour", 2, 650, 20),
    ("prototypes-tests", "Prototypage des projets avec les partenaires", "jour", 10, 650, 20),
    ("prototypes-tests", "Repas tests avec les partenaires", "forfait", 3, 350, 10),
    ("prototypes-tests", "Matières premières des prototypes", "forfait", 1, 900, 5.5),
    ("produits-all", "Design des produits et des étiquettes", "jour", 9, 620, 20),
    ("produits-all", "Fabrication des séries tests chez les artisans", "forfait", 1, 2400,
     5.5),
    ("produits-all", "Planches A4 adhésives pour les étiquettes imprimées au bureau", "unite", 60,
     1.8, 20),
    ("produits-all", "Impression des étiquettes découpées (pots, bocaux, bouteilles)", "unite",
     "etiquettes", 0.32, 20, "etiquettes-*"),
    ("offre-cite", "Accompagnement de l'offre à emporter", "jour", 8, 650, 20),
    ("offre-cite", "Contenants consignés (bocaux et boîtes)", "unite", 400, 2.15, 20),
    ("offre-cite", "Impression de la carte A4 à emporter", "unite", 300, 0.9, 20,
     "menu-carin-gourmand"),
    ("signaletique-parcours", "Conception graphique des panneaux et de la carte", "jour", 6,
     620, 20),
    ("signaletique-parcours", "Impression des panneaux A2 sur Dibond", "unite", 16, 85, 20,
     "panneaux-a2"),
    ("signaletique-parcours", "Impression du panneau A1 du Louvre-Lens", "unite", 1, 140,
     20, "panneaux-a1"),
    ("signaletique-parcours", "Impression du panneau A3 du Carin gourmand", "unite", 1, 55,
     20, "panneaux-a3"),
    ("signaletique-parcours", "Impression de la carte du parcours sur Dibond", "unite", 1, 140,
     20, "carte-parcours"),
    ("signaletique-parcours", "Impression du dépliant (A4 pli roulé en 3)", "unite", 5000, 0.16,
     20, "depliant"),
    ("signaletique-parcours", "Pose des panneaux sur les étapes", "forfait", 1, 1200, 20),
    ("presentations-partenaires", "Préparation et animation des présentations", "jour", 4,
     650, 20),
    ("parcours-noir-2020", "Suivi opérationnel pendant l'événement", "jour", 10, 600, 20),
    ("parcours-noir-2020", "Photographe (reportage sur les étapes)", "jour", 3, 550, 20),
    ("accueil-japonais", "Interprète japonais", "jour", 5, 480, 20),
    ("accueil-japonais", "Ateliers de fermentation (ingrédients)", "forfait", 1, 350, 5.5),
    ("evaluation", "Enquête visiteurs et analyse", "jour", 5, 620, 20),
    ("strategie-culinaire", "Rédaction du document de stratégie", "jour", 6, 700, 20),
    ("strategie-culinaire", "Présentation de la stratégie aux élus et partenaires", "jour",
     1, 750, 20),
]


PRINTER_FORMATS = ("pot", "bocal", "bouteille")  # die-cut by the printer (config/settings.yaml)


def budget() -> list[dict]:
    """The budget; a printing line names its print job (travail) and restates its quantity —
    the die-cut labels' line sums the products' quantities."""
    labels = sum(p["quantite_impression"] for p in produits()
                 if p["format_etiquette"] in PRINTER_FORMATS)
    out = []
    for a, poste, unite, q, pu, tva, *job in _BUDGET:
        out.append({"action": a, "poste": poste, "unite": unite,
                    "quantite": labels if q == "etiquettes" else q,
                    "prix_unitaire_ht": float(pu), "taux_tva": tva,
                    **({"travail": job[0]} if job else {})})
    return out


_INDICATORS = [
    ("partenaires-engages", "Partenaires engagés dans la démarche", "transversal", 40, 46,
     "partenaires", "Recensement ALL"),
    ("projets-deployes", "Projets culinaires déployés sur le parcours", "parcours-noir", 12,
     11, "projets", "Comité de suivi"),
    ("visiteurs-parcours", "Visiteurs du Parcours noir", "parcours-noir", 25000, 21450,
     "visiteurs", "Compteurs et billetterie des étapes"),
    ("satisfaction-visiteurs", "Visiteurs satisfaits ou très satisfaits", "parcours-noir",
     85.0, 88.5, "%", "Enquête visiteurs (412 réponses)"),
    ("visiteurs-japonais", "Visiteurs japonais accueillis", "transversal", 600, 540,
     "visiteurs", "Offices de tourisme"),
    ("couverts-olhain", "Couverts servis au restaurant d'Olhain (mars–juin)", "olhain", 6000,
     5230, "couverts", "Caisse du restaurant"),
    ("ticket-moyen-olhain", "Ticket moyen au restaurant d'Olhain", "olhain", 18.5, 19.2,
     "€ TTC", "Caisse du restaurant"),
    ("portions-carin", "Portions vendues au Carin gourmand", "cite-electriciens", 1500, 1320,
     "portions", "Caisse de la Cité"),
    ("part-produits-locaux", "Part des achats auprès de producteurs à moins de 50 km",
     "cite-electriciens", 70.0, 76.5, "%", "Factures fournisseurs"),
    ("contenants-rendus", "Contenants consignés rapportés", "cite-electriciens", 80.0, 71.25,
     "%", "Registre de consigne"),
    ("produits-all-crees", "Produits ALL créés", "produits-all", 20, 27, "produits",
     "Catalogue ALL"),
    ("unites-vendues", "Produits ALL vendus", "produits-all", 8000, 7415, "unités",
     "Ventes des offices de tourisme et des artisans"),
    ("retombees-presse", "Articles de presse et reportages", "transversal", 40, 52,
     "articles", "Revue de presse Pas-de-Calais Tourisme"),
]


def indicateurs() -> list[dict]:
    return [
        {"id": i, "indicateur": label, "volet": volet, "cible": cible, "realise": realise,
         "unite": unite, "source": source}
        for i, label, volet, cible, realise, unite, source in _INDICATORS
    ]


# --------------------------------------------------------------------------------------------
# textes: the strategy narrative (Markdown with YAML front matter)
# --------------------------------------------------------------------------------------------

# Figures of the chapters, kept out of the prose so the source lines stay short.
FIGURES = {
    "terrils-silhouette": (
        "Silhouettes des terrils jumeaux de Loos-en-Gohelle au soleil couchant",
        "terrils-silhouette.png",
        "Les terrils jumeaux du 11/19, repères du paysage de la destination",
    ),
    "carte-destination": (
        "Carte schématique de la destination et des partenaires recensés",
        "carte-destination.png",
        "Les partenaires recensés sur les sept territoires de la destination",
    ),
    "valeurs-all": (
        "Les neuf valeurs de la marque ALL",
        "valeurs-all.png",
        "Les neuf valeurs ALL servent de grille de lecture à chaque projet",
    ),
    "fermentation-bocaux": (
        "Bocaux de légumes fermentés sur une étagère en bois",
        "fermentation-bocaux.jpg",
        "Les premiers bocaux de l'Atelier Hakkō, à Avion",
    ),
    "parcours-noir-texture": (
        "Texture de charbon en gros plan",
        "parcours-noir-texture.jpg",
        "Le noir du charbon, matière et couleur du parcours",
    ),
    "cornet-frites": (
        "Cornet de frites en papier noir",
        "cornet-frites.png",
        "Le cornet noir commun aux friteries du parcours",
    ),
    "olhain-foret": (
        "Le restaurant du parc entre les arbres",
        "olhain-foret.jpg",
        "Le nouveau restaurant, ouvert sur le bois d'Olhain",
    ),
    "jardins-ouvriers": (
        "Rangs de légumes dans les jardins ouvriers",
        "jardins-ouvriers.jpg",
        "Les carins de la Cité des Électriciens, au printemps",
    ),
    "packshot-biere-noire": (
        "Une bouteille de Noire du Parcours et son étiquette",
        "packshot-biere-noire.jpg",
        "La Noire du Parcours, stout brassée à Denain avec la chicorée du Douaisis",
    ),
    "packshot-confiture": (
        "Pot de confiture de rhubarbe à l'étiquette noire",
        "packshot-confiture.jpg",
        "La confiture de rhubarbe des jardins ouvriers de la Cité",
    ),
    "cite-electriciens-corons": (
        "Silhouettes des maisons de la Cité des Électriciens",
        "cite-electriciens-corons.png",
        "Les corons de la Cité des Électriciens, lieu des ateliers du groupe projet",
    ),
    "terrils-silhouette-2": (
        "Vue des terrils au crépuscule",
        "terrils-silhouette.png",
        "Après l'événement, la démarche se poursuit sur toute la destination",
    ),
}

TEXTES = {
    "01-contexte-et-ambition.md": '''---
ordre: 1
titre: "Contexte et ambition"
---

## Une destination née de la culture et du travail

Sept ans après l'ouverture du Louvre-Lens et l'inscription du Bassin minier au patrimoine
mondial de l'UNESCO, l'image du territoire a changé. Là où l'on voyait hier des friches et des
terrils, les visiteurs découvrent aujourd'hui un musée de rang international, des cités minières
restaurées, des paysages singuliers et une hospitalité qui ne se décrète pas. La marque
**ALL, « Autour du Louvre-Lens »**, portée par Pas-de-Calais Tourisme pour le compte des
collectivités et des acteurs du tourisme, donne à cette transformation un nom et une voix.

Depuis 2015, le contrat de destination soutenu par le ministère de l'Europe et des Affaires
étrangères et la DGE fait d'ALL un laboratoire : celui d'un tourisme culturel fondé sur
l'humain, l'expérience et la créativité. Renouvelé en 2018, il réunit soixante-dix partenaires
publics et privés et s'appuie sur un dispositif design qui a déjà accompagné une trentaine de
projets.

@@terrils-silhouette@@

### Sept territoires, une même destination

La destination réunit les territoires de sept offices de tourisme, qui travaillent ensemble au
sein d'une plateforme collaborative :

- Arras ;
- Béthune-Bruay ;
- Cœur d'Ostrevent ;
- Douai ;
- Lens-Liévin ;
- la Porte du Hainaut ;
- Valenciennes.

Chacun apporte ses sites, ses savoir-faire et ses tables. Le visiteur, lui, ne connaît pas les
limites administratives : il attend une destination lisible, où l'on passe d'une étape à l'autre
sans rupture, où le musée, le terril et la friterie racontent la même histoire.

## Pourquoi une stratégie culinaire ?

La table est souvent le premier souvenir d'un voyage. Elle est aussi, dans le Bassin minier,
un marqueur d'identité puissant : la gamelle du mineur, le jardin ouvrier, l'estaminet, la
friterie du dimanche. Pourtant l'offre culinaire de la destination reste peu visible pour les
clientèles que vise ALL : les Français en court séjour, les voisins belges, néerlandais et
britanniques, et les visiteurs japonais, dont le nombre progresse chaque année.

La question posée par Pas-de-Calais Tourisme est donc double : comment adapter l'offre aux
tendances de consommation (local, végétal, fait maison, à emporter) et comment faire de la
cuisine un véritable levier d'attractivité, au même titre que le patrimoine ? Le carnet de
tendances ALL *Inspirations culinaires* donne la direction ; les artisans, les restaurateurs et
les producteurs donnent la matière.

> « Faire sens et faire destination » : la cuisine n'est pas un supplément à la visite, elle en
> est l'une des portes d'entrée.

## L'ambition pour 2020

L'année 2020 offre une occasion unique. Du 28 mai au 30 juin, la couleur noire sera le fil
conducteur d'un événement de valorisation touristique de toute la destination, en écho aux
expositions du Louvre-Lens et à l'anniversaire de l'inscription UNESCO. Le culinaire y tient le
premier rôle. La mission confiée à l'agence s'organise en quatre chantiers :

1. accompagner et piloter la démarche design culinaire de la destination, du recensement des
   acteurs jusqu'au **Parcours noir** ;
2. concevoir avec les artisans une gamme de **produits culinaires ALL** ;
3. accompagner deux sites emblématiques : le nouveau restaurant du **Parc départemental
   d'Olhain** et l'offre à emporter de la **Cité des Électriciens** ;
4. écrire la stratégie qui permettra de prolonger la démarche au-delà de l'événement.

Pour chacun, les réponses devront être *durables, facilement duplicables, acceptables et
abordables* par les acteurs. C'est le critère qui traverse tout ce document : une bonne idée
qui ne peut être reprise par une boulangerie de Denain ou un estaminet de Beuvry n'est pas une
bonne idée pour ALL.

@@carte-destination@@

Les chapitres qui suivent présentent la démarche et ses valeurs, le Parcours noir, les deux
sites, les produits ALL, puis la gouvernance, le planning, le budget et l'évaluation. Les
données détaillées (partenaires, projets, budget par action) sont jointes en annexe et tenues à
jour par l'équipe ; elles sont également consultables sur
[le site de la destination](https://www.autourdulouvrelens.fr/).
''',
    "02-demarche-et-valeurs.md": '''---
ordre: 2
titre: "La démarche design culinaire et les neuf valeurs"
---

## Le design au service de la table

Le design culinaire ne consiste pas à dessiner de jolies assiettes. Il s'agit de concevoir une
expérience complète, depuis le champ jusqu'au souvenir que le visiteur rapporte chez lui : le
produit, le geste du cuisinier, le contenant, le lieu, le récit, le prix. La démarche ALL
applique à la cuisine la méthode qui a fait ses preuves avec le dispositif design de la
destination : **observer, imaginer avec les acteurs, prototyper vite, tester en situation,
puis déployer ce qui marche**.

### Une méthode en cinq temps

1. *Recenser* : rencontrer les restaurateurs, boulangers, artisans, traiteurs, agriculteurs et
   équipements susceptibles de participer, et inventorier ce qui existe déjà.
2. *Faire remonter les idées* : ateliers ouverts sur chaque territoire, en janvier 2020.
3. *Sélectionner* : confronter chaque idée au concept du Parcours noir et aux valeurs de la
   marque, au moyen d'une grille partagée.
4. *Prototyper et tester* : en mars, chaque projet retenu est essayé à petite échelle, avec de
   vrais clients.
5. *Déployer et évaluer* : pendant l'événement, puis en juillet, avec des indicateurs simples.

@@valeurs-all@@

## Les neuf valeurs comme grille de sélection

La plateforme de marque ALL repose sur neuf valeurs : **Fierté, Passion, Fidélité, Chaleur,
Spontanéité, Authenticité, Solidarité, Simplicité, Volonté**. Elles ne sont pas des slogans ;
elles décrivent la manière dont les habitants parlent de leur territoire. Nous les utilisons
comme une grille concrète : chaque projet reçoit une note de 0 à 3 pour chaque valeur, attribuée
collectivement par le groupe projet.

- **Fierté** : le projet donne-t-il envie de dire « c'est de chez nous » ?
- **Passion** : porte-t-il l'énergie d'une personne ou d'une équipe ?
- **Fidélité** : respecte-t-il une recette, un geste, une mémoire ?
- **Chaleur** : crée-t-il un moment partagé, une table commune ?
- **Spontanéité** : peut-il naître vite, sans lourdeur ?
- **Authenticité** : ses produits et son récit sont-ils vrais ?
- **Solidarité** : profite-t-il à d'autres acteurs, aux jardiniers, aux associations ?
- **Simplicité** : un autre acteur peut-il le reproduire sans nous ?
- **Volonté** : ses porteurs iront-ils au bout ?

Une note totale élevée ne suffit pas : un projet qui obtient 0 en *simplicité* ou en
*authenticité* est écarté, quelle que soit sa note globale. Ces deux valeurs traduisent
directement l'exigence du cahier des charges : des réponses durables, duplicables, acceptables
et abordables.

> La grille n'est pas un concours. Elle sert à parler des projets avec les mêmes mots, et à
> expliquer aux porteurs pourquoi une idée est retenue, reportée ou transformée.

## Trois pistes culinaires déjà repérées

Le cahier des charges identifie trois sujets, que les ateliers de janvier ont confirmés et
enrichis.

### La frite, porte d'entrée populaire

La frite est le plat le plus partagé du territoire, et l'un des plus mal connus des visiteurs
étrangers. Un **parcours frites** relie trois friteries qui s'engagent sur une même pomme de
terre de la Gohelle, une cuisson à la graisse de bœuf et un cornet commun.

### La street food des corons

Le casse-croûte du mineur, la tartine, la gaufre : la cuisine de rue existait bien avant le mot.
Marchés du samedi, food-trucks et boîtes consignées en proposent une version d'aujourd'hui.

### La fermentation, avec nos partenaires japonais

Le Japon est l'un des marchés prioritaires d'ALL. La fermentation, commune aux deux cultures
(bière, chicorée torréfiée, légumes lacto-fermentés d'un côté ; kōji, miso, shōyu de l'autre),
offre un terrain d'échange naturel.

@@fermentation-bocaux@@
''',
    "03-parcours-noir.md": '''---
ordre: 3
titre: "Le Parcours noir"
---

## Le noir comme fil conducteur

Du **28 mai au 30 juin 2020**, le noir relie toute la destination : noir du charbon et des
terrils, noir des *Soleils noirs* exposés au Louvre-Lens, noir de la bière torréfiée, de la
chicorée et du pain de seigle. Le Parcours noir est une suite d'expériences touristiques qui
donnent à voir la créativité du territoire. Il prend la forme d'une biennale, dont 2020 est la
première édition.

Le parcours compte dix-huit étapes, d'Arras à Valenciennes. Le culinaire en est la thématique
majeure, aux côtés du design produit, de l'architecture, de la photographie, de la mobilité et
du textile.

@@parcours-noir-texture@@

### Les étapes culinaires

- **Le parcours frites** : Béthune, Lens et Denain, trois friteries, un même cornet noir ;
- **La street food** : le marché du samedi à Arras, le Carin gourmand à Bruay-la-Buissière,
  le briquet du mineur à Lewarde ;
- **La fermentation** : l'Atelier Hakkō à Avion, avec les partenaires japonais d'ALL.

### Les étapes design, architecture, image et mobilité

- le design culinaire à Liévin et le verre noir recyclé à Aniche ;
- la Cité des Électriciens et le Métaphone d'Oignies ;
- la photographie aux terrils jumeaux du 11/19 et à Arenberg ;
- la boucle gourmande à vélo d'Olhain et la Scarpe à vélo à Douai ;
- les tabliers noirs de Harnes et la dentelle noire de Valenciennes.

## Une signalétique commune

Chaque étape reçoit un panneau au même dessin : numéro, nom, thème, texte en français, en
anglais et en japonais, partenaire, horaires, QR code vers la page de l'étape, direction et
temps de marche vers l'étape suivante. Les panneaux sont imprimés au format A2, à l'exception
du panneau de départ au Louvre-Lens (A1) et de celui du Carin gourmand (A3), posé sur le
comptoir. Une carte d'ensemble et un dépliant de poche complètent le dispositif.

> Le visiteur doit pouvoir lire un panneau à deux mètres, scanner le code sans se pencher et
> savoir en une seconde où aller ensuite.

La taille des caractères et du QR code est calculée à partir de la distance de lecture de chaque
panneau ; le français vient toujours en premier, les traductions suivent avec la même
lisibilité.

@@cornet-frites@@

## Ce que le parcours demande aux partenaires

Pour rester *acceptable et abordable*, l'engagement demandé est limité et identique pour tous :

1. proposer au moins une recette ou une expérience liée au noir pendant toute la durée de
   l'événement ;
2. afficher le panneau et accueillir les visiteurs aux horaires annoncés ;
3. utiliser les supports communs (cornet, tablier, contenants consignés) quand ils existent ;
4. transmettre chaque semaine quelques chiffres simples : couverts, ventes, remarques.

En échange, ALL prend en charge la conception et l'impression des supports, la promotion de
l'événement, les traductions et la présence des partenaires sur
[la page du Parcours noir](https://www.autourdulouvrelens.fr/parcours-noir/).

## L'après-2020

Tous les supports sont pensés pour durer : les panneaux sont imprimés sur Dibond et réutilisables,
les stands du marché des Héros se démontent, les cornets et les tabliers resservent. Ce qui aura
fonctionné en 2020 deviendra l'ossature de la deuxième édition, en 2022.
''',
    "04-les-deux-sites.md": '''---
ordre: 4
titre: "Les deux sites : Olhain et la Cité des Électriciens"
---

## Deux lieux, deux publics, une même exigence

Le second volet de la mission porte sur deux sites emblématiques de la destination. Leurs
publics diffèrent (familles et randonneurs à Olhain, visiteurs du patrimoine et habitants à
Bruay-la-Buissière) mais l'exigence est la même : une offre **en accord avec le lieu, ses
valeurs et ses ressources**, que les équipes en place peuvent tenir dans la durée.

## Le restaurant du Parc départemental d'Olhain

Le parc ouvre son nouveau restaurant en mars 2020. Avec l'équipe de restauration, nous avons
redéfini l'offre en partant de trois constats : le parc est un lieu de nature et de sport, sa
clientèle vient souvent en famille, et la cuisine dispose d'un four à bois.

@@olhain-foret@@

### Les principes de la carte

- une carte **courte et de saison** : six entrées, une dizaine de plats, des fromages du Nord,
  six desserts, des boissons du territoire ;
- des produits achetés à une dizaine de producteurs, presque tous à moins de 40 km ;
- des plats régionaux revisités (carbonade flamande, potjevleesch, welsh, flamiche au
  maroilles, tarte au sucre) et toujours au moins deux plats végétariens, dont un végétalien ;
- le *fait maison* affiché plat par plat, les allergènes indiqués à côté de chaque plat et
  l'origine des viandes mentionnée ;
- une carte traduite en anglais et en japonais, avec un QR code vers la version en ligne.

### Le rôle des saisons

Certains plats n'apparaissent qu'une partie de l'année : la soupe à la bière et aux chicons et
les chicons au gratin en hiver, les asperges au printemps, la tarte aux fraises en été, le civet
de chevreuil à l'automne. La carte imprimée ne montre que les plats disponibles à sa date de
validité ; les autres attendent leur saison.

## Le Carin gourmand à la Cité des Électriciens

À Bruay-la-Buissière, la Cité des Électriciens souhaite proposer une offre **à emporter** qui
s'appuie sur les jardins ouvriers du lieu et les producteurs locaux. Le « carin », dans le
parler du Bassin minier, désigne le petit jardin à l'arrière de la maison du mineur : le nom
s'est imposé.

### Une cuisine de jardin

Les jardiniers de la Cité cultivent radis, fèves, petits pois, rhubarbe et pommes de terre. La
cuisine du Carin gourmand les transforme en :

1. soupes chaudes ou froides selon la saison ;
2. tartines sur pain de seigle et mitraillettes ;
3. frites de la Ferme des Chevalements, cuites à la graisse de bœuf ;
4. bocaux fermentés, préparés avec l'Atelier Hakkō ;
5. douceurs : tarte au sucre, gaufres, compotes.

@@jardins-ouvriers@@

### Des contenants qui reviennent

Tout est servi dans des bocaux et des boîtes **consignés un euro**, partagés avec le briquet du
mineur de Lewarde. Le choix est économique autant qu'écologique : un contenant réutilisé vingt
fois coûte moins cher qu'un emballage jetable, et il fait revenir le visiteur.

> « On ne vend pas une soupe, on vend un bout de jardin. » — une jardinière de la Cité, lors de
> l'atelier de janvier

Le calendrier suit celui du cahier des charges : ateliers avec les équipes dès décembre 2019,
accompagnement de février à mai 2020, ouverture pendant le Parcours noir. Les fiches recettes,
les fournisseurs et les prix sont tenus dans les tableaux de la démarche, et la carte à emporter
est publiée en ligne sur [le site ALL](https://www.autourdulouvrelens.fr/menus/carin-gourmand).
''',
    "05-produits-all.md": '''---
ordre: 5
titre: "Les produits culinaires ALL"
---

## Une gamme faite par les artisans du territoire

La marque ALL accompagne depuis plusieurs années des objets et des produits qui portent son
nom. La démarche culinaire lui donne une gamme de **produits culinaires ALL** fabriqués par les
artisans de la destination, en accord avec leurs savoir-faire et avec les valeurs de la marque.
ALL ne fabrique rien : elle choisit, accompagne, dessine et fait connaître.

@@packshot-biere-noire@@

### Les familles de produits

- **les boissons** : bières blonde, ambrée et noire, cidre brut, jus de pomme, boisson fermentée
  au kōji ;
- **l'épicerie fermentée** : miso de fèves, shōyu, chou rouge lacto-fermenté, radis noir au son
  de riz ;
- **l'épicerie sucrée** : pain d'épices, cœurs d'Arras, sablés noirs, gaufres, confitures, miel,
  caramels et gaillettes en chocolat ;
- **le traiteur** : carbonade et potjevleesch en bocal, velouté, crème de maroilles.

## Des étiquettes justes et lisibles

Une étiquette alimentaire est d'abord un document réglementaire. Chaque produit affiche la
dénomination, la liste des ingrédients avec les **allergènes mis en évidence**, la quantité
nette, la date de durabilité minimale ou la date limite de consommation, les conditions de
conservation, le nom et l'adresse du fabricant, le numéro de lot et, pour les boissons de plus
de 1,2 % vol., le titre alcoométrique et le pictogramme femme enceinte.

La déclaration nutritionnelle figure sur tous les produits, sauf ceux que le règlement en
dispense : les produits *artisanaux fournis en petites quantités* directement par le fabricant
au consommateur ou au commerce local. Cette exemption se perd dès qu'une allégation est faite ;
elle est donc décidée produit par produit.

### Quatre formats d'étiquette

1. l'étiquette de bouteille (90 × 120 mm) pour les boissons et les sauces ;
2. l'étiquette de pot (100 × 60 mm) pour les bocaux et les coffrets ;
3. la grande étiquette adhésive en planche A4 (99,1 × 38,1 mm) pour les petits produits
   artisanaux dispensés de tableau nutritionnel ;
4. la petite étiquette en planche A4 (63,5 × 38,1 mm) pour les produits à un seul ingrédient,
   comme le miel ou la chicorée.

Les planches A4 s'impriment au bureau, sur une imprimante ordinaire : c'est ce qui rend la
gamme *abordable* pour une confiserie ou un rucher.

@@packshot-confiture@@

## Un design commun, des marques d'artisans

L'étiquette ALL est noire, avec un bandeau blanc qui porte le nom du produit et celui de
l'artisan. Le nom de l'artisan est aussi visible que celui de la marque : le visiteur achète le
miel d'un apiculteur de Barlin, pas un produit anonyme. Chaque étiquette porte un QR code vers
la page du produit, qui raconte l'artisan et donne la traduction anglaise et japonaise.

> Une étiquette trop chargée n'est pas lue. Nous préférons un texte court, un nom clair et un
> code qui mène à l'histoire complète.

## Les prochaines étapes

Les premiers produits sont vendus dans les offices de tourisme et chez les artisans pendant le
Parcours noir. Un coffret réunissant quatre produits est en prototype ; il sera proposé aux
entreprises et aux partenaires japonais d'ALL pour la fin de l'année 2020. Le catalogue complet
est consultable sur [la page des produits ALL](https://www.autourdulouvrelens.fr/produits/).
''',
    "06-gouvernance-et-evaluation.md": '''---
ordre: 6
titre: "Gouvernance, planning et évaluation"
---

## Un groupe projet resserré

La démarche est pilotée par ALL, Autour du Louvre-Lens, au sein de Pas-de-Calais Tourisme. Un
**groupe projet** réunit, autour de la cheffe de projet ALL, l'agence de design culinaire, les
sept offices de tourisme, les équipes du Parc d'Olhain et de la Cité des Électriciens, et
quelques acteurs investis : une brasserie, une friterie, un atelier de fermentation, une
association de jardiniers. Il se réunit une fois par mois, et chaque semaine pendant
l'événement.

### Qui fait quoi

- **ALL** décide, finance, coordonne les partenaires et porte la communication ;
- **l'agence** conduit les ateliers, conçoit les projets, les supports et la stratégie ;
- **les offices de tourisme** relaient sur leur territoire, vendent les produits ALL et
  accueillent les visiteurs ;
- **les partenaires** réalisent les projets et transmettent leurs chiffres.

@@cite-electriciens-corons@@

## Le planning

Le calendrier suit celui du cahier des charges, de la sélection de l'agence début décembre 2019
à la présentation de la stratégie en juillet 2020 :

1. décembre 2019 : lancement de la mission, installation du groupe de travail, ateliers avec
   les équipes des deux sites ;
2. janvier 2020 : remontée des idées et des projets culinaires sur toute la destination ;
3. janvier et février 2020 : sélection des projets au regard du concept du Parcours noir et des
   valeurs ALL ;
4. mars 2020 : prototypes et tests ; ouverture du restaurant d'Olhain ;
5. février à mai 2020 : mise en place de l'offre de la Cité des Électriciens ;
6. 28 mai au 30 juin 2020 : le Parcours noir, avec un suivi opérationnel hebdomadaire ;
7. juillet 2020 : évaluation des opérations et présentation de la stratégie culinaire.

Le planning détaillé, action par action, et le **budget détaillé par action** figurent en
annexe. Chaque ligne de budget est rattachée à une action du planning, ce qui permet de suivre
la dépense au fil de l'eau et de répondre à une question simple : combien coûte chaque projet ?

## Évaluer pour décider

L'évaluation de juillet ne cherche pas à tout mesurer. Elle retient une douzaine d'indicateurs,
choisis parce que les partenaires peuvent les relever eux-mêmes, sans outil particulier :

- le nombre de partenaires engagés et de projets déployés ;
- la fréquentation du Parcours noir et la satisfaction des visiteurs ;
- les couverts et le ticket moyen à Olhain, les portions vendues au Carin gourmand ;
- la part des achats réalisés auprès de producteurs proches ;
- les produits ALL créés et vendus ;
- les retombées dans la presse.

> Un indicateur qu'aucun partenaire ne sait relever n'est pas un indicateur : c'est une
> intention.

Chaque indicateur a une cible fixée en février et une valeur réalisée relevée en juillet. L'écart
entre les deux ne sert pas à juger les partenaires, mais à décider ce que la deuxième édition
gardera, transformera ou abandonnera.

@@terrils-silhouette-2@@

## Rendre la démarche duplicable

Enfin, la stratégie doit survivre à l'agence. Tous les supports (cartes, étiquettes, panneaux,
présentations) sont produits à partir de tableaux simples, que l'équipe ALL et les partenaires
peuvent mettre à jour seuls. Un restaurateur qui rejoint la démarche en 2021 doit pouvoir
obtenir sa carte traduite, ses étiquettes et son panneau sans recommencer le travail. C'est la
condition pour que la démarche reste *durable, duplicable, acceptable et abordable*, et pour
que la prochaine édition s'écrive avec plus de partenaires encore. Les documents de la démarche
sont partagés sur [l'espace partenaires d'ALL](https://www.autourdulouvrelens.fr/partenaires/).
''',
}


TEXTES = {
    name: re.sub(r"@@([a-z0-9-]+)@@",
                 lambda m: '![{}](../images/{} "{}")'.format(*FIGURES[m.group(1)]), text)
    for name, text in TEXTES.items()
}


# --------------------------------------------------------------------------------------------
# images: deterministic Pillow drawings (photos as JPEG, graphics as PNG, all at 300 dpi)
# --------------------------------------------------------------------------------------------

JPEG_OPTIONS = dict(format="JPEG", quality=82, optimize=False, progressive=False,
                    subsampling="4:2:0", dpi=(300, 300))
PNG_OPTIONS = dict(format="PNG", optimize=False, compress_level=9, dpi=(300, 300))


def _font(size: int, bold: bool = True):
    from PIL import ImageFont
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    path = ROOT / "brand" / "fonts" / name
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _encode(img, options) -> bytes:
    buf = io.BytesIO()
    img.save(buf, **options)
    return buf.getvalue()


def _grain(img, rng: random.Random, alpha=0.06, blur=0.9):
    from PIL import Image, ImageFilter
    w, h = img.size
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h)).filter(
        ImageFilter.GaussianBlur(blur))
    return Image.blend(img.convert("RGB"), Image.merge("RGB", (noise, noise, noise)), alpha)


def _vgradient(w, h, top, bottom):
    from PIL import Image
    col = Image.new("RGB", (1, h))
    for y in range(h):
        t = y / max(1, h - 1)
        rgb = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        col.putpixel((0, y), rgb)
    return col.resize((w, h))


def _jitter(rng, color, amount):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in color)


def _blob(draw, rng, cx, cy, r, fill, n=None, irregular=0.35):
    n = n or rng.randint(6, 10)
    pts = []
    for i in range(n):
        a = 2 * math.pi * i / n + rng.uniform(-0.2, 0.2)
        rr = r * (1 + rng.uniform(-irregular, irregular))
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    draw.polygon(pts, fill=fill)


def img_parcours_noir(rng):
    from PIL import Image, ImageDraw, ImageFilter, ImageOps
    w, h = 2400, 1600
    im = Image.new("L", (w, h), 14)
    d = ImageDraw.Draw(im)
    for _ in range(1400):
        cx, cy, r = rng.uniform(-50, w + 50), rng.uniform(-50, h + 50), rng.uniform(25, 120)
        _blob(d, rng, cx, cy, r, fill=rng.randint(16, 52))
        _blob(d, rng, cx - r * 0.25, cy - r * 0.3, r * 0.35, fill=rng.randint(55, 105))
    im = im.filter(ImageFilter.GaussianBlur(2.2))
    im = ImageOps.colorize(im, black=(6, 6, 9), white=(215, 215, 228))
    return _grain(im, rng, 0.05)


def img_terrils(rng):
    from PIL import ImageDraw
    w, h = 2400, 1200
    im = _vgradient(w, h, (236, 160, 70), (250, 228, 188))
    d = ImageDraw.Draw(im)
    d.ellipse((1430, 360, 1630, 560), fill=(252, 240, 205))
    ground = 1010

    def cone(cx, half, height, color):
        pts = [(cx - half, ground + 5)]
        for i in range(101):
            x = cx - half + 2 * half * i / 100
            t = abs(x - cx) / half
            y = ground - height * (1 - t ** 1.15) * (1 - 0.04 * (1 - t) ** 8)
            pts.append((x, y))
        pts.append((cx + half, ground + 5))
        d.polygon(pts, fill=color)

    cone(1820, 620, 330, (96, 72, 70))       # distant heap
    cone(700, 560, 640, (22, 20, 22))
    cone(1250, 520, 600, (16, 15, 17))
    # headframe (chevalement)
    x0, top = 2080, 560
    for a, b in (((x0, ground), (x0 + 60, top)), ((x0 + 200, ground), (x0 + 120, top)),
                 ((x0 + 60, top), (x0 + 120, top)), ((x0 - 60, ground), (x0 + 70, top + 60)),
                 ((x0 + 20, 800), (x0 + 170, 800)), ((x0 + 40, 680), (x0 + 145, 680))):
        d.line([a, b], fill=(18, 18, 18), width=14)
    d.ellipse((x0 + 40, top - 70, x0 + 140, top + 30), outline=(18, 18, 18), width=14)
    # corons along the ground
    x = 0
    while x < w:
        hw = rng.randint(110, 150)
        d.polygon([(x, ground), (x, ground - 70), (x + hw / 2, ground - 120),
                   (x + hw, ground - 70), (x + hw, ground)], fill=(12, 12, 12))
        d.rectangle((x + hw * 0.7, ground - 140, x + hw * 0.78, ground - 90), fill=(12, 12, 12))
        x += hw
    d.rectangle((0, ground, w, h), fill=(10, 10, 10))
    return im


def img_cornet(rng):
    from PIL import Image, ImageDraw
    w = h = 1800
    im = Image.new("RGB", (w, h), (242, 236, 224))
    d = ImageDraw.Draw(im)
    fries = []
    for _ in range(60):
        cx, cy = rng.uniform(560, 1240), rng.uniform(260, 900)
        ang = math.radians(rng.uniform(-28, 28))
        L, W = rng.uniform(380, 620), rng.uniform(52, 70)
        fries.append((cy, cx, ang, L, W))
    for cy, cx, ang, L, W in sorted(fries):
        dx, dy = math.sin(ang), -math.cos(ang)
        px, py = -dy, dx
        pts = [(cx + dx * s * L / 2 + px * t * W / 2, cy + dy * s * L / 2 + py * t * W / 2)
               for s, t in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
        d.polygon(pts, fill=_jitter(rng, (236, 186, 72), 14), outline=(170, 112, 30))
    d.polygon([(420, 820), (1380, 820), (900, 1700)], fill=(24, 24, 26))
    d.polygon([(420, 820), (1380, 820), (1340, 890), (460, 890)], fill=(40, 40, 44))
    font = _font(150)
    d.text((900, 1080), "ALL", font=font, fill=(245, 245, 245), anchor="mm")
    d.line([(560, 1230), (1240, 1230)], fill=(245, 245, 245), width=6)
    return im


def img_corons(rng):
    from PIL import ImageDraw
    w, h = 2400, 1200
    im = _vgradient(w, h, (198, 212, 224), (236, 238, 236))
    d = ImageDraw.Draw(im)
    ground, x = 1000, 0
    while x < 1750:
        hw = 290
        brick = _jitter(rng, (150, 72, 52), 12)
        d.rectangle((x, ground - 430, x + hw, ground), fill=brick)
        for yy in range(ground - 430, ground, 18):      # mortar lines
            d.line([(x, yy), (x + hw, yy)], fill=_jitter(rng, (128, 60, 44), 6), width=2)
        d.polygon([(x - 10, ground - 430), (x + hw / 2, ground - 600),
                   (x + hw + 10, ground - 430)], fill=(52, 54, 60))
        d.rectangle((x + 200, ground - 640, x + 240, ground - 520), fill=(120, 56, 40))
        for wx in (x + 40, x + 170):
            d.rectangle((wx, ground - 360, wx + 80, ground - 240), fill=(240, 238, 228))
            d.rectangle((wx + 6, ground - 354, wx + 74, ground - 246), fill=(60, 72, 88))
        d.rectangle((x + 110, ground - 190, x + 170, ground), fill=(30, 40, 52))
        d.rectangle((x + 40, ground - 160, x + 100, ground - 60), fill=(60, 72, 88))
        x += hw
    # contemporary extension in black glass
    d.rectangle((1790, ground - 520, 2400, ground), fill=(22, 24, 28))
    for i in range(8):
        d.line([(1790 + i * 80, ground - 520), (1790 + i * 80, ground)], fill=(70, 76, 84),
               width=4)
    d.polygon([(1850, ground - 500), (1950, ground - 500), (1820, ground - 80),
               (1790, ground - 80)], fill=(58, 64, 74))
    d.rectangle((0, ground, w, h), fill=(88, 110, 60))
    return im


def img_valeurs(rng):
    from PIL import Image, ImageDraw
    w, h = 2400, 1600
    im = Image.new("RGB", (w, h), (250, 248, 244))
    d = ImageDraw.Draw(im)
    d.text((w / 2, 130), "ALL – les neuf valeurs", font=_font(96), fill=(20, 20, 20),
           anchor="mm")
    names = ["FIERTÉ", "PASSION", "FIDÉLITÉ", "CHALEUR", "SPONTANÉITÉ", "AUTHENTICITÉ",
             "SOLIDARITÉ", "SIMPLICITÉ", "VOLONTÉ"]
    for i, name in enumerate(names):
        cx, cy = 500 + (i % 3) * 700, 450 + (i // 3) * 430
        fill = (20, 20, 22) if i != 4 else (196, 150, 52)
        d.ellipse((cx - 190, cy - 190, cx + 190, cy + 190), fill=fill)
        size = 56
        while d.textlength(name, font=_font(size)) > 320:
            size -= 2
        d.text((cx, cy), name, font=_font(size), fill=(250, 248, 244), anchor="mm")
    return im


def img_carte(rng):
    from PIL import Image, ImageDraw
    w, h = 2400, 1500
    im = Image.new("RGB", (w, h), (244, 241, 234))
    d = ImageDraw.Draw(im)
    lon0, lon1, lat0, lat1 = 2.45, 3.62, 50.25, 50.55
    k = math.cos(math.radians(50.4))
    s = min((w - 300) / ((lon1 - lon0) * k), (h - 450) / (lat1 - lat0))
    ox = (w - (lon1 - lon0) * k * s) / 2

    def xy(lat, lon):
        return ox + (lon - lon0) * k * s, 230 + (lat1 - lat) * s

    colors = dict(zip(TERRITOIRES, [(196, 82, 60), (58, 110, 165), (120, 150, 60),
                                    (150, 90, 160), (30, 30, 30), (200, 150, 40),
                                    (60, 150, 150)], strict=True))
    d.text((150, 110), "ALL – partenaires et étapes du Parcours noir", font=_font(72),
           fill=(20, 20, 20))
    stops = [xy(e["latitude"], e["longitude"]) for e in etapes()]
    d.line(stops, fill=(20, 20, 20), width=7, joint="curve")
    for p in partenaires():
        x, y = xy(p["latitude"], p["longitude"])
        d.ellipse((x - 14, y - 14, x + 14, y + 14), fill=colors[p["territoire"]])
    small = _font(34)
    for n, (x, y) in enumerate(stops, start=1):
        d.ellipse((x - 30, y - 30, x + 30, y + 30), fill=(20, 20, 20))
        d.text((x, y), str(n), font=small, fill=(255, 255, 255), anchor="mm")
    label = _font(40, bold=False)
    for p in partenaires():
        if p["type"] == "office-de-tourisme":
            x, y = xy(p["latitude"], p["longitude"])
            d.text((x + 36, y + 24), p["commune"], font=label, fill=(40, 40, 40))
    names = {"arras": "Arras", "bethune-bruay": "Béthune-Bruay",
             "coeur-d-ostrevent": "Cœur d'Ostrevent", "douai": "Douai",
             "lens-lievin": "Lens-Liévin", "porte-du-hainaut": "Porte du Hainaut",
             "valenciennes": "Valenciennes"}
    for i, t in enumerate(TERRITOIRES):
        y = h - 110
        x = 150 + i * 310
        d.ellipse((x, y, x + 34, y + 34), fill=colors[t])
        d.text((x + 46, y + 17), names[t], font=_font(28, bold=False), fill=(40, 40, 40),
               anchor="lm")
    return im


def img_jardins(rng):
    from PIL import ImageDraw
    w, h = 2400, 1600
    im = _vgradient(w, h, (168, 196, 222), (226, 232, 228))
    d = ImageDraw.Draw(im)
    horizon = 560
    x = 0
    while x < w:  # houses on the horizon
        hw = rng.randint(200, 260)
        d.rectangle((x, horizon - 170, x + hw, horizon), fill=_jitter(rng, (140, 70, 52), 10))
        d.polygon([(x - 6, horizon - 170), (x + hw / 2, horizon - 260),
                   (x + hw + 6, horizon - 170)], fill=(58, 58, 64))
        x += hw
    d.rectangle((0, horizon, w, h), fill=(96, 70, 48))
    y, gap, row = horizon + 10, 26, 0
    while y < h:
        size = 10 + (y - horizon) * 0.11
        d.rectangle((0, y + size * 0.6, w, y + size * 0.9), fill=(78, 56, 38))
        green = [(64, 122, 52), (92, 142, 60), (128, 70, 104), (70, 130, 90)][row % 4]
        xx = rng.uniform(-size, 0)
        while xx < w + size:
            _blob(d, rng, xx, y, size * rng.uniform(0.7, 1.05), fill=_jitter(rng, green, 16))
            xx += size * rng.uniform(1.3, 1.8)
        y += gap
        gap *= 1.18
        row += 1
    return _grain(im, rng, 0.05)


def img_olhain(rng):
    from PIL import ImageDraw
    w, h = 2400, 1600
    im = _vgradient(w, h, (150, 186, 220), (232, 236, 232))
    d = ImageDraw.Draw(im)
    for base, color, amp in ((760, (132, 156, 140), 60), (860, (92, 126, 96), 80)):
        pts = [(0, h)] + [(x, base - amp * math.sin(x / 380 + base) - 30 * math.sin(x / 97))
                          for x in range(0, w + 20, 20)] + [(w, h)]
        d.polygon(pts, fill=color)
    for _ in range(170):  # woods
        x, y = rng.uniform(0, w), rng.uniform(820, 1060)
        r = rng.uniform(40, 95)
        _blob(d, rng, x, y, r, fill=_jitter(rng, (44, 84, 48), 14))
    # the restaurant: dark timber and glass
    d.rectangle((880, 900, 1620, 1180), fill=(44, 34, 28))
    d.polygon([(850, 900), (1650, 900), (1600, 850), (900, 850)], fill=(30, 30, 30))
    for i in range(6):
        x0 = 920 + i * 118
        d.rectangle((x0, 940, x0 + 96, 1150), fill=(170, 196, 214))
        d.polygon([(x0, 940), (x0 + 40, 940), (x0, 1040)], fill=(214, 228, 236))
    d.rectangle((0, 1180, w, h), fill=(98, 140, 70))
    for _ in range(900):
        x, y = rng.uniform(0, w), rng.uniform(1180, h)
        d.line([(x, y), (x + rng.uniform(-6, 6), y - rng.uniform(10, 30))],
               fill=_jitter(rng, (80, 120, 56), 18), width=3)
    return _grain(im, rng, 0.05)


def img_bocaux(rng):
    from PIL import Image, ImageDraw
    w, h = 2400, 1600
    im = _vgradient(w, h, (40, 38, 36), (70, 64, 58))
    d = ImageDraw.Draw(im)
    d.rectangle((0, 1240, w, 1330), fill=(120, 84, 52))
    for i in range(0, w, 7):
        d.line([(i, 1240), (i + rng.randint(-3, 3), 1330)], fill=_jitter(rng, (110, 76, 46), 8))
    d.rectangle((0, 1330, w, h), fill=(32, 28, 26))
    contents = [(110, 40, 90), (176, 128, 60), (232, 226, 210), (96, 132, 60),
                (190, 70, 50), (150, 100, 40)]
    x = 120
    for i in range(6):
        jw, jh = rng.randint(280, 330), rng.randint(440, 620)
        top = 1240 - jh
        d.rounded_rectangle((x, top, x + jw, 1240), radius=40, fill=(200, 210, 206),
                            outline=(230, 236, 234), width=6)
        fill_top = top + jh * rng.uniform(0.18, 0.3)
        d.rounded_rectangle((x + 14, fill_top, x + jw - 14, 1226), radius=30,
                            fill=contents[i])
        for _ in range(40):
            _blob(d, rng, rng.uniform(x + 30, x + jw - 30), rng.uniform(fill_top + 20, 1210),
                  rng.uniform(8, 22), fill=_jitter(rng, contents[i], 30))
        d.rectangle((x + 10, top - 60, x + jw - 10, top + 6), fill=(20, 20, 20))
        d.rectangle((x + 40, top + jh * 0.45, x + jw - 40, top + jh * 0.62), fill=(16, 16, 16))
        d.line([(x + 60, top + jh * 0.535), (x + jw - 60, top + jh * 0.535)],
               fill=(236, 236, 236), width=5)
        x += jw + 70
    glare = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    g = ImageDraw.Draw(glare)
    for i in range(6):
        g.rectangle((170 + i * 370, 760, 200 + i * 370, 1200), fill=(255, 255, 255, 46))
    im = Image.alpha_composite(im.convert("RGBA"), glare).convert("RGB")
    return _grain(im, rng, 0.05)


def _wood(rng, w, h, base):
    from PIL import ImageDraw
    im = _vgradient(w, h, base, tuple(max(0, c - 30) for c in base))
    d = ImageDraw.Draw(im)
    for y in range(0, h, 5):
        d.line([(0, y), (w, y + rng.randint(-4, 4))], fill=_jitter(rng, base, 14), width=3)
    return im


def img_carbonade(rng):
    from PIL import ImageDraw, ImageFilter
    w, h = 2400, 1600
    im = _wood(rng, w, h, (70, 46, 30))
    d = ImageDraw.Draw(im)
    cx, cy = 1050, 800
    d.ellipse((cx - 690, cy - 690, cx + 690, cy + 690), fill=(20, 16, 14))
    d.ellipse((cx - 640, cy - 640, cx + 640, cy + 640), fill=(244, 242, 236))
    d.ellipse((cx - 470, cy - 470, cx + 470, cy + 470), fill=(232, 230, 224))
    for _ in range(240):
        a, r = rng.uniform(0, 2 * math.pi), rng.uniform(0, 360)
        _blob(d, rng, cx + r * math.cos(a), cy + r * math.sin(a), rng.uniform(28, 70),
              fill=_jitter(rng, (92, 46, 22), 20))
    for _ in range(50):
        a, r = rng.uniform(0, 2 * math.pi), rng.uniform(0, 340)
        _blob(d, rng, cx + r * math.cos(a), cy + r * math.sin(a), rng.uniform(10, 22),
              fill=_jitter(rng, (190, 120, 60), 20))
    d.polygon([(1650, 250), (2300, 420), (2150, 1350), (1600, 1250)], fill=(236, 232, 220))
    for _ in range(26):
        x, y = rng.uniform(1700, 2150), rng.uniform(400, 1200)
        ang = rng.uniform(-0.6, 0.6)
        L = rng.uniform(220, 340)
        d.line([(x, y), (x + L * math.sin(ang), y + L * math.cos(ang))],
               fill=_jitter(rng, (232, 180, 70), 14), width=44)
    im = im.filter(ImageFilter.GaussianBlur(1.2))
    return _grain(im, rng, 0.05)


def img_tarte(rng):
    from PIL import ImageDraw, ImageFilter
    w, h = 2400, 1600
    im = _wood(rng, w, h, (214, 206, 190))
    d = ImageDraw.Draw(im)
    cx, cy, r = 1000, 800, 640
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(196, 138, 60))
    d.ellipse((cx - r + 70, cy - r + 70, cx + r - 70, cy + r - 70), fill=(166, 98, 36))
    for _ in range(500):
        a, rr = rng.uniform(0, 2 * math.pi), rng.uniform(0, r - 90)
        _blob(d, rng, cx + rr * math.cos(a), cy + rr * math.sin(a), rng.uniform(8, 34),
              fill=_jitter(rng, (120, 62, 20), 24))
    d.pieslice((cx - r - 4, cy - r - 4, cx + r + 4, cy + r + 4), -20, 25,
               fill=(214, 206, 190))
    ox, oy = 560, 40
    d.pieslice((cx - r + ox, cy - r + oy, cx + r + ox, cy + r + oy), -18, 23,
               fill=(196, 138, 60))
    d.pieslice((cx - r + ox + 70, cy - r + oy + 70, cx + r + ox - 70, cy + r + oy - 70),
               -18, 23, fill=(166, 98, 36))
    im = im.filter(ImageFilter.GaussianBlur(1.4))
    return _grain(im, rng, 0.05)


def _studio(w, h):
    return _vgradient(w, h, (236, 236, 234), (200, 200, 198))


def img_pack_biere(rng):
    from PIL import ImageDraw
    w, h = 1500, 2100
    im = _studio(w, h)
    d = ImageDraw.Draw(im)
    d.ellipse((380, 1900, 1120, 2000), fill=(170, 170, 168))
    cx = 750
    d.rounded_rectangle((cx - 260, 900, cx + 260, 1950), radius=60, fill=(18, 16, 14))
    d.polygon([(cx - 260, 960), (cx - 80, 560), (cx + 80, 560), (cx + 260, 960)],
              fill=(18, 16, 14))
    d.rectangle((cx - 80, 240, cx + 80, 600), fill=(18, 16, 14))
    d.rectangle((cx - 95, 200, cx + 95, 270), fill=(196, 150, 52))
    d.rectangle((cx - 190, 1000, cx - 150, 1850), fill=(62, 58, 54))
    d.rectangle((cx - 262, 1180, cx + 262, 1680), fill=(246, 244, 238))
    d.text((cx, 1290), "ALL", font=_font(140), fill=(18, 16, 14), anchor="mm")
    d.text((cx, 1450), "NOIRE DU", font=_font(64), fill=(18, 16, 14), anchor="mm")
    d.text((cx, 1530), "PARCOURS", font=_font(64), fill=(18, 16, 14), anchor="mm")
    d.text((cx, 1615), "stout · 7 % vol. · 75 cl", font=_font(36, bold=False),
           fill=(60, 60, 60), anchor="mm")
    return _grain(im, rng, 0.03)


def img_pack_confiture(rng):
    from PIL import ImageDraw
    w, h = 1500, 1500
    im = _studio(w, h)
    d = ImageDraw.Draw(im)
    d.ellipse((330, 1300, 1170, 1400), fill=(170, 170, 168))
    d.rounded_rectangle((360, 420, 1140, 1350), radius=90, fill=(150, 34, 44))
    d.rectangle((400, 300, 1100, 440), fill=(20, 20, 20))
    d.rectangle((360, 700, 1140, 1080), fill=(18, 18, 18))
    d.text((750, 800), "ALL", font=_font(110), fill=(246, 244, 238), anchor="mm")
    d.text((750, 930), "Confiture de rhubarbe", font=_font(54), fill=(246, 244, 238),
           anchor="mm")
    d.text((750, 1010), "jardins ouvriers de la Cité · 220 g", font=_font(34, bold=False),
           fill=(210, 210, 210), anchor="mm")
    d.rectangle((430, 470, 470, 660), fill=(196, 90, 96))
    return _grain(im, rng, 0.03)


def img_pack_caramels(rng):
    from PIL import ImageDraw
    w, h = 1800, 1200
    im = _studio(w, h)
    d = ImageDraw.Draw(im)
    d.rectangle((200, 260, 1600, 1040), fill=(18, 18, 18))
    d.rectangle((240, 300, 1560, 1000), fill=(38, 34, 30))
    for row in range(4):
        for col in range(8):
            x, y = 290 + col * 160, 340 + row * 165
            d.rounded_rectangle((x, y, x + 130, y + 130), radius=18,
                                fill=_jitter(rng, (168, 104, 46), 12))
            d.line([(x + 20, y + 30), (x + 70, y + 30)], fill=(206, 150, 90), width=6)
    d.rectangle((200, 1040, 1600, 1120), fill=(246, 244, 238))
    d.text((900, 1080), "ALL · Caramels tendres à la chicorée", font=_font(44),
           fill=(18, 18, 18), anchor="mm")
    return _grain(im, rng, 0.03)


IMAGES = {
    # name: (function, seed)
    "parcours-noir-texture.jpg": (img_parcours_noir, 1),
    "terrils-silhouette.png": (img_terrils, 2),
    "cornet-frites.png": (img_cornet, 3),
    "cite-electriciens-corons.png": (img_corons, 4),
    "valeurs-all.png": (img_valeurs, 5),
    "carte-destination.png": (img_carte, 6),
    "jardins-ouvriers.jpg": (img_jardins, 7),
    "olhain-foret.jpg": (img_olhain, 8),
    "fermentation-bocaux.jpg": (img_bocaux, 9),
    "carbonade.jpg": (img_carbonade, 10),
    "tarte-au-sucre.jpg": (img_tarte, 11),
    "packshot-biere-noire.jpg": (img_pack_biere, 12),
    "packshot-confiture.jpg": (img_pack_confiture, 13),
    "packshot-caramels.jpg": (img_pack_caramels, 14),
}


def image_bytes(name: str) -> bytes:
    func, seed = IMAGES[name]
    img = func(random.Random(seed)).convert("RGB")
    return _encode(img, JPEG_OPTIONS if name.endswith(".jpg") else PNG_OPTIONS)


# --------------------------------------------------------------------------------------------
# Self-check: the sample must be valid and rich enough to exercise every rule
# --------------------------------------------------------------------------------------------

EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
PHONE_RE = re.compile(r"^0[1-9]( \d\d){4}$")
BBOX = (50.2, 50.7, 2.3, 3.7)
EVENT = (D(2020, 5, 28), D(2020, 6, 30))


def as_date(v):
    if isinstance(v, FrDate):
        return dt.datetime.strptime(v, "%d/%m/%Y").date()
    return v


def split_list(v) -> list[str]:
    return [x.strip() for x in str(v or "").split(",") if x.strip()]


def check_tables(t: dict[str, list[dict]], strict_sample: bool = True) -> list[str]:
    """Return a list of problems (empty when valid). Used by the sample and by bench/synth."""
    errs: list[str] = []

    def err(table, row, msg):
        errs.append(f"{table} › {row}: {msg}")

    partners = {p["id"]: p for p in t["partenaires"]}
    for p in t["partenaires"]:
        pid = p["id"]
        if not SLUG_RE.match(pid):
            err("partenaires", pid, "bad slug")
        if p["type"] not in PARTNER_TYPES or p["territoire"] not in TERRITOIRES or \
                p["statut"] not in STATUTS:
            err("partenaires", pid, "enum")
        if not re.fullmatch(r"(59|62)\d{3}", p["code_postal"]):
            err("partenaires", pid, "code postal")
        if not (BBOX[0] <= p["latitude"] <= BBOX[1] and BBOX[2] <= p["longitude"] <= BBOX[3]):
            err("partenaires", pid, "coordinates")
        if p.get("site_web") and not p["site_web"].startswith("https://"):
            err("partenaires", pid, "site web")
        if p.get("email") and not EMAIL_RE.match(p["email"]):
            err("partenaires", pid, "email")
        if p.get("telephone") and not PHONE_RE.match(p["telephone"]):
            err("partenaires", pid, "telephone")
    if len(partners) != len(t["partenaires"]):
        errs.append("partenaires: duplicate ids")
    if {p["territoire"] for p in t["partenaires"]} != set(TERRITOIRES):
        errs.append("partenaires: not every territory")
    if {p["type"] for p in t["partenaires"]} != set(PARTNER_TYPES):
        errs.append("partenaires: not every type")
    for pid in ("parc-olhain", "cite-electriciens"):
        if partners.get(pid, {}).get("type") != "lieu":
            errs.append(f"partenaires: {pid} missing")

    skus = set()
    for p in t["produits"]:
        sku = p["sku"]
        if not SLUG_RE.match(sku) or sku in skus:
            err("produits", sku, "bad or duplicate sku")
        skus.add(sku)
        if p["fabricant"] not in partners:
            err("produits", sku, "fabricant unknown")
        declared = set(split_list(p["allergenes"]))
        if declared - set(ALLERGENS):
            err("produits", sku, f"unknown allergens {declared - set(ALLERGENS)}")
        missing = implied_allergens(p["ingredients_fr"]) - declared
        if missing:
            err("produits", sku, f"ingredients imply {missing}")
        if p["unite"] not in ("g", "kg", "ml", "cl", "l") or p["type_date"] not in ("ddm", "dlc"):
            err("produits", sku, "enum")
        if p["format_etiquette"] not in ("l7163", "l7160", "pot", "bocal", "bouteille") or \
                p["format_etiquette"] == "bouteille" and p["unite"] not in ("ml", "cl", "l"):
            err("produits", sku, "format")
        if p["format_etiquette"] in ("l7163", "l7160") and p["exemption_nutrition"] != "oui":
            err("produits", sku, "small label without room for a nutrition table")
        if p["ean13"] and (len(p["ean13"]) != 13 or
                           ean13_check_digit(p["ean13"][:12]) != p["ean13"][12]):
            err("produits", sku, "ean13")
        if p["url"] != f"{SITE}/produits/{sku}":
            err("produits", sku, "url")
        if not 7 <= p["quantite_impression"] <= 60:
            err("produits", sku, "quantite_impression")
        nut = [p.get(k) for k in ("energie_kj", "energie_kcal", "matieres_grasses",
                                  "acides_gras_satures", "glucides", "sucres", "proteines",
                                  "sel")]
        if p["exemption_nutrition"] == "non" and any(v is None for v in nut):
            err("produits", sku, "nutrition missing")
        if p["exemption_nutrition"] == "oui" and any(v is not None for v in nut):
            err("produits", sku, "nutrition given although exempt")
        if p["exemption_nutrition"] == "non":
            if nut[3] > nut[2] or nut[5] > nut[4]:
                err("produits", sku, "saturates > fat or sugars > carbs")
        if not p.get("nom_en"):
            err("produits", sku, "nom_en missing")
        if p.get("titre_alcoolique") is not None and p["unite"] not in ("ml", "cl", "l"):
            err("produits", sku, "alcohol on a solid")

    menu_ids = {m["id"]: m for m in t["menus"]}
    dish_ids = set()
    for d in t["plats"]:
        did = d["id"]
        if not SLUG_RE.match(did) or did in dish_ids:
            err("plats", did, "bad or duplicate id")
        dish_ids.add(did)
        if d["menu"] not in menu_ids:
            err("plats", did, "menu unknown")
        for pr in split_list(d["producteurs"]):
            if pr not in partners:
                err("plats", did, f"producteur {pr} unknown")
        declared = set(split_list(d["allergenes"]))
        regimes = set(split_list(d["regimes"]))
        if declared - set(ALLERGENS):
            err("plats", did, "unknown allergen")
        if regimes - {"vegetarien", "vegan", "sans-gluten"}:
            err("plats", did, "unknown regime")
        if "sans-gluten" in regimes and "gluten" in declared:
            err("plats", did, "sans-gluten with gluten")
        if "vegan" in regimes and declared & {"lait", "oeufs", "poissons", "crustaces",
                                              "mollusques"}:
            err("plats", did, "vegan with animal allergen")
        if d.get("viande") and ({"vegetarien", "vegan"} & regimes):
            err("plats", did, "meat in a vegetarian dish")
        if d.get("viande") and not d.get("origine_viande"):
            err("plats", did, "meat origin missing")
        if d.get("viande") == "boeuf" and d["origine_viande"] != BEEF_ORIGIN:
            err("plats", did, "beef origin")
        if d["boisson"] == "oui" and not d.get("volume_cl"):
            err("plats", did, "drink without volume")
        du, au = as_date(d.get("disponible_du")), as_date(d.get("disponible_au"))
        if du and au and au < du:
            err("plats", did, "season ends before it starts")
        if strict_sample and not d.get("nom_ja"):
            err("plats", did, "nom_ja missing")

    stops = t["etapes"]
    if [s["numero"] for s in stops] != list(range(1, len(stops) + 1)):
        errs.append("etapes: numbers not contiguous")
    for s in stops:
        if s["theme"] not in THEMES:
            err("etapes", s["id"], "theme")
        if s.get("partenaire") and s["partenaire"] not in partners:
            err("etapes", s["id"], "partenaire unknown")
        a, b = as_date(s["date_debut"]), as_date(s["date_fin"])
        if not (EVENT[0] <= a <= b <= EVENT[1]):
            err("etapes", s["id"], "dates outside the event")
        if s["format_panneau"] not in ("a1", "a2", "a3"):
            err("etapes", s["id"], "format")
        if not (BBOX[0] <= s["latitude"] <= BBOX[1] and BBOX[2] <= s["longitude"] <= BBOX[3]):
            err("etapes", s["id"], "coordinates")
        if strict_sample and not (250 <= len(s["texte_fr"]) <= 450 and
                                  250 <= len(s["texte_en"]) <= 450):
            err("etapes", s["id"], "text length")

    plan = {r["id"]: r for r in t["planning"]}
    for r in t["planning"]:
        if as_date(r["fin"]) < as_date(r["debut"]):
            err("planning", r["id"], "fin < debut")
        if not (D(2019, 12, 1) <= as_date(r["debut"]) and as_date(r["fin"]) <= D(2020, 7, 31)):
            err("planning", r["id"], "outside Dec 2019 - Jul 2020")
    for i, b in enumerate(t["budget"], start=2):
        if b["action"] not in plan:
            err("budget", i, f"action {b['action']} unknown")
        if b["unite"] not in ("jour", "forfait", "unite") or b["taux_tva"] not in (20, 10, 5.5):
            err("budget", i, "enum")
    for p in t["projets"]:
        for pr in split_list(p["partenaires"]):
            if pr not in partners:
                err("projets", p["id"], f"partenaire {pr} unknown")
        if any(not 0 <= p[v] <= 3 for v in VALUES):
            err("projets", p["id"], "score")
    return errs


def check_sample(t: dict[str, list[dict]]) -> list[str]:
    """Richness rules of the shipped sample (on top of validity)."""
    errs = check_tables(t)
    prods, dishes = t["produits"], t["plats"]
    want = [
        (len(t["partenaires"]) >= 45, "partenaires >= 45"),
        (len(prods) >= 24, "produits >= 24"),
        (sum(1 for p in prods if p["nom_ja"]) >= 12, ">= 12 nom_ja"),
        (sum(1 for p in prods if 60 <= len(p["nom_fr"]) <= 90) >= 3, ">= 3 long names"),
        (any(p["titre_alcoolique"] and p["titre_alcoolique"] > 1.2 for p in prods), "alcohol"),
        ({p["format_etiquette"] for p in prods} == {"l7163", "l7160", "pot", "bocal", "bouteille"},
         "all label formats"),
        (sum(1 for d in dishes if d["menu"] == "olhain-carte") >= 28, "olhain >= 28"),
        (sum(1 for d in dishes if d["menu"] == "carin-gourmand") >= 14, "carin >= 14"),
        (len(t["etapes"]) >= 16 and len({s["theme"] for s in t["etapes"]}) >= 6, "etapes"),
        ({p["volet"] for p in t["projets"]} ==
         {"parcours-noir", "olhain", "cite-electriciens", "produits-all"}, "projets volets"),
        (len(t["projets"]) >= 14 and len(t["planning"]) >= 14, "projets/planning"),
        (len(t["budget"]) >= 25 and len(t["indicateurs"]) >= 9, "budget/indicateurs"),
    ]
    errs += [f"sample: {msg}" for ok, msg in want if not ok]
    for m in t["menus"]:
        day = as_date(m["date_validite"])
        unavailable = [d for d in dishes if d["menu"] == m["id"] and d.get("disponible_du")
                       and not as_date(d["disponible_du"]) <= day <= as_date(d["disponible_au"])]
        if not unavailable:
            errs.append(f"sample: menu {m['id']} has no out-of-season dish")
    errs += check_japanese(t)
    return errs


def check_japanese(t) -> list[str]:
    """Every Japanese character must exist in the brand's Japanese font subset."""
    font = ROOT / "brand" / "fonts" / "NotoSansJP-ALL-Regular.otf"
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        return []
    if not font.exists():
        return []
    cmap = TTFont(str(font)).getBestCmap()
    missing = set()
    for rows in t.values():
        for row in rows:
            for k, v in row.items():
                if k.endswith("_ja") and v:
                    missing |= {c for c in v if ord(c) not in cmap}
    return [f"japanese glyphs missing from the brand font: {''.join(sorted(missing))}"] \
        if missing else []


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------

def all_tables() -> dict[str, list[dict]]:
    return {
        "partenaires": partenaires(), "produits": produits(), "menus": menus(),
        "plats": plats(), "etapes": etapes(), "projets": projets(), "planning": planning(),
        "budget": budget(), "indicateurs": indicateurs(),
    }


CSV_TABLES = {"indicateurs"}


def write_inputs(out: Path) -> list[str]:
    tables = all_tables()
    problems = check_sample(tables)
    if problems:
        raise SystemExit("sample data is inconsistent:\n  " + "\n  ".join(problems))
    changed = []
    for name, rows in tables.items():
        if name in CSV_TABLES:
            path, data = out / f"{name}.csv", csv_fr_bytes(HEADERS[name], rows)
        else:
            path, data = out / f"{name}.xlsx", xlsx_bytes(name, HEADERS[name], rows)
        if write_if_changed(path, data):
            changed.append(str(path.relative_to(out)))
    for name, text in TEXTES.items():
        if write_if_changed(out / "textes" / name, text.encode("utf-8")):
            changed.append(f"textes/{name}")
    for name in IMAGES:
        if write_if_changed(out / "images" / name, image_bytes(name)):
            changed.append(f"images/{name}")
    return changed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "inputs",
                    help="output folder (default: inputs/)")
    args = ap.parse_args(argv)
    changed = write_inputs(args.out)
    t = all_tables()
    counts = ", ".join(f"{k} {len(v)}" for k, v in t.items())
    print(f"{args.out}: {counts}; textes {len(TEXTES)}; images {len(IMAGES)}")
    print("changed: " + (", ".join(changed) if changed else "nothing"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
