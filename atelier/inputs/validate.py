"""Check one raw table against its schema: every cell, every row, every problem at once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .coerce import Invalid, coerce, expected
from .images import check_image
from .problems import WARNING, Problem, ProblemLog
from .read import RawTable
from .schema import Column, TableSchema


@dataclass
class Table:
    """A validated table: typed records, and where each came from (for later messages)."""

    name: str
    file: str
    sheet: str
    headers: dict[str, str]
    records: list[dict] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # spreadsheet row of each record

    def locate(self, index: int, column: str = "") -> dict:
        return {"file": self.file, "sheet": self.sheet, "row": self.rows[index],
                "column": self.headers.get(column, column)}


def ean13_ok(code: str) -> bool:
    digits = [int(c) for c in code]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == digits[12]


def _check_value(col: Column, value, images: Path) -> str | None:
    """None when ``value`` satisfies the column, else what was expected."""
    spec = col.spec
    if isinstance(value, list):
        if spec.get("minItems") and len(value) < spec["minItems"]:
            return expected(col)
        if spec.get("uniqueItems") and len(set(value)) != len(value):
            return expected(col) + " (each once)"
        items = spec.get("items", {})
        for item in value:
            if "enum" in items and item not in items["enum"]:
                return f"{expected(col)} — «{item}» is not one of them"
            if "pattern" in items and not re.search(items["pattern"], item):
                return f"ids of lowercase letters, digits and hyphens — «{item}» is not one"
        return None
    if "enum" in spec and value not in spec["enum"]:
        return expected(col)
    if isinstance(value, str):
        if "pattern" in spec and not re.search(spec["pattern"], value):
            return expected(col)
        if len(value) < spec.get("minLength", 0):
            return expected(col)
        if "maxLength" in spec and len(value) > spec["maxLength"]:
            return f"at most {spec['maxLength']} characters (this has {len(value)})"
        if spec.get("x-ean13") and not ean13_ok(value):
            return "a valid EAN-13 (the check digit, the last one, does not match)"
        if spec.get("x-image"):
            return check_image(value, images)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in spec and value < spec["minimum"]:
            return expected(col)
        if "exclusiveMinimum" in spec and value <= spec["exclusiveMinimum"]:
            return expected(col)
        if "maximum" in spec and value > spec["maximum"]:
            return expected(col)
    return None


def validate_table(raw: RawTable, schema: TableSchema, log: ProblemLog, images: Path,
                   memo: RowMemo | None = None) -> Table:
    """``memo``: the valid rows of the last staging, by their cells, and where this one puts its
    own (see ``RowMemo``): a row seen before is not checked cell by cell again."""
    table = Table(raw.name, raw.file, raw.sheet, dict(raw.headers))
    memo = memo or RowMemo()
    known = schema.columns
    for canon, label in raw.headers.items():
        if canon not in known and not canon.startswith("_"):
            log.add(Problem(raw.file, raw.sheet, None, label, "",
                            f"a known column of {raw.name} (this one is ignored; the columns are: "
                            f"{', '.join(known)})", WARNING))
    missing = [c for c, col in known.items() if col.required and c not in raw.headers]
    for c in missing:
        log.add(Problem(raw.file, raw.sheet, None, c, "",
                        f"a column « {c} » ({known[c].description.rstrip('.')}) — it is required"))
    seen: dict[str, int] = {}
    shapes: dict[tuple, tuple] = {}
    for number, values in raw.rows:
        cells = tuple(map(values.get, known))
        # the cells' types too, so that True is not 1; one shared tuple per kind of row keeps
        # the pickled memo small (it is read and written at every staging)
        kinds = tuple(map(type, cells))
        cells = (cells, shapes.setdefault(kinds, kinds))
        known_record = memo.old.get(cells)
        if known_record is not None:
            record, ok = dict(known_record), True
        else:
            record, ok = _check_row(raw, known, missing, number, values, log, images)
        if ok:
            # the table's own record, not a copy: the memo is saved before anything changes a
            # record, and a shared object is pickled once
            memo.new[cells] = record
        key = schema.key
        if key and key in record:
            if record[key] in seen:
                log.add(Problem(raw.file, raw.sheet, number, raw.column_label(key), record[key],
                                f"a unique {key} (row {seen[record[key]]} has the same one)"))
                ok = False
            else:
                seen[record[key]] = number
        if ok:
            table.records.append(record)
            table.rows.append(number)
    return table


@dataclass
class RowMemo:
    """Valid rows by their cells (value and type, in schema order) -> their typed record.

    A row's record depends only on its cells, the schema, the coercion code and the images
    folder; the caller keeps a memo per table across runs and drops it when any of the last
    three changed (``pipeline.stage``). Only rows whose every cell passed are kept; uniqueness
    across rows is checked at every run. At 5,000 products, checking every cell again after a
    one-row edit took ~0.8 s."""

    old: dict = field(default_factory=dict)
    new: dict = field(default_factory=dict)


def _check_row(raw: RawTable, known: dict[str, Column], missing: list[str], number: int,
               values: dict, log: ProblemLog, images: Path) -> tuple[dict, bool]:
    """One row's typed record, and whether every cell passed (problems go to ``log``)."""
    record: dict = {}
    ok = True
    for name, col in known.items():
        value = values.get(name)
        if value is None:
            if col.required and name not in missing:
                log.add(Problem(raw.file, raw.sheet, number, raw.column_label(name), "",
                                f"{expected(col)} — this column is required"))
                ok = False
            elif "default" in col.spec:
                record[name] = col.spec["default"]
            continue
        try:
            typed = coerce(col, value)
        except Invalid:
            log.add(Problem(raw.file, raw.sheet, number, raw.column_label(name),
                            _as_text(value), expected(col)))
            ok = False
            continue
        problem = _check_value(col, typed, images)
        if problem:
            log.add(Problem(raw.file, raw.sheet, number, raw.column_label(name),
                            _as_text(value), problem))
            ok = False
            continue
        if typed == [] or typed == "":
            continue
        record[name] = typed
    return record, ok


def _as_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
