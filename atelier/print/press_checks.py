"""The preflight's press checks: what a printer's prepress verifies before plating, on the file.

- ``pdfx``: the PDF/X identification (version in the Info dictionary and the XMP), the output
  intent (``GTS_PDFX``, the job's condition, a CMYK profile), nothing device-RGB left anywhere,
  colours off the brand's print recipes (a warning), the die on its spot colour and layer;
- ``ink``: the highest total ink per page, measured on Ghostscript's separations, against the
  output condition's limit, with where it is;
- ``black``: dark text below the small-text size and the codes print on the K plate only;
- ``reverse``: white text out of rich black only at the minimum size and bold;
- ``die``: the die plate follows the trim, with round corners and drill holes as the job asks.

``press`` is the plan's summary of the job (``atelier.plan.pack.press_summaries``).
"""

from __future__ import annotations

import re

import pikepdf

from . import separations as sep
from .findings import Finding

MM = 72 / 25.4
RGB_OPS = ("rg", "RG")
SHOW_TEXT = ("Tj", "TJ", "'", '"')


# -- structure (pikepdf) -------------------------------------------------------------------------
def _xmp_version(doc: pikepdf.Pdf) -> str | None:
    if "/Metadata" not in doc.Root:
        return None
    text = doc.Root.Metadata.read_bytes().decode("utf-8", "replace")
    m = re.search(r"GTS_PDFXVersion>([^<]+)<", text)
    return m[1] if m else None


def _content_streams(doc: pikepdf.Pdf):
    """(where, owner) of every content stream: pages, forms, tiling patterns."""
    for n, page in enumerate(doc.pages, start=1):
        yield f"page {n}", page
    for obj in doc.objects:
        if isinstance(obj, pikepdf.Stream) and (obj.get("/Subtype") == "/Form"
                                                 or obj.get("/PatternType") == 1):
            yield "a form", obj


