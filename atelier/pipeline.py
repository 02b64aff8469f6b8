"""What the Snakefile needs at parse time: validated, staged inputs and the list of jobs.

Reading the spreadsheets happens while Snakemake parses the workflow, before it plans anything,
so that (1) a mistake stops the run before any job writes anything, and (2) each record becomes
its own file and jobs can depend on exactly the records they show.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .inputs.schema import load_schemas
from .jobs.incremental import write_if_changed as write_atomically
from .paths import BUILD, INPUTS, RECORDS, SCHEMAS, VALIDATION
from .records.stage import stage_tables, write_if_changed
from .records.store import load
from .settings import SETTINGS_FILE


@dataclass
class Staged:
    """The staged records, as the rules see them: ids, record files, and the records themselves
    (rules group items by a column, e.g. labels by format)."""

    settings: dict
    index: dict[str, list[str]]
    root: Path = RECORDS
    warnings: list = field(default_factory=list)
    _tables: dict = field(default_factory=dict)

    def table(self, name: str) -> list[dict]:
        if name not in self._tables:
            self._tables[name] = [load(p) for p in self.records(name)]
            if self.index.get(name) == ["all"]:
                self._tables[name] = self._tables[name][0]
        return self._tables[name]

    def ids(self, table: str) -> list[str]:
        return self.index.get(table, [])

    def record(self, table: str, key: str) -> str:
        return f"{self.root}/{table}/{key}.json"  # where stage_tables writes it

    def records(self, table: str) -> list[str]:
        if self.index.get(table) == ["all"]:
            return [str(self.root / table / "all.json")]
        return [self.record(table, k) for k in self.ids(table)]

    def whole(self, table: str) -> str:
        """The file holding the whole table, rows in sheet order (for jobs that show them all)."""
        if self.index.get(table) == ["all"]:
            return f"{self.root}/{table}/all.json"
        return f"{self.root}/_tables/{table}/all.json"

    def setting(self, section: str) -> str:
        return str(self.root / "_settings" / f"{section}.json")

    def settings_files(self, *sections: str) -> list[str]:
        """The staged settings sections a job reads (inputs: a change reruns the job)."""
        return [self.setting(s) for s in sections]

    def load(self, table: str, key: str) -> dict:
        return load(self.record(table, key))


FINGERPRINT = RECORDS / "_fingerprint.json"
# The records of the last complete staging (pickle: at 5,000 products JSON took 0.2 s more).
TABLES_CACHE = RECORDS / "_tables.pickle"
# The tables of the last successful staging, their valid rows, the digest of the settings last
# found valid and the allergens found in each ingredient list: after an edit, only the sheet and
# rows that changed are checked (inputs.load, allergens.remember).
MEMO = BUILD / ".cache" / "validated-tables.pickle"


def _code_and_schemas(h) -> None:
    package = Path(__file__).parent
    for p in [*sorted(SCHEMAS.glob("*.yaml")), *sorted((package / "inputs").glob("*.py")),
              package / "allergens.py", package / "records" / "stage.py", Path(__file__)]:
        h.update(p.read_bytes())


def _fingerprint(inputs: Path, settings: dict) -> str:
    """What staging depends on: the input files (by size and time), the settings, the schemas
    and the validation code. Unchanged, a run skips reading the spreadsheets at all."""
    h = hashlib.sha256()
    for p in sorted(Path(inputs).rglob("*")):
        if p.is_file():
            st = p.stat()
            h.update(f"{p}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    h.update(json.dumps(settings, sort_keys=True, default=str).encode())
    _code_and_schemas(h)
    return h.hexdigest()


def _memo_salt(inputs: Path) -> str:
    """What a validated row depends on besides its cells: schemas, code, the images folder."""
    h = hashlib.sha256()
    _code_and_schemas(h)
    images = Path(inputs) / "images"
    for p in sorted(images.rglob("*")) if images.is_dir() else []:
        st = p.lstat()
        h.update(f"{p}:{st.st_size}:{st.st_mtime_ns}:{st.st_mode}\n".encode())
    return h.hexdigest()


def _read_pickle(path: Path):
    with open(path, "rb") as f:
        return pickle.load(f)  # noqa: S301 (build/ is written by this program only)


def stage(settings: dict, inputs: Path = INPUTS, quiet: bool = False) -> Staged:
    """Validate every input and stage it; on errors, write the report, print it and exit 1.

    When nothing staging depends on has changed since the last run, the staged records are
    reused as they are (a no-op run then costs milliseconds here, not seconds)."""
    started = time.perf_counter()
    fingerprint = _fingerprint(inputs, settings)
    try:
        if json.loads(FINGERPRINT.read_text())["fingerprint"] == fingerprint:
            tables = _read_pickle(TABLES_CACHE)
            index = load(RECORDS / "_index.json")
            return Staged(settings, index, RECORDS, [], tables)
    except (OSError, ValueError, KeyError, pickle.UnpicklingError, EOFError):
        pass
    from . import allergens
    from .inputs import InputProblems, load_inputs
    from .inputs.load import TableMemo
    from .inputs.problems import format_report
    from .settings import check_settings

    report = VALIDATION / "report.txt"
    salt = _memo_salt(inputs)
    memo = cache.read(MEMO, salt) or {}
    settings_digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode()
                                     ).hexdigest()
    memos: dict[str, TableMemo] = memo.get("tables", {})
    allergens.remember(memo.get("allergens", {}))
    try:
        if memo.get("settings") != settings_digest:
            check_settings(settings, SETTINGS_FILE)
        tables, warnings = load_inputs(inputs, settings, memos=memos)
    except InputProblems as problems:
        text = format_report(problems.problems)
        write_if_changed(report, text + "\n")
        FINGERPRINT.unlink(missing_ok=True)
        print(f"\n{text}\n\n(report written to {report})", file=sys.stderr)
        sys.exit(1)
    cache.write(MEMO, salt, {"settings": settings_digest, "tables": memos,
                             "allergens": allergens.remembered()})
    keys = {name: s.key for name, s in load_schemas().items()}
    # The records of the last complete staging spare comparing unchanged records with their
    # files. The cache goes first: a run killed while staging leaves none, and the next run
    # compares every record with its file.
    try:
        previous = _read_pickle(TABLES_CACHE)
        TABLES_CACHE.unlink()
    except (OSError, ValueError, pickle.UnpicklingError, EOFError):
        previous = {}
    result = stage_tables(tables, keys, settings, RECORDS, previous)
    write_if_changed(report, format_report(warnings) + "\n")
    records = {name: t.records for name, t in tables.items()}
    write_atomically(TABLES_CACHE, pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
    write_if_changed(FINGERPRINT, json.dumps({"fingerprint": fingerprint}) + "\n")
    if not quiet and os.environ.get("ATELIER_SUMMARY") != "1":  # else the build's summary says it
        n = sum(len(t.records) for t in tables.values())
        print(f"Atelier ALL: {n} records read and valid in {time.perf_counter() - started:.1f} s"
              f" ({result['changed']} changed); {len(warnings)} warning(s), see {report}",
              file=sys.stderr)
    return Staged(settings, result["index"], RECORDS, warnings, records)


def inputs_changed(inputs: Path = INPUTS) -> bool:
    """Whether a file of ``inputs/`` or the settings is newer than the last staging: a cheap
    guess, made before the settings are even read, that this run will have items to redraw."""
    try:
        staged = FINGERPRINT.stat().st_mtime_ns
    except FileNotFoundError:
        return True
    if SETTINGS_FILE.stat().st_mtime_ns > staged:
        return True
    for folder, _, files in os.walk(inputs):
        for name in files:
            if os.stat(f"{folder}/{name}").st_mtime_ns > staged:
                return True
    return False


def staged_index(settings: dict) -> Staged:
    """The index written by the last ``stage`` — for jobs that re-parse the workflow."""
    return Staged(settings, load(RECORDS / "_index.json"), RECORDS)


__all__ = ["BUILD", "Staged", "stage", "staged_index"]


DELIVERABLE_DIRS = ("print", "office", "proofs", "web", "docs", "decks", "preflight")


def expected_outputs(rules) -> set[str]:
    """Every output path of the workflow's rules; output directories end with a slash."""
    from snakemake.io import is_flagged

    out = set()
    for r in rules:
        for f in r.output:
            out.add(str(f).rstrip("/") + "/" if is_flagged(f, "directory") else str(f))
    return out


