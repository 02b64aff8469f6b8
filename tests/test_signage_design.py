"""Parcours noir signage as a designer and a printer check it, on the produced files: guidance
by the mode that fits the distance, orientation letters ≥ 15 mm read from the PDF, the QR code
sized for the scanning distance and decoded by zbar and zxing-cpp at 150 and 300 dpi, every stop
labelled on the map with no overlap (label boxes read back), the leaflet's panels measured from
its fold marks. Each rule has a counter-example that breaks it."""

from __future__ import annotations

import json
import math
import random
import shutil
from pathlib import Path

import pytest

from atelier import brand
from atelier.content.trail import Guidance, GuidanceError, haversine_km, leg
from atelier.layout.fonts import Face
from atelier.print.boxes import set_boxes
from atelier.render.canvas import Canvas, PrintGeometry, render_pdf
from atelier.render.labelplace import Item, Unplaceable, crossed, disc_box, place, segment_hits
from atelier.render.labelplace import overlap as box_overlap
from atelier.render.signage import SignageError, draw_panel, leaflet_folds, panel_content
from atelier.render.svgdoc import load_template
from atelier.render.trailmap import Basemap, cluster, label_lines
from tests.conftest import ROOT, rows_of, snakemake
from tests.signagecheck import fold_marks, glyph_heights, overlaps, qr_codes, text_lines

TEMPLATES = ROOT / "templates" / "signage"


def _stop(**kw) -> dict:
    base = {"id": "a", "numero": 1, "nom": "Lens, la friterie d'essai", "theme": "frites",
            "partenaire": None, "adresse": "Rue de la Gare", "commune": "Lens",
            "latitude": 50.4272, "longitude": 2.8302, "horaires": "Mar.–Dim. 11 h – 22 h",
            "date_debut": "2020-05-28", "date_fin": "2020-06-30",
            "texte_fr": "Une friterie au pied du terril.", "texte_en": "A chip shop.",
            "texte_ja": "フリッツ店。", "url": "https://example.org/etape",
            "format_panneau": "a2", "distance_lecture_m": 2.0}
    base.update(kw)
    return base


# -- guidance --------------------------------------------------------------------------------------

def _east(km: float) -> dict:
    """A stop ``km`` (straight line) east of _stop()."""
    dlon = km / (haversine_km(50.4272, 2.8302, 50.4272, 2.8402) / 0.01)
    return _stop(id="b", numero=2, nom="Ailleurs", longitude=2.8302 + dlon)


def test_the_mode_fits_the_distance(settings):
    g = Guidance.of(settings["signage"])
    conf = settings["signage"]["guidance"]
    short = leg(_stop(), _east(1.0), g)  # 1.3 km by the streets: on foot
    assert short.mode == "walk" and short.walk_km <= conf["walk_max_km"]
    assert short.minutes >= short.walk_km / settings["signage"]["walking_speed_kmh"] * 60
    middle = leg(_stop(), _east(6.0), g)
    assert middle.mode == "bike"
    assert middle.minutes >= middle.walk_km / conf["cycling_speed_kmh"] * 60
    far = leg(_stop(), _east(20.9), g)  # Arras → Olhain: 27 km, never « 6 h 05 » on foot
    assert far.mode == "car" and far.minutes <= 60
    # counter-example: the old rule (everything on foot) gives hours of walking
    assert leg(_stop(), _east(20.9), 1.3, 4.5).minutes > 300


def test_a_public_transport_line_named_in_the_settings(settings):
    conf = json.loads(json.dumps(settings["signage"]))
    conf["guidance"]["transit"] = [{"from": "a", "to": "b", "line": "Bus 1", "minutes": 25}]
    g = Guidance.of(conf)
    lg = leg(_stop(), _east(6.0), g)
    assert (lg.mode, lg.line, lg.minutes) == ("transit", "Bus 1", 25)
    assert leg(_stop(), _east(1.0), g).mode == "walk"  # on foot still wins under 2 km
    conf["guidance"]["transit"][0]["to"] = "nowhere"
    with pytest.raises(GuidanceError, match=r"transit\[0\]\.to = 'nowhere'.*expected the id"):
        Guidance.of(conf).check_stops(["a", "b"])


