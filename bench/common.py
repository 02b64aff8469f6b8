"""Helpers shared by the benchmarks: a throw-away project folder, timed commands."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
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


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def set_lot(inputs: Path, lot: str, sku: str | None = None) -> str:
    """A one-row edit: the lot number of product ``sku`` (by default the sheet's middle row) in
    ``inputs/produits.xlsx`` becomes ``lot``. Returns the product's sku."""
    from openpyxl import load_workbook

    from atelier.inputs.headers import normalise

    path = inputs / "produits.xlsx"
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    col = [c.column for c in ws[1] if c.value and normalise(c.value) == "lot"][0]
    row = next((r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == sku), ws.max_row // 2)
    ws.cell(row=row, column=col, value=lot)
    wb.save(path)
    return str(ws.cell(row=row, column=1).value)


def repeated_edits(project: Path, edit, targets: list[str], runs: int,
                   env: dict | None = None) -> list[float]:
    """Wall times of ``runs`` one-row edits, each followed by ``snakemake targets``: ``edit(i)``
    changes a cell to a value of its own, so every run has one row to redo. This VM's speed
    varies by ±40 % from one minute to the next; one run says little, a median more."""
    times = []
    for i in range(runs):
        edit(i)
        times.append(timed([SNAKEMAKE, *targets], project, env)[0])
    return times


FLOOR_SNAKEFILE = """rule all:
    input: "one.txt"
rule one:
    output: "one.txt"
    run:
        open(output[0], "w").write("done")
"""


def snakemake_floor(runs: int = 5) -> float:
    """Median wall time of Snakemake running one trivial job with the project's profile
    (profiles/default): its own start, planning, one job and exit — the part of any run that
    is not ours, measured in the same minutes as our figures."""
    with tempfile.TemporaryDirectory(prefix="bench-floor-") as tmp:
        folder = Path(tmp)
        (folder / "Snakefile").write_text(FLOOR_SNAKEFILE, encoding="utf-8")
        (folder / "profiles").symlink_to(ROOT / "profiles")
        times = []
        for _ in range(runs):
            (folder / "one.txt").unlink(missing_ok=True)
            times.append(timed([SNAKEMAKE], folder)[0])
    return median(times)


def spread(times: list[float]) -> str:
    return f"median {median(times):4.2f} s ({min(times):.2f}–{max(times):.2f} s over {len(times)})"


class WarmTree:
    """Peak memory of the project's warm label process (atelier/jobs/label_server.py) and its
    workers, sampled every 0.25 s while a command runs: they run beside the build, in a session
    of their own, and are not among the processes ``timed`` measures.

        with WarmTree(project) as warm:
            snakemake(project, "labels")
        warm.largest, warm.together   # MiB: the largest process, all of them at once
    """

    def __init__(self, project: Path):
        from atelier.jobs.label_server import address

        self.lock = Path(f"{address(project)}.lock")
        self.largest = self.together = 0.0
        self._done = threading.Event()

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.wait(0.25):
            try:
                session = int(self.lock.read_text())
            except (OSError, ValueError):
                continue
            sizes = [rss for pid in os.listdir("/proc") if pid.isdigit()
                     for rss in [_rss_in_session(pid, session)] if rss]
            if sizes:
                self.largest = max(self.largest, max(sizes))
                self.together = max(self.together, sum(sizes))

    def __str__(self) -> str:
        return (f"the warm label process and its workers beside it: largest {self.largest:.0f} "
                f"MiB, together {self.together:.0f} MiB" if self.largest else "no warm label process")


def _rss_in_session(pid: str, session: int) -> float | None:
    """Resident MiB of process ``pid`` when it belongs to ``session``."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        if int(stat.rpartition(")")[2].split()[3]) != session:  # field 6: the session id
            return None
        status = Path(f"/proc/{pid}/status").read_text()
    except (OSError, ValueError, IndexError):
        return None
    return next((int(line.split()[1]) / 1024 for line in status.splitlines()
                 if line.startswith("VmRSS:")), None)


def without_warm_process():
    """Environment for runs whose label jobs draw themselves (no warm process used or started)."""
    return dict(os.environ, ATELIER_WARM_MINUTES="0")
