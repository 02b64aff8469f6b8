"""What the decks show: named data sets computed from the records, one row per dict.

A deck plan (templates/decks/<deck>.yaml) names a data set (``data: etapes``) and formats its
fields (``"{numero}. {nom}"``); so every field a plan may use is made here, already in French
format (« 1 234,50 € », « 28/05/2020 »). Raw numbers stay alongside (``total_ht`` and
``total_ht_txt``) because charts need numbers and slides need text.

Light at import (the Snakefile's planning reads ``DATASET_TABLES``): Babel loads on first use.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

__all__ = ["DATASET_TABLES", "VALUES", "PlanError", "SlideContent", "context", "datasets", "expand",
           "plan_tables"]

# Which input tables each data set reads: a deck's job depends on exactly these records.
DATASET_TABLES = {
    "partenaires": ["partenaires"],
    "partenaires_statuts": ["partenaires"],
    "etapes": ["etapes", "partenaires"],
    "themes": ["etapes"],
    "produits": ["produits", "partenaires"],
    "plats": ["plats", "menus", "partenaires"],
    "producteurs": ["plats", "menus", "partenaires"],
    "menus": ["menus"],
    "planning": ["planning"],
    "indicateurs": ["indicateurs"],
    "budget_volets": ["budget", "planning"],
    "projets": ["projets"],
    "projets_phases": ["projets"],
    "valeurs": ["projets"],
    "volets": ["indicateurs"],
}

# The nine brand values, in the brand's order: the score columns of `projets`.
VALUES = ["fierte", "passion", "fidelite", "chaleur", "spontaneite", "authenticite",
          "solidarite", "simplicite", "volonte"]


def _label(labels: dict, kind: str, key: str) -> str:
    return labels.get(kind, {}).get(key, key)


def _ordered(known: dict, present) -> list[str]:
    """Keys in the labels' order (the order the team chose), then any others alphabetically."""
    return [k for k in known if k in present] + sorted(k for k in present if k not in known)


def _fmt():
    from . import formats

    return formats


def is_figure(text: str) -> bool:
    return _fmt().is_figure(text)


def datasets(tables: dict[str, list], labels: dict) -> dict[str, list[dict]]:
    """Every data set whose tables are present in ``tables`` (table name -> records)."""
    out = {}
    for name, needs in DATASET_TABLES.items():
        if all(t in tables for t in needs):
            out[name] = BUILDERS[name](tables, labels)
    return out


def _partenaires(t, labels):
    rows = []
    for p in sorted(t["partenaires"], key=lambda p: p["nom"]):
        rows.append({**p, "type_label": _label(labels, "type", p["type"]),
                     "territoire_label": _label(labels, "territoire", p["territoire"]),
                     "statut_label": _label(labels, "statut", p["statut"])})
    return rows


def _partenaires_statuts(t, labels):
    import pandas as pd

    counts = pd.Series([p["statut"] for p in t["partenaires"]], dtype=object).value_counts()
    order = list(labels.get("statut", {})) or sorted(counts.index)
    return [{"statut": s, "statut_label": _label(labels, "statut", s), "nombre": int(counts[s])}
            for s in order if s in counts.index]


def _period(start: str | None, end: str | None) -> str:
    f = _fmt()
    if start and end:
        return f"{f.day(start)} – {f.day(end)}"
    return f.day(start or end) if (start or end) else ""


def _etapes(t, labels):
    names = {p["id"]: p["nom"] for p in t["partenaires"]}
    rows = []
    for e in sorted(t["etapes"], key=lambda e: e["numero"]):
        rows.append({**e, "theme_label": _label(labels, "theme", e["theme"]),
                     "partenaire_nom": names.get(e.get("partenaire"), ""),
                     "dates": _period(e.get("date_debut"), e.get("date_fin"))})
    return rows


def _themes(t, labels):
    by = defaultdict(list)
    for e in sorted(t["etapes"], key=lambda e: e["numero"]):
        by[e["theme"]].append(e)
    order = _ordered(labels.get("theme", {}), by)
    return [{"theme": k, "theme_label": _label(labels, "theme", k), "etapes": len(by[k]),
             "noms": ", ".join(e["nom"] for e in by[k])} for k in order]


