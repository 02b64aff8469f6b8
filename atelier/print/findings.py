"""A preflight finding: one check's verdict on one print file."""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("ok", "warning", "error")


@dataclass
class Finding:
    check: str
    level: str  # ok, warning, error
    message: str
    image: str = ""  # a thumbnail showing where (the layout lint's findings)

    def as_dict(self) -> dict:
        out = {"check": self.check, "level": self.level, "message": self.message}
        if self.image:
            out["image"] = self.image
        return out
