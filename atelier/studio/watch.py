"""Watch mode (``make watch``): rebuild when the studio saves a file, and show the proofs live.

Three threads and the main one:

- the **watcher** (``watchfiles``, inotify) waits for saves in ``inputs/``, ``templates/``,
  ``brand/``, ``config/`` (and the BAT approvals' and deliveries' folders); a burst of events —
  Excel writes a temporary file, then renames it — counts as one save (``quiet_ms``);
- the **builder** runs Snakemake (the same command as ``make build``, with the profile's summary)
  whenever a save came in; a save *during* a build is kept and rebuilt right after it;
- the **server** (``atelier.studio.serve``) shows ``build/proofs/index.html`` on 127.0.0.1 and
  reloads the open page when a build ends — or shows the build's located errors.

Ctrl-C (or SIGTERM) stops the watcher, then asks Snakemake to stop with SIGTERM — it lets its
running jobs finish, so no half-written file is left (a second Ctrl-C stops it at once; its
unfinished outputs are then redone by the next build, ``rerun-incomplete``) — then the server.
Snakemake runs in its own session so that the terminal's Ctrl-C reaches only this process.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

WATCHED = ("inputs", "templates", "brand", "config")
# Office and editors' own files: lock files, temporary copies, our atomic writes' temporaries
IGNORED = re.compile(r"(^~\$|^\.~lock\.|\.tmp$|^\.#|~$|\.sw.$|^\.DS_Store$|\.pyc$)")
VALIDATION = Path("build/validation/report.txt")
ERROR_LINES = 60  # of a failed build's output, when it is not a validation report


@dataclass
class Options:
    host: str = "127.0.0.1"
    port: int = 8000
    quiet_ms: int = 300  # a save is over when nothing changed for this long
    command: list[str] = field(default_factory=list)  # Snakemake and its arguments
    extra_paths: list[str] = field(default_factory=list)


def snakemake_command(targets: list[str]) -> list[str]:
    return [str(Path(sys.executable).with_name("snakemake")), *targets]


def keep(change, path: str) -> bool:
    """watchfiles' filter: every file but lock files and temporaries."""
    return not IGNORED.search(os.path.basename(path)) and "__pycache__" not in path


class Builder:
    """Runs one build at a time; ``request`` asks for one (now, or after the running one)."""

    def __init__(self, command: list[str], on_done, out=sys.stdout):
        self.command, self.on_done, self.out = command, on_done, out
        self.wanted = threading.Event()
        self.stopping = threading.Event()
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._loop, name="atelier-builder", daemon=True)

    def request(self, why: str = "") -> None:
        if why:
            self._say(f"\n↻ {why}")
        self.wanted.set()

    def _say(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    def _loop(self) -> None:
        while not self.stopping.is_set():
            if not self.wanted.wait(timeout=0.2):
                continue
            if self.stopping.is_set():
                break
            self.wanted.clear()  # a save from now on asks for the next build
            ok, errors = self._build()
            if self.stopping.is_set():
                break
            self.on_done(ok, errors)

    def _build(self) -> tuple[bool, str]:
        started = time.time()
        with self.lock:
            self.process = subprocess.Popen(
                self.command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                bufsize=1, start_new_session=True)  # Ctrl-C is ours to pass on
        lines = []
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.out.write(line)
            self.out.flush()
            lines.append(line.rstrip("\n"))
        code = self.process.wait()
        with self.lock:
            self.process = None
        if code == 0:
            return True, ""
        return False, failure_text(lines, started)

    def stop(self, timeout: float = 120.0) -> None:
        """Stop after the running jobs: SIGTERM to Snakemake alone (its jobs finish, outputs
        whole); a second call, or the timeout, interrupts it."""
        self.stopping.set()
        self.wanted.set()
        with self.lock:
            process = self.process
        if process is None:
            return
        try:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGINT)
            process.wait()

    def interrupt(self) -> None:
        """Second Ctrl-C: stop Snakemake and its jobs now."""
        with self.lock:
            process = self.process
        if process is not None:
            try:
                os.killpg(process.pid, signal.SIGINT)
            except ProcessLookupError:
                pass


def failure_text(lines: list[str], started: float) -> str:
    """What the page shows for a failed build: the validation report when this build wrote it
    (every located problem of the sheets), else the build's own error lines."""
    try:
        if VALIDATION.stat().st_mtime >= started - 1 and "error(s) in the inputs" in \
                VALIDATION.read_text(encoding="utf-8"):
            return VALIDATION.read_text(encoding="utf-8")
    except OSError:
        pass
    useful = [x for x in lines if x.strip() and not x.startswith("Using workflow specific")]
    return "\n".join(useful[-ERROR_LINES:])


def watch(options: Options, out=sys.stdout) -> int:
    """Run watch mode until Ctrl-C / SIGTERM; returns the exit code."""
    import watchfiles

    from .. import brand
    from .serve import Server, Status

    paths = [p for p in (*WATCHED, *options.extra_paths) if Path(p).exists()]
    status = Status()
    builder = Builder(options.command, lambda ok, errors: status.finished(ok, errors), out)

    def approve(asset: str, sha: str, by: str, remarks: str) -> str:
        from ..settings import load_settings
        from .bat import approve as approve_files

        settings = load_settings(Path("config/settings.yaml"))
        target = Path(((settings.get("pack") or {}).get("bat") or {})
                      .get("approvals", "bat/approbations.csv"))
        done = approve_files([asset], by, remarks, target, expected_sha={asset: sha})
        # the approvals' folder is watched: saving the file asks for the build that shows it
        builder.out.write(f"\nBAT : {asset} approuvé par {by}\n")
        return f"approuvé ({done[0].le[:16].replace('T', ' ')}) — reconstruction…"

    server = Server((options.host, options.port), Path("build"), status, approve,
                    brand.colour("all.rouge_brique"))
    host, port = server.server_address[:2]
    served = threading.Thread(target=server.serve_forever, name="atelier-server", daemon=True)
    served.start()
    stop = threading.Event()
    out.write(f"Atelier ALL — mode veille : épreuves sur http://{host}:{port}/proofs/index.html\n"
              f"  surveille {', '.join(paths)} ; Ctrl-C pour arrêter\n")
    out.flush()

    def on_signal(signum, frame):
        if stop.is_set():  # second Ctrl-C
            builder.interrupt()
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    builder.thread.start()
    builder.request("première fabrication")

    def watch_files():
        for changes in watchfiles.watch(*paths, watch_filter=keep, step=options.quiet_ms,
                                        stop_event=stop, raise_interrupt=False, rust_timeout=500):
            names = sorted({os.path.relpath(p) for _c, p in changes})
            builder.request("enregistré : " + ", ".join(names[:3])
                            + (f" (+{len(names) - 3})" if len(names) > 3 else ""))

    watcher = threading.Thread(target=watch_files, name="atelier-watcher", daemon=True)
    watcher.start()
    try:
        while not stop.wait(0.2):
            pass
    finally:
        out.write("\nArrêt : la fabrication en cours termine ses travaux…\n")
        out.flush()
        builder.stop()
        server.stopping.set()
        server.shutdown()
        server.server_close()
        for s, handler in previous.items():
            signal.signal(s, handler)
        out.write("Mode veille arrêté.\n")
        out.flush()
    return 0
