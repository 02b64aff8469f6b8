"""A preflight finding: one check's verdict on one print file."""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("ok", "warning", "error")


@dataclass
class Finding:
    check: str
    level: str  # ok, warning, error
    message: str

    def as_dict(self) -> dict:
        return {"check": self.check, "level": self.level, "message": self.message}
