"""The layout lint (atelier/print/layout_lint.py) on the signage family, with its rules enforced
(not ``pending``): every panel, the A1 map and both pages of the leaflet declare their texts
(role, lines' boxes, the size their letter-height rule allows) and their ALL mark; the sample's
pieces have no finding; and a piece drawn by the real code that breaks a rule the family relies
on — a J in the safety zone, a text in the mark's clear space, no mark, two texts on each other,
a map credit below the leaflet's minimum, a name hyphenated — is caught."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pypdfium2
import pytest

from atelier.content.trail import Guidance, leg
from atelier.layout.text import Paragraph, Run
from atelier.print import layout_lint
from atelier.print.preflight import MM, expectations_for
from atelier.render import signage
from atelier.render.canvas import PrintGeometry, render_pdf
from atelier.render.signage import draw_leaflet, draw_panel, layout_declaration, panel_content
from atelier.render.svgdoc import load_template
from tests.conftest import ROOT
from tests.test_signage import stop

TEMPLATES = ROOT / "templates" / "signage"


@pytest.fixture(autouse=True)
def strict(monkeypatch):
    """The signage rules at their own level: the transitional ``pending`` list left aside."""
    conf = dict(layout_lint.settings(), pending=[])
    monkeypatch.setattr(layout_lint, "settings", lambda: conf)


def _stop(**kw) -> dict:
    """test_signage's stop, at Denain."""
    return stop(**{"id": "a", "nom": "Denain, les frites de la fosse",
                   "adresse": "Rue de la Fosse Renard", "commune": "Denain",
                   "latitude": 50.3291, "longitude": 3.3953, "horaires": "Jeu.–Dim. 17 h – 23 h",
                   "texte_fr": "Troisième halte du parcours frites, dans la cour de la brasserie.",
                   "texte_en": "Third stop of the fries trail, in the brewery's courtyard.",
                   "texte_ja": "フリットの道の三つ目の立ち寄り先。", **kw})


def _next() -> dict:
    return _stop(id="b", numero=2, nom="Arenberg, la chambre noire", latitude=50.4005,
                 longitude=3.4129)


def _lint(tmp_path: Path, drawings, name: str, safety_mm: float) -> list:
    """The lint's findings (ok ones left out) on ``drawings`` printed as one file under
    build/print/signage/ (its family, as the preflight sees it), trim = page."""
    path = tmp_path / "build" / "print" / "signage" / f"{name}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_pdf([d.canvas for d in drawings], PrintGeometry.none(), name))
    trims = [[0, 0, d.canvas.width * MM, d.canvas.height * MM] for d in drawings]
    found = layout_lint.check_file(str(path), layout_declaration(drawings), trims, safety_mm,
                                   thumb_dir=tmp_path / "thumbs")
    return [f for f in found if f.level != "ok"]


def _rules(found) -> set[str]:
    return {f.message.split(":")[0].split(" › ")[-1] for f in found}


def _panel(settings, template: Path = TEMPLATES / "panel-a2.svg", **kw):
    s, n = _stop(**kw), _next()
    c = panel_content(s, leg(s, n, Guidance.of(settings["signage"])), None, 18, settings)
    return draw_panel(c, load_template(template), settings)


def _template(tmp_path: Path, name: str, edit) -> Path:
    path = tmp_path / name
    path.write_text(edit((TEMPLATES / name).read_text(encoding="utf-8")), encoding="utf-8")
    basemap = tmp_path / "fond-de-carte.svg"  # the maps' background, beside its template
    if not basemap.exists():
        basemap.symlink_to(TEMPLATES / "fond-de-carte.svg")
    return path


def _move(text: str, frame: str, attr: str, value: float) -> str:
    return re.sub(rf'(id="{frame}"[^>]*\s{attr}=")[\d.]+', rf"\g<1>{value:g}", text)


ZONE = 20.0  # a panel's safety zone (signage.safety_zone_mm)


# -- a panel done right, and each rule broken ---------------------------------------------------
def test_a_panel_declares_every_text_with_its_role_and_its_mark(tmp_path, settings):
    d = _panel(settings)
    roles = {b["role"] for b in d.boxes}
    assert {"title", "name", "orientation", "body", "info", "mark", "number"} <= roles
    mark = [b for b in d.boxes if b["role"] == "mark"]
    assert len(mark) == 1 and mark[0]["box_mm"][2] >= 25  # the whole logo at its minimum
    # each declared text carries the floor its letter-height rule gives (orientation ≥ 15 mm)
    orient = [b for b in d.boxes if b["role"] == "orientation"]
    assert orient and all(b["size_pt"] >= b["min_pt"] >= 15 / 0.714 / 0.3528 - 0.5
                          for b in orient)
    assert _lint(tmp_path, [d], "panel", ZONE) == []


