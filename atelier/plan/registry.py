"""What each family declares about its print files, for the manifest and the job sheet."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class PrintFile:
    """One print PDF under build/print/, as the printer will see it in the manifest."""

    path: str  # build/print/...
    family: str  # labels, menus, signage ...
    job: str  # human title: « Étiquette — Bière noire du Parcours »
    width_mm: float  # finished (trim) size
    height_mm: float
    bleed_mm: float  # 0 for office sheets
    pages: int
    quantity: int  # copies to print
    paper: str  # key of settings.jobs (paper and finish)
    proof: str | None = None  # PNG preview under build/proofs/, if any

    def as_dict(self) -> dict:
        return asdict(self)
