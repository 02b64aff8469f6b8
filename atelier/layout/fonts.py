"""The brand's fonts, and only them: fontconfig setup, faces, measurement, x-height.

cairosvg draws text with cairo's toy font API, which asks fontconfig for a family by name and
silently falls back to any system font. So every render first points fontconfig at a private
configuration listing ``brand/fonts/`` alone (``FONTCONFIG_FILE`` must be set before cairo
loads a font). Measuring uses the same route — a cairo context on a PDF surface, as cairosvg
renders — so measured widths match the printed ones.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..paths import FONTS, ROOT

CACHE = ROOT / "build" / ".cache" / "fontconfig"


def ensure_fontconfig() -> Path:
    """Point fontconfig at ``brand/fonts`` only. Idempotent; call before any cairo use."""
    conf = CACHE / "fonts.conf"
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{FONTS}</dir>\n  <cachedir>{CACHE / 'cache'}</cachedir>\n"
        "  <config><rescan><int>0</int></rescan></config>\n</fontconfig>\n"
    )
    if not conf.exists() or conf.read_text() != text:
        conf.parent.mkdir(parents=True, exist_ok=True)
        tmp = conf.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text)
        os.replace(tmp, conf)
    os.environ["FONTCONFIG_FILE"] = str(conf)
    return conf


ensure_fontconfig()

import cairocffi as cairo  # noqa: E402  (after FONTCONFIG_FILE is set)


@dataclass(frozen=True)
class Face:
    """A family as cairo selects it, with the weight and slant to ask for."""

    family: str
    bold: bool = False
    italic: bool = False

    def svg_attrs(self) -> str:
        attrs = f'font-family="{self.family}"'
        if self.bold:
            attrs += ' font-weight="bold"'
        if self.italic:
            attrs += ' font-style="italic"'
        return attrs


class MissingGlyph(ValueError):
    def __init__(self, face: Face, chars: str):
        self.face, self.chars = face, chars
        names = ", ".join(f"«{c}» U+{ord(c):04X}" for c in chars)
        super().__init__(f"the font {face.family} has no glyph for {names}")


_SIZE = 1000.0  # advances are measured once at this size and scaled (they scale linearly)


class Meter:
    """Per-character advances of one face, measured with cairo as cairosvg will draw them."""

    def __init__(self, face: Face):
        self.face = face
        surface = cairo.PDFSurface(None, 1, 1)
        self.ctx = cairo.Context(surface)
        self.ctx.select_font_face(
            face.family,
            cairo.FONT_SLANT_ITALIC if face.italic else cairo.FONT_SLANT_NORMAL,
            cairo.FONT_WEIGHT_BOLD if face.bold else cairo.FONT_WEIGHT_NORMAL,
        )
        self.ctx.set_font_size(_SIZE)
        self.scaled = self.ctx.get_scaled_font()
        self.advances: dict[str, float] = {}
        self.missing: dict[str, bool] = {}

    def advance(self, ch: str) -> float:
        adv = self.advances.get(ch)
        if adv is None:
            adv = self.ctx.text_extents(ch)[4] / _SIZE
            self.advances[ch] = adv
        return adv

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` at font size ``size`` (any unit: the result is in that unit)."""
        adv = self.advances
        total = 0.0
        for ch in text:
            a = adv.get(ch)
            if a is None:
                a = self.advance(ch)
            total += a
        return total * size

    def lacks(self, text: str) -> str:
        """The characters of ``text`` this face has no glyph for."""
        out = []
        for ch in set(text):
            if ch in self.missing:
                if self.missing[ch]:
                    out.append(ch)
                continue
            if ch.isspace() and ch not in "\u00a0\u202f":
                self.missing[ch] = False
                continue
            glyphs = self.scaled.text_to_glyphs(0, 0, ch, False)
            self.missing[ch] = any(g[0] == 0 for g in glyphs)
            if self.missing[ch]:
                out.append(ch)
        return "".join(sorted(out))


@functools.cache
def meter(face: Face) -> Meter:
    return Meter(face)


@functools.cache
def font_files() -> dict[tuple[str, bool, bool], Path]:
    """(family, bold, italic) -> the file in brand/fonts, read from the fonts' own name tables."""
    from fontTools.ttLib import TTFont

    out = {}
    for path in sorted(FONTS.iterdir()):
        if path.suffix.lower() not in {".ttf", ".otf"}:
            continue
        font = TTFont(path, lazy=True)
        name = font["name"]
        family = (name.getDebugName(16) or name.getDebugName(1)).strip()
        os2 = font["OS/2"]
        bold = os2.usWeightClass >= 600
        italic = bool(os2.fsSelection & 1)
        out[(family, bold, italic)] = path
    return out


# Metrics read from the font files, kept across runs: fontTools and its table parsing cost a
# label worker ~0.2 s at every build, for a handful of numbers that change with the fonts only.
METRICS_CACHE = CACHE.parent / "font-metrics.json"


@functools.cache
def _metrics_cache() -> dict:
    key = "|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
                   for p in sorted(FONTS.glob("*.[ot]tf")))
    try:
        cached = json.loads(METRICS_CACHE.read_text(encoding="utf-8"))
        if cached.get("fonts") == key:
            return cached
    except (FileNotFoundError, ValueError):
        pass
    return {"fonts": key, "faces": {}}


@functools.cache
def metrics(face: Face) -> dict[str, float]:
    """Vertical metrics as fractions of the em: x_height, cap_height, ascender, descender."""
    cache = _metrics_cache()
    name = f"{face.family}|{int(face.bold)}|{int(face.italic)}"
    if name not in cache["faces"]:
        cache["faces"][name] = _read_metrics(face)
        METRICS_CACHE.parent.mkdir(parents=True, exist_ok=True)
        tmp = METRICS_CACHE.with_name(f".{METRICS_CACHE.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(cache, sort_keys=True), encoding="utf-8")
        os.replace(tmp, METRICS_CACHE)
    return cache["faces"][name]


def _read_metrics(face: Face) -> dict[str, float]:
    from fontTools.ttLib import TTFont

    path = font_files().get((face.family, face.bold, face.italic))
    if path is None:
        raise LookupError(f"{face} is not in {FONTS}: brand fonts are {sorted(font_files())}")
    font = TTFont(path, lazy=True)
    upm = font["head"].unitsPerEm
    os2 = font["OS/2"]
    x_height = getattr(os2, "sxHeight", 0) or 0
    cap = getattr(os2, "sCapHeight", 0) or 0
    if not x_height:  # old OS/2 tables: measure the glyph "x"
        x_height = _glyph_top(font, "x")
    if not cap:
        cap = _glyph_top(font, "H")
    hhea = font["hhea"]
    return {"x_height": x_height / upm, "cap_height": cap / upm,
            "ascender": hhea.ascent / upm, "descender": -hhea.descent / upm,
            "digit_height": _glyph_top(font, "0") / upm}


def _glyph_top(font, char: str) -> float:
    from fontTools.pens.boundsPen import BoundsPen

    gs = font.getGlyphSet()
    name = font.getBestCmap()[ord(char)]
    pen = BoundsPen(gs)
    gs[name].draw(pen)
    return pen.bounds[3] if pen.bounds else 0


def file_digest() -> str:
    """A hash of every brand font file, for render keys."""
    h = hashlib.sha256()
    for path in sorted(FONTS.glob("*.[ot]tf")):
        h.update(path.name.encode())
        h.update(str(path.stat().st_size).encode())
    return h.hexdigest()[:16]


PT = 25.4 / 72  # one point in millimetres
