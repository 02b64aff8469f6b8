"""Labels against the gLabels 3 peer (../shared/peers/glabels), side by side on the same products.

    .venv/bin/python bench/labels.py [--n 1000] [--keep DIR]

The peer's generator writes N French products (name, producer, net quantity, URL); the same
products become our `produits` sheet (format l7163, one label each, nutrition-exempt like the
peer's labels). Both tools then make 99.1 × 38.1 mm labels with QR codes on A4 sheets (2 × 7).
We also write one print PDF (bleed, crop marks, boxes) and one PNG proof per label, and check
every EU 1169/2011 rule; gLabels writes only the sheets. Printed: wall time, peak memory (largest
process), the ratio, and the rebuild after editing one product row (the median of --edits runs,
beside Snakemake's own time for one trivial job, measured in the same minutes).
Needs Debian's glabels (glabels-3-batch); without it, only our figures are printed.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from common import (
    ROOT,
    WarmTree,
    make_project,
    peer,
    repeated_edits,
    set_lot,
    snakemake,
    snakemake_floor,
    spread,
    timed,
    without_warm_process,
)

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

from atelier.inputs.schema import load_schemas  # noqa: E402
from atelier.settings import load_settings  # noqa: E402

PEER = peer("glabels")
JAM = re.compile(r"^\W*(confiture|gelée|marmelade|crème de marrons)\b", re.I)


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def peer_products(n: int, out: Path) -> list[dict]:
    csv_path = out / "peer-products.csv"
    subprocess.run([sys.executable, str(PEER / "gen_products.py"), str(n), str(csv_path)],
                   check=True)
    with open(csv_path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def quantity(text: str) -> tuple[float, str]:
    """« 6 x 45 g » -> (270, g); « environ 350 g » -> (350, g); « 2,5 kg » -> (2.5, kg)."""
    m = re.search(r"(?:(\d+)\s*x\s*)?([\d,]+)\s*(kg|g|cl|ml|l)\b", text)
    count = int(m[1]) if m[1] else 1
    return float(m[2].replace(",", ".")) * count, m[3]


def our_inputs(rows: list[dict], folder: Path) -> None:
    """A complete inputs folder whose products are the peer's products."""
    settings, schemas = load_settings(), load_schemas()
    tables = synth.synthesise(20, 20, 5, 20, 7, settings, schemas,
                              synth.read_sample(synth.SAMPLE, settings))
    makers = {}
    for r in rows:
        makers.setdefault(r["producer"], f"maker-{len(makers) + 1:02d}")
    partners = tables["partenaires"]
    base = partners[0]
    for name, ident in makers.items():
        partners.append(dict(base, id=ident, nom=name, type="artisan"))
    products = []
    for r in rows:
        qty, unit = quantity(r["net_qty"])
        products.append({
            "sku": slug(r["sku"]), "nom_fr": r["name"], "fabricant": makers[r["producer"]],
            "quantite_nette": qty, "unite": unit, "conservation_fr": "À conserver au sec.",
            "type_date": "ddm", "duree_conservation_jours": 365, "lot": "L2020-0001",
            "url": r["url"].split("?")[0], "format_etiquette": "l7163",
            "quantite_impression": 1, "exemption_nutrition": True,
            "surface_emballage_cm2": 120,  # a box of 12 × 10 cm: the 1.2 mm x-height applies
        })
        jam = JAM.match(r["name"])
        if jam:  # Directive 2001/113/EC: the category, fruit and total sugars are mandatory
            kind = {"confiture": "confiture", "gelée": "gelee", "marmelade": "marmelade",
                    "crème de marrons": "creme-de-marrons"}[jam[1].lower()]
            if re.search(r"\bextra\b", r["name"], re.I) and kind in ("confiture", "gelee"):
                kind += "-extra"
            # a small jar (Ø 5,5 cm × 4,5 cm, under 80 cm²): the peer's 99.1 × 38.1 label holds
            # the statements at the 0.9 mm x-height; a 220 g jar would need the pot label
            products[-1].update(type_confiture=kind, fruits_g_100g=50, sucres_totaux_g_100g=58,
                                surface_emballage_cm2=75)
    tables["produits"] = products
    synth.write(folder, tables, schemas)


