"""Deliveries: what was sent to the printer, kept in the repository so that the next build can
say what changed since (MANIFEST.csv's « modifié », the gallery's before / after / overlay).

``deliveries/last/`` (the folder of ``pack.previous_manifest``) holds the last delivery:

- ``MANIFEST.csv``, the manifest that was sent (each file's SHA-256);
- ``proofs/<file>[-<page>].png``, each printer file's proof pages, reduced (``proofdiff.keep``);
- ``LIVRAISON.txt``: when, who, how many files, the pack's SHA-256.

Recording a new delivery moves the previous one to ``deliveries/<its date>/`` (history stays in
the repository, nothing is copied twice) and writes the new one beside it first, then renames:
an interrupted delivery leaves the last one as it was.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from .manifest import read_manifest, sha256
from .proofdiff import keep, pages

NOTE = "LIVRAISON.txt"


class DeliveryError(ValueError):
    """The build is not in a state to be delivered."""


@dataclass
class Delivered:
    folder: Path
    files: int
    proofs: int
    archived: Path | None


def proof_name(fichier: str, page: int, count: int) -> str:
    """Where a file's proof page is kept: ``proofs/print/labels/x.png`` (``x-2.png``…)."""
    stem = fichier.removesuffix(".pdf")
    return f"proofs/{stem}.png" if count == 1 else f"proofs/{stem}-{page}.png"


def kept_proofs(folder: Path, fichier: str) -> list[Path]:
    """The delivered proof pages of ``fichier``, in page order (none when it was not delivered)."""
    stem = fichier.removesuffix(".pdf")
    one = folder / f"proofs/{stem}.png"
    if one.exists():
        return [one]
    found, n = [], 1
    while (folder / f"proofs/{stem}-{n}.png").exists():
        found.append(folder / f"proofs/{stem}-{n}.png")
        n += 1
    return found


def record(manifest: Path, pack: Path, proofs: dict[str, tuple[str, int]], folder: Path,
           size_px: int, when: str, by: str, build: Path = Path("build")) -> Delivered:
    """Make the current build the last delivery. ``proofs``: fichier -> (first proof page, pages).

    Refuses a build whose manifest does not describe the files as they are (build first) or
    whose pack was not made (refused by the preflight or the BAT setting)."""
    rows = read_manifest(manifest)
    stale = [r["fichier"] for r in rows if not (build / r["fichier"]).exists()
             or sha256(build / r["fichier"]) != r["sha256"]]
    if stale:
        raise DeliveryError(f"{len(stale)} file(s) changed since the manifest was made "
                            f"(first: {stale[0]}) — build first (make build)")
    if not pack.exists() or pack.stat().st_mtime_ns < manifest.stat().st_mtime_ns:
        raise DeliveryError(f"{pack} was not made from this manifest (preflight errors or "
                            f"files without BAT?) — build, read its summary, then deliver")
    folder = Path(folder)
    new = folder.with_name(f".{folder.name}.new")
    if new.exists():
        shutil.rmtree(new)
    (new / "proofs").mkdir(parents=True)
    shutil.copyfile(manifest, new / "MANIFEST.csv")
    kept = 0
    for r in rows:
        first, count = proofs.get(r["fichier"], (None, 0))
        if not first:
            continue
        shown = pages(first, count)
        for n, page in enumerate(shown, start=1):
            target = new / proof_name(r["fichier"], n, len(shown))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(keep(Path(page), size_px))
            kept += 1
    (new / NOTE).write_text(f"le: {when}\npar: {by}\nfichiers: {len(rows)}\n"
                            f"pack_sha256: {sha256(pack)}\n", encoding="utf-8")
    archived = None
    if folder.exists():
        archived = folder.parent / _label(folder)
        n = 2
        while archived.exists():
            archived = folder.parent / f"{_label(folder)}-{n}"
            n += 1
        folder.rename(archived)
    new.rename(folder)
    return Delivered(folder, len(rows), kept, archived)


def _label(folder: Path) -> str:
    """A past delivery's folder name: its date (« 2026-12-02T0315 »), from its note."""
    try:
        for line in (folder / NOTE).read_text(encoding="utf-8").splitlines():
            if line.startswith("le: "):
                return line[4:].strip()[:16].replace(":", "")
    except OSError:
        pass
    return "precedente"
