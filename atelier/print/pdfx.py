"""The printer's file: cairo's RGB PDF made into CMYK PDF/X with its output intent, in one pass.

Cairo draws RGB only. Rather than converting the whole page through a profile (Ghostscript:
~0.12 s a label, and black text comes out as four-colour black), the colour operators of every
content stream are rewritten from a table (``Press.recipes``):
- a brand colour becomes exactly the studio's recipe (brand/tokens.yaml), not a conversion of
  its hex — or its spot ink (``spot``), when the printer prints spots (``printer.spot_colours``);
  black becomes 100 K and, with ``printer.black.overprint_k``, overprints;
- any other colour, and every RGB image, goes through the job's ICC output profile (relative
  colorimetric with black-point compensation, littleCMS through Pillow) — the preflight lists
  such colours, so an off-brand hex in a template does not go unnoticed.
Then the die line, on its spot colour and layer, the output intent (the profile embedded) and
the PDF/X identification (Info and XMP) are added, and the file is saved deterministically.
~10 ms a label, so a one-row edit still redraws and converts its label in well under a second.
"""

from __future__ import annotations

import functools
import hashlib
import io
import uuid
import zlib
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator, String

from .boxes import MM, dedupe_xobjects
from .press import Die, Press

FIXED_DATE = "D:20200101000000Z"  # rebuilt files stay byte-identical
XMP_DATE = "2020-01-01T00:00:00Z"
CREATOR = "Atelier ALL"
OP_STATE = "/AtOP{fill:d}{stroke:d}"  # ExtGStates: fill and stroke overprint on (1) or off (0)
DIE_CS, DIE_OC = "/AtDie", "/AtDieLayer"
K100 = (0.0, 0.0, 0.0, 1.0)


class PdfxError(ValueError):
    """A page holds something the PDF/X version forbids (transparency in X-1a, an RGB inline
    image, a sampled RGB gradient): named so the template or the setting can be changed."""


# -- colours -------------------------------------------------------------------------------------
@functools.cache
def _transform(profile: str):
    from PIL import ImageCms

    return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(profile),
                                   "RGB", "CMYK", ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                   ImageCms.Flags.BLACKPOINTCOMPENSATION)


class Inks:
    """RGB -> CMYK for one job: brand recipes first, the output profile for anything else.
    ``rich_as_k``: the file carries small text reversed out of black, so its rich black prints
    on K alone (misregistered C, M and Y would fill the thin white strokes in)."""

    def __init__(self, press: Press, rich_as_k: bool = False):
        self.recipes = press.recipes
        self.spots = press.spots  # (r, g, b) -> spot name, when the printer prints spot inks
        if rich_as_k:
            rich = press.black.rich
            self.recipes = {rgb: (K100 if cmyk == rich else cmyk) for rgb, cmyk in self.recipes.items()}
        self.profile = str(press.condition.profile)
        self._converted: dict[tuple[int, int, int], tuple] = {}

    def cmyk(self, rgb: tuple[float, float, float]) -> tuple[float, float, float, float]:
        key = tuple(max(0, min(255, round(float(v) * 255))) for v in rgb)
        recipe = self.recipes.get(key)
        if recipe is not None:
            return recipe
        if key not in self._converted:
            from PIL import Image, ImageCms

            pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), key), _transform(self.profile))
            self._converted[key] = tuple(round(v / 255, 4) for v in pixel.getpixel((0, 0)))
        return self._converted[key]

    def image(self, img):
        from PIL import ImageCms

        return ImageCms.applyTransform(img.convert("RGB"), _transform(self.profile))


def _num(v: float):
    # short, exact operands: 0, 1, 0.75 — as a designer's recipe reads
    return int(v) if float(v).is_integer() else round(float(v), 4)


