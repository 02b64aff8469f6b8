"""The drawing half of a label job: one label (``draw``) or one A4 sheet (``impose_sheet``), run
where the job is drawn — the project's warm label process or the job itself, or their worker
processes for many labels (see ``jobs.labels``).

Everything heavy lives here: cairo (whose Python binding parses cairo's C headers at import),
fontTools, pikepdf, the layout engine — imported once by the warm process (``label_server``), or
by a job drawing itself. Workers write the files themselves and return what the job records in
its state.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import brand
from ..content.label import label_content
from ..content.sticker import sticker_content
from ..layout.fonts import Face, MissingGlyph, meter, metrics
from ..print.boxes import set_boxes
from ..print.impose import impose
from ..print.pdfx import PdfxError, to_pdfx
from ..print.press import Press, PressSettingsError
from ..print.sheets import SheetLayout
from ..records.store import load
from ..render.canvas import PrintGeometry, render_pdf, render_png
from ..render.labels import LabelError, check_template, draw_label
from ..render.svgdoc import TemplateError, load_template
from .incremental import JobError, code_digest, digest, file_digest, write_if_changed

PREVIEW_DPI = 96


def _warm() -> None:
    """Read the brand faces' metrics and first glyphs now, before the job forks its workers, so
    that every worker starts with them (cairo's and fontTools' first calls parse tables)."""
    fonts = brand.fonts()
    metrics(Face(fonts.latin))
    for face in (Face(fonts.latin), Face(fonts.latin, bold=True), Face(fonts.japanese)):
        meter(face).advance("x")
        meter(face).lacks("x")


_warm()

# The package code this module draws with (this module and what it imports, read from the
# sources): the same in Snakemake's process, the warm process, the workers and on a cluster node.
CODE = code_digest("atelier.jobs.label_work")

_JOB: dict = {}  # the job being drawn, loaded once per worker process and job


def prepare(settings: list[str], template: str, brand_files: list[str], fmt_name: str) -> str:
    """Check the job's template against its format; return the salt every item key starts with
    (the template, brand files, settings, code and preview resolution). Raises ``JobError``."""
    conf = {Path(p).stem: load(p) for p in settings}
    fmt = conf["labels"]["formats"][fmt_name]
    try:
        tpl = load_template(Path(template))
        check_template(tpl, "sticker" if fmt.get("items") == "plats" else "product")
    except (TemplateError, LabelError) as exc:
        raise JobError(f"Template problem: {exc}") from None
    if fmt.get("production") == "printer":
        try:
            Press.for_job(conf, "labels")
        except PressSettingsError as exc:
            raise JobError(f"Print settings: {exc}") from None
    if abs(tpl.width - fmt["width_mm"]) > 0.05 or abs(tpl.height - fmt["height_mm"]) > 0.05:
        raise JobError(f"Template problem: {template} is {tpl.width} × {tpl.height} mm but format "
                       f"{fmt_name} in config/settings.yaml says {fmt['width_mm']} × "
                       f"{fmt['height_mm']} mm")
    return digest(file_digest([template, *brand_files]), json.dumps(conf, sort_keys=True), CODE,
                  str(PREVIEW_DPI))


def _job(salt: str, settings: list[str], template: str, fmt_name: str) -> dict:
    if _JOB.get("salt") != (salt, fmt_name):
        conf = {Path(p).stem: load(p) for p in settings}
        fmt = conf["labels"]["formats"][fmt_name]
        _JOB.update(salt=(salt, fmt_name), settings=conf, template=load_template(Path(template)),
                    fmt=fmt, geometry=PrintGeometry.from_settings(conf["printer"]),
                    # die-cut by the printer: CMYK PDF/X with its die; office: RGB for the sheets
                    press=Press.for_job(conf, "labels") if fmt.get("production") == "printer"
                    else None)
    return _JOB


def draw(task) -> tuple[str, bool | None, dict | str, list]:
    """Draw one item's label (a product's, or a takeaway dish's sticker), write its print PDF
    and proof PNG.

    Returns (sku, whether the PDF's bytes changed, the measured checks, what the preflight reads
    besides: the codes other than the QR and the layout declaration) — or (sku, None, the
    reason, {}) when the item cannot be labelled legally on its format."""
    job, sku, product, maker, pdf_path, png_path = task
    j = _job(*job)
    try:
        if "dish" in product:
            content = sticker_content(product["dish"], product["menu"], j["fmt"])
        else:
            content = label_content(product, maker, j["settings"])
        drawing = draw_label(content, j["template"], j["fmt"], j["settings"])
    except (LabelError, MissingGlyph, TemplateError) as exc:
        return sku, None, str(exc), {}
    geo = j["geometry"]
    trim, bleed = geo.boxes(j["template"].width, j["template"].height)
    title = f"{content.name_fr} — {sku}"
    pdf = render_pdf([drawing.canvas], geo, title)
    try:
        pdf = to_pdfx(pdf, trim, bleed, j["press"], title) if j["press"] else set_boxes(pdf, trim, bleed)
    except PdfxError as exc:
        return sku, None, f"print file: {exc}", {}
    changed = write_if_changed(Path(pdf_path), pdf)
    write_if_changed(Path(png_path), render_png(drawing.canvas, PREVIEW_DPI))
    return sku, changed, drawing.checks, {"codes": drawing.codes, "layout": drawing.layout}


def impose_sheet(task) -> bool:
    """Impose one A4 sheet from the label PDFs already written; True when its bytes changed."""
    names, pdfs, layout, title, out = task
    placed = impose(names, {n: Path(p) for n, p in pdfs.items()}, SheetLayout(**layout), title)
    return write_if_changed(Path(out), placed)
