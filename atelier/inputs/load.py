"""Read and validate every table of ``inputs/`` at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import rules_food  # noqa: F401 — registers the food-law rules the schemas name
from .problems import ERROR, InputProblems, Problem, ProblemLog
from .read import find_table_file, read_table
from .rules import run_rules
from .schema import TABLES, load_schemas
from .validate import RowMemo, Table, validate_table


@dataclass
class TableMemo:
    """What the last successful staging learnt of one table, kept by the caller across runs
    (``pipeline.stage``, which drops it when the schemas, the code or the images changed).

    A file whose size and time are those it was read with gives its table and warnings back
    without being read; a changed file is read, and only its rows not seen before are checked
    cell by cell (``RowMemo``). After a one-row edit at 5,000 products that is one sheet read
    and one row checked, instead of every cell of every sheet (~1 s)."""

    source: tuple = ()
    table: Table | None = None
    warnings: list[Problem] = field(default_factory=list)
    rows: dict = field(default_factory=dict)  # its valid rows, see RowMemo


def load_inputs(folder: Path, settings: dict, tables: list[str] | None = None,
                memos: dict[str, TableMemo] | None = None,
                ) -> tuple[dict[str, Table], list[Problem]]:
    """All tables of ``folder``, validated. Returns ``(tables, warnings)``; raises
    ``InputProblems`` with every problem when any is an error. ``memos``: per table, what the
    last run learnt (see ``TableMemo``); each is replaced by what this run learnt."""
    folder = Path(folder)
    schemas = load_schemas()
    names = tables or TABLES
    memos = {} if memos is None else memos
    log = ProblemLog()
    images = folder / "images"
    loaded: dict[str, Table] = {}
    for name in names:
        path = find_table_file(folder, name)
        if path is None:
            log.add(Problem(str(folder / f"{name}.xlsx"), expected=f"the {name} table as "
                            f"{name}.xlsx or {name}.csv in {folder}/ (file not found)"))
            continue
        st = path.stat()
        source = (str(path), st.st_size, st.st_mtime_ns)
        old = memos.get(name) or TableMemo()
        if old.source == source and old.table is not None:
            log.problems.extend(old.warnings)
            loaded[name] = old.table
            continue
        first = len(log.problems)
        raw = read_table(path, name, log)
        if raw is None:
            continue
        rows = RowMemo(old=old.rows)
        loaded[name] = validate_table(raw, schemas[name], log, images, rows)
        memos[name] = TableMemo(source, loaded[name], log.problems[first:], rows.new)
    run_rules({n: schemas[n] for n in names}, loaded, settings, log)
    if any(p.severity == ERROR for p in log.problems):
        raise InputProblems(log.problems)
    return loaded, log.warnings
