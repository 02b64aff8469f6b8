"""The strategy document: cover, table of contents, the team's narrative and the chapters the
sheets give (census, selection, planning, budget, indicators, sites, products appendix).

Every figure comes from ``atelier.content.strategy``; this module only words and lays it out in
the template's styles (templates/strategy.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import cairosvg
from docx.oxml.ns import qn

from .. import allergens, brand
from ..content import nutrition
from ..content import strategy as figures
from ..content.formats import day, long_day, number, price
from ..content.typography import french
from ..inputs.texts import Chapter
from ..paths import BRAND, INPUTS
from .charts import chart_blobs
from .docx import DocxWriter, TableSpec
from .fontembed import brand_faces
from .gantt import gantt_figure
from .markdown_docx import STYLES as MARKDOWN_STYLES
from .markdown_docx import MarkdownWriter
from .pictures import cropped

CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")  # kana, kanji, full-width

STYLES = {
    **MARKDOWN_STYLES,
    "Title": ("paragraph", "the document's title on the cover"),
    "Subtitle": ("paragraph", "the subtitle on the cover"),
    "Cover Meta": ("paragraph", "client, author and date on the cover"),
    "Cover Mark": ("paragraph", "the ALL mark at the top of the cover"),
    "Cover Image": ("paragraph", "the photograph of the cover"),
    "TOC Heading": ("paragraph", "the title « Sommaire »"),
    "TOC 1": ("paragraph", "table of contents, chapters"),
    "TOC 2": ("paragraph", "table of contents, sections"),
    "Heading 1": ("paragraph", "chapter titles"),
    "Caption": ("paragraph", "numbered captions of figures and tables"),
    "Figure": ("paragraph", "the paragraph that holds an image"),
    "Tableau ALL": ("table", "every table"),
    "Table Heading": ("paragraph", "header rows of tables"),
    "Table Text": ("paragraph", "cells of tables"),
    "Table Total": ("paragraph", "subtotal, total and group rows of tables"),
}


@dataclass
class StrategyData:
    """Everything the document shows: records by table, the texts and the settings."""

    tables: dict[str, list[dict]]
    chapters: list[Chapter]
    settings: dict  # all sections (documents, event…)
    images: Path = INPUTS / "images"  # photos named by the settings (the cover's)

    @property
    def conf(self) -> dict:
        return self.settings["documents"]["strategy"]

    @property
    def labels(self) -> dict:
        return self.conf["labels"]


def _eur(value: Decimal) -> str:
    return price(float(value))


def _n(value: float) -> str:
    return number(value, 2)


class StrategyDocument:
    def __init__(self, template: Path, data: StrategyData):
        self.w = DocxWriter(template, STYLES)
        self.w.typeset = french  # the document is French: every text it writes
        self.data = data
        self.width = self.w.text_width_mm

    # -- helpers ---------------------------------------------------------------------------------
    def _table(self, caption: str, spec: TableSpec):
        """A table with its numbered caption above (French usage)."""
        self.w.caption("Tableau", caption).paragraph_format.keep_with_next = True
        spec.where = f"{self.data.conf['output']}.docx › tableau « {caption} »"
        self.w.table(spec)

    def _chart(self, caption: str, spec: dict, alt: str, height_mm: float | None = None):
        """A native Word chart (its data in an embedded workbook) and its caption below."""
        conf = self.data.conf
        colours = [brand.colour(c) for c in conf.get("chart_colours", [])]
        spec = {**spec, "categories": [french(c) for c in spec["categories"]],
                "series": [(french(n), v) for n, v in spec["series"]]}
        xml, book = chart_blobs(spec, brand.tokens()["fonts"]["latin"]["family"],
                                brand.size("documents.caption"), colours,
                                self.data.settings["documents"]["date"])
        self.w.chart(xml, book, self.width, height_mm or conf.get("chart_height_mm", 80), alt,
                     caption)
        self.w.caption("Figure", caption)

    def _cover(self):
        """The cover, alone on its page: the mark, the title, a photograph, the credits."""
        conf = self.data.conf
        cover = conf.get("cover", {})
        documents = self.data.settings["documents"]
        logo = BRAND / brand.tokens()["assets"]["logos"]["all_on_light"]
        mark_w = cover.get("mark_width_mm", 45)
        svg = logo.read_bytes()
        png = cairosvg.svg2png(bytestring=svg, output_width=round(mark_w / 25.4 * 600))
        self.w.image(png, mark_w, "ALL « Autour du Louvre-Lens »", "ALL", svg=svg,
                     style="Cover Mark")
        self.w.paragraph("Title", conf["title"])
        if conf.get("subtitle"):
            self.w.paragraph("Subtitle", conf["subtitle"])
        if cover.get("image"):
            height = cover.get("image_height_mm", 100)
            data = cropped(self.data.images / cover["image"], self.width / height)
            self.w.image(data, self.width, Path(cover["image"]).stem.replace("-", " "),
                         style="Cover Image", height_mm=height)
        meta = [conf.get("client", ""), documents["author"], long_day(documents["date"])]
        for line in filter(None, meta):
            self.w.paragraph("Cover Meta", line)

    def _label(self, kind: str, code: str) -> str:
        return self.data.labels[kind].get(code, code)

    # -- the whole -------------------------------------------------------------------------------
    def compose(self) -> DocxWriter:
        conf = self.data.conf
        self._cover()
        # the contents start a page of their own, whatever the template's styles say
        self.w.paragraph("TOC Heading", "Sommaire").paragraph_format.page_break_before = True
        self.w.toc_placeholder()
        for part in conf["outline"]:
            getattr(self, f"_{part}")()
        text = "".join(t.text or "" for t in self.w.document.element.body.iter(qn("w:t")))
        self.w.embed_fonts = brand_faces(japanese=bool(CJK.search(text)))
        return self.w

    def _textes(self):
        for chapter in self.data.chapters:
            self.w.heading(chapter.titre, 1)
            MarkdownWriter(self.w, chapter, self.data.conf.get("image_width_mm", 140)).write()

    # -- census ----------------------------------------------------------------------------------
    def _recensement(self):
        t = self.data.tables
        c = figures.census(t["partenaires"], self.data.conf["engaged"])
        self.w.heading(self.data.conf["chapters"]["recensement"], 1)
        engaged = ", ".join(self._label("statuts", s).lower() for s in self.data.conf["engaged"])
        self.w.paragraph("Normal", (
            f"Le recensement compte {c.total} acteurs sur les {len(c.territories)} territoires de "
            f"la destination, dont {len(c.engaged)} au statut {engaged}."))
        self.w.heading("Acteurs par territoire et par type", 2)
        header = ["Territoire", *[self._label("types", k) for k in c.types], "Total"]
        rows = [[self._label("territoires", ter),
                 *[str(n) for n in c.table.loc[ter]]] for ter in c.territories]
        rows.append(["Total", *[str(n) for n in c.table.loc["Total"]]])
        n = len(c.types)
        self._table("Acteurs recensés par territoire et par type", TableSpec(
            header, rows,
            kinds=["body"] * (len(rows) - 1) + ["total"], align=["left"] + ["right"] * (n + 1),
            vertical=frozenset(range(1, n + 2))))
        self.w.heading("Avancement de la démarche", 2)
        rows = [[self._label("statuts", s), str(k)] for s, k in c.by_status.items()]
        rows.append(["Total", str(sum(c.by_status.values()))])
        self._table("Acteurs par statut", TableSpec(
            ["Statut", "Acteurs"], rows,
            kinds=["body"] * (len(rows) - 1) + ["total"], align=["left", "right"]))
        self.w.heading("Les partenaires engagés", 2)
        rows = [[p["nom"], self._label("types", p["type"]), p["commune"],
                 self._label("territoires", p["territoire"]), self._label("statuts", p["statut"])]
                for p in c.engaged]
        self._table("Partenaires engagés dans la démarche", TableSpec(
            ["Partenaire", "Type", "Commune", "Territoire", "Statut"], rows))

    # -- selection -------------------------------------------------------------------------------
    def _selection(self):
        t = self.data.tables
        volets = figures.volets()
        by_volet = figures.selection(t["projets"], volets)
        values = self.data.labels["valeurs"]
        self.w.heading(self.data.conf["chapters"]["selection"], 1)
        n_sel = sum(s.selected for v in by_volet.values() for s in v)
        n_all = sum(len(v) for v in by_volet.values())
        self.w.paragraph("Normal", (
            f"Chaque projet est noté de 0 à 3 sur chacune des neuf valeurs ALL, soit "
            f"{3 * len(figures.VALUES)} points au plus. {n_sel} projets sur {n_all} sont retenus "
            "(phase « sélectionné » ou au-delà)."))
        for volet, scored in by_volet.items():
            self.w.heading(self._label("volets", volet), 2)
            header = ["Projet", *[values[v] for v in figures.VALUES], "Total", "Phase", "Retenu"]
            rows = [[s.record["titre"], *[str(s.scores[v]) for v in figures.VALUES],
                     str(s.total), self._label("phases", s.record["phase"]),
                     "oui" if s.selected else "non"] for s in scored]
            self._table(f"Projets du volet {self._label('volets', volet)} notés sur les neuf "
                        "valeurs", TableSpec(
                            header, rows,
                            align=["left"] + ["right"] * 10 + ["left", "left"],
                            vertical=frozenset(range(1, 11))))
        self.w.heading("Les valeurs portées par les projets", 2)
        means = figures.value_means(t["projets"])
        rows = [[values[v], _n(means[v]), str(sum(int(p[v]) == 3 for p in t["projets"]))]
                for v in figures.VALUES]
        self._table("Note moyenne des projets par valeur", TableSpec(
            ["Valeur", "Note moyenne (sur 3)", "Projets notés 3"], rows, align=["left", "right", "right"]))

    # -- planning --------------------------------------------------------------------------------
    def _planning(self):
        actions = figures.planning(self.data.tables["planning"])
        conf = self.data.conf
        self.w.heading(conf["chapters"]["planning"], 1)
        first, last = actions[0]["debut"], max(a["fin"] for a in actions)
        self.w.paragraph("Normal", (
            f"{len(actions)} actions du {long_day(first)} au {long_day(last)}, dont "
            f"{sum(bool(a.get('jalon')) for a in actions)} jalons."))
        fig = gantt_figure(actions, self.width, conf.get("gantt_dpi", 300),
                           self.data.labels["volets"], conf.get("volet_colours", {}),
                           self.data.settings.get("event"))
        alt = "Diagramme de Gantt : " + " ; ".join(
            f"{a['action']} du {day(a['debut'])} au {day(a['fin'])}" for a in actions)
        self.w.image(fig.png, fig.width_mm, alt, "Planning des actions", svg=fig.svg)
        self.w.caption("Figure", "Planning des actions, de la préparation à l'évaluation")
        rows = [[a["action"], self._label("volets", a["volet"]), day(a["debut"]), day(a["fin"]),
                 "oui" if a.get("jalon") else "", a.get("responsable", ""), a.get("livrable", "")]
                for a in actions]
        self._table("Actions et jalons", TableSpec(
            ["Action", "Volet", "Début", "Fin", "Jalon", "Responsable", "Livrable"], rows))

    # -- budget ----------------------------------------------------------------------------------
    def _budget(self):
        t = self.data.tables
        b = figures.budget(t["budget"], t["planning"], figures.volets())
        total = b.totals
        self.w.heading(self.data.conf["chapters"]["budget"], 1)
        self.w.paragraph("Normal", (
            f"Le budget compte {len(t['budget'])} lignes réparties sur "
            f"{len(b.by_action)} actions, pour un total de "
            f"{_eur(total.ht)} HT, soit {_eur(total.ttc)} TTC. Chaque ligne vaut quantité × "
            "prix unitaire HT ; la TVA est arrondie au centime par ligne."))
        self.w.heading("Synthèse par volet", 2)

        def amounts(row) -> list[str]:
            return [_eur(row.ht), _eur(row.tva), _eur(row.ttc)]

        names = [self._label("volets", v) for v in b.by_volet.index]
        rows = [[n, *amounts(v)] for n, v in zip(names, b.by_volet.itertuples(), strict=True)]
        rows.append(["Total général", *amounts(total)])
        money4 = ["left", "right", "right", "right"]
        self._table("Budget par volet", TableSpec(
            ["Volet", "Total HT", "TVA", "Total TTC"], rows,
            kinds=["body"] * len(b.by_volet) + ["total"], align=money4))
        self._chart("Budget par volet, hors taxes et toutes taxes comprises", {
            "type": "column", "categories": names, "number_format": '#,##0" €"',
            "labels": True,
            "series": [("Total HT", [float(x) for x in b.by_volet.ht]),
                       ("Total TTC", [float(x) for x in b.by_volet.ttc])]},
            "Histogramme du budget par volet : " + " ; ".join(
                f"{n} {_eur(v.ht)} HT, {_eur(v.ttc)} TTC"
                for n, v in zip(names, b.by_volet.itertuples(), strict=True)))
        rows = [[f"{number(rate, 1)} %", *amounts(tot)] for rate, tot in
                zip(b.by_rate.index, b.by_rate.itertuples(), strict=True)]
        rows.append(["Total", *amounts(total)])
        self._table("TVA par taux", TableSpec(
            ["Taux de TVA", "Base HT", "TVA", "Total TTC"], rows,
            kinds=["body"] * len(b.by_rate) + ["total"], align=money4))
        self.w.heading("Détail par action", 2)
        rows, kinds = [], []
        units = self.data.labels["unites"]
        for volet, vt in zip(b.by_volet.index, b.by_volet.itertuples(), strict=True):
            name = self._label("volets", volet)
            rows.append([f"Volet {name}"])
            kinds.append("group")
            for action, at in b.by_action.loc[volet].iterrows():
                rows.append([at.record["action"]])
                kinds.append("group")
                for line in b.lines[b.lines.action == action].itertuples():
                    r = line.record
                    rows.append([r["poste"], units.get(r["unite"], r["unite"]), _n(r["quantite"]),
                                 _eur(figures.money(r["prix_unitaire_ht"])), _eur(line.ht),
                                 f"{number(r['taux_tva'], 1)} %", _eur(line.tva), _eur(line.ttc)])
                    kinds.append("body")
                rows.append([f"Sous-total — {at.record['action']}", "", "", "", _eur(at.ht),
                             "", _eur(at.tva), _eur(at.ttc)])
                kinds.append("total")
            rows.append([f"Sous-total volet {name}", "", "", "", _eur(vt.ht), "", _eur(vt.tva),
                         _eur(vt.ttc)])
            kinds.append("total")
        rows.append(["Total général", "", "", "", _eur(total.ht), "", _eur(total.tva),
                     _eur(total.ttc)])
        kinds.append("total")
        self._table("Budget détaillé par action", TableSpec(
            ["Poste", "Unité", "Qté", "Prix unitaire HT", "Total HT", "Taux TVA", "TVA",
             "Total TTC"], rows,
            kinds=kinds, align=["left", "left"] + ["right"] * 6))

    # -- indicators ------------------------------------------------------------------------------
    def _indicator_rows(self, items):
        return [[i.record["indicateur"], self._label("volets", i.record["volet"]),
                 _n(i.record["cible"]),
                 _n(i.record["realise"]) if i.record.get("realise") is not None else "—",
                 i.record.get("unite", ""),
                 f"{number(i.rate, 0)} %" if i.rate is not None else "—"] for i in items]

    def _indicateurs(self):
        items = list(figures.indicators(self.data.tables["indicateurs"],
                                        figures.volets()).itertuples())
        self.w.heading(self.data.conf["chapters"]["indicateurs"], 1)
        reached = sum(bool(i.reached) for i in items)
        measured = sum(i.rate is not None for i in items)
        self.w.paragraph("Normal", (
            f"{measured} indicateurs sur {len(items)} sont mesurés ; {reached} atteignent ou "
            "dépassent leur cible."))
        self._table("Indicateurs : cible et réalisé", TableSpec(
            ["Indicateur", "Volet", "Cible", "Réalisé", "Unité", "Atteinte"],
            self._indicator_rows(items),
            align=["left", "left", "right", "right", "left", "right"]))
        shown = [i for i in items if i.rate is not None]
        if shown:
            self._chart("Réalisé en pourcentage de la cible (100 % : cible atteinte)", {
                "type": "bar", "categories": [i.record["indicateur"] for i in shown],
                "number_format": '0.0" %"', "labels": True,
                "series": [("Réalisé en % de la cible", [round(i.rate, 1) for i in shown])]},
                "Barres du réalisé en pourcentage de la cible : " + " ; ".join(
                    f"{i.record['indicateur']} {number(i.rate, 1)} %" for i in shown),
                height_mm=self.data.conf.get("chart_row_mm", 8) * len(shown) + 24)
        rows = [[i.record["indicateur"], i.record.get("source", "")] for i in items]
        self._table("Sources des indicateurs", TableSpec(
            ["Indicateur", "Source"], rows))

    # -- sites -----------------------------------------------------------------------------------
    def _sites(self):
        t = self.data.tables
        for site in figures.sites(t["menus"], t["plats"], t["partenaires"], t["projets"],
                                  self.data.conf["sites"]):
            p = site.partner
            self.w.heading(p["nom"], 1)
            self.w.paragraph("Normal", f"{p['adresse']}, {p['code_postal']} {p['commune']} — "
                                       f"{self._label('territoires', p['territoire'])}.")
            for m in site.menus:
                menu = m.menu
                self.w.heading(menu["titre_fr"], 2)
                self.w.paragraph("Normal", (
                    f"{m.dishes} plats et boissons, de {_eur(m.price_min)} à {_eur(m.price_max)} ; "
                    f"{m.fait_maison} « fait maison », {m.vegetarian} végétariens ou végétaliens, "
                    f"{m.with_allergens} avec allergènes signalés. Carte valable au "
                    f"{long_day(menu['date_validite'])}, en "
                    f"{', '.join(menu.get('langues', ['fr'])).upper()} ; "
                    f"{menu['mention_service']}."))
                self._table(f"Sections de « {menu['titre_fr']} »", TableSpec(
                    ["Section", "Plats"], [[s, str(k)] for s, k in m.sections]
                    + [["Total", str(m.dishes)]],
                    kinds=["body"] * len(m.sections) + ["total"], align=["left", "right"]))
            if site.producers:
                self.w.heading("Producteurs et fournisseurs", 2)
                rows = [[pp["nom"], self._label("types", pp["type"]), pp["commune"],
                         f"{number(km, 1)} km"] for pp, km in site.producers]
                self._table(f"Producteurs des menus de {p['nom']}, par distance", TableSpec(
                    ["Producteur", "Type", "Commune", "Distance"], rows,
                    align=["left", "left", "left", "right"]))
            if site.volet:
                self._site_volet(site)

    def _site_volet(self, site):
        t = self.data.tables
        volet = site.volet
        if site.projects:
            self.w.heading("Projets du site", 2)
            rows = [[pr["titre"], self._label("phases", pr["phase"]),
                     str(sum(int(pr[v]) for v in figures.VALUES))] for pr in site.projects]
            self._table(f"Projets du volet {self._label('volets', volet)}", TableSpec(
                ["Projet", "Phase", "Total des valeurs"], rows,
                align=["left", "left", "right"]))
        items = [i for i in figures.indicators(t["indicateurs"], figures.volets()).itertuples()
                 if i.record["volet"] == volet]
        b = figures.budget(t["budget"], t["planning"], [volet])
        if len(b.by_volet):
            self.w.paragraph("Normal", (
                f"Budget du volet {self._label('volets', volet)} : {_eur(b.totals.ht)} HT, "
                f"{_eur(b.totals.ttc)} TTC (détail au chapitre du budget)."))
        if items:
            self.w.heading("Indicateurs du site", 2)
            self._table(f"Indicateurs du volet {self._label('volets', volet)}", TableSpec(
                ["Indicateur", "Volet", "Cible", "Réalisé", "Unité", "Atteinte"],
                self._indicator_rows(items),
                align=["left", "left", "right", "right", "left", "right"]))

    # -- appendix --------------------------------------------------------------------------------
    def _produits(self):
        t = self.data.tables
        items = figures.products(t["produits"], t["partenaires"])
        self.w.heading(self.data.conf["chapters"]["produits"], 1)
        self.w.paragraph("Normal", f"La gamme compte {len(items)} produits, fabriqués par "
                                   f"{len({m['id'] for _, m in items})} artisans et producteurs.")
        rows = []
        for prod, maker in items:
            qty = f"{number(prod['quantite_nette'], 1)} {prod['unite']}"
            if prod.get("titre_alcoolique"):
                qty += f", {number(prod['titre_alcoolique'], 1)} % vol"
            rows.append([prod["nom_fr"], prod.get("categorie", ""),
                         f"{maker['nom']} ({maker['commune']})", qty,
                         _eur(figures.money(prod["prix_ttc"])),
                         ", ".join(allergens.name(a) for a in prod.get("allergenes", [])) or "—"])
        self._table("Les produits culinaires ALL", TableSpec(
            ["Produit", "Catégorie", "Fabricant", "Quantité", "Prix TTC", "Allergènes"], rows,
            align=["left", "left", "left", "right", "right", "left"]))
        self._nutrition([prod for prod, _ in items])

    def _nutrition(self, products: list[dict]):
        """The declarations of the products that give one, rounded as their labels print them
        (content.nutrition: the Commission's 2012 guidance)."""
        declared = [p for p in products if not p.get("exemption_nutrition")]
        if not declared:
            return
        self.w.heading("Déclaration nutritionnelle", 2)
        self.w.paragraph("Normal", (
            f"{len(declared)} produits déclarent leurs valeurs nutritionnelles (les autres en sont "
            "dispensés : fabrication artisanale vendue localement). Valeurs pour 100 g ou 100 ml, "
            "arrondies comme sur les étiquettes."))
        header = ["Produit", "Énergie"] + [
            label for col, label, _ in nutrition.ROWS
            if col not in nutrition.OPTIONAL or any(p.get(col) is not None for p in declared)]
        rows = []
        for prod in declared:
            decl = nutrition.declaration(prod)
            kj, kcal = (nutrition.rounded(k, prod[k]).text(u) for k, u in
                        (("energie_kj", "kJ"), ("energie_kcal", "kcal")))
            values = {r.label: r.value for r in decl[1:]}
            rows.append([prod["nom_fr"], f"{kj}\n{kcal}", *[values.get(h, "—") for h in header[2:]]])
        self._table("Déclaration nutritionnelle des produits ALL (pour 100 g ou 100 ml)",
                    TableSpec(header, rows, align=["left"] + ["right"] * (len(header) - 1)))
