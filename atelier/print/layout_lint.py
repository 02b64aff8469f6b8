"""The layout lint: read a produced print PDF back and check it as a designer would sign it off.

Run by the preflight on every print file (``check_file``); thresholds in ``config/settings.yaml``
→ ``layout_lint``. Each finding names **piece › element › rule** and, when it has a place, comes
with a thumbnail of the page with the element outlined (``build/preflight/lint/``), which the
preflight page shows.

What is read, and from where:
- **from the PDF** (pypdfium2: every character with its box and effective size), for every piece
  whether its family declared anything or not: the characters grouped into lines;
- **from the family's declaration**, when its state file carries one for the file (the layout
  engine knows what a line is *for*)::

      "<file>.pdf": {"layout": {
          "family": "menus",
          "covers": [0],                     # pages exempt from the empty-band rule
          "boxes": [                         # Layout.declare(x, y, role, element, page, lang)
            {"page": 0, "role": "name", "element": "carbonade › name", "lang": "fr",
             "text": "Carbonade flamande", "size_pt": 11.5,
             "lines": [{"text": "Carbonade", "box_mm": [x, y, w, h]}, …]},
            {"page": 0, "role": "mark", "element": "ALL mark", "box_mm": [x, y, w, h]}]}}

  Boxes are in mm from the trim's top-left. Roles: ``title``, ``heading`` and ``name`` (never
  hyphenated), ``body``/``description``, ``translation``, ``legal``, ``price``, and ``mark`` (the
  ALL mark: a box, no lines). ``atelier/layout/text.py``'s ``Layout.declare`` writes a text's.

Rules (errors unless said):
- ``hyphenation``: a declared heading/name line, or any declared line set at
  ``no_hyphen_from_pt`` or more, ending in a hyphen the text does not have (read back only, a
  large line ending in a hyphen before a lowercase word is a warning: it may be a compound's);
- ``line-end``: a declared heading/name line, not its last, ending on a word that leads into the
  next (``text.heading_no_line_end`` of the text's language: « Aniche, le / verre noir »);
- ``lone-date``: a line of text read back that is a numeric date alone (« jusqu’au /
  07/06/2020 »);
- ``japanese-break``: two lines of one paragraph (declared, or read: same size, next baseline,
  aligned) broken inside a BudouX phrase — except body text whose phrase is longer than a line;
- ``overlap``: two lines of text whose ink boxes intersect (read from the PDF);
- ``size``: a declared text below its role's minimum for the family (``min_pt``) or below its
  own ``min_pt`` (signage: the size its role's letter height needs at the panel's distances), or
  any character below ``min_pt.any``;
- ``safety``: text closer to the trim than the family's safety zone (the pack plan's, per file);
- ``brand-mark``: no ALL mark on the piece (declared, or found in the PDF: a path with the
  shape of the wordmark's A, through nested forms, its box scaled to the whole logo's, with or
  without the tagline drawn under it), a mark narrower than the brand's minimum
  (``brand/tokens.yaml``: ``logo_min_width_mm`` with the tagline, ``mark_min_width_mm`` for the
  wordmark alone), or text inside its clear space (``mark_clear_ratio`` × the wordmark's
  height on every side);
- ``empty-band`` (warning): a blank band, across or down the live area (trim less the safety
  zone), larger than ``empty_band_max`` of it, covers excepted.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import yamlfile
from ..layout.japanese import is_cjk, phrase_starts
from ..paths import BRAND, settings_file
from .preflight import MM, Finding

HEADING_ROLES = ("title", "heading", "name")
CHECK = "layout"


@functools.cache
def settings() -> dict:
    """``layout_lint`` of config/settings.yaml, and the brand mark's minimum width."""
    with open(settings_file(), encoding="utf-8") as f:
        whole = yamlfile.safe_load(f) or {}
    conf = dict(whole.get("layout_lint") or {})
    # the text engine's own list (text.heading_no_line_end): what it avoids, the lint checks
    conf.setdefault("heading_no_line_end",
                    (whole.get("text") or {}).get("heading_no_line_end") or {})
    with open(BRAND / "tokens.yaml", encoding="utf-8") as f:
        tokens = yamlfile.safe_load(f) or {}
    conf.setdefault("logo_min_width_mm", _find(tokens, "logo_min_width_mm") or 25.0)
    conf.setdefault("mark_min_width_mm", _find(tokens, "mark_min_width_mm") or 12.0)
    return conf


