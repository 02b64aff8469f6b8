"""Jobs that render many items skip the ones whose inputs did not change.

A family job (a few sheets of labels, every trail panel) is one Snakemake job for speed — a Python
process per label would cost ~0.8 s each — but it must not rewrite its files because one product
changed.
Each item gets a key, the hash of everything that determines its output; the job keeps the keys
it rendered in a state file and re-renders only items whose key changed or whose files vanished.
Outputs are written only when their bytes differ. The file Snakemake tracks for the job (its
state file) is a declared output: Snakemake gives it a fresh time when the job ends.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

# the jobs import these from here too (they moved down to atelier.files for the layers)
from ..files import Listing, digest, file_digest, write_if_changed  # noqa: F401


def code_digest() -> str:
    """A hash of the package modules the running job has loaded — the code that can change
    what it draws — so a code change re-renders its items, and another family's edit does not.
    Jobs import their modules at module level, so the set is the same at every run."""
    return file_digest(sorted(m.__file__ for name, m in list(sys.modules.items())
                              if name.split(".")[0] == "atelier" and getattr(m, "__file__", None)))


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



class JobError(Exception):
    """A problem in the user's data or templates found while drawing: the message says it all."""


@contextmanager
def job_log(path: str, title: str):
    """For a family job (a ``script:``): yields ``say(line, data)``, which prints
    ``title: line`` and writes ``data`` to the job's log. A ``JobError`` is written to the log
    too, then ends the job with its message alone (no traceback: the message names the row)."""
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
        raise SystemExit(f"{title}: {exc}") from None
