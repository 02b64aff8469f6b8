"""Read and validate every table of ``inputs/`` at once."""

from __future__ import annotations

from pathlib import Path

from .problems import ERROR, InputProblems, Problem, ProblemLog
from .read import find_table_file, read_table
from .rules import run_rules
from .schema import TABLES, load_schemas
from .validate import Table, validate_table


def load_inputs(folder: Path, settings: dict, tables: list[str] | None = None,
                ) -> tuple[dict[str, Table], list[Problem]]:
    """All tables of ``folder``, validated. Returns ``(tables, warnings)``; raises
    ``InputProblems`` with every problem when any is an error."""
    folder = Path(folder)
    schemas = load_schemas()
    names = tables or TABLES
    log = ProblemLog()
    images = folder / "images"
    loaded: dict[str, Table] = {}
    for name in names:
        path = find_table_file(folder, name)
        if path is None:
            log.add(Problem(str(folder / f"{name}.xlsx"), expected=f"the {name} table as "
                            f"{name}.xlsx or {name}.csv in {folder}/ (file not found)"))
            continue
        raw = read_table(path, name, log)
        if raw is None:
            continue
        loaded[name] = validate_table(raw, schemas[name], log, images)
    run_rules({n: schemas[n] for n in names}, loaded, settings, log)
    if any(p.severity == ERROR for p in log.problems):
        raise InputProblems(log.problems)
    return loaded, log.warnings
