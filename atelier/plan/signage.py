"""Signage jobs, planned while Snakemake parses the workflow (light imports only).

Two jobs, whatever the number of stops — a Python process per panel would cost ~0.8 s each:
  * panels: every stop's panel; it re-draws only the panels whose own inputs changed (the stop,
    the next stop's name and position, the partner, settings, templates, code);
  * overview: the map panel (carte-parcours) and the leaflet (an A4 sheet rolled in three,
    recto and verso), which show every stop.
Both read one staged file with every stop and the stops' partners (``build/records/_signage/
stops.json``, staged only when one of them changed), so Snakemake reruns them on any edit;
inside, unchanged items are skipped and unchanged files are not rewritten. The panel job declares
only its state file, which stands for its PDFs and PNGs (``OWNED_FILES``): at 200 stops, 400
declared files cost Snakemake most of a second on every run.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..paths import BUILD
from ..pipeline import Staged
from ..records.stage import dumps
from .registry import PrintFile

PRINT = f"{BUILD}/print/signage"
PROOFS = f"{BUILD}/proofs/signage"
TEMPLATES = "templates/signage"
MAP = "carte-parcours"
LEAFLET = "depliant"
BASEMAP = "fond-de-carte.svg"  # the maps' background (the templates' data-basemap)
RESERVED = {MAP, LEAFLET}  # file names of the overview: no stop may be called so


class SignagePlanError(ValueError):
    pass


@dataclass
class PanelJob:
    stops: list[str]  # ids in trail order
    batch: str  # the stops and their partners (``stops_batch``)
    templates: list[str]
    pdfs: list[str]
    pngs: list[str]
    state: str  # the one file Snakemake tracks for the job: it stands for pdfs and pngs

    @property
    def owned(self) -> dict[str, str]:
        return {f: self.state for f in self.pdfs + self.pngs}


@dataclass
class OverviewJob:
    batch: str
    templates: dict[str, str]  # carte, recto, verso, and fond: the maps' background
    map_pdf: str
    map_png: str
    map_svg: str
    map_json: str
    leaflet_pdf: str
    leaflet_pngs: list[str]
    state: str

    @property
    def outputs(self) -> list[str]:
        return [self.map_pdf, self.map_png, self.map_svg, self.map_json, self.leaflet_pdf,
                *self.leaflet_pngs]


def _stops(staged: Staged) -> list[dict]:
    stops = sorted(staged.table("etapes"), key=lambda s: (s["numero"], s["id"]))
    clash = sorted(RESERVED & {s["id"] for s in stops})
    if clash:
        raise SignagePlanError(f"etapes: the id(s) {', '.join(clash)} are the names of the map and "
                               "leaflet files in build/print/signage/ — rename the stop(s)")
    return stops


def leaflet_pages() -> int:
    """The roll fold is one sheet: recto (inner flap, back, front cover) and verso (inside)."""
    return 2


def stops_batch(staged: Staged, stops: list[dict]) -> str:
    """Stage the stops in trail order with their partners as one file (one input instead of a
    record per stop and partner); rewritten only when its content changed."""
    partners = sorted({s["partenaire"] for s in stops if s.get("partenaire")})
    return staged.put(staged.root / "_signage" / "stops.json", dumps({
        "stops": stops,
        "partners": {p: staged.load("partenaires", p) for p in partners},
    }))


def signage_jobs(staged: Staged) -> tuple[PanelJob | None, OverviewJob | None]:
    """Both signage jobs, or (None, None) when there are no stops. They read the same batch."""
    stops = _stops(staged)
    if not stops:
        return None, None
    batch = stops_batch(staged, stops)
    return panel_job(stops, batch), overview_job(staged, stops, batch)


def panel_job(stops: list[dict], batch: str) -> PanelJob:
    ids = [s["id"] for s in stops]
    formats = sorted({s["format_panneau"] for s in stops})
    return PanelJob(
        stops=ids,
        batch=batch,
        templates=[f"{TEMPLATES}/panel-{f}.svg" for f in formats],
        pdfs=[f"{PRINT}/{i}.pdf" for i in ids],
        pngs=[f"{PROOFS}/{i}.png" for i in ids],
        state=f"{BUILD}/state/signage-panels.json",
    )


def overview_job(staged: Staged, stops: list[dict], batch: str) -> OverviewJob:
    pages = leaflet_pages()
    return OverviewJob(
        batch=batch,
        templates={"carte": f"{TEMPLATES}/carte.svg", "recto": f"{TEMPLATES}/depliant-recto.svg",
                   "verso": f"{TEMPLATES}/depliant-verso.svg",
                   "fond": f"{TEMPLATES}/{BASEMAP}"},
        map_pdf=f"{PRINT}/{MAP}.pdf",
        map_png=f"{PROOFS}/{MAP}.png",
        map_svg=f"{PROOFS}/{MAP}.svg",
        map_json=f"{PROOFS}/{MAP}.json",
        leaflet_pdf=f"{PRINT}/{LEAFLET}.pdf",
        leaflet_pngs=[f"{PROOFS}/{LEAFLET}-{n}.png" for n in range(1, pages + 1)],
        state=f"{BUILD}/state/signage-overview.json",
    )


def _svg_size(path: str) -> tuple[float, float]:
    from pathlib import Path

    from ..render.svgdoc import load_template  # stdlib only: cheap at parse time

    t = load_template(Path(path))
    return t.width, t.height


def signage_print_files(staged: Staged, panels: PanelJob | None,
                        overview: OverviewJob | None) -> list[PrintFile]:
    conf = staged.settings["signage"]
    bleed = staged.settings["printer"]["bleed_mm"]
    out = []
    if panels:
        by_id = {s["id"]: s for s in staged.table("etapes")}
        runs: dict[str, int] = {}  # the printer runs the panels of one format as one job
        for sid in panels.stops:
            runs[by_id[sid]["format_panneau"]] = runs.get(by_id[sid]["format_panneau"], 0) + 1
        for sid, pdf, png in zip(panels.stops, panels.pdfs, panels.pngs, strict=True):
            s = by_id[sid]
            fmt = conf["formats"][s["format_panneau"]]
            n = runs[s["format_panneau"]]
            out.append(PrintFile(pdf, "signage", f"Panneau d'étape {s['numero']} — {s['nom']}",
                                 fmt["width_mm"], fmt["height_mm"], bleed, 1, 1, "signage", png,
                                 safety_mm=conf["safety_zone_mm"],
                                 run=f"panneaux-{s['format_panneau']}",
                                 run_title=f"Panneaux d'étape {s['format_panneau'].upper()} du "
                                           f"Parcours noir ({n} panneau{'x' if n > 1 else ''})"))
    if overview:
        w, h = _svg_size(overview.templates["carte"])
        out.append(PrintFile(overview.map_pdf, "signage", "Carte du Parcours noir", w, h, bleed,
                             1, 1, "signage", overview.map_png, safety_mm=conf["safety_zone_mm"],
                             run="carte-parcours",
                             run_title="Panneau carte du Parcours noir"))
        # The file and its job agree: an A4 landscape sheet, recto verso, rolled in three
        # (settings jobs.leaflet says « Pli roulé en 3 »).
        w, h = _svg_size(overview.templates["recto"])
        panels = " / ".join(f"{v:g}" for v in conf["leaflet"]["panels_mm"])
        out.append(PrintFile(overview.leaflet_pdf, "signage",
                             f"Dépliant du Parcours noir (pli roulé, volets {panels} mm)",
                             w, h, bleed, len(overview.leaflet_pngs),
                             conf["leaflet"].get("quantity", 1), "leaflet",
                             overview.leaflet_pngs[0], run="depliant",
                             safety_mm=conf["leaflet"]["safety_zone_mm"],
                             run_title="Dépliant du Parcours noir"))
    return out