# -- content streams -----------------------------------------------------------------------------
class _Stream:
    """Rewrites one content stream's colour operators; tracks what overprint state is in force."""

    def __init__(self, inks: Inks, overprint_k: bool, known_start: bool):
        self.inks = inks
        self.overprint_k = overprint_k
        # (fill is 100 K, stroke is 100 K, fill space RGB, stroke space RGB, emitted op state)
        self.state = [False, False, False, False, (False, False) if known_start else None]
        self.stack: list[list] = []
        self.used_states: set[tuple[bool, bool]] = set()
        self.used_spots: set[str] = set()

    def _after_colour(self, out: list) -> None:
        want = (self.overprint_k and self.state[0], self.overprint_k and self.state[1])
        if self.state[4] != want:
            out.append(([Name(OP_STATE.format(fill=want[0], stroke=want[1]))], Operator("gs")))
            self.state[4] = want
            self.used_states.add(want)

    def _set(self, out: list, cmyk, stroke: bool) -> None:
        out.append(([_num(v) for v in cmyk], Operator("K" if stroke else "k")))
        self.state[1 if stroke else 0] = tuple(cmyk) == K100

    def _set_rgb(self, out: list, rgb, stroke: bool) -> None:
        """An RGB colour: the brand's spot ink where the printer prints one, else its CMYK."""
        spot = self.inks.spots.get(tuple(round(float(v) * 255) for v in rgb)) if self.inks.spots \
            else None
        if spot is None:
            self._set(out, self.inks.cmyk(rgb), stroke)
            return
        self.used_spots.add(spot)
        out.append(([Name(_spot_key(spot))], Operator("CS" if stroke else "cs")))
        out.append(([1], Operator("SCN" if stroke else "scn")))
        self.state[1 if stroke else 0] = False

    def rewrite(self, ops) -> list:
        out: list = []
        append = out.append
        for item in ops:
            if isinstance(item, pikepdf.ContentStreamInlineImage):
                cs = item.iimage.obj.get("/CS", item.iimage.obj.get("/ColorSpace"))
                if cs in (Name.RGB, Name.DeviceRGB):
                    raise PdfxError("an RGB inline image: draw it as an image file instead")
                append(item)
                continue
            name = str(item.operator)  # attribute access: unpacking the instruction is 10× slower
            if name not in _COLOUR_OPS:
                append(item)
                continue
            operands = item.operands
            if name == "q":
                self.stack.append(list(self.state))
                append(item)
            elif name == "Q":
                if self.stack:
                    self.state = self.stack.pop()
                append(item)
            elif name in ("rg", "RG"):
                self._set_rgb(out, operands, name == "RG")
                self.state[3 if name == "RG" else 2] = False
                self._after_colour(out)
            elif name in ("g", "G"):
                self._set(out, (0, 0, 0, round(1 - float(operands[0]), 4)), name == "G")
                self._after_colour(out)
            elif name in ("k", "K"):
                self._set(out, [float(v) for v in operands], name == "K")
                self._after_colour(out)
            elif name in ("cs", "CS"):
                stroke = name == "CS"
                rgb = operands[0] == Name.DeviceRGB
                self.state[3 if stroke else 2] = rgb
                self.state[1 if stroke else 0] = False
                append(([Name.DeviceCMYK] if rgb else operands, item.operator))
                self._after_colour(out)
            else:  # sc, scn, SC, SCN
                stroke = name in ("SC", "SCN")
                if self.state[3 if stroke else 2] and len(operands) == 3:
                    cmyk = self.inks.cmyk(operands)
                    append(([_num(v) for v in cmyk], item.operator))
                    self.state[1 if stroke else 0] = tuple(cmyk) == K100
                    self._after_colour(out)
                else:
                    append(item)
        return out


_COLOUR_OPS = frozenset({"q", "Q", "rg", "RG", "g", "G", "k", "K", "cs", "CS", "sc", "scn", "SC", "SCN"})


def _spot_key(spot: str) -> str:
    """The resource name of a brand spot ink's colour space."""
    return "/AtSpot" + "".join(c if c.isalnum() else "_" for c in spot)


def _spot_space(name: str, alternate) -> Array:
    """A Separation colour space: the printer's ink ``name``, shown on screens as ``alternate``."""
    tint = Dictionary(FunctionType=2, Domain=Array([0, 1]), C0=Array([0, 0, 0, 0]),
                      C1=Array([_num(v) for v in alternate]), N=1)
    return Array([Name.Separation, Name("/" + name), Name.DeviceCMYK, tint])  # pikepdf escapes


_SHOW = frozenset({"Tj", "TJ", "'", '"'})
_TEXT_SCAN = "q Q cm rg g k sc scn Tf Tm BT Tj TJ ' \""


