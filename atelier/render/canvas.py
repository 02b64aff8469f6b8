"""A page as a list of drawing operations in millimetres, drawn with cairo into PDF or PNG.

cairosvg is slow at what our pages are made of (text drawn one glyph at a time through Python,
QR codes as hundreds of path segments), so generated content is drawn here with cairo directly —
through the same toy font API cairosvg uses, so our measurements stay exact. Designers' SVG art
(template backgrounds, logos, pictograms) is still rendered by cairosvg, once per file, into a
cairo recording surface that each page replays as vectors.
"""

from __future__ import annotations

import functools
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import cairocffi as cairo  # noqa: E402
import cairosvg.surface  # noqa: E402

from ..layout import fonts as _fonts  # noqa: F401  (FONTCONFIG_FILE before cairo loads fonts)
from ..layout.fonts import Face  # noqa: E402
from ..layout.text import Layout  # noqa: E402

MM = 72 / 25.4
FIXED_DATE = "2020-01-01T00:00:00Z"


def rgb(hex_colour: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))


class _Recording(cairosvg.surface.Surface):
    """cairosvg drawing into an unbounded recording surface, one unit = one millimetre
    (rendered at 25.4 dpi with one device unit per user unit, as cairosvg's PNG surface does)."""

    device_units_per_user_units = 1

    def _create_surface(self, width, height):
        return cairo.RecordingSurface(cairo.CONTENT_COLOR_ALPHA, None), width, height


@functools.cache
def svg_art(svg_text: str) -> cairo.RecordingSurface:
    """The SVG rendered once as vectors (1 unit = 1 mm); replay it with ``Canvas.art``."""
    # The recording must outlive this call: it is never finish()ed.
    surface = _Recording(cairosvg.parser.Tree(bytestring=svg_text.encode("utf-8")), io.BytesIO(),
                         25.4)
    return surface.cairo


@functools.cache
def svg_file_art(path: Path, colour: str | None = None) -> tuple:
    """A pictogram or logo file as replayable art, with its viewBox (x, y, w, h)."""
    text = Path(path).read_text(encoding="utf-8")
    root = ET.fromstring(text)
    view = [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if v]
    if not view:
        view = [0, 0, float(re.sub("[a-z]", "", root.get("width"))),
                float(re.sub("[a-z]", "", root.get("height")))]
    vx, vy, vw, vh = view
    # Draw at one unit per viewBox unit, whatever width/height the file declares.
    root.set("width", f"{vw}mm")
    root.set("height", f"{vh}mm")
    if colour:
        root.set("color", colour)
    return svg_art(ET.tostring(root, encoding="unicode")), vx, vy, vw, vh


