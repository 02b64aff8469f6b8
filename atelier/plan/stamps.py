"""Stamp files: one small file that stands for many dependencies of a rule.

The label jobs alone would otherwise list ~130 inputs each (the package's code, every font, logo
and pictogram), and Snakemake pays for every input of every job on every run, before it draws
anything. A stamp holds the SHA-256 of its files' contents and is rewritten only when that
changes, so its modification time moves exactly when one of them really changed — what
Snakemake's mtime rule needs (see profiles/default). Jobs may also use its bytes as the files'
digest.
"""

from __future__ import annotations

import hashlib
import os

from ..files import file_digest
from ..paths import BUILD
from ..records.stage import write_if_changed

STAMPS = BUILD / "state" / "stamps"


def stamp(name: str, paths: list[str]) -> str:
    """The path of stamp ``name`` for ``paths``, brought up to date.

    Reading every file each run would cost more than it saves: a fingerprint of names, sizes
    and modification times, kept next to the stamp, says when the contents must be hashed."""
    out = STAMPS / f"{name}.sha256"
    seen = STAMPS / f".{name}.fingerprint"
    listing = hashlib.sha256()
    for p in paths:
        st = os.stat(p)
        listing.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    fingerprint = listing.hexdigest()
    try:
        if out.exists() and seen.read_text() == fingerprint:
            return str(out)
    except FileNotFoundError:
        pass
    write_if_changed(out, file_digest(paths) + "\n")
    write_if_changed(seen, fingerprint)
    return str(out)
