"""The few lines a designer reads at the end of a build: what was redrawn and why, where the
pack is, what to look at.

Made from what the build left, not from Snakemake's listing: the items a job redrew are the
entries of its state file (``build/state/*.json``) whose key changed (``Snapshot`` keeps the
files as they were when the run started); the reason is the columns of the item's own row that
changed (``atelier.records.changes``), else what the job's inputs were (a template, the
settings, the brand, the code). Then the pack: the zip, files changed since the last delivery and
their BAT, the preflight's and the validation's warnings.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..records import changes as record_changes

STATE = "build/state"
RECORDS = "build/records"
MANIFEST = "build/print/MANIFEST.csv"
PACK = "build/print-pack.zip"
GALLERY = "build/proofs/index.html"
PREFLIGHT = "build/preflight/summary.json"
VALIDATION = "build/validation/report.txt"
# state files of the pack's own jobs: their entries are files checked or thumbnails, not items
NOT_ITEMS = ("preflight.json", "gallery.json")
LISTED = 4  # names shown per line before « … et N autres »

# (state file prefix, is a sheet entry — None: either, singular, plural, participle singular, plural)
NOUNS = [
    ("labels-", True, "planche A4", "planches A4", "réimposée", "réimposées"),
    ("labels-", False, "étiquette", "étiquettes", "redessinée", "redessinées"),
    ("signage-panels", False, "panneau", "panneaux", "redessiné", "redessinés"),
    ("signage-overview", None, "carte ou dépliant", "carte et dépliant", "redessiné", "redessinés"),
    ("menus-", None, "menu", "menus", "recomposé", "recomposés"),
]
PACK_RULES = ("print_", "office_pack", "all", "check")  # the pack's own files, said apart
DELIVERABLES = ("build/print/", "build/office/", "build/web/", "build/docs/", "build/decks/")
# what an updated input of a job means to a designer
INPUT_WORDS = [("templates/", "modèle"), ("build/records/_settings/", "réglages"),
               ("config/", "réglages"), ("build/state/stamps/brand", "charte"),
               ("brand/", "charte"), ("build/state/stamps/code", "code"), ("atelier/", "code"),
               ("build/records/", "données")]


class Snapshot:
    """The state files' bytes when the run started (a few MB at 5,000 products: read, not
    parsed; only those of the jobs that ran are parsed at the end)."""

    def __init__(self, root: str = "."):
        self.root = Path(root)
        self.files: dict[str, bytes] = {}
        try:
            names = os.listdir(self.root / STATE)
        except FileNotFoundError:
            names = []
        for name in names:
            if name.endswith(".json") and name not in NOT_ITEMS:
                try:
                    self.files[f"{STATE}/{name}"] = (self.root / STATE / name).read_bytes()
                except OSError:
                    pass


@dataclass
class Job:
    """A job the run started, as its JOB_INFO record tells it."""

    rule: str
    outputs: list[str]
    reason: str = ""

    def updated_inputs(self) -> list[str]:
        out = []
        for part in self.reason.split("; "):
            for head in ("Updated input files: ", "Input files updated by another job: "):
                if part.startswith(head):
                    out += [p.strip() for p in part[len(head):].split(", ")]
        return out

    def words(self) -> list[str]:
        """Why the job ran, in the studio's words (« modèle », « réglages »…)."""
        found = []
        for path in self.updated_inputs():
            if not path or path.startswith("build/state/staged"):  # the stage job's marker
                continue
            word = next((w for prefix, w in INPUT_WORDS if path.startswith(prefix)),
                        Path(path).name)  # another job's output: a map, a proof
            if word and word not in found:
                found.append(word)
        found = found[:3]
        if not found and "Missing output files" in self.reason:
            found.append("fichier manquant")
        return found


@dataclass
class Redrawn:
    singular: str
    plural: str
    done: tuple[str, str]
    items: dict[str, str] = field(default_factory=dict)  # name -> reason

    def line(self) -> str:
        n = len(self.items)
        noun = self.singular if n == 1 else self.plural
        done = self.done[0] if n == 1 else self.done[1]
        names = [f"{k} ({v})" if v else k for k, v in list(self.items.items())[:LISTED]]
        more = f" … et {n - LISTED} autres" if n > LISTED else ""
        return f"{n} {noun} {done} : {', '.join(names)}{more}"


def _entries(data: bytes | None) -> dict[str, str]:
    try:
        return {k: (v or {}).get("key") for k, v in json.loads(data).items()} if data else {}
    except (ValueError, AttributeError):
        return {}


def _noun(state: str, entry: str):
    name = Path(state).name
    for prefix, sheet, one, many, done_one, done_many in NOUNS:
        if name.startswith(prefix) and sheet in (None, entry.endswith(".pdf")):
            return (prefix, sheet), one, many, (done_one, done_many)
    if name.startswith(tuple(p for p, *_ in NOUNS)):
        return (name, entry.endswith(".pdf")), "élément", "éléments", ("refait", "refaits")
    return None


