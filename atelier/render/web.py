"""The online menu: one static, accessible HTML page per menu, the address its QR code leads to.

The page and its stylesheet are the designers' Jinja templates (``templates/menus/web/``),
rendered in a *sandboxed* environment with autoescaping: sheet cells are data, never markup.
Everything the page needs sits in its own folder — stylesheet, brand fonts subset to the
characters the page uses, pictograms inlined — so it works offline, copied anywhere.
"""

from __future__ import annotations

import functools
import html as htmllib
import io
import re
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from .. import brand
from ..content.menu import DIETS, WORDS, MenuContent
from ..layout.fonts import FONTS

PAGE = "index.html.j2"
STYLE = "menu.css.j2"
# Font files of the page folder: (file name, brand token path to the source file).
WEB_FONTS = {
    "latin-regular.ttf": ("latin", "regular"),
    "latin-bold.ttf": ("latin", "bold"),
    "latin-italic.ttf": ("latin", "italic"),
    "japanese-regular.otf": ("japanese", "regular"),
    "japanese-bold.otf": ("japanese", "bold"),
}
WEB_FILES = ["index.html", "menu.css", *(f"fonts/{n}" for n in WEB_FONTS)]


class WebTemplateError(ValueError):
    pass


@functools.cache
def _environment(folder: str) -> SandboxedEnvironment:
    return SandboxedEnvironment(loader=FileSystemLoader(folder), autoescape=True,
                                undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                                keep_trailing_newline=True)


@functools.cache
def _picto_markup(name: str) -> Markup:
    """A brand pictogram inlined (decorative: the words next to it carry the meaning)."""
    svg = brand.picto(name).read_text(encoding="utf-8")
    svg = re.sub(r"<title>.*?</title>", "", svg, flags=re.S)
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" class="picto" ', 1)
    return Markup(svg.strip())  # noqa: S704  (brand files, not sheet data)


def subset_font(path: Path, text: str) -> bytes:
    """``path`` reduced to the glyphs of ``text`` — deterministic (no timestamp rewrite)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    opts = subset.Options()  # default OpenType features (kerning, ligatures, CJK widths)
    opts.name_IDs = ["*"]  # keep the licence and names
    opts.notdef_outline = True
    opts.hinting = False  # screens of phones do not need it; halves the time and size
    font = TTFont(path, recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    sub = subset.Subsetter(opts)
    sub.populate(text=text + " 0123456789,.€·–—()/:")
    sub.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _font_path(script: str, style: str) -> Path:
    return FONTS / brand.tokens()["fonts"][script]["files"][style]


def render_menu_page(c: MenuContent, folder: Path) -> dict[str, bytes]:
    """Every file of the menu's web folder, by relative path (``WEB_FILES``)."""
    env = _environment(str(folder))
    tokens = brand.tokens()
    context = {
        "menu": c,
        "words": WORDS,
        "diets": DIETS,
        "allergen": c.allergen_name,
        "picto": _picto_markup,
        "colours": brand.screen_colours(),
        "fonts": {k: tokens["fonts"][k]["family"] for k in ("latin", "japanese")},
        "lang_names": {"fr": "Français", "en": "English", "ja": "日本語"},
    }
    try:
        html = env.get_template(PAGE).render(context)
        css = env.get_template(STYLE).render(context)
    except TemplateError as exc:
        where = getattr(exc, "filename", None) or folder
        line = getattr(exc, "lineno", None)
        raise WebTemplateError(f"{where}{f' line {line}' if line else ''}: {exc}") from None
    files = {"index.html": html.encode("utf-8"), "menu.css": css.encode("utf-8")}
    text = htmllib.unescape(re.sub(r"<[^>]+>", " ", html))
    for name, (script, style) in WEB_FONTS.items():
        files[f"fonts/{name}"] = subset_font(_font_path(script, style), text)
    return files


__all__ = ["WEB_FILES", "WebTemplateError", "render_menu_page", "subset_font"]
