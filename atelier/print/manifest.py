"""MANIFEST.csv: one row per print file of build/print/, naming its job (the job sheet has one row
per job), with what the printer needs to check it: size, stock, output condition, checksum.

French Excel conventions (the printer opens it there): « ; » separators, decimal comma, UTF-8
with a BOM so accents survive. Rows in plan order (family, paper, path), so the file is stable.
The « modifié » column compares each file's SHA-256 with the previous delivery's manifest:
``oui`` (changed), ``non``, ``nouveau`` (not in the previous delivery). The « bat » column is
the file's BAT state (``atelier.print.approvals``): approuvé, modifié depuis le BAT, sans BAT.
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from .approvals import state as bat_state

COLUMNS = ["travail", "intitule_travail", "famille", "fichier", "intitule", "largeur_mm",
           "hauteur_mm", "fond_perdu_mm", "pages", "quantite", "couleurs", "papier", "finition",
           "pdfx", "condition", "sha256", "modifie", "bat"]
PRINT_ROOT = "build/"  # files are named relative to build/, as they sit in the pack's zip


class ManifestError(ValueError):
    """The previous manifest cannot be read."""


def sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def read_previous(path: Path) -> dict[str, str]:
    """fichier -> sha256 of the previous delivery; empty when there was none."""
    path = Path(path)
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    if rows and not {"fichier", "sha256"} <= set(rows[0]):
        raise ManifestError(f"{path}: the previous manifest has no « fichier » and « sha256 » "
                            f"columns — is it a MANIFEST.csv from this pipeline?")
    return {r["fichier"]: r["sha256"] for r in rows}


def manifest_rows(entries: list[dict], jobs: dict, press: dict, previous: dict[str, str],
                  approvals: dict | None = None) -> list[dict]:
    """Rows for ``entries`` (plan entries of the printer's files), in plan order; ``approvals``
    (``approvals.read``) gives each file's BAT state."""
    rows = []
    for e in entries:
        paper = jobs.get(e["paper"], {})
        p = press.get(e["press"] or "", {})
        path = e["path"]
        name = path[len(PRINT_ROOT):] if path.startswith(PRINT_ROOT) else path
        digest = sha256(path)
        if name not in previous:
            changed = "nouveau"
        else:
            changed = "non" if previous[name] == digest else "oui"
        rows.append({
            "travail": e["run"], "intitule_travail": e["run_title"], "famille": e["family"],
            "fichier": name, "intitule": e["job"],
            "largeur_mm": _number(e["width_mm"]), "hauteur_mm": _number(e["height_mm"]),
            "fond_perdu_mm": _number(e["bleed_mm"]), "pages": str(e["pages"]),
            "quantite": str(e["quantity"]), "couleurs": e["colours"],
            "papier": paper.get("paper", e["paper"]), "finition": paper.get("finish", ""),
            "pdfx": p.get("version", ""), "condition": p.get("condition", ""), "sha256": digest,
            "modifie": changed, "bat": bat_state(name, digest, approvals or {}),
        })
    return rows


def write_manifest(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def read_manifest(path: Path) -> list[dict]:
    text = Path(path).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))
