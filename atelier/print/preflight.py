"""Preflight: read each print PDF back, the way a printer's software would, and check it.

Checks per file (each yields ``ok``, ``warning`` or ``error`` findings):
- ``boxes``: TrimBox and BleedBox on every page, TrimBox = the declared finished size,
  BleedBox = TrimBox + the declared bleed, both inside the MediaBox;
- ``fonts``: every font embedded, and every font one of brand/fonts (compared by PostScript
  name, read from the font files, subset prefix ignored);
- ``images``: effective resolution of every placed image ≥ ``min_dpi`` (``min_dpi_large`` from
  ``large_from_mm`` short side up — A2);
- ``codes``: the page is rasterised and decoded by zbar (independent of the encoder) or
  zxing-cpp; each expected code must be read with its exact value, unexpected codes are flagged;
- ``margins``: no text inside the safety margin (text boxes read back with pdfium) and no code
  box inside it (boxes from the expectations);
- ``x_height``: when the expectations carry a legal minimum (labels), the smallest Latin letter
  read back from the file must reach it, with the face's x-height measured from the font;
- for the printer's files (``FileSpec.press``), the press checks of ``press_checks``: PDF/X
  identification and output intent, no device RGB, colours off the brand's recipes, total ink,
  small text and codes on K only, reversed text, the die — on Ghostscript's separations.

Expectations — what a file should contain — come from the family that drew it: see
``expectations_for`` for the convention (``templates/gallery/README.md`` documents it too).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from .findings import LEVELS, Finding
from .press_checks import check_pdfx, check_plates
from .readback import page_chars

MM = 72 / 25.4
TOLERANCE_MM = 0.1  # boxes are written rounded to 0.001 pt; 0.1 mm is far below any trim error
SUBSET = re.compile(r"^[A-Z]{6}\+")  # subset fonts are named ABCDEF+Name
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


@dataclass
class Expect:
    """What a print file should contain, as declared by the family that drew it."""

    codes: list = field(default_factory=list)  # [{"kind", "data", "page", "box_mm"?, "quiet_mm"?}]
    x_height_min_mm: float | None = None
    declared: bool = False  # False when the family wrote no expectations for this file
    layout: dict | None = None  # the family's layout declaration (atelier/print/layout_lint.py)


def expectations_for(name: str, states: list[dict]) -> Expect:
    """The expectations for print file ``name`` (file name) from the families' state files.

    Convention: a family rule that writes print files may also write JSON files under
    ``build/state/`` among its outputs. Each maps a print file's name (``x.pdf``) or stem (``x``)
    to an entry with any of:
      ``checks``: ``{"qr": {"data", "box_mm": [x, y, side], "module_mm", "modules"},
                   "ean13": "…", "x_height_min_mm": …}`` — one code per file (labels);
      ``codes``: ``[{"kind": "QR" | "EAN-13", "data": "…", "page": 0, "box_mm": [x, y, w, h]}]``
                 — several codes (menus, panels); boxes in mm from the trim's top-left;
      ``labels`` or ``items``: names of other entries drawn on this file (imposed sheets): their
                 codes are expected here too, without boxes (their place is the imposition's).
    """
    stem = name[:-4] if name.endswith(".pdf") else name
    for state in states:
        entry = state.get(name) or state.get(stem)
        if not isinstance(entry, dict):
            continue
        out = Expect(declared=True)
        out.codes, out.x_height_min_mm = _own_codes(entry)
        if isinstance(entry, dict) and isinstance(entry.get("layout"), dict):
            out.layout = entry["layout"]
        for other in sorted({str(o) for o in [*entry.get("labels", []), *entry.get("items", [])]}):
            sub = state.get(other) or state.get(f"{other}.pdf") or {}
            out.codes += [{k: v for k, v in c.items() if k not in ("box_mm", "quiet_mm")}
                          for c in _own_codes(sub)[0]]
        return out
    return Expect()


def _own_codes(entry) -> tuple[list, float | None]:
    """The codes an entry declares; anything malformed declares nothing (families' state files
    hold other measurements too)."""
    checks = entry.get("checks") if isinstance(entry, dict) else None
    checks = checks if isinstance(checks, dict) else {}
    codes = []
    qr = checks.get("qr")
    if isinstance(qr, dict) and qr.get("data"):
        code = {"kind": "QR", "data": str(qr["data"]), "page": 0}
        if isinstance(qr.get("module_mm"), (int, float)):
            code["module_mm"] = float(qr["module_mm"])
        box = qr.get("box_mm")
        if isinstance(box, list) and len(box) == 3:
            x, y, side = box
            code["box_mm"] = [x, y, side, side]
            if "modules" in qr and "module_mm" in qr:
                code["quiet_mm"] = (side - qr["modules"] * qr["module_mm"]) / 2
        codes.append(code)
    if checks.get("ean13"):
        codes.append({"kind": "EAN-13", "data": str(checks["ean13"]), "page": 0})
    listed = entry.get("codes", []) if isinstance(entry, dict) else []
    codes += [dict(c, page=c.get("page", 0)) for c in listed
              if isinstance(c, dict) and c.get("kind") and c.get("data")]
    x_min = checks.get("x_height_min_mm")
    return codes, x_min if isinstance(x_min, (int, float)) else None


# -- fonts ---------------------------------------------------------------------------------------
def brand_font_names(font_files) -> set[str]:
    """PostScript names of the brand's font files (what a PDF's /BaseFont carries)."""
    from fontTools.ttLib import TTFont

    names = set()
    for path in font_files:
        with TTFont(path, lazy=True) as font:
            ps = font["name"].getDebugName(6)
            if ps:
                names.add(ps)
    return names


def _font_dicts(doc: pikepdf.Pdf):
    for obj in doc.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" \
                and obj.get("/Subtype") != "/Type0":
            yield obj
        elif isinstance(obj, pikepdf.Dictionary) and obj.get("/Subtype") == "/Type0":
            yield from (d for d in obj.get("/DescendantFonts", []))


def check_fonts(doc: pikepdf.Pdf, allowed: set[str]) -> list[Finding]:
    found = {}
    for font in _font_dicts(doc):
        name = SUBSET.sub("", str(font.get("/BaseFont", "?")).lstrip("/"))
        desc = font.get("/FontDescriptor")
        embedded = desc is not None and any(k in desc for k in FONT_FILES)
        found[name] = found.get(name, True) and embedded
    out = []
    for name, embedded in sorted(found.items()):
        if not embedded:
            out.append(Finding("fonts", "error", f"font {name} is not embedded"))
        if name not in allowed:
            out.append(Finding("fonts", "error", f"font {name} is not one of brand/fonts "
                                                 f"({', '.join(sorted(allowed))})"))
    if not out:
        out.append(Finding("fonts", "ok", f"{len(found)} font(s), all embedded, all from brand/: "
                                          f"{', '.join(sorted(found)) or 'none'}"))
    return out


# -- boxes ---------------------------------------------------------------------------------------
def check_boxes(doc: pikepdf.Pdf, width: float, height: float, bleed: float) -> list[Finding]:
    out = []
    for n, page in enumerate(doc.pages, start=1):
        obj = page.obj
        missing = [b[1:] for b in ("/TrimBox", "/BleedBox") if b not in obj]
        if missing and bleed == 0:
            # An office sheet: PDF readers take the MediaBox for a missing TrimBox, so it prints
            # right; still worth a word to the family that writes it.
            out.append(Finding("boxes", "warning", f"page {n}: no {' and no '.join(missing)} "
                                                   f"(no bleed declared: the MediaBox stands in)"))
        elif missing:
            out.append(Finding("boxes", "error", f"page {n}: no {' and no '.join(missing)}"))
            continue
        media = [float(v) / MM for v in obj.MediaBox]
        trim = [float(v) / MM for v in obj.get("/TrimBox", obj.MediaBox)]
        bleedbox = [float(v) / MM for v in obj.get("/BleedBox", obj.get("/TrimBox", obj.MediaBox))]
        tw, th = trim[2] - trim[0], trim[3] - trim[1]
        if abs(tw - width) > TOLERANCE_MM or abs(th - height) > TOLERANCE_MM:
            out.append(Finding("boxes", "error", f"page {n}: TrimBox is {tw:.1f} × {th:.1f} mm, "
                                                 f"the manifest says {width:g} × {height:g} mm"))
        want = [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]
        if any(abs(a - b) > TOLERANCE_MM for a, b in zip(bleedbox, want, strict=True)):
            got = (bleedbox[2] - bleedbox[0] - tw) / 2
            out.append(Finding("boxes", "error", f"page {n}: BleedBox gives {got:.1f} mm of bleed, "
                                                 f"{bleed:g} mm expected"))
        if any(a < m - TOLERANCE_MM for a, m in zip(bleedbox[:2], media[:2], strict=True)) or \
                any(a > m + TOLERANCE_MM for a, m in zip(bleedbox[2:], media[2:], strict=True)):
            out.append(Finding("boxes", "error", f"page {n}: BleedBox extends past the MediaBox"))
    if not any(f.level == "error" for f in out):
        out.append(Finding("boxes", "ok", f"{len(doc.pages)} page(s): TrimBox {width:g} × "
                                          f"{height:g} mm, bleed {bleed:g} mm"))
    return out


# -- what pdfium reads back: text boxes and sizes, images, pixels ------------------------------
def read_text(page) -> list[tuple[str, float, tuple]]:
    """(character, effective size in pt, box in pt) of every drawn character."""
    return [(c.text, c.size_pt, c.box_pt) for c in page_chars(page)]


def _inside(trim_pt, margin: float):
    x0, y0, x1, y1 = trim_pt
    # Slack for the ink box's rounding (0.1 mm), and for a glyph's overhang past its advance (a
    # J's tail, an italic's lean) in the wide zones of panels: 5 % of the zone, 1 mm at 20 mm.
    m = margin * MM - max(0.3, 0.05 * margin * MM)
    return x0 + m, y0 + m, x1 - m, y1 - m


def text_outside(page, trim_pt, margin: float) -> list[str]:
    """The words whose glyphs' ink (pdfium's tight character boxes) reaches past the trim less
    the safety margin, one per line of text."""
    import pypdfium2.raw as pdfium

    left, bottom, right, top = _inside(trim_pt, margin)
    tp = page.get_textpage()
    try:
        words: dict[int, str] = {}
        text = tp.get_text_range()
        for i in range(tp.count_chars()):
            if pdfium.FPDFText_IsGenerated(tp.raw, i) == 1 or text[i:i + 1].isspace():
                continue
            box = tp.get_charbox(i)
            if box[0] < left or box[1] < bottom or box[2] > right or box[3] > top:
                start = max(text.rfind(" ", 0, i), text.rfind("\n", 0, i)) + 1
                end = min((p for p in (text.find(" ", i), text.find("\n", i)) if p >= 0),
                          default=len(text))
                words.setdefault(round(box[1]), text[start:end].strip())
        return list(words.values())
    finally:
        tp.close()


def check_margins(outside: list[str], trim_pt, margin: float, codes: list,
                  page_no: int) -> list[Finding]:
    """Text past the safety margin, and code boxes (mm from the trim's top-left) inside it."""
    x0, y0, x1, y1 = trim_pt
    out = []
    if outside:
        sample = " / ".join(outside[:3])[:80]
        out.append(Finding("margins", "error", f"page {page_no}: {len(outside)} line(s) of text "
                                               f"inside the {margin:g} mm safety margin or the "
                                               f"bleed: « {sample} »"))
    w, h = (x1 - x0) / MM, (y1 - y0) / MM
    for code in codes:
        if "box_mm" not in code or code.get("page", 0) != page_no - 1:
            continue
        q = code.get("quiet_mm", 0.0)
        x, y, cw, ch_ = code["box_mm"]
        if x + q < margin - 0.05 or y + q < margin - 0.05 or x + cw - q > w - margin + 0.05 \
                or y + ch_ - q > h - margin + 0.05:
            out.append(Finding("margins", "error", f"page {page_no}: the {code['kind']} code "
                                                   f"({code['data'][:40]}…) reaches into the "
                                                   f"{margin:g} mm safety margin"))
    return out


def check_images(page, page_no: int, min_dpi: float) -> list[Finding]:
    import pypdfium2.raw as pdfium

    out = []
    for obj in page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_IMAGE], max_depth=8):
        meta = obj.get_metadata()
        dpi = min(meta.horizontal_dpi, meta.vertical_dpi)
        if dpi + 0.5 < min_dpi:
            out.append(Finding("images", "error", f"page {page_no}: an image of {meta.width} × "
                                                  f"{meta.height} px prints at {dpi:.0f} dpi "
                                                  f"(≥ {min_dpi:g} dpi needed)"))
    return out