def test_a_j_hanging_into_the_safety_zone_is_caught(tmp_path, settings, monkeypatch):
    """On an A1 panel the body's first line starts with a J, on the zone's edge, and « Jeu.–Dim.
    17 h » the info frame's last: a J's ink reaches 0.08 em left of its origin (1.4 mm in the
    body, 0.8 mm in the info). The panel moves those lines in; without that, the lint finds ink
    inside the 20 mm zone."""
    a1 = dict(template=TEMPLATES / "panel-a1.svg", format_panneau="a1",
              texte_fr="Jusqu’au pied du terril, la brasserie sert ses frites dans la cour : "
                       "une carbonade à la bière noire, de la chicorée du Douaisis, et le "
                       "jeudi la visite de la salle de brassage, où les brasseurs racontent "
                       "la grande grève des mineurs de 1884.",
              texte_en="At the foot of the slag heap, the brewery serves its fries in the "
                       "courtyard: a carbonade made with stout, Douaisis chicory, and on "
                       "Thursdays a visit of the brewhouse, where the brewers tell the story "
                       "of the great miners' strike of 1884.",
              texte_ja="ボタ山のふもとの醸造所の中庭でフリットを。木曜日は醸造所見学も。")
    assert _lint(tmp_path, [_panel(settings, **a1)], "panel", ZONE) == []
    monkeypatch.setattr(signage, "hang_in", lambda lay: None)
    found = _lint(tmp_path, [_panel(settings, **a1)], "panel", ZONE)
    assert _rules(found) == {"safety"}, [f.message for f in found]
    assert any("Jusqu" in f.message for f in found)


def test_a_text_in_the_marks_clear_space_is_caught(tmp_path, settings):
    path = _template(tmp_path, "panel-a2.svg", lambda t: _move(t, "frame-brand", "x", 100))
    found = _lint(tmp_path, [_panel(settings, path)], "panel", ZONE)
    assert "brand-mark" in _rules(found), [f.message for f in found]
    assert any("clear space" in f.message for f in found)


def test_a_panel_without_its_mark_is_caught(tmp_path, settings, monkeypatch):
    monkeypatch.setattr(signage.Page, "brand_mark", lambda self, frame_id, least: {})
    found = _lint(tmp_path, [_panel(settings)], "panel", ZONE)
    assert _rules(found) == {"brand-mark"}, [f.message for f in found]
    assert "missing" in found[0].message


def test_two_texts_on_each_other_are_caught(tmp_path, settings):
    """A template whose distance and time frame rides up into the next stop's name."""
    path = _template(tmp_path, "panel-a2.svg",
                     lambda t: _move(t, "frame-orientation", "y", 385))
    found = _lint(tmp_path, [_panel(settings, path)], "panel", ZONE)
    assert "overlap" in _rules(found), [f.message for f in found]


# -- the leaflet ------------------------------------------------------------------------------------
def _trail(**first) -> list[dict]:
    """Five stops across the base map, from Arras to Valenciennes."""
    places = [("Arras", 50.2915, 2.7780), ("Lens", 50.4312, 2.8035), ("Douai", 50.3700, 3.0800),
              ("Denain", 50.3291, 3.3953), ("Valenciennes", 50.3570, 3.5230)]
    out = [_stop(id=f"s{k}", numero=k + 1, nom=f"{town}, l’étape {k + 1}", commune=town,
                 latitude=lat, longitude=lon) for k, (town, lat, lon) in enumerate(places)]
    out[0].update(first)
    return out


def _leaflet(settings, stops, verso: Path = TEMPLATES / "depliant-verso.svg"):
    drawings, _ = draw_leaflet(stops, load_template(TEMPLATES / "depliant-recto.svg"),
                               load_template(verso), settings, "https://example.org/parcours")
    return drawings


LEAFLET_ZONE = 5.0  # signage.leaflet.safety_zone_mm


