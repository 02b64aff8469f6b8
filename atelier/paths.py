"""Where the project keeps things. Every path is relative to the project root (the Snakefile's
folder), which is the working directory of every Snakemake job."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
TEMPLATES = ROOT / "templates"
BRAND = ROOT / "brand"
FONTS = BRAND / "fonts"
CONFIG = ROOT / "config"

# Relative names, as Snakemake sees them (jobs run in ROOT).
INPUTS = Path("inputs")
BUILD = Path("build")
RECORDS = BUILD / "records"
VALIDATION = BUILD / "validation"
PACKAGE = ROOT / "atelier"


def code_files(*names: str) -> list[str]:
    """Source files of the package — the modules or sub-packages ``names`` (relative to
    ``atelier/``), or all of it — as inputs of the rules whose outputs they draw: Snakemake
    reruns a job when an input is newer than its outputs, so a code change redraws them."""
    paths = [PACKAGE / n for n in names] if names else [PACKAGE]
    return sorted(str(f) for p in paths for f in ([p] if p.suffix == ".py" else p.rglob("*.py")))


def settings_file() -> Path:
    """The settings file the workflow reads: the working folder's ``config/settings.yaml``
    (rules/inputs.smk; jobs run in the project folder), else the repository's."""
    local = Path("config") / "settings.yaml"
    return local if local.is_file() else CONFIG / "settings.yaml"
