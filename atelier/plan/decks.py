"""Deck jobs: one per plan in templates/decks/<deck>.yaml (parse time: light imports only).

A deck depends on the master, its plan, the records of the tables its plan reads, the pictures
those records or the plan name (a trail map from the signage family, say), and the settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import yamlfile
from ..content.decks import plan_tables
from ..paths import BUILD, INPUTS, code_files
from ..pipeline import Staged

PLANS = Path("templates/decks")
IMAGES = INPUTS / "images"
# The modules that shape a deck: inputs of its rule, so a code change rebuilds the decks.
CODE = code_files("office.py", "brand.py", "allergens.py", "content/decks.py",
                  "content/nutrition.py", "content/typography.py", "content/strategy.py",
                  "content/formats.py", "plan/decks.py", "jobs/decks.py", "render/pptx.py",
                  "render/charts.py", "render/fontembed.py", "layout/text.py", "layout/fonts.py")
PDF_CODE = code_files("office.py", "jobs/decks.py")


@dataclass
class DeckJob:
    name: str
    plan: str
    template: str
    records: list[str]
    pictures: list[str]
    pptx: str
    pdf: str


class DeckPlanError(ValueError):
    pass


def read_plan(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            plan = yamlfile.safe_load(f)
    except yaml.YAMLError as exc:
        raise DeckPlanError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(plan, dict) or not isinstance(plan.get("slides"), list):
        raise DeckPlanError(f"{path}: a deck plan needs « title: » and a list « slides: »")
    return plan


def _static_pictures(plan: dict) -> list[str]:
    """Pictures the plan names as paths (no « {field} »): the job waits for them."""
    out = []
    for s in plan["slides"]:
        pic = s.get("picture") if isinstance(s, dict) else None
        if isinstance(pic, str) and "{" not in pic:
            out.append(pic if "/" in pic else str(IMAGES / pic))
    return out


def deck_jobs(staged: Staged, plans: Path = PLANS) -> list[DeckJob]:
    settings = staged.settings.get("decks", {})
    template = f"templates/{settings.get('template', 'deck.pptx')}"
    jobs = []
    for path in sorted(plans.glob("*.yaml")):
        plan = read_plan(path)
        tables = sorted(plan_tables(plan))
        records = [staged.whole(t) for t in tables]
        photos = set(_static_pictures(plan))
        for t in tables:
            rows = staged.table(t)
            for row in rows if isinstance(rows, list) else []:
                if isinstance(row, dict) and row.get("photo"):
                    photos.add(str(IMAGES / row["photo"]))
        jobs.append(DeckJob(path.stem, str(path), template, records, sorted(photos),
                            f"{BUILD}/decks/{path.stem}.pptx", f"{BUILD}/decks/{path.stem}.pdf"))
    return jobs
