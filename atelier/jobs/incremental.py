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
import re
from importlib.util import resolve_name
from pathlib import Path

# the jobs import these from here too (they moved down to atelier.files for the layers)
from ..files import Listing, digest, file_digest, write_if_changed  # noqa: F401
from ..paths import PACKAGE

_FROM = re.compile(r"^[ \t]*from[ \t]+(\.+[\w.]*|atelier[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]+)", re.M)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+(atelier[\w.]*)", re.M)


def code_digest(module: str) -> str:
    """A hash of the source of the package module ``module`` and of every package module it
    imports, transitively — the code that can change what a job draws — so that a code change
    re-renders that job's items and another family's change does not.

    The set is read from the sources' import statements, not from what is loaded: a label job
    runs in Snakemake's process, where the workflow has loaded many other modules, and its
    digest must be the one its worker processes and a cluster node compute."""
    seen, todo = set(), [module]
    while todo:
        name = todo.pop()
        path = _source(name)
        if name in seen or path is None:
            continue
        seen.add(name)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        text = path.read_text(encoding="utf-8")
        for base, names in _FROM.findall(text):
            if base.startswith("."):
                base = resolve_name(base, package)
            # `from . import x` names a module, `from .x import f` a name in one
            todo += [base, *(f"{base}.{n.split()[0]}" for n in re.findall(r"\w+(?:\s+as\s+\w+)?", names))]
        todo += _IMPORT.findall(text)
        todo += [name.rpartition(".")[0]] if "." in name else []  # a module runs its packages
    return file_digest(sorted(str(_source(n)) for n in seen))


def _source(name: str) -> Path | None:
    """The file of package module ``name`` (``atelier.x.y``), or None when it names no module."""
    if not name.startswith("atelier"):
        return None
    base = PACKAGE.joinpath(*name.split(".")[1:])
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


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
