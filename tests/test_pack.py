"""The printer's pack: manifest, job sheet, preflight, zip, gallery, report (the printer's
files themselves, PDF/X, are tested in test_press.py).

Unit tests build small PDFs with the real Canvas; the workflow tests run Snakemake on a project
whose only print family is labels (the pack is generic over PRINT_FILES, and this keeps the
tests independent of the other families' progress)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest

from atelier import brand
from atelier.jobs.pack import build_gallery
from atelier.layout.codes import qr_code
from atelier.layout.fonts import Face
from atelier.print import preflight as pf
from atelier.print.boxes import set_boxes
from atelier.print.jobsheet import SheetInfo, job_runs, render_jobsheet
from atelier.print.manifest import manifest_rows, read_previous, write_manifest
from atelier.print.pack import write_pack
from atelier.render.canvas import Canvas, PrintGeometry, render_pdf
from atelier.render.gallery import gallery_cards, render_gallery
from tests.conftest import ROOT, copy_built, edit_cell, snakemake

URL = "https://www.autourdulouvrelens.fr/produits/test?utm_source=all"
FONTS = sorted(str(p) for p in (ROOT / "brand" / "fonts").iterdir() if p.suffix in (".ttf", ".otf"))
GEO = PrintGeometry(3.0, True, 1.0, 5.0)


# -- helpers -------------------------------------------------------------------------------------
def _label_pdf(tmp: Path, text_x: float = 10.0, boxes: bool = True, name: str = "x.pdf") -> Path:
    """A 90 × 60 mm print file: a line of text at ``text_x`` mm from the left, a QR code, and
    the ALL mark (the layout lint asks for it on every piece)."""
    c = Canvas(90, 60)
    c.text(text_x, 20, Face(brand.fonts().latin), 2.0, "Bière noire du Parcours", "#000000")
    c.svg_file(brand.LOGOS / "all-logo-noir.svg", 6, 38, 30, 30 * 140.78 / 247)
    qr = qr_code(URL, 55, 25, 28, error="M", quiet=4, module_min=0.3)
    c.rect(qr.x, qr.y, qr.size, qr.size, "#ffffff")
    c.rects(qr.dark, "#000000")
    pdf = render_pdf([c], GEO, "test")
    if boxes:
        pdf = set_boxes(pdf, *GEO.boxes(90, 60))
    out = tmp / name
    out.write_bytes(pdf)
    return out


def _expect(**kw) -> pf.Expect:
    return pf.Expect(codes=[{"kind": "QR", "data": URL, "page": 0}], declared=True, **kw)


def _preflight(path: Path, expect: pf.Expect, tmp: Path, press: dict | None = None,
               margin: float = 4.0):
    spec = pf.FileSpec(str(path), 90, 60, 3.0, margin, 300, press)
    from atelier.jobs.pack import _x_height_mm_per_pt

    findings, keys = pf.inspect_file(spec, expect, pf.brand_font_names(FONTS), 200,
                                     _x_height_mm_per_pt, tmp)
    codes = pf.decode_rasters([tmp / f"{k}.pgm" for k in keys])
    return findings + pf.code_findings([codes[k] for k in keys], expect)


def _errors(findings, check=None):
    return [f for f in findings if f.level == "error" and (check is None or f.check == check)]


# -- preflight ---------------------------------------------------------------------------------
def test_preflight_passes_a_correct_print_file(tmp_path):
    findings = _preflight(_label_pdf(tmp_path), _expect(x_height_min_mm=0.9), tmp_path)
    assert not _errors(findings), findings
    checks = {"boxes", "fonts", "images", "codes", "margins", "x_height"}
    assert {f.check for f in findings} >= checks


def test_preflight_finds_missing_boxes_text_in_margin_and_wrong_code(tmp_path):
    with pikepdf.open(_label_pdf(tmp_path, boxes=False, name="no-boxes.pdf")) as doc:
        found = _errors(pf.check_boxes(doc, 90, 60, 3), "boxes")
        assert "no TrimBox and no BleedBox" in found[0].message
    with pikepdf.open(_label_pdf(tmp_path, name="ok.pdf")) as doc:
        assert _errors(pf.check_boxes(doc, 90, 62, 3), "boxes")  # the manifest says otherwise
    pdf = _label_pdf(tmp_path, text_x=1.0)
    wrong = pf.Expect(codes=[{"kind": "QR", "data": URL + "-autre", "page": 0}], declared=True)
    findings = _preflight(pdf, wrong, tmp_path)
    assert "Bière" in _errors(findings, "margins")[0].message
    codes = {f.message for f in _errors(findings, "codes")}
    assert any("not readable" in m for m in codes) and any("not expected" in m for m in codes)


def test_preflight_x_height_below_the_legal_minimum_is_an_error(tmp_path):
    findings = _preflight(_label_pdf(tmp_path), _expect(x_height_min_mm=1.2), tmp_path)
    assert "x-height" in _errors(findings, "x_height")[0].message


def test_fonts_outside_brand_are_errors(tmp_path):
    with pikepdf.open(_label_pdf(tmp_path)) as doc:
        assert _errors(pf.check_fonts(doc, {"Arial"}), "fonts")


def test_expectations_of_a_sheet_are_the_codes_of_its_labels():
    state = {"a": {"checks": {"qr": {"data": "u-a", "box_mm": [1, 1, 20], "module_mm": 0.4,
                                     "modules": 40}, "ean13": "3760123400022"}},
             "b": {"checks": {"qr": {"data": "u-b", "box_mm": [1, 1, 20]}}},
             "s-01.pdf": {"labels": ["a", "b", "a"]}}
    sheet = pf.expectations_for("s-01.pdf", [state])
    assert {(c["kind"], c["data"]) for c in sheet.codes} == {
        ("QR", "u-a"), ("EAN-13", "3760123400022"), ("QR", "u-b")}
    assert all("box_mm" not in c for c in sheet.codes)
    assert pf.expectations_for("a.pdf", [state]).codes[0]["quiet_mm"] == pytest.approx(2.0)
    assert not pf.expectations_for("z.pdf", [state]).declared


# -- manifest, job sheet, zip ---------------------------------------------------------------------
def _entry(path: Path, **kw) -> dict:
    return dict(path=str(path), family="labels", job="Étiquette — Test", width_mm=99.1,
                height_mm=38.1, bleed_mm=3, pages=1, quantity=14, paper="labels", press="labels",
                run="etiquettes-test", run_title="Étiquettes — Test", colours="4/0", **kw)


def test_manifest_marks_new_changed_and_unchanged_files(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    a.write_bytes(b"%PDF a")
    b.write_bytes(b"%PDF b")
    jobs = {"labels": {"paper": "Vélin", "finish": "Découpe"}}
    press = {"labels": {"version": "PDF/X-4", "condition": "FOGRA29"}}
    first = write_manifest(manifest_rows([_entry(a), _entry(b)], jobs, press, {}))
    prev = tmp_path / "MANIFEST.csv"
    prev.write_bytes(first)
    b.write_bytes(b"%PDF b2")
    c = tmp_path / "c.pdf"
    c.write_bytes(b"%PDF c")
    rows = manifest_rows([_entry(a), _entry(b), _entry(c)], jobs, press, read_previous(prev))
    assert [r["modifie"] for r in rows] == ["non", "oui", "nouveau"]
    assert rows[0]["largeur_mm"] == "99,1" and rows[0]["papier"] == "Vélin"
    assert rows[0]["condition"] == "FOGRA29" and rows[0]["travail"] == "etiquettes-test"
    text = write_manifest(rows).decode("utf-8-sig")
    assert list(csv.DictReader(io.StringIO(text), delimiter=";"))[2]["fichier"] == str(c)


def test_previous_manifest_of_another_kind_is_a_clear_error(tmp_path):
    other = tmp_path / "MANIFEST.csv"
    other.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="fichier"):
        read_previous(other)


def _file_row(n: int, run: str) -> dict:
    return {"travail": run, "intitule_travail": f"Travail {run}", "famille": "labels",
            "fichier": f"print/labels/f{n}.pdf", "intitule": f"Fichier {n}", "largeur_mm": "100",
            "hauteur_mm": "80", "fond_perdu_mm": "3", "pages": "1", "quantite": "20",
            "couleurs": "4/0", "papier": "Vélin", "finition": "Découpe", "pdfx": "PDF/X-4",
            "condition": "FOGRA29", "sha256": "0" * 64, "modifie": "oui" if n == 1 else "non"}


def test_job_sheet_has_one_row_per_job_with_its_files():
    rows = [_file_row(1, "a"), _file_row(2, "b"), _file_row(3, "b"), _file_row(4, "b")]
    runs = job_runs(rows, {})
    assert [r["key"] for r in runs] == ["a", "b"]
    assert runs[1]["copies"] == 60 and runs[1]["quantite"] == "60 (20 × 3)"
    assert runs[1]["fichiers"].startswith("3 fichiers : f2.pdf")
    assert [r["modifie"] for r in runs] == ["oui", "non"]


def test_job_sheet_runs_over_pages_with_brand_fonts(tmp_path, settings):
    runs = job_runs([_file_row(n, f"job-{n}") for n in range(60)], {})
    info = SheetInfo("Imprimerie", "fab@example.fr", "ALL", "15 mai 2020", "4 mai 2020")
    pdf = render_jobsheet(runs, info, settings["printer"], settings["jobs"])
    assert pdf == render_jobsheet(runs, info, settings["printer"], settings["jobs"])
    out = tmp_path / "fiche.pdf"
    out.write_bytes(pdf)
    with pikepdf.open(out) as doc:
        assert len(doc.pages) >= 3
        assert not _errors(pf.check_fonts(doc, pf.brand_font_names(FONTS)))


def test_pack_zip_is_deterministic(tmp_path):
    files = []
    for name in ("b.pdf", "a.csv"):
        (tmp_path / name).write_bytes(name.encode() * 100)
        files.append((str(tmp_path / name), f"print/{name}"))
    write_pack(tmp_path / "1.zip", files)
    write_pack(tmp_path / "2.zip", list(reversed(files)))
    assert (tmp_path / "1.zip").read_bytes() == (tmp_path / "2.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "1.zip") as z:
        assert z.namelist() == ["print/a.csv", "print/b.pdf"]
        assert {i.date_time for i in z.infolist()} == {(2020, 1, 1, 0, 0, 0)}


# -- gallery -------------------------------------------------------------------------------------
def test_gallery_escapes_names_and_links_relatively():
    assets = {"labels": ["build/print/labels/<script>x.pdf", "build/proofs/labels/<script>x.png",
                         "build/print/labels/planches/s-01.pdf"]}
    proofs = {"build/print/labels/<script>x.pdf": "build/proofs/labels/<script>x.png"}
    thumbs = {"build/print/labels/planches/s-01.pdf": "build/proofs/_vignettes/s-01.png"}
    report = {"build/print/labels/planches/s-01.pdf": {
        "level": "warning",
        "findings": [{"check": "boxes", "level": "warning", "message": "no <b>"}]}}
    families = gallery_cards(assets, proofs, thumbs, report, {"labels": "Étiquettes"},
                             "build/proofs")
    assert families[0]["count"] == 2  # the proof PNG is the label's thumbnail, not a card
    html = render_gallery(families, "build/proofs", "build/preflight/index.html", None)
    assert "<script>" not in html and "&lt;script&gt;" in html and "no &lt;b&gt;" in html
    assert 'href="../print/labels/planches/s-01.pdf"' in html


# -- the workflow ---------------------------------------------------------------------------------
@pytest.fixture
def labels_project(labels_build, tmp_path) -> Path:
    """A copy of the small labels-only project, built (tests/studio_project.py)."""
    return copy_built(labels_build, tmp_path / "project")


def _changed(project: Path) -> set[str]:
    with open(project / "build/print/MANIFEST.csv", encoding="utf-8-sig") as f:
        return {r["fichier"] for r in csv.DictReader(f, delimiter=";") if r["modifie"] != "non"}


@pytest.mark.slow
def test_pack_end_to_end(labels_project):
    p = labels_project
    snakemake(p, "print")
    build = p / "build"
    plan = json.loads((build / "plan/pack.json").read_text())
    summary = json.loads((build / "preflight/summary.json").read_text())
    assert summary["errors"] == 0 and summary["files"] == len(plan["files"])
    with zipfile.ZipFile(build / "print-pack.zip") as z:
        names = set(z.namelist())
    assert {"print/MANIFEST.csv", "print/fiche-de-fabrication.pdf"} <= names
    printer = {e["path"][len("build/"):] for e in plan["files"] if e["destination"] == "printer"}
    assert printer and printer <= names and not any(n.startswith("office/") for n in names)
    with zipfile.ZipFile(build / "office-pack.zip") as z:  # the office's sheets, apart
        office = set(z.namelist())
    assert {e["path"][len("build/"):] for e in plan["files"] if e["destination"] == "office"} \
        <= office

    # Same inputs, same bytes.
    outputs = ["print-pack.zip", "office-pack.zip", "print/MANIFEST.csv",
               "print/fiche-de-fabrication.pdf", "proofs/index.html", "preflight/index.html"]
    before = {o: (build / o).read_bytes() for o in outputs}
    snakemake(p, "print", "--forcerun", "print_manifest", "print_preflight", "print_gallery")
    assert {o: (build / o).read_bytes() for o in outputs} == before

    # Deliver, then edit one product: exactly its label changes in the printer's manifest.
    (p / "deliveries/last").mkdir(parents=True)
    shutil.copy(build / "print/MANIFEST.csv", p / "deliveries/last/MANIFEST.csv")
    snakemake(p, "print")
    assert _changed(p) == set()
    sku = "creme-maroilles"  # a jar label: die-cut by the printer
    edit_cell(p / "inputs/produits.xlsx", "sku", sku, "lot", "L2020-9999")
    proc = snakemake(p, "print", "--logger-atelier-listing")  # the jobs' own lines too
    assert _changed(p) == {f"print/labels/{sku}.pdf"}, proc.stdout
    assert "checked" in proc.stdout

    # The gallery in a real browser, offline.
    chromium = shutil.which("chromium")
    if chromium:
        shot = p / "gallery.png"
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", f"--user-data-dir={p / '.chromium'}",
                        "--window-size=1280,1200", f"--screenshot={shot}",
                        (build / "proofs/index.html").as_uri()],
                       capture_output=True, timeout=120, check=True)
        from PIL import Image

        image = Image.open(shot).convert("L")
        assert image.size == (1280, 1200)
        assert len(image.resize((64, 60)).getcolors(4096)) > 20  # thumbnails drawn, not blank

    # Snakemake's own report holds the pack's outputs.
    snakemake(p, "print", "--report", str(p / "report.zip"))
    with zipfile.ZipFile(p / "report.zip") as z:
        listed = " ".join(z.namelist())
    assert "MANIFEST.csv" in listed and "fiche-de-fabrication.pdf" in listed


def _format_of(project: Path, sku: str) -> str:
    from tests.conftest import rows_of

    return next(r["format_etiquette"] for r in rows_of(project / "inputs/produits.xlsx")
                if r["sku"] == sku)


def test_gallery_job_draws_thumbnails_for_pdfs_without_proof(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pdf = _label_pdf(Path("."), name="s.pdf")
    Path("build/print/labels/planches").mkdir(parents=True)
    sheet = Path("build/print/labels/planches/s-01.pdf")
    pdf.rename(sheet)
    Path("build/preflight").mkdir(parents=True)
    Path("build/preflight/summary.json").write_text(json.dumps({"results": {}}))
    thumb = "build/proofs/_vignettes/print/labels/planches/s-01.png"
    plan = {"files": [_entry(sheet)], "gallery": {"labels": [str(sheet)]}, "thumbs": [thumb],
            "pack": {}}
    Path("plan.json").write_text(json.dumps(plan))
    counts = build_gallery("plan.json", "build/preflight/summary.json", "build/proofs/index.html",
                           "state.json")
    assert counts == {"cards": 1, "thumbnails": 1}
    assert Path(thumb).read_bytes()[:4] == b"\x89PNG"
    html = Path("build/proofs/index.html").read_text()
    assert "_vignettes/print/labels/planches/s-01.png" in html