def _produits(t, labels):
    from .. import allergens
    from . import nutrition

    f = _fmt()
    makers = {p["id"]: p for p in t["partenaires"]}
    rows = []
    for p in sorted(t["produits"], key=lambda p: (p["categorie"], p["nom_fr"])):
        maker = makers.get(p["fabricant"], {})
        qty = f.number(p["quantite_nette"], 1) + "\u00a0" + p["unite"]
        basis = "100\u00a0ml" if p["unite"] in ("ml", "cl", "l") else "100\u00a0g"
        declares = not p.get("exemption_nutrition") and p.get("energie_kj") is not None
        rows.append({**p, "fabricant_nom": maker.get("nom", ""),
                     "energie": f"{nutrition.energy(p['energie_kj'], p['energie_kcal'])} pour "
                                f"{basis}" if declares else "",
                     "allergenes_noms": ", ".join(allergens.name(a)
                                                  for a in p.get("allergenes") or []),
                     "fabricant_commune": maker.get("commune", ""),
                     "prix": f.price(p["prix_ttc"]) if p.get("prix_ttc") is not None else "",
                     "quantite": qty})
    return rows


def _menus_by_id(t):
    return {m["id"]: m for m in t["menus"]}


def _plats(t, labels):
    f = _fmt()
    menus = _menus_by_id(t)
    names = {p["id"]: p["nom"] for p in t["partenaires"]}
    rows = []
    for d in sorted(t["plats"], key=lambda d: (d["menu"], d["ordre"], d["id"])):
        menu = menus[d["menu"]]
        producers = [names.get(p, p) for p in d.get("producteurs") or []]
        rows.append({**d, "site": menu["site"], "menu_titre": menu["titre_fr"],
                     "prix": f.price(d["prix_ttc"]),
                     "producteurs_noms": ", ".join(producers),
                     "fait_maison_label": labels.get("fait_maison", "") if d.get("fait_maison")
                     else "",
                     "regimes_label": ", ".join(_label(labels, "regime", r)
                                                for r in d.get("regimes") or [])})
    return rows


def _producteurs(t, labels):
    menus = _menus_by_id(t)
    partners = {p["id"]: p for p in t["partenaires"]}
    dishes = defaultdict(list)  # (site, producer) -> dish names
    for d in sorted(t["plats"], key=lambda d: (d["menu"], d["ordre"], d["id"])):
        for p in d.get("producteurs") or []:
            dishes[(menus[d["menu"]]["site"], p)].append(d["nom_fr"])
    rows = []
    unknown = {"type": "autre", "commune": ""}
    for (site, pid), names in dishes.items():
        p = partners.get(pid, {**unknown, "nom": pid})
        rows.append({"site": site, "id": pid, "nom": p["nom"],
                     "type_label": _label(labels, "type", p["type"]), "commune": p["commune"],
                     "plats": len(names), "plats_noms": ", ".join(names)})
    return sorted(rows, key=lambda r: (r["site"], r["nom"]))


def _menus(t, labels):
    f = _fmt()
    return [{**m, "validite": f.long_day(m["date_validite"]) if m.get("date_validite") else ""}
            for m in t["menus"]]


def _planning(t, labels):
    f = _fmt()
    rows = []
    for a in sorted(t["planning"], key=lambda a: (a["debut"], a["fin"], a["id"])):
        rows.append({**a, "volet_label": _label(labels, "volet", a["volet"]),
                     "debut_txt": f.day(a["debut"]), "fin_txt": f.day(a["fin"]),
                     "periode": _period(a["debut"], a["fin"]),
                     "mois": f.month_year(a["debut"]),
                     "jalon_label": labels.get("jalon", "") if a.get("jalon") else ""})
    return rows


def _indicateurs(t, labels):
    """Indicators against their targets: ``taux`` = réalisé ÷ cible × 100 (None until measured
    or when the target is 0)."""
    import pandas as pd

    f = _fmt()
    df = pd.DataFrame(t["indicateurs"], columns=["cible", "realise"], dtype=float)
    rates = (100 * df["realise"] / df["cible"].where(df["cible"] != 0)).round(1)
    rows = []
    for i, taux in zip(t["indicateurs"], rates, strict=True):
        taux = None if pd.isna(taux) else float(taux)
        done = i.get("realise")
        rows.append({**i, "volet_label": _label(labels, "volet", i["volet"]),
                     "cible_txt": f.number(i["cible"], 2),
                     "realise_txt": "—" if done is None else f.number(done, 2), "taux": taux,
                     "taux_txt": "—" if taux is None else f"{f.number(taux, 1)}\u00a0%"})
    return rows


