"""Where map labels go: beside their point when there is room, else at the end of a leader line
— never over another label, a marker, the legend or anything else declared taken.

Cartographers' order of preference around a point (Imhof): right and slightly up, left, above,
below, then the diagonals; a label that cannot sit beside its point moves out along one of 16
directions, further each step, and is tied to it by a leader line that crosses no other label
or marker. Labels are placed greedily, the most crowded points first (they have the fewest
choices), each taking the best free candidate; if one is left without a place, the whole
placement is tried again with it first. Deterministic: ties break by the order given.

Pure geometry in millimetres, no drawing: ``trailmap`` draws the result, and the tests read the
boxes back from the PDF.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (y down)

# Positions around the point, best first: (dx, dy) of the label's anchor side, as unit offsets.
AROUND = [(1, -0.25), (-1, -0.25), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1),
          (1, 0.6), (-1, 0.6)]
DIRECTIONS = 16


@dataclass(frozen=True)
class Item:
    """A point to label: its marker (a disc) and the size of its label."""

    id: str
    x: float
    y: float
    radius: float  # the marker's radius: the label keeps clear of it
    width: float  # label box
    height: float


@dataclass(frozen=True)
class Placed:
    id: str
    box: Box
    leader: tuple[float, float, float, float] | None  # from the marker's edge to the label


class Unplaceable(ValueError):
    """No free place for some labels: the frame is too small or too crowded for them."""

    def __init__(self, ids: list[str]):
        super().__init__(", ".join(ids))
        self.ids = ids


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] - 1e-9 and b[0] < a[2] - 1e-9 and a[1] < b[3] - 1e-9 and b[1] < a[3] - 1e-9


def inside(a: Box, bounds: Box) -> bool:
    return (a[0] >= bounds[0] - 1e-9 and a[1] >= bounds[1] - 1e-9 and a[2] <= bounds[2] + 1e-9
            and a[3] <= bounds[3] + 1e-9)


def disc_box(x: float, y: float, r: float) -> Box:
    return (x - r, y - r, x + r, y + r)


def _clip(x1: float, y1: float, x2: float, y2: float, box: Box) -> tuple[float, float] | None:
    """The part of the segment inside the box, as parameters (t0, t1) of it (Liang–Barsky)."""
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x1 - box[0]), (dx, box[2] - x1), (-dy, y1 - box[1]), (dy, box[3] - y1)):
        if abs(p) < 1e-12:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return t0, t1


def segment_hits(x1: float, y1: float, x2: float, y2: float, box: Box) -> bool:
    """Whether the segment crosses the box."""
    part = _clip(x1, y1, x2, y2, box)
    return part is not None and part[1] - part[0] > 1e-6


def crossed(line: tuple[float, float, float, float], box: Box) -> float:
    """How much of the segment ``line`` runs inside ``box``, in mm."""
    part = _clip(*line, box)
    return 0.0 if part is None else (part[1] - part[0]) * math.dist(line[:2], line[2:])


def _box_at(it: Item, ux: float, uy: float, dist: float) -> Box:
    """The label box on the side (ux, uy) of the point, its nearest edge ``dist`` from it."""
    cx = it.x + ux * (dist + it.width / 2)
    cy = it.y + uy * (dist + it.height / 2)
    return (cx - it.width / 2, cy - it.height / 2, cx + it.width / 2, cy + it.height / 2)


def candidates(it: Item, gap: float, step: float, rings: int):
    """(cost, box, leader) for every place the label may take, best first."""
    out = []
    for rank, (ux, uy) in enumerate(AROUND):
        if ux and uy and abs(uy) == 1:  # diagonal: the corner of the box near the disc
            d = (it.radius + gap) / math.sqrt(2)
            cx = it.x + ux * (d + it.width / 2)
            cy = it.y + uy * (d + it.height / 2)
            box = (cx - it.width / 2, cy - it.height / 2, cx + it.width / 2, cy + it.height / 2)
        elif ux:
            cy = it.y + uy * it.height / 2
            x0 = it.x + it.radius + gap if ux > 0 else it.x - it.radius - gap - it.width
            box = (x0, cy - it.height / 2, x0 + it.width, cy + it.height / 2)
        else:
            box = _box_at(it, 0, uy, it.radius + gap)
        out.append((rank, box, None))
    for ring in range(1, rings + 1):
        dist = it.radius + gap + ring * step
        for k in range(DIRECTIONS):
            a = 2 * math.pi * k / DIRECTIONS
            ux, uy = math.cos(a), math.sin(a)
            # anchor the label's nearest corner/edge on the circle of radius ``dist``
            cx = it.x + ux * dist + math.copysign(it.width / 2, ux) * (abs(ux) > 0.2)
            cy = it.y + uy * dist + math.copysign(it.height / 2, uy) * (abs(uy) > 0.2)
            box = (cx - it.width / 2, cy - it.height / 2, cx + it.width / 2, cy + it.height / 2)
            # the leader joins the disc's edge to the box's nearest point
            nx = min(max(it.x, box[0]), box[2])
            ny = min(max(it.y, box[1]), box[3])
            length = math.hypot(nx - it.x, ny - it.y) or 1.0
            sx = it.x + (nx - it.x) / length * it.radius
            sy = it.y + (ny - it.y) / length * it.radius
            out.append((len(AROUND) + ring * 4 + k * 0.01, box, (sx, sy, nx, ny)))
    return out


def place(items: list[Item], bounds: Box, taken: list[Box], gap: float, step: float,
          rings: int = 8, attempts: int = 4,
          avoid: list[tuple[float, float, float, float]] | None = None) -> dict[str, Placed]:
    """Every label placed, or ``Unplaceable`` naming those that found no free place.

    ``taken``: boxes no label may cover (the legend, the scale bar, an inset's frame...). Every
    marker is taken too, and no leader line may cross a marker or a label. ``avoid``: segments a
    label had better not cover (the route), each as (x1, y1, x2, y2): a label costs more the
    longer the route runs under it — cut through by the line it loses to a place one ring out
    with a leader, grazed at a corner it keeps its place."""
    markers = {it.id: disc_box(it.x, it.y, it.radius) for it in items}

    def crowd(it: Item) -> int:
        reach = 2 * (it.width + it.radius)
        return sum(1 for o in items if o is not it and math.hypot(o.x - it.x, o.y - it.y) < reach)

    order = sorted(items, key=lambda it: -crowd(it))
    failed: list[str] = []
    for _ in range(attempts):
        placed: dict[str, Placed] = {}
        failed = []
        for it in order:
            best = _best(it, placed, markers, bounds, taken, gap, step, rings, avoid or [])
            if best is None:
                failed.append(it.id)
            else:
                placed[it.id] = best
        if not failed:
            return placed
        first = [it for it in order if it.id in failed]
        order = first + [it for it in order if it.id not in failed]
    raise Unplaceable(failed)


def _best(it, placed, markers, bounds, taken, gap, step, rings, avoid) -> Placed | None:
    # labels keep a gap between them too: two labels touching read as one block of text
    labels = [(b[0] - gap, b[1] - gap, b[2] + gap, b[3] + gap)
              for b in (p.box for p in placed.values())]
    leaders = [p.leader for p in placed.values() if p.leader]
    best = None
    for cost, box, leader in candidates(it, gap, step, rings):
        # the route across a label (or within its clearance) costs more than moving out a ring
        # with a leader (leaders start at 14): a label is read off the line, never over it
        clear = (box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap)  # the route's clearance
        cost += 30 * sum(crossed(line, clear) for line in avoid) / (box[3] - box[1])
        if best is not None and cost >= best[0]:
            continue
        if not inside(box, bounds):
            continue
        if any(overlap(box, b) for b in labels) or any(overlap(box, b) for b in taken):
            continue
        if any(overlap(box, m) for m in markers.values()):
            continue
        if any(segment_hits(*ld, box) for ld in leaders):
            continue
        if leader:
            others = [m for k, m in markers.items() if k != it.id]
            if any(segment_hits(*leader, b) for b in labels + others + list(taken)):
                continue
        best = (cost, Placed(it.id, box, leader))
    return best[1] if best else None


__all__ = ["Box", "Item", "Placed", "Unplaceable", "candidates", "crossed", "disc_box", "inside",
           "overlap", "place", "segment_hits"]
