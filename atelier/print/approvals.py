"""BAT (« bon à tirer ») approvals: which exact file the client approved for press.

The studio keeps one CSV in the repository (``pack.bat.approvals``, French Excel conventions
like the manifest): one row per approval — ``fichier`` (as in MANIFEST.csv, e.g.
``print/labels/biere-noire-parcours.pdf``), ``sha256`` of the approved bytes, ``par`` (who),
``le`` (when, ISO 8601), ``remarques``. Rows are only ever appended; a file's last row is its
approval. A file is approved while its bytes are those approved: a rebuild that produces the
same bytes keeps it, any change lapses it until it is approved again.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ["fichier", "sha256", "par", "le", "remarques"]
APPROVED = "approuvé"
CHANGED = "modifié depuis le BAT"
NEVER = "sans BAT"
STATES = (APPROVED, CHANGED, NEVER)


class ApprovalsError(ValueError):
    """The approvals file cannot be read."""


@dataclass(frozen=True)
class Approval:
    fichier: str
    sha256: str
    par: str
    le: str
    remarques: str = ""


def read(path) -> dict[str, Approval]:
    """fichier -> its last approval; empty when the file does not exist yet."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    if rows and not {"fichier", "sha256"} <= set(rows[0]):
        raise ApprovalsError(f"{path}: no « fichier » and « sha256 » columns — expected "
                             f"{';'.join(COLUMNS)}")
    out = {}
    for row in rows:
        if row.get("fichier") and row.get("sha256"):
            out[row["fichier"]] = Approval(row["fichier"], row["sha256"].strip().lower(),
                                           row.get("par") or "", row.get("le") or "",
                                           row.get("remarques") or "")
    return out


def state(fichier: str, sha256: str, approvals: dict[str, Approval]) -> str:
    """« approuvé », « modifié depuis le BAT » or « sans BAT »."""
    approval = approvals.get(fichier)
    if approval is None:
        return NEVER
    return APPROVED if approval.sha256 == sha256 else CHANGED


def append(path, new: list[Approval]) -> None:
    """Add approvals at the end of the file (written whole to a temporary file, then renamed:
    an interrupted write leaves the previous file)."""
    path = Path(path)
    try:
        old = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        old = ""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    if not old.strip():
        writer.writerow(COLUMNS)
    elif not old.endswith("\n"):
        out.write("\r\n")
    for a in new:
        writer.writerow([a.fichier, a.sha256, a.par, a.le, a.remarques])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(("\ufeff" + old + out.getvalue()).encode("utf-8"))
    os.replace(tmp, path)
