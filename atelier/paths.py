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