def test_no_sample_panel_sends_walkers_beyond_2_km(settings):
    stops = sorted(rows_of(ROOT / "inputs" / "etapes.xlsx"), key=lambda r: r["numero"])
    g = Guidance.of(settings["signage"])
    modes = []
    for a, b in zip(stops, stops[1:], strict=False):
        lg = leg(a, b, g)
        modes.append(lg.mode)
        if lg.mode == "walk":
            assert lg.walk_km <= settings["signage"]["guidance"]["walk_max_km"]
    assert "car" in modes and "bike" in modes and "walk" in modes


# -- label placement -------------------------------------------------------------------------------

def _random_items(seed: int, n: int) -> list[Item]:
    """``n`` stops scattered over a 400 × 200 mm map, outside its legend, 10 mm apart at least
    (markers 6 mm wide), with labels of one or two lines like the trail's names."""
    rnd = random.Random(seed)
    out: list[Item] = []
    while len(out) < n:
        x, y = rnd.uniform(20, 380), rnd.uniform(15, 185)
        if (x > 290 and y > 140) or any(math.hypot(x - o.x, y - o.y) < 10 for o in out):
            continue
        out.append(Item(f"s{len(out)}", x, y, 3.0, rnd.uniform(15, 45), rnd.choice([4.5, 9.5])))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_labels_never_overlap_labels_markers_or_taken_areas(seed):
    items = _random_items(seed, 18)
    legend = (300, 150, 400, 200)
    placed = place(items, (0, 0, 400, 200), [legend], gap=1, step=5, rings=10)
    boxes = [p.box for p in placed.values()]
    assert set(placed) == {it.id for it in items}  # every point labelled
    for i, a in enumerate(boxes):
        assert not box_overlap(a, legend)
        assert 0 <= a[0] and a[2] <= 400 and 0 <= a[1] and a[3] <= 200
        for b in boxes[i + 1:]:
            assert not box_overlap(a, b)
        for it in items:
            assert not box_overlap(a, disc_box(it.x, it.y, it.radius))
    for p in placed.values():
        if p.leader:
            for it in items:
                if it.id != p.id:
                    assert not segment_hits(*p.leader, disc_box(it.x, it.y, it.radius))


def test_labels_keep_a_gap_and_keep_off_the_route():
    # the route runs right through the best place (right of the point): the label goes elsewhere
    it = Item("s", 50, 50, 3, 30, 5)
    route = [(50, 50, 100, 48)]
    free = place([it], (0, 0, 200, 100), [], gap=1, step=5)["s"].box
    assert crossed(route[0], free) > 5  # where it would go without the route
    moved = place([it], (0, 0, 200, 100), [], gap=1, step=5, avoid=route)["s"].box
    assert crossed(route[0], moved) == 0
    # two labels never touch: a gap apart, or they read as one block
    pair = place([Item("a", 50, 50, 3, 30, 5), Item("b", 50, 58, 3, 30, 5)], (0, 0, 200, 100), [],
                 gap=1, step=5)
    a, b = pair["a"].box, pair["b"].box
    assert not box_overlap((a[0] - 1, a[1] - 1, a[2] + 1, a[3] + 1), b)


def test_long_names_are_labelled_on_two_balanced_lines():
    assert label_lines("La Cité des Électriciens") == (["La Cité", "des Électriciens"], 2)
    assert label_lines("Arras, le marché noir des Héros") == (["Arras,", "le marché noir des Héros"], 1)
    assert label_lines("Le Carin gourmand") == (["Le Carin gourmand"], 1)