def set_production(project: Path, production: str) -> None:
    """The project's own copy of config/ with l7163 made by ``production``."""
    link = project / "config"
    if link.is_symlink():
        link.unlink()
        shutil.copytree(ROOT / "config", link)
    path = link / "settings.yaml"
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("    l7163:\n")
    rest = re.sub(r"production: \w+", f"production: {production}", rest, count=1)
    path.write_text(head + sep + rest, encoding="utf-8")


def digest_tree(build: Path) -> dict[str, str]:
    """The deliverables' digests (print files, office sheets, proofs)."""
    return {p.relative_to(build).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for top in ("print", "office", "proofs") for p in sorted((build / top).rglob("*"))
            if p.is_file()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--edits", type=int, default=7, help="one-row edits timed (median printed)")
    ap.add_argument("--production", choices=["office", "printer"], default=None,
                    help="make l7163 an office format (RGB A4 sheets, as in config/settings.yaml)"
                         " or a printer's (a CMYK PDF/X per label)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-labels-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = peer_products(args.n, work)
    project = make_project(work / "atelier")
    if args.production:
        set_production(project, args.production)
    if (project / "build").exists():
        shutil.rmtree(project / "build")
    shutil.rmtree(project / ".snakemake", ignore_errors=True)
    our_inputs(rows, project / "inputs")

    print(f"{args.n} products, labels 99.1 × 38.1 mm on A4 sheets (2 × 7)")
    peer_wall = peer_rss = None
    if shutil.which("glabels-3-batch"):
        peer_wall, peer_rss, _ = timed(["bash", str(PEER / "run.sh"), str(args.n),
                                        str(work / "glabels")], work)
        print(f"  gLabels 3 (sheets only)                   {peer_wall:6.1f} s  {peer_rss:6.0f} MiB")
    with WarmTree(project) as warm:
        wall, rss, _ = snakemake(project, "labels")
    n_pdf = len([*project.glob("build/print/labels/*.pdf"),
                 *project.glob("build/office/etiquettes/*.pdf")])
    n_sheets = len(list(project.glob("build/office/planches/*.pdf")))
    print(f"  Atelier ALL full build                    {wall:6.1f} s  {rss:6.0f} MiB"
          f"   ({n_pdf} label PDFs + {n_pdf} PNG proofs + {n_sheets} sheets)")
    if peer_wall:
        print(f"  ratio (target ≤ 0.8)                      {wall / peer_wall:6.2f}")
    noop, _, _ = snakemake(project, "labels")
    print(f"  no-op run                                 {noop:6.1f} s")

    sku = slug(rows[len(rows) // 2]["sku"])

    def edit(i: int) -> None:  # the product's lot number, a new one at each run
        set_lot(project / "inputs", f"L2020-{777 + i:04d}", sku)

    before = digest_tree(project / "build")
    edit(0)
    snakemake(project, "labels")
    after = digest_tree(project / "build")
    changed = sorted(k for k in after if before.get(k) != after[k])
    edits = repeated_edits(project, lambda i: edit(i + 1), ["labels"], args.edits)
    print(f"  after editing one product row (target ≤ 2 s) {spread(edits)}")
    print(f"    files rewritten: {', '.join(changed)}")
    cold = repeated_edits(project, lambda i: edit(100 + i), ["labels"], args.edits,
                          env=without_warm_process())
    print(f"    the same without the warm label process: {spread(cold)}")
    print(f"    Snakemake's own floor, one trivial job with the profile: {snakemake_floor():4.2f} s")
    print(f"  peak memory target ≤ 500 MiB: {rss:.0f} MiB (largest process of the build; {warm})")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
