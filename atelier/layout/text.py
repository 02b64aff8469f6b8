"""Text layout for SVG: measure, wrap, hyphenate, break Japanese, shrink to fit — or fail.

cairosvg cannot lay text out (no wrapping, no font fallback), so every SVG deliverable asks this
module for positioned lines and writes them as ``<tspan>``s. A ``Paragraph`` is a list of runs
(text + emphasis). ``fit`` finds the largest size between ``max_pt`` and ``min_pt`` at which the
paragraphs fit the frame; below ``min_pt`` it raises ``Overset`` rather than overflow silently.

Line breaking: Latin text breaks at spaces and after hyphens; long French words are hyphenated
(pyphen) when that fills a line better; Japanese breaks between any two characters except before
closing punctuation and small kana, or after opening brackets (kinsoku shori). Each run of
Japanese characters is set in the Japanese face, the rest in the Latin face.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field

import pyphen

from .fonts import PT, Face, MissingGlyph, meter

# Kinsoku: characters that may not start a line, and that may not end one.
NO_START = set("、。，．,.)）」』】〕〉》］｝〙〗〟’”｠»・：；:;!?！？‼⁇⁈⁉ー"
               "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻゠〜～…‥%")
NO_END = set("(（「『【〔〈《［｛〘〖〝‘“｟«")
NBSP = "\u00a0\u202f"


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x3000 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF
            or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x31F0 <= o <= 0x31FF)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Paragraph:
    runs: list[Run]
    space_before: float = 0.0  # in lines of the paragraph's own leading
    align: str = "start"  # start | middle | end
    size_factor: float = 1.0  # relative to the frame's size (headings, small print)
    lang: str = "fr"

    @classmethod
    def of(cls, text: str, **kw) -> Paragraph:
        return cls([Run(text)], **kw)


@dataclass(frozen=True)
class Fonts:
    """The faces a frame uses: Latin text, and Japanese text."""

    latin: str
    japanese: str

    def face(self, cjk: bool, bold: bool, italic: bool) -> Face:
        if cjk:
            return Face(self.japanese, bold, False)  # the Japanese face has no italic
        return Face(self.latin, bold, italic)


@dataclass
class Atom:
    text: str
    face: Face
    width: float  # at size 1
    space: bool = False  # a breakable, discardable space
    break_before: bool = True  # may a line start with this atom?
    hyphenable: bool = False


@dataclass
class Span:
    x: float
    text: str
    face: Face


@dataclass
class Line:
    spans: list[Span]
    width: float
    size: float  # font size of the line, in the frame's unit
    leading: float
    baseline: float = 0.0  # distance from the frame's top


@dataclass
class Layout:
    lines: list[Line] = field(default_factory=list)
    size_pt: float = 0.0
    height: float = 0.0
    width: float = 0.0

    @property
    def overflows(self) -> bool:
        """A word (or a group kinsoku keeps together) wider than the frame."""
        return any(line.width > self.width + 1e-6 for line in self.lines)


class Overset(ValueError):
    """The text does not fit its frame even at the smallest allowed size."""

    def __init__(self, what: str, needed: float, available: float, min_pt: float):
        self.what, self.needed, self.available, self.min_pt = what, needed, available, min_pt
        super().__init__(f"{what} does not fit: at the minimum size of {min_pt:g} pt it needs "
                         f"{needed:.1f} mm of height, the frame has {available:.1f} mm")


@functools.cache
def _hyphenator(lang: str):
    code = {"fr": "fr_FR", "en": "en_GB"}.get(lang)
    return pyphen.Pyphen(lang=code, left=3, right=3) if code else None


def _add_word(atoms: list[Atom], word: str, cjk: bool, run: Run, fonts: Fonts) -> None:
    face = fonts.face(cjk, run.bold, run.italic)
    lacking = meter(face).lacks(word)
    if lacking:
        raise MissingGlyph(face, lacking)
    prev = atoms[-1] if atoms else None
    # A word glued to the previous atom (no space between) cannot start a line, unless the
    # previous one ends with a hyphen.
    glued = prev is not None and not prev.space and not prev.text.endswith("-")
    atoms.append(Atom(word, face, meter(face).width(word, 1.0), False, not glued,
                      hyphenable=not cjk and len(word) >= 6))


def _atoms(p: Paragraph, fonts: Fonts) -> list[Atom]:
    atoms: list[Atom] = []
    for run in p.runs:
        buf = ""
        for ch in unicodedata.normalize("NFC", run.text):
            if ch in " \t\n\u2009" or (ch.isspace() and ch not in NBSP):
                if buf:
                    _add_word(atoms, buf, False, run, fonts)
                    buf = ""
                face = fonts.face(False, run.bold, run.italic)
                atoms.append(Atom(" ", face, meter(face).width(" ", 1.0), True))
                continue
            cjk = is_cjk(ch)
            if cjk:
                if buf:
                    _add_word(atoms, buf, False, run, fonts)
                    buf = ""
                face = fonts.face(True, run.bold, run.italic)
                lacking = meter(face).lacks(ch)
                if lacking:
                    raise MissingGlyph(face, lacking)
                prev = atoms[-1] if atoms else None
                can_break = (prev is None or prev.space or
                             (ch not in NO_START and prev.text[-1] not in NO_END))
                atoms.append(Atom(ch, face, meter(face).width(ch, 1.0), False, can_break))
                continue
            buf += ch
            if ch == "-" and len(buf) > 1:  # a hyphen ends a breakable piece
                _add_word(atoms, buf, False, run, fonts)
                buf = ""
        if buf:
            _add_word(atoms, buf, False, run, fonts)
    # Latin glued to preceding CJK (or vice versa) may break there unless kinsoku forbids it.
    for i in range(1, len(atoms)):
        a, b = atoms[i - 1], atoms[i]
        if not b.space and not a.space and (is_cjk(a.text[-1]) != is_cjk(b.text[0])):
            b.break_before = (b.text[0] not in NO_START and a.text[-1] not in NO_END
                              and b.text[0] not in NBSP and a.text[-1] not in NBSP)
    # A space before a character that may not start a line does not allow a break either.
    for i in range(len(atoms) - 1):
        a, b = atoms[i], atoms[i + 1]
        if a.space and not b.space and b.text[0] in NO_START:
            a.space, a.break_before, b.break_before = False, False, False
    return atoms


def _break_lines(atoms: list[Atom], width: float, size: float, lang: str,
                 hyphenate: bool = True) -> list[list[Atom]]:
    """Greedy line breaking of ``atoms`` at ``size`` into lines no wider than ``width``."""
    lines: list[list[Atom]] = []
    line: list[Atom] = []
    used = 0.0
    i = 0
    atoms = list(atoms)
    while i < len(atoms):
        a = atoms[i]
        w = a.width * size
        if a.space:
            if line:
                line.append(a)
                used += w
            i += 1
            continue
        # the unbreakable group starting here (atoms glued with break_before False)
        j = i + 1
        gw = w
        while j < len(atoms) and not atoms[j].space and not atoms[j].break_before:
            gw += atoms[j].width * size
            j += 1
        if used + gw <= width + 1e-9 or not _content(line):
            if not _content(line) and gw > width + 1e-9 and hyphenate and j == i + 1 and a.hyphenable:
                split = _hyphen_split(a, width, size, lang)
                if split:
                    line.append(split[0])
                    lines.append(_trim(line))
                    line, used = [], 0.0
                    atoms[i] = split[1]
                    continue
            line.extend(atoms[i:j])
            used += gw
            i = j
            continue
        # does not fit: try hyphenating a single long word into the remaining space
        room = width - used
        if hyphenate and j == i + 1 and a.hyphenable and room > 0.25 * width:
            split = _hyphen_split(a, room, size, lang)
            if split:
                line.append(split[0])
                lines.append(_trim(line))
                line, used = [], 0.0
                atoms[i] = split[1]
                continue
        lines.append(_trim(line))
        line, used = [], 0.0
    if _content(line):
        lines.append(_trim(line))
    return lines


def _content(line: list[Atom]) -> bool:
    return any(not a.space for a in line)


def _trim(line: list[Atom]) -> list[Atom]:
    while line and line[-1].space:
        line = line[:-1]
    return line


def _hyphen_split(a: Atom, room: float, size: float, lang: str):
    hy = _hyphenator(lang)
    if hy is None or not a.text.isalpha() and "'" not in a.text and "’" not in a.text:
        return None
    m = meter(a.face)
    for left, right in hy.iterate(a.text):
        head = left + "-"
        wh = m.width(head, 1.0)
        if wh * size <= room:
            return (Atom(head, a.face, wh), Atom(right, a.face, m.width(right, 1.0), False, True,
                                                 len(right) >= 6))
    return None


def _spans(line: list[Atom], size: float, x0: float) -> tuple[list[Span], float]:
    spans: list[Span] = []
    x = x0
    for a in line:
        w = a.width * size
        if spans and spans[-1].face == a.face:
            spans[-1].text += a.text
        else:
            spans.append(Span(x, a.text, a.face))
        x += w
    return spans, x - x0


ASCENT = 0.8  # first baseline below the frame top, in em (Noto's caps and accents fit)
DESCENT = 0.25  # below the last baseline, in em


def lay_out(paragraphs: list[Paragraph], fonts: Fonts, width: float, size_pt: float,
            leading: float = 1.2, unit: float = 1.0, atoms: list[list[Atom]] | None = None) -> Layout:
    """Set ``paragraphs`` at ``size_pt`` in a frame ``width`` wide (in mm when ``unit`` is 1).

    ``atoms`` (one list per paragraph, from ``_atoms``) saves re-measuring when the same text is
    set at several sizes: atoms are measured at size 1 and never changed by line breaking."""
    layout = Layout(size_pt=size_pt, width=width)
    base = 0.0
    if atoms is None:
        atoms = [_atoms(p, fonts) for p in paragraphs]
    for p, p_atoms in zip(paragraphs, atoms, strict=True):
        size = size_pt * PT * p.size_factor / unit
        lead = size * leading
        first = True
        for line_atoms in _break_lines(p_atoms, width, size, p.lang):
            _, w = _spans(line_atoms, size, 0)
            x0 = {"start": 0.0, "middle": (width - w) / 2, "end": width - w}[p.align]
            spans, w = _spans(line_atoms, size, x0)
            if not layout.lines:
                base = size * ASCENT
            else:
                base += lead + (p.space_before * lead if first else 0.0)
            first = False
            layout.lines.append(Line(spans, w, size, lead, base))
        layout.height = base + (layout.lines[-1].size * DESCENT if layout.lines else 0.0)
    return layout


def fit(paragraphs: list[Paragraph], fonts: Fonts, width: float, height: float,
        max_pt: float, min_pt: float, what: str, leading: float = 1.2,
        max_lines: int | None = None) -> Layout:
    """The largest size in [min_pt, max_pt] (0.1 pt steps) at which the text fits the frame."""
    def ok(lay: Layout) -> bool:
        return (lay.height <= height + 1e-6 and not lay.overflows
                and (max_lines is None or len(lay.lines) <= max_lines))

    atoms = [_atoms(p, fonts) for p in paragraphs]  # measured once, set at every size tried
    best = lay_out(paragraphs, fonts, width, max_pt, leading, atoms=atoms)
    if ok(best):
        return best
    smallest = lay_out(paragraphs, fonts, width, min_pt, leading, atoms=atoms)
    if not ok(smallest):
        if smallest.overflows:
            widest = max(smallest.lines, key=lambda line: line.width)
            word = "".join(s.text for s in widest.spans).strip()
            raise Overset(f"{what} (« {word[:40]} » is {widest.width:.1f} mm wide, the frame "
                          f"{width:.1f} mm)", smallest.height, height, min_pt)
        raise Overset(what, smallest.height, height, min_pt)
    lo, hi = round(min_pt * 10), round(max_pt * 10)  # lo fits, hi does not
    best = smallest
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lay = lay_out(paragraphs, fonts, width, mid / 10, leading, atoms=atoms)
        if ok(lay):
            lo, best = mid, lay
        else:
            hi = mid
    return best
