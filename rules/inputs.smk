# Reading the spreadsheets: done while Snakemake parses the workflow, before any job runs.
# Every table is validated (all problems reported at once, nothing built on error) and each
# record is staged as build/records/<table>/<id>.json, rewritten only when it changed — so
# jobs depend on exactly the records they show. See atelier/pipeline.py.

from pathlib import Path

from atelier.paths import code_files
from atelier.pipeline import stage, staged_index
from atelier.plan.stamps import stamp

if workflow.exec_mode.name == "DEFAULT":
    DATA = stage(config)
else:  # a job re-parsing the workflow (cluster executors): read what the main run staged
    DATA = staged_index(config)

# Files every renderer depends on: brand values, fonts, pictograms, logos. Rules take BRAND, one
# stamp file whose bytes are their digest and which changes only when one of them did
# (atelier/plan/stamps.py): listing ~30 files in every rule made each run's planning slower.
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
BRAND = stamp("brand", BRAND_FILES)

# The whole package's code, as a stamp, for the family jobs that key each item they draw with the
# code they loaded (labels, signage): any code change reruns them; they redraw what it affects.
CODE = stamp("code", code_files())

# Every family adds the print files it writes (atelier.plan.registry.PrintFile): the printer's
# pack (rules/print.smk) builds the manifest, job sheet and preflight from this list.
PRINT_FILES = []
# Files a job writes without declaring each one (labels, trail panels, the gallery's thumbnails,
# CMYK copies: thousands at 5,000 products), mapped to the state file the job declares in their
# place. Rules that read them list that state file instead (atelier/plan/pack.py); the Snakefile
# reruns a job when one of its files is missing and keeps them from the stale-output cleaner.
OWNED_FILES = {}

settings_files = DATA.settings_files


# Validate the inputs and show the report (problems stop the run before this rule).
rule check:
    input:
        "build/validation/report.txt",
    log:
        "build/logs/check.log",
    localrule: True
    conda:
        "../envs/atelier.yaml"
    shell:
        "cat {input} | tee {log}"
