"""The printer's pack, planned while Snakemake parses: what to list, check, convert and show.

Built only from what the families declare — ``PRINT_FILES`` (their print PDFs), their rules'
outputs (state files with the preflight's expectations), their target rules' inputs (assets for
the gallery) and ``OWNED_FILES`` (files a job writes under one declared state file) — so a new
family appears in the manifest, the preflight and the gallery without a change here. Light
imports only: this runs at every parse.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from .. import cache
from ..paths import BUILD
from ..records.stage import dumps
from . import registry
from .registry import PRINTER, PrintFile, tracked

PRINT = f"{BUILD}/print"
OFFICE = f"{BUILD}/office"
PLAN = f"{BUILD}/plan/pack.json"
STATE = f"{BUILD}/state"
THUMBS = f"{BUILD}/proofs/_vignettes"
PREVIEWABLE = (".png", ".jpg", ".jpeg", ".svg")


GALLERY_STATE = f"{STATE}/gallery.json"


@dataclass
class PackPlan:
    # The jobs read the file lists from the plan; the rules' inputs below are what Snakemake
    # tracks for them: each file, or the state file that stands for it (OWNED_FILES).
    plan: str  # the plan file: every job of the pack reads it
    pdfs: list[str]  # the print files: the printer's (CMYK PDF/X) and the office's (RGB)
    sidecars: list[str]  # families' state files, the preflight's expectations
    assets: list[str]  # everything the gallery shows
    # Files the pack's own jobs write under their state file, like the labels: a thumbnail per
    # office label sheet is tens of thousands at 5,000 products.
    owned: dict[str, str]
    text: str = ""  # the plan file's content, staged by the stage rule (pipeline.Staged.put)
    key: str = ""  # the digest of what it was made from (PLAN_MEMO)
    fresh: bool = True  # made by this parse (False: read from PLAN_MEMO)


def previous_manifest(settings: dict) -> str:
    """Where the last delivery's manifest is kept (``pack.previous_manifest``)."""
    return (settings.get("pack") or {}).get("previous_manifest", "deliveries/last/MANIFEST.csv")


def approvals_file(settings: dict) -> str:
    """The studio's BAT approvals (``pack.bat.approvals``)."""
    return ((settings.get("pack") or {}).get("bat") or {}).get("approvals", "bat/approbations.csv")


def if_exists(path: str):
    """An input function: ``path`` when it exists — the first delivery has no previous manifest,
    and delivering (copying the manifest there) must rerun the comparison."""
    return lambda wildcards: [path] if Path(path).exists() else []


def safety_margin(pf: PrintFile, settings: dict) -> float:
    """A format's own ``safety_margin_mm`` (a ``formats`` entry of any section with the same
    finished size), else the printer's."""
    for section in sorted(settings):
        formats = settings[section].get("formats") if isinstance(settings[section], dict) else None
        for fmt in (formats or {}).values():
            if isinstance(fmt, dict) and "safety_margin_mm" in fmt \
                    and abs(fmt.get("width_mm", -1) - pf.width_mm) < 0.05 \
                    and abs(fmt.get("height_mm", -1) - pf.height_mm) < 0.05:
                return float(fmt["safety_margin_mm"])
    return float(settings["printer"]["safety_margin_mm"])


def sidecars_by_file(rules, print_files: list[PrintFile],
                     owned: dict[str, str] | None = None) -> dict[str, list[str]]:
    """For each print file, the JSON state files written by the rule that writes it (for a file
    in ``owned``, the state file its job declares in its place)."""
    wanted = {pf.path for pf in print_files}
    out: dict[str, list[str]] = {p: [s] for p, s in (owned or {}).items() if p in wanted}
    for rule in rules:
        outputs = [str(o) for o in rule.output]
        states = sorted(o for o in outputs if o.startswith(STATE + "/") and o.endswith(".json"))
        if not states:
            continue
        for o in outputs:
            if o in wanted:
                out[o] = states
    return out


def gallery_assets(targets: dict[str, list[str]]) -> dict[str, list[str]]:
    """Family -> the files its target rule builds (flattened, sorted, de-duplicated)."""
    out = {}
    for family, files in targets.items():
        flat = sorted({str(f) for f in _flatten(files)})
        if flat:
            out[family] = flat
    return out


def _flatten(items):
    for item in items:
        if isinstance(item, (list, tuple)):
            yield from _flatten(item)
        else:
            yield item


def thumbnail_for(path: str) -> str:
    """build/print/x/y.pdf -> build/proofs/_vignettes/print/x/y.png (strings: 27,000 calls)."""
    return f"{THUMBS}/{os.path.splitext(path.removeprefix(f'{BUILD}/'))[0]}.png"


# The last plan and the digest of what it was made from. At 5,000 products the plan lists 32,000
# files; building and serialising it cost ~0.6 s at every parse, while after most edits (a lot
# number, an ingredient) it comes out the same. Hashing its inputs costs a fifth of that.
PLAN_MEMO = f"{BUILD}/.cache/pack-plan.pickle"


