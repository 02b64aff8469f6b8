"""Designer SVG templates, bound by element id, and print pages around them.

A template is drawn at its finished (trim) size: ``viewBox="0 0 W H"`` in millimetres. Frames
are ``<rect>``s whose ``id`` the code knows (``frame-name``, ``frame-qr`` …): the renderer reads
their position and size, removes them and draws the content there. Art meant to bleed is drawn
past the trim edge (negative coordinates, or beyond W/H); the print page shows it in the bleed.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
for _prefix, _uri in {"inkscape": "http://www.inkscape.org/namespaces/inkscape",
                      "sodipodi": "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"}.items():
    ET.register_namespace(_prefix, _uri)


class TemplateError(ValueError):
    """A template lacks something the code needs, or is not a usable SVG."""


@dataclass(frozen=True)
class Frame:
    id: str
    x: float
    y: float
    width: float
    height: float
    attrs: dict

    @property
    def face(self) -> str:
        return self.attrs.get("data-face", "front")


@dataclass
class Template:
    path: Path
    width: float
    height: float
    frames: dict[str, Frame]
    body: str  # the template's children, frames removed, ready to nest

    def frame(self, name: str) -> Frame:
        return self.frames[name]

    def require(self, names: list[str]) -> None:
        missing = [n for n in names if n not in self.frames]
        if missing:
            raise TemplateError(
                f"{self.path}: missing frame(s) {', '.join(missing)} — add a <rect id=\"…\"> for "
                f"each (see templates/README.md)")


def _length_mm(value: str | None, what: str, path: Path) -> float:
    if value is None:
        raise TemplateError(f"{path}: the root <svg> needs a {what} in mm (e.g. {what}=\"99.1mm\")")
    m = re.fullmatch(r"\s*([0-9.]+)\s*(mm)?\s*", value)
    if not m:
        raise TemplateError(f"{path}: {what}=\"{value}\" must be in millimetres, e.g. \"99.1mm\"")
    return float(m[1])


def _num(v: float) -> str:
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


@functools.cache
def load_template(path: Path) -> Template:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise TemplateError(f"{path}: not a readable SVG file ({exc})") from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise TemplateError(f"{path}: the root element must be an SVG <svg>")
    width = _length_mm(root.get("width"), "width", path)
    height = _length_mm(root.get("height"), "height", path)
    view = [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if v]
    if view and (abs(view[2] - width) > 0.01 or abs(view[3] - height) > 0.01 or view[0] or view[1]):
        raise TemplateError(f"{path}: viewBox must be \"0 0 {_num(width)} {_num(height)}\" "
                            "(one unit = one millimetre)")
    frames: dict[str, Frame] = {}
    for parent in root.iter():
        for child in list(parent):
            ident = child.get("id", "")
            if child.tag == f"{{{SVG_NS}}}rect" and ident.startswith("frame-"):
                try:
                    frames[ident] = Frame(ident, float(child.get("x", 0)), float(child.get("y", 0)),
                                          float(child.get("width")), float(child.get("height")),
                                          dict(child.attrib))
                except (TypeError, ValueError):
                    raise TemplateError(f"{path}: frame {ident} needs numeric x, y, width and height"
                                        " (no transforms on frames)") from None
                parent.remove(child)
    body = "".join(ET.tostring(child, encoding="unicode") for child in root)
    return Template(path, width, height, frames, body)


BLEED_ROOM = 10.0  # mm of art kept around the trim when the template is rendered


def template_art(template: Template):
    """The template's art (frames removed) as replayable vectors, including what lies in the
    bleed: the SVG is rendered with its viewBox widened by ``BLEED_ROOM`` on every side."""
    from .canvas import svg_art

    r = BLEED_ROOM
    w, h = template.width + 2 * r, template.height + 2 * r
    svg = (f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}" width="{_num(w)}mm" height="{_num(h)}mm" '
           f'viewBox="{_num(-r)} {_num(-r)} {_num(w)} {_num(h)}">{template.body}</svg>')
    return svg_art(svg), -r


__all__ = ["Frame", "Template", "TemplateError", "load_template", "template_art"]
