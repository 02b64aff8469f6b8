"""One deck: its plan + the records -> build/decks/<deck>.pptx; and the PDF via LibreOffice.

Callable without Snakemake (tests call it directly). Problems — a plan asking for a field that
does not exist, a master missing a layout, a text that cannot fit — exit with one clear message
naming the file, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..content.decks import PlanError, context, datasets, expand
from ..office import set_core_dates
from ..plan.decks import DeckPlanError, read_plan
from ..records.store import load
from ..render.pptx import DeckError, check_master, embed_brand_fonts, fill_deck, open_master, save_deck
from .incremental import write_if_changed


def _tables(records: list[str]) -> dict[str, list]:
    """Records grouped by table (the folder name); a table staged whole is one file."""
    out: dict[str, list] = {}
    for path in records:
        p = Path(path)
        data = load(p)
        if p.name == "all.json" and isinstance(data, list):
            out.setdefault(p.parent.name, []).extend(data)
        else:
            out.setdefault(p.parent.name, []).append(data)
    return out


def _settings(paths: list[str]) -> dict:
    return {Path(p).stem: load(p) for p in paths}


def make_deck(plan_path: str, template: str, records: list[str], settings: dict,
              images: Path = Path("inputs/images")) -> tuple[bytes, int]:
    """The deck's bytes and its number of slides. Raises DeckError/PlanError/DeckPlanError."""
    plan = read_plan(Path(plan_path))
    conf = settings.get("decks", {})
    data = datasets(_tables(records), conf.get("labels", {}))
    slides = expand(plan, data, context(settings, data), plan_path)
    for s in slides:  # a bare file name is a photo of inputs/images
        if s.picture and "/" not in s.picture:
            s.picture = str(images / s.picture)
    prs = open_master(Path(template))
    layouts = check_master(prs, {s.layout for s in slides}, template)
    floors = {"title": conf.get("title_min_pt", 24), "text": conf.get("text_min_pt", 14)}
    n = fill_deck(prs, slides, floors, layouts)
    docs = settings.get("documents", {})
    core = prs.core_properties
    core.title = plan.get("title", Path(plan_path).stem)
    core.subject = plan.get("subject", "")
    core.author = core.last_modified_by = docs.get("author", "")
    core.language = docs.get("language", "fr-FR")
    core.keywords = "ALL; Autour du Louvre-Lens; design culinaire"
    set_core_dates(core, docs.get("date", "2020-01-01"))
    embed_brand_fonts(prs)
    return save_deck(prs, docs.get("date", "2020-01-01")), n


def build_deck(plan_path: str, template: str, records: list[str], settings: list[str],
               out: str) -> dict:
    try:
        data, n = make_deck(plan_path, template, records, _settings(settings))
    except (DeckError, PlanError, DeckPlanError) as exc:
        print(f"\nDeck {Path(plan_path).stem}: {exc}\n", file=sys.stderr)
        sys.exit(1)
    written = write_if_changed(Path(out), data)
    return {"slides": n, "written": written, "bytes": len(data)}


def convert_pdf(pptx: str, pdf: str, soffice: str = "soffice", timeout: int = 180) -> None:
    """PPTX -> PDF with LibreOffice headless (private profile and output folder, brand fonts),
    with LibreOffice's dates and random /ID replaced so the same deck gives the same bytes."""
    from pptx import Presentation

    from ..office import OfficeError, deterministic_pdf, soffice_pdf

    props = Presentation(pptx).core_properties
    try:
        data = soffice_pdf(pptx, timeout)
    except OfficeError as exc:
        sys.exit(str(exc))
    when = (props.modified or props.created).date().isoformat()
    data = deterministic_pdf(data, props.title or Path(pptx).stem, props.author or "Atelier ALL",
                             when)
    write_if_changed(Path(pdf), data)
