"""BAT approvals and deliveries: the approvals file, the manifest's and job sheet's BAT state,
the pack's refusal, the delivery kept in deliveries/ and the gallery's before / after / overlay.

The workflow test is the issue's « done when »: after a delivery and one edited product, the
gallery shows that one file's before / after / overlay and no other; with
``pack.bat.unapproved: refuse`` the pack is refused, naming it, until it is approved again."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdfium2
import pytest
import yaml
from PIL import Image

from atelier.print import approvals
from atelier.print.jobsheet import bat_of_job
from atelier.print.proofdiff import overlay

from .conftest import copy_built, edit_cell, own_copy, snakemake

ATELIER = str(Path(sys.executable).with_name("atelier"))
EDITED = "biere-noire-parcours"
ASSET = f"print/labels/{EDITED}.pdf"


# -- the approvals file --------------------------------------------------------------------------
def test_last_approval_counts_and_lapses_on_any_change(tmp_path):
    path = tmp_path / "bat" / "approbations.csv"
    approvals.append(path, [approvals.Approval("print/a.pdf", "1" * 64, "Marie", "2026-05-01")])
    approvals.append(path, [approvals.Approval("print/a.pdf", "2" * 64, "Léa", "2026-05-02",
                                               "couleur ok ; texte « validé »")])
    known = approvals.read(path)
    assert known["print/a.pdf"].par == "Léa" and "« validé »" in known["print/a.pdf"].remarques
    assert approvals.state("print/a.pdf", "2" * 64, known) == approvals.APPROVED
    assert approvals.state("print/a.pdf", "1" * 64, known) == approvals.CHANGED  # the older bytes
    assert approvals.state("print/b.pdf", "2" * 64, known) == approvals.NEVER
    # French Excel opens it: BOM, « ; », one header
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode()) and raw.count(b"fichier;sha256") == 1


def test_an_approvals_file_without_its_columns_is_refused(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("file,hash\nx,y\n", encoding="utf-8")
    with pytest.raises(approvals.ApprovalsError, match="fichier"):
        approvals.read(path)


def test_job_bat_state_from_its_files():
    A, C, N = approvals.APPROVED, approvals.CHANGED, approvals.NEVER
    assert bat_of_job([A, A]) == "approuvé"
    assert bat_of_job([A, C, N]) == "à revalider"
    assert bat_of_job([N, N]) == "en attente"
    assert bat_of_job([A, N, N]) == "1 / 3"


def test_overlay_marks_the_changed_pixels_only(tmp_path):
    before = Image.new("RGB", (400, 300), "white")
    after = before.copy()
    after.paste((0, 0, 0), (300, 200, 340, 220))  # a changed figure
    before.save(tmp_path / "b.png")
    after.save(tmp_path / "a.png")
    _, png, share = overlay(tmp_path / "b.png", tmp_path / "a.png", 400, 40, (200, 30, 30))
    (tmp_path / "o.png").write_bytes(png)
    image = Image.open(tmp_path / "o.png").convert("RGB")
    assert 0 < share < 0.02
    assert image.getpixel((320, 210)) == (200, 30, 30)  # highlighted where it changed
    assert image.getpixel((50, 50)) != (200, 30, 30)  # nowhere else
    # identical proofs: nothing highlighted (the counter-example)
    _, png, share = overlay(tmp_path / "b.png", tmp_path / "b.png", 400, 40, (200, 30, 30))
    assert share == 0


# -- the workflow ---------------------------------------------------------------------------------
@pytest.fixture
def labels_project(labels_build, tmp_path) -> Path:
    """A copy of the small labels-only project, built (tests/studio_project.py)."""
    return copy_built(labels_build, tmp_path / "project")


def _manifest(project: Path) -> dict[str, dict]:
    with open(project / "build/print/MANIFEST.csv", encoding="utf-8-sig") as f:
        return {r["fichier"]: r for r in csv.DictReader(f, delimiter=";")}


def _atelier(project: Path, *args: str, check: bool = True):
    proc = subprocess.run([ATELIER, *args], cwd=project, capture_output=True, text=True,
                          timeout=600)
    if check and proc.returncode:
        raise AssertionError(f"atelier {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def _set_bat(project: Path, unapproved: str) -> None:
    """The project's own settings (a copy, not the repository's) with pack.bat.unapproved."""
    path = own_copy(project, "config") / "settings.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(\n    unapproved: )\w+", rf"\g<1>{unapproved}", text)
    path.write_text(text, encoding="utf-8")
    assert yaml.safe_load(text)["pack"]["bat"]["unapproved"] == unapproved


def _jobsheet_text(project: Path) -> str:
    doc = pypdfium2.PdfDocument(project / "build/print/fiche-de-fabrication.pdf")
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in doc)
    finally:
        doc.close()


def _changed_section(html: str) -> str:
    m = re.search(r'<section id="depuis-livraison">(.*?)</section>', html, re.S)
    return m.group(1) if m else ""


@pytest.mark.slow
def test_delivery_diff_and_bat_refusal(labels_project):
    project = labels_project
    snakemake(project, "print")
    rows = _manifest(project)
    assert rows and {r["bat"] for r in rows.values()} == {approvals.NEVER}
    assert "en attente" in _jobsheet_text(project)  # the job sheet's BAT column
    # flag (the sample's default): the pack is made with the unapproved files in it
    assert (project / "build/print-pack.zip").exists()

    delivered = _atelier(project, "deliver", "--par", "Atelier test")
    assert "Livraison enregistrée" in delivered.stdout
    last = project / "deliveries/last"
    assert (last / "MANIFEST.csv").read_bytes() == (project / "build/print/MANIFEST.csv").read_bytes()
    assert (last / f"proofs/{ASSET.removesuffix('.pdf')}.png").exists()

    # approve everything as delivered; a rebuild that gives the same bytes keeps the approvals
    _atelier(project, "bat", *rows, "--par", "Client")
    os.utime(project / "config/settings.yaml")  # every job's input looks newer
    snakemake(project, "print")
    assert {r["bat"] for r in _manifest(project).values()} == {approvals.APPROVED}
    assert "approuvé" in _jobsheet_text(project)

    # one edited product, the refusing setting on
    _set_bat(project, "refuse")
    edit_cell(project / "inputs/produits.xlsx", "sku", EDITED, "lot", "L2020-4242")
    proc = snakemake(project, "print", check=False)
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert ASSET in out and "modifié depuis le BAT" in out and "not made" in out
    rows = _manifest(project)
    assert [f for f, r in rows.items() if r["modifie"] == "oui"] == [ASSET]
    assert [f for f, r in rows.items() if r["bat"] != approvals.APPROVED] == [ASSET]

    # the gallery: that one file's before / after / overlay, and no other
    html = (project / "build/proofs/index.html").read_text(encoding="utf-8")
    changed = _changed_section(html)
    assert re.findall(r'data-asset="([^"]+)"', changed) == [ASSET]
    images = re.findall(r'<img src="([^"]+)"', changed)
    assert len(images) == 3 and all((project / "build/proofs" / i).resolve().exists() for i in images)
    assert "Écarts surlignés" in changed
    assert 'data-bat="modifié depuis le BAT"' in html

    # approved again: the pack is made
    _atelier(project, "bat", EDITED, "--par", "Client", "--remarques", "nouveau lot")
    snakemake(project, "print")
    assert _manifest(project)[ASSET]["bat"] == approvals.APPROVED
    with zipfile.ZipFile(project / "build/print-pack.zip") as z:
        assert ASSET in z.namelist()


@pytest.mark.slow
def test_approving_refuses_what_was_not_built(labels_project):
    project = labels_project
    snakemake(project, "print")
    proc = _atelier(project, "bat", "print/labels/nothing-like-it.pdf", "--par", "X", check=False)
    assert proc.returncode != 0 and "not a printer file" in proc.stderr
    # a file rebuilt since the manifest (its bytes differ) cannot be approved unseen
    pdf = project / "build" / ASSET
    pdf.write_bytes(pdf.read_bytes() + b"\n% changed\n")
    proc = _atelier(project, "bat", EDITED, "--par", "X", check=False)
    assert proc.returncode != 0 and "changed since the manifest" in proc.stderr
    assert not (project / "bat/approbations.csv").exists()
    # a delivery of files that are not the manifest's is refused too
    proc = _atelier(project, "deliver", check=False)
    assert proc.returncode != 0 and "build first" in proc.stderr
    assert not (project / "deliveries").exists()
