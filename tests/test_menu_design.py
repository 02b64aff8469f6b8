"""Menu composition rules that need no build: names never hyphenated but shrunk to their floor,
else a located error; the floors are the layout lint's; translations lighter."""

import pytest

from atelier.render.menus import MenuError, Style, _name
from atelier.settings import load_settings


@pytest.fixture(scope="module")
def st():
    return Style(load_settings())


def test_the_floors_are_the_lints(st):
    floors = load_settings()["layout_lint"]["min_pt"]["menus"]
    assert st.floor["name"] == floors["name"] >= 10
    assert st.floor["description"] == floors["description"] >= 8.5
    assert st.floor["legal"] == floors["legal"] >= 7
    assert st.dish >= st.floor["name"] and st.description >= st.floor["description"]
    assert st.legend >= st.floor["legal"] and st.translation <= min(st.dish, st.description)
    assert st.secondary != st.ink  # translations lighter than the French


def test_a_long_name_is_shrunk_not_hyphenated(st):
    lay = _name("Welsh à la Blonde des Terrils, jambon à l’os", st, 30, st.dish, 10, "dish « w »")
    lines = ["".join(s.text for s in line.spans) for line in lay.lines]
    assert not any(line.endswith("-") for line in lines)
    lay = _name("Anticonstitutionnellement", st, 52, st.dish, 10, "dish « a »")
    assert 10 <= lay.size_pt < st.dish and len(lay.lines) == 1


def test_a_name_that_cannot_fit_names_the_dish(st):
    with pytest.raises(MenuError, match="the name of dish « a ».*Anticonstitutionnellement"):
        _name("Anticonstitutionnellement", st, 30, st.dish, 10, "the name of dish « a »")
