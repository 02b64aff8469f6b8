"""The figures of the strategy document, computed from the staged records.

Pure functions of records and settings (no Word here): the renderer only lays them out, and the
tests recompute the same figures independently from the spreadsheets. Money is ``Decimal``
rounded to the cent per budget line, so subtotals are exact sums of what the table shows.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..inputs.schema import load_schema

VALUES = ("fierte", "passion", "fidelite", "chaleur", "spontaneite", "authenticite",
          "solidarite", "simplicite", "volonte")
CENT = Decimal("0.01")


@functools.cache
def order(table: str, column: str) -> tuple[str, ...]:
    """The codes of an enum column in the schema's order: the document lists volets,
    territories, types… in that order (the staged settings are key-sorted, so their maps
    cannot give it)."""
    return tuple(load_schema(table).columns[column].spec["enum"])


def volets() -> list[str]:
    return list(order("planning", "volet"))


def money(value) -> Decimal:
    """An amount rounded to the cent, half up (as an invoice rounds)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


# --- Partner census --------------------------------------------------------------------------

@dataclass
class Census:
    territories: list[str]  # codes, in the settings' order
    types: list[str]  # codes of the types that occur, in the settings' order
    counts: dict[tuple[str, str], int]  # (territory, type) -> partners
    by_status: dict[str, int]
    engaged: list[dict]  # partner records, by territory then name

    def row_total(self, territory: str) -> int:
        return sum(self.counts.get((territory, t), 0) for t in self.types)

    def column_total(self, kind: str) -> int:
        return sum(self.counts.get((t, kind), 0) for t in self.territories)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def census(partners: list[dict], engaged_statuses: list[str]) -> Census:
    counts = Counter((p["territoire"], p["type"]) for p in partners)
    present = {p["type"] for p in partners}
    territories = list(order("partenaires", "territoire"))
    engaged = sorted((p for p in partners if p["statut"] in engaged_statuses),
                     key=lambda p: (territories.index(p["territoire"]), p["nom"].casefold(),
                                    p["id"]))
    return Census(
        territories=territories,
        types=[t for t in order("partenaires", "type") if t in present],
        counts=dict(counts),
        by_status={s: sum(p["statut"] == s for p in partners)
                   for s in order("partenaires", "statut")},
        engaged=engaged,
    )


# --- Project selection -----------------------------------------------------------------------

@dataclass
class ScoredProject:
    record: dict
    scores: dict[str, int]
    total: int
    selected: bool


def is_selected(phase: str) -> bool:
    """From « selectionne » on, a project counts as selected (schemas/projets.schema.yaml)."""
    phases = order("projets", "phase")
    return phases.index(phase) >= phases.index("selectionne")


def selection(projects: list[dict], volets: list[str]) -> dict[str, list[ScoredProject]]:
    """Projects per volet (settings order), best total first, then by title."""
    out: dict[str, list[ScoredProject]] = {}
    for volet in volets:
        scored = []
        for p in projects:
            if p["volet"] != volet:
                continue
            scores = {v: int(p[v]) for v in VALUES}
            scored.append(ScoredProject(p, scores, sum(scores.values()), is_selected(p["phase"])))
        if scored:
            out[volet] = sorted(scored, key=lambda s: (-s.total, s.record["titre"].casefold(),
                                                      s.record["id"]))
    return out


def value_means(projects: list[dict]) -> dict[str, float]:
    """The mean score of each value over all projects (which values the projects carry best)."""
    if not projects:
        return {v: 0.0 for v in VALUES}
    return {v: sum(int(p[v]) for p in projects) / len(projects) for v in VALUES}


# --- Planning --------------------------------------------------------------------------------

def planning(actions: list[dict]) -> list[dict]:
    """Actions in chronological order (start, end, id)."""
    return sorted(actions, key=lambda a: (a["debut"], a["fin"], a["id"]))


# --- Budget ----------------------------------------------------------------------------------

@dataclass
class BudgetLine:
    record: dict
    ht: Decimal
    tva: Decimal
    ttc: Decimal


@dataclass
class Totals:
    ht: Decimal = Decimal("0.00")
    tva: Decimal = Decimal("0.00")
    ttc: Decimal = Decimal("0.00")

    def add(self, other) -> None:
        self.ht += other.ht
        self.tva += other.tva
        self.ttc += other.ttc


@dataclass
class ActionBudget:
    action: dict  # the planning record
    lines: list[BudgetLine]
    totals: Totals


@dataclass
class VoletBudget:
    volet: str
    actions: list[ActionBudget]
    totals: Totals


@dataclass
class Budget:
    volets: list[VoletBudget]
    totals: Totals = field(default_factory=Totals)
    by_rate: dict[float, Totals] = field(default_factory=dict)


def budget_line(record: dict) -> BudgetLine:
    ht = money(Decimal(str(record["quantite"])) * Decimal(str(record["prix_unitaire_ht"])))
    tva = money(ht * Decimal(str(record["taux_tva"])) / 100)
    return BudgetLine(record, ht, tva, ht + tva)


