"""A4 label sheets: where each label goes (no PDF library here: the planner uses it at parse time)."""

from __future__ import annotations

from dataclasses import dataclass

A4 = (210.0, 297.0)


@dataclass(frozen=True)
class SheetLayout:
    columns: int
    rows: int
    top: float
    left: float
    column_gap: float
    row_gap: float
    label_width: float
    label_height: float
    offset_x: float = 0.0
    offset_y: float = 0.0

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @classmethod
    def from_format(cls, fmt: dict, offset: dict) -> SheetLayout:
        s = fmt["sheet"]
        return cls(s["columns"], s["rows"], s["top_mm"], s["left_mm"], s["column_gap_mm"],
                   s["row_gap_mm"], fmt["width_mm"], fmt["height_mm"], offset.get("x", 0.0),
                   offset.get("y", 0.0))

    def slot(self, index: int) -> tuple[float, float]:
        """Top-left corner (mm from the sheet's top-left) of slot ``index``, row by row."""
        r, c = divmod(index, self.columns)
        x = self.left + c * (self.label_width + self.column_gap) + self.offset_x
        y = self.top + r * (self.label_height + self.row_gap) + self.offset_y
        return x, y

    def check_fits(self) -> None:
        x, y = self.slot(self.per_sheet - 1)
        if x + self.label_width > A4[0] + 1e-6 or y + self.label_height > A4[1] + 1e-6:
            raise ValueError(f"{self.columns} × {self.rows} labels of {self.label_width} × "
                             f"{self.label_height} mm do not fit on A4 with these margins")


def plan_sheets(items: list[tuple[str, int]], layout: SheetLayout) -> list[list[str]]:
    """Sheets as lists of label names, slot by slot: each item repeated ``quantity`` times, in
    order. The last sheet may be partly empty."""
    slots = [name for name, qty in items for _ in range(qty)]
    n = layout.per_sheet
    return [slots[i:i + n] for i in range(0, len(slots), n)]