def _mul(a, b):
    """The product of two PDF matrices [a b c d e f] (a applied first)."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def small_reversed_text(ops, resources, black) -> bool:
    """Whether a page shows white text under the reversed-text minimum (``black.reverse_min_pt``,
    or ``black.reverse_regular_min_pt`` when not bold): such text must not sit in rich black."""
    fonts = (resources or {}).get("/Font", {})
    bold = {str(k): "Bold" in str(v.get("/BaseFont", "")) for k, v in fonts.items()}
    ctm, stack = [1, 0, 0, 1, 0, 0], []
    white, size, font, tm = False, 0.0, "", [1, 0, 0, 1, 0, 0]
    for item in ops:
        if isinstance(item, pikepdf.ContentStreamInlineImage):
            continue
        op = str(item.operator)
        if op == "q":
            stack.append((ctm, white))
        elif op == "Q" and stack:
            ctm, white = stack.pop()
        elif op == "cm":
            ctm = _mul([float(v) for v in item.operands], ctm)
        elif op in ("rg", "g", "k", "sc", "scn"):
            values = [float(v) for v in item.operands if isinstance(v, (int, float, pikepdf.Object))
                      and not isinstance(v, pikepdf.Name)]
            white = bool(values) and (all(v >= 0.99 for v in values) if op != "k"
                                      else all(v <= 0.01 for v in values))
        elif op == "Tf":
            font, size = str(item.operands[0]), float(item.operands[1])
        elif op == "Tm":
            tm = [float(v) for v in item.operands]
        elif op == "BT":
            tm = [1, 0, 0, 1, 0, 0]
        elif op in _SHOW and white:
            m = _mul(tm, ctm)
            pt = size * abs(m[0] * m[3] - m[1] * m[2]) ** 0.5
            limit = black.reverse_min_pt if bold.get(font) else max(black.reverse_min_pt,
                                                                     black.reverse_regular_min_pt)
            if 0 < pt < limit:
                return True
    return False


def _sub(resources: Dictionary, key: str) -> Dictionary:
    """``resources[key]``, created empty when absent."""
    if key not in resources:
        resources[key] = Dictionary()
    return resources[key]


def _add_states(resources: Dictionary, states) -> None:
    ext = _sub(resources, "/ExtGState")
    for fill, stroke in states:
        ext[OP_STATE.format(fill=fill, stroke=stroke)] = Dictionary(
            Type=Name.ExtGState, OP=stroke, op=fill, OPM=1)


# -- images, shadings, groups --------------------------------------------------------------------
def _convert_image(doc, image, inks: Inks) -> None:
    cs = image.get("/ColorSpace")
    rgb = cs == Name.DeviceRGB or (isinstance(cs, Array) and len(cs) and cs[0] == Name.ICCBased
                                   and int(cs[1].get("/N", 0)) == 3)
    indexed_rgb = isinstance(cs, Array) and len(cs) == 4 and cs[0] == Name.Indexed \
        and cs[1] == Name.DeviceRGB
    if not (rgb or indexed_rgb):
        return
    pil = pikepdf.PdfImage(image).as_pil_image()
    cmyk = inks.image(pil)
    image.write(zlib.compress(cmyk.tobytes(), 6), filter=Name.FlateDecode)
    image.ColorSpace = Name.DeviceCMYK
    image.BitsPerComponent = 8
    for key in ("/Decode", "/DecodeParms"):
        if key in image:
            del image[key]


def _convert_function(fn, inks: Inks) -> None:
    kind = int(fn.get("/FunctionType", -1))
    if kind == 2:
        for key in ("/C0", "/C1"):
            values = fn.get(key, Array([0, 0, 0] if key == "/C0" else [1, 1, 1]))
            fn[key] = Array([_num(v) for v in inks.cmyk(list(values))])
    elif kind == 3:
        for sub in fn.Functions:
            _convert_function(sub, inks)
    else:
        raise PdfxError(f"an RGB gradient of function type {kind}: use a two-colour gradient")


def _convert_shading(shading, inks: Inks) -> None:
    if shading.get("/ColorSpace") != Name.DeviceRGB:
        return
    fn = shading.get("/Function")
    if fn is None:
        raise PdfxError("an RGB mesh gradient: use a two-colour gradient")
    for f in (fn if isinstance(fn, Array) else [fn]):
        _convert_function(f, inks)
    shading.ColorSpace = Name.DeviceCMYK
    if "/Background" in shading:
        shading.Background = Array([_num(v) for v in inks.cmyk(list(shading.Background))])


def _group_to_cmyk(obj, version: str) -> None:
    group = obj.get("/Group")
    if group is None:
        return
    if version.startswith("PDF/X-1a"):
        del obj["/Group"]  # no transparency in X-1a; cairo's page group is only a default
    elif group.get("/CS") == Name.DeviceRGB:
        group.CS = Name.DeviceCMYK


def _check_no_transparency(resources, seen: set | None = None) -> None:
    """Raise ``PdfxError`` when ``resources`` (and the forms they reach) hold transparency."""
    seen = set() if seen is None else seen
    for gs in (resources.get("/ExtGState") or {}).values():
        if float(gs.get("/ca", 1)) < 1 or float(gs.get("/CA", 1)) < 1 \
                or gs.get("/SMask", Name("/None")) != Name("/None") \
                or gs.get("/BM", Name.Normal) not in (Name.Normal, Name.Compatible):
            raise PdfxError("transparency (opacity, soft mask or blend mode), which PDF/X-1a "
                            "forbids: choose PDF/X-4 in printer.pdfx, or flatten the art")
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.objgen in seen and xobject.objgen != (0, 0):
            continue
        seen.add(xobject.objgen)
        if xobject.get("/Subtype") == Name.Image and "/SMask" in xobject:
            raise PdfxError("an image with transparency, which PDF/X-1a forbids: choose PDF/X-4 "
                            "in printer.pdfx, or flatten the image")
        if xobject.get("/Subtype") == Name.Form:
            _check_no_transparency(xobject.get("/Resources") or Dictionary(), seen)


# -- die -----------------------------------------------------------------------------------------
_KAPPA = 0.5523  # Bézier handle length for a quarter circle


def _die_path(x0: float, y0: float, x1: float, y1: float, die: Die) -> list:
    """Content operations (PDF points) for the die: the trim with rounded corners, and holes."""
    ops: list = []
    r = min(die.corner_radius_mm * MM, (x1 - x0) / 2, (y1 - y0) / 2)
    k = r * _KAPPA

    def c(*v):
        ops.append(([round(n, 3) for n in v], Operator("c")))

    ops.append(([round(x0 + r, 3), round(y0, 3)], Operator("m")))
    ops.append(([round(x1 - r, 3), round(y0, 3)], Operator("l")))
    if r:
        c(x1 - r + k, y0, x1, y0 + r - k, x1, y0 + r)
    ops.append(([round(x1, 3), round(y1 - r, 3)], Operator("l")))
    if r:
        c(x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1)
    ops.append(([round(x0 + r, 3), round(y1, 3)], Operator("l")))
    if r:
        c(x0 + r - k, y1, x0, y1 - r + k, x0, y1 - r)
    ops.append(([round(x0, 3), round(y0 + r, 3)], Operator("l")))
    if r:
        c(x0, y0 + r - k, x0 + r - k, y0, x0 + r, y0)
    ops.append(([], Operator("h")))
    inset, radius = die.hole_inset_mm * MM, die.hole_diameter_mm * MM / 2
    corners = [(x0 + inset, y1 - inset), (x1 - inset, y1 - inset)]  # top first (y up in PDF)
    if die.holes == 4:
        corners += [(x0 + inset, y0 + inset), (x1 - inset, y0 + inset)]
    for cx, cy in corners[:die.holes]:
        kr = radius * _KAPPA
        ops.append(([round(cx + radius, 3), round(cy, 3)], Operator("m")))
        c(cx + radius, cy + kr, cx + kr, cy + radius, cx, cy + radius)
        c(cx - kr, cy + radius, cx - radius, cy + kr, cx - radius, cy)
        c(cx - radius, cy - kr, cx - kr, cy - radius, cx, cy - radius)
        c(cx + kr, cy - radius, cx + radius, cy - kr, cx + radius, cy)
        ops.append(([], Operator("h")))
    return ops


def _add_die(doc, page, die: Die, layer, version: str) -> list:
    x0, y0, x1, y1 = (float(v) for v in page.obj.TrimBox)
    res = page.obj.Resources
    _sub(res, "/ColorSpace")[DIE_CS] = _spot_space(die.spot, die.alternate)
    body = [([], Operator("q"))]
    if layer is not None:
        _sub(res, "/Properties")[DIE_OC] = layer
        body.append(([Name.OC, Name(DIE_OC)], Operator("BDC")))
    body += [([Name(DIE_CS)], Operator("CS")), ([1], Operator("SCN")),
             ([Name(OP_STATE.format(fill=False, stroke=True))], Operator("gs")),
             ([round(die.line_pt, 3)], Operator("w")), ([0], Operator("J")), ([0], Operator("j")),
             *_die_path(x0, y0, x1, y1, die), ([], Operator("S"))]
    if layer is not None:
        body.append(([], Operator("EMC")))
    body.append(([], Operator("Q")))
    return body


# -- identification ------------------------------------------------------------------------------
def _xmp(title: str, version: str, document_id: str) -> bytes:
    x1a = version.startswith("PDF/X-1a")
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>
   <xmp:CreateDate>{XMP_DATE}</xmp:CreateDate>
   <xmp:ModifyDate>{XMP_DATE}</xmp:ModifyDate>
   <xmp:MetadataDate>{XMP_DATE}</xmp:MetadataDate>
   <xmpMM:DocumentID>{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{document_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdf:Producer>{CREATOR}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   {f"<pdfx:GTS_PDFXVersion>{version}</pdfx:GTS_PDFXVersion>" if x1a else
    f"<pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>"}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


def _identify(doc, press: Press, title: str, digest: bytes) -> None:
    c = press.condition
    profile = doc.make_stream(b"")
    profile.write(c.profile_deflated, filter=Name.FlateDecode)
    profile.N = 4
    doc.Root.OutputIntents = Array([doc.make_indirect(Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier=String(c.identifier),
        OutputCondition=String(c.info), RegistryName=String(c.registry), Info=String(c.info),
        DestOutputProfile=profile))])
    document_id = f"uuid:{uuid.UUID(bytes=digest[:16])}"
    metadata = doc.make_stream(_xmp(title, press.version, document_id))
    metadata.Type, metadata.Subtype = Name.Metadata, Name.XML
    doc.Root.Metadata = metadata
    info = Dictionary(Title=String(title), Creator=String(CREATOR), Producer=String(CREATOR),
                      CreationDate=String(FIXED_DATE), ModDate=String(FIXED_DATE),
                      Trapped=Name("/False"), GTS_PDFXVersion=String(press.version))
    doc.trailer.Info = doc.make_indirect(info)


# -- the whole file ------------------------------------------------------------------------------
def _rewrite_stream(ops, inks: Inks, press: Press, known_start: bool):
    rewriter = _Stream(inks, press.black.overprint_k, known_start)
    return rewriter.rewrite(ops), rewriter.used_states, rewriter.used_spots


def _add_spots(resources: Dictionary, spots, inks: Inks) -> None:
    if spots:
        spaces = _sub(resources, "/ColorSpace")
        for spot in sorted(spots):
            rgb = next(k for k, v in inks.spots.items() if v == spot)
            spaces[_spot_key(spot)] = _spot_space(spot, inks.recipes[rgb])


def to_pdfx(pdf: bytes, trim_mm, bleed_mm, press: Press, title: str) -> bytes:
    """The printer's file: ``pdf`` (cairo's RGB PDF, one or more pages of the same size) with
    TrimBox/BleedBox ((x0, y0, x1, y1) mm from the bottom-left), CMYK colour, the die of
    ``press`` on every page, the output intent and the PDF/X identification."""
    x1a = press.version.startswith("PDF/X-1a")
    with pikepdf.open(io.BytesIO(dedupe_xobjects(pdf))) as doc:
        page_ops = [pikepdf.parse_content_stream(page) for page in doc.pages]
        # only the operators the scan reads: qpdf filters them, and a QR code's thousands of
        # path operators never reach Python
        inks = Inks(press, rich_as_k=any(
            small_reversed_text(pikepdf.parse_content_stream(page, _TEXT_SCAN),
                                page.obj.get("/Resources"), press.black)
            for page in doc.pages))
        layer = None
        if press.die is not None and not x1a:  # optional content is PDF 1.5; X-1a is 1.4
            layer = doc.make_indirect(Dictionary(Type=Name.OCG, Name=String(press.die.layer)))
            doc.Root.OCProperties = Dictionary(OCGs=Array([layer]), D=Dictionary(
                Name=String("Atelier ALL"), Order=Array([layer]), ON=Array([layer]), OFF=Array()))
        done: set = set()
        for page, parsed in zip(doc.pages, page_ops, strict=True):
            page.obj.TrimBox = Array([round(v * MM, 3) for v in trim_mm])
            page.obj.BleedBox = Array([round(v * MM, 3) for v in bleed_mm])
            ops, states, spots = _rewrite_stream(parsed, inks, press, True)
            if press.die is not None:
                ops = [([], Operator("q")), *ops, ([], Operator("Q")),
                       *_add_die(doc, page, press.die, layer, press.version)]
                states = states | {(False, True)}
            page.obj.Contents = doc.make_stream(pikepdf.unparse_content_stream(ops))
            _add_states(page.obj.Resources, states)
            _add_spots(page.obj.Resources, spots, inks)
            _group_to_cmyk(page.obj, press.version)
            _convert_resources(doc, page.obj.Resources, inks, press, done)
        if x1a:
            for page in doc.pages:
                _check_no_transparency(page.obj.get("/Resources") or Dictionary())
        digest = hashlib.sha256(pdf + repr((press.job, press.version, press.condition.key,
                                            title)).encode()).digest()
        _identify(doc, press, title, digest)
        out = io.BytesIO()
        if x1a:
            doc.save(out, deterministic_id=True, compress_streams=True, force_version="1.4",
                     object_stream_mode=pikepdf.ObjectStreamMode.disable)
        else:
            doc.save(out, deterministic_id=True, compress_streams=True, min_version="1.6")
        return out.getvalue()


def _convert_resources(doc, resources, inks: Inks, press: Press, done: set) -> None:
    """Forms (their own streams, recursively), images, shadings and patterns of ``resources``,
    each converted once however many pages use it."""
    if resources is None:
        return
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.objgen in done:
            continue
        done.add(xobject.objgen)
        if xobject.get("/Subtype") == Name.Image:
            _convert_image(doc, xobject, inks)
            if "/SMask" in xobject:
                done.add(xobject.SMask.objgen)
        elif xobject.get("/Subtype") == Name.Form:
            _convert_stream(doc, xobject, inks, press, done)
    for shading in (resources.get("/Shading") or {}).values():
        if shading.objgen not in done:
            done.add(shading.objgen)
            _convert_shading(shading, inks)
    for pattern in (resources.get("/Pattern") or {}).values():
        if pattern.objgen in done:
            continue
        done.add(pattern.objgen)
        if int(pattern.get("/PatternType", 0)) == 2:
            _convert_shading(pattern.Shading, inks)
        else:
            _convert_stream(doc, pattern, inks, press, done)
    for ext in (resources.get("/ExtGState") or {}).values():
        smask = ext.get("/SMask")
        if isinstance(smask, Dictionary) and "/G" in smask and smask.G.objgen not in done:
            done.add(smask.G.objgen)
            _convert_stream(doc, smask.G, inks, press, done)


def _convert_stream(doc, stream, inks: Inks, press: Press, done: set) -> None:
    if "/Resources" not in stream:
        stream.Resources = Dictionary()
    ops, states, spots = _rewrite_stream(pikepdf.parse_content_stream(stream), inks, press, False)
    stream.write(pikepdf.unparse_content_stream(ops))
    _add_states(stream.Resources, states)
    _add_spots(stream.Resources, spots, inks)
    _group_to_cmyk(stream, press.version)
    _convert_resources(doc, stream.Resources, inks, press, done)


def printer_file(pdf: bytes, trim_mm, bleed_mm, settings: dict, job: str, title: str) -> bytes:
    """``to_pdfx`` with the press values of ``jobs.<job>`` in ``settings`` (all its sections)."""
    return to_pdfx(pdf, trim_mm, bleed_mm, Press.for_job(settings, job), title)
