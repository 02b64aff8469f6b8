# Atelier ALL — the spreadsheets in inputs/ become every deliverable under build/.
#   snakemake            everything (profiles/default sets cores and the scheduler)
#   snakemake labels     one family: labels, menus, signage, strategy, decks, print
#   snakemake check      validate the inputs only
# Each family lives in rules/<family>.smk; the Python that does the work is the atelier package.

import gc

from snakemake.utils import min_version

from atelier.jobs.labels import prewarm
from atelier.pipeline import inputs_changed
from atelier.plan.registry import rerun_incomplete

min_version("9.0")

# Reading the sheets, planning and building the DAG only add objects that live until the end,
# yet Python's cyclic collector kept walking them, and all of Snakemake's, while they were
# built: ~0.3 s of a one-row edit. It is paused until the jobs start (onstart), and what was
# loaded before this line is frozen out of its walks for good.
if workflow.exec_mode.name == "DEFAULT":
    gc.freeze()
    gc.disable()

# A changed spreadsheet most often means labels to redraw: their drawing workers start importing
# cairo and the fonts now, on the other core, while this process reads the sheets and plans.
if workflow.exec_mode.name == "DEFAULT" and not workflow.dryrun and inputs_changed():
    prewarm()


configfile: "config/settings.yaml"


# `snakemake --report report.html`: one note per category (report/), not per file (TECH.md).
report: "report/workflow.rst"


include: "rules/inputs.smk"
include: "rules/labels.smk"
include: "rules/menus.smk"
include: "rules/signage.smk"
include: "rules/strategy.smk"
include: "rules/decks.smk"
include: "rules/print.smk"


# Jobs that declare one state file for many files (OWNED_FILES, see rules/inputs.smk) are made
# out of date when one of those files is missing: Snakemake cannot see them. Only in the main
# run: a cluster job re-reading the workflow must not touch another job's state.
if workflow.exec_mode.name == "DEFAULT":
    rerun_incomplete(OWNED_FILES)


onstart:
    gc.enable()  # paused while parsing (top of this file)
    # Outputs of rows that were deleted from the sheets would otherwise stay in build/ forever.
    from atelier.pipeline import expected_outputs, remove_stale_outputs

    # the layout lint's thumbnails (build/preflight/lint/) belong to the preflight job
    for path in remove_stale_outputs(
        expected_outputs(workflow.rules)
        | set(OWNED_FILES)
        | {"build/preflight/lint/"}
    ):
        print(f"removed {path}: no row produces it any more")


# Snakemake leaves a 1-s timer running after the last job, which delayed every exit by ~1 s.
onsuccess:
    from atelier.pipeline import cancel_rescheduling_timers

    cancel_rescheduling_timers()
    gc.freeze()  # Python's last collection at exit then skips what lives to the end (~0.06 s)


onerror:
    from atelier.pipeline import cancel_rescheduling_timers

    cancel_rescheduling_timers()


rule all:
    default_target: True
    input:
        rules.labels.input,
        rules.menus.input,
        rules.signage.input,
        rules.strategy.input,
        rules.decks.input,
        rules.print.input,