def decode_rasters(paths: list[Path]) -> dict[str, list[tuple[str, str]]]:
    """Codes on each greyscale raster (``<hash>.pgm``), by hash, as (kind, data): read by zbar
    when installed — independent of zxing-cpp, which encodes our QR codes — else zxing-cpp."""
    if not paths:
        return {}
    if shutil.which("zbarimg"):
        import xml.etree.ElementTree as ET

        res = subprocess.run(["zbarimg", "--quiet", "--xml", "-Sdisable", "-Sqrcode.enable",
                              "-Sean13.enable", *map(str, paths)], capture_output=True, text=True)
        out = {Path(p).stem: [] for p in paths}
        ns = "{http://zbar.sourceforge.net/2008/barcode}"
        root = ET.fromstring(res.stdout or f"<barcodes xmlns='{ns[1:-1]}'/>")
        for source in root.iter(f"{ns}source"):
            key = Path(source.get("href")).stem
            for sym in source.iter(f"{ns}symbol"):
                kind = {"QR-Code": "QR"}.get(sym.get("type"), sym.get("type"))
                out[key].append((kind, sym.find(f"{ns}data").text or ""))
        return out
    import zxingcpp
    from PIL import Image

    kinds = {zxingcpp.BarcodeFormat.QRCode: "QR", zxingcpp.BarcodeFormat.EAN13: "EAN-13"}
    return {Path(p).stem: [(kinds.get(r.format, str(r.format)), r.text)
                           for r in zxingcpp.read_barcodes(Image.open(p))] for p in paths}


