"""What each family declares about its files: print files for the manifest and the job sheet,
and files a job writes under one declared state file (``OWNED_FILES`` in rules/inputs.smk)."""

from __future__ import annotations

from dataclasses import dataclass

PRINTER, OFFICE = "printer", "office"


@dataclass(frozen=True)
class PrintFile:
    """One print PDF: under build/print/ for the printer (CMYK PDF/X, in the manifest and the job
    sheet), or under build/office/ for the office's own printers (RGB: the A4 label sheets)."""

    path: str  # build/print/... or build/office/...
    family: str  # labels, menus, signage ...
    job: str  # the file's own title: « Étiquette pot — Confiture de fraises »
    width_mm: float  # finished (trim) size
    height_mm: float
    bleed_mm: float  # 0 for office sheets
    pages: int
    quantity: int  # copies of this file to print
    paper: str  # key of settings.jobs: stock, finish, output condition, die
    proof: str | None = None  # PNG preview under build/proofs/, if any
    # The print job this file belongs to: what the printer quotes (one product's labels, a menu,
    # the A2 panels, the leaflet). Files of one run share its key and title.
    run: str = ""
    run_title: str = ""
    destination: str = PRINTER
    # Nothing but background and die this far inside the trim (mm), as the family's settings say;
    # None: the label format's or the printer's (plan.pack.safety_margin).
    safety_mm: float | None = None

    def as_dict(self) -> dict:
        # dataclasses.asdict deep-copies field by field: 10,000 files took ~0.1 s at every parse
        return {f: getattr(self, f) for f in self.__dataclass_fields__}



def tracked(paths, owned: dict[str, str]) -> list[str]:
    """What a rule lists as inputs to read ``paths``: each path, or the state file standing for
    it when its job does not declare it (``owned``), once."""
    return sorted({owned.get(p, p) for p in paths})


def files_by_state(owned: dict[str, str]) -> dict[str, list[str]]:
    """State file -> the files it stands for (``owned`` turned around, once per parse)."""
    files_of: dict[str, list[str]] = {}
    for path, state in owned.items():
        files_of.setdefault(state, []).append(path)
    return files_of


def standing_for(paths, files_of: dict[str, list[str]]) -> list[str]:
    """``paths`` (a target rule's inputs), each state file replaced by the files it stands for
    (``files_by_state``): what the family really built, for the proof gallery."""
    out = []
    for p in paths:
        if isinstance(p, str):
            out += files_of.get(p, [p])
    return out