@pytest.mark.slow
def test_the_route_runs_through_no_map_label(built):
    """Read from the map's sidecar: the route runs through no label's box (before, 10.6 mm of it
    ran through « La Cité des Électriciens » and 9.9 mm through the inset's « Les terrils
    jumeaux du 11/19 »)."""
    side = json.loads((built / "build" / "proofs" / "signage" / "carte-parcours.json").read_text())
    for part in (side, side["inset"]):
        route = part["route_mm"]
        segments = [(*a, *b) for a, b in zip(route, route[1:], strict=False)]
        for stop, label in part["labels"].items():
            box = label["box_mm"]
            assert sum(crossed(s, box) for s in segments) < 0.5, stop  # the sidecar's rounding


def test_a_crowd_with_no_room_is_named_not_overlapped():
    items = [Item(f"s{i}", 10 + i, 10, 3, 60, 5) for i in range(6)]
    with pytest.raises(Unplaceable) as exc:
        place(items, (0, 0, 40, 20), [], gap=1, step=3, rings=2)
    assert exc.value.ids


def test_the_lens_cluster_is_found():
    stops = sorted(rows_of(ROOT / "inputs" / "etapes.xlsx"), key=lambda r: r["numero"])
    group = [s["commune"] for s in cluster(stops, 4.0, 4)]
    assert group == ["Loos-en-Gohelle", "Liévin", "Lens", "Lens", "Avion"]


def test_the_background_is_georeferenced_by_its_template(tmp_path):
    carte = load_template(TEMPLATES / "carte.svg")
    fond = Basemap.of_frame(carte.frame("frame-map"), TEMPLATES)
    assert (fond.north, fond.west, fond.south, fond.east) == (50.8, 1.3, 50.1, 4.65)
    assert "Licence Ouverte" in fond.credit and "IGN" in fond.credit
    from atelier.render.svgdoc import TemplateError

    text = (TEMPLATES / "carte.svg").read_text(encoding="utf-8")
    bad = tmp_path / "carte.svg"
    bad.write_text(text.replace('data-basemap-south-east="50.1 4.65"', ""), encoding="utf-8")
    with pytest.raises(TemplateError, match="data-basemap-south-east"):
        Basemap.of_frame(load_template(bad).frame("frame-map"), TEMPLATES)


# -- the leaflet's folds ---------------------------------------------------------------------------

def test_roll_fold_positions(settings):
    recto = load_template(TEMPLATES / "depliant-recto.svg")
    panels = settings["signage"]["leaflet"]["panels_mm"]
    assert panels == [100, 100, 97]
    assert leaflet_folds(recto, panels, "recto") == (97, 197)  # the cover on the right
    assert leaflet_folds(recto, panels, "verso") == (100, 200)
    from atelier.render.svgdoc import TemplateError

    with pytest.raises(TemplateError, match="add up to 300"):
        leaflet_folds(recto, [100, 100, 100], "recto")


def _folded(tmp_path: Path, folds) -> Path:
    geo = PrintGeometry(3, True, 1, 5)
    page = Canvas(297, 210)
    page.folds = [("x", x) for x in folds]
    pdf = tmp_path / "folded.pdf"
    pdf.write_bytes(set_boxes(render_pdf([page], geo), *geo.boxes(297, 210)))
    return pdf


def _widths(marks: list[float]) -> list[float]:
    return [round(b - a, 1) for a, b in zip(marks, marks[1:], strict=False)]


def test_fold_marks_are_read_back_from_the_slug(tmp_path):
    assert _widths(fold_marks(_folded(tmp_path, (97, 197)))) == [97.0, 100.0, 100.0]
    # counter-example: an accordion fold (99 / 99 / 99) is measured as such
    assert _widths(fold_marks(_folded(tmp_path, (99, 198)))) == [99.0, 99.0, 99.0]


# -- panels: letters and QR read from the PDF -------------------------------------------------------

def _orientation_heights(pdf: Path, template_name: str) -> list[float]:
    f = load_template(TEMPLATES / template_name).frame("frame-orientation")
    return glyph_heights(pdf, (f.x, f.y, f.x + f.width, f.y + f.height), "0123456789")