def _find(node, key):
    if isinstance(node, dict):
        if key in node:
            return node[key]
        for v in node.values():
            found = _find(v, key)
            if found is not None:
                return found
    return None


def salt() -> str:
    """What a verdict depends on besides the file: this code and its settings."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update(json.dumps(settings(), sort_keys=True, default=str).encode())
    return h.hexdigest()[:16]


# -- reading the PDF ------------------------------------------------------------------------------
@dataclass
class Line:
    """A line of text read back: its characters' union box in mm from the trim's top-left."""

    page: int
    text: str
    size: float  # pt, the smallest character's
    x0: float
    y0: float
    x1: float
    y1: float
    base: float  # baseline (mm from the top)
    bold: bool = False  # every character in a bold face (names and titles usually are)

    @property
    def box(self) -> list[float]:
        return [self.x0, self.y0, self.x1 - self.x0, self.y1 - self.y0]


def _bold(pdfium, tp, i: int) -> bool:
    """Is character ``i`` set in a bold face? (by its font's name: subsets keep « Bold »)"""
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    n = pdfium.FPDFText_GetFontInfo(tp.raw, i, buf, 128, ctypes.byref(flags))
    return n > 0 and b"Bold" in buf.raw[:n]


def read_lines(page, page_no: int, trim_pt) -> list[Line]:
    """The page's characters (pdfium) grouped into lines: same baseline, in drawing order, a gap
    of less than 1.2 em between neighbours (wider gaps are columns)."""
    import pypdfium2.raw as pdfium

    left, _bottom, _right, top = trim_pt
    tp = page.get_textpage()
    matrix = pdfium.FS_MATRIX()
    chars = []
    space = False  # a space (drawn or inferred by pdfium) before the next character
    try:
        for i in range(tp.count_chars()):
            ch = chr(pdfium.FPDFText_GetUnicode(tp.raw, i))
            if ch == "\x02" or pdfium.FPDFText_IsHyphen(tp.raw, i) == 1:
                ch = "-"  # pdfium reads a hyphen that ends a line as U+0002
            if ch.isspace() or ch in "\ufffe\x00" or pdfium.FPDFText_IsGenerated(tp.raw, i) == 1:
                space = space or ch.isspace()
                continue
            pdfium.FPDFText_GetMatrix(tp.raw, i, ctypes.byref(matrix))
            size = pdfium.FPDFText_GetFontSize(tp.raw, i) * math.hypot(matrix.c, matrix.d)
            x = ctypes.c_double()
            y = ctypes.c_double()
            pdfium.FPDFText_GetCharOrigin(tp.raw, i, ctypes.byref(x), ctypes.byref(y))
            lft, b, r, t = tp.get_charbox(i)
            chars.append((ch, size, (lft - left) / MM, (top - t) / MM, (r - left) / MM,
                          (top - b) / MM, (top - y.value) / MM, space,
                          _bold(pdfium, tp, i)))
            space = False
    finally:
        tp.close()
    lines: list[Line] = []
    cur: list = []

    def close():
        if cur:
            text = cur[0][0] + "".join((" " if c[7] else "") + c[0] for c in cur[1:])
            lines.append(Line(page_no, text, min(c[1] for c in cur), min(c[2] for c in cur),
                              min(c[3] for c in cur), max(c[4] for c in cur),
                              max(c[5] for c in cur), cur[0][6], all(c[8] for c in cur)))

    for c in chars:
        if cur:
            prev = cur[-1]
            em = max(c[1], prev[1]) / MM
            same = abs(c[6] - prev[6]) < 0.2 * em and -0.3 * em < c[2] - prev[4] < 1.2 * em
            if not same:
                close()
                cur = []
        cur.append(c)
    close()
    return lines


# -- the ALL mark, found in the PDF ----------------------------------------------------------------
@functools.cache
def _logo_geometry() -> tuple[list[tuple[float, float]], float, float]:
    """The A of the wordmark (``brand/logos/all-logo.svg``'s first path) as points normalised to
    its box (y from the top), and the whole mark's size (viewBox less its margin) in A widths
    and A heights."""
    text = (BRAND / "logos" / "all-logo.svg").read_text(encoding="utf-8")
    vb = [float(v) for v in re.search(r'viewBox="([^"]+)"', text).group(1).split()]
    d = re.search(r'<path[^>]* d="([^"]+)"', text).group(1)
    nums = [float(v) for v in re.findall(r"-?[\d.]+", d)]
    pts = list(zip(nums[0::2], nums[1::2], strict=False))
    x0, y0 = min(p[0] for p in pts), min(p[1] for p in pts)
    w, h = max(p[0] for p in pts) - x0, max(p[1] for p in pts) - y0
    margin = -vb[0]
    return ([((x - x0) / w, (y - y0) / h) for x, y in pts],
            (vb[2] - 2 * margin) / w, (vb[3] - 2 * margin) / h)


def _matrix(handle):
    import pypdfium2.raw as pdfium

    m = pdfium.FS_MATRIX()
    pdfium.FPDFPageObj_GetMatrix(handle, ctypes.byref(m))
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner, outer):
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def find_marks(page, page_no: int, trim_pt) -> list[dict]:
    """Boxes (mm from the trim's top-left) of the ALL marks drawn on the page, found by the shape
    of their A (the same polygon as the brand's logo, at any size), through nested forms."""
    import pypdfium2.raw as pdfium

    shape, wide, tall = _logo_geometry()
    left, _bottom, _right, top = trim_pt
    found = []

    def box_of(handle, m) -> tuple[float, float, float, float]:
        """An object's bounds (in its parent's space) through ``m``, in page space."""
        v = [ctypes.c_float() for _ in range(4)]
        pdfium.FPDFPageObj_GetBounds(handle, *(ctypes.byref(x) for x in v))
        lo, b, r, t = (x.value for x in v)
        a, bb, c, d, e, f = m
        xs = [a * x + c * y + e for x, y in ((lo, b), (r, t), (lo, t), (r, b))]
        ys = [bb * x + d * y + f for x, y in ((lo, b), (r, t), (lo, t), (r, b))]
        return min(xs), min(ys), max(xs), max(ys)

    def visit(handle, outer, siblings=()):
        kind = pdfium.FPDFPageObj_GetType(handle)
        m = _compose(_matrix(handle), outer)
        if kind == pdfium.FPDF_PAGEOBJ_FORM:
            kids = [pdfium.FPDFFormObj_GetObject(handle, i)
                    for i in range(pdfium.FPDFFormObj_CountObjects(handle))]
            for kid in kids:
                visit(kid, m, [(k, m) for k in kids if k != kid])
            return
        if kind != pdfium.FPDF_PAGEOBJ_PATH:
            return
        n = pdfium.FPDFPath_CountSegments(handle)
        if n not in (len(shape), len(shape) + 1):
            return
        pts = []
        x, y = ctypes.c_float(), ctypes.c_float()
        for i in range(n):
            seg = pdfium.FPDFPath_GetPathSegment(handle, i)
            pdfium.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            a, b, c, d, e, f = m
            pts.append((a * x.value + c * y.value + e, b * x.value + d * y.value + f))
        x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
        y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
        w, h = x1 - x0, y1 - y0
        if w <= 0 or h <= 0:
            return
        norm = [((px - x0) / w, (y1 - py) / h) for px, py in pts]  # y from the top, as in SVG
        if all(min(abs(nx - sx) + abs(ny - sy) for nx, ny in norm) < 0.04 for sx, sy in shape):
            # the tagline: a shape drawn with the wordmark, just under it, within its width
            tagline = False
            for other, om in siblings:
                if pdfium.FPDFPageObj_GetType(other) != pdfium.FPDF_PAGEOBJ_PATH:
                    continue
                bx0, by0, bx1, by1 = box_of(other, om)
                if (by1 <= y0 + 0.02 * h and by0 >= y0 - (tall - 1) * h - 0.02 * h
                        and bx0 >= x0 - 0.05 * w and bx1 <= x0 + w * wide + 0.05 * w):
                    tagline = True
                    break
            found.append({"page": page_no, "role": "mark", "element": "ALL mark",
                          "tagline": tagline, "wordmark_mm": round(h / MM, 2),
                          "box_mm": [round((x0 - left) / MM, 2), round((top - y1) / MM, 2),
                                     round(w * wide / MM, 2),
                                     round(h * (tall if tagline else 1.0) / MM, 2)]})

    for i in range(pdfium.FPDFPage_CountObjects(page.raw)):
        visit(pdfium.FPDFPage_GetObject(page.raw, i), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
    return found


# -- findings -------------------------------------------------------------------------------------
@dataclass
class Issue:
    level: str
    rule: str
    element: str
    detail: str
    page: int
    box: list[float] | None = None  # mm from the trim's top-left, outlined on the thumbnail
    image: str = ""


@dataclass
class Piece:
    """One print file as the lint sees it."""

    name: str  # the file's name without .pdf (the piece)
    family: str
    safety_mm: float
    pages: int
    size_mm: list[tuple[float, float]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    boxes: list[dict] = field(default_factory=list)
    covers: list[int] = field(default_factory=list)
    declared: bool = False
    rel: str = ""  # the path under build/print
    marks: list[dict] = field(default_factory=list)  # ALL marks found in the PDF


def _family_value(table: dict, rel: str, default):
    """The value of the longest key of ``table`` that starts ``rel`` (a path under build/print)."""
    best = None
    for key in table or {}:
        if rel.startswith(key) and (best is None or len(key) > len(best)):
            best = key
    return table[best] if best is not None else default


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _is_cjk(ch: str) -> bool:
    return bool(ch) and is_cjk(ch)


def _inside_phrase(text: str, at: int) -> bool:
    """Is offset ``at`` of ``text`` inside a BudouX phrase (not between two)?"""
    return at not in phrase_starts(text)


def _phrase_len(text: str, at: int) -> int:
    starts = sorted(phrase_starts(text) | {0, len(text)})
    for a, b in zip(starts, starts[1:], strict=False):
        if a < at < b:
            return b - a
    return 0


def check_hyphenation(piece: Piece, conf: dict) -> list[Issue]:
    out = []
    big = conf.get("no_hyphen_from_pt", 12.0)
    for b in piece.boxes:
        lines = b.get("lines") or []
        heading = b.get("role") in HEADING_ROLES or b.get("size_pt", 0) >= big
        if not heading:
            continue
        source = b.get("text", "")
        for cur, nxt in zip(lines, lines[1:], strict=False):
            t = cur["text"].rstrip()
            if t.endswith("-") and not t.endswith(" -"):
                head = t.split()[-1]
                tail = nxt["text"].split()[0] if nxt["text"].split() else ""
                if (head + tail) not in source:
                    out.append(Issue("error", "hyphenation", b.get("element", "?"),
                                     f"« {head}|{tail} » is hyphenated in a "
                                     f"{b.get('role')} ({b.get('size_pt')} pt): never in "
                                     "titles, names or from "
                                     f"{big:g} pt — re-break or shrink it", b.get("page", 0),
                                     cur["box_mm"]))
    if piece.declared:
        return out
    for page_lines in _by_page(piece.lines).values():
        for cur, nxt in _following(page_lines):
            heading = cur.size >= big or (cur.bold and nxt.bold)  # large, or a bold name
            if heading and cur.text.endswith("-") and nxt.text[:1].islower():
                # read back only, a compound broken at its own hyphen looks the same: a warning
                # (declared text tells them apart, and makes it an error)
                why = f"set at {cur.size:.1f} pt" if cur.size >= big else "in bold (a name?)"
                out.append(Issue("warning", "hyphenation", f"« {_short(cur.text)} »",
                                 f"a line {why} ends with a hyphen "
                                 f"(« {cur.text.split()[-1]}{nxt.text.split()[0]} »): never "
                                 f"hyphenate a title, a name or from {big:g} pt — if it is a "
                                 "compound's own hyphen, declare the text (Layout.declare)",
                                 cur.page, cur.box))
    return out


def check_line_ends(piece: Piece, conf: dict) -> list[Issue]:
    """A declared title's or name's line (not its last) ending on a word that leads into the
    next (``text.heading_no_line_end`` of its language): « Aniche, le / verre noir »."""
    words = {lang: {str(w).lower() for w in ws}
             for lang, ws in (conf.get("heading_no_line_end") or {}).items()}
    out = []
    for b in piece.boxes:
        short = words.get(b.get("lang") or "fr", set())
        if b.get("role") not in HEADING_ROLES or not short:
            continue
        for line in (b.get("lines") or [])[:-1]:
            last = line["text"].split()[-1] if line["text"].split() else ""
            if last.lower().strip(",;:.’'«»") in short:
                out.append(Issue("error", "line-end", b.get("element", "?"),
                                 f"« {_short(line['text'])} » ends on « {last} »: a "
                                 f"{b.get('role')}'s line never ends on a word that leads into "
                                 "the next — break before it", b.get("page", 0),
                                 line["box_mm"]))
    return out


_LONE_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}[.,;]?")


def check_lone_dates(piece: Piece) -> list[Issue]:
    """A numeric date alone on a line (« À consommer jusqu’au / 07/06/2020 »): a reader takes
    it for a line of its own; it stays with the words that lead to it (a no-break space)."""
    return [Issue("error", "lone-date", f"« {line.text.strip()} »",
                  "a date alone on its line: keep it with the words before it (a no-break "
                  "space)", line.page, line.box)
            for line in piece.lines if _LONE_DATE.fullmatch(line.text.strip())]


def _by_page(lines: list[Line]) -> dict[int, list[Line]]:
    out: dict[int, list[Line]] = {}
    for line in lines:
        out.setdefault(line.page, []).append(line)
    return out


def _following(lines: list[Line]):
    """Pairs (line, the next line of the same paragraph): same size, next baseline at most
    1.6 × the size below, the same left edge (within 1 mm) or centred alike."""
    for i, a in enumerate(lines):
        for b in lines[i + 1: i + 4]:
            lead = b.base - a.base
            em = a.size / MM
            if abs(a.size - b.size) < 0.3 and 0.9 * em < lead < 1.6 * em and (
                    abs(a.x0 - b.x0) < 1.0 or abs((a.x0 + a.x1) - (b.x0 + b.x1)) < 2.0):
                yield a, b
                break


def check_japanese(piece: Piece) -> list[Issue]:
    out = []
    seen: set = set()
    for b in piece.boxes:
        lines = b.get("lines") or []
        if not any(_is_cjk(ch) for ch in b.get("text", "")):
            continue
        longest = max((len(x["text"]) for x in lines), default=0)
        for source in b.get("text", "").split("\n"):
            joined = ""
            for cur, nxt in zip(lines, lines[1:], strict=False):
                joined += cur["text"]
                at = joined.replace(" ", "")
                src = source.replace(" ", "").replace("\u3000", "")
                if not (_is_cjk(cur["text"][-1:]) and _is_cjk(nxt["text"][:1])):
                    continue
                if not src.startswith(at.replace("\u3000", "")) or len(at) >= len(src):
                    continue
                k = len(at.replace("\u3000", ""))
                if _inside_phrase(src, k) and not (b.get("role") not in HEADING_ROLES
                                                   and _phrase_len(src, k) > longest):
                    seen.add((b.get("page", 0), cur["text"]))
                    out.append(Issue("error", "japanese-break", b.get("element", "?"),
                                     f"broken inside a phrase: « {cur['text'][-4:]}|"
                                     f"{nxt['text'][:4]} » — break between phrases (BudouX)",
                                     b.get("page", 0), cur["box_mm"]))
    if piece.declared:
        return out
    for page_lines in _by_page(piece.lines).values():
        for cur, nxt in _following(page_lines):
            if not (_is_cjk(cur.text[-1:]) and _is_cjk(nxt.text[:1])):
                continue
            text = cur.text + nxt.text
            k = len(cur.text)
            if _inside_phrase(text, k) and _phrase_len(text, k) <= max(len(cur.text), 1):
                out.append(Issue("error", "japanese-break", f"« {_short(cur.text, 16)} »",
                                 f"broken inside a phrase: « {cur.text[-4:]}|{nxt.text[:4]} » —"
                                 " break between phrases (BudouX)", cur.page, cur.box))
    return out


def _intersect(a: list[float], b: list[float], shrink: float) -> bool:
    return (a[0] + shrink < b[0] + b[2] - shrink and b[0] + shrink < a[0] + a[2] - shrink
            and a[1] + shrink < b[1] + b[3] - shrink and b[1] + shrink < a[1] + a[3] - shrink)


def _core(line: Line) -> list[float]:
    """The band where a line's letters sit (x-height and a little more): two lines whose cores
    meet have letters on top of each other, whereas an accent meeting the descender of the line
    above is only tight leading."""
    em = line.size / MM
    return [line.x0, line.base - 0.6 * em, line.x1 - line.x0, 0.7 * em]


def check_overlaps(piece: Piece, conf: dict) -> list[Issue]:
    out = []
    shrink = conf.get("overlap_tolerance_mm", 0.15)
    for page, lines in _by_page(piece.lines).items():
        cores = sorted(((_core(line), line) for line in lines), key=lambda c: c[0][1])
        for i, (ca, a) in enumerate(cores):
            for cb, b in cores[i + 1:]:
                if cb[1] >= ca[1] + ca[3] - shrink:
                    break
                if _intersect(ca, cb, shrink):
                    box = [min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1) - min(a.x0, b.x0),
                           max(a.y1, b.y1) - min(a.y0, b.y0)]
                    out.append(Issue("error", "overlap", f"« {_short(a.text, 30)} »",
                                     f"overlaps « {_short(b.text, 30)} »", page, box))
    return out


