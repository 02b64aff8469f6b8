"""Jobs that render many items skip the ones whose inputs did not change.

A family job (a few sheets of labels, every trail panel) is one Snakemake job for speed — a Python
process per label would cost ~0.8 s each — but it must not rewrite its files because one product
changed.
Each item gets a key, the hash of everything that determines its output; the job keeps the keys
it rendered in a state file and re-renders only items whose key changed or whose files vanished.
Outputs are written only when their bytes differ; ``settle`` then gives the job's outputs one
fresh time, since Snakemake judges by modification times alone (see profiles/default).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def file_digest(paths) -> str:
    """One hash over files (name and content), e.g. a template and the brand fonts."""
    h = hashlib.sha256()
    for p in sorted(Path(p) for p in paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def code_digest() -> str:
    """A hash of the package modules the running job has loaded — the code that can change
    what it draws — so a code change re-renders its items, and another family's edit does not.
    Jobs import their modules at module level, so the set is the same at every run."""
    return file_digest(sorted(m.__file__ for name, m in list(sys.modules.items())
                              if name.split(".")[0] == "atelier" and getattr(m, "__file__", None)))


def write_if_changed(path: Path, data: bytes) -> bool:
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


class Listing:
    """Whether files exist, from one directory listing per folder instead of a ``stat`` per
    file: a label job asks for ~2,000 files, the planner for 64,000 at 5,000 products. The
    listing is the folder as it was when first asked about."""

    def __init__(self):
        self._names: dict[str, set[str]] = {}

    def __call__(self, path) -> bool:
        folder, _, name = str(path).rpartition("/")
        if folder not in self._names:
            try:
                self._names[folder] = set(os.listdir(folder or "."))
            except FileNotFoundError:
                self._names[folder] = set()
        return name in self._names[folder]


class State:
    """The keys rendered last time, in a JSON file that is itself an output of the job."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.old = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            self.old = {}
        self.new: dict = {}
        self._exists = Listing()

    def fresh(self, name: str, key: str, outputs) -> bool:
        """True when ``name`` was rendered with ``key`` and its outputs are all there (as they
        were when their folder was first looked at: this is asked before anything is drawn)."""
        entry = self.old.get(name)
        return bool(entry and entry.get("key") == key and all(map(self._exists, outputs)))

    def keep(self, name: str):
        self.new[name] = self.old[name]

    def record(self, name: str, key: str, **extra):
        self.new[name] = {"key": key, **extra}

    def save(self):
        # one line: json's C encoder only runs without indent (the preflight's state holds an
        # entry per print file, 32,000 at 5,000 products)
        text = json.dumps(self.new, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
        write_if_changed(self.path, text.encode("utf-8"))


def settle(paths) -> None:
    """Give every output of a job that ran the same fresh modification time.

    Snakemake decides what to rebuild from modification times alone (profiles/default drops its
    per-file metadata, whose upkeep cost seconds per thousand outputs). A file this job left
    alone because its bytes did not change must still look newer than the job's inputs, or the
    job would run again at every build. Touching changes no byte of what the printer receives.
    """
    now = time.time_ns()
    for p in paths:
        os.utime(p, ns=(now, now))


class JobError(Exception):
    """A problem in the user's data or templates found while drawing: the message says it all."""


@contextmanager
def job_log(path: str, title: str):
    """For jobs that run inside Snakemake's process (``run:`` rules): yields ``say(line, data)``,
    which prints ``title: line`` and writes ``data`` to the job's log. A ``JobError`` is written
    to the log too, then fails the job with its message alone."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)

    def say(line: str, data) -> None:
        Path(path).write_text(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n",
                              encoding="utf-8")
        from .console import tell

        tell(f"{title}: {line}")

    try:
        yield say
    except JobError as exc:
        Path(path).write_text(f"{exc}\n", encoding="utf-8")
        raise
