"""Parcours noir signage: trail arithmetic, legibility rules, the map's projection, and the real
workflow (panels for every stop, QR codes that decode, boxes, fonts, incremental rebuilds)."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from atelier.content.trail import (
    bearing_deg,
    compass,
    date_range,
    distance_text,
    duration_text,
    haversine_km,
    hours_text,
    leg,
    next_stops,
)
from atelier.render.signage import SignageError, contrast, draw_panel, panel_content
from atelier.render.svgdoc import load_template
from atelier.render.trailmap import Projection
from tests.conftest import ROOT, copy_built, edit_cell, rows_of, snakemake
from tests.pdfcheck import boxes_mm, decode_codes, fonts

PANELS = ROOT / "templates" / "signage"


def reference_haversine(lat1, lon1, lat2, lon2, r=6371.0088):
    """Written again here on purpose: the test must not reuse the code it checks."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((phi2 - phi1) / 2) ** 2
         + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * r * math.atan2(math.sqrt(h), math.sqrt(1 - h))


def stop(**kw) -> dict:
    base = {"id": "test-stop", "numero": 1, "nom": "Lens, la friterie d'essai", "theme": "frites",
            "partenaire": None, "adresse": "Rue de la Gare", "commune": "Lens",
            "latitude": 50.4272, "longitude": 2.8302, "horaires": "Mar.–Dim. 11 h – 22 h",
            "date_debut": "2020-05-28", "date_fin": "2020-06-30",
            "texte_fr": "Une friterie au pied du terril.",
            "texte_en": "A chip shop by the slag heap.",
            "texte_ja": "ボタ山のふもとのフリッツ店。", "url": "https://example.org/etape",
            "format_panneau": "a2", "distance_lecture_m": 2.0}
    base.update(kw)
    return base


# -- trail arithmetic ------------------------------------------------------------------------------

def test_distances_agree_with_an_independent_haversine(settings):
    conf = settings["signage"]
    arras, lens = stop(latitude=50.2915, longitude=2.778), stop(id="b", latitude=50.4312,
                                                                longitude=2.8035, numero=2)
    want = reference_haversine(50.2915, 2.778, 50.4312, 2.8035)
    assert haversine_km(50.2915, 2.778, 50.4312, 2.8035) == pytest.approx(want, rel=1e-9)
    lg = leg(arras, lens, conf["detour_factor"], conf["walking_speed_kmh"])
    assert lg.walk_km == pytest.approx(want * conf["detour_factor"])
    assert lg.minutes % 5 == 0
    assert lg.minutes >= lg.walk_km / conf["walking_speed_kmh"] * 60
    assert compass(lg.bearing)[0] == "nord"  # Lens is north of Arras


def test_bearings_and_compass():
    assert bearing_deg(50.0, 3.0, 50.1, 3.0) == pytest.approx(0, abs=1e-6)
    assert bearing_deg(50.0, 3.0, 50.0, 3.1) == pytest.approx(90, abs=0.1)
    assert compass(225)[0] == "sud-ouest" and compass(350)[1] == "north"


def test_next_stop_follows_the_numbers_and_the_last_has_none():
    stops = [stop(id="c", numero=3), stop(id="a", numero=1), stop(id="b", numero=2)]
    nxt = next_stops(stops)
    assert nxt["a"]["id"] == "b" and nxt["b"]["id"] == "c" and nxt["c"] is None


def test_french_texts():
    assert distance_text(0.42) == "400\u00a0m"
    assert distance_text(1.94) == "1,9\u00a0km"
    assert distance_text(26.6) == "27\u00a0km"
    assert duration_text(25) == "25\u00a0min" and duration_text(65) == "1\u00a0h\u00a005"
    # a range of dates never broken over two lines, a line never starting with the dash
    assert date_range("2020-05-28", "2020-06-30") == "28\u00a0mai\u00a0–\u00a030\u00a0juin\u00a02020"
    assert date_range("2020-06-03", "2020-06-27") == "3\u00a0–\u00a027\u00a0juin\u00a02020"
    assert hours_text("10 h – 18 h") == "10\u00a0h – 18\u00a0h"


# -- rules ---------------------------------------------------------------------------------------

def test_wcag_contrast():
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def _panel(settings, **kw):
    s = stop(**kw)
    tpl = load_template(PANELS / f"panel-{s['format_panneau']}.svg")
    return draw_panel(panel_content(s, None, None, 18, settings), tpl, settings)


