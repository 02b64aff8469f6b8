"""The trail as a walker sees it: stops in order, and from each the way to the next one.

Distances are great-circle (haversine) distances between the stops' coordinates, lengthened by
``detour_factor`` because streets are never straight. The way to the next stop is given in the
mode that fits its distance (``signage.guidance``): on foot up to ``walk_max_km``, by bike up to
``bike_max_km``, else by car — each at its own speed — unless the studio names a public-transport
line for that leg. Nobody walks 27 km between two stops of a food trail.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .formats import long_day, number
from .typography import NBSP, typeset

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
# « Frites · Fries · フリッツ »: the separator stays with what precedes it, so that no line
# starts with it.
SEP = NBSP + "· "

# Theme names as visitors read them (the schema's enum, in the three languages of the panels).
THEMES = {
    "frites": ("Frites", "Fries", "フリッツ"),
    "street-food": ("Street food", "Street food", "ストリートフード"),
    "fermentation": ("Fermentation", "Fermentation", "発酵"),
    "design": ("Design", "Design", "デザイン"),
    "architecture": ("Architecture", "Architecture", "建築"),
    "photographie": ("Photographie", "Photography", "写真"),
    "mobilite": ("Mobilité", "Mobility", "モビリティ"),
    "textile": ("Textile", "Textile", "テキスタイル"),
}

# Eight compass points, clockwise from north, in French, English and Japanese.
COMPASS = [("nord", "north", "北"), ("nord-est", "north-east", "北東"), ("est", "east", "東"),
           ("sud-est", "south-east", "南東"), ("sud", "south", "南"),
           ("sud-ouest", "south-west", "南西"), ("ouest", "west", "西"),
           ("nord-ouest", "north-west", "北西")]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from point 1 to point 2, degrees clockwise from north."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(x, y)) % 360


def compass(bearing: float) -> tuple[str, str, str]:
    return COMPASS[round(bearing / 45) % 8]


# How each mode reads on a panel: French (the orientation line), English, Japanese.
MODES = {
    "walk": ("à pied", "on foot", "徒歩"),
    "bike": ("à vélo", "by bike", "自転車"),
    "car": ("en voiture", "by car", "車"),
    "transit": ("en transport en commun", "by public transport", "公共交通機関"),
}
# The brand pictogram of each mode (brand/pictos/).
MODE_PICTOS = {"walk": "marcheur", "bike": "mobilite", "car": "voiture", "transit": "bus"}


class GuidanceError(ValueError):
    """A setting of ``signage.guidance`` names a stop that does not exist, or is inconsistent."""


@dataclass(frozen=True)
class Guidance:
    """How to send people on (``signage.guidance`` in config/settings.yaml)."""

    detour_factor: float
    walking_speed_kmh: float
    walk_max_km: float
    bike_max_km: float
    cycling_speed_kmh: float
    driving_speed_kmh: float
    transit: tuple = ()  # ((from id, to id, line, minutes), ...)

    @classmethod
    def of(cls, conf: dict) -> Guidance:
        g = conf.get("guidance", {})
        transit = tuple((t["from"], t["to"], t["line"], int(t["minutes"]))
                        for t in g.get("transit", []))
        return cls(conf["detour_factor"], conf["walking_speed_kmh"], g.get("walk_max_km", 2.0),
                   g.get("bike_max_km", 15.0), g.get("cycling_speed_kmh", 15.0),
                   g.get("driving_speed_kmh", 40.0), transit)

    def check_stops(self, ids) -> None:
        """Every public-transport leg names two existing stops (a located error otherwise)."""
        known = set(ids)
        bad = [f"signage.guidance.transit[{i}].{k} = {v!r}"
               for i, t in enumerate(self.transit) for k, v in (("from", t[0]), ("to", t[1]))
               if v not in known]
        if bad:
            raise GuidanceError("config/settings.yaml › " + "; ".join(bad)
                                + " — expected the id of a stop in etapes")


@dataclass(frozen=True)
class Leg:
    """From one stop to the next."""

    to_id: str
    to_numero: int
    to_name: str
    to_commune: str
    straight_km: float
    walk_km: float  # straight_km × detour factor: the distance by the streets
    minutes: int  # in ``mode``, rounded up to 5 minutes (nobody reads « 23 min » as exact)
    bearing: float
    mode: str = "walk"  # walk, bike, car, transit (``MODES``)
    line: str | None = None  # the public-transport line, for ``transit``

    @property
    def direction(self) -> tuple[str, str, str]:
        return compass(self.bearing)

    @property
    def mode_words(self) -> tuple[str, str, str]:
        return MODES[self.mode]


def _rounded_minutes(km: float, speed_kmh: float) -> int:
    return max(5, 5 * math.ceil(km / speed_kmh * 60 / 5 - 1e-9))


def leg(a: dict, b: dict, detour_factor: float | Guidance, speed_kmh: float | None = None) -> Leg:
    """The way from stop ``a`` to stop ``b``. Given a ``Guidance``, in the mode that fits the
    distance; given a detour factor and a speed, on foot (the old call)."""
    g = detour_factor if isinstance(detour_factor, Guidance) else Guidance(
        detour_factor, speed_kmh, math.inf, math.inf, 1.0, 1.0)
    straight = haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    route = straight * g.detour_factor
    bearing = bearing_deg(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    line = next(((name, minutes) for f, t, name, minutes in g.transit
                 if f == a["id"] and t == b["id"]), None)
    if route <= g.walk_max_km:
        mode, minutes = "walk", _rounded_minutes(route, g.walking_speed_kmh)
    elif line:
        mode, minutes = "transit", line[1]
    elif route <= g.bike_max_km:
        mode, minutes = "bike", _rounded_minutes(route, g.cycling_speed_kmh)
    else:
        mode, minutes = "car", _rounded_minutes(route, g.driving_speed_kmh)
    return Leg(b["id"], b["numero"], b["nom"], b["commune"], straight, route, minutes, bearing,
               mode, line[0] if mode == "transit" else None)


# What people wrote on a stop (and on its partner), in the language each field is written in:
# set by that language's typography (apostrophes, no-break spaces before « : » and dashes…)
# before anything is measured or drawn. Ids, URLs and numbers are never touched.
STOP_TEXTS = {"nom": "fr", "adresse": "fr", "commune": "fr", "horaires": "fr", "texte_fr": "fr",
              "texte_en": "en"}
PARTNER_TEXTS = {"nom": "fr", "adresse": "fr", "commune": "fr"}


def typeset_texts(row: dict | None, fields: dict[str, str] = STOP_TEXTS) -> dict | None:
    """A copy of a stop (or, with ``PARTNER_TEXTS``, a partner) with its texts typeset."""
    if row is None:
        return None
    out = dict(row)
    for key, lang in fields.items():
        if isinstance(out.get(key), str):
            out[key] = typeset(out[key], lang)
    return out


def in_order(stops: list[dict]) -> list[dict]:
    return sorted(stops, key=lambda s: (s["numero"], s["id"]))


def next_stops(stops: list[dict]) -> dict[str, dict | None]:
    """Each stop's id -> the stop that follows it on the trail (None for the last one)."""
    order = in_order(stops)
    return {s["id"]: (order[i + 1] if i + 1 < len(order) else None) for i, s in enumerate(order)}