def compare_codes(found: list, expected: list, declared: bool, page_no: int) -> list[Finding]:
    want = {(c["kind"], c["data"]) for c in expected if c.get("page", 0) == page_no - 1}
    got = set(found)
    out = [Finding("codes", "error", f"page {page_no}: {k} code « {d} » not readable in the file")
           for k, d in sorted(want - got)]
    extra = sorted(got - want)
    if extra:
        level = "error" if declared else "warning"
        why = "not expected" if declared else "no expected value declared by its family"
        out += [Finding("codes", level, f"page {page_no}: {k} code « {d} » found, {why}")
                for k, d in extra]
    if not out and got:
        out.append(Finding("codes", "ok", f"page {page_no}: {len(got)} code(s) read back, "
                                          f"each as intended"))
    return out


def check_x_height(chars, minimum: float, x_height_of) -> list[Finding]:
    """The smallest Latin letter's x-height (size × the face's x-height) against ``minimum``."""
    latin = [(s, ch) for ch, s, _b in chars if ch.isalpha() and ord(ch) < 0x0250 and s > 0]
    if not latin:
        return []
    size, ch = min(latin)
    x_height = size * x_height_of(False)
    if x_height + 0.005 < minimum:
        return [Finding("x_height", "error", f"smallest text ({size:.1f} pt, « {ch} ») has an "
                                             f"x-height of {x_height:.2f} mm < {minimum:g} mm "
                                             f"(1169/2011 Annex IV)")]
    return [Finding("x_height", "ok", f"smallest text {size:.1f} pt: x-height {x_height:.2f} mm "
                                      f"≥ {minimum:g} mm")]


