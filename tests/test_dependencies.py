"""What pyproject.toml declares is used, and what requirements.lock pins is needed.

Read from the installed packages' own metadata (importlib.metadata), not from a list kept here."""

from __future__ import annotations

import ast
import re
import tomllib
from importlib.metadata import distribution, packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["atelier", "rules", "tests", "bench", "tools"]
# Declared for Snakemake, which loads them by name: no module of ours imports them.
USED_BY_NAME = {
    "snakemake-executor-plugin-cluster-generic": "--executor cluster-generic (tests/test_hardening.py)",
    "import-linter": "lint-imports, run by make lint",
    "ruff": "make lint",
    # the strategy's and the decks' aggregates, on the office branch (issue 19) until it merges
    "pandas": "atelier/content/strategy.py, atelier/content/decks.py",
    "snakefmt": "make lint",
}


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(r) for r in project["dependencies"]
            + [r for group in project["optional-dependencies"].values() for r in group]]


def locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def imported_top_levels() -> set[str]:
    names = set()
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*.py"):
            names |= _imports(path.read_text(encoding="utf-8"))
        for path in (ROOT / folder).rglob("*.smk"):
            names |= {m for m in re.findall(r"^\s*(?:from|import) (\w+)", path.read_text(), re.M)}
    names |= {m for m in re.findall(r"^\s*(?:from|import) (\w+)", (ROOT / "Snakefile").read_text(),
                                    re.M)}
    return names


def _imports(text: str) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.add(node.module.split(".")[0])
    return out


def requirements_of(name: str, extras: set[str]) -> set[tuple[str, frozenset]]:
    out = set()
    for text in distribution(name).requires or []:
        r = Requirement(text)
        if r.marker is None or any(r.marker.evaluate({"extra": e}) for e in extras | {""}):
            out.add((canonicalize_name(r.name), frozenset(r.extras)))
    return out


def test_every_declared_dependency_is_imported_or_used_by_name():
    modules_of: dict[str, set[str]] = {}
    for module, dists in packages_distributions().items():
        for dist in dists:
            modules_of.setdefault(canonicalize_name(dist), set()).add(module)
    imported = imported_top_levels()
    unused = [r.name for r in declared()
              if canonicalize_name(r.name) not in {canonicalize_name(n) for n in USED_BY_NAME}
              and not modules_of.get(canonicalize_name(r.name), set()) & imported]
    assert not unused, f"declared in pyproject.toml, imported nowhere: {unused}"


def test_everything_locked_is_needed_by_what_is_declared_and_pinned_alike():
    pins = locked()
    needed: set[str] = set()
    todo = [(canonicalize_name(r.name), frozenset(r.extras)) for r in declared()]
    while todo:
        name, extras = todo.pop()
        if (name, extras) in needed:
            continue
        needed.add((name, extras))
        todo += requirements_of(name, set(extras))
    names = {n for n, _ in needed}
    assert sorted(set(pins) - names) == [], "locked, required by nothing declared"
    assert sorted(names - set(pins)) == [], "required, not locked"
    for r in declared():
        pin = str(r.specifier).removeprefix("==")
        assert pins[canonicalize_name(r.name)] == pin, f"{r.name}: pyproject {pin}, lock"