@dataclass
class Canvas:
    """Drawing operations in mm, origin at the top-left of the finished piece (the trim)."""

    width: float
    height: float
    ops: list = field(default_factory=list)
    texts: list = field(default_factory=list)  # (text, face, size_mm) of every string, for checks
    # Fold lines of a folded piece: ("x", mm from the left) or ("y", mm from the top). The print
    # file marks them in the slug, outside the trim, like the crop marks.
    folds: list = field(default_factory=list)

    # -- operations ----------------------------------------------------------------------------
    def art(self, surface, x: float = 0.0, y: float = 0.0, scale: float = 1.0):
        self.ops.append(("art", surface, x, y, scale))

    def svg_file(self, path: Path, x: float, y: float, w: float, h: float, colour: str | None = None):
        """A pictogram/logo file fitted (aspect kept, centred) in the w × h box."""
        surface, vx, vy, vw, vh = svg_file_art(Path(path), colour)
        s = min(w / vw, h / vh)
        ox = x + (w - vw * s) / 2 - vx * s
        oy = y + (h - vh * s) / 2 - vy * s
        self.ops.append(("art", surface, ox, oy, s))

    def rect(self, x: float, y: float, w: float, h: float, fill: str):
        self.ops.append(("rects", ((x, y, w, h),), fill))

    def rects(self, boxes, fill: str):
        self.ops.append(("rects", tuple(boxes), fill))

    def polygon(self, points, fill: str):
        """A filled polygon through ``points`` [(x, y), …] in mm (arrows, diamonds)."""
        self.ops.append(("polygon", tuple(points), fill))

    def line(self, x1, y1, x2, y2, width: float, colour: str):
        self.ops.append(("line", x1, y1, x2, y2, width, colour))

    def text(self, x: float, y: float, face: Face, size: float, text: str, fill: str):
        """``text`` with its baseline starting at (x, y); ``size`` in mm."""
        self.ops.append(("text", x, y, face, size, text, fill))
        self.texts.append((text, face, size))

    def layout(self, lay: Layout, x: float, y: float, fill: str):
        """A laid-out text (``layout.text``) with the frame's top-left at (x, y)."""
        for line in lay.lines:
            for span in line.spans:
                self.text(x + span.x, y + line.baseline, span.face, line.size, span.text, fill)

    # -- output --------------------------------------------------------------------------------
    def draw(self, ctx: cairo.Context):
        for op in self.ops:
            kind = op[0]
            if kind == "text":
                _, x, y, face, size, text, fill = op
                ctx.select_font_face(face.family,
                                     cairo.FONT_SLANT_ITALIC if face.italic else cairo.FONT_SLANT_NORMAL,
                                     cairo.FONT_WEIGHT_BOLD if face.bold else cairo.FONT_WEIGHT_NORMAL)
                ctx.set_font_size(size)
                ctx.set_source_rgb(*rgb(fill))
                ctx.move_to(x, y)
                ctx.show_text(text)
            elif kind == "rects":
                _, boxes, fill = op
                ctx.set_source_rgb(*rgb(fill))
                for x, y, w, h in boxes:
                    ctx.rectangle(x, y, w, h)
                ctx.fill()
            elif kind == "polygon":
                _, points, fill = op
                ctx.set_source_rgb(*rgb(fill))
                ctx.move_to(*points[0])
                for point in points[1:]:
                    ctx.line_to(*point)
                ctx.close_path()
                ctx.fill()
            elif kind == "line":
                _, x1, y1, x2, y2, width, colour = op
                ctx.set_source_rgb(*rgb(colour))
                ctx.set_line_width(width)
                ctx.move_to(x1, y1)
                ctx.line_to(x2, y2)
                ctx.stroke()
            elif kind == "art":
                _, surface, x, y, scale = op
                ctx.save()
                ctx.translate(x, y)
                ctx.scale(scale, scale)
                ctx.set_source_surface(surface, 0, 0)
                ctx.paint()
                ctx.restore()


@dataclass(frozen=True)
class PrintGeometry:
    """Where the trim sits on a print page: bleed, and the margin that holds the crop marks."""

    bleed: float
    marks: bool
    mark_gap: float
    mark_length: float

    @property
    def margin(self) -> float:
        return self.bleed + (self.mark_gap + self.mark_length if self.marks else 0.0)

    @classmethod
    def from_settings(cls, printer: dict) -> PrintGeometry:
        return cls(printer["bleed_mm"], printer["crop_marks"], printer.get("crop_mark_gap_mm", 1),
                   printer.get("crop_mark_length_mm", 5))

    @classmethod
    def none(cls) -> PrintGeometry:
        return cls(0.0, False, 0.0, 0.0)

    def boxes(self, width: float, height: float):
        """(trim, bleed) boxes in mm from the page's bottom-left, as PDF boxes want them."""
        m, b = self.margin, self.bleed
        return (m, m, m + width, m + height), (m - b, m - b, m + width + b, m + height + b)