# -- one file ----------------------------------------------------------------------------------
@dataclass
class FileSpec:
    """A print file to check and everything it is checked against."""

    path: str
    width_mm: float
    height_mm: float
    bleed_mm: float
    safety_margin_mm: float
    min_dpi: float
    press: dict | None = None  # the printer's files: what their job asks (plan.pack.press_summaries)
    code_dpi: float | None = None  # rasterising resolution for the codes (see ``raster_dpi``)
    office_dpi: float | None = None  # office files: the resolution of the office's printers


def raster_dpi(expect: Expect, large: bool, dpi: float, large_dpi: float,
               px_per_module: float = 4.0, floor: float = 72.0) -> float:
    """The resolution at which to decode a file's codes: enough pixels for its smallest
    declared module, never more than ``dpi`` — an A1 panel at 200 dpi is 31 Mpx for a code of
    4 mm modules. Without declared modules, posters (``large``) use ``large_dpi``."""
    modules = [c["module_mm"] for c in expect.codes if c.get("module_mm")]
    if modules:
        return round(min(dpi, max(floor, 25.4 * px_per_module / min(modules))))
    return large_dpi if large else dpi


def page_key(page: pikepdf.Page) -> str:
    """A hash of everything that draws the page (content and the streams its resources reach):
    identical keys rasterise identically, so the many copies of a sheet are decoded once."""
    import hashlib

    h = hashlib.sha256()
    seen: set = set()

    def walk(obj):
        if isinstance(obj, pikepdf.Stream):
            if obj.objgen in seen and obj.objgen != (0, 0):
                return
            seen.add(obj.objgen)
            h.update(obj.read_raw_bytes())
            walk(obj.stream_dict)
        elif isinstance(obj, pikepdf.Dictionary):
            for k in sorted(obj.keys()):
                if k not in ("/Parent", "/Metadata"):
                    h.update(k.encode())
                    walk(obj[k])
        elif isinstance(obj, pikepdf.Array):
            for v in obj:
                walk(v)
        else:
            h.update(repr(obj).encode())

    for name in ("/Contents", "/Resources", "/MediaBox"):
        if name in page.obj:
            h.update(name.encode())
            walk(page.obj[name])
    return h.hexdigest()


