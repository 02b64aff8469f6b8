"""The printer's files: CMYK PDF/X with its output intent, brand recipes, black on K, the die.

Read back by readers we did not write: pikepdf for the structure, Ghostscript's separations
(``tiffsep``) for what each plate carries, zbar and zxing-cpp for the codes. Counter-examples
(files made wrong on purpose) prove each preflight check can fail.
"""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from atelier import brand
from atelier.layout.codes import qr_code
from atelier.layout.fonts import Face
from atelier.print import preflight as pf
from atelier.print.pdfx import PdfxError, to_pdfx
from atelier.print.press import Press, PressSettingsError
from atelier.render.canvas import Canvas, PrintGeometry, render_pdf

from .conftest import ROOT, make_project, own_copy, snakemake

GEO = PrintGeometry(3.0, True, 1.0, 5.0)
URL = "https://www.autourdulouvrelens.fr/p?utm_source=all"
needs_gs = pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript is not installed")


def _piece(dark_background: bool = False, small_white: bool = False, width=100, height=80) -> Canvas:
    """A label-like piece: brand colours, small black text, a QR code; optionally the Parcours
    noir's black background with small white text on it."""
    c = Canvas(width, height)
    latin = Face(brand.fonts().latin)
    if dark_background:
        c.rect(-3, -3, width + 6, height + 6, brand.colour("background.dark"))
        c.text(10, 20, Face(brand.fonts().latin, bold=True), 6.0, "PARCOURS", brand.colour("text.on_dark"))
        if small_white:
            c.text(10, 30, latin, 2.2, "petit texte blanc en 6 pt", brand.colour("text.on_dark"))
    else:
        c.rect(0, 0, width, 12, brand.colour("all.rouge_brique"))
        c.text(10, 30, latin, 2.2, "Ingrédients : eau, malt d'orge, houblon.", brand.colour("text.on_light"))
    qr = qr_code(URL, width - 34, height - 34, 26, error="M", quiet=4, module_min=0.3)
    c.rect(qr.x, qr.y, qr.size, qr.size, "#ffffff")
    c.rects(qr.dark, brand.colour("parcours_noir.noir_charbon"))
    return c


def _pdfx(settings, canvas: Canvas, job: str = "labels", tmp: Path | None = None, name="x.pdf"):
    pdf = to_pdfx(render_pdf([canvas], GEO, "test"), *GEO.boxes(canvas.width, canvas.height),
                  Press.for_job(settings, job), "Test")
    if tmp is not None:
        (tmp / name).write_bytes(pdf)
        return tmp / name
    return pdf


def _summary(settings, job: str) -> dict:
    from atelier.plan.pack import press_summaries

    return press_summaries(settings, {job})[job]