def _crop_marks(ctx, w: float, h: float, geo: PrintGeometry):
    off = geo.bleed + geo.mark_gap
    ctx.set_source_rgb(0, 0, 0)
    ctx.set_line_width(0.1)
    for cx in (0.0, w):
        for cy in (0.0, h):
            sx = -1 if cx == 0 else 1
            sy = -1 if cy == 0 else 1
            ctx.move_to(cx + sx * off, cy)
            ctx.line_to(cx + sx * (off + geo.mark_length), cy)
            ctx.move_to(cx, cy + sy * off)
            ctx.line_to(cx, cy + sy * (off + geo.mark_length))
    ctx.stroke()


def _fold_marks(ctx, page: Canvas, geo: PrintGeometry):
    """A dashed stroke in the slug at each end of every fold line (never inside the bleed)."""
    off = geo.bleed + geo.mark_gap
    ctx.set_source_rgb(0, 0, 0)
    ctx.set_line_width(0.1)
    ctx.set_dash([1.0, 0.5])
    for axis, pos in page.folds:
        if axis == "x":
            for y0, y1 in ((-off, -off - geo.mark_length), (page.height + off,
                                                             page.height + off + geo.mark_length)):
                ctx.move_to(pos, y0)
                ctx.line_to(pos, y1)
        else:
            for x0, x1 in ((-off, -off - geo.mark_length), (page.width + off,
                                                            page.width + off + geo.mark_length)):
                ctx.move_to(x0, pos)
                ctx.line_to(x1, pos)
    ctx.stroke()
    ctx.set_dash([])


def render_pdf(pages: list[Canvas], geo: PrintGeometry, title: str = "") -> bytes:
    """A PDF with one page per canvas, each trim + bleed + marks, boxes not yet set."""
    out = io.BytesIO()
    first = pages[0]
    m = geo.margin
    surface = cairo.PDFSurface(out, (first.width + 2 * m) * MM, (first.height + 2 * m) * MM)
    surface.set_metadata(cairo.PDF_METADATA_CREATE_DATE, FIXED_DATE)
    surface.set_metadata(cairo.PDF_METADATA_MOD_DATE, FIXED_DATE)
    if title:
        surface.set_metadata(cairo.PDF_METADATA_TITLE, title)
    surface.set_metadata(cairo.PDF_METADATA_CREATOR, "Atelier ALL")
    for i, page in enumerate(pages):
        if i:
            surface.set_size((page.width + 2 * m) * MM, (page.height + 2 * m) * MM)
        ctx = cairo.Context(surface)
        ctx.scale(MM, MM)
        ctx.translate(m, m)
        ctx.save()
        b = geo.bleed
        ctx.rectangle(-b, -b, page.width + 2 * b, page.height + 2 * b)
        ctx.clip()
        page.draw(ctx)
        ctx.restore()
        if geo.marks:
            _crop_marks(ctx, page.width, page.height, geo)
            if page.folds:
                _fold_marks(ctx, page, geo)
        surface.show_page()
    surface.finish()
    return out.getvalue()


def render_png(page: Canvas, dpi: float = 96) -> bytes:
    """The finished piece (trim only) as a PNG, for proofs.

    Font metrics are unhinted, so text sits where the PDF puts it even at low resolution
    (hinted advances drift and collide), and the PNG is compressed fast: hundreds of proofs
    take seconds."""
    from PIL import Image

    scale = dpi / 25.4
    w, h = max(1, round(page.width * scale)), max(1, round(page.height * scale))
    surface = cairo.ImageSurface(cairo.FORMAT_RGB24, w, h)
    ctx = cairo.Context(surface)
    options = cairo.FontOptions()
    options.set_hint_metrics(cairo.HINT_METRICS_OFF)
    options.set_hint_style(cairo.HINT_STYLE_NONE)
    ctx.set_font_options(options)
    ctx.set_source_rgb(1, 1, 1)
    ctx.paint()
    ctx.scale(scale, scale)
    ctx.rectangle(0, 0, page.width, page.height)
    ctx.clip()
    page.draw(ctx)
    surface.flush()
    image = Image.frombuffer("RGB", (w, h), bytes(surface.get_data()), "raw", "BGRX",
                             surface.get_stride(), 1)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()
