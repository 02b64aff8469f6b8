"""The table schemas of ``schemas/*.schema.yaml``: JSON Schema documents with a few ``x-`` keys.

``x-key`` names the id column; ``x-ref`` points a column at another table; ``x-rules`` names the
cross-field rules of ``rules.py``; ``x-expected`` is the phrase shown to the designer; ``x-image``,
``x-ean13`` and ``x-settings-key`` ask for the checks of the same name. ``$ref`` into
``common.schema.yaml`` is resolved here so that each column is a plain dict.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .. import yamlfile
from ..paths import SCHEMAS

TABLES = ["partenaires", "produits", "menus", "plats", "etapes", "projets", "planning", "budget",
          "indicateurs"]


@dataclass(frozen=True)
class Column:
    name: str
    spec: dict
    required: bool

    @functools.cached_property  # asked for every cell: 128,000 times for 5,000 products
    def kind(self) -> str:
        """One of: string, integer, number, boolean, date, array, enum."""
        if "enum" in self.spec and "type" not in self.spec:
            return "enum"
        if self.spec.get("format") == "date":
            return "date"
        return self.spec.get("type", "string")

    @property
    def description(self) -> str:
        return self.spec.get("description", "")


@dataclass(frozen=True)
class TableSchema:
    name: str
    description: str
    key: str | None
    columns: dict[str, Column]
    rules: tuple[str, ...]
    raw: dict


def _resolve(node, common: dict):
    if isinstance(node, dict):
        if "$ref" in node:
            target = node["$ref"].split("#/$defs/")[1]
            merged = dict(_resolve(common["$defs"][target], common))
            merged.update({k: _resolve(v, common) for k, v in node.items() if k != "$ref"})
            return merged
        return {k: _resolve(v, common) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve(v, common) for v in node]
    return node


@functools.cache  # common.schema.yaml is shared by every table: parse it once
def _load_yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return yamlfile.safe_load(f)


@functools.cache
def load_schema(name: str, folder: Path = SCHEMAS) -> TableSchema:
    common = _load_yaml(folder / "common.schema.yaml")
    raw = _load_yaml(folder / f"{name}.schema.yaml")
    props = _resolve(raw["properties"], common)
    required = set(raw.get("required", []))
    columns = {k: Column(k, v, k in required) for k, v in props.items()}
    return TableSchema(name, raw.get("description", ""), raw.get("x-key"), columns,
                       tuple(raw.get("x-rules", [])), raw)


def load_schemas(folder: Path = SCHEMAS) -> dict[str, TableSchema]:
    return {t: load_schema(t, folder) for t in TABLES}
