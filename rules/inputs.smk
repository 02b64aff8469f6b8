# Reading the spreadsheets, while Snakemake reads the workflow: every table is validated (all
# problems reported at once, nothing built on error), nothing is written. The planners of each
# family then say which files their jobs read (records, batches, plans, stamps: DATA.put); the
# stage rule (rules/stage.smk) writes those whose content changed. See atelier/pipeline.py.

from pathlib import Path

from snakemake.utils import update_config

from atelier.inputs.problems import InputProblems
from atelier.paths import code_files
from atelier.pipeline import read_inputs, stop_on_problems
from atelier.settings import read_settings

# The working folder's config/settings.yaml (as a `configfile:` directive would read it), read
# with libyaml: Snakemake's reader cost ~0.1 s of every run. `--config key=value` and
# `--configfile` still override it.
try:
    SETTINGS = read_settings(Path("config/settings.yaml"))
except InputProblems as exc:
    raise SystemExit(str(exc))
update_config(SETTINGS, config)
DATA = read_inputs(SETTINGS)

# Files every renderer depends on: brand values, fonts, pictograms, logos. Rules take BRAND, one
# stamp file whose bytes are their digest and which changes only when one of them did: listing
# ~30 files in every rule made each run's planning slower.
BRAND_FILES = ["brand/tokens.yaml"] + sorted(
    str(p)
    for pattern in (
        "fonts/*.ttf",
        "fonts/*.otf",
        "pictos/*.svg",
        "logos/*.svg",
        "icc/*.icc",
    )
    for p in Path("brand").glob(pattern)
)
BRAND = DATA.stamp("brand", BRAND_FILES)

# The whole package's code, as a stamp, for the family jobs that key each item they draw with the
# code they loaded (labels, signage): any code change reruns them; they redraw what it affects.
CODE = DATA.stamp("code", code_files())

# Every family adds the print files it writes (atelier.plan.registry.PrintFile): the printer's
# pack (rules/print.smk) builds the manifest, job sheet and preflight from this list.
PRINT_FILES = []
# Files a job writes without declaring each one (labels, trail panels, the gallery's thumbnails,
# CMYK copies: thousands at 5,000 products), mapped to the state file the job declares in their
# place. Rules that read them list that state file instead (atelier/plan/pack.py); a job one of
# whose files is missing has its staged input written again (DATA.restage_if_missing), and the
# files are kept from the stale-output cleaner (Snakefile).
OWNED_FILES = {}

settings_files = DATA.settings_files


# Validate the inputs and show the report (problems stop the run before this rule).
rule check:
    input:
        report="build/validation/report.txt",  # staged: the warnings
        staged=STAGED,
    log:
        "build/logs/check.log",
    localrule: True
    conda:
        "../envs/atelier.yaml"
    shell:
        "cat {input.report} | tee {log}"