def _budget_volets(t, labels):
    """The budget by volet: the strategy document's own sums (cent-rounded per line, as an
    invoice), so a deck and the document never disagree by a cent."""
    from .strategy import budget, volets

    f = _fmt()
    sums = budget(t["budget"], t["planning"], volets()).by_volet
    return [{"volet": v, "volet_label": _label(labels, "volet", v),
             "total_ht": float(sums.at[v, "ht"]), "total_ttc": float(sums.at[v, "ttc"]),
             "total_ht_txt": f.price(sums.at[v, "ht"]), "total_ttc_txt": f.price(sums.at[v, "ttc"])}
            for v in _ordered(labels.get("volet", {}), sums.index)]


def _projets(t, labels):
    rows = []
    for p in sorted(t["projets"], key=lambda p: (p["volet"], p["titre"])):
        rows.append({**p, "volet_label": _label(labels, "volet", p["volet"]),
                     "phase_label": _label(labels, "phase", p["phase"]),
                     "score": sum(p.get(v) or 0 for v in VALUES)})
    return rows


def _projets_phases(t, labels):
    """One row per phase (in the order of the labels), one count column per volet."""
    import pandas as pd

    df = pd.DataFrame(t["projets"], columns=["phase", "volet"])
    phases = list(labels.get("phase", {})) or sorted(df["phase"].unique())
    counts = pd.crosstab(df["phase"], df["volet"]).reindex(phases, fill_value=0)
    return [{"phase": ph, "phase_label": _label(labels, "phase", ph), "total": int(row.sum()),
             **{v.replace("-", "_"): int(n) for v, n in row.items()}}
            for ph, row in counts.iterrows()]


def _valeurs(t, labels):
    import pandas as pd

    means = pd.DataFrame(t["projets"], columns=VALUES).fillna(0).mean()
    return [{"valeur": v, "valeur_label": _label(labels, "valeur", v),
             "moyenne": round(float(means[v]), 2) if t["projets"] else 0.0} for v in VALUES]


def _volets(t, labels):
    """The volets that have indicators, in the labels' order (to repeat a slide per volet)."""
    have = {i["volet"] for i in t["indicateurs"]}
    order = _ordered(labels.get("volet", {}), have)
    return [{"volet": v, "volet_label": _label(labels, "volet", v),
             "indicateurs": sum(1 for i in t["indicateurs"] if i["volet"] == v)} for v in order]


BUILDERS = {
    "partenaires": _partenaires, "partenaires_statuts": _partenaires_statuts,
    "etapes": _etapes, "themes": _themes, "produits": _produits, "plats": _plats,
    "producteurs": _producteurs, "menus": _menus, "planning": _planning,
    "indicateurs": _indicateurs, "budget_volets": _budget_volets, "projets": _projets,
    "projets_phases": _projets_phases, "valeurs": _valeurs, "volets": _volets,
}


# --- Deck plans: templates/decks/<deck>.yaml -> the content of each slide ------------------------

class PlanError(ValueError):
    """A deck plan asks for something the data or the plan syntax cannot give."""


@dataclass
class SlideContent:
    """One slide as the plan describes it (before continuation slides are made)."""

    layout: str
    where: str  # « templates/decks/olhain.yaml › slide 4 » for error messages
    title: str = ""
    texts: dict[int, list[str]] = field(default_factory=dict)  # placeholder idx -> paragraphs
    picture: str | None = None  # project-relative path
    picture_fit: str = "crop"  # crop: fill the placeholder; contain: show all of it (maps)
    table: dict | None = None  # {"headers": [...], "rows": [[...]], "widths": [...]}
    chart: dict | None = None  # {"type", "categories", "series": [(name, values)], "number_format"}
    facts: list[tuple[str, str, bool]] = field(default_factory=list)  # (label, value, figure)
    notes: str = ""


# Which keys of a slide go to which placeholder idx (templates/decks.md).
TEXT_KEYS = {"text": 1, "left": 1, "right": 2, "caption": 2, "source": 2}
SLIDE_KEYS = {"layout", "title", "notes", "each", "picture", "picture_fit", "table", "chart",
              "facts", *TEXT_KEYS}
