"""What the Snakefile needs while it is parsed: the validated inputs, and the files staged from them.

Parsing only reads. The sheets are read and validated (a mistake stops any run that builds the
DAG, before a job starts); the planners then say which files the jobs read — records, a label
job's batch, the pack plan, stamps of the brand and the code — and their content, computed here
in memory (``Staged.put``). The ``stage`` rule (rules/inputs.smk) writes them, and declares as its
outputs only those whose content differs from the file on disk. So Snakemake, by modification
times alone, reruns exactly the jobs that read a file that changed, and a dry run says so
without writing anything. What a parse can reuse next time (validated rows, the pack plan…) is
handed to the same job to keep in ``build/.cache/``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .files import Listing, file_digest, write_if_changed
from .inputs.schema import load_schemas
from .paths import BUILD, INPUTS, RECORDS, SCHEMAS, VALIDATION
from .records.stage import dumps
from .settings import SETTINGS_FILE

# The tables of the last staging, their valid rows, the digest of the settings last found valid
# and the allergens found in each ingredient list: after an edit, only the sheet and rows that
# changed are checked (inputs.load, allergens.remember).
MEMO = BUILD / ".cache" / "validated-tables.pickle"
# The records, rows and warnings of the last staging, by the fingerprint of what they came from:
# an unchanged project is not read again.
LAST = BUILD / ".cache" / "staged-tables.pickle"
# The digests of files (brand, code) by name, size and time: hashing fonts at every parse costs.
DIGESTS = BUILD / ".cache" / "file-digests.pickle"
# The stage job's marker: its name is the digest of everything staging writes, so it is missing
# (and the job runs) whenever something must be written; target rules ask for it.
MARKERS = BUILD / "state" / "staged"
REPORT = VALIDATION / "report.txt"
STAMPS = BUILD / "state" / "stamps"


def _code_and_schemas(h) -> None:
    package = Path(__file__).parent
    for p in [*sorted(SCHEMAS.glob("*.yaml")), *sorted((package / "inputs").glob("*.py")),
              package / "allergens.py", package / "records" / "stage.py", Path(__file__)]:
        h.update(p.read_bytes())


def _fingerprint(inputs: Path, settings: dict) -> str:
    """What the validated tables depend on: the input files (by size and time), the settings,
    the schemas and the validation code."""
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


@dataclass
class Staged:
    """The validated inputs as the rules see them, and the files staged from them.

    ``problems`` holds the located reports that stop the run (inputs, texts, plans): the parse
    goes on without planning, so that ``snakemake --list`` or ``--unlock`` still work, and the
    ``stage`` rule prints them when Snakemake builds the DAG (``stop_on_problems``)."""

    settings: dict
    tables: dict = field(default_factory=dict)  # table -> records (a list, or one "all" list)
    rows: dict = field(default_factory=dict)  # table -> {id: location} or [location per line]
    keys: dict = field(default_factory=dict)  # table -> id column (None: staged whole)
    warnings: list = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    root: Path = RECORDS
    files: dict[str, str] = field(default_factory=dict)  # path -> content to stage
    restaged: set[str] = field(default_factory=set)  # staged again though unchanged
    fingerprint: str = ""  # of the input files, settings, schemas and validation code
    # build/.cache files: the key each is valid for (whether read or made by this parse), and
    # the bytes to write for those this parse made
    cache_keys: dict[str, str] = field(default_factory=dict)
    learnt: dict[str, bytes] = field(default_factory=dict)
    changes: object = None  # records.changes.Changes: which columns of which rows changed
    _digests: dict = field(default_factory=dict)
    _digests_used: set = field(default_factory=set)
    _digests_changed: bool = False
    _by_key: dict = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.problems

    # --- the inputs -----------------------------------------------------------------------
    def table(self, name: str) -> list[dict]:
        return self.tables.get(name, [])

    def ids(self, table: str) -> list[str]:
        key = self.keys.get(table)
        return [r[key] for r in self.table(table)] if key else []

    def load(self, table: str, key: str) -> dict:
        if table not in self._by_key:
            column = self.keys[table]
            self._by_key[table] = {r[column]: r for r in self.table(table)}
        return self._by_key[table][key]

    def remember(self, path: str | Path, key: str, value=None) -> None:
        """A cache of build/.cache/ valid for ``key``: ``value`` is what this parse made (None
        when it read it); the stage job writes it."""
        self.cache_keys[str(path)] = key
        if value is not None:
            self.learnt[str(path)] = cache.dumps(key, value)

    def locate_line(self, table: str, index: int) -> dict:
        """{file, sheet, row} of line ``index`` of a table without ids (budget)."""
        lines = self.rows.get(table) or []
        if isinstance(lines, list) and index < len(lines):
            return lines[index]
        return {"file": f"inputs/{table}", "sheet": table, "row": None}

    # --- files the jobs read, staged by the stage rule ------------------------------------
    def put(self, path: str | Path, text: str) -> str:
        """Stage ``text`` as ``path`` (a job's input); returns the path."""
        self.files[str(path)] = text
        return str(path)

    def record(self, table: str, key: str) -> str:
        path = f"{self.root}/{table}/{key}.json"
        if path not in self.files:
            self.put(path, dumps(self.load(table, key)))
        return path

    def records(self, table: str) -> list[str]:
        if self.keys.get(table) is None:
            return [self.whole(table)]
        return [self.record(table, k) for k in self.ids(table)]

    def whole(self, table: str) -> str:
        """The file holding the whole table, rows in sheet order (for jobs that show them all)."""
        path = (f"{self.root}/{table}/all.json" if self.keys.get(table) is None
                else f"{self.root}/_tables/{table}/all.json")
        if path not in self.files:  # several plans ask for it: 5,000 products dumped once
            self.put(path, dumps(self.table(table)))
        return path

    def setting(self, section: str) -> str:
        return self.put(self.root / "_settings" / f"{section}.json",
                        dumps(self.settings.get(section)))

    def settings_files(self, *sections: str) -> list[str]:
        """The staged settings sections a job reads (inputs: a change reruns the job)."""
        return [self.setting(s) for s in sections]

    def stamp(self, name: str, paths: list[str]) -> str:
        """A file standing for many inputs of a rule (the brand's fonts and logos, the package's
        code): its content is their digest, so it changes only when one of them did. Listing
        ~130 files in every label job made each run's planning slower."""
        return self.put(STAMPS / f"{name}.sha256", self.digest_of(paths) + "\n")

    def digest_of(self, paths: list[str]) -> str:
        """``file_digest(paths)``, remembered by the files' names, sizes and times."""
        if not self._digests:
            self._digests = cache.read(DIGESTS, "v1") or {"": None}
        listing = hashlib.sha256()
        for p in paths:
            st = os.stat(p)
            listing.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        key = listing.hexdigest()
        self._digests_used.add(key)
        if key not in self._digests:
            self._digests[key] = file_digest(paths)
            self._digests_changed = True
        return self._digests[key]

    def restage_if_missing(self, files, staged_input: str, state: str) -> None:
        """Files a job writes without declaring them (``OWNED_FILES``): when one is missing
        although the job ran (its ``state`` file is there), the job's staged input is written
        again, so the job runs and draws it again."""
        exists = self._listing()
        if exists(state) and not all(map(exists, files)):
            self.restaged.add(staged_input)

    def _listing(self) -> Listing:
        if "_exists" not in self.__dict__:
            self.__dict__["_exists"] = Listing()
        return self.__dict__["_exists"]

    def plan(self, planner, default, *args):
        """``planner(self, *args)``, or ``default`` when the inputs have problems (nothing can
        be planned from them) or the planner stops on a problem of its own (``SystemExit`` or
        ``ValueError`` with a message for the user), which is kept for the report."""
        if not self.valid:
            return default
        try:
            return planner(self, *args)
        except (SystemExit, ValueError) as exc:
            self.problems.append(str(exc.code if isinstance(exc, SystemExit) else exc))
            return default

    # --- what the stage job writes -------------------------------------------------------
    def _informational(self) -> None:
        self.put(self.root / "_index.json",
                 dumps({t: self.ids(t) if self.keys.get(t) else ["all"] for t in self.tables}))
        self.put(self.root / "_rows.json", dumps(self.rows))
        from .inputs.problems import format_report

        self.put(REPORT, format_report(self.warnings) + "\n")

    def changed(self) -> list[str]:
        """The staged files whose content differs from the file on disk (or that are missing),
        and those staged again (``restage_if_missing``): the stage job's outputs."""
        return sorted(set(self._differing()) | self.restaged)

    def _differing(self) -> list[str]:
        """The staged files whose content differs from the file on disk, or that are missing."""
        if "_differing_list" not in self.__dict__:
            out = []
            exists = self._listing()
            for path, text in self.files.items():
                if not exists(path):
                    out.append(path)
                    continue
                with open(path, "rb") as f:
                    if f.read() != text.encode("utf-8"):
                        out.append(path)
            self.__dict__["_differing_list"] = out
        return self.__dict__["_differing_list"]

    def marker(self) -> str:
        """The stage job's marker (see MARKERS): named by the digest of everything it writes.
        Asked for once the whole workflow is read (target rules' input functions)."""
        if "_marker" not in self.__dict__:
            self.__dict__["_marker"] = self._marker()
        return self.__dict__["_marker"]

    def _marker(self) -> str:
        if self._digests_changed:
            self.learnt[str(DIGESTS)] = cache.dumps("v1", self._digests)
        h = hashlib.sha256(self.fingerprint.encode())
        for path in sorted(self.files):
            h.update(f"{path}\0{hashlib.sha256(self.files[path].encode()).hexdigest()}\n".encode())
        # a batch staged again although unchanged makes the marker new (a missing file or
        # content does by itself)
        for path in sorted(self.restaged - set(self._differing())):
            h.update(f"again\0{path}\n".encode())
        for path, key in sorted(self.cache_keys.items()):
            h.update(f"{path}\0{key}\n".encode())
        h.update("\n".join(sorted(self._digests_used)).encode())
        h.update("\n".join(self.problems).encode())
        return f"{MARKERS}/{h.hexdigest()[:16]}"

    def write(self, outputs) -> int:
        """The stage job: write the staged files among ``outputs``, what the parse learnt, the
        marker; remove staged files no planner asked for any more. Returns how many written.
        What changed (rows by column, settings by section) is kept for the build's summary."""
        from .records.changes import FILE, WHOLE, Changes

        changes = self.changes or Changes()
        written = 0
        for path in outputs:
            if path in self.files:
                if write_if_changed(Path(path), self.files[path].encode("utf-8")):
                    written += 1
                    if path.startswith(f"{self.root}/_settings/"):
                        changes.note("_settings", Path(path).stem, [WHOLE])
            elif str(path).startswith(f"{MARKERS}/"):
                for old in Path(MARKERS).glob("*") if Path(MARKERS).is_dir() else []:
                    old.unlink()
                write_if_changed(Path(path), b"")
        for path, data in self.learnt.items():
            write_if_changed(Path(path), data)  # atomic: a killed run leaves the old or the new
        for folder, _, names in os.walk(self.root):
            for name in names:
                path = f"{folder}/{name}"
                if path not in self.files and path != f"{self.root}/{FILE}":
                    os.unlink(path)
        changes.save(self.root)
        return written


def row_changes(before: dict | None, after: dict, keys: dict):
    """Which columns of which rows differ between the last staging's tables and these
    (records.changes): the build's summary says why an item was redrawn."""
    from .records.changes import WHOLE, Changes, columns

    changes = Changes()
    if before is None:
        return changes
    for name, records in after.items():
        old = before.get(name)
        key = keys.get(name)
        if key is None:
            if old != records:
                changes.note(name, WHOLE, [WHOLE])
            continue
        old_rows = {r.get(key): r for r in old or []}
        new_rows = {r[key]: r for r in records}
        for rid, row in new_rows.items():
            if old_rows.get(rid) != row:
                changes.note(name, rid, columns(old_rows.get(rid), row))
        for rid in old_rows.keys() - new_rows.keys():
            changes.note(name, rid, columns(old_rows[rid], None))
    return changes


def read_inputs(settings: dict, inputs: Path = INPUTS, quiet: bool = False) -> Staged:
    """Validate every input, reading only (what the last staging kept in build/.cache/ spares
    reading unchanged sheets again). Problems are kept in ``Staged.problems``."""
    started = time.perf_counter()
    fingerprint = _fingerprint(inputs, settings)
    keys = {name: s.key for name, s in load_schemas().items()}
    stored = cache.read_entry(LAST)  # read once: the tables it holds are large at 5,000 rows
    if stored is not None and stored[0] == fingerprint:
        last = stored[1]
        staged = Staged(settings, last["tables"], last["rows"], keys, last["warnings"],
                        fingerprint=fingerprint)
        staged._informational()
        return staged
    from . import allergens
    from .inputs import InputProblems, load_inputs
    from .inputs.load import TableMemo
    from .inputs.problems import format_report
    from .settings import check_settings

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
        return Staged(settings, keys=keys, problems=[format_report(problems.problems)],
                      fingerprint=fingerprint)
    records = {name: t.records for name, t in tables.items()}
    rows = {name: ([t.locate(i) for i in range(len(t.records))] if keys.get(name) is None
                   else {r[keys[name]]: t.locate(i) for i, r in enumerate(t.records)})
            for name, t in tables.items()}
    staged = Staged(settings, records, rows, keys, warnings, fingerprint=fingerprint)
    staged.changes = row_changes((stored[1] if stored else {}).get("tables"), records, keys)
    staged.learnt[str(MEMO)] = cache.dumps(salt, {"settings": settings_digest, "tables": memos,
                                                  "allergens": allergens.remembered()})
    staged.learnt[str(LAST)] = cache.dumps(fingerprint, {"tables": records, "rows": rows,
                                                         "warnings": warnings})
    staged._informational()
    if not quiet and os.environ.get("ATELIER_SUMMARY") != "1":  # else the build's summary says it
        n = sum(len(r) for r in records.values())
        print(f"Atelier ALL: {n} records read and valid in {time.perf_counter() - started:.1f} s;"
              f" {len(warnings)} warning(s), see {REPORT}", file=sys.stderr)
    return staged


def stage(settings: dict, inputs: Path = INPUTS, quiet: bool = True) -> Staged:
    """Read and stage every table at once, outside Snakemake (tests, benchmarks): every record,
    whole table and settings section is written, as the stage job would. Problems are printed
    and exit 1, as a run stops on them."""
    staged = read_inputs(settings, inputs, quiet)
    if staged.problems:
        print("\n" + "\n\n".join(staged.problems) + "\n", file=sys.stderr)
        raise SystemExit(1)
    for table in staged.tables:
        staged.records(table)
        staged.whole(table)
    staged.settings_files(*settings)
    staged.write(staged.changed())
    return staged


def stop_on_problems(staged: Staged):
    """An input function of the stage rule: when the inputs or the plans have problems, print
    them all and stop — when Snakemake builds the DAG (a run, a dry run), not while it only reads
    the workflow (``--list``, ``--lint``, ``--unlock``)."""

    def check(wildcards):
        if staged.problems:
            print("\n" + "\n\n".join(staged.problems) + "\n", file=sys.stderr)
            raise SystemExit(1)
        return []

    return check


__all__ = ["BUILD", "Staged", "read_inputs", "stage", "stop_on_problems"]


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
