"""Every benchmark with its default figures, one after another (what ``make bench`` runs).

    .venv/bin/python bench/run.py [inputs labels menus signage scale]

Each prints its own figures against its issue's targets; this only runs them in turn and says
which failed. Together they take about 15 minutes on the 2-core machine (scale at 5,000
products is most of it). ``bench/preflight.py`` runs inside a built project and is not included.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ALL = ["inputs", "labels", "menus", "signage", "scale"]


def main() -> int:
    names = sys.argv[1:] or ALL
    unknown = [n for n in names if n not in ALL]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(ALL)}")
        return 2
    failed = []
    for name in names:
        print(f"\n== bench/{name}.py", flush=True)
        started = time.perf_counter()
        if subprocess.run([sys.executable, str(BENCH / f"{name}.py")]).returncode:
            failed.append(name)
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