def _panel_pdf(tmp_path: Path, settings: dict, template: Path, **kw) -> Path:
    s = _stop(**kw)
    d = draw_panel(panel_content(s, leg(s, _east(6.0), Guidance.of(settings["signage"])), None,
                                 18, settings), load_template(template), settings)
    geo = PrintGeometry.from_settings(settings["printer"])
    tpl = load_template(template)
    pdf = tmp_path / "panel.pdf"
    pdf.write_bytes(set_boxes(render_pdf([d.canvas], geo), *geo.boxes(tpl.width, tpl.height)))
    return pdf


def test_orientation_letters_measured_on_the_pdf_and_a_5_mm_counter_example(tmp_path, settings):
    pdf = _panel_pdf(tmp_path, settings, TEMPLATES / "panel-a2.svg")
    heights = _orientation_heights(pdf, "panel-a2.svg")
    assert heights and min(heights) >= settings["signage"]["orientation_letter_min_mm"] - 0.05
    # counter-example: the old template's orientation line, 5 mm letters, read the same way
    page = Canvas(420, 594)
    page.text(400, 700 / 1.3, Face(brand.fonts().latin, bold=True), 5 / 0.714, "27 km",
              "#000000")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(render_pdf([page], PrintGeometry.none()))
    small = glyph_heights(bad, (0, 0, 420, 594), "0123456789")
    assert small and max(small) < 15


def test_a_template_whose_orientation_frame_is_too_small_stops_the_panel(tmp_path, settings):
    text = (TEMPLATES / "panel-a2.svg").read_text(encoding="utf-8")
    import re

    bad = re.sub(r'(id="frame-orientation"[^>]*height=")[\d.]+', r"\g<1>12", text)
    path = tmp_path / "panel-a2.svg"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(SignageError, match=r"orientation text .*does not fit.*≥ 20 mm|"
                                           r"orientation text .*does not fit"):
        _panel_pdf(tmp_path, settings, path)


def test_a_frame_in_the_safety_zone_stops_the_panel(tmp_path, settings):
    text = (TEMPLATES / "panel-a2.svg").read_text(encoding="utf-8")
    path = tmp_path / "panel-a2.svg"
    path.write_text(text.replace('id="frame-info" x="20"', 'id="frame-info" x="8"'),
                    encoding="utf-8")
    with pytest.raises(SignageError, match=r"within 20 mm of the trim.*frame-info"):
        _panel_pdf(tmp_path, settings, path)


def test_the_all_mark_needs_its_minimum_size(tmp_path, settings):
    import re

    text = (TEMPLATES / "panel-a2.svg").read_text(encoding="utf-8")
    bad = re.sub(r'(id="frame-brand"[^>]*\swidth=")[\d.]+', r"\g<1>20", text)
    path = tmp_path / "panel-a2.svg"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(SignageError, match=r"ALL mark ≥ 25 mm"):
        _panel_pdf(tmp_path, settings, path)


# -- the sample build ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(sample_build):
    """The sample as the whole workflow built it (shared, read only)."""
    return sample_build


def _stops(project: Path) -> list[dict]:
    return sorted(rows_of(project / "inputs" / "etapes.xlsx"), key=lambda r: r["numero"])


@pytest.mark.slow
@pytest.mark.parametrize("dpi", [150, 300])
def test_every_qr_decodes_with_zbar_and_zxing(built, dpi, settings):
    if not shutil.which("zbarimg"):
        pytest.skip("zbar (zbar-tools) is not installed")
    out = built / "build" / "print" / "signage"
    conf = settings["signage"]
    want_mm = conf["qr_scan_distance_m"] * conf["qr_distance_ratio"] * 1000
    for s in _stops(built):
        q = load_template(TEMPLATES / f"panel-{s['format_panneau']}.svg").frame("frame-qr")
        found = qr_codes(out / f"{s['id']}.pdf", 0, dpi,
                         (q.x - 10, q.y - 10, q.x + q.width + 10, q.y + q.height + 10))
        for reader in ("zbar", "zxing"):
            assert [c["text"] for c in found[reader]] and \
                found[reader][0]["text"].startswith(s["url"] + "?"), (s["id"], reader, dpi)
        # the printed width, quiet zone included (4 modules each side), from zxing's corners
        sym = found["zxing"][0]["width_mm"]
        modules = round(sym / (want_mm / (sym / 1.5 + 8)))  # first guess of the module count
        width = sym * (modules + 8) / modules
        assert width == pytest.approx(want_mm, abs=2.5), s["id"]
        tpl = load_template(TEMPLATES / f"panel-{s['format_panneau']}.svg")
        assert width ** 2 < 0.05 * tpl.width * tpl.height  # never the panel's largest object
    leaflet = qr_codes(out / "depliant.pdf", 0, dpi)
    for reader in ("zbar", "zxing"):
        assert len(leaflet[reader]) == 1
        assert "utm_medium=depliant" in leaflet[reader][0]["text"]


