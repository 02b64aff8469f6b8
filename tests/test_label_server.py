"""The warm label process (atelier/jobs/label_server.py): a one-row edit is drawn by it, to the
bytes a job drawing itself makes; a changed template makes it step down for a fresh one; a
problem in the data reads as before; it leaves when idle."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from atelier.jobs import label_server

from .conftest import copy_built, edit_cell, own_copy, snakemake


def job_log(project: Path, sku: str) -> str:
    """The log of the label job whose batch lists ``sku``."""
    for batch in sorted((project / "build/records/_labels").glob("*.json")):
        if any(p["sku"] == sku for p in json.loads(batch.read_text())["products"]):
            return (project / "build/logs" / f"labels-{batch.stem}.log").read_text()
    raise KeyError(sku)


def drawn_in(project: Path, sku: str) -> str:
    return json.loads(job_log(project, sku))["drawn_in"]


def server_pid(project: Path, timeout: float = 60.0, other_than: int | None = None) -> int:
    """The pid of the folder's warm process once it listens (and is not ``other_than``)."""
    sock = label_server.address(project)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid = int(Path(f"{sock}.lock").read_text().strip() or 0)
        except (FileNotFoundError, ValueError):
            pid = 0
        if pid and pid != other_than and sock.exists() and alive(pid):
            return pid
        time.sleep(0.1)
    raise AssertionError(f"no warm process listens for {project}")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]


def labels_tree(project: Path) -> dict[str, str]:
    root = project / "build"
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for sub in ("print/labels", "office", "proofs/labels")
            for p in sorted((root / sub).rglob("*")) if p.is_file()}


def set_lot(project: Path, sku: str, lot: str) -> None:
    edit_cell(project / "inputs/produits.xlsx", "sku", sku, "lot", lot)


@pytest.mark.slow
def test_an_edit_is_drawn_by_the_warm_process_to_the_bytes_a_job_draws(labels_build, tmp_path,
                                                                       monkeypatch):
    warm = copy_built(labels_build, tmp_path / "warm")
    cold = copy_built(labels_build, tmp_path / "cold")
    # then two more, of other formats (a jar's office sheet, a bottle's printer PDF/X), drawn
    # one after the other by the same warm process
    later = {"miel-printemps-terrils": "L-WARM-2", "biere-noire-parcours": "L-WARM-3"}
    for project in (warm, cold):
        set_lot(project, "caramels-chicoree", "L-WARM-1")
        for sku, lot in later.items():
            set_lot(project, sku, lot if project == cold else "L-0")

    snakemake(warm, "labels")  # no warm process yet: the job draws, and starts one
    assert drawn_in(warm, "caramels-chicoree") == "job"
    pid = server_pid(warm)
    for sku, lot in later.items():
        set_lot(warm, sku, lot)
    snakemake(warm, "labels")
    assert [drawn_in(warm, sku) for sku in later] == ["warm process"] * 2
    assert server_pid(warm) == pid

    monkeypatch.setenv("ATELIER_WARM_MINUTES", "0")  # off: every job draws itself
    snakemake(cold, "labels")
    assert [drawn_in(cold, sku) for sku in later] == ["job"] * 2
    assert not label_server.address(cold).exists()
    assert labels_tree(warm) == labels_tree(cold)


@pytest.mark.slow
def test_a_changed_template_or_bad_row_and_idleness(labels_build, settings, tmp_path,
                                                    monkeypatch):
    project = copy_built(labels_build, tmp_path / "p")
    set_lot(project, "miel-printemps-terrils", "L-A")
    snakemake(project, "labels")
    first = server_pid(project)

    # a template the process may hold in memory changed: it answers « stale » and leaves, the
    # job draws itself and starts a fresh one
    batch = next(b for b in (project / "build/records/_labels").glob("*.json")
                 if any(p["sku"] == "miel-printemps-terrils"
                        for p in json.loads(b.read_text())["products"]))
    fmt = settings["labels"]["formats"][json.loads(batch.read_text())["format"]]
    own_copy(project, "templates")
    template = project / "templates/labels" / fmt["template"]
    template.write_text(template.read_text() + "<!-- retouché -->\n")
    set_lot(project, "miel-printemps-terrils", "L-B")
    snakemake(project, "labels")
    assert drawn_in(project, "miel-printemps-terrils") == "job"
    second = server_pid(project, other_than=first)
    assert not alive(first)
    set_lot(project, "miel-printemps-terrils", "L-C")
    snakemake(project, "labels")
    assert drawn_in(project, "miel-printemps-terrils") == "warm process"

    # a product that cannot be labelled: the same located message, no traceback
    edit_cell(project / "inputs/produits.xlsx", "sku", "sel-fume-chene", "nom_fr", "Sel fumé " * 17)
    proc = snakemake(project, "labels", check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "sel-fume-chene" in out and "produits.xlsx" in out and "does not fit" in out
    assert "Traceback" not in out
    assert "(drawn in the warm process)" in job_log(project, "sel-fume-chene")
    assert server_pid(project) == second

    # idle for ATELIER_WARM_MINUTES: it leaves, and takes its socket with it
    label_server.stop(project)
    edit_cell(project / "inputs/produits.xlsx", "sku", "sel-fume-chene", "nom_fr", "Sel fumé")
    monkeypatch.setenv("ATELIER_WARM_MINUTES", "0.1")
    snakemake(project, "labels")
    third = server_pid(project, other_than=second)
    deadline = time.monotonic() + 30
    while alive(third) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(third)
    assert not label_server.address(project).exists()


def test_no_warm_process_means_no_answer(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert label_server.ask({"batch": "x"}, "key") is None


def test_the_state_key_follows_the_templates_and_settings(tmp_path):
    folder = tmp_path / "labels"
    folder.mkdir()
    template, other, settings = folder / "a.svg", folder / "b.svg", tmp_path / "labels.json"
    for path in (template, other, settings):
        path.write_text("<svg/>")
    key = label_server.state_key([str(settings)], str(template), [])
    assert label_server.state_key([str(settings)], str(template), []) == key
    other.write_text("<svg><g/></svg>")  # another format's template: cached by name too
    assert label_server.state_key([str(settings)], str(template), []) != key
    key = label_server.state_key([str(settings)], str(template), [])
    settings.write_text("{}")
    assert label_server.state_key([str(settings)], str(template), []) != key


def test_a_socket_folder_others_can_enter_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    shared = tmp_path / f"atelier-{os.getuid()}"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    with pytest.raises(PermissionError):
        label_server.address()
    assert label_server.ask({}, "key") is None
    started = []
    monkeypatch.setattr(label_server.subprocess, "Popen", lambda *a, **k: started.append(a))
    label_server.start("key")  # quietly does nothing
    assert started == [] and list(shared.iterdir()) == []


def test_a_warm_process_that_does_not_answer_is_stopped(tmp_path, monkeypatch):
    """A stuck process (a worker lost, say) would hold every later run: past ``ANSWER_S`` the
    job stops it, with its workers, and draws itself."""
    import socket
    import subprocess
    import sys
    import threading

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(label_server, "ANSWER_S", 0.5)
    path = label_server.address()
    stuck = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                             start_new_session=True)
    Path(f"{path}.lock").write_text(f"{stuck.pid}\n")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(str(path))
        listener.listen()
        held = []
        threading.Thread(target=lambda: held.append(listener.accept()), daemon=True).start()
        assert label_server.ask({"batch": "x"}, "key") is None
    assert stuck.wait(timeout=10) == -9
