"""A label-drawing process kept warm between runs, so that a one-row edit draws its label without
importing the drawing stack (cairo parses its C headers at import, then fontTools, pikepdf, the
layout engine: ~0.4 s of a ~2 s edit, in Snakemake's process).

A label job (``labels.run``) first asks this process, over a Unix socket, to run its
``build_labels`` call; when none answers, it starts one, detached, and draws the job itself. The
process serves one project folder (its socket's name is the folder's digest) and one state of
what it may hold in memory, read by file name (``state_key``): the package's code, the brand
files, the label templates, the schemas, the settings (the staged sections and
config/settings.yaml, whose ``text:`` rules the text engine keeps) and the Python environment. A
job sends their digest with its call; a process started for another state answers ``stale`` and
exits, so the job draws itself and starts a fresh one. The process exits after
``ATELIER_WARM_MINUTES`` without a job (default 10; 0 turns it off, as on a cluster executor,
where jobs run on other machines), or when its folder or its socket is gone.

It changes where a label is drawn, not what is drawn: the same ``build_labels``, the same bytes
(tests/test_label_server.py). A job it was serving when its run was stopped finishes there (its
files are written whole, by ``write_if_changed``), and the rerun of the job queues behind it. A
job that gets no answer within ``ANSWER_S`` stops the process and draws itself.
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
from ..paths import SCHEMAS, settings_file
from .incremental import JobError

MINUTES = "ATELIER_WARM_MINUTES"
DEFAULT_MINUTES = 10.0
POLL_S = 2.0  # how often an idle process looks at its clock, folder and socket
CONNECT_S = 5.0
ANSWER_S = 15 * 60.0  # a job of a few sheets takes seconds; a full 5,000-label build, ~2 min


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
    the package's code and the brand files, the staged settings, the project's settings file (the
    text engine's rules are read from it once per process), every label template, the schemas, and
    the Python environment (its interpreter and installed packages)."""
    files = [*stamps, *settings, settings_file(), *Path(template).parent.glob("*.svg"),
             *SCHEMAS.glob("*.yaml")]
    packages = os.stat(sysconfig.get_paths()["purelib"]).st_mtime_ns
    return f"{file_digest(files)}:{os.path.realpath(sys.executable)}:{packages}"


def ask(call: dict, key: str) -> dict | None:
    """``build_labels(**call)`` run by the folder's warm process: its counts, or None when no
    process served it (none running, started for another state, or gone while drawing). A
    problem in the data raises ``JobError`` as the call would here."""
    try:
        path = address()
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(CONNECT_S)
            sock.connect(str(path))
            sock.settimeout(ANSWER_S)
            sock.sendall(pickle.dumps((key, call)))
            sock.shutdown(socket.SHUT_WR)
            status, value = pickle.loads(_read_all(sock))
    except TimeoutError:  # stuck (a worker lost?): it goes, with its workers, and the job draws
        _kill(path)
        return None
    except Exception:  # none there, or gone while drawing: the job draws itself
        return None
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
    except OSError:  # its socket's folder is not this user's alone: jobs go on drawing themselves
        pass


def stop(folder: str | Path) -> None:
    """Ask ``folder``'s warm process to exit (tests, after their builds): a call with a key no
    process is started with, which it answers « stale » before leaving."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(str(address(folder)))
            sock.sendall(pickle.dumps(("stop", None)))
            sock.shutdown(socket.SHUT_WR)
            _read_all(sock)
    except OSError:
        pass


def _kill(path: Path) -> None:
    """Stop the process serving ``path`` and its workers (its session: it leads one)."""
    try:
        os.killpg(int(Path(f"{path}.lock").read_text()), 9)
    except (OSError, ValueError):
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
        try:
            self.wfile.write(pickle.dumps(reply))
        except (BrokenPipeError, ConnectionResetError):
            pass  # its run was stopped while the job was drawn here: the files are written all the same
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
    lock = _lock(Path(f"{path}.lock"))
    if lock is None:  # one process per folder: a second one started with it leaves
        return
    with lock:
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
        Path(f"{path}.lock").unlink()  # a process waiting on it sees it gone (``_lock``)
        sys.stderr.close()
        if not log.stat().st_size:
            log.unlink()


def _lock(path: Path, wait_s: float = 3.0):
    """The folder's lock file, opened and locked by this process — or None when another process
    holds it for longer than ``wait_s`` (a stale one is leaving within milliseconds). A file
    locked after its holder removed it is not the lock any more: open it again."""
    end = time.monotonic() + wait_s
    while time.monotonic() < end:
        lock = open(path, "a+")  # noqa: SIM115 — returned open; not "w": it would empty the pid
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.fstat(lock.fileno()).st_ino == os.stat(path).st_ino:
                return lock
        except OSError:
            pass
        lock.close()
        time.sleep(0.05)
    return None


if __name__ == "__main__":
    serve(Path(sys.argv[1]), sys.argv[2], float(sys.argv[3]))
