# The printer's pack: everything under build/print/ listed, checked and zipped, and the proofs.
#   build/print/MANIFEST.csv               one row per print file (size, quantity, paper, SHA-256,
#                                          changed since the last delivery)
#   build/print/fiche-de-fabrication.pdf   the manifest as a printable job sheet
#   build/preflight/index.html             every print file read back and checked
#   build/print-cmyk/…                     CMYK copies, when printer.colour is cmyk
#   build/print-pack.zip                   what the printer receives (refused on preflight errors)
#   build/proofs/index.html                gallery of every asset, grouped by family
# Built from PRINT_FILES and the families' target rules, so a new family needs no change here.
# Work: atelier/jobs/pack.py; planning: atelier/plan/pack.py.

from atelier.plan.pack import GALLERY_STATE, if_exists, plan_pack, previous_manifest
from atelier.plan.registry import files_by_state, standing_for

FILES_OF_STATE = files_by_state(OWNED_FILES)
PACK = plan_pack(
    PRINT_FILES,
    DATA.settings,
    workflow.rules,
    {
        # what each family's target builds, for the gallery (state files stand for their files)
        name: standing_for(getattr(rules, name).input, FILES_OF_STATE)
        for name in ("labels", "menus", "signage", "strategy", "decks")
        if hasattr(rules, name)
    },
    OWNED_FILES,
)
# The thumbnails and CMYK copies are written under their job's state file, like the labels.
OWNED_FILES.update(PACK.owned)
PREVIOUS_MANIFEST = previous_manifest(DATA.settings)
BRAND_FONTS = [f for f in BRAND_FILES if f.endswith((".ttf", ".otf"))]


if PACK.cmyk:

    rule print_cmyk:
        """CMYK copies (Ghostscript, black text in pure K), converted only when their source changed."""
        input:
            pdfs=PACK.pdfs,
            plan=PACK.plan,
        output:
            state=update(PACK.cmyk[0]),  # stands for the copies (PACK.owned)
        log:
            "build/logs/print-cmyk.log",
        conda:
            "../envs/atelier.yaml"
        threads: workflow.cores
        script:
            "scripts/print_cmyk.py"


# The preflight is the one rule that lists every print file: it runs whenever one changed and
# rewrites its summary, which the manifest and the pack read (listing the files in every rule
# only made Snakemake's planning slower).
rule print_manifest:
    input:
        summary="build/preflight/summary.json",
        plan=PACK.plan,
        previous=if_exists(PREVIOUS_MANIFEST),
    output:
        report("build/print/MANIFEST.csv", category="Imprimeur"),
    log:
        "build/logs/print-manifest.log",
    conda:
        "../envs/atelier.yaml"
    params:
        previous=PREVIOUS_MANIFEST,
    script:
        "scripts/print_manifest.py"


rule print_jobsheet:
    input:
        manifest="build/print/MANIFEST.csv",
        plan=PACK.plan,
        brand=BRAND,
    output:
        report("build/print/fiche-de-fabrication.pdf", category="Imprimeur"),
    log:
        "build/logs/print-jobsheet.log",
    conda:
        "../envs/atelier.yaml"
    script:
        "scripts/print_jobsheet.py"


rule print_preflight:
    """Every print file read back and checked; re-checks only the files that changed."""
    input:
        pdfs=PACK.pdfs,
        cmyk=PACK.cmyk,
        plan=PACK.plan,
        sidecars=PACK.sidecars,
        fonts=BRAND_FONTS,
    output:
        html=report("build/preflight/index.html", category="Preflight"),
        summary="build/preflight/summary.json",
        state=update("build/state/preflight.json"),
    log:
        "build/logs/print-preflight.log",
    conda:
        "../envs/atelier.yaml"
    threads: workflow.cores
    script:
        "scripts/print_preflight.py"


rule print_gallery:
    input:
        plan=PACK.plan,
        summary="build/preflight/summary.json",
        assets=PACK.assets,
    output:
        html=report("build/proofs/index.html", category="Épreuves"),
        state=update(GALLERY_STATE),  # stands for the thumbnails (PACK.owned)
    log:
        "build/logs/print-gallery.log",
    conda:
        "../envs/atelier.yaml"
    threads: workflow.cores
    script:
        "scripts/print_gallery.py"


rule print_pack:
    """The zip the printer receives; refused while the preflight reports errors."""
    input:
        plan=PACK.plan,
        manifest="build/print/MANIFEST.csv",
        jobsheet="build/print/fiche-de-fabrication.pdf",
        summary="build/preflight/summary.json",
        preflight="build/preflight/index.html",
    output:
        "build/print-pack.zip",
    log:
        "build/logs/print-pack.log",
    conda:
        "../envs/atelier.yaml"
    script:
        "scripts/print_pack.py"


rule print:
    """The printer's pack, its preflight report and the proof gallery."""
    input:
        "build/print-pack.zip",
        "build/proofs/index.html",
        "build/preflight/index.html",