def check_sizes(piece: Piece, conf: dict) -> list[Issue]:
    out = []
    floors = (conf.get("min_pt") or {})
    mine = floors.get(piece.family) or {}
    for b in piece.boxes:
        # a box may carry its own floor, from its family's rules (a panel's, by reading distance)
        floor = b.get("min_pt", mine.get(b.get("role")))
        if floor is not None and b.get("lines") and b.get("size_pt", 99) < floor - 1e-6:
            out.append(Issue("error", "size", b.get("element", "?"),
                             f"{b['size_pt']:g} pt, below the {floor:g} pt of a {b['role']} on "
                             f"{piece.family}", b.get("page", 0), b["lines"][0]["box_mm"]))
    least = floors.get("any")
    if least:
        small = [line for line in piece.lines if line.size < least - 0.05]
        for line in small[:5]:
            out.append(Issue("error", "size", f"« {_short(line.text)} »",
                             f"{line.size:.1f} pt, below {least:g} pt (any text)", line.page,
                             line.box))
    return out


def check_safety(piece: Piece) -> list[Issue]:
    out = []
    m = piece.safety_mm
    # the preflight's slack: a glyph's ink past its advance (a J's tail) is 5 % of the zone
    slack = max(0.1, 0.05 * m)
    for line in piece.lines:
        w, h = piece.size_mm[line.page]
        if (line.x0 < m - slack or line.y0 < m - slack or line.x1 > w - m + slack
                or line.y1 > h - m + slack):
            out.append(Issue("error", "safety", f"« {_short(line.text)} »",
                             f"text within the {m:g} mm safety zone of the trim", line.page,
                             line.box))
    return out


