"""What changed in the staged records, column by column, until a build has shown it.

Staging compares each row with its staged record anyway (only changed records are rewritten);
here it also notes *which columns* changed, so that the build's summary can say why an item was
redrawn (« biere-noire-parcours (prix) »). The notes accumulate in ``_changes.json`` beside the
records until a build succeeds (``clear``): a build that stopped on an error says nothing was
redrawn, and the next one, which draws it, still knows why.
"""

from __future__ import annotations

import json
from pathlib import Path

FILE = "_changes.json"
NEW = "+"  # the row is new
GONE = "-"  # the row was deleted
WHOLE = "*"  # a keyless table (or a settings section) changed as a whole


def columns(before: dict | None, after: dict | None) -> list[str]:
    """The columns whose values differ, sorted; ``[NEW]`` / ``[GONE]`` for a row added / removed."""
    if before is None:
        return [NEW]
    if after is None:
        return [GONE]
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


class Changes:
    """``{table: {id: [columns]}}`` noted while staging."""

    def __init__(self):
        self.tables: dict[str, dict[str, list[str]]] = {}

    def note(self, table: str, key: str, cols: list[str]) -> None:
        if cols:
            self.tables.setdefault(table, {})[key] = cols

    def save(self, root: Path) -> None:
        """Merge into the changes not yet shown by a successful build."""
        if not self.tables:
            return
        pending = read(root)
        for table, rows in self.tables.items():
            mine = pending.setdefault(table, {})
            for key, cols in rows.items():
                old = mine.get(key, [])
                if NEW in old and GONE not in cols:
                    continue  # still new to the last successful build
                mine[key] = cols if NEW in cols or GONE in cols else sorted(set(old) | set(cols)
                                                                            - {NEW, GONE})
        path = Path(root) / FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(pending, ensure_ascii=False, sort_keys=True) + "\n",
                        encoding="utf-8")


def read(root: Path) -> dict[str, dict[str, list[str]]]:
    try:
        return json.loads((Path(root) / FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def clear(root: Path) -> None:
    """A build succeeded: what it redrew has been told."""
    (Path(root) / FILE).unlink(missing_ok=True)
