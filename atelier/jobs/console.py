"""A job's one-line account of what it did (« labels pot-1: 1 of 14 drawn… »).

Printed for whoever reads Snakemake's listing; kept quiet while the build's summary is shown
instead (``ATELIER_SUMMARY``, set by the logger plugin, atelier/studio/logger.py, and inherited by
the job processes). The line is in the job's log either way.
"""

from __future__ import annotations

import os

QUIET = "ATELIER_SUMMARY"


def quiet() -> bool:
    return os.environ.get(QUIET) == "1"


def tell(line: str) -> None:
    if not quiet():
        print(line, flush=True)