def _separations(path: Path, dpi: int = 200) -> dict[str, np.ndarray]:
    """Ghostscript's plates of page 1 as ink fractions — read here without our own code (in a
    folder of its own: the file may be in the shared sample build, which tests only read)."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=tiffsep", f"-r{dpi}",
                        f"-sOutputFile={out}/p%d.tif", str(path)], check=True)
        return {f.name[3:-5]: 1 - np.asarray(Image.open(f), dtype=float) / 255
                for f in Path(out).glob("p1(*).tif")}


def _findings(path: Path, settings, job: str, w=100, h=80, codes=()):
    spec = pf.FileSpec(str(path), w, h, 3.0, 4.0, 300, _summary(settings, job))
    found, _keys = pf.inspect_file(spec, pf.Expect(codes=list(codes), declared=True), set(), 200,
                                   lambda bold: 0.19, path.parent)
    return found


def _errors(findings, check):
    return [f for f in findings if f.level == "error" and f.check == check]


# -- the file's structure -------------------------------------------------------------------------
def test_pdfx4_with_output_intent_boxes_and_no_rgb(settings, tmp_path):
    path = _pdfx(settings, _piece(), tmp=tmp_path)
    with pikepdf.open(path) as doc:
        assert float(doc.pdf_version) >= 1.6
        (intent,) = doc.Root.OutputIntents
        assert intent.S == "/GTS_PDFX" and str(intent.OutputConditionIdentifier) == "FOGRA29"
        icc = intent.DestOutputProfile.read_bytes()
        assert intent.DestOutputProfile.N == 4 and icc[12:20] == b"prtrCMYK"
        assert icc == (ROOT / "brand/icc/AtelierALL-FOGRA29-TAC280.icc").read_bytes()
        assert "pdfxid:GTS_PDFXVersion>PDF/X-4<" in doc.Root.Metadata.read_bytes().decode()
        assert str(doc.trailer.Info.GTS_PDFXVersion) == "PDF/X-4" and doc.trailer.Info.Trapped == "/False"
        page = doc.pages[0]
        trim = [round(float(v) / 72 * 25.4, 2) for v in page.TrimBox]
        assert trim[2] - trim[0] == pytest.approx(100, abs=0.01)
        ops = {str(i.operator) for i in pikepdf.parse_content_stream(page)}
        assert not ops & {"rg", "RG"}
        assert page.Group.CS == "/DeviceCMYK"
    assert _pdfx(settings, _piece()) == path.read_bytes()  # deterministic


def test_brand_colours_print_with_their_recipe_not_a_conversion(settings):
    pdf = _pdfx(settings, _piece())
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        fills = [tuple(float(v) for v in i.operands)
                 for i in pikepdf.parse_content_stream(doc.pages[0], "k")]
    brick = tuple(v / 100 for v in brand.palette()["all.rouge_brique"]["cmyk"])
    assert brick in fills  # exactly the studio's C0 M75 J80 N25
    assert (0.0, 0.0, 0.0, 1.0) in fills  # black text and QR: 100 K


def test_off_brand_colour_goes_through_the_profile_and_is_reported(settings, tmp_path):
    c = _piece()
    c.rect(5, 50, 20, 10, "#3366CC")  # no brand colour
    path = _pdfx(settings, c, tmp=tmp_path)
    warnings = [f for f in pf.check_pdfx(pikepdf.open(path), _summary(settings, "labels"))
                if f.check == "colour"]
    assert warnings and warnings[0].level == "warning"


@needs_gs
def test_black_text_and_codes_are_on_k_only_and_overprint(settings, tmp_path):
    path = _pdfx(settings, _piece(), tmp=tmp_path)
    plates = _separations(path)
    k, cmy = plates["Black"], plates["Cyan"] + plates["Magenta"] + plates["Yellow"]
    text = k > 0.9
    assert text.sum() > 500
    assert cmy[text].max() < 0.01  # nothing but black under the text and the code
    with pikepdf.open(path) as doc:
        states = [v for v in doc.pages[0].Resources.ExtGState.values() if v.get("/op") is True]
        assert states and all(s.OPM == 1 for s in states)
    assert not _errors(_findings(path, settings, "labels"), "black")


@needs_gs
def test_rich_black_text_is_caught_on_the_separations(settings, tmp_path):
    good = _pdfx(settings, _piece(), tmp=tmp_path)
    with pikepdf.open(good) as doc:  # make the small text four-colour black, as RGB→CMYK would
        page = doc.pages[0]
        ops = [(([0.72, 0.68, 0.67, 0.89], pikepdf.Operator("k")) if str(i.operator) == "k"
                and [float(v) for v in i.operands] == [0, 0, 0, 1] else i)
               for i in pikepdf.parse_content_stream(page)]
        page.Contents = doc.make_stream(pikepdf.unparse_content_stream(ops))
        doc.save(tmp_path / "rich.pdf")
    errors = _errors(_findings(tmp_path / "rich.pdf", settings, "labels"), "black")
    assert errors and "Ingr" in errors[0].message


@needs_gs
def test_total_ink_is_measured_and_located(settings, tmp_path):
    path = _pdfx(settings, _piece(dark_background=True), tmp=tmp_path)
    ok = [f for f in _findings(path, settings, "labels") if f.check == "ink"]
    assert ok[0].level == "ok" and "230 %" in ok[0].message  # the rich black C50 M40 J40 N100
    with pikepdf.open(path) as doc:  # the same file with a 400 % patch
        page = doc.pages[0]
        extra = b"q 1 1 1 1 k 150 150 40 40 re f Q"
        page.Contents = doc.make_stream(page.Contents.read_bytes() + b"\n" + extra)
        doc.save(tmp_path / "heavy.pdf")
    errors = _errors(_findings(tmp_path / "heavy.pdf", settings, "labels"), "ink")
    assert errors and "400 %" in errors[0].message and "limit 280" in errors[0].message


@needs_gs
def test_small_white_text_makes_the_black_k_only(settings, tmp_path):
    big = _pdfx(settings, _piece(dark_background=True), tmp=tmp_path, name="big.pdf")
    small = _pdfx(settings, _piece(dark_background=True, small_white=True), tmp=tmp_path,
                  name="small.pdf")
    assert _separations(big)["Cyan"].max() > 0.45  # rich black: 6 mm bold white text is fine
    assert _separations(small)["Cyan"].max() < 0.01  # 6 pt white text: black on K alone
    assert not _errors(_findings(small, settings, "labels"), "reverse")
    raw = render_pdf([_piece(dark_background=True, small_white=True)], GEO, "t")
    press = Press.for_job(settings, "labels")
    forced = copy.copy(press)  # counter-example: convert as if the rule did not exist
    object.__setattr__(forced, "black", type(press.black)(press.black.rich, 12, 0, 0, True))
    (tmp_path / "forced.pdf").write_bytes(to_pdfx(raw, *GEO.boxes(100, 80), forced, "t"))
    assert _errors(_findings(tmp_path / "forced.pdf", settings, "labels"), "reverse")


# -- dies -------------------------------------------------------------------------------------------
@needs_gs
def test_die_on_its_spot_colour_and_layer_with_round_corners_and_holes(settings, tmp_path):
    path = _pdfx(settings, _piece(width=420, height=594), "signage", tmp=tmp_path)
    with pikepdf.open(path) as doc:
        (ocg,) = doc.Root.OCProperties.OCGs
        assert str(ocg.Name) == settings["printer"]["die"]["layer"]
        spaces = list(doc.pages[0].Resources.ColorSpace.values())
        assert any(cs[0] == "/Separation" and cs[1] == "/CutContour" for cs in spaces)
    plates = _separations(path, dpi=40)
    assert "CutContour" in plates and plates["CutContour"].max() > 0.9
    found = _findings(path, settings, "signage", 420, 594)
    assert [f.level for f in found if f.check == "die"] == ["ok"]
    bare = tmp_path / "no-die.pdf"
    bare.write_bytes(to_pdfx(render_pdf([_piece(width=420, height=594)], GEO, "t"), *GEO.boxes(420, 594),
                             Press.for_job(settings, "menus"), "t"))  # a job without a die
    assert _errors(_findings(bare, settings, "signage", 420, 594), "die")


# -- settings ---------------------------------------------------------------------------------------
def test_bad_press_settings_name_the_setting(settings, monkeypatch):
    bad = copy.deepcopy(settings)
    bad["jobs"]["labels"]["output_condition"] = "gracol"
    bad["printer"]["output_conditions"]["fogra39"]["profile"] = "brand/icc/absent.icc"
    with pytest.raises(PressSettingsError) as err:
        Press.for_job(bad, "labels")
    with pytest.raises(PressSettingsError) as err2:
        Press.for_job(bad, "menus")
    assert "jobs.labels.output_condition: 'gracol'" in str(err.value)
    assert "printer.output_conditions.fogra39.profile" in str(err2.value)
    palette = copy.deepcopy(brand.tokens())
    del palette["colours"]["all"]["or_lampe"]["cmyk"]
    monkeypatch.setattr(brand, "tokens", lambda: palette)
    with pytest.raises(PressSettingsError, match=r"colours\.all\.or_lampe\.cmyk: missing"):
        Press.for_job(settings, "menus")


def test_pdfx1a_has_no_layer_and_refuses_transparency(settings):
    x1a = copy.deepcopy(settings)
    x1a["printer"]["pdfx"] = "PDF/X-1a:2003"
    pdf = _pdfx(x1a, _piece(), "labels")
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert doc.pdf_version == "1.4" and "/OCProperties" not in doc.Root
        assert "/Group" not in doc.pages[0].obj
    c = _piece()
    c.rect(0, 0, 10, 10, "#000000")
    raw = render_pdf([c], GEO, "t")
    with pikepdf.open(io.BytesIO(raw)) as doc:  # a translucent fill
        doc.pages[0].Resources.ExtGState = pikepdf.Dictionary(
            T=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=0.5))
        doc.pages[0].Contents = doc.make_stream(b"/T gs " + doc.pages[0].Contents.read_bytes())
        out = io.BytesIO()
        doc.save(out)
    with pytest.raises(PdfxError, match="transparency"):
        to_pdfx(out.getvalue(), *GEO.boxes(100, 80), Press.for_job(x1a, "labels"), "t")


@pytest.mark.slow
def test_a_bad_setting_stops_the_run_before_anything_is_printed(tmp_path):
    project = make_project(tmp_path / "p")
    config = own_copy(project, "config")
    text = (config / "settings.yaml").read_text(encoding="utf-8")
    (config / "settings.yaml").write_text(
        text.replace("output_condition: fogra29", "output_condition: gracol"), encoding="utf-8")
    proc = snakemake(project, "print", check=False)
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "jobs.labels.output_condition: 'gracol'" in out and "Traceback" not in out
    assert not (project / "build/print").exists()


# -- barcodes ---------------------------------------------------------------------------------------
def _ean_piece(width_mm: float) -> Canvas:
    from atelier.layout.codes import ean13

    c = Canvas(100, 80)
    code = ean13("3760123400022", 10, 20, width_mm, 30, min_magnification=0.5)
    c.rects(code.bars, brand.colour("parcours_noir.noir_charbon"))
    return c


@pytest.mark.parametrize("dpi", [150, 300])
def test_ean_magnification_is_measured_on_the_raster(tmp_path, dpi):
    from atelier.layout.codes import EAN_MODULES  # the frame: 113 modules, quiet zones in

    cases = [(1.02, "ok"), (0.9, "warning")] + ([(0.7, "error")] if dpi >= 300 else [])
    for mag, level in cases:  # (at 150 dpi a 70 % code's 1.4-px module does not decode at all)
        width = 0.33 * EAN_MODULES * mag
        path = tmp_path / f"ean-{mag}.pdf"
        path.write_bytes(render_pdf([_ean_piece(width)], GEO, "t"))
        measured = pf.measure_ean(pypdfium_raster(path, dpi), dpi, 1)
        assert [m[1] for m in measured] == ["3760123400022"]
        assert measured[0][2] == pytest.approx(0.33 * mag, rel=0.04)
        assert pf.check_ean(measured)[0].level == level, (mag, measured)


def test_office_ean_module_must_be_whole_printer_dots():
    # 0.3387 mm = 4 dots at 300 dpi (102 %); 0.33 mm = 3.9 dots: uneven bars on the office printer
    assert [f.level for f in pf.check_ean([(1, "x", 0.3387)], 300)] == ["ok"]
    assert "dots" in pf.check_ean([(1, "x", 0.33)], 300)[-1].message


def pypdfium_raster(path: Path, dpi: int):
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return doc[0].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        doc.close()


# -- the sample's pack, read back -------------------------------------------------------------------
@pytest.fixture(scope="module")
def printed(sample_build) -> Path:
    """The sample's printer's pack as the whole workflow built it (shared, read only)."""
    return sample_build


def _manifest(project: Path) -> list[dict]:
    import csv

    with open(project / "build/print/MANIFEST.csv", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f, delimiter=";"))


@pytest.mark.slow
def test_every_printer_file_is_cmyk_pdfx_with_its_intent(printed, settings):
    rows = {r["fichier"]: r for r in _manifest(printed)}
    files = sorted((printed / "build/print").rglob("*.pdf"))
    assert len(files) == len(rows) + 1  # + the job sheet
    for path in files:
        name = path.relative_to(printed / "build").as_posix()
        want = rows[name]["condition"] if name in rows else "FOGRA39"
        with pikepdf.open(path) as doc:
            (intent,) = doc.Root.OutputIntents
            assert str(intent.OutputConditionIdentifier) == want, name
            assert intent.DestOutputProfile.read_bytes()[12:20] == b"prtrCMYK", name
            assert float(doc.pdf_version) >= 1.6 and "/TrimBox" in doc.pages[0].obj, name
            for page in doc.pages:
                assert not pikepdf.parse_content_stream(page, "rg RG"), name


@pytest.mark.slow
@needs_gs
def test_total_ink_of_every_family_within_its_condition(printed):
    limits = {"FOGRA39": 300, "FOGRA29": 280}
    rows = _manifest(printed)
    for family in ("labels", "menus", "signage"):
        row = next(r for r in rows if r["famille"] == family)
        plates = _separations(printed / "build" / row["fichier"], dpi=40)
        total = sum(plates[p] for p in ("Cyan", "Magenta", "Yellow", "Black"))
        assert total.max() * 100 <= limits[row["condition"]] + 1, row["fichier"]


@pytest.mark.slow
@pytest.mark.parametrize("dpi", [150, 300])
def test_codes_decode_from_the_printer_files_with_zbar_and_zxing(printed, dpi, tmp_path):
    import zxingcpp

    from .pdfcheck import rasterise

    rows = [r for r in _manifest(printed) if r["famille"] in ("labels", "menus")
            or r["fichier"].endswith("depliant.pdf")]
    assert rows
    for row in rows:
        path = printed / "build" / row["fichier"]
        with pikepdf.open(path) as doc:
            pages = len(doc.pages)
        found = []
        for page in range(pages):
            image = rasterise(path, page, dpi).convert("L")
            found += [r.text for r in zxingcpp.read_barcodes(image)]
            if shutil.which("zbarimg"):
                png = tmp_path / f"{path.stem}-{page}-{dpi}.png"
                image.save(png)
                out = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True,
                                     text=True).stdout.split("\n")
                png.unlink()
                assert {t for t in out if t} <= set(found) or found, row["fichier"]
                found += [t for t in out if t]
        assert any(t.startswith("https://") for t in found), (row["fichier"], dpi)


@pytest.mark.slow
def test_the_job_sheet_counts_each_label_once_on_the_right_stock(printed, settings):
    from tests.conftest import rows_of

    rows = _manifest(printed)
    formats = settings["labels"]["formats"]
    products = rows_of(printed / "inputs/produits.xlsx")
    die_cut = {p["sku"] for p in products
               if formats[p["format_etiquette"]]["production"] == "printer"
               and p["quantite_impression"] > 0}
    labels = [r for r in rows if r["famille"] == "labels"]
    assert sorted(r["fichier"].rsplit("/", 1)[1][:-4] for r in labels) == sorted(die_cut)
    assert all(r["papier"] == settings["jobs"]["labels"]["paper"] for r in labels)
    assert not any("planches" in r["fichier"] or "L7163" in r["papier"] for r in rows)
    leaflet = next(r for r in rows if r["fichier"].endswith("depliant.pdf"))
    assert (leaflet["largeur_mm"], leaflet["hauteur_mm"], leaflet["pages"]) == ("297", "210", "2")
    assert "Pli roulé en 3" in leaflet["finition"] and leaflet["couleurs"] == "4/4"
    # one row per job on the sheet itself
    sheet = subprocess.run(["pdftotext", "-layout", str(printed / "build/print/fiche-de-fabrication.pdf"),
                            "-"], capture_output=True, text=True).stdout if shutil.which("pdftotext") else ""
    jobs = {r["travail"] for r in rows}
    if sheet:
        assert f"{len(jobs)} travaux" in sheet


@pytest.mark.slow
def test_budget_jobs_and_job_sheet_agree(printed):
    import json
    from fnmatch import fnmatchcase

    copies: dict[str, int] = {}
    for r in _manifest(printed):
        copies[r["travail"]] = copies.get(r["travail"], 0) + int(r["quantite"])
    lines = json.loads((printed / "build/records/budget/all.json").read_text())
    paid = [b for b in lines if b.get("travail")]
    assert paid
    for line in paid:
        total = sum(n for job, n in copies.items() if fnmatchcase(job, line["travail"]))
        assert total == line["quantite"], line
    # the leaflet, the menus and every panel format are paid for
    assert {"depliant", "menu-olhain-carte", "menu-carin-gourmand"} <= {b["travail"] for b in paid}


@pytest.mark.slow
def test_a_budget_line_that_disagrees_stops_the_run_naming_its_row(tmp_path):
    import openpyxl

    project = make_project(tmp_path / "p")
    wb = openpyxl.load_workbook(project / "inputs/budget.xlsx")
    ws = wb.worksheets[0]
    head = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1)
               if ws.cell(r, head["Travail"]).value == "depliant")
    ws.cell(row, head["Quantité"]).value = 3000
    wb.save(project / "inputs/budget.xlsx")
    proc = snakemake(project, "print", "-n", check=False)
    assert proc.returncode != 0
    assert f"inputs/budget.xlsx › budget › row {row} › quantite › «3000» › 5000" in proc.stderr + proc.stdout
    assert "Traceback" not in proc.stderr


@needs_gs
def test_a_brand_spot_ink_prints_on_its_own_plate_when_the_printer_prints_spots(settings, tmp_path,
                                                                                monkeypatch):
    tokens = copy.deepcopy(brand.tokens())
    tokens["colours"]["all"]["rouge_brique"]["spot"] = "PANTONE 7600 C"
    monkeypatch.setattr(brand, "tokens", lambda: tokens)
    spots = copy.deepcopy(settings)
    spots["printer"]["spot_colours"] = True
    path = _pdfx(spots, _piece(), tmp=tmp_path, name="spot.pdf")
    plates = _separations(path)
    assert plates["PANTONE 7600 C"].max() > 0.99  # the band, on the spot plate …
    assert plates["Magenta"].max() < 0.01  # … not in magenta and yellow
    plain = _pdfx(settings, _piece(), tmp=tmp_path, name="plain.pdf")  # spots off: the recipe
    assert "PANTONE 7600 C" not in _separations(plain)