@pytest.mark.slow
def test_panels_orientation_letters_and_no_walking_beyond_2_km(built, settings):
    out = built / "build" / "print" / "signage"
    state = json.loads((built / "build" / "state" / "signage-panels.json").read_text())
    stops = _stops(built)
    for s in stops[:-1]:
        heights = _orientation_heights(out / f"{s['id']}.pdf", f"panel-{s['format_panneau']}.svg")
        floor = max(settings["signage"]["orientation_letter_min_mm"],
                    settings["signage"]["letter_height_ratio"] * s["distance_lecture_m"] * 1000)
        assert heights and min(heights) >= floor - 0.05, (s["id"], heights)
        nxt = state[s["id"]]["checks"]["next"]
        if nxt["mode"] == "walk":
            assert nxt["walk_km"] <= settings["signage"]["guidance"]["walk_max_km"]
        words = " ".join(t for t, _ in text_lines(out / f"{s['id']}.pdf"))
        assert {"walk": "à pied", "bike": "à vélo", "car": "en voiture"}[nxt["mode"]] in words
        assert "h\u00a0" not in words.split("km")[-1][:12] or nxt["mode"] != "walk"
    first = " ".join(t for t, _ in text_lines(out / f"{stops[0]['id']}.pdf"))
    assert "en voiture" in first and "6\u00a0h" not in first  # was « 27 km / 6 h 05 »


