"""What a printer's file must be, from the settings: PDF/X version, output condition, inks, die.

``Press.for_job(settings, job)`` reads ``printer`` and ``jobs.<job>`` of config/settings.yaml and
the brand's print recipes; every problem is reported at once, naming the setting and what is
expected (``PressSettingsError``), before anything is written. ``atelier.print.pdfx`` applies a
``Press`` to the RGB PDF cairo draws.
"""

from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import brand
from ..paths import ROOT

PDFX_VERSIONS = ("PDF/X-4", "PDF/X-1a:2003")
SETTINGS = "config/settings.yaml"


class PressSettingsError(ValueError):
    """Settings or brand values a print file cannot be made from; one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class OutputCondition:
    """The printing condition a job is separated for (ISO 12647-2 FOGRA39, …)."""

    key: str  # its name in printer.output_conditions
    identifier: str  # OutputConditionIdentifier, e.g. FOGRA39
    info: str  # human description, e.g. Coated FOGRA39 (ISO 12647-2:2004)
    registry: str  # RegistryName, http://www.color.org
    profile: Path  # the ICC output profile (CMYK), embedded in every file
    max_ink: float  # total area coverage allowed, in percent

    @property
    def profile_deflated(self) -> bytes:
        return _deflated(str(self.profile))


@functools.cache
def _deflated(path: str) -> bytes:
    # Compressed once per process: every file of a job embeds the same profile.
    return zlib.compress(Path(path).read_bytes(), 9)


@dataclass(frozen=True)
class Die:
    """The die line (« forme de découpe ») a die-cut or shaped piece carries, on the trim."""

    spot: str  # spot colour name, e.g. CutContour
    layer: str  # optional-content layer name, e.g. Découpe
    line_pt: float
    alternate: tuple[float, float, float, float]  # CMYK 0–1 for screens and proofs
    corner_radius_mm: float = 0.0
    hole_diameter_mm: float = 0.0
    hole_inset_mm: float = 0.0  # hole centres this far from both edges of each corner
    holes: int = 0  # 0, 2 (top corners) or 4 (every corner)


@dataclass(frozen=True)
class Black:
    rich: tuple[float, float, float, float]  # the rich black of large areas, 0–1
    small_text_below_pt: float  # dark text under this size must be K only
    reverse_min_pt: float  # white text out of rich black: at least this size and bold
    reverse_regular_min_pt: float  # … or at least this size when not bold
    overprint_k: bool  # 100 K fills and strokes overprint


@dataclass(frozen=True)
class Press:
    """Everything that turns cairo's RGB PDF into the printer's file for one job."""

    job: str
    version: str  # PDF/X-4 or PDF/X-1a:2003
    condition: OutputCondition
    recipes: dict = field(hash=False, compare=False)  # (r, g, b) 0–255 -> (c, m, y, k) 0–1
    black: Black
    die: Die | None
    # (r, g, b) 0–255 -> the brand's spot ink name, when the printer prints spots (else empty)
    spots: dict = field(default_factory=dict, hash=False, compare=False)

    @classmethod
    def for_job(cls, settings: dict, job: str | None) -> Press:
        """The press values of ``jobs.<job>`` (``None``: a document of the pack, such as the job
        sheet: the default output condition, no die); raises ``PressSettingsError`` naming every
        setting (or brand colour) that is missing or wrong."""
        problems: list[str] = []
        printer = settings.get("printer", {})
        version = printer.get("pdfx", "PDF/X-4")
        if version not in PDFX_VERSIONS:
            problems.append(f"{SETTINGS} › printer.pdfx: {version!r} — expected one of "
                            f"{', '.join(PDFX_VERSIONS)}")
        black = _black(printer.get("black", {}), problems)
        job_conf = (settings.get("jobs") or {}).get(job) if job else {}
        if not isinstance(job_conf, dict):
            problems.append(f"{SETTINGS} › jobs.{job}: missing — expected the job's paper, finish "
                            f"and output_condition")
            job_conf = {}
        condition = _condition(printer, job, job_conf, problems)
        die = _die(printer, job, job_conf.get("die"), problems)
        recipes = press_recipes(black.rich, problems) if black else {}
        spots = brand_spots() if printer.get("spot_colours") else {}
        if problems:
            raise PressSettingsError(problems)
        return cls(job or "document", version, condition, recipes, black, die, spots)


def _cmyk(value, where: str, problems: list[str]) -> tuple[float, float, float, float] | None:
    if (isinstance(value, list) and len(value) == 4
            and all(isinstance(v, (int, float)) and 0 <= v <= 100 for v in value)):
        return tuple(v / 100 for v in value)
    problems.append(f"{where}: {value!r} — expected four ink percentages [C, M, Y, K], each 0–100")
    return None


def _black(conf: dict, problems: list[str]) -> Black | None:
    rich = _cmyk(conf.get("rich_black_cmyk"), f"{SETTINGS} › printer.black.rich_black_cmyk", problems)
    if rich is None:
        return None
    return Black(rich, float(conf.get("small_text_below_pt", 12)), float(conf.get("reverse_min_pt", 8)),
                 float(conf.get("reverse_regular_min_pt", 12)), bool(conf.get("overprint_k", True)))


def _condition(printer: dict, job: str, job_conf: dict, problems: list[str]) -> OutputCondition | None:
    conditions = printer.get("output_conditions") or {}
    key = job_conf.get("output_condition", printer.get("default_output_condition"))
    if key not in conditions:
        setting = f"jobs.{job}.output_condition" if job else "printer.default_output_condition"
        problems.append(f"{SETTINGS} › {setting}: {key!r} — expected one of "
                        f"printer.output_conditions ({', '.join(sorted(conditions)) or 'none defined'})")
        return None
    c = conditions[key]
    where = f"{SETTINGS} › printer.output_conditions.{key}"
    profile = ROOT / str(c.get("profile", ""))
    if not c.get("profile") or not profile.is_file():
        problems.append(f"{where}.profile: {c.get('profile')!r} — expected an ICC profile file "
                        f"(relative to the project), e.g. brand/icc/AtelierALL-FOGRA39-TAC300.icc")
        return None
    header = profile.read_bytes()[:20]
    if len(header) < 20 or header[16:20] != b"CMYK":
        problems.append(f"{where}.profile: {c['profile']} — expected a CMYK output profile "
                        f"(its colour space is {header[16:20].decode('latin-1', 'replace')!r})")
        return None
    return OutputCondition(key, str(c["identifier"]), str(c.get("info", c["identifier"])),
                           str(c.get("registry", "http://www.color.org")), profile,
                           float(c["max_ink_percent"]))


def _die(printer: dict, job: str, conf, problems: list[str]) -> Die | None:
    if not conf:
        return None
    base = printer.get("die") or {}
    where = f"{SETTINGS} › jobs.{job}.die"
    alternate = _cmyk(base.get("alternate_cmyk", [0, 100, 0, 0]),
                      f"{SETTINGS} › printer.die.alternate_cmyk", problems)
    holes = conf.get("holes") or {}
    count = int(holes.get("count", 0)) if holes else 0
    if count not in (0, 2, 4):
        problems.append(f"{where}.holes.count: {count} — expected 2 (top corners) or 4 (every corner)")
    if not base.get("spot_name"):
        problems.append(f"{SETTINGS} › printer.die.spot_name: missing — expected the die's spot "
                        f"colour name, e.g. CutContour")
    if alternate is None or problems:
        return None
    return Die(str(base["spot_name"]), str(base.get("layer", base["spot_name"])),
               float(base.get("line_pt", 0.25)), alternate,
               float(conf.get("corner_radius_mm", 0)), float(holes.get("diameter_mm", 0)),
               float(holes.get("inset_mm", 0)), count)


def _rgb255(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def brand_spots() -> dict:
    """Screen colour (r, g, b 0–255) -> spot ink name, for the brand colours that name one."""
    return {_rgb255(e["hex"]): str(e["spot"]) for e in brand.palette().values() if e.get("spot")}


def press_recipes(rich: tuple, problems: list[str]) -> dict:
    """Screen colour (r, g, b 0–255) -> its print recipe (c, m, y, k 0–1), for every brand colour;
    a colour without a recipe is a problem (brand/tokens.yaml names it)."""
    out = {}
    for name, entry in sorted(brand.palette().items()):
        where = f"brand/tokens.yaml › colours.{name}.cmyk"
        recipe = entry.get("cmyk")
        if recipe == "rich_black":
            cmyk = rich
        elif recipe is None:
            problems.append(f"{where}: missing — every brand colour needs its print recipe "
                            f"[C, M, Y, K] (or rich_black) beside its hex {entry.get('hex')}")
            continue
        else:
            cmyk = _cmyk(recipe, where, problems)
        if cmyk is None:
            continue
        rgb = _rgb255(entry["hex"])
        if rgb in out and out[rgb] != cmyk:
            problems.append(f"{where}: {entry['hex']} already has another recipe — one screen "
                            f"colour, one recipe (use a role that names the palette colour)")
        out[rgb] = cmyk
    return out