def inspect_file(spec: FileSpec, expect: Expect, fonts: set[str], code_dpi: float,
                 x_height_of, raster_dir: Path) -> tuple[list[Finding], list[str]]:
    """Every check but the codes; and, per page, a key of its content whose raster is saved as
    ``raster_dir/<key>.pgm`` for ``decode_rasters`` (once per distinct page)."""
    import pypdfium2

    findings: list[Finding] = []
    try:
        doc = pikepdf.open(spec.path)
    except (pikepdf.PdfError, FileNotFoundError) as exc:
        return [Finding("file", "error", f"cannot be opened as a PDF: {exc}")], []
    with doc:
        findings += check_boxes(doc, spec.width_mm, spec.height_mm, spec.bleed_mm)
        findings += check_fonts(doc, fonts)
        if spec.press:
            findings += check_pdfx(doc, spec.press)
        trims = [[float(v) for v in p.obj.get("/TrimBox", p.mediabox)] for p in doc.pages]
        medias = [[float(v) for v in p.mediabox] for p in doc.pages]
        code_dpi = spec.code_dpi or code_dpi
        keys = [f"{page_key(p)[:32]}-{code_dpi:g}" for p in doc.pages]
    pdf = pypdfium2.PdfDocument(spec.path)
    images, margins, chars_all, chars_by_page, eans = [], [], [], [], []
    try:
        for n, (trim, key) in enumerate(zip(trims, keys, strict=True), start=1):
            page = pdf[n - 1]
            if spec.press:
                chars_by_page.append(page_chars(page))
            margins += check_margins(text_outside(page, trim, spec.safety_margin_mm),
                                     trim, spec.safety_margin_mm, expect.codes, n)
            if expect.x_height_min_mm is not None:
                chars_all += read_text(page)
            images += check_images(page, n, spec.min_dpi)
            target = Path(raster_dir) / f"{key}.pgm"
            image = None
            if not target.exists():
                image = page.render(scale=code_dpi / 72, grayscale=True).to_pil()
                tmp = target.with_name(f".{key}.{id(image)}.pgm")
                image.save(tmp)
                tmp.replace(target)
            if any(c["kind"] == "EAN-13" and c.get("page", 0) == n - 1 for c in expect.codes):
                eans += measure_ean(image or target, code_dpi, n)
            page.close()
    finally:
        pdf.close()
    from . import layout_lint  # the layout lint (DESIGN.md)

    findings += layout_lint.check_file(spec.path, expect.layout, trims, spec.safety_margin_mm)
    findings += images or [Finding("images", "ok", f"no image below {spec.min_dpi:g} dpi")]
    findings += margins or [Finding("margins", "ok", f"text and codes ≥ {spec.safety_margin_mm:g} "
                                                     f"mm inside the trim")]
    if expect.x_height_min_mm is not None:
        findings += check_x_height(chars_all, expect.x_height_min_mm, x_height_of)
    if spec.press:
        findings += check_plates(spec.path, spec.press, list(zip(trims, medias, strict=True)),
                                 chars_by_page, expect.codes)
    if eans:
        findings += check_ean(eans, spec.office_dpi)
    return findings, keys


