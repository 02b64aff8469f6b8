"""Reading + validating + staging N products, and a no-op parse, in-process.

    .venv/bin/python bench/inputs.py [--n 5000]

Target (issue 2): ≤ 3 s for 5,000 products on this 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5000)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-inputs-"))
    try:
        synth.build(work / "inputs", products=args.n, dishes=300, stops=50, partners=300,
                    seed=7, check=False)
        os.chdir(work)
        from atelier.pipeline import LAST, stage
        from atelier.settings import load_settings

        settings = load_settings()
        t = time.perf_counter()
        staged = stage(settings, quiet=True)
        first = time.perf_counter() - t
        LAST.unlink()
        t = time.perf_counter()
        stage(settings, quiet=True)
        again = time.perf_counter() - t
        t = time.perf_counter()
        stage(settings, quiet=True)
        noop = time.perf_counter() - t
        n = len(staged.table("produits"))
        print(f"{n} products (+ {len(staged.table('partenaires'))} partners, "
              f"{len(staged.table('plats'))} dishes, {len(staged.table('etapes'))} stops)")
        print(f"  read + validate + stage, first time      {first:5.2f} s  (target ≤ 3 s)")
        print(f"  read + validate, records already staged  {again:5.2f} s")
        print(f"  no-op (inputs unchanged: fingerprint)    {noop:5.3f} s")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
