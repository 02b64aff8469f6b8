"""Watch mode: a real save, a real browser (Debian's Chromium, headless, over the DevTools pipe).

The workflow test starts ``atelier watch`` on a small project, opens the served gallery, edits a
cell of the products' sheet and sees the page reload by itself with the new proof (the image the
browser shows has the new proof's bytes), then saves an error and sees the located error on the
page, then stops watch mode with Ctrl-C in the middle of a build and finds nothing half-written."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from atelier.studio.watch import Builder, keep

from .cdp import CHROMIUM, Browser
from .conftest import copy_built, edit_cell, watched_folder

ATELIER = str(Path(sys.executable).with_name("atelier"))
EDITED = "biere-noire-parcours"
REBUILD_S = 240  # a one-row rebuild of the small project, with room for a loaded machine


# -- the builder ---------------------------------------------------------------------------------
def test_a_save_during_a_build_is_built_after_it(tmp_path):
    """Two saves while a build runs: one more build after it, not two, not none."""
    runs = tmp_path / "runs"
    script = f"import time; open({str(runs)!r}, 'a').write('x'); time.sleep(1.0)"
    done = []
    builder = Builder([sys.executable, "-c", script], lambda ok, errors: done.append(ok),
                      out=open(os.devnull, "w"))
    builder.thread.start()
    builder.request()
    deadline = time.monotonic() + 10
    while not runs.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    builder.request()  # saved during the build
    builder.request()
    while len(done) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.5)  # no third build comes
    builder.stop()
    assert done == [True, True] and runs.read_text() == "xx"


def test_stop_lets_the_running_build_finish(tmp_path):
    """Ctrl-C asks the build to stop with SIGTERM: a build that finishes its work on SIGTERM
    (as Snakemake lets its running jobs finish) leaves its file whole."""
    out = tmp_path / "out.txt"
    script = ("import signal, sys, time\n"
              f"p = {str(out)!r}\n"
              "def finish(*_):\n"
              "    time.sleep(0.5); open(p, 'w').write('whole'); sys.exit(1)\n"
              "signal.signal(signal.SIGTERM, finish)\n"
              "print('started', flush=True); time.sleep(30)\n")
    builder = Builder([sys.executable, "-c", script], lambda ok, errors: None,
                      out=open(os.devnull, "w"))
    builder.thread.start()
    builder.request()
    deadline = time.monotonic() + 10
    while builder.process is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    builder.stop()
    assert out.read_text() == "whole"


def test_lock_files_and_temporaries_are_not_saves():
    assert keep(None, "inputs/produits.xlsx")
    for name in ("inputs/~$produits.xlsx", "inputs/.~lock.produits.xlsx#",
                 "inputs/.produits.xlsx.123.tmp", "templates/x.svg~"):
        assert not keep(None, name), name


# -- the real thing ------------------------------------------------------------------------------
class Watch:
    def __init__(self, project: Path):
        env = {"ATELIER_WARM_MINUTES": "1", **os.environ, "PYTHONUNBUFFERED": "1"}
        watched_folder(project)  # its warm label process is stopped with the session
        self.process = subprocess.Popen([ATELIER, "watch", "--port", "0", "--quiet-ms", "300"],
                                        cwd=project, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = None
        deadline = time.monotonic() + 60
        while self.url is None and time.monotonic() < deadline:
            m = next((re.search(r"http://127\.0\.0\.1:(\d+)/", x) for x in self.lines
                      if "http://127.0.0.1:" in x), None)
            if m:
                self.url = f"http://127.0.0.1:{m.group(1)}"
            time.sleep(0.1)
        assert self.url, self.output()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self) -> str:
        return "\n".join(self.lines[-60:])

    def status(self) -> dict:
        with urllib.request.urlopen(f"{self.url}/__atelier/status", timeout=10) as r:
            return json.loads(r.read())

    def wait_build(self, n: int, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            s = self.status()
            if s["build"] >= n:
                return s
            time.sleep(0.3)
        raise AssertionError(f"build {n} did not end in {timeout} s:\n{self.output()}")


SHOWN_PROOF = """(async () => {
  const img = document.querySelector('figure[data-asset="print/labels/EDITED.pdf"] img');
  if (!img) { return null; }
  const bytes = await (await fetch(img.src)).arrayBuffer();
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, "0")).join("");
})()""".replace("EDITED", EDITED)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium")
def test_watch_reloads_the_open_gallery_with_the_new_proof(labels_build, tmp_path):
    project = copy_built(labels_build, tmp_path / "project")
    proof = project / "build/proofs/labels" / f"{EDITED}.png"
    watch = Watch(project)
    browser = None
    try:
        first = watch.wait_build(1, 900)
        assert first["ok"], first["errors"]
        browser = Browser(tmp_path / "chromium")
        browser.open(f"{watch.url}/proofs/index.html")
        assert browser.wait_loads(1, 60)
        old = hashlib.sha256(proof.read_bytes()).hexdigest()
        assert browser.evaluate(SHOWN_PROOF) == old

        # a designer saves one cell: the page reloads by itself, showing the new proof
        saved = time.monotonic()
        edit_cell(project / "inputs/produits.xlsx", "sku", EDITED, "lot", "L2020-WATCH")
        assert browser.wait_loads(2, REBUILD_S), watch.output()
        reloaded = time.monotonic() - saved
        new = hashlib.sha256(proof.read_bytes()).hexdigest()
        assert new != old
        assert browser.evaluate(SHOWN_PROOF) == new
        assert watch.status()["ok"]
        print(f"save → reloaded page with the new proof: {reloaded:.1f} s")

        # a sheet saved with an error: the page shows where, instead of the proofs
        edit_cell(project / "inputs/produits.xlsx", "sku", EDITED, "prix_ttc", "douze")
        assert browser.wait_loads(3, REBUILD_S), watch.output()
        shown = browser.evaluate("document.querySelector('#errors') && "
                                 "document.querySelector('#errors').textContent")
        assert shown and "produits.xlsx" in shown and "Prix TTC" in shown and "douze" in shown
        assert browser.evaluate(SHOWN_PROOF) is None  # no proofs on the error page

        # fixed again, and Ctrl-C while that build runs: it stops cleanly, nothing half-written
        builds = watch.status()["build"]
        edit_cell(project / "inputs/produits.xlsx", "sku", EDITED, "prix_ttc", 7.5)
        deadline = time.monotonic() + 30
        while not any("enregistré" in x for x in watch.lines[-5:]) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(3)  # into the build
        watch.process.send_signal(signal.SIGINT)
        assert watch.process.wait(timeout=300) == 0, watch.output()
        assert "Mode veille arrêté" in watch.output()
        leftovers = [str(p) for p in (project / "build").rglob("*") if p.name.endswith(".tmp")]
        assert not leftovers
        incomplete = project / ".snakemake/incomplete"
        assert not incomplete.exists() or not any(incomplete.iterdir()), \
            f"Snakemake left unfinished outputs (build {builds + 1} was interrupted)"
    finally:
        if browser:
            browser.close()
        if watch.process.poll() is None:
            watch.process.send_signal(signal.SIGINT)
            try:
                watch.process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                watch.process.kill()
