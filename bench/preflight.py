"""Time the preflight of a built project's print files: cold (no cache) and warm (cache).

    cd <built project> && PYTHONPATH=/work/main /work/main/.venv/bin/python \
        /work/main/bench/preflight.py [threads]

Prints the number of files and distinct page rasters decoded, and the seconds of each phase.
"""

from __future__ import annotations

import json
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
    # Phases, on one process, for one file of each kind (family and paper).
    plan = pack.load_plan(PLAN)
    conf = plan["pack"].get("preflight") or {}
    seen = set()
    for e in plan["files"]:
        kind = (e["family"], e["paper"], e.get("large"))
        if kind in seen:
            continue
        seen.add(kind)
        states = [json.loads(Path(p).read_text()) for p in e["sidecars"]]
        expect = pf.expectations_for(Path(e["path"]).name, states)
        dpi = pf.raster_dpi(expect, e.get("large", False), conf.get("code_dpi", 200),
                            conf.get("code_dpi_large", 100))
        spec = pf.FileSpec(e["path"], e["width_mm"], e["height_mm"], e["bleed_mm"],
                           e["safety_margin_mm"], e["min_dpi"], code_dpi=dpi)
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            _f, keys = pf.inspect_file(spec, expect, pf.brand_font_names(fonts), dpi,
                                       pack._x_height_mm_per_pt, Path(tmp))
            t1 = time.perf_counter()
            pf.decode_rasters([Path(tmp) / f"{k}.pgm" for k in keys])
            t2 = time.perf_counter()
        print(f"  {e['path']} ({e['width_mm']:g} × {e['height_mm']:g} mm, codes at {dpi:g} dpi): "
              f"read back {t1 - t0:.2f} s, decode {t2 - t1:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