def distance_text(km: float) -> str:
    """« 850 m » under a kilometre (to 50 m), else « 1,9 km » / « 24 km »."""
    if km < 0.95:
        return f"{max(50, round(km * 1000 / 50) * 50)}\u00a0m"
    return f"{number(km, 1 if km < 10 else 0)}\u00a0km"


def duration_text(minutes: int) -> str:
    """« 25 min », « 1 h 05 »."""
    if minutes < 60:
        return f"{minutes}\u00a0min"
    return f"{minutes // 60}\u00a0h\u00a0{minutes % 60:02d}"


def hours_text(text: str) -> str:
    """Opening hours with « 10 h » kept on one line (a no-break space between figure and h)."""
    return re.sub(r"(\d) (h)\b", "\\1\u00a0\\2", text)


def date_range(start: str, end: str) -> str:
    """« 3 – 27 juin 2020 », « 28 mai – 30 juin 2020 », « 1 déc. 2019 – 2 janv. 2020 » style,
    without repeating what both ends share. A range is read as one: it is never broken over two
    lines (no-break spaces inside each date and around the dash); a line breaks before it."""
    a, b = long_day(start).split(" "), long_day(end).split(" ")
    nb = NBSP.join
    if start == end:
        return nb(a)
    if a[2] != b[2]:
        return f"{nb(a)}{NBSP}–{NBSP}{nb(b)}"
    if a[1] != b[1]:
        return f"{nb(a[:2])}{NBSP}–{NBSP}{nb(b)}"
    return f"{a[0]}{NBSP}–{NBSP}{nb(b)}"


__all__ = ["COMPASS", "MODES", "MODE_PICTOS", "SEP", "THEMES", "Guidance", "GuidanceError", "Leg",
           "bearing_deg", "compass", "date_range", "distance_text", "duration_text",
           "haversine_km", "hours_text", "in_order", "leg", "next_stops", "typeset_texts",
           "PARTNER_TEXTS", "STOP_TEXTS"]
