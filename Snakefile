# Atelier ALL — the spreadsheets in inputs/ become every deliverable under build/.
#   snakemake            everything (profiles/default sets cores and the scheduler)
#   snakemake labels     one family: labels, menus, signage, strategy, decks, print
#   snakemake check      validate the inputs only
# Each family lives in rules/<family>.smk; the Python that does the work is the atelier package.
# Reading the workflow only reads: the sheets are validated and the jobs planned in memory, and
# the stage rule (rules/stage.smk) writes what changed.

from snakemake.utils import min_version

min_version("9.27.1")


# `snakemake --report report.html`: one note per category (report/), not per file (TECH.md).
report: "report/workflow.rst"


include: "rules/common.smk"
include: "rules/inputs.smk"
include: "rules/labels.smk"
include: "rules/menus.smk"
include: "rules/signage.smk"
include: "rules/strategy.smk"
include: "rules/decks.smk"
include: "rules/print.smk"
include: "rules/stage.smk"


onstart:
    # Outputs of rows that were deleted from the sheets would otherwise stay in build/ forever.
    from atelier.pipeline import expected_outputs, remove_stale_outputs

    # the layout lint's thumbnails (build/preflight/lint/) belong to the preflight job
    for path in remove_stale_outputs(
        expected_outputs(workflow.rules)
        | set(OWNED_FILES)
        | {"build/preflight/lint/"}
    ):
        print(f"removed {path}: no row produces it any more")


rule all:
    default_target: True
    input:
        rules.labels.input,
        rules.menus.input,
        rules.signage.input,
        rules.strategy.input,
        rules.decks.input,
        rules.print.input,
