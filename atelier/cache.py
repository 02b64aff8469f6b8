"""What a run learnt, kept in ``build/.cache/`` for the next one: a value stored with the key
(a digest of everything it was made from) it is valid for. A file that is missing, damaged or
made for another key reads as nothing, so deleting the folder only makes the next run slower."""

from __future__ import annotations

import pickle
from pathlib import Path

from .files import write_if_changed


def read(path: str | Path, key: str):
    """The value stored in ``path`` for ``key``, or None."""
    stored = read_entry(path)
    return stored[1] if stored is not None and stored[0] == key else None


def read_entry(path: str | Path) -> tuple[str, object] | None:
    """(key, value) stored in ``path`` whatever the key (what the last run had), or None."""
    try:
        with open(path, "rb") as f:
            stored = pickle.load(f)  # noqa: S301 (build/ is written by this program only)
        return stored["key"], stored["value"]
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, AttributeError,
            ValueError):
        return None


def dumps(key: str, value) -> bytes:
    """What ``write`` stores: ``value`` with ``key``."""
    return pickle.dumps({"key": key, "value": value}, protocol=pickle.HIGHEST_PROTOCOL)


def write(path: str | Path, key: str, value) -> None:
    """Store ``value`` for ``key`` (atomically: a killed run leaves the old file or the new)."""
    write_if_changed(Path(path), dumps(key, value))