def test_a_sample_panel_meets_every_rule(settings):
    d = _panel(settings)
    conf = settings["signage"]
    letters = d.checks["letters_mm"]
    assert min(letters.values()) >= conf["letter_min_mm"]
    assert letters["orientation"] >= conf["orientation_letter_min_mm"]
    for role in conf["distance_rule_roles"]:
        assert letters[role] >= conf["letter_height_ratio"] * 2000 - 1e-6
    assert min(d.checks["contrast"].values()) >= conf["contrast_min"]
    # sized for the scanning distance (0.75 m → 75 mm), not for the 2 m reading distance
    assert d.checks["qr"]["width_mm"] == pytest.approx(
        conf["qr_scan_distance_m"] * conf["qr_distance_ratio"] * 1000, abs=0.05)
    assert d.checks["qr"]["module_mm"] >= 1
    assert "utm_medium=signaletique" in d.checks["qr"]["data"]


def test_a_scanning_distance_the_frame_cannot_serve_fails_naming_the_rule(settings):
    settings = json.loads(json.dumps(settings))
    settings["signage"]["qr_scan_distance_m"] = 3
    with pytest.raises(SignageError, match=r"QR code fits frame-qr.*3 m.*needs 300 mm"):
        _panel(settings)


def test_reading_distance_too_far_for_the_letters(settings):
    # the QR rule switched off: the letters rule is what fails then
    settings = json.loads(json.dumps(settings))
    settings["signage"]["qr_distance_ratio"] = 0
    with pytest.raises(SignageError,
                       match=r"number text .*does not fit.*reading distance = 120 mm"):
        _panel(settings, distance_lecture_m=12)


def test_too_long_text_fails_naming_the_stop(settings):
    with pytest.raises(SignageError, match=r"test-stop: the body text .*does not fit"):
        _panel(settings, texte_fr="Un texte beaucoup trop long pour un panneau. " * 40)


def test_low_contrast_template_fails(settings, tmp_path):
    svg = (PANELS / "panel-a2.svg").read_text(encoding="utf-8").replace(
        'id="frame-info"', 'id="frame-info" data-background="themes.design"', 1).replace(
        'data-colour="text.on_dark_secondary"', 'data-colour="parcours_noir.schiste"', 1)
    path = tmp_path / "panel-a2.svg"
    path.write_text(svg, encoding="utf-8")
    s = stop()
    with pytest.raises(SignageError, match=r"contrast ≥ 4.5:1.*info text"):
        draw_panel(panel_content(s, None, None, 18, settings), load_template(path), settings)


# -- the map -------------------------------------------------------------------------------------

def test_projection_keeps_distances_and_directions():
    pts = [(50.2915, 2.778), (50.4852, 2.5447), (50.3592, 3.5205), (50.4642, 2.9935)]
    proj = Projection.fit(pts, 0, 0, 600, 400, 10)
    xy = [proj.project(*p) for p in pts]
    for i in range(len(pts)):
        for j in range(i + 1, len(pts)):
            km = math.dist(xy[i], xy[j]) / proj.mm_per_km
            assert km == pytest.approx(reference_haversine(*pts[i], *pts[j]), rel=0.003)
    assert xy[2][0] > xy[0][0]  # Valenciennes east of Arras
    assert xy[1][1] < xy[0][1]  # Bruay north of Arras: higher on the page
    assert all(10 - 1e-6 <= x <= 590 + 1e-6 and 10 - 1e-6 <= y <= 390 + 1e-6 for x, y in xy)


# -- the workflow --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(sample_build, tmp_path_factory):
    """A copy of the sample's build (the tests edit stops in it)."""
    return copy_built(sample_build, tmp_path_factory.mktemp("signage") / "project")


def _stops(project: Path) -> list[dict]:
    return sorted(rows_of(project / "inputs" / "etapes.xlsx"), key=lambda r: r["numero"])


@pytest.mark.slow
def test_every_stop_has_its_panel_and_its_qr_decodes(built):
    stops = _stops(built)
    out = built / "build" / "print" / "signage"
    for s in stops:
        pdf = out / f"{s['id']}.pdf"
        assert pdf.exists(), s["id"]
        codes = decode_codes(pdf, dpi=80)  # 75 mm codes of ~1.8 mm modules: 5 px each
        assert len(codes) == 1, s["id"]
        kind, url = codes[0]
        assert kind == "QR" and url.startswith(s["url"] + "?")
        assert "utm_medium=signaletique" in url and "utm_campaign=parcours-noir-2020" in url
    boxes = boxes_mm(out / f"{stops[0]['id']}.pdf")
    assert boxes["TrimBox"][2] - boxes["TrimBox"][0] == pytest.approx(420, abs=0.01)
    assert boxes["BleedBox"][2] - boxes["BleedBox"][0] == pytest.approx(426, abs=0.01)
    for name in ("carte-parcours", "depliant", stops[0]["id"]):
        found = fonts(out / f"{name}.pdf")
        assert found and all(found.values()), name
    for side in (0, 1):  # the roll fold: one A4 landscape sheet, recto and verso
        dl = boxes_mm(out / "depliant.pdf", side)
        assert dl["TrimBox"][2] - dl["TrimBox"][0] == pytest.approx(297, abs=0.01)
        assert dl["TrimBox"][3] - dl["TrimBox"][1] == pytest.approx(210, abs=0.01)
    assert (built / "build" / "proofs" / "signage" / "carte-parcours.png").exists()