def check_mark(piece: Piece, conf: dict) -> list[Issue]:
    exempt = conf.get("mark_exempt") or []
    if any(piece.rel.startswith(x) for x in exempt):
        return []
    marks = ([b for b in piece.boxes if b.get("role") == "mark" and b.get("box_mm")]
             or piece.marks)  # declared, else found in the PDF by the shape of the wordmark
    if not marks:
        return [Issue("error", "brand-mark", "ALL mark", "missing: the ALL mark (brand/logos) is "
                      "drawn nowhere on the piece", 0)]
    out = []
    ratio = conf.get("mark_clear_ratio", 0.5)
    _shape, _wide, tall = _logo_geometry()
    for m in marks:
        x, y, w, h = m["box_mm"]
        page = m.get("page", 0)
        tagline = m.get("tagline", True)  # a declared mark is the whole logo unless it says not
        # a family may declare its variant's minimum and clear space (labels: the wordmark alone,
        # brand/tokens.yaml mark_min_width_mm, clear_space_ratio)
        minimum = float(m.get("min_width_mm", conf["logo_min_width_mm"] if tagline
                              else conf["mark_min_width_mm"]))
        if w < minimum - 0.05:
            what = "the logo with its tagline" if tagline else "the wordmark alone"
            out.append(Issue("error", "brand-mark", m.get("element", "ALL mark"),
                             f"{w:.1f} mm wide, below the brand's minimum of {minimum:g} mm for "
                             f"{what}", page, m["box_mm"]))
        c = float(m.get("clear_mm", ratio * m.get("wordmark_mm", h / tall if tagline else h)))
        zone = [x - c, y - c, w + 2 * c, h + 2 * c]
        for line in piece.lines:
            if line.page == page and _intersect(zone, line.box, 0.05):
                out.append(Issue("error", "brand-mark", m.get("element", "ALL mark"),
                                 f"« {_short(line.text, 30)} » inside its clear space "
                                 f"({c:.1f} mm around it)", page, zone))
    return out