EAN_MODULE_MM = 0.33  # GS1: the module of an EAN-13 at 100 % magnification
EAN_MODULES = 95  # from the first guard bar to the last (quiet zones excluded)


def measure_ean(image, dpi: float, page_no: int) -> list[tuple[int, str, float]]:
    """(page, data, module in mm) of every EAN-13 read by zxing-cpp on the raster: the bars'
    width, from the first guard bar to the last, over 95 modules."""
    import zxingcpp
    from PIL import Image

    if not isinstance(image, Image.Image):
        image = Image.open(image)
    out = []
    for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.EAN13):
        p = r.position
        width_px = max(p.top_right.x, p.bottom_right.x) - min(p.top_left.x, p.bottom_left.x)
        out.append((page_no, r.text, width_px / EAN_MODULES * 25.4 / dpi))
    return out


def check_ean(measured: list[tuple[int, str, float]], office_dpi: float | None = None,
              least: float = 0.8, wanted: float = 1.0) -> list[Finding]:
    """EAN-13 magnification: never below ``least`` (80 %), ``wanted`` (100 %) where the label
    allows (a warning below); on office sheets, a module of a whole number of printer dots."""
    out = []
    for page, data, module in measured:
        mag = module / EAN_MODULE_MM
        where = f"page {page}: EAN-13 {data} at {mag:.0%} (module {module:.3f} mm)"
        if mag < least - 0.02:
            out.append(Finding("ean", "error", f"{where}, below the {least:.0%} GS1 minimum"))
        elif mag < wanted - 0.02:
            out.append(Finding("ean", "warning", f"{where}: retail scanning wants {wanted:.0%}"))
        else:
            out.append(Finding("ean", "ok", where))
        if office_dpi:
            dots = module / 25.4 * office_dpi
            if abs(dots - round(dots)) > 0.05:
                out.append(Finding("ean", "error", f"{where}: {dots:.2f} dots of the office's "
                                                   f"{office_dpi:g} dpi printers — the bars come "
                                                   f"out uneven (a whole number is needed)"))
    return out


def code_findings(pages: list[list[tuple[str, str]]], expect: Expect) -> list[Finding]:
    """Codes read on each page (in order) against the expectations."""
    out = []
    for n, found in enumerate(pages, start=1):
        out += compare_codes(found, expect.codes, expect.declared, n)
    return out or [Finding("codes", "ok", "no code expected, none found")]


def worst(findings) -> str:
    return max((f["level"] if isinstance(f, dict) else f.level for f in findings),
               key=LEVELS.index, default="ok")
