"""Text layout for SVG: measure, wrap, hyphenate, break Japanese, shrink to fit — or fail.

cairosvg cannot lay text out (no wrapping, no font fallback), so every SVG deliverable asks this
module for positioned lines and writes them as ``<tspan>``s. A ``Paragraph`` is a list of runs
(text + emphasis) with a **role**: ``"heading"`` for titles and names (of a product, a dish, a
stop, a section), ``"body"`` for running text. ``fit`` finds the largest size between ``max_pt``
and ``min_pt`` at which the paragraphs fit the frame; below ``min_pt`` it raises ``Overset``
rather than overflow silently.

Line breaking, as a designer breaks lines (thresholds in ``config/settings.yaml`` → ``text``):

- Latin text breaks at spaces and after hyphens, never at a no-break space (U+00A0, U+202F);
- headings, and any paragraph set at ``no_hyphen_from_pt`` or more, are never hyphenated: a word
  wider than the frame overflows, so ``fit`` re-breaks at a smaller size, down to the role's
  minimum, then raises ``Overset`` naming the item;
- body text hyphenates French/English words of ``hyphen_min_letters`` letters or more, keeping
  ``hyphen_left``/``hyphen_right`` letters each side, never more than ``hyphen_max_run`` lines in
  a row, never the paragraph's last word nor a capitalised word (a proper noun);
- a multi-line heading is balanced (the narrowest measure that keeps its number of lines), and
  no paragraph ends on a widow (one short word alone on its last line) when re-breaking at a
  slightly narrower measure avoids it without adding a line;
- Japanese breaks only between phrases, as BudouX segments them, keeping the kinsoku rules (no
  closing punctuation or small kana at a line start, no opening bracket at a line end); only in
  body text, and only when a phrase is wider than the whole line, is it broken per character.

Each run of Japanese characters is set in the Japanese face, the rest in the Latin face.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

import pyphen

from .fonts import PT, Face, MissingGlyph, meter
from .japanese import _phraser, is_cjk, phrase_starts

# BudouX's model read now (~60 ms), at import: the label workers, forked from a process that
# imported this module, then start with it instead of each reading it at its first label.
_phraser()

# Kinsoku: characters that may not start a line, and that may not end one.
NO_START = set("、。，．,.)）」』】〕〉》］｝〙〗〟’”｠»・：；:;!?！？‼⁇⁈⁉ー"
               "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻゠〜～…‥%")
NO_END = set("(（「『【〔〈《［｛〘〖〝‘“｟«")
NBSP = "\u00a0\u202f"
ROLES = ("body", "heading")


@dataclass(frozen=True)
class Rules:
    """How lines are broken; ``rules()`` reads them from ``config/settings.yaml`` → ``text``."""

    no_hyphen_from_pt: float = 12.0
    hyphen_min_letters: int = 6
    hyphen_left: int = 2
    hyphen_right: int = 3
    hyphen_max_run: int = 2
    widow_max_chars: int = 8  # a last line of one word this short (or shorter) is a widow
    widow_max_chars_ja: int = 3  # the same for a last line of one Japanese phrase
    widow_narrowing: float = 0.2  # how much narrower (of the measure) re-breaking may try
    # per language, the words a heading's line may not end on (settings: a mapping, kept as
    # pairs so that the rules stay hashable)
    heading_no_line_end: tuple = ()

    def no_line_end(self, lang: str) -> frozenset:
        return next((frozenset(w) for code, w in self.heading_no_line_end if code == lang),
                    frozenset())


_RULES: list[Rules] = []


def rules() -> Rules:
    """The line-breaking rules of the project's ``config/settings.yaml`` (read once per
    process)."""
    if not _RULES:
        from .. import yamlfile
        from ..paths import settings_file

        with open(settings_file(), encoding="utf-8") as f:
            conf = (yamlfile.safe_load(f) or {}).get("text") or {}
        kw = {k: v for k, v in conf.items() if k in Rules.__dataclass_fields__}
        kw["heading_no_line_end"] = tuple(
            (lang, tuple(w.lower() for w in words))
            for lang, words in sorted((kw.get("heading_no_line_end") or {}).items()))
        _RULES.append(Rules(**kw))
    return _RULES[0]


def set_rules(r: Rules | None) -> None:
    """Use ``r`` from now on (tests); ``None`` reads the settings again at next use."""
    _RULES.clear()
    if r is not None:
        _RULES.append(r)


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
    role: str = "body"  # body | heading (titles and names: never hyphenated, balanced)

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"paragraph role « {self.role} » is not one of {ROLES}")

    @classmethod
    def of(cls, text: str, **kw) -> Paragraph:
        return cls([Run(text)], **kw)

    @classmethod
    def heading(cls, text: str, bold: bool = True, **kw) -> Paragraph:
        """A title or a name: one run, bold by default, role ``heading``."""
        return cls([Run(text, bold=bold)], role="heading", **kw)


@dataclass(frozen=True)
class Fonts:
    """The faces a frame uses: Latin text, and Japanese text."""

    latin: str
    japanese: str

    def face(self, cjk: bool, bold: bool, italic: bool) -> Face:
        if cjk:
            return _face(self.japanese, bold, False)  # the Japanese face has no italic
        return _face(self.latin, bold, italic)


@functools.cache
def _face(family: str, bold: bool, italic: bool) -> Face:
    # one object per face: spans compare faces by identity first (cheaper than field by field)
    return Face(family, bold, italic)


@dataclass
class Atom:
    text: str
    face: Face
    width: float  # at size 1
    space: bool = False  # a breakable, discardable space
    break_before: bool = True  # may a line start with this atom?
    hyphenable: bool = False
    soft: bool = False  # a break inside a Japanese phrase: per character, in body text only


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
    text: str = ""  # the paragraphs' text, one per line ("\n"), as given (for the layout lint)

    def declare(self, x: float, y: float, role: str, element: str, page: int = 0,
                lang: str = "fr") -> dict:
        """This text placed with its frame's top-left at (x, y) mm, as the layout lint reads it
        from a family's state file (``atelier/print/layout_lint.py``): role, element, source
        text, each line's text and box (mm from the trim's top-left), smallest size in pt."""
        lines = []
        for line in self.lines:
            x0 = x + (line.spans[0].x if line.spans else 0.0)
            top = y + line.baseline - line.size * ASCENT
            lines.append({"text": "".join(s.text for s in line.spans),
                          "box_mm": [round(x0, 2), round(top, 2), round(line.width, 2),
                                     round(line.size * (ASCENT + DESCENT), 2)]})
        size = min((line.size for line in self.lines), default=0.0)
        return {"page": page, "role": role, "element": element, "lang": lang, "text": self.text,
                "size_pt": round(size / PT, 2) if size else round(self.size_pt, 2),
                "lines": lines}

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
def _hyphenator(lang: str, left: int, right: int):
    code = {"fr": "fr_FR", "en": "en_GB"}.get(lang)
    return pyphen.Pyphen(lang=code, left=left, right=right) if code else None


def _hyphenable(word: str, r: Rules) -> bool:
    # a capitalised word is taken for a proper noun (or a sentence's first word: short anyway)
    return sum(ch.isalpha() for ch in word) >= r.hyphen_min_letters and not word[:1].isupper()


def _add_word(atoms: list[Atom], word: str, run: Run, fonts: Fonts, phrase_start: bool,
              r: Rules) -> None:
    face = fonts.face(False, run.bold, run.italic)
    m = meter(face)
    lacking = m.lacks(word)
    if lacking:
        raise MissingGlyph(face, lacking)
    prev = atoms[-1] if atoms else None
    # A word glued to the previous atom (no space between) cannot start a line, unless the
    # previous one ends with a hyphen.
    glued = prev is not None and not prev.space and not prev.text.endswith("-")
    atoms.append(Atom(word, face, m.width(word, 1.0), False, not glued,
                      hyphenable=_hyphenable(word, r)))
    if glued and prev is not None and is_cjk(prev.text[-1]):
        atoms[-1].soft = not phrase_start  # settled by the kinsoku pass in _atoms


_CJK = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
                  "\u31f0-\u31ff]")  # is_cjk's ranges, to search a whole text at once


class _Every:
    """Every offset starts a phrase: Japanese breakable per character (kinsoku aside)."""

    def __contains__(self, k) -> bool:
        return True


_EVERY = _Every()


def _atoms(p: Paragraph, fonts: Fonts, r: Rules | None = None, phrases: bool = True
           ) -> list[Atom]:
    """The paragraph cut into atoms measured at size 1. Without ``phrases`` (a paragraph that
    sets on one line: where it may break does not matter) BudouX is not asked."""
    r = r or rules()
    atoms: list[Atom] = []
    for run in p.runs:
        text = unicodedata.normalize("NFC", run.text)
        starts = ((phrase_starts(text) if phrases else _EVERY)
                  if _CJK.search(text) else frozenset())
        buf, buf_at = "", 0
        for k, ch in enumerate(text):
            if ch in " \t\n\u2009" or (ch.isspace() and ch not in NBSP):
                if buf:
                    _add_word(atoms, buf, run, fonts, buf_at in starts, r)
                    buf = ""
                face = fonts.face(False, run.bold, run.italic)
                atoms.append(Atom(" ", face, meter(face).width(" ", 1.0), True))
                continue
            if is_cjk(ch):
                if buf:
                    _add_word(atoms, buf, run, fonts, buf_at in starts, r)
                    buf = ""
                face = fonts.face(True, run.bold, run.italic)
                m = meter(face)
                lacking = m.lacks(ch)
                if lacking:
                    raise MissingGlyph(face, lacking)
                prev = atoms[-1] if atoms else None
                kinsoku = (prev is None or prev.space or
                           (ch not in NO_START and prev.text[-1] not in NO_END))
                phrase = prev is None or prev.space or k in starts or k == 0
                atoms.append(Atom(ch, face, m.width(ch, 1.0), False, kinsoku and phrase,
                                  soft=kinsoku and not phrase))
                continue
            if not buf:
                buf_at = k
            buf += ch
            if ch == "-" and len(buf) > 1:  # a hyphen ends a breakable piece
                _add_word(atoms, buf, run, fonts, buf_at in starts, r)
                buf = ""
        if buf:
            _add_word(atoms, buf, run, fonts, buf_at in starts, r)
    # Latin glued to preceding CJK (or vice versa) may break there unless kinsoku forbids it,
    # or a no-break space is on either side; inside a phrase, only per character.
    for i in range(1, len(atoms)):
        a, b = atoms[i - 1], atoms[i]
        if not b.space and not a.space and (is_cjk(a.text[-1]) != is_cjk(b.text[0])):
            ok = (b.text[0] not in NO_START and a.text[-1] not in NO_END
                  and b.text[0] not in NBSP and a.text[-1] not in NBSP)
            inside = b.soft or (is_cjk(b.text[0]) and not b.break_before)
            b.break_before, b.soft = ok and not inside, ok and inside
    # A space before a character that may not start a line does not allow a break either.
    for i in range(len(atoms) - 1):
        a, b = atoms[i], atoms[i + 1]
        if a.space and not b.space and b.text[0] in NO_START:
            a.space, a.break_before, b.break_before = False, False, False
    # A heading's line does not end on a short word that leads into the next (« Aniche, le /
    # verre noir »): the space after it does not break.
    if p.role == "heading":
        short = r.no_line_end(p.lang)
        for i in range(1, len(atoms) - 1):
            word, gap, nxt = atoms[i - 1], atoms[i], atoms[i + 1]
            if (gap.space and not word.space and not nxt.space
                    and word.text.lower().rstrip("’'") in short):
                gap.space, gap.break_before, nxt.break_before = False, False, False
    # The paragraph's last word is never hyphenated.
    for a in reversed(atoms):
        if not a.space:
            a.hyphenable = False
            break
    return atoms


def _atoms_for(p: Paragraph, fonts: Fonts, r: Rules, width: float, size: float) -> list[Atom]:
    """``_atoms``, asking BudouX only when Japanese text does not set on one line at ``size``
    (the largest it will be set at): it is what costs most in a short Japanese name."""
    atoms = _atoms(p, fonts, r, phrases=False)
    if (sum(a.width for a in atoms) * size > width + 1e-9
            and any(_CJK.search(run.text) for run in p.runs)):
        atoms = _atoms(p, fonts, r)
    return atoms


def _break_lines(atoms: list[Atom], width: float, size: float, lang: str,
                 hyphenate: bool = True, per_char: bool = True,
                 r: Rules | None = None) -> list[list[Atom]]:
    """Greedy line breaking of ``atoms`` at ``size`` into lines no wider than ``width``.

    A group of atoms that may not be separated (a word, a Japanese phrase, what kinsoku glues)
    goes whole to the next line when it does not fit; a word may be hyphenated (``hyphenate``,
    within the rules' limits), a phrase wider than the line broken per character (``per_char``).
    """
    r = r or rules()
    lines: list[list[Atom]] = []
    line: list[Atom] = []
    used = 0.0
    run = 0  # hyphenated lines in a row so far
    i = 0
    atoms = list(atoms)
    n = len(atoms)

    def flush(hyphenated: bool):
        nonlocal line, used, run
        lines.append(_trim(line))
        line, used = [], 0.0
        run = run + 1 if hyphenated else 0

    while i < n:
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
        while j < n and not atoms[j].space and not atoms[j].break_before:
            gw += atoms[j].width * size
            j += 1
        may_hyphenate = (hyphenate and j == i + 1 and a.hyphenable and run < r.hyphen_max_run)
        # (a line never starts with a space: a non-empty line has content)
        if used + gw <= width + 1e-9 or not line:
            if not line and gw > width + 1e-9:
                if per_char and j > i + 1:
                    k = _soft_break(atoms, i, j, width, size)
                    if k:
                        line.extend(atoms[i:k])
                        flush(False)
                        i = k
                        continue
                if may_hyphenate:
                    split = _hyphen_split(a, width, size, lang, r)
                    if split:
                        line.append(split[0])
                        flush(True)
                        atoms[i] = split[1]
                        continue
            line.extend(atoms[i:j])
            used += gw
            i = j
            continue
        # does not fit: try hyphenating a single long word into the remaining space
        room = width - used
        if may_hyphenate and room > 0.25 * width:
            split = _hyphen_split(a, room, size, lang, r)
            if split:
                line.append(split[0])
                flush(True)
                atoms[i] = split[1]
                continue
        flush(False)
    if line:
        lines.append(_trim(line))
    return lines


def _soft_break(atoms: list[Atom], i: int, j: int, width: float, size: float) -> int:
    """The last per-character break in the group ``atoms[i:j]`` that fills ``width``, or 0."""
    used, best = 0.0, 0
    for k in range(i, j):
        if k > i and atoms[k].soft and used <= width + 1e-9:
            best = k
        used += atoms[k].width * size
        if used > width + 1e-9 and best:
            break
    return best


def _trim(line: list[Atom]) -> list[Atom]:
    while line and line[-1].space:
        line = line[:-1]
    return line


def _hyphen_split(a: Atom, room: float, size: float, lang: str, r: Rules):
    hy = _hyphenator(lang, r.hyphen_left, r.hyphen_right)
    if hy is None or not a.text.isalpha() and "'" not in a.text and "’" not in a.text:
        return None
    m = meter(a.face)
    for left, right in hy.iterate(a.text):
        if len(right) < r.hyphen_right or len(left) < r.hyphen_left:
            continue
        head = left + "-"
        wh = m.width(head, 1.0)
        if wh * size <= room:
            return (Atom(head, a.face, wh), Atom(right, a.face, m.width(right, 1.0), False, True,
                                                 _hyphenable(right, r)))
    return None


def _is_widow(lines: list[list[Atom]], r: Rules) -> bool:
    """One short word (or Japanese phrase) alone on the last of several lines."""
    if len(lines) < 2:
        return False
    last = lines[-1]
    if any(a.space for a in last) or any(a.break_before for a in last[1:]):
        return False  # more than one group
    text = "".join(a.text for a in last)
    limit = r.widow_max_chars_ja if any(is_cjk(ch) for ch in text) else r.widow_max_chars
    return len(text) <= limit


def _widest(lines: list[list[Atom]], size: float) -> float:
    return max((sum(a.width for a in line) * size for line in lines), default=0.0)


def _paragraph_lines(p: Paragraph, atoms: list[Atom], width: float, size: float, pt: float,
                     r: Rules, polish: bool = True) -> list[list[Atom]]:
    """The lines of one paragraph, broken by its role's rules (see the module's docstring).
    Without ``polish``, no balancing nor widow control: the same number of lines and height,
    for trying sizes."""
    heading = p.role == "heading"
    hyphenate = not heading and pt < r.no_hyphen_from_pt
    per_char = not heading

    def brk(w: float) -> list[list[Atom]]:
        return _break_lines(atoms, w, size, p.lang, hyphenate, per_char, r)

    lines = brk(width)
    if len(lines) < 2 or not polish:
        return lines
    count, widest = len(lines), _widest(lines, size)
    narrowest = min(sum(a.width for a in line) * size for line in lines)
    if heading and widest <= width + 1e-9 and narrowest < 0.8 * widest:  # else balanced already
        # balance: the narrowest measure that keeps the number of lines (8 halvings ≈ 0.4 %)
        lo, hi = widest / count, width
        best = lines
        for _ in range(8):
            mid = (lo + hi) / 2
            trial = brk(mid)
            if len(trial) == count and _widest(trial, size) <= mid + 1e-9:
                hi, best = mid, trial
            else:
                lo = mid
        lines = best
    if _is_widow(lines, r):
        steps = 8
        for k in range(1, steps + 1):
            trial = brk(width * (1 - r.widow_narrowing * k / steps))
            if len(trial) == count and not _is_widow(trial, r) and \
                    _widest(trial, size) <= max(widest, width) + 1e-9:
                return trial
    return lines


def _spans(line: list[Atom], size: float, x0: float) -> tuple[list[Span], float]:
    spans: list[Span] = []
    x = x0
    for a in line:
        w = a.width * size
        if spans and (spans[-1].face is a.face or spans[-1].face == a.face):
            spans[-1].text += a.text
        else:
            spans.append(Span(x, a.text, a.face))
        x += w
    return spans, x - x0


ASCENT = 0.8  # first baseline below the frame top, in em (Noto's caps and accents fit)
DESCENT = 0.25  # below the last baseline, in em


def lay_out(paragraphs: list[Paragraph], fonts: Fonts, width: float, size_pt: float,
            leading: float = 1.2, unit: float = 1.0, atoms: list[list[Atom]] | None = None,
            polish: bool = True) -> Layout:
    """Set ``paragraphs`` at ``size_pt`` in a frame ``width`` wide (in mm when ``unit`` is 1).

    ``atoms`` (one list per paragraph, from ``_atoms``) saves re-measuring when the same text is
    set at several sizes: atoms are measured at size 1 and never changed by line breaking."""
    layout = Layout(size_pt=size_pt, width=width,
                    text="\n".join("".join(run.text for run in p.runs) for p in paragraphs))
    base = 0.0
    r = rules()
    if atoms is None:
        atoms = [_atoms_for(p, fonts, r, width, size_pt * PT * p.size_factor / unit)
                 for p in paragraphs]
    for p, p_atoms in zip(paragraphs, atoms, strict=True):
        size = size_pt * PT * p.size_factor / unit
        lead = size * leading
        first = True
        for line_atoms in _paragraph_lines(p, p_atoms, width, size, size_pt * p.size_factor, r,
                                           polish):
            w = sum(a.width * size for a in line_atoms)  # as _spans adds them up
            x0 = 0.0 if p.align == "start" else (width - w) / 2 if p.align == "middle" else width - w
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

    r = rules()  # measured once, set at every size tried:
    atoms = [_atoms_for(p, fonts, r, width, max_pt * PT * p.size_factor) for p in paragraphs]

    def trial(pt: float) -> Layout:  # balancing and widows change neither lines nor height
        return lay_out(paragraphs, fonts, width, pt, leading, atoms=atoms, polish=False)

    def final(pt: float) -> Layout:
        return lay_out(paragraphs, fonts, width, pt, leading, atoms=atoms)

    if ok(trial(max_pt)):
        return final(max_pt)
    smallest = trial(min_pt)
    if not ok(smallest):
        if smallest.overflows:
            widest = max(smallest.lines, key=lambda line: line.width)
            word = "".join(s.text for s in widest.spans).strip()
            raise Overset(f"{what} (« {word[:40]} » is {widest.width:.1f} mm wide, the frame "
                          f"{width:.1f} mm)", smallest.height, height, min_pt)
        raise Overset(what, smallest.height, height, min_pt)
    lo, hi = round(min_pt * 10), round(max_pt * 10)  # lo fits, hi does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if ok(trial(mid / 10)):
            lo = mid
        else:
            hi = mid
    return final(min_pt if lo == round(min_pt * 10) else lo / 10)
