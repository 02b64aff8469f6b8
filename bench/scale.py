"""Scale: full build, no-op and one-row edit at 1,000 and 5,000 products (with 200 stops).

    .venv/bin/python bench/scale.py [--sizes 1000 5000] [--targets labels signage_panels]

Targets (issue 9): no-op at 5,000 products ≤ 5 s; one-row edit at 5,000 products ≤ 3 s; full
build growing no worse than linearly from 1,000 to 5,000. Menus are measured by bench/menus.py
(a 300-dish menu), documents and decks do not grow with the number of products.
The signage target is the panels (``signage_panels``, one per stop): the overview map and the
leaflet label every stop on one A1 frame, which 200 stops do not fit (the build says so, naming
the stops it found no place for; the sample's 18 fit).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from common import (
    ROOT,
    WarmTree,
    make_project,
    median,
    repeated_edits,
    set_lot,
    snakemake,
    snakemake_floor,
    spread,
    without_warm_process,
)

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--targets", nargs="+", default=["labels", "signage_panels"])
    ap.add_argument("--edits", type=int, default=5, help="one-row edits timed (median printed)")
    ap.add_argument("--stops", type=int, default=200, help="trail stops (signage panels)")
    ap.add_argument("--keep", type=Path, help="build in DIR/<n> and keep it (for profiling)")
    args = ap.parse_args()
    results = {}
    for n in args.sizes:
        work = args.keep / str(n) if args.keep else Path(tempfile.mkdtemp(prefix=f"bench-scale-{n}-"))
        work.mkdir(parents=True, exist_ok=True)
        try:
            project = make_project(work / "p")
            synth.build(project / "inputs", products=n, dishes=60, stops=args.stops, partners=300,
                        seed=7, check=False)
            with WarmTree(project) as warm:
                full, rss, _ = snakemake(project, *args.targets)
            noop, _, _ = snakemake(project, *args.targets)
            sku = set_lot(project / "inputs", "L2020-0999")
            edits = repeated_edits(
                project, lambda i, p=project, s=sku: set_lot(p / "inputs", f"L2020-{1000 + i}", s),
                args.targets, args.edits)
            cold = repeated_edits(
                project, lambda i, p=project, s=sku: set_lot(p / "inputs", f"L2020-{2000 + i}", s),
                args.targets, args.edits, env=without_warm_process())
            results[n] = (full, noop, median(edits), rss)
            print(f"{n:5d} products, {args.stops} stops ({' + '.join(args.targets)}): full {full:6.1f} s, "
                  f"no-op {noop:4.1f} s, peak {rss:5.0f} MiB (largest process; {warm})"
                  f"\n      one-row edit ({sku}): {spread(edits)}"
                  f"\n      the same without the warm label process: {spread(cold)}", flush=True)
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
    print(f"Snakemake's own floor, one trivial job with the profile: {snakemake_floor():4.2f} s")
    if len(results) >= 2:
        (a, ra), (b, rb) = sorted(results.items())[:1][0], sorted(results.items())[-1]
        print(f"full build grows ×{rb[0] / ra[0]:.2f} for ×{b / a:.0f} products "
              f"(linear would be ×{b / a:.0f})")


if __name__ == "__main__":
    main()