def test_the_leaflet_declares_both_pages(tmp_path, settings):
    recto, verso = _leaflet(settings, _trail())
    assert {b["page"] for b in recto.boxes} == {0} and {b["page"] for b in verso.boxes} == {1}
    assert sum(b["role"] == "mark" for b in recto.boxes) == 2  # the back and the cover
    labels = [b for b in verso.boxes if b["element"].startswith("map › label")]
    assert sorted(b["role"] for b in labels) == ["caption"] * 2 + ["name"] * 5  # start, end
    assert any(b["role"] == "legal" for b in verso.boxes)  # the base map's credit
    assert _lint(tmp_path, [recto, verso], "depliant", LEAFLET_ZONE) == []


def test_a_map_credit_below_the_leaflets_minimum_is_caught(tmp_path, settings, monkeypatch):
    """The credit was drawn at ¾ of the names' size: 4.8 pt, under the leaflet's 1.6 mm capitals
    (6.35 pt)."""
    style = signage._map_style
    monkeypatch.setattr(signage, "_map_style", lambda page, factor=1.0: signage.MapStyle(
        **{**style(page, factor).__dict__, "credit_size": 0.0}))
    found = _lint(tmp_path, _leaflet(settings, _trail()), "depliant", LEAFLET_ZONE)
    assert _rules(found) == {"size"}, [f.message for f in found]
    assert "credit" in found[0].message and "6.35 pt" in found[0].message


def test_a_hyphenated_name_is_caught(tmp_path, settings, monkeypatch):
    """A stop's name set as running text in the leaflet's list (a narrower list frame) is
    hyphenated by the body rules; names are headings, so the lint calls it an error."""
    path = _template(tmp_path, "depliant-verso.svg", lambda t: _move(t, "frame-list", "width", 75))
    name = "Valenciennes, la dentelle noire des manufactures valenciennoises"
    good = _leaflet(settings, _trail(nom=name), path)
    assert "hyphenation" not in _rules(_lint(tmp_path, good, "depliant", LEAFLET_ZONE))
    monkeypatch.setattr(signage.Paragraph, "heading",
                        classmethod(lambda cls, text, bold=True, **kw:
                                    cls([Run(text, bold=bold)], **kw)))
    bad = _leaflet(settings, _trail(nom=name), path)
    lines = [ln["text"] for b in bad[1].boxes if b["text"].endswith(name.split(",")[1])
             for ln in b["lines"]]
    assert any(t.endswith("-") for t in lines), lines  # the counter-example really hyphenates
    found = _lint(tmp_path, bad, "depliant", LEAFLET_ZONE)
    assert "hyphenation" in _rules(found), [f.message for f in found]
    assert Paragraph.heading("x").role == "body"  # (patched here only)


# -- the sample build -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(sample_build):
    """The sample as the whole workflow built it (shared, read only)."""
    return sample_build


@pytest.mark.slow
def test_the_sample_signage_declares_every_text_and_passes_the_lint(built, settings):
    """Every panel, the map and the leaflet: the preflight finds the family's declaration, every
    line pdfium reads on the page lies in a declared text, and the lint (every rule enforced)
    finds nothing."""
    # the family's own state files, as the pack gives them: a panel and a menu may share a name
    states = [json.loads(p.read_text())
              for p in sorted((built / "build/state").glob("signage-*.json"))]
    pdfs = sorted((built / "build/print/signage").glob("*.pdf"))
    assert len(pdfs) == 20  # 18 panels, the map, the leaflet
    zone = settings["signage"]["safety_zone_mm"]
    for pdf in pdfs:
        decl = expectations_for(pdf.name, states).layout
        assert decl and decl["family"] == "signage", pdf.name
        doc = pypdfium2.PdfDocument(str(pdf))
        try:
            trims = [[float(v) for v in doc[i].get_trimbox()] for i in range(len(doc))]
            read = [line for i in range(len(doc)) for line in
                    layout_lint.read_lines(doc[i], i, trims[i])]
        finally:
            doc.close()
        assert read and any(b["role"] == "mark" for b in decl["boxes"]), pdf.name
        declared = [(b["page"], ln["box_mm"]) for b in decl["boxes"] for ln in b.get("lines", [])]
        for line in read:  # nothing drawn that the lint would not know the role of
            assert any(p == line.page and layout_lint._intersect(box, line.box, 0.0)
                       for p, box in declared), (pdf.name, line.text)
        safety = settings["signage"]["leaflet"]["safety_zone_mm"] if pdf.stem == "depliant" \
            else zone
        found = layout_lint.check_file(str(pdf), decl, trims, safety, thumb_dir=None)
        assert all(f.level == "ok" for f in found), (pdf.name, [f.message for f in found])
