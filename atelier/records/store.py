"""Reading staged records back, inside jobs."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from ..paths import RECORDS


def load(path: str | Path) -> dict | list:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_record(table: str, key: str, root: Path = RECORDS) -> dict:
    return load(root / table / f"{key}.json")


def load_table(table: str, root: Path = RECORDS) -> list[dict]:
    """Every record of ``table``, in sheet order."""
    ids = load(root / "_index.json")[table]
    if ids == ["all"]:
        return load(root / table / "all.json")
    return [load(root / table / f"{i}.json") for i in ids]


def settings_section(name: str, root: Path = RECORDS) -> dict:
    return load(root / "_settings" / f"{name}.json")


def _rows(root: Path) -> dict:
    path = root / "_rows.json"
    try:
        return _rows_at(path, path.stat().st_mtime_ns)
    except FileNotFoundError:
        return {}


@functools.lru_cache(maxsize=4)
def _rows_at(path: Path, mtime_ns: int) -> dict:
    # by the file's time too: the warm label process (jobs.label_server) outlives a run
    return load(path)


def locate_line(table: str, index: int, root: Path = RECORDS) -> dict:
    """{file, sheet, row} of line ``index`` of a table without ids (budget)."""
    lines = _rows(root).get(table) or []
    if isinstance(lines, list) and index < len(lines):
        return lines[index]
    return {"file": f"inputs/{table}", "sheet": table, "row": None}


def where(table: str, key: str, root: Path = RECORDS) -> str:
    """« inputs/produits.xlsx › produits › row 7 » for messages about a record."""
    rows = _rows(root).get(table, {})
    loc = rows.get(key) if isinstance(rows, dict) else None
    if not loc:
        return f"{table} « {key} »"
    return f"{loc['file']} › {loc['sheet'] or table} › row {loc['row']}"
