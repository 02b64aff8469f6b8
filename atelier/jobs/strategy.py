"""The strategy document's jobs: the DOCX from the records and texts, and its PDF.

Callable without Snakemake (tests call them directly). Problems a designer can fix — a style
missing from the template — end the job with a message naming it, never a traceback.
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..office import OfficeError, deterministic_pdf, soffice_pdf, soffice_pdf_updated, uno_python
from ..plan.strategy import TEXTES, read_chapters
from ..records.store import load
from ..render.docx import StyleMissing, TemplateUnreadable
from ..render.strategy import StrategyData, StrategyDocument

TABLES = ("partenaires", "projets", "planning", "budget", "indicateurs", "menus", "plats",
          "produits")


def load_data(records: list[str], settings: list[str], texts: Path = TEXTES) -> StrategyData:
    """Records grouped by table (the folder they are staged in), settings by section."""
    tables: dict[str, list[dict]] = {t: [] for t in TABLES}
    for path in sorted(records):
        table = Path(path).parent.name
        data = load(path)
        tables.setdefault(table, []).extend(data if isinstance(data, list) else [data])
    conf = {Path(p).stem: load(p) for p in settings}
    chapters, problems = read_chapters(texts)
    if problems:  # planned files were checked; this only happens when called by hand
        sys.exit("\n".join(str(p) for p in problems))
    return StrategyData(tables, chapters, conf, images=Path(texts).parent / "images")


def compose(template: str | Path, data: StrategyData):
    try:
        return StrategyDocument(Path(template), data).compose()
    except (StyleMissing, TemplateUnreadable) as exc:
        sys.exit(f"Template problem: {exc}")


def _finish(writer, data: StrategyData, out: Path, pages: dict[str, int] | None = None) -> bool:
    documents = data.settings["documents"]
    conf = documents["strategy"]
    return writer.finish(out, title=conf["title"], subject=conf.get("subtitle", ""),
                         author=documents["author"], language=documents["language"],
                         date=documents["date"], keywords="ALL; design culinaire; stratégie",
                         pages=pages)


def build_docx(template: str, records: list[str], settings: list[str], out: str,
               texts: Path = TEXTES) -> dict:
    data = load_data(records, settings, texts)
    writer = compose(template, data)
    changed = _finish(writer, data, Path(out))
    return {"changed": changed, "headings": len(writer.headings),
            "tables": len(writer.document.tables)}


# --- PDF -------------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def heading_pages(pdf: bytes) -> list[tuple[str, int]]:
    """(title, page number from 1) of every entry of the PDF's outline, in order: LibreOffice
    exports the headings as the outline."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return out


def fill_toc_pages(docx_path: Path, pages: list[tuple[str, int]], out: Path) -> int:
    """Copy of the DOCX whose table of contents shows ``pages`` (LibreOffice shows the fields'
    cached results; Word recomputes them anyway). Returns how many entries got a number."""
    document = docx.Document(str(docx_path))
    body = document.element.body
    headings = {}  # bookmark -> heading text
    for start in body.iter(qn("w:bookmarkStart")):
        name = start.get(qn("w:name"))
        if name.startswith("_Toc"):
            p = start.getparent()
            headings[name] = "".join(t.text or "" for t in p.iter(qn("w:t")))
    # Match headings to outline entries in order (titles may repeat across chapters).
    order, i, found = sorted(headings), 0, {}
    for name in order:
        for j in range(i, len(pages)):
            if _norm(pages[j][0]) == _norm(headings[name]):
                found[name], i = pages[j][1], j + 1
                break
    filled = 0
    for instr in body.iter(qn("w:instrText")):
        m = re.match(r"\s*PAGEREF (_Toc\d+)", instr.text or "")
        if not m or m.group(1) not in found:
            continue
        run = instr.getparent().getnext()  # the « separate » run, then the cached result
        result = run.getnext() if run is not None else None
        if result is None or result.tag != qn("w:r"):
            continue
        t = result.find(qn("w:t"))
        if t is None:  # python-docx writes no w:t for an empty run
            t = OxmlElement("w:t")
            result.append(t)
        t.text = str(found[m.group(1)])
        filled += 1
    document.save(str(out))
    return filled


def build_pdf(docx_path: str, out: str, settings: list[str]) -> dict:
    """The PDF by LibreOffice with the table of contents updated by LibreOffice itself (UNO);
    without LibreOffice's Python bridge, in two passes: the first gives each heading's page (the
    PDF's outline), the second shows them in the table of contents' cached results. Fixed
    metadata, so the bytes are reproducible."""
    conf = {Path(p).stem: load(p) for p in settings}
    documents = conf["documents"]
    try:
        if uno_python():
            final, filled = soffice_pdf_updated(docx_path), None
        else:
            with tempfile.TemporaryDirectory(prefix="atelier-strategy-") as tmp:
                profile = Path(tmp) / "profile"
                pages = heading_pages(soffice_pdf(docx_path, profile=profile))
                numbered = Path(tmp) / Path(docx_path).name
                filled = fill_toc_pages(Path(docx_path), pages, numbered)
                final = soffice_pdf(numbered, profile=profile)
    except OfficeError as exc:
        sys.exit(str(exc))
    data = deterministic_pdf(final, documents["strategy"]["title"], documents["author"],
                             documents["date"])
    out = Path(out)
    if not (out.exists() and out.read_bytes() == data):
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    import pypdf

    return {"pages": len(pypdf.PdfReader(io.BytesIO(data)).pages),
            "toc": "updated by LibreOffice" if filled is None else f"{filled} entries filled"}