# Layouts whose design is built around a photograph: a slide on them must name one.
PICTURE_LAYOUTS = {"title", "section", "product", "picture with caption"}



def context(settings: dict, data: dict[str, list[dict]]) -> dict:
    """Fields every format string may use besides the row's own: the event and the counts."""
    f = _fmt()
    event = settings.get("event", {})
    ctx = {"event_name": event.get("name", ""),
           "event_start": f.long_day(event["start"]) if event.get("start") else "",
           "event_end": f.long_day(event["end"]) if event.get("end") else "",
           "date": f.long_day(settings["documents"]["date"]) if settings.get("documents") else ""}
    ctx.update({f"count_{name}": len(rows) for name, rows in data.items()})
    return ctx


def _text(template, row: dict, where: str) -> str:
    """A text the slide shows: formatted, then set by French typography (no-break spaces before
    « ; : ! ? » and units, ’, –; URLs and codes untouched)."""
    from .typography import french

    return french(_format(template, row, where))


def _format(template, row: dict, where: str) -> str:
    if not isinstance(template, str):
        return "" if template is None else str(template)
    try:
        return template.format_map(_Row(row))
    except KeyError as exc:
        fields = ", ".join(sorted(k for k in row if not k.startswith("count_")))
        raise PlanError(f"{where}: unknown field {{{exc.args[0]}}} in « {template} » — "
                        f"the fields here are: {fields}") from None
    except (ValueError, IndexError) as exc:
        raise PlanError(f"{where}: cannot read the format « {template} »: {exc}") from None


class _Row(dict):
    """Lists print as « a, b, c » and missing values as nothing, as a reader expects."""

    def __getitem__(self, key):
        value = super().__getitem__(key)
        if value is None:
            return ""
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return value


def select(spec: dict, data: dict[str, list[dict]], where: str,
           row: dict | None = None) -> list[dict]:
    """The rows a ``{data: name, where: {...}, sort: field, limit: n}`` block asks for; inside
    an ``each:`` slide a filter value may name the slide's row (``where: {volet: "{volet}"}``)."""
    name = spec.get("data")
    if name not in data:
        raise PlanError(f"{where}: unknown data set « {name} » — known: {', '.join(sorted(data))}")
    rows = data[name]
    for key, wanted in (spec.get("where") or {}).items():
        if rows and key not in rows[0]:
            raise PlanError(f"{where}: data set « {name} » has no field « {key} » to filter on")
        allowed = wanted if isinstance(wanted, list) else [wanted]
        allowed = [_format(a, row, where) if isinstance(a, str) and "{" in a else a
                   for a in allowed] if row is not None else allowed
        rows = [r for r in rows if r.get(key) in allowed]
    if spec.get("has"):
        rows = [r for r in rows if r.get(spec["has"])]
    if spec.get("sort"):  # « sort: -plats » sorts descending
        key = spec["sort"].lstrip("-")
        rows = sorted(rows, key=lambda r: (r.get(key) is None, r.get(key)),
                      reverse=spec["sort"].startswith("-"))
    if spec.get("limit"):
        rows = rows[: int(spec["limit"])]
    return rows


def _texts(value, row: dict, data, where: str) -> list[str]:
    """A text key: a string, a list of strings, or a list drawn from a data set."""
    if isinstance(value, dict):
        if "item" not in value:
            raise PlanError(f"{where}: a list from « {value.get('data')} » needs « item: "
                            "\"{{field}} …\" » saying what each line shows")
        return [_text(value["item"], {**row, **r}, where)
                for r in select(value, data, where, row)]
    if isinstance(value, list):
        return [_text(v, row, where) for v in value]
    return [_text(value, row, where)] if value not in (None, "") else []


def _table(spec: dict, row: dict, data, where: str) -> dict:
    cols = spec.get("columns") or []
    if not cols:
        raise PlanError(f"{where}: a table needs « columns: [{{header: …, value: …}}] »")
    rows = select(spec, data, where, row)
    body = [[_text(c["value"], {**row, **r}, where) for c in cols] for r in rows]
    align = []
    for j, c in enumerate(cols):
        if c.get("align") not in (None, "left", "right"):
            raise PlanError(f"{where}: a column's align is « left » or « right », "
                            f"not « {c['align']} »")
        values = [r[j] for r in body if r[j].strip()]
        auto = "right" if values and all(is_figure(v) for v in values) else "left"
        align.append(c.get("align") or auto)
    return {"headers": [_text(c.get("header", ""), row, where) for c in cols],
            "rows": body, "widths": [float(c.get("width", 1)) for c in cols], "align": align}


