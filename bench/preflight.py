"""Time the preflight of a built project's print files: cold (no cache) and warm (cache).

    cd <built project> && PYTHONPATH=/work/main /work/main/.venv/bin/python \
        /work/main/bench/preflight.py [threads]

Prints the number of files and distinct page rasters decoded, and the seconds of each phase.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from atelier.jobs import pack
from atelier.plan.pack import PLAN
from atelier.print import preflight as pf


def main(threads: int) -> None:
    fonts = sorted(str(p) for p in Path("brand/fonts").iterdir() if p.suffix in (".ttf", ".otf"))
    with tempfile.TemporaryDirectory() as tmp:
        state = str(Path(tmp) / "preflight.json")
        html, summary = str(Path(tmp) / "index.html"), str(Path(tmp) / "summary.json")
        for run in ("cold", "warm"):
            started = time.perf_counter()
            s = pack.run_preflight(PLAN, fonts, html, summary, state, threads=threads)
            took = time.perf_counter() - started
            print(f"{run}: {s['files']} file(s), {s['checked']} checked, "
                  f"{s.get('pages_decoded', 0)} distinct page(s) decoded, {s['errors']} error(s), "
                  f"{s['warnings']} warning(s): {took:.1f} s")
    # Phases, on one process, for the profile of a single file of each family.
    plan = pack.load_plan(PLAN)
    seen = set()
    for e in plan["files"]:
        kind = (e["family"], e["paper"])
        if kind in seen:
            continue
        seen.add(kind)
        spec = pf.FileSpec(e["path"], e["width_mm"], e["height_mm"], e["bleed_mm"],
                           e["safety_margin_mm"], e["min_dpi"])
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            _f, keys = pf.inspect_file(spec, pf.Expect(), pf.brand_font_names(fonts), 200,
                                       pack._x_height_mm_per_pt, Path(tmp))
            t1 = time.perf_counter()
            pf.decode_rasters([Path(tmp) / f"{k}.pgm" for k in keys])
            t2 = time.perf_counter()
        print(f"  {e['path']}: read back {t1 - t0:.2f} s, decode {t2 - t1:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
