"""Approving printer files (BAT) — from the command line or watch mode's gallery.

What is approved is a file's exact bytes as the last build listed them in MANIFEST.csv: a name
the manifest does not list, or a file whose bytes differ from the manifest's (being rebuilt), is
refused, so nobody approves a proof they have not seen.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..print import approvals
from ..print.manifest import read_manifest, sha256

MANIFEST = Path("build/print/MANIFEST.csv")


class BatError(ValueError):
    """Nothing was approved: the message says why."""


def rows(manifest: Path = MANIFEST) -> list[dict]:
    if not manifest.exists():
        raise BatError(f"{manifest} does not exist yet: build first (make build)")
    return read_manifest(manifest)


def resolve(names: list[str], listed: list[dict]) -> list[dict]:
    """Manifest rows for ``names``: « print/labels/x.pdf », « build/print/labels/x.pdf » or a
    bare name « x » (every printer file of that name: a label, a panel, a menu)."""
    found, unknown = [], []
    for name in names:
        name = name.removeprefix("build/")
        match = [r for r in listed if r["fichier"] == name
                 or r["fichier"].rsplit("/", 1)[-1].removesuffix(".pdf") == name]
        if not match:
            unknown.append(name)
        found += [r for r in match if r not in found]
    if unknown:
        raise BatError(f"not a printer file of MANIFEST.csv: {', '.join(unknown)}")
    return found


def approve(names: list[str], by: str, remarks: str, approvals_path: Path,
            expected_sha: dict[str, str] | None = None, manifest: Path = MANIFEST,
            build: Path = Path("build")) -> list[approvals.Approval]:
    """Append an approval of each named file's current bytes. ``expected_sha`` (fichier ->
    SHA-256 the approver saw, from the gallery) must match too."""
    if not by.strip():
        raise BatError("who approves? (--par)")
    chosen = resolve(names, rows(manifest))
    when = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    new = []
    for r in chosen:
        current = sha256(build / r["fichier"])
        if current != r["sha256"]:
            raise BatError(f"{r['fichier']} changed since the manifest was made: rebuild, look at "
                           f"its proof, then approve")
        seen = (expected_sha or {}).get(r["fichier"])
        if seen is not None and seen != current:
            raise BatError(f"{r['fichier']} changed since this page was shown: reload it")
        new.append(approvals.Approval(r["fichier"], current, by.strip(), when, remarks.strip()))
    approvals.append(approvals_path, new)
    return new


def states(approvals_path: Path,
           manifest: Path = MANIFEST) -> list[tuple[str, str, approvals.Approval | None]]:
    """(fichier, state, last approval) for every printer file of the manifest."""
    known = approvals.read(approvals_path)
    return [(r["fichier"], approvals.state(r["fichier"], r["sha256"], known),
             known.get(r["fichier"])) for r in rows(manifest)]
