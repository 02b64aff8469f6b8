# The printer's pack: everything under build/print/ listed, checked and zipped, and the proofs.
# The families write the printer's files as CMYK PDF/X already (atelier/print/pdfx.py).
#   build/print/MANIFEST.csv               one row per print file (its job, size, quantity, stock,
#                                          output condition, SHA-256, changed since the last delivery)
#   build/print/fiche-de-fabrication.pdf   the job sheet: one row per print job, its files inside
#   build/preflight/index.html             every print file read back and checked
#   build/print-pack.zip                   what the printer receives (refused on preflight errors)
#   build/office-pack.zip                  the office's A4 label sheets (build/office/), apart
#   build/proofs/index.html                gallery of every asset, grouped by family
# Built from PRINT_FILES and the families' target rules, so a new family needs no change here.
# Work: atelier/jobs/pack.py; planning: atelier/plan/pack.py.


from atelier.plan.pack import (
    GALLERY_STATE,
    PLAN,
    PackPlan,
    approvals_file,
    if_exists,
    previous_manifest,
)

# planned in rules/common.smk (printers_pack)
PACK = DATA.plan(printers_pack, PackPlan(PLAN, [], [], [], {}))
# The thumbnails and CMYK copies are written under their job's state file, like the labels.
OWNED_FILES.update(PACK.owned)
DATA.restage_if_missing(PACK.owned, PACK.plan, GALLERY_STATE)
PREVIOUS_MANIFEST = previous_manifest(DATA.settings)
APPROVALS = approvals_file(DATA.settings)  # the studio's BAT approvals (« bat » column)
BRAND_FONTS = [f for f in BRAND_FILES if f.endswith((".ttf", ".otf"))]


# The preflight is the one rule that lists every print file: it runs whenever one changed and
# rewrites its summary, which the manifest and the pack read (listing the files in every rule
# only made Snakemake's planning slower).
rule print_manifest:
    input:
        summary="build/preflight/summary.json",
        plan=PACK.plan,
        previous=if_exists(PREVIOUS_MANIFEST),
        approvals=if_exists(APPROVALS),
    output:
        report(
            "build/print/MANIFEST.csv",
            caption="../report/imprimeur.rst",
            category="Imprimeur",
        ),
    log:
        "build/logs/print-manifest.log",
    conda:
        "../envs/atelier.yaml"
    params:
        previous=PREVIOUS_MANIFEST,
        approvals=APPROVALS,
    script:
        "scripts/print_manifest.py"


rule print_jobsheet:
    input:
        manifest="build/print/MANIFEST.csv",
        plan=PACK.plan,
        brand=BRAND,
    output:
        report(
            "build/print/fiche-de-fabrication.pdf",
            caption="../report/imprimeur.rst",
            category="Imprimeur",
        ),
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
        plan=PACK.plan,
        sidecars=PACK.sidecars,
        fonts=BRAND_FONTS,
    output:
        html=report(
            "build/preflight/index.html",
            caption="../report/preflight.rst",
            category="Preflight",
        ),
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
        manifest="build/print/MANIFEST.csv",  # BAT states, changes since the last delivery
        assets=PACK.assets,
    output:
        html=report(
            "build/proofs/index.html",
            caption="../report/epreuves.rst",
            category="Épreuves",
        ),
        state=update(GALLERY_STATE),  # stands for the thumbnails (PACK.owned)
    log:
        "build/logs/print-gallery.log",
    conda:
        "../envs/atelier.yaml"
    threads: workflow.cores
    script:
        "scripts/print_gallery.py"


rule print_pack:
    """The zip the printer receives; refused while the preflight reports errors (or, with
    pack.bat.unapproved: refuse, unapproved files)."""
    input:
        plan=PACK.plan,
        manifest="build/print/MANIFEST.csv",
        jobsheet="build/print/fiche-de-fabrication.pdf",
        summary="build/preflight/summary.json",
        preflight="build/preflight/index.html",
        # made first, so that a refused pack still leaves the proofs that say why
        gallery="build/proofs/index.html",
    output:
        "build/print-pack.zip",
    log:
        "build/logs/print-pack.log",
    conda:
        "../envs/atelier.yaml"
    script:
        "scripts/print_pack.py"


rule office_pack:
    """The office's label sheets (build/office/): printed in the office, never quoted by the printer."""
    input:
        plan=PACK.plan,
        summary="build/preflight/summary.json",
    output:
        "build/office-pack.zip",
    log:
        "build/logs/office-pack.log",
    conda:
        "../envs/atelier.yaml"
    script:
        "scripts/office_pack.py"


rule print:
    """The printer's pack, the office's pack, the preflight report and the proof gallery."""
    input:
        "build/print-pack.zip",
        "build/office-pack.zip",
        "build/proofs/index.html",
        "build/preflight/index.html",
        STAGED,
