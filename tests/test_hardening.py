"""Faults and scale: interrupted builds, two builds at once, cluster execution, injection."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SNAKEMAKE, copy_built, edit_cell, make_project, snakemake
from .pdfcheck import text


def tree(project: Path, subs=("build/print/labels", "build/office")) -> dict[str, str]:
    """The label files (the printer's and the office's) by path, with their digests."""
    root = project / "build"
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for sub in subs for p in sorted((project / sub).rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def clean_labels(sample_build) -> Path:
    """The labels of a clean, uninterrupted build: the sample's (shared, read only)."""
    return sample_build


@pytest.mark.slow
def test_sigkill_mid_build_then_rerun_equals_a_clean_build(clean_labels, tmp_path, after=4.0):
    project = make_project(tmp_path / "killed")
    proc = subprocess.Popen([SNAKEMAKE, "labels"], cwd=project, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(after)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    snakemake(project, "--unlock")
    snakemake(project, "labels")
    assert tree(project) == tree(clean_labels)


@pytest.mark.slow
def test_two_builds_at_once_get_a_clear_message(clean_labels, tmp_path):
    project = make_project(tmp_path / "twice")
    first = subprocess.Popen([SNAKEMAKE, "labels"], cwd=project, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.time() + 60
        locks = project / ".snakemake" / "locks"
        while time.time() < deadline and not (locks.exists() and any(locks.iterdir())):
            time.sleep(0.2)
        second = snakemake(project, "labels", check=False)
        assert second.returncode != 0
        assert "cannot be locked" in (second.stdout + second.stderr)
    finally:
        first.wait(timeout=600)
    assert first.returncode == 0
    assert tree(project) == tree(clean_labels)


@pytest.mark.slow
def test_cluster_executor_gives_the_same_bytes(clean_labels, tmp_path):
    """Each job submitted through snakemake-executor-plugin-cluster-generic (a local shell
    stands in for sbatch) re-parses the workflow in its own process: same files."""
    project = make_project(tmp_path / "cluster")
    # the printer's jar labels (PDF/X, die lines) and the office's stickers: two formats' jobs
    states = sorted(p.relative_to(clean_labels).as_posix() for p in
                    (clean_labels / "build/state").glob("labels-*.json")
                    if p.name.startswith(("labels-pot-", "labels-emporter-")))
    assert len(states) >= 2
    snakemake(project, *states, "--executor", "cluster-generic",
              "--cluster-generic-submit-cmd", f"bash {ROOT}/tests/cluster/submit.sh",
              "--jobs", "4", "--seconds-between-status-checks", "1")
    made = tree(project)
    clean = tree(clean_labels)
    assert made and any(k.startswith("print/labels/") for k in made) \
        and any(k.startswith("office/") for k in made)
    assert made == {k: clean[k] for k in made}


@pytest.mark.slow
def test_non_http_urls_are_refused(tmp_path):
    project = make_project(tmp_path / "urls")
    edit_cell(project / "inputs/produits.xlsx", "sku", "sel-fume-chene", "url",
              "javascript:alert(1)")
    proc = snakemake(project, "check", check=False)
    assert proc.returncode != 0 and "https://" in proc.stderr


@pytest.mark.slow
def test_two_full_builds_in_different_folders_are_byte_identical(sample_build, tmp_path):
    """Everything — print files, proofs, web pages, documents, decks, the pack — twice: the
    shared sample build and one in a folder of another depth."""
    first = sample_build
    second = make_project(tmp_path / "elsewhere" / "two")
    snakemake(second)
    skip = {"logs", ".cache"}

    def everything(project):
        root = project / "build"
        return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(root.rglob("*"))
                if p.is_file() and not skip & set(p.relative_to(root).parts)}

    one, two = everything(first), everything(second)
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []
    assert (first / "build/print-pack.zip").is_file()


@pytest.mark.slow
def test_cell_text_is_literal_in_html_docx_and_pptx(sample_build, tmp_path):
    """Template syntax, markup and right-to-left marks in cells come out as typed: on a label,
    a web page, the DOCX and a deck."""
    import zipfile

    project = copy_built(sample_build, tmp_path / "inject-all")
    nasty = "Tarte {{ 7*7 }} <script>x</script> & ]]> \u202egauche"
    plats = project / "inputs/plats.xlsx"
    dish = next(r for r in __import__("tests.conftest", fromlist=["rows_of"]).rows_of(plats)
                if r["menu"] == "olhain-carte" and not r.get("disponible_du"))
    edit_cell(plats, "id", dish["id"], "nom_fr", nasty)
    edit_cell(project / "inputs/produits.xlsx", "sku", "sel-fume-chene", "nom_fr", nasty[:40])
    snakemake(project, "labels", "build/web/menus/olhain-carte/index.html",
              "build/docs/strategie-culinaire-all.docx", "build/decks/partenaires.pptx")
    found = text(project / "build/office/etiquettes/sel-fume-chene.pdf")
    assert "{{ 7*7 }}" in found and "<script>" in found
    html = (project / "build/web/menus/olhain-carte/index.html").read_text(encoding="utf-8")
    assert "<script>x</script>" not in html
    assert "{{ 7*7 }} &lt;script&gt;x&lt;/script&gt; &amp; ]]&gt;" in html
    for office, member in (("build/docs/strategie-culinaire-all.docx", "word/document.xml"),
                           ("build/decks/partenaires.pptx", None)):
        with zipfile.ZipFile(project / office) as z:
            xml = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                          if (member is None and n.startswith("ppt/slides/slide")) or n == member)
        assert "{{ 7*7 }} &lt;script&gt;x&lt;/script&gt; &amp; ]]&gt;" in xml, office