def remove_stale_outputs(expected: set[str], build: Path = BUILD) -> list[str]:
    """Delete files under the deliverable folders of ``build/`` that no rule produces any more
    (a product row was deleted, a format renamed): a printer given build/print/ must not print
    a product that no longer exists. ``expected`` holds every output path of the workflow;
    a path ending with "/" stands for a whole output directory."""
    dirs = tuple(e for e in expected if e.endswith("/"))
    removed = []
    for top in DELIVERABLE_DIRS:
        # os.walk and strings, not Path.rglob: this runs at every build, over 10,000 files at
        # 5,000 products
        for folder, subdirs, files in os.walk(f"{build}/{top}"):
            subdirs.sort()
            for name in sorted(files):
                path = f"{folder}/{name}"
                if path not in expected and not path.startswith(dirs):
                    os.unlink(path)
                    removed.append(path)
    return removed


def cancel_rescheduling_timers() -> int:
    """Cancel the timers Snakemake's scheduler leaves behind once the workflow is over.

    After every scheduling round Snakemake starts a ``threading.Timer`` of the job-rate limit's
    timespan (``--max-jobs-per-timespan``, 1 s at least) to look at the queue again. The timer
    is not a daemon thread, so Python waits for it before exiting: every run that executed a job
    ended ~1 s after its last job. Called from onsuccess/onerror, when no round is left to run.
    Returns how many were cancelled."""
    import threading

    n = 0
    for thread in threading.enumerate():
        function = getattr(thread, "function", None)
        if isinstance(thread, threading.Timer) and "_schedule_reevalutation" in getattr(
            function, "__qualname__", ""
        ):
            thread.cancel()
            n += 1
    return n