def check_bands(piece: Piece, images: dict, conf: dict) -> list[Issue]:
    """Blank bands across (or down) the live area, larger than ``empty_band_max`` of it."""
    import numpy as np

    limit = conf.get("empty_band_max", 0.3)
    out = []
    if any(piece.rel.startswith(x) for x in conf.get("empty_band_exempt") or []):
        return out
    for page, (img, px_per_mm) in images.items():
        if page in piece.covers:
            continue
        w, h = piece.size_mm[page]
        m = piece.safety_mm
        a = np.asarray(img.convert("L"), dtype=np.int16)
        x0, y0 = int(m * px_per_mm), int(m * px_per_mm)
        x1, y1 = int((w - m) * px_per_mm), int((h - m) * px_per_mm)
        live = a[y0:y1, x0:x1]
        if live.size == 0:
            continue
        tol = conf.get("empty_band_tolerance", 10)
        for axis, length, name in ((1, y1 - y0, "across"), (0, x1 - x0, "down")):
            blank = (live.max(axis=axis) - live.min(axis=axis)) <= tol
            run, best, end = 0, 0, 0
            for i, b in enumerate(blank):
                run = run + 1 if b else 0
                if run > best:
                    best, end = run, i + 1
            if best > limit * length:
                start = end - best
                if axis == 1:
                    box = [m, m + start / px_per_mm, w - 2 * m, best / px_per_mm]
                else:
                    box = [m + start / px_per_mm, m, best / px_per_mm, h - 2 * m]
                out.append(Issue("warning", "empty-band", f"page {page + 1}",
                                 f"an empty band {name} the page, {best / length:.0%} of the "
                                 f"live area (at most {limit:.0%}): spread the content",
                                 page, box))
    return out


