"""Read one table from ``.xlsx`` or ``.csv`` into raw rows, with where each value came from.

Nothing here knows what the columns mean; that is ``validate``'s job. This layer only deals with
what designers' tools write: Excel files with formulas, Excel dates, trailing empty rows and
columns; CSV from French Excel (``;``, cp1252, BOM or not).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .headers import normalise
from .problems import ERROR, WARNING, Problem, ProblemLog

EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                "#SPILL!", "#CALC!"}


def column_letter(n: int) -> str:
    """Excel's name of column ``n`` (1 → A, 27 → AA): what designers see above the sheet."""
    letters = ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def column_index(letters: str) -> int:
    """The number of Excel column ``letters`` (A → 1, AA → 27)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


@dataclass
class RawTable:
    """A table as read: canonical column -> header as written, and rows of raw cell values."""

    name: str
    file: str
    sheet: str
    headers: dict[str, str] = field(default_factory=dict)  # canonical -> "Prix TTC (col. P)"
    rows: list[tuple[int, dict[str, object]]] = field(default_factory=list)

    def column_label(self, column: str) -> str:
        return self.headers.get(column, column)


def find_table_file(folder: Path, name: str) -> Path | None:
    """``inputs/<name>.xlsx`` or ``inputs/<name>.csv``; xlsx wins when both exist."""
    for suffix in (".xlsx", ".csv"):
        path = folder / f"{name}{suffix}"
        if path.exists():
            return path
    return None


def read_table(path: Path, name: str, log: ProblemLog, display: str | None = None) -> RawTable | None:
    """Read ``path``; problems go to ``log``. Returns None when the file cannot be read at all."""
    display = display or str(path)
    if path.suffix.lower() == ".xlsx":
        grid, sheet = _read_xlsx(path, name, log, display)
    else:
        grid, sheet = _read_csv(path, log, display), ""
    if grid is None:
        return None
    return _grid_to_table(grid, name, display, sheet, log, letters=path.suffix.lower() == ".xlsx")


def _read_xlsx(path: Path, name: str, log: ProblemLog, display: str):
    """The sheet named like the table (else the first) as rows of values.

    Cells are read with calamine (Rust; ~10× faster than openpyxl on a 5,000-row sheet), which
    gives formulas as their saved values and Excel dates as dates. It reports formula errors
    (#REF!, #VALUE! …) as empty cells, so those are found separately in the sheet's XML.
    """
    from python_calamine import CalamineWorkbook

    if not zipfile.is_zipfile(path):
        log.add(Problem(display, expected="an Excel .xlsx workbook (this file is not one: re-save it "
                        "from Excel or LibreOffice as .xlsx)"))
        return None, ""
    try:
        wb = CalamineWorkbook.from_path(str(path))
        names = wb.sheet_names
        by_norm = {normalise(s): s for s in names}
        sheet = by_norm.get(normalise(name), names[0])
        grid = wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises several kinds for damaged workbooks
        log.add(Problem(display, expected=f"a readable .xlsx workbook ({type(exc).__name__}: {exc})"))
        return None, ""
    for (row, col), code in _formula_errors(path, sheet).items():
        while len(grid) <= row:
            grid.append([])
        while len(grid[row]) <= col:
            grid[row].append("")
        grid[row][col] = code
    return grid, sheet


_ERROR_CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"[^>]*\bt="e"[^>]*>(?:<f[^>]*/>|<f[^>]*>.*?</f>)?'
                         rb"<v>([^<]*)</v>", re.S)


def _formula_errors(path: Path, sheet: str) -> dict[tuple[int, int], str]:
    """(row, column) index -> error code of the cells Excel saved as errors (t="e")."""
    with zipfile.ZipFile(path) as z:
        target = _sheet_part(z, sheet)
        if target is None:
            return {}
        data = z.read(target)
    if b't="e"' not in data:
        return {}
    return {(int(m[2]) - 1, column_index(m[1].decode()) - 1): m[3].decode()
            for m in _ERROR_CELL.finditer(data)}


def _sheet_part(z: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding ``sheet`` (workbook.xml names it, its rels give the file)."""
    import xml.etree.ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
          "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
          "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
    try:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return None
    rid = next((s.get(f"{{{ns['r']}}}id") for s in book.iterfind("m:sheets/m:sheet", ns)
                if s.get("name") == sheet), None)
    target = next((r.get("Target") for r in rels.iterfind("p:Relationship", ns)
                   if r.get("Id") == rid), None)
    if target is None:
        return None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # French Excel's "CSV (séparateur: point-virgule)" writes Windows-1252.
        return data.decode("cp1252", errors="replace")


def _read_csv(path: Path, log: ProblemLog, display: str):
    data = path.read_bytes()
    if b"\x00" in data[:4096] or data[:4] == b"PK\x03\x04":
        log.add(Problem(display, expected="a CSV text file (this one is binary: an Excel workbook "
                        "should be named .xlsx)"))
        return None
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _grid_to_table(grid, name, display, sheet, log: ProblemLog, letters: bool) -> RawTable | None:
    table = RawTable(name=name, file=display, sheet=sheet)
    # The header row is the first row with anything in it.
    start = next((i for i, r in enumerate(grid) if any(not _blank(v) for v in r)), None)
    if start is None:
        log.add(Problem(display, sheet, expected=f"a header row and rows of {name} (the sheet is empty)"))
        return None
    header = grid[start]
    body = grid[start + 1:]
    width = max([len(header)] + [len(r) for r in body])
    columns: dict[int, str] = {}
    for idx in range(width):
        raw = header[idx] if idx < len(header) else None
        where = column_letter(idx + 1) if letters else str(idx + 1)
        has_data = any(idx < len(r) and not _blank(r[idx]) for r in body)
        if _blank(raw):
            if has_data:
                log.add(Problem(display, sheet, start + 1, f"column {where}", "",
                                "a header for this column (it holds data; merged header cells "
                                "leave the next columns without a name)"))
            continue
        canon = normalise(raw)
        label = f"{str(raw).strip()} (col. {where})"
        if canon in table.headers:
            log.add(Problem(display, sheet, start + 1, label, str(raw),
                            f"one column per name (« {table.headers[canon]} » has the same name)"))
            continue
        table.headers[canon] = label
        columns[idx] = canon
    # The loop below runs for every cell (150,000 at 5,000 products): plain locals, and the
    # string cleaning only where a cell is text.
    wanted = list(columns.items())
    rows = table.rows
    for offset, row in enumerate(body):
        number = start + 2 + offset
        if all(_blank(v) for v in row):
            continue
        if len(row) < width:
            row = [*row, *[None] * (width - len(row))]
        values: dict[str, object] = {}
        for idx, canon in wanted:
            value = row[idx]
            if value.__class__ is str:
                value = value.strip() or None
                if value in EXCEL_ERRORS:
                    log.add(Problem(display, sheet, number, table.headers[canon], value,
                                    "a value, not a formula error (fix the formula in the sheet)"))
                    value = None
            values[canon] = value
        rows.append((number, values))
    return table


__all__ = ["RawTable", "find_table_file", "read_table", "ERROR", "WARNING"]