def check_pdfx(doc: pikepdf.Pdf, press: dict) -> list[Finding]:
    out: list[Finding] = []
    want = press["version"]
    header = float(doc.pdf_version)
    if want == "PDF/X-4" and header < 1.6:
        out.append(Finding("pdfx", "error", f"PDF {doc.pdf_version}: PDF/X-4 needs PDF 1.6 or later"))
    if want.startswith("PDF/X-1a") and header > 1.4:
        out.append(Finding("pdfx", "error", f"PDF {doc.pdf_version}: PDF/X-1a:2003 needs PDF 1.4"))
    info = doc.trailer.get("/Info", {})
    if str(info.get("/GTS_PDFXVersion", "")) != want:
        out.append(Finding("pdfx", "error", f"Info /GTS_PDFXVersion is "
                                            f"« {info.get('/GTS_PDFXVersion', 'absent')} », "
                                            f"{want} expected"))
    if _xmp_version(doc) != want:
        out.append(Finding("pdfx", "error", f"XMP GTS_PDFXVersion is « {_xmp_version(doc)} », "
                                            f"{want} expected"))
    if "/Trapped" not in info:
        out.append(Finding("pdfx", "error", "Info /Trapped is missing (PDF/X requires it)"))
    intents = [i for i in doc.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    if len(intents) != 1:
        out.append(Finding("pdfx", "error", f"{len(intents)} GTS_PDFX output intent(s), one expected"))
    else:
        intent = intents[0]
        ident = str(intent.get("/OutputConditionIdentifier", ""))
        if ident != press["condition"]:
            out.append(Finding("pdfx", "error", f"output intent « {ident} », the job's condition is "
                                                f"« {press['condition']} »"))
        profile = intent.get("/DestOutputProfile")
        head = profile.read_bytes()[:20] if isinstance(profile, pikepdf.Stream) else b""
        if len(head) < 20 or head[16:20] != b"CMYK" or head[12:16] != b"prtr":
            out.append(Finding("pdfx", "error", "the output intent embeds no CMYK output profile"))
    rgb = _device_rgb(doc)
    if rgb:
        out.append(Finding("pdfx", "error", f"device RGB left: {', '.join(rgb[:4])}"))
    off = _off_recipe_colours(doc, press)
    if off:
        sample = ", ".join("/".join(f"{round(v * 100):g}" for v in c) for c in off[:4])
        out.append(Finding("colour", "warning", f"{len(off)} colour(s) not among the brand's print "
                                                f"recipes, converted through the profile: "
                                                f"C/M/J/N {sample} — a template colour off the "
                                                f"palette?"))
    if press.get("die"):
        out += _check_die_structure(doc, press)
    if not any(f.level == "error" for f in out):
        out.append(Finding("pdfx", "ok", f"{want}, output intent {press['condition']} "
                                         f"({press.get('condition_info', '')}), CMYK only"))
    return out


def _device_rgb(doc: pikepdf.Pdf) -> list[str]:
    found = []
    for where, owner in _content_streams(doc):
        for item in pikepdf.parse_content_stream(owner, "rg RG cs CS"):
            op = str(item.operator)
            if op in RGB_OPS or (op in ("cs", "CS") and item.operands[0] == "/DeviceRGB"):
                found.append(f"{where} ({op})")
                break
    for obj in doc.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        if obj.get("/Subtype") == "/Image" and obj.get("/ColorSpace") == "/DeviceRGB":
            found.append("an image")
        elif "/ShadingType" in obj and obj.get("/ColorSpace") == "/DeviceRGB":
            found.append("a gradient")
        elif obj.get("/Type") == "/Group" and obj.get("/CS") == "/DeviceRGB":
            found.append("a transparency group")
    return found


def _off_recipe_colours(doc: pikepdf.Pdf, press: dict) -> list[tuple]:
    known = {tuple(round(v, 3) for v in r) for r in press["recipes"]}
    known |= {(0.0, 0.0, 0.0, 0.0), (0.0, 0.0, 0.0, 1.0)}
    off = set()
    for _where, owner in _content_streams(doc):
        for item in pikepdf.parse_content_stream(owner, "k K"):
            c = tuple(round(float(v), 3) for v in item.operands)
            if c not in known:
                off.add(c)
    return sorted(off)


def _check_die_structure(doc: pikepdf.Pdf, press: dict) -> list[Finding]:
    die = press["die"]
    spot = "/" + die["spot"]
    layer_needed = not press["version"].startswith("PDF/X-1a")
    out = []
    layers = {}
    if layer_needed:
        for ocg in doc.Root.get("/OCProperties", {}).get("/OCGs", []):
            layers[ocg.objgen] = str(ocg.get("/Name", ""))
        if die["layer"] not in layers.values():
            out.append(Finding("die", "error", f"no layer « {die['layer']} » for the die"))
    for n, page in enumerate(doc.pages, start=1):
        res = page.obj.get("/Resources", {})
        spaces = {k: v for k, v in res.get("/ColorSpace", {}).items()
                  if isinstance(v, pikepdf.Array) and len(v) > 1 and v[0] == "/Separation"
                  and str(v[1]) == spot}
        props = res.get("/Properties", {})
        in_layer, stroked = [], False
        for item in pikepdf.parse_content_stream(page):
            op = str(item.operator)
            if op == "BDC" and item.operands[0] == "/OC":
                ocg = props.get(item.operands[1])
                in_layer.append(ocg is not None and layers.get(ocg.objgen) == die["layer"])
            elif op == "EMC" and in_layer:
                in_layer.pop()
            elif op == "CS" and item.operands[0] in spaces:
                stroked = (not layer_needed) or (bool(in_layer) and in_layer[-1])
        if not spaces:
            out.append(Finding("die", "error", f"page {n}: no die in the spot colour « {die['spot']} »"))
        elif not stroked:
            out.append(Finding("die", "error", f"page {n}: the die is not drawn on its layer "
                                               f"« {die['layer']} »"))
    return out


# -- separations (Ghostscript) -------------------------------------------------------------------
def hole_centres(width_mm: float, height_mm: float, die: dict, inset_mm: float) -> list[tuple]:
    corners = [(inset_mm, inset_mm), (width_mm - inset_mm, inset_mm)]
    if die.get("holes") == 4:
        corners += [(inset_mm, height_mm - inset_mm), (width_mm - inset_mm, height_mm - inset_mm)]
    return corners[:die.get("holes", 0)]


def check_plates(path: str, press: dict, pages_geometry: list[tuple], chars: list[list],
                 codes: list[dict]) -> list[Finding]:
    """Separate ``path`` and check ink, black, reversed text and die on the plates.
    ``pages_geometry``: (trim, media) in points per page; ``chars``: ``readback.Char`` per
    page; ``codes``: the expected codes with their boxes (mm from the trim's top-left)."""
    trims = [t for t, _m in pages_geometry]
    medias = [m for _t, m in pages_geometry]
    dpi = sep.separation_dpi(medias[0])
    try:
        pages = sep.separate(path, dpi, trims, medias)
    except sep.SeparationError as exc:
        return [Finding("ink", "error", str(exc))]
    out: list[Finding] = []
    worst = (0.0, 0, (0.0, 0.0))
    for page, media, page_chars in zip(pages, medias, chars, strict=True):
        ink, where = sep.total_ink(page)
        if ink > worst[0]:
            worst = (ink, page.number, where)
        out += _black(page, media, page_chars, codes, press)
        out += _reverse(page, media, page_chars, press)
        if press.get("die"):
            out += _die(page, press["die"], (trims[page.number - 1][2] - trims[page.number - 1][0]) / MM,
                        (trims[page.number - 1][3] - trims[page.number - 1][1]) / MM)
    ink, n, (x, y) = worst
    if ink > press["max_ink"] + 0.5:
        out.append(Finding("ink", "error", f"page {n}: {ink:.0f} % total ink at {x:.0f} × {y:.0f} mm "
                                           f"(limit {press['max_ink']:g} % for {press['condition']})"))
    else:
        out.append(Finding("ink", "ok", f"highest total ink {ink:.0f} % (page {n}, at {x:.0f} × "
                                        f"{y:.0f} mm) ≤ {press['max_ink']:g} %"))
    for check in ("black", "reverse") + (("die",) if press.get("die") else ()):
        if not any(f.check == check for f in out):
            out.append(Finding(check, "ok", {
                "black": f"small dark text and codes on the K plate only (< "
                         f"{press['small_text_below_pt']:g} pt)",
                "reverse": f"no white text under {press['reverse_min_pt']:g} pt bold (or "
                           f"{press['reverse_regular_min_pt']:g} pt regular) out of rich black",
                "die": f"die « {press['die']['spot']} » on the trim" if press.get("die") else "",
            }[check]))
    return out


def _black(page, media, chars, codes, press) -> list[Finding]:
    bad = [c for c in chars if c.size_pt < press["small_text_below_pt"] and c.luminance < 0.25
           and sep.rich_black_under(page, page.px(c.box_pt, media))]
    out = []
    if bad:
        x, y = page.mm(*page.px(bad[0].box_pt, media)[:2])
        sample = "".join(c.text for c in bad[:24])
        out.append(Finding("black", "error", f"page {page.number}: {len(bad)} character(s) of small "
                                             f"dark text print in more than black (« {sample} », "
                                             f"first at {x:.0f} × {y:.0f} mm): text under "
                                             f"{press['small_text_below_pt']:g} pt must be 100 K"))
    s = page.dpi / 25.4
    for code in codes:
        if "box_mm" not in code or code.get("page", 0) != page.number - 1:
            continue
        bx, by, bw, bh = code["box_mm"]
        box = (int(page.trim_px[0] + bx * s), int(page.trim_px[1] + by * s),
               int(page.trim_px[0] + (bx + bw) * s), int(page.trim_px[1] + (by + bh) * s))
        if sep.rich_black_under(page, box):
            out.append(Finding("black", "error", f"page {page.number}: the {code['kind']} code at "
                                                 f"{bx:.0f} × {by:.0f} mm prints in more than black"))
    return out


def _reverse(page, media, chars, press) -> list[Finding]:
    regular = max(press["reverse_min_pt"], press["reverse_regular_min_pt"])
    small = [c for c in chars if c.luminance > 0.9
             and c.size_pt < (press["reverse_min_pt"] if c.bold else regular)
             and sep.reversed_out_of_rich_black(page, page.px(c.box_pt, media))]
    if not small:
        return []
    x, y = page.mm(*page.px(small[0].box_pt, media)[:2])
    sample = "".join(c.text for c in small[:24])
    return [Finding("reverse", "error", f"page {page.number}: {len(small)} character(s) of white "
                                        f"text out of rich black under {press['reverse_min_pt']:g} pt "
                                        f"bold or {regular:g} pt regular (« {sample} », first at "
                                        f"{x:.0f} × {y:.0f} mm): set them larger, or put them on 100 K")]


def _die(page, die: dict, width_mm: float, height_mm: float) -> list[Finding]:
    covered, corners = sep.die_on_trim(page, die["spot"], die.get("corner_radius_mm", 0))
    out = []
    if covered < 0.9:
        out.append(Finding("die", "error", f"page {page.number}: the die plate « {die['spot']} » "
                                           f"covers {covered:.0%} of the trim line"))
    if not corners:
        out.append(Finding("die", "error", f"page {page.number}: the die's corners are not cut "
                                           f"round (R {die.get('corner_radius_mm', 0):g} mm asked)"))
    if die.get("holes"):
        missing = sep.holes_found(page, die["spot"],
                                  hole_centres(width_mm, height_mm, die, die["hole_inset_mm"]),
                                  die["hole_diameter_mm"] / 2)
        if missing:
            where = ", ".join(f"{x:.0f} × {y:.0f} mm" for x, y in missing)
            out.append(Finding("die", "error", f"page {page.number}: drill hole(s) missing at {where}"))
    return out