# -- the file -------------------------------------------------------------------------------------
THUMBS = Path("build/preflight/lint")  # relative to the project, as the jobs' paths are


def check_file(path: str, declaration: dict | None, trims_pt: list, safety_mm: float = 0.0,
               thumb_dir: Path | None = THUMBS) -> list[Finding]:
    """The layout findings of one print file (``safety_mm``: its family's safety zone, as the
    pack's plan has it); thumbnails written to ``thumb_dir``."""
    import pypdfium2

    conf = settings()
    rel = _relative(path)
    if any(rel.startswith(x) for x in conf.get("skip") or []):
        return [Finding(CHECK, "ok", "not linted: its pieces are linted on their own files")]
    family = (declaration or {}).get("family") or rel.split("/", 1)[0]
    piece = Piece(Path(path).stem, family, float(safety_mm), len(trims_pt), rel=rel)
    if declaration:
        piece.declared = True
        piece.boxes = [b for b in declaration.get("boxes") or [] if isinstance(b, dict)]
        piece.covers = [int(c) for c in declaration.get("covers") or []]
    px_per_mm = conf.get("raster_px_per_mm", 2.0)
    images = {}
    pdf = pypdfium2.PdfDocument(path)
    try:
        for n, trim in enumerate(trims_pt):
            page = pdf[n]
            x0, y0, x1, y1 = trim
            piece.size_mm.append(((x1 - x0) / MM, (y1 - y0) / MM))
            piece.lines += read_lines(page, n, trim)
            piece.marks += find_marks(page, n, trim)
            full = page.render(scale=px_per_mm * 25.4 / 72).to_pil()
            mb = page.get_mediabox()
            left = (x0 - mb[0]) * px_per_mm / MM
            top = (mb[3] - y1) * px_per_mm / MM
            images[n] = (full.crop((round(left), round(top),
                                    round(left + (x1 - x0) * px_per_mm / MM),
                                    round(top + (y1 - y0) * px_per_mm / MM))), px_per_mm)
            page.close()
    finally:
        pdf.close()
    issues = grouped(check_hyphenation(piece, conf) + check_line_ends(piece, conf)
                     + check_lone_dates(piece) + check_japanese(piece)
                     + check_overlaps(piece, conf) + check_sizes(piece, conf)
                     + check_safety(piece) + check_mark(piece, conf)
                     + check_bands(piece, images, conf))
    if thumb_dir is not None:
        _thumbnails(piece, issues, images, Path(thumb_dir), conf)
    return findings(piece, issues)


