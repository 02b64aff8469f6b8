"""Turn a raw cell (what openpyxl or csv gave) into the value the schema describes.

Each function returns the value or raises ``Invalid`` with the phrase the designer will read.
French habits are accepted: decimal comma, spaces and non-breaking spaces as thousands separators,
« 12,50 € », dates as 25/11/2026, booleans as oui/non.
"""

from __future__ import annotations

import datetime as dt
import re

from .schema import Column


class Invalid(ValueError):
    pass


_SPACES = re.compile(r"[\s\u00a0\u202f]")
_TRUE = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
_FALSE = {"non", "n", "no", "faux", "false", "0"}
_FR_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00)?)?$")


def expected(column: Column) -> str:
    spec = column.spec
    if "x-expected" in spec:
        return spec["x-expected"]
    kind = column.kind
    if kind == "enum":
        return "one of: " + ", ".join(str(v) for v in spec["enum"])
    if kind == "array":
        items = spec.get("items", {})
        if "enum" in items:
            return "a comma-separated list of: " + ", ".join(items["enum"])
        return "a comma-separated list of ids"
    if kind == "integer":
        return "a whole number" + _range(spec)
    if kind == "number":
        return "a number" + _range(spec)
    return "some text"


def _range(spec: dict) -> str:
    lo = spec.get("minimum", spec.get("exclusiveMinimum"))
    hi = spec.get("maximum")
    if lo is not None and hi is not None:
        return f" from {_fmt(lo)} to {_fmt(hi)}"
    if lo is not None:
        return f" of at least {_fmt(lo)}" if "minimum" in spec else f" above {_fmt(lo)}"
    return ""


def _fmt(n) -> str:
    return str(n).replace(".", ",")


def to_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def to_number(value) -> float:
    if isinstance(value, bool):
        raise Invalid("number")
    if isinstance(value, (int, float)):
        return float(value)
    text = _SPACES.sub("", str(value)).replace("€", "").replace("%", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise Invalid("number") from None


def to_integer(value) -> int:
    n = to_number(value)
    if not n.is_integer():
        raise Invalid("integer")
    return int(n)


def to_boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    text = to_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise Invalid("boolean")


def to_date(value) -> str:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise Invalid("date")
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = to_text(value)
    m = _FR_DATE.match(text)
    try:
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        m = _ISO_DATE.match(text)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        pass
    raise Invalid("date")


def to_list(value) -> list[str]:
    return [p.strip() for p in to_text(value).split(",") if p.strip()]


def coerce(column: Column, value):
    """The typed value of a cell, or ``Invalid``. Only called for non-empty cells."""
    kind = column.kind
    if kind == "string" or kind == "enum" and not isinstance(column.spec["enum"][0], (int, float)):
        return to_text(value)
    if kind == "integer":
        return to_integer(value)
    if kind == "number":
        return to_number(value)
    if kind == "boolean":
        return to_boolean(value)
    if kind == "date":
        return to_date(value)
    if kind == "array":
        return to_list(value)
    if kind == "enum":
        return to_number(value)
    return to_text(value)