def reason_for(name: str, rows: dict[str, dict[str, list[str]]], job: Job) -> str:
    """The changed columns of the item's own row (any table; a sticker ``emporter-<dish>``
    is its dish's), else why its job ran."""
    for table, changed in rows.items():
        if table.startswith("_"):
            continue
        cols = changed.get(name)
        if cols is None:
            cols = next((c for k, c in changed.items() if name.endswith(f"-{k}")), None)
        if cols is not None:
            if record_changes.NEW in cols:
                return "nouveau"
            return ", ".join(c for c in cols if c not in (record_changes.WHOLE,))
    # rows of other tables the job reads (a menu's dishes, a label's maker)
    others = []
    for path in job.updated_inputs():
        parts = path.split("/")
        if len(parts) == 4 and path.startswith(RECORDS + "/") and not parts[2].startswith("_"):
            cols = rows.get(parts[2], {}).get(parts[3].removesuffix(".json"))
            if cols:
                others.append(f"{parts[2]} {parts[3].removesuffix('.json')} : {', '.join(cols)}")
    return "; ".join(others[:2]) if others else ", ".join(job.words())


def redrawn(jobs: list[Job], before: Snapshot, root: str = ".") -> list[Redrawn]:
    """Items whose state entry got a new key in this run, per kind, in the jobs' order."""
    rows = record_changes.read(Path(root) / RECORDS)
    groups: dict[tuple, Redrawn] = {}
    for job in jobs:
        for out in job.outputs:
            if not (out.startswith(STATE + "/") and out.endswith(".json")) \
                    or Path(out).name in NOT_ITEMS:
                continue
            try:
                after = (Path(root) / out).read_bytes()
            except OSError:
                continue
            if after == before.files.get(out):
                continue
            old, new = _entries(before.files.get(out)), _entries(after)
            for name, key in new.items():
                if old.get(name) == key:
                    continue
                kind = _noun(out, name)
                if kind is None:
                    continue
                group = groups.setdefault(kind[0], Redrawn(kind[1], kind[2], kind[3]))
                shown = name.removesuffix(".pdf")
                if name == "overview":  # the signage job's map entry
                    shown = "carte-parcours"
                group.items[shown] = reason_for(shown, rows, job)
    return list(groups.values())


def documents(jobs: list[Job], root: str = ".") -> list[str]:
    """Deliverables of the jobs without a state file (documents, decks): rewritten when run."""
    rows = record_changes.read(Path(root) / RECORDS)
    out = {}
    for job in jobs:
        if any(o.startswith(STATE + "/") for o in job.outputs) or job.rule.startswith(PACK_RULES):
            continue
        for o in job.outputs:
            if o.startswith(DELIVERABLES):
                tables = [Path(p).parent.name for p in job.updated_inputs()
                          if p.startswith(f"{RECORDS}/_tables/")]
                why = [t for t in tables if t in rows] or job.words()
                out.setdefault(Path(o).stem, ", ".join(why))
    return [f"{k} ({v})" if v else k for k, v in out.items()]


def _manifest() -> list[dict]:
    try:
        text = Path(MANIFEST).read_text(encoding="utf-8-sig")
    except OSError:
        return []
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def pack_line(refused: str | None = None, stale: bool = False) -> str:
    rows = _manifest()
    changed = sum(r.get("modifie") == "oui" for r in rows)
    new = sum(r.get("modifie") == "nouveau" for r in rows)
    unapproved = sum(r.get("bat", "") not in ("", "approuvé") for r in rows)
    bits = []
    if changed:
        bits.append(f"{changed} fichier{'s' if changed > 1 else ''} modifié{'s' if changed > 1 else ''}"
                    f" depuis la dernière livraison")
    if new and rows and new < len(rows):
        bits.append(f"{new} nouveau{'x' if new > 1 else ''}")
    if unapproved:
        bits.append(f"{unapproved} sans BAT valide")
    if refused:
        return f"Pack imprimeur REFUSÉ : {refused}"
    if stale or not Path(PACK).exists():
        return "Pack imprimeur : pas refait par cette commande (.venv/bin/snakemake print)"
    where = PACK
    return f"Pack imprimeur : {where}" + (f" — {', '.join(bits)}" if bits else "")


def warnings_line() -> str | None:
    bits = []
    try:
        text = Path(VALIDATION).read_text(encoding="utf-8")
        m = re.search(r"^(\d+) warning\(s\)", text, re.M)
        if m:
            bits.append(f"{m.group(1)} dans les tableaux ({VALIDATION})")
    except OSError:
        pass
    try:
        pre = json.loads(Path(PREFLIGHT).read_text(encoding="utf-8"))
        if pre.get("warnings"):
            bits.append(f"{pre['warnings']} fichiers au preflight (build/preflight/index.html)")
    except (OSError, ValueError):
        pass
    return "Avertissements : " + " ; ".join(bits) if bits else None


def summary(jobs: list[Job], before: Snapshot, ok: bool, refused: str | None = None,
            root: str = ".") -> list[str]:
    """The lines of the end-of-build summary (French: the studio's language)."""
    lines = []
    groups = redrawn(jobs, before, root)
    docs = documents(jobs, root)
    if not ok:
        lines.append("La fabrication s'est arrêtée sur une erreur (ci-dessus)"
                     + (" ; déjà refait :" if groups or docs else "."))
    elif not groups and not docs:
        lines.append("Rien à redessiner : tout est à jour." if not jobs else
                     "Aucun élément redessiné (fichiers identiques).")
    lines += [g.line() for g in groups]
    if docs:
        lines.append("Documents refaits : " + ", ".join(docs))
    if ok or refused:
        # a family's target (snakemake labels) redraws without packing
        stale = bool(jobs) and not any(j.rule in ("print_pack", "print_manifest") for j in jobs)
        lines.append(pack_line(refused, stale))
        lines.append(f"Épreuves : {GALLERY}")
    warn = warnings_line()
    if warn:
        lines.append(warn)
    return lines