def grouped(issues: list[Issue], most: int = 3) -> list[Issue]:
    """More than ``most`` issues of one rule on one page become one, naming the first few and
    outlining them all: a reader acts on a rule, not on each of its 30 lines."""
    by: dict[tuple, list[Issue]] = {}
    for i in issues:
        by.setdefault((i.rule, i.page, i.level), []).append(i)
    out = []
    for (rule, page, level), group in by.items():
        if len(group) <= most:
            out += group
            continue
        boxes = [i.box for i in group if i.box]
        box = None
        if boxes:
            x0 = min(b[0] for b in boxes)
            y0 = min(b[1] for b in boxes)
            box = [x0, y0, max(b[0] + b[2] for b in boxes) - x0,
                   max(b[1] + b[3] for b in boxes) - y0]
        names = ", ".join(i.element for i in group[:most])
        out.append(Issue(level, rule, f"{len(group)} elements ({names}…)", group[0].detail,
                         page, box))
    return out


def findings(piece: Piece, issues: list[Issue]) -> list[Finding]:
    if not issues:
        return [Finding(CHECK, "ok", "no layout issue (hyphenation, Japanese breaks, overlaps, "
                                     "sizes, safety zone, brand mark, empty bands)")]
    out = []
    pending = settings().get("pending") or []
    for i in issues:
        level, note = i.level, ""
        if level == "error" and i.rule in pending:
            level, note = "warning", " (a warning for now: layout_lint.pending)"
        f = Finding(CHECK, level, f"{piece.name} › {i.element} › {i.rule}: "
                                  f"{'' if i.page is None else f'p. {i.page + 1}, '}{i.detail}"
                                  f"{note}")
        if i.image:
            f.image = i.image
        out.append(f)
    return out


