"""The trail as a walker sees it: stops in order, and from each the way to the next one.

Distances are great-circle (haversine) distances between the stops' coordinates, lengthened by
``detour_factor`` because streets are never straight; walking time is that distance at
``walking_speed_kmh``. Both are settings (``signage`` in config/settings.yaml).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .formats import long_day, number

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius

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


@dataclass(frozen=True)
class Leg:
    """From one stop to the next."""

    to_id: str
    to_numero: int
    to_name: str
    to_commune: str
    straight_km: float
    walk_km: float  # straight_km × detour factor
    minutes: int  # walking time, rounded up to 5 minutes (nobody reads « 23 min » as exact)
    bearing: float

    @property
    def direction(self) -> tuple[str, str, str]:
        return compass(self.bearing)


def leg(a: dict, b: dict, detour_factor: float, speed_kmh: float) -> Leg:
    straight = haversine_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    walk = straight * detour_factor
    minutes = max(5, 5 * math.ceil(walk / speed_kmh * 60 / 5 - 1e-9))
    return Leg(b["id"], b["numero"], b["nom"], b["commune"], straight, walk, minutes,
               bearing_deg(a["latitude"], a["longitude"], b["latitude"], b["longitude"]))


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
    without repeating what both ends share."""
    a, b = long_day(start).split(" "), long_day(end).split(" ")
    if start == end:
        return " ".join(a)
    if a[2] != b[2]:
        return f"{' '.join(a)} – {' '.join(b)}"
    if a[1] != b[1]:
        return f"{a[0]} {a[1]} – {' '.join(b)}"
    return f"{a[0]} – {' '.join(b)}"


__all__ = ["COMPASS", "THEMES", "Leg", "bearing_deg", "compass", "date_range", "distance_text",
           "duration_text", "haversine_km", "hours_text", "in_order", "leg", "next_stops"]
