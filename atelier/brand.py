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


def colour(path: str) -> str:
    """``colour("parcours_noir.noir_charbon")`` -> ``"#000000"``."""
    node = tokens()["colours"]
    for part in path.split("."):
        node = node[part]
    return node


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