def plan_pack(print_files: list[PrintFile], settings: dict, rules, targets: dict,
              owned: dict[str, str] | None = None) -> PackPlan:
    """The files of the pack and the content of ``build/plan/pack.json`` (reads only: the
    stage rule writes the plan, and PLAN_MEMO when ``fresh``).

    ``owned`` maps files that no rule declares to the state file declared in their place."""
    owned = owned or {}
    sidecars = sidecars_by_file(rules, print_files, owned)
    targets = {family: [str(f) for f in _flatten(files)] for family, files in targets.items()}
    key = _inputs_digest(print_files, settings, targets, owned, sidecars)
    remembered = cache.read(PLAN_MEMO, key)
    if remembered is not None:
        remembered.fresh = False
        return remembered
    result = _plan_pack(print_files, settings, targets, owned, sidecars)
    result.key = key
    return result


def _inputs_digest(*inputs) -> str:
    """Everything the plan is made of, and the code that makes it. Equal pickles mean equal
    values (the converse need not hold: a miss only costs planning again)."""
    from ..brand import TOKENS
    from ..print import press

    h = hashlib.sha256(pickle.dumps(inputs, protocol=pickle.HIGHEST_PROTOCOL))
    for module in (__file__, registry.__file__, press.__file__, TOKENS):
        with open(module, "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def _plan_pack(print_files: list[PrintFile], settings: dict, targets: dict,
               owned: dict[str, str], sidecars: dict[str, list[str]]) -> PackPlan:
    pack = settings.get("pack") or {}
    checks = pack.get("preflight") or {}
    large_from = checks.get("large_from_mm", 420)
    files = sorted(print_files, key=lambda p: (p.family, p.paper, p.path))
    press = press_summaries(settings, {pf.paper for pf in files if pf.destination == PRINTER})
    margins: dict[tuple[float, float], float] = {}  # thousands of labels share a few sizes
    entries = []
    for pf in files:
        large = min(pf.width_mm, pf.height_mm) >= large_from - 0.5
        min_dpi = checks.get("min_dpi_large", 150) if large else checks.get("min_dpi", 300)
        size = (pf.width_mm, pf.height_mm)
        if size not in margins:
            margins[size] = safety_margin(pf, settings)
        entries.append(dict(pf.as_dict(),
                            run=pf.run or pf.path, run_title=pf.run_title or pf.job,
                            safety_margin_mm=pf.safety_mm if pf.safety_mm is not None
                            else margins[size],
                            min_dpi=min_dpi, large=large,
                            sidecars=sidecars.get(pf.path, []),
                            press=pf.paper if pf.destination == PRINTER else None,
                            colours=colours(pf.pages)))
    assets = gallery_assets(targets)
    with_proof = {pf.path for pf in files if pf.proof}
    shown = {a for family in assets.values() for a in family}
    thumbs = sorted(thumbnail_for(a) for a in shown if a.endswith(".pdf") and a not in with_proof)
    plan = {
        "files": entries,
        "gallery": assets,
        "thumbs": thumbs,  # the gallery draws these (PDFs without a proof)
        "gallery_order": [f for f in targets if f in assets],  # labels, menus… as the brief lists
        "printer": settings["printer"],
        "jobs": settings.get("jobs", {}),
        "press": press,  # per kind of job: what its files must be (the preflight checks it)
        # the office's printers: EAN-13 modules of whole dots on the office's sheets
        "office_dpi": ((settings.get("labels") or {}).get("ean") or {}).get("office_printer_dpi", 300),
        "pack": pack,
    }
    return PackPlan(
        plan=PLAN,
        pdfs=tracked((pf.path for pf in files), owned),
        sidecars=sorted({s for v in sidecars.values() for s in v}),
        assets=tracked(shown, owned),
        owned={t: GALLERY_STATE for t in thumbs},
        # one line: json's C encoder only runs without indent (10,000 files at 5,000 products)
        text=dumps(plan),
    )


def colours(pages: int) -> str:
    """Inks front/back as a printer writes them: « 4/0 » (recto), « 4/4 » (recto verso)."""
    return "4/0" if pages == 1 else "4/4"


def press_summaries(settings: dict, jobs: set[str]) -> dict[str, dict]:
    """What the printer's files of each kind of job must be, as the preflight checks it: PDF/X
    version, output condition, ink limit, black rules, die, and the brand's print recipes.
    Raises ``PressSettingsError`` naming every wrong setting (the run stops before any job)."""
    from ..print.press import Press, PressSettingsError

    out, problems = {}, []
    for job in sorted(jobs):
        try:
            p = Press.for_job(settings, job)
        except PressSettingsError as exc:
            problems += [q for q in exc.problems if q not in problems]
            continue
        out[job] = {
            "version": p.version, "condition": p.condition.identifier,
            "condition_info": p.condition.info, "max_ink": p.condition.max_ink,
            "small_text_below_pt": p.black.small_text_below_pt,
            "reverse_min_pt": p.black.reverse_min_pt,
            "reverse_regular_min_pt": p.black.reverse_regular_min_pt, "rich_black": list(p.black.rich),
            "die": {"spot": p.die.spot, "layer": p.die.layer, "holes": p.die.holes,
                    "corner_radius_mm": p.die.corner_radius_mm,
                    "hole_diameter_mm": p.die.hole_diameter_mm,
                    "hole_inset_mm": p.die.hole_inset_mm} if p.die else None,
            "recipes": sorted({tuple(v) for v in p.recipes.values()}),
        }
    if problems:
        raise PressSettingsError(problems)
    return out