def budget(lines: list[dict], actions: list[dict], volets: list[str]) -> Budget:
    """Lines grouped by action (planning order) and volet (settings order), with subtotals.

    Lines keep their order in the sheet within an action. Every line's action is a planning id
    (checked when the sheets are read), so no line is left out of the grand total."""
    by_action: dict[str, list[BudgetLine]] = {}
    for record in lines:
        by_action.setdefault(record["action"], []).append(budget_line(record))
    result = Budget([])
    for volet in volets:
        vb = VoletBudget(volet, [], Totals())
        for action in planning(actions):
            if action["volet"] != volet or action["id"] not in by_action:
                continue
            ab = ActionBudget(action, by_action[action["id"]], Totals())
            for line in ab.lines:
                ab.totals.add(line)
                result.by_rate.setdefault(float(line.record["taux_tva"]), Totals()).add(line)
            vb.actions.append(ab)
            vb.totals.add(ab.totals)
        if vb.actions:
            result.volets.append(vb)
            result.totals.add(vb.totals)
    result.by_rate = dict(sorted(result.by_rate.items()))
    return result


# --- Indicators ------------------------------------------------------------------------------

@dataclass
class Indicator:
    record: dict
    rate: float | None  # realise / cible in %, None until measured or when the target is 0

    @property
    def reached(self) -> bool | None:
        return None if self.rate is None else self.rate >= 100


def indicators(records: list[dict], volets: list[str]) -> list[Indicator]:
    out = []
    for r in sorted(records, key=lambda r: (volets.index(r["volet"]), r["indicateur"].casefold())):
        done, target = r.get("realise"), r["cible"]
        rate = None if done is None or not target else 100 * done / target
        out.append(Indicator(r, rate))
    return out


# --- Sites -----------------------------------------------------------------------------------

def distance_km(a: dict, b: dict) -> float:
    """Great-circle distance between two records with latitude/longitude (haversine)."""
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"],
                                            b["latitude"], b["longitude"]))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@dataclass
class MenuSummary:
    menu: dict
    sections: list[tuple[str, int]]  # section title, number of dishes (first-dish order)
    dishes: int
    price_min: Decimal
    price_max: Decimal
    fait_maison: int
    vegetarian: int
    with_allergens: int


@dataclass
class Site:
    partner: dict
    volet: str | None
    menus: list[MenuSummary]
    producers: list[tuple[dict, float]]  # partner, distance from the site (km), nearest first
    projects: list[dict]


def _menu_summary(menu: dict, dishes: list[dict]) -> MenuSummary:
    mine = sorted((d for d in dishes if d["menu"] == menu["id"]),
                  key=lambda d: (d["ordre"], d["id"]))
    sections: dict[str, int] = {}
    for d in mine:
        sections[d["section"]] = sections.get(d["section"], 0) + 1
    prices = [money(d["prix_ttc"]) for d in mine] or [Decimal("0.00")]
    return MenuSummary(
        menu=menu, sections=list(sections.items()), dishes=len(mine),
        price_min=min(prices), price_max=max(prices),
        fait_maison=sum(bool(d.get("fait_maison")) for d in mine),
        vegetarian=sum("vegetarien" in d.get("regimes", []) or "vegan" in d.get("regimes", [])
                       for d in mine),
        with_allergens=sum(bool(d.get("allergenes")) for d in mine),
    )


def sites(menus: list[dict], dishes: list[dict], partners: list[dict], projects: list[dict],
          site_volets: dict[str, str]) -> list[Site]:
    """One site per menu site, in the order of their volets, then by id."""
    by_id = {p["id"]: p for p in partners}
    rank = volets()
    site_ids = sorted({m["site"] for m in menus},
                      key=lambda s: (rank.index(site_volets[s]) if s in site_volets else len(rank),
                                     s))
    out = []
    for sid in site_ids:
        partner = by_id[sid]
        mine = sorted((m for m in menus if m["site"] == sid), key=lambda m: m["id"])
        menu_ids = {m["id"] for m in mine}
        producer_ids = sorted({p for d in dishes if d["menu"] in menu_ids
                               for p in d.get("producteurs", [])})
        producers = sorted(((by_id[p], distance_km(partner, by_id[p])) for p in producer_ids),
                           key=lambda pd: (round(pd[1], 1), pd[0]["nom"].casefold()))
        volet = site_volets.get(sid)
        out.append(Site(
            partner=partner, volet=volet,
            menus=[_menu_summary(m, dishes) for m in mine],
            producers=producers,
            projects=sorted((p for p in projects if volet and p["volet"] == volet),
                            key=lambda p: p["titre"].casefold()),
        ))
    return out


# --- Products appendix -----------------------------------------------------------------------

def products(records: list[dict], partners: list[dict]) -> list[tuple[dict, dict]]:
    """(product, maker) by category then name."""
    by_id = {p["id"]: p for p in partners}
    return [(p, by_id[p["fabricant"]]) for p in
            sorted(records, key=lambda p: (p.get("categorie", "").casefold(),
                                           p["nom_fr"].casefold(), p["sku"]))]