def _relative(path: str) -> str:
    """build/print/menus/x.pdf -> menus/x.pdf; build/office/planches/y.pdf -> office/planches/y.pdf."""
    parts = Path(path).parts
    if "print" in parts:
        return "/".join(parts[parts.index("print") + 1:])
    if "office" in parts:
        return "/".join(parts[parts.index("office"):])
    return Path(path).name


def _thumbnails(piece: Piece, issues: list[Issue], images: dict, folder: Path, conf: dict):
    from PIL import ImageDraw

    width = int(conf.get("thumbnail_px", 240))
    folder.mkdir(parents=True, exist_ok=True)
    for k, issue in enumerate(issues):
        if issue.box is None or issue.page not in images:
            continue
        img, px = images[issue.page]
        img = img.convert("RGB")
        draw = ImageDraw.Draw(img)
        x, y, w, h = issue.box
        pad = 1.0
        line = max(2, round(img.width / width * 1.5))
        draw.rectangle([(x - pad) * px, (y - pad) * px, (x + w + pad) * px, (y + h + pad) * px],
                       outline=(255, 0, 140), width=line)
        scale = width / img.width
        thumb = img.resize((width, max(1, round(img.height * scale))))
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{piece.name}-p{issue.page + 1}-{k + 1}.png")
        target = folder / name
        thumb.save(target, optimize=True)
        issue.image = str(target)
