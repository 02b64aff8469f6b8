"""Snakemake's output for designers: a progress bar, errors in full, and the build's summary
(``atelier.studio.summary``) instead of the job listing.

A Snakemake logger plugin (snakemake-interface-logger-plugins: the package
``snakemake_logger_plugin_atelier`` in ``plugins/`` only exposes this class), chosen in
``profiles/default/config.yaml`` (``logger: [atelier]``). Snakemake gives the handler its own
default filter and formatter (``has_filter``/``has_formatter`` are False), so whatever is shown
reads exactly as Snakemake writes it. ``--logger-atelier-listing`` shows Snakemake's full job
listing as well; dry runs (``-n``) always show it.

Jobs' own progress lines (« labels pot-1: 3 of 14 drawn… ») stay in their logs while the summary
is on: the handler sets ``ATELIER_SUMMARY=1``, which job processes inherit
(``atelier.jobs.console``).
"""


import logging
import os
import sys
import time
from dataclasses import dataclass, field

from snakemake_interface_logger_plugins.base import LogHandlerBase
from snakemake_interface_logger_plugins.common import LogEvent
from snakemake_interface_logger_plugins.settings import LogHandlerSettingsBase

QUIET_JOBS = "ATELIER_SUMMARY"
BAR = 24  # characters
# Snakemake's own chatter around the jobs, which the summary replaces; other messages (« Report
# created. », « Nothing to be done ») are shown as Snakemake writes them.
CHATTER = ("Building DAG of jobs", "Using shell:", "Provided cores:", "Rules claiming more threads",
           "Select jobs to execute", "Execute ", "Complete log", "Assuming unrestricted shared",
           "host:", "Conda environments:", "Job stats:", "Nothing to be done", "Finished jobid",
           "Singularity containers:", "Job ", "Provided resources:", "Waiting at most")
# With per-file metadata dropped (profiles/default), `--report` warns once per file: one line.
NO_METADATA = "Missing metadata for file"


# No `from __future__ import annotations` in this module: the plugin registry reads the settings'
# field types (a bool becomes a flag).
@dataclass
class LogHandlerSettings(LogHandlerSettingsBase):
    listing: bool = field(
        default=False,
        metadata={"help": "Show Snakemake's full job listing as well as the summary."},
    )


class LogHandler(LogHandlerBase):
    def __post_init__(self) -> None:
        self.dryrun = bool(getattr(self.common_settings, "dryrun", False))
        self.listing = bool(getattr(self.settings, "listing", False)) or self.dryrun
        self.stream = sys.stdout if getattr(self.common_settings, "stdout", False) else sys.stderr
        self.tty = self.stream.isatty()
        self.jobs: list = []
        self.errors: list[str] = []  # rules whose job failed
        self.no_metadata = 0
        self.up_to_date = False  # Snakemake found nothing to do
        self.progress: tuple[int, int] | None = None
        self.bar_shown = False
        self.said = False
        self.started = time.monotonic()
        self.snapshot = None
        if not self.dryrun:
            from .summary import Snapshot

            self.snapshot = Snapshot()
        if not self.listing:
            os.environ[QUIET_JOBS] = "1"

    # -- what Snakemake asks of a handler ---------------------------------------------------
    @property
    def writes_to_stream(self) -> bool:
        return True

    @property
    def writes_to_file(self) -> bool:
        return False

    @property
    def has_filter(self) -> bool:
        return False

    @property
    def has_formatter(self) -> bool:
        return False

    @property
    def needs_rulegraph(self) -> bool:
        return False

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._emit(record)
        except Exception:  # a logger must never stop a build
            self.handleError(record)

    def _emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "event", None)
        if event == LogEvent.JOB_INFO:
            from .summary import Job

            # paths as Snakemake prints them: « build/state/x.json (update) »
            outputs = [str(o).split(" (")[0] for o in record.output or []]
            self.jobs.append(Job(record.rule_name, outputs, getattr(record, "reason", "") or ""))
        elif event in (LogEvent.JOB_ERROR, LogEvent.GROUP_ERROR):
            self.errors.append(getattr(record, "rule_name", "") or "")
        elif event == LogEvent.PROGRESS:
            self.progress = (record.done, record.total)
        message = record.getMessage() if event is None else ""
        if message.startswith("Nothing to be done"):
            self.up_to_date = True
        if not self.listing and message.startswith(NO_METADATA):
            self.no_metadata += 1
        elif self.listing or record.levelno >= logging.WARNING \
                or event in (LogEvent.JOB_ERROR, LogEvent.GROUP_ERROR, LogEvent.ERROR) \
                or (event is None and message.strip() and not message.lstrip().startswith(CHATTER)):
            self._write(self.format(record))
        elif event == LogEvent.PROGRESS and self.tty:
            self._bar(record.done, record.total)
        if event == LogEvent.PROGRESS and record.done == record.total:
            self._summary()

    # -- output ----------------------------------------------------------------------------
    def _write(self, text: str) -> None:
        if not text:
            return
        self._clear_bar()
        self.stream.write(text.rstrip("\n") + "\n")
        self.stream.flush()

    def _bar(self, done: int, total: int) -> None:
        filled = round(BAR * done / total) if total else BAR
        self.stream.write(f"\r  {'█' * filled}{'░' * (BAR - filled)} {done}/{total} étapes "
                          f"({time.monotonic() - self.started:.0f} s)")
        self.stream.flush()
        self.bar_shown = True

    def _clear_bar(self) -> None:
        if self.bar_shown:
            self.stream.write("\r\033[K")
            self.bar_shown = False

    def _summary(self) -> None:
        """Once, when the last job is done or at the end of a run that stopped."""
        if self.said or self.dryrun or self.snapshot is None:
            return
        self.said = True
        from ..records import changes
        from .summary import RECORDS, summary

        ok = not self.errors and (self.progress is None or self.progress[0] == self.progress[1])
        refused = "voir le message ci-dessus" if "print_pack" in self.errors else None
        lines = summary(self.jobs, self.snapshot, ok, refused)
        seconds = time.monotonic() - self.started
        steps = f"{self.progress[1]} étape(s), " if self.progress else ""
        self._write(f"Atelier ALL — {steps}{seconds:.0f} s\n" + "\n".join(f"  {x}" for x in lines))
        if ok:
            changes.clear(RECORDS)

    def close(self) -> None:
        # A run that stopped on an error never reaches its last step: say what it did.
        if (self.jobs or self.up_to_date) and not self.said:
            self._summary()
        if self.no_metadata:
            self._write(f"({self.no_metadata} files without Snakemake's per-file metadata, which "
                        f"profiles/default drops: their provenance is not in the report)")
            self.no_metadata = 0
        self._clear_bar()
        super().close()
