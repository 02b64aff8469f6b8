"""« Fait maison » (décret 2015-505; code de la consommation, art. D.121-13-3): wherever the logo
appears — print menus, web menus, takeaway stickers — the sentence appears too, and the logo is
at least its legible size (menus.fait_maison_logo_min_mm)."""

from __future__ import annotations

import copy
import re

import pytest

from atelier import brand
from atelier.content.menu import WORDS
from atelier.jobs.menus import make_menu
from atelier.render.canvas import Canvas
from atelier.settings import load_settings

from .conftest import ROOT

TEMPLATES = ROOT / "templates" / "menus"
SENTENCE = "Les plats «\u202ffaits maison\u202f» sont élaborés sur place à partir de produits bruts"


@pytest.fixture(scope="module")
def tables():
    from atelier.inputs import load_inputs

    settings = load_settings()
    loaded, _ = load_inputs(ROOT / "inputs", settings)
    return {name: t.records for name, t in loaded.items()}, settings


def _flat(text: str) -> str:
    text = re.sub(r"[\u00a0\u202f]", " ", text)
    text = re.sub(r"-\s*\n", "", text)
    return re.sub(r"\s+", "", text)


def _menu(tables, menu_id, settings=None):
    t, default = tables
    settings = settings or default
    menu = next(m for m in t["menus"] if m["id"] == menu_id)
    dishes = [d for d in t["plats"] if d["menu"] == menu_id]
    partners = {p["id"]: p for p in t["partenaires"]}
    return make_menu(copy.deepcopy(menu), copy.deepcopy(dishes), partners, settings, TEMPLATES,
                     TEMPLATES / "web")


def _logo_sides(monkeypatch) -> list[float]:
    """Sides (mm) at which the « fait maison » logo is drawn, recorded from the canvas."""
    sides: list[float] = []
    original = Canvas.svg_file

    def spy(self, path, x, y, w, h, colour=None):
        if path == brand.picto("fait-maison"):
            sides.append(min(w, h))
        return original(self, path, x, y, w, h, colour)

    monkeypatch.setattr(Canvas, "svg_file", spy)
    return sides


@pytest.mark.parametrize("menu_id", ["olhain-carte", "carin-gourmand"])
def test_menus_carry_the_sentence_wherever_the_logo_is(tables, menu_id, monkeypatch):
    assert WORDS["fait_maison_sentence"]["fr"] == SENTENCE
    sides = _logo_sides(monkeypatch)
    content, drawing, web = _menu(tables, menu_id)
    assert content.any_fait_maison and sides  # the logo is used on this menu
    printed = _flat("\n".join(t for page in drawing.pages for t, _, _ in page.texts))
    assert _flat(SENTENCE) in printed
    html = web["index.html"].decode()
    assert SENTENCE in html.replace("&#8220;", "“").replace("&#8221;", "”")
    least = tables[1]["menus"]["fait_maison_logo_min_mm"]
    assert min(sides) >= least - 1e-6


def test_a_smaller_logo_setting_is_what_the_menu_draws(tables, monkeypatch):
    """Counter-example: the setting drives the logo; under it (the old 2.6 mm) the test above
    fails — here the size follows a larger setting."""
    settings = copy.deepcopy(tables[1])
    settings["menus"]["fait_maison_logo_min_mm"] = 6
    sides = _logo_sides(monkeypatch)
    _menu(tables, "olhain-carte", settings)
    assert min(sides) >= 6 - 1e-6