def _facts(spec, row: dict, where: str) -> list[tuple[str, str, bool]]:
    """``facts: [{label: Prix, value: "{prix}"}, …]``: the rows whose value is not empty."""
    if not isinstance(spec, list) or not all(isinstance(f, dict) and "label" in f
                                             and "value" in f for f in spec):
        raise PlanError(f"{where}: facts are a list of « {{label: …, value: \"{{field}}\"}} »")
    out = []
    for f in spec:
        value = _text(f["value"], row, where).strip()
        if value:
            out.append((_text(f["label"], row, where), value, is_figure(value)))
    return out


def _chart(spec: dict, row: dict, data, where: str) -> dict:
    rows = select(spec, data, where, row)
    cat = spec.get("categories")
    series = spec.get("series") or []
    if not cat or not series:
        raise PlanError(f"{where}: a chart needs « categories: field » and « series: "
                        "[{name: …, value: field}] »")
    out = []
    for s in series:
        values = []
        for r in rows:
            v = r.get(s["value"])
            if s["value"] not in r or not isinstance(v, (int, float)) or isinstance(v, bool):
                if v is None and s["value"] in r:
                    values.append(None)
                    continue
                raise PlanError(f"{where}: chart series « {s.get('name')} » needs a number field; "
                                f"« {s['value']} » is {v!r}")
            values.append(v)
        out.append((_text(s.get("name", s["value"]), row, where), values))
    return {"type": spec.get("type", "column"),
            "categories": [_text("{" + cat + "}", r, where) for r in rows],
            "series": out, "number_format": spec.get("number_format", "General"),
            "labels": bool(spec.get("data_labels", True))}


def expand(plan: dict, data: dict[str, list[dict]], ctx: dict, source: str) -> list[SlideContent]:
    """The slides of a plan: ``each:`` repeats a slide once per row of a data set."""
    slides = []
    for n, spec in enumerate(plan.get("slides") or [], start=1):
        where = f"{source} › slide {n}"
        if not isinstance(spec, dict) or "layout" not in spec:
            raise PlanError(f"{where}: each slide needs « layout: » (one of the master's layouts)")
        unknown = set(spec) - SLIDE_KEYS
        if unknown:
            raise PlanError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} — "
                            f"a slide may have: {', '.join(sorted(SLIDE_KEYS))}")
        rows = select(spec["each"], data, where) if spec.get("each") else [{}]
        for r in rows:
            row = {**ctx, **r}
            s = SlideContent(spec["layout"], where, _text(spec.get("title", ""), row, where))
            for key, idx in TEXT_KEYS.items():
                if key in spec:
                    s.texts[idx] = _texts(spec[key], row, data, where)
            if spec.get("picture"):
                s.picture = _format(spec["picture"], row, where)
                s.picture_fit = spec.get("picture_fit", "crop")
                if s.picture_fit not in ("crop", "contain"):
                    raise PlanError(f"{where}: picture_fit is « crop » or « contain », "
                                    f"not « {s.picture_fit} »")
            if spec.get("table"):
                s.table = _table(spec["table"], row, data, where)
            if spec.get("chart"):
                s.chart = _chart(spec["chart"], row, data, where)
            if spec.get("facts"):
                s.facts = _facts(spec["facts"], row, where)
            if " ".join(s.layout.split()).lower() in PICTURE_LAYOUTS and not s.picture:
                raise PlanError(f"{where}: the layout « {s.layout} » is designed around a "
                                "photograph: name one with « picture: » (a file of inputs/images/)")
            s.notes = _text(spec.get("notes", ""), row, where).strip()
            slides.append(s)
    return slides


def plan_tables(plan: dict) -> set[str]:
    """The input tables a plan reads (for the job's inputs)."""
    names = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("data"), str):
                names.add(node["data"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(plan.get("slides"))
    return {t for n in names for t in DATASET_TABLES.get(n, [])}
