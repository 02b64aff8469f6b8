"""Helpers shared by the benchmarks: a throw-away project folder, timed commands."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))
LINKED = ["Snakefile", "rules", "templates", "brand", "schemas", "config", "profiles"]


def make_project(where: Path) -> Path:
    """A folder that runs the real workflow on its own inputs/ and build/."""
    where.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        link = where / name
        if not link.exists():
            link.symlink_to(ROOT / name)
    return where


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MiB of the largest process, output) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], cwd=cwd, capture_output=True,
                          text=True, env=env or dict(os.environ))
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    rss_kb = int(proc.stderr.strip().splitlines()[-1])
    del before
    return wall, rss_kb / 1024, proc.stdout + proc.stderr


def snakemake(project: Path, *args: str) -> tuple[float, float, str]:
    return timed([SNAKEMAKE, *args], project)


def peer(name: str) -> Path:
    """A peer tool's folder under shared/peers/, found from the project or a worktree of it."""
    for folder in ROOT.parents:
        if (folder / "shared" / "peers" / name).is_dir():
            return folder / "shared" / "peers" / name
    return ROOT.parent / "shared" / "peers" / name