def _plain(text: str) -> str:
    """Letters without accents and one apostrophe: PDF text extraction may decompose « ō »."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text).replace("\u2019", "'")
    return "".join(c for c in text if not unicodedata.combining(c) and c not in "\u00af\u02c9")


def _map_runs(pdf: Path, frame: tuple[float, float, float, float], page: int = 0):
    return [(t, b) for t, b in text_lines(pdf, page)
            if b[0] >= frame[0] - 0.5 and b[2] <= frame[2] + 0.5 and b[1] >= frame[1] - 0.5
            and b[3] <= frame[3] + 0.5 and t]


def _check_map(pdf: Path, page: int, template: str, stops: list[dict], side: dict):
    tpl = load_template(TEMPLATES / template)
    frames = [tpl.frame("frame-map"), tpl.frame("frame-inset")]
    runs = []
    for f in frames:
        runs += _map_runs(pdf, (f.x, f.y, f.x + f.width, f.y + f.height), page)
    text = _plain(" ".join(t for t, _ in runs))
    for s in stops:  # every stop labelled with its name (on the map or in the inset)
        # a word with a letter outside Latin-1 (« Hakkō ») may lose it in the extraction:
        # pdfium finds no Unicode for that glyph of cairo's subset; the rest must be there
        words = [_plain(w) if w.isascii() or all(ord(c) < 256 for c in w) else _plain(w)[:-1]
                 for w in s["nom"].replace(",", "").split()]
        assert all(w in text for w in words), s["nom"]
    names = [(t, b) for t, b in runs if not t.isdigit() and "km" not in t
             and "Fond de carte" not in t and t not in ("N",)]
    for i, (ta, a) in enumerate(names):  # no label over another
        for tb, b in names[i + 1:]:
            assert not overlaps(a, b), (ta, tb)
    discs = []
    for part in (side, side.get("inset") or {}):
        for m in (part.get("markers") or {}).values():
            x, y = m["drawn_mm"]
            discs.append((x - m["radius_mm"], y - m["radius_mm"], x + m["radius_mm"],
                          y + m["radius_mm"]))
    for t, b in names:  # nor over a marker
        assert not any(overlaps(b, d) for d in discs), t
    legend = [f for f in tpl.frames.values() if "legend" in f.id]
    for t, b in names:  # nor over the legend
        for f in legend:
            assert not overlaps(b, (f.x, f.y, f.x + f.width, f.y + f.height)), t
    return names


@pytest.mark.slow
def test_map_labels_every_stop_without_overlap_read_from_the_pdf(built):
    stops = _stops(built)
    out = built / "build" / "print" / "signage"
    side = json.loads((built / "build" / "proofs" / "signage" / "carte-parcours.json").read_text())
    names = _check_map(out / "carte-parcours.pdf", 0, "carte.svg", stops, side)
    assert len(names) >= len(stops)
    assert side["start_end"] == [stops[0]["id"], stops[-1]["id"]]
    state = json.loads((built / "build" / "state" / "signage-overview.json").read_text())
    verso = state["overview"]["checks"]["leaflet"][1]["maps"]["frame-map"]
    _check_map(out / "depliant.pdf", 1, "depliant-verso.svg", stops, verso)
    # the credit of the background is printed, and the start and end are named
    text = " ".join(t for t, _ in text_lines(out / "carte-parcours.pdf"))
    assert "ADMIN EXPRESS" in text and "Licence Ouverte" in text
    assert "Départ" in text and "Arrivée" in text


def test_the_overlap_reader_catches_overlapping_labels(tmp_path):
    """Counter-example for the map test: two names drawn over each other are found."""
    page = Canvas(200, 100)
    face = Face(brand.fonts().latin)
    page.text(20, 50, face, 5, "Lens", "#000000")
    page.text(24, 51, face, 5, "Liévin", "#000000")
    pdf = tmp_path / "clash.pdf"
    pdf.write_bytes(render_pdf([page], PrintGeometry.none()))
    runs = [b for _, b in text_lines(pdf)]
    assert len(runs) == 2 and overlaps(*runs)


@pytest.mark.slow
def test_the_leaflet_is_a_roll_fold_measured_from_its_marks(built, settings):
    pdf = built / "build" / "print" / "signage" / "depliant.pdf"
    panels = settings["signage"]["leaflet"]["panels_mm"]
    recto, verso = fold_marks(pdf, 0), fold_marks(pdf, 1)
    assert _widths(recto) == pytest.approx(list(reversed(panels)), abs=0.2)  # cover on the right
    assert _widths(verso) == pytest.approx(panels, abs=0.2)
    # the cover is on the right of the recto: the logo and title sit in its last panel
    runs = text_lines(pdf, 0)
    title = [b for t, b in runs if t.startswith("Un parcours")]
    assert title and title[0][0] > recto[-2]
    # the verso holds the stops with their dates and hours; the recto the QR code and contacts
    verso_text = " ".join(t for t, _ in text_lines(pdf, 1)).replace("\u00a0", " ")
    for s in _stops(built):
        assert s["nom"].split(",")[0] in verso_text
    assert "juin 2020" in verso_text and "h –" in verso_text
    assert "example.com" in " ".join(t for t, _ in runs)


@pytest.mark.slow
def test_the_leaflet_file_and_its_job_agree(built, settings):
    import csv

    snakemake(built, "build/print/MANIFEST.csv")
    text = (built / "build" / "print" / "MANIFEST.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines(), delimiter=";"))
    row = next(r for r in rows if r["fichier"].endswith("depliant.pdf"))
    assert (float(row["largeur_mm"]), float(row["hauteur_mm"])) == (297, 210)
    assert row["pages"] == "2"
    assert "pli roulé en 3" in row["finition"].lower()
    panels = " / ".join(f"{v:g}" for v in settings["signage"]["leaflet"]["panels_mm"])
    assert panels in row["finition"]
