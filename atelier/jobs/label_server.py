"""A label-drawing process kept warm between runs, so that a one-row edit draws its label without
importing the drawing stack (cairo parses its C headers at import, then fontTools, pikepdf, the
layout engine: ~0.4 s of a ~2 s edit, in Snakemake's process).

A label job (``labels.run``) first asks this process, over a Unix socket, to run its
``build_labels`` call; when none answers, it starts one, detached, and draws the job itself. The
process serves one project folder (its socket's name is the folder's digest) and one state of
what it may have cached by file name — the package's code, the brand files, the label templates,
the schemas, the label settings and the Python environment: a job sends their digest with its
call, and a process started for another state answers ``stale`` and exits, so the job draws
itself and starts a fresh one. The process exits after ``ATELIER_WARM_MINUTES`` without a job
(default 10; 0 turns it off, as on a cluster executor, where jobs run on other machines), or
when its folder or its socket is gone.

It changes where a label is drawn, not what is drawn: the same ``build_labels``, the same bytes
(tests/test_label_server.py). A job it was serving when its run was stopped finishes there: its
files are written whole (``write_if_changed``), and the rerun of the job queues behind it.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
import socket
import socketserver
import subprocess
import sys
import sysconfig
import tempfile
import time
import traceback
from pathlib import Path

from ..files import file_digest
from ..paths import SCHEMAS
from .incremental import JobError

MINUTES = "ATELIER_WARM_MINUTES"
DEFAULT_MINUTES = 10.0
POLL_S = 2.0  # how often an idle process looks at its clock, folder and socket


def minutes() -> float:
    """How long a warm process waits for work (0: none is used or started)."""
    try:
        return max(0.0, float(os.environ.get(MINUTES, DEFAULT_MINUTES)))
    except ValueError:
        return DEFAULT_MINUTES


def address(folder: str | Path | None = None) -> Path:
    """The socket of ``folder``'s warm process (default: the working folder), in a directory
    only this user can enter: the socket carries pickles."""
    root = Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()) / f"atelier-{os.getuid()}"
    root.mkdir(mode=0o700, exist_ok=True)
    st = root.stat()
    if st.st_uid != os.getuid() or st.st_mode & 0o077:  # made by someone else: not used
        raise PermissionError(f"{root} is not this user's alone")
    name = hashlib.sha256(f"{Path(folder or '.').resolve()}\0{sys.prefix}".encode()).hexdigest()
    return root / f"{name[:24]}.sock"


def state_key(settings: list[str], template: str, stamps: list[str]) -> str:
    """The digest of everything a warm process may hold in memory by file name: the stamps of
    the package's code and the brand files, the label settings, every label template, the
    schemas, and the Python environment (its interpreter and installed packages)."""
    files = [*stamps, *settings, *Path(template).parent.glob("*.svg"), *SCHEMAS.glob("*.yaml")]
    packages = os.stat(sysconfig.get_paths()["purelib"]).st_mtime_ns
    return f"{file_digest(files)}:{os.path.realpath(sys.executable)}:{packages}"


def ask(call: dict, key: str) -> dict | None:
    """``build_labels(**call)`` run by the folder's warm process: its counts, or None when no
    process served it (none running, started for another state, or gone while drawing). A
    problem in the data raises ``JobError`` as the call would here."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(str(address()))
            sock.sendall(pickle.dumps((key, call)))
            sock.shutdown(socket.SHUT_WR)
            reply = pickle.loads(_read_all(sock))
    except (OSError, EOFError, pickle.UnpicklingError):
        return None
    status, value = reply
    if status == "error":
        raise JobError(value)
    return value if status == "done" else None


def start(key: str) -> None:
    """Start the folder's warm process, detached from this run (it outlives it)."""
    try:
        subprocess.Popen(
            [sys.executable, "-m", "atelier.jobs.label_server", str(address()), key, str(minutes())],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
    except OSError:  # no room for its socket: jobs go on drawing themselves
        pass


def stop(folder: str | Path) -> None:
    """Ask ``folder``'s warm process to exit (tests, after their builds)."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(str(address(folder)))
            sock.sendall(pickle.dumps(("stop", None)))
            sock.shutdown(socket.SHUT_WR)
            _read_all(sock)
    except OSError:
        pass


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(1 << 16):
        chunks.append(chunk)
    if not chunks:
        raise EOFError("no reply")
    return b"".join(chunks)


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        server: _Server = self.server  # type: ignore[assignment]
        key, call = pickle.loads(self.rfile.read())
        if key != server.key:  # started for another state of the code, brand… (or told to stop)
            server.done = True
            reply = ("stale", None)
        else:
            try:
                reply = ("done", server.build_labels(**call))
            except JobError as exc:
                reply = ("error", str(exc))
            except Exception:  # a bug: the job draws itself and shows it with its traceback
                traceback.print_exc()
                reply = ("failed", None)
        self.wfile.write(pickle.dumps(reply))
        server.last = time.monotonic()


class _Server(socketserver.UnixStreamServer):
    timeout = POLL_S

    def __init__(self, path: Path, key: str, idle_s: float, build_labels):
        self.key, self.idle_s, self.build_labels = key, idle_s, build_labels
        self.done, self.last = False, time.monotonic()
        super().__init__(str(path), _Handler)
        self.inode = os.stat(path).st_ino

    def still_wanted(self, folder: Path) -> bool:
        try:
            ours = os.stat(self.server_address).st_ino == self.inode
        except OSError:
            ours = False
        return (not self.done and ours and folder.is_dir()
                and time.monotonic() - self.last < self.idle_s)


def serve(path: Path, key: str, idle_minutes: float) -> None:
    """Run as ``python -m atelier.jobs.label_server SOCKET KEY MINUTES`` in the project folder."""
    folder = Path.cwd()
    with open(f"{path}.lock", "a+") as lock:  # not "w": it would empty another one's pid
        if not _locked(lock):  # one process per folder: a second one started with it leaves
            return
        lock.truncate(0)
        lock.write(f"{os.getpid()}\n")  # who serves the folder (tests, and anyone wondering)
        lock.flush()
        log = path.with_suffix(".log")
        sys.stderr = open(log, "w", encoding="utf-8")  # noqa: SIM115 — its errors, if it has any
        from . import label_work  # noqa: F401 — the drawing stack, loaded once for every job
        from .labels import build_labels, close_workers

        path.unlink(missing_ok=True)  # left by a process that was killed
        with _Server(path, key, idle_minutes * 60, build_labels) as server:
            while server.still_wanted(folder):
                server.handle_request()  # one job, or nothing for POLL_S
                if time.monotonic() - server.last > POLL_S:
                    close_workers()  # a full build's worker processes, once it is over
            close_workers()
            if os.path.exists(path) and os.stat(path).st_ino == server.inode:
                path.unlink()
        # A process waiting on this lock file would then share the lock with the next one to
        # create it; of two processes serving a folder, the one whose socket was replaced leaves.
        Path(f"{path}.lock").unlink(missing_ok=True)
        sys.stderr.close()
        if not log.stat().st_size:
            log.unlink()


def _locked(lock, wait_s: float = 3.0) -> bool:
    """Whether this process got the folder's lock, waiting a little for a stale process that
    is still leaving."""
    end = time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            if time.monotonic() > end:
                return False
            time.sleep(0.05)


if __name__ == "__main__":
    serve(Path(sys.argv[1]), sys.argv[2], float(sys.argv[3]))
