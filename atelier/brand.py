"""Brand values from ``brand/tokens.yaml``: colours, fonts, type scale. No hex or point size in
Python — renderers ask here by name."""

from __future__ import annotations

import functools

from . import yamlfile
from .paths import BRAND

TOKENS = BRAND / "tokens.yaml"
PICTOS = BRAND / "pictos"
LOGOS = BRAND / "logos"


@functools.cache
def tokens() -> dict:
    with open(TOKENS, encoding="utf-8") as f:
        return yamlfile.safe_load(f)


def _entry(path: str) -> dict:
    """The palette entry ``{hex, cmyk, spot?}`` a colour name stands for (roles such as
    ``text.on_light`` name a palette colour)."""
    node = tokens()["colours"]
    for part in path.split("."):
        node = node[part]
    return _entry(node) if isinstance(node, str) else node


def colour(path: str) -> str:
    """``colour("parcours_noir.noir_charbon")`` -> ``"#000000"`` (the screen value)."""
    return _entry(path)["hex"]


def palette() -> dict[str, dict]:
    """Every palette colour by dotted name (roles, which only name palette colours, left out)."""
    out = {}
    for group, colours in tokens()["colours"].items():
        for name, entry in colours.items():
            if isinstance(entry, dict):
                out[f"{group}.{name}"] = entry
    return out


def screen_colours() -> dict[str, dict[str, str]]:
    """The colours as the screen sees them, ``{group: {name: hex}}``, roles resolved (web pages)."""
    return {group: {name: colour(f"{group}.{name}") for name in colours}
            for group, colours in tokens()["colours"].items()}


def size(path: str) -> float:
    """``size("labels.name")`` -> points."""
    node = tokens()["type_scale"]
    for part in path.split("."):
        node = node[part]
    return float(node)


def fonts():
    from .layout.text import Fonts

    f = tokens()["fonts"]
    return Fonts(latin=f["latin"]["family"], japanese=f["japanese"]["family"])


def picto(name: str):
    path = PICTOS / f"{name}.svg"
    if not path.exists():
        raise FileNotFoundError(f"brand/pictos/{name}.svg is missing")
    return path
