"""The figures of the strategy document, computed from the staged records.

Pure functions of records and settings (no Word here): the renderer only lays them out, and the
tests recompute the same figures independently from the spreadsheets. Money is ``Decimal``
rounded to the cent per budget line, so subtotals are exact sums of what the table shows.
The cross-tabulations and group sums are pandas's (imported inside the functions: only the
strategy and deck jobs pay for it, never the workflow's parsing).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from ..inputs.schema import load_schema

if TYPE_CHECKING:  # pandas is imported by the functions that use it: it costs ~0.4 s
    import pandas as pd

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
    table: pd.DataFrame  # partners by territory (rows) and type (columns, those present), with
    #                      a « Total » row and column; codes in the schema's order
    by_status: dict[str, int]
    engaged: list[dict]  # partner records, by territory then name

    @property
    def territories(self) -> list[str]:
        return list(self.table.index[:-1])

    @property
    def types(self) -> list[str]:
        return list(self.table.columns[:-1])

    @property
    def total(self) -> int:
        return int(self.table.iloc[-1, -1])


def census(partners: list[dict], engaged_statuses: list[str]) -> Census:
    import pandas as pd

    df = pd.DataFrame(partners, columns=["id", "nom", "type", "territoire", "statut"])
    territories = list(order("partenaires", "territoire"))
    table = pd.crosstab(pd.Categorical(df["territoire"], territories),
                        pd.Categorical(df["type"], order("partenaires", "type")),
                        margins=True, margins_name="Total", dropna=False)
    table = table.loc[territories + ["Total"]]  # every territory, even one without partners
    present = [t for t in table.columns[:-1] if table.loc["Total", t]] + ["Total"]
    statuses = df["statut"].value_counts().reindex(order("partenaires", "statut"), fill_value=0)
    engaged = df[df["statut"].isin(engaged_statuses)].assign(
        rank=lambda e: e["territoire"].map(territories.index), name=lambda e: e["nom"].str.casefold())
    engaged = engaged.sort_values(["rank", "name", "id"], kind="stable")
    return Census(table=table[present], by_status={k: int(v) for k, v in statuses.items()},
                  engaged=[partners[i] for i in engaged.index])


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

MONEY = ["ht", "tva", "ttc"]


@dataclass
class Budget:
    """Budget lines with their amounts (``Decimal``, cent-rounded per line) and their sums.

    Every frame is in display order: volets in the schema's order, actions in planning order,
    lines in sheet order within an action."""

    lines: pd.DataFrame  # one row per line: record, volet, action, rate, ht, tva, ttc
    by_action: pd.DataFrame  # index (volet, action id): ht, tva, ttc, and the action's record
    by_volet: pd.DataFrame  # index volet: ht, tva, ttc
    by_rate: pd.DataFrame  # index VAT rate (ascending): ht, tva, ttc
    totals: pd.Series  # ht, tva, ttc


def budget_line(record: dict) -> tuple[Decimal, Decimal, Decimal]:
    ht = money(Decimal(str(record["quantite"])) * Decimal(str(record["prix_unitaire_ht"])))
    tva = money(ht * Decimal(str(record["taux_tva"])) / 100)
    return ht, tva, ht + tva


def budget(lines: list[dict], actions: list[dict], volets: list[str]) -> Budget:
    """Lines grouped by action (planning order) and volet (``volets`` order), with subtotals.

    Every line's action is a planning id (checked when the sheets are read); lines of a volet
    not in ``volets`` are left out (a site's chapter asks for its own volet only)."""
    import pandas as pd

    plan = pd.DataFrame(planning(actions), columns=["id", "volet"])
    plan["record"] = planning(actions)
    df = pd.DataFrame({"record": lines, "action": [r["action"] for r in lines],
                       "rate": [float(r["taux_tva"]) for r in lines]})
    df[MONEY] = pd.DataFrame([budget_line(r) for r in lines], columns=MONEY, index=df.index)
    df = df.merge(plan[["id", "volet"]], left_on="action", right_on="id", how="left")
    df = df[df["volet"].isin(volets)].assign(
        v=lambda d: d["volet"].map(volets.index),
        a=lambda d: d["action"].map({a: i for i, a in enumerate(plan["id"])}))
    df = df.sort_values(["v", "a"], kind="stable").reset_index(drop=True)
    sums = {m: "sum" for m in MONEY}
    by_action = df.groupby(["volet", "action"], sort=False).agg(sums)
    by_action["record"] = [plan.set_index("id").loc[a, "record"] for _, a in by_action.index]
    return Budget(lines=df, by_action=by_action,
                  by_volet=df.groupby("volet", sort=False).agg(sums),
                  by_rate=df.groupby("rate").agg(sums),
                  totals=df[MONEY].sum() if len(df) else pd.Series([Decimal("0.00")] * 3, MONEY))


# --- Indicators ------------------------------------------------------------------------------

def indicators(records: list[dict], volets: list[str]) -> pd.DataFrame:
    """Indicators by volet then name: ``record``, ``rate`` (realise / cible in %, None until
    measured or when the target is 0) and ``reached`` (rate ≥ 100, None when no rate)."""
    import pandas as pd

    df = pd.DataFrame({"record": records,
                       "volet": [volets.index(r["volet"]) for r in records],
                       "name": [r["indicateur"].casefold() for r in records],
                       "cible": [r["cible"] for r in records],
                       "realise": [r.get("realise") for r in records]})
    rate = 100 * df["realise"].astype(float) / df["cible"].astype(float).where(df["cible"] != 0)
    df["rate"] = rate.astype(object).where(rate.notna(), None)
    df["reached"] = [None if r is None else r >= 100 for r in df["rate"]]
    return df.sort_values(["volet", "name"], kind="stable")[["record", "rate", "reached"]]


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