@pytest.mark.slow
def test_panels_show_the_independently_computed_next_leg(built, settings):
    conf = settings["signage"]
    stops = _stops(built)
    state = json.loads((built / "build" / "state" / "signage-panels.json").read_text())
    for a, b in zip(stops, stops[1:], strict=False):
        nxt = state[a["id"]]["checks"]["next"]
        want = reference_haversine(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
        assert nxt["id"] == b["id"]
        assert nxt["straight_km"] == pytest.approx(want, abs=0.001)
        assert nxt["walk_km"] == pytest.approx(want * conf["detour_factor"], abs=0.002)
    assert state[stops[-1]["id"]]["checks"]["next"] is None


@pytest.mark.slow
def test_map_places_each_marker_where_its_coordinates_project(built):
    proofs = built / "build" / "proofs" / "signage"
    side = json.loads((proofs / "carte-parcours.json").read_text())
    p = side["projection"]
    proj = Projection(p["lat0"], p["lon0"], p["mm_per_km"], *p["centre_mm"])
    svg = ET.parse(proofs / "carte-parcours.svg").getroot()
    circles = {c.get("id"): c for c in svg.iter("{http://www.w3.org/2000/svg}circle")}
    stops = _stops(built)
    for s in stops:
        x, y = proj.project(s["latitude"], s["longitude"])
        at = circles[f"at-{s['id']}"]
        assert float(at.get("cx")) == pytest.approx(x, abs=0.01)
        assert float(at.get("cy")) == pytest.approx(y, abs=0.01)
        marker = circles[f"marker-{s['id']}"]
        assert marker.get("data-numero") == str(s["numero"])
        # a marker moved off a neighbour stays close, and its leader line shows where it was
        assert math.dist((float(marker.get("cx")), float(marker.get("cy"))), (x, y)) < 30
    # the scale bar is true to the projection
    km = float(re.match(r"([\d,]+)", side["scale_bar"]["caption"])[1].replace(",", "."))
    assert side["scale_bar"]["length_mm"] == pytest.approx(km * p["mm_per_km"], rel=1e-3)
    # and the scale itself agrees with great-circle distances between two far stops
    a, b = stops[0], stops[-1]
    ma, mb = side["markers"][a["id"]]["at_mm"], side["markers"][b["id"]]["at_mm"]
    want = reference_haversine(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    assert math.dist(ma, mb) / p["mm_per_km"] == pytest.approx(want, rel=0.003)


def _snapshot(project: Path) -> dict[str, bytes]:
    out = {}
    for folder in ("print/signage", "proofs/signage"):
        for p in sorted((project / "build" / folder).iterdir()):
            out[f"{folder}/{p.name}"] = p.read_bytes()
    return out


@pytest.mark.slow
def test_editing_one_stop_rewrites_only_what_shows_it(built):
    stops = _stops(built)
    before = _snapshot(built)
    # a text edit: that panel only
    edit_cell(built / "inputs" / "etapes.xlsx", "id", stops[5]["id"], "texte_fr",
              stops[5]["texte_fr"] + " Nouveau : visites guidées le dimanche.")
    snakemake(built, "signage")
    after = _snapshot(built)
    changed = sorted(k for k in after if after[k] != before.get(k))
    sid = stops[5]["id"]
    assert changed == [f"print/signage/{sid}.pdf", f"proofs/signage/{sid}.png"]
    # a name edit: that panel, the previous one (its arrow names it), the map (its labels)
    # and the leaflet
    edit_cell(built / "inputs" / "etapes.xlsx", "id", stops[5]["id"], "nom", "Les terrils jumeaux")
    snakemake(built, "signage")
    again = _snapshot(built)
    changed = {k for k in again if again[k] != after.get(k)}
    assert {f"print/signage/{stops[5]['id']}.pdf", f"print/signage/{stops[4]['id']}.pdf",
            "print/signage/depliant.pdf", "print/signage/carte-parcours.pdf"} <= changed
    assert not any(stops[i]["id"] in k for k in changed for i in (0, 1, 2, 3, 6, 7))


@pytest.mark.slow
def test_a_panel_that_breaks_a_rule_stops_the_build_naming_stop_and_rule(built):
    # last test of the module: it leaves the shared project failed
    target = _stops(built)[2]["id"]
    edit_cell(built / "inputs" / "etapes.xlsx", "id", target, "distance_lecture_m", 15)
    proc = snakemake(built, "signage", check=False)
    assert proc.returncode != 0
    err = proc.stdout + proc.stderr
    assert target in err and "letter_height_ratio × reading distance = 150 mm" in err
    assert "etapes.xlsx" in err
    assert "Traceback" not in err
