#!/usr/bin/env python3
"""Signage benchmark: what an edit of one stop rewrites and how long it takes, and how long 200
synthetic stops take to build (target < 60 s on the 2-core machine).

    .venv/bin/python bench/signage.py [--stops 200] [--work /tmp/bench-signage]
                                      [--skip-synth] [--skip-edits]

Runs the real workflow (``snakemake signage``) in private project folders; never in the repo.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import SNAKEMAKE, edit_cell, make_project, rows_of  # noqa: E402


def run(project: Path, *args: str) -> float:
    t0 = time.perf_counter()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([SNAKEMAKE, *args], cwd=project, capture_output=True, text=True)
    took = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds too: on a shared, loaded machine wall time alone says little
    run.cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    if proc.returncode:
        sys.exit(f"snakemake {' '.join(args)} failed in {project}:\n{proc.stderr[-4000:]}")
    return took


def snapshot(project: Path) -> dict[str, str]:
    out = {}
    for folder in ("print/signage", "proofs/signage"):
        for p in sorted((project / "build" / folder).glob("*")):
            out[f"{folder}/{p.name}"] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def changed(before: dict, after: dict) -> list[str]:
    return sorted(k for k in after if after[k] != before.get(k)) + \
        sorted(f"{k} (removed)" for k in before if k not in after)


def edits(work: Path):
    project = make_project(work / "sample")
    took = run(project, "signage")
    print(f"sample trail, full signage build: {took:.1f} s, {run.cpu:.1f} CPU-s "
          f"(load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    took = run(project, "signage")
    print(f"no-op rerun: {took:.1f} s")
    sheet = project / "inputs" / "etapes.xlsx"
    stops = sorted(rows_of(sheet), key=lambda r: r["numero"])
    target, before_it = stops[5], stops[4]
    print(f"editing stop {target['numero']} « {target['id']} » (previous: {before_it['id']})")
    cases = [
        ("texte_fr", target["texte_fr"] + " Visites guidées le dimanche."),
        ("nom", "Les terrils du 11/19"),
        ("latitude", round(target["latitude"] + 0.004, 5)),
    ]
    for column, value in cases:
        before = snapshot(project)
        edit_cell(sheet, "id", target["id"], column, value)
        took = run(project, "signage")
        diff = changed(before, snapshot(project))
        print(f"  edit {column}: {took:.1f} s, {run.cpu:.1f} CPU-s, {len(diff)} file(s) rewritten;"
              f" {job_logs(project)}")
        for name in diff:
            print(f"      {name}")


def job_logs(project: Path) -> str:
    """What each job said it drew (a code change elsewhere in the package re-draws all)."""
    out = []
    for log in ("signage-panels", "signage-overview"):
        path = project / "build" / "logs" / f"{log}.log"
        if path.exists():
            d = json.loads(path.read_text())
            out.append(f"{log}: drawn {d['drawn']}" + (f"/{d['panels']}" if "panels" in d else ""))
    return ", ".join(out)


def synthetic(work: Path, n: int):
    inputs = work / "synth-inputs"
    subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), str(inputs),
                    "--products", "20", "--stops", str(n)], check=True, capture_output=True)
    project = make_project(work / "synth", inputs_from=inputs)
    run(project, "check")  # stage the inputs once, so the figure below is the signage build
    took = run(project, "signage")
    panels = len(list((project / "build" / "print" / "signage").glob("*.pdf"))) - 2
    print(f"{n} synthetic stops: signage built in {took:.1f} s, {run.cpu:.1f} CPU-s "
          f"({panels} panels + map + leaflet; target < 60 s; load {os.getloadavg()[0]:.1f})")
    print(f"  {job_logs(project)}")
    took = run(project, "signage")
    print(f"  no-op rerun: {took:.1f} s")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stops", type=int, default=200)
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench-signage"))
    ap.add_argument("--skip-synth", action="store_true")
    ap.add_argument("--skip-edits", action="store_true")
    a = ap.parse_args(argv)
    shutil.rmtree(a.work, ignore_errors=True)
    a.work.mkdir(parents=True)
    if not a.skip_edits:
        edits(a.work)
    if not a.skip_synth:
        synthetic(a.work, a.stops)
    return 0


if __name__ == "__main__":
    sys.exit(main())
