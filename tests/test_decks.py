"""Presentation decks: reopened with python-pptx — layouts of the master, native charts whose
series equal the spreadsheets, tables, pictures, notes, slide numbers, no overflowing text,
identical bytes on rebuild; LibreOffice converts each deck (slow)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from atelier.content.decks import PlanError
from atelier.inputs.headers import normalise
from atelier.jobs.decks import build_deck, make_deck
from atelier.plan.decks import deck_jobs
from atelier.render.pptx import CONTRACT, DeckError, check_master, layout_key, measure_shape
from atelier.settings import load_settings

from .conftest import ROOT, copy_built, make_project, rows_of, snakemake

DECKS = ["cite-electriciens", "evaluation", "olhain", "partenaires"]
TRAIL_MAP = Path("build/proofs/signage/carte-parcours.png")


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    """A project with its inputs staged (as the Snakefile does) and a stand-in trail map
    (the signage family draws the real one); the working directory is the project."""
    from atelier.pipeline import stage

    project = make_project(tmp_path_factory.mktemp("decks") / "p")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(project)
        data = stage(load_settings())
        TRAIL_MAP.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (1200, 800), (26, 26, 26)).save(TRAIL_MAP)
        yield project, data


@pytest.fixture(scope="module")
def decks(staged):
    """Every deck of templates/decks, built in-process: name -> (bytes, Presentation)."""
    project, data = staged
    out = {}
    for job in deck_jobs(data):
        blob, _ = make_deck(job.plan, job.template, job.records, data.settings)
        out[job.name] = (blob, Presentation(io.BytesIO(blob)))
    return out


def _charts(prs, title: str):
    return [sh.chart for s in prs.slides for sh in s.shapes
            if sh.has_chart and s.shapes.title is not None and s.shapes.title.text == title]


def _plain(text: str) -> str:
    """The sheet's text as typed (slides set it by French typography: ’, no-break spaces)."""
    return text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")


def _series(chart) -> dict[str, dict[str, float]]:
    cats = [_plain(c) for c in chart.plots[0].categories]
    return {_plain(s.name): dict(zip(cats, s.values, strict=True)) for s in chart.plots[0].series}


# --- the master --------------------------------------------------------------------------------

def test_master_has_every_layout_and_placeholder_of_the_contract():
    prs = Presentation(ROOT / "templates" / "deck.pptx")
    layouts = check_master(prs)
    assert set(layouts) == set(CONTRACT)
    assert prs.slide_width * 9 == prs.slide_height * 16  # 16:9


def _master_without(tmp_path, layout: str, idx: int | None = None) -> Path:
    prs = Presentation(ROOT / "templates" / "deck.pptx")
    lay = next(la for la in prs.slide_layouts if layout_key(la.name) == layout)
    if idx is None:
        lay._element.cSld.set("name", "Graphique")
    else:
        sp = lay.placeholders.get(idx=idx)._element
        sp.getparent().remove(sp)
    path = tmp_path / "deck.pptx"
    prs.save(path)
    return path


def test_master_lacking_a_layout_is_named(staged, tmp_path):
    project, data = staged
    job = next(j for j in deck_jobs(data) if j.name == "evaluation")
    with pytest.raises(DeckError, match="the layout « chart » is missing"):
        make_deck(job.plan, str(_master_without(tmp_path, "chart")), job.records, data.settings)


def test_master_lacking_a_placeholder_is_named(staged, tmp_path):
    project, data = staged
    job = next(j for j in deck_jobs(data) if j.name == "evaluation")
    with pytest.raises(DeckError, match="layout « table » has no placeholder idx 1"):
        make_deck(job.plan, str(_master_without(tmp_path, "table", 1)), job.records,
                  data.settings)


# --- what the decks contain --------------------------------------------------------------------

def test_every_deck_is_built(decks):
    assert sorted(decks) == DECKS


@pytest.mark.parametrize("deck", DECKS)
def test_every_slide_uses_a_layout_of_the_master(decks, deck):
    prs = decks[deck][1]
    master_layouts = list(prs.slide_master.slide_layouts)
    for slide in prs.slides:
        assert slide.slide_layout in master_layouts
        assert layout_key(slide.slide_layout.name) in CONTRACT


@pytest.mark.parametrize("deck", DECKS)
def test_no_text_frame_overflows_by_measurement(decks, deck):
    for n, slide in enumerate(decks[deck][1].slides, start=1):
        for shape in slide.placeholders:
            if shape.has_text_frame and shape.text_frame.text:
                needed, available = measure_shape(shape)
                assert needed <= available + 0.01, (deck, n, shape.name, shape.text_frame.text)
        for shape in slide.shapes:  # tables stay inside the layout's table placeholder
            if shape.has_table:
                box = slide.slide_layout.placeholders.get(idx=1)
                assert shape.top + sum(r.height for r in shape.table.rows) <= box.top + box.height


@pytest.mark.parametrize("deck", DECKS)
def test_slide_numbers_notes_and_editable_content(decks, deck):
    prs = decks[deck][1]
    for slide in prs.slides:
        numbered = slide.shapes._spTree.xpath(".//a:fld[@type='slidenum']")
        has_layout_number = any(ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER
                                for ph in slide.slide_layout.placeholders)
        assert bool(numbered) == has_layout_number
        for shape in slide.shapes:
            if shape.has_chart:  # native chart with its data in an embedded workbook
                xlsx = shape.chart.part.chart_workbook.xlsx_part.blob
                ws = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
                assert ws.max_row == len(list(shape.chart.plots[0].categories)) + 1
    first = prs.slides[0]
    assert first.has_notes_slide and first.notes_slide.notes_text_frame.text
    assert prs.core_properties.author.startswith("Atelier ALL")


def test_long_list_continues_on_a_slide_with_the_same_title(decks):
    prs = decks["partenaires"][1]
    pages = [s for s in prs.slides if s.shapes.title.text == "Les étapes du parcours"]
    assert len(pages) >= 2
    items = [p.text for s in pages for p in s.placeholders[1].text_frame.paragraphs]
    numbers = [int(t.split(".")[0]) for t in items]
    stops = rows_of(ROOT / "inputs" / "etapes.xlsx")
    assert numbers == sorted(int(r["numero"]) for r in stops)


def test_pictures_fill_their_placeholder(decks):
    for slide in decks["olhain"][1].slides:
        if layout_key(slide.slide_layout.name) != "picture with caption":
            continue
        box = slide.slide_layout.placeholders.get(idx=1)
        pic = next(sh for sh in slide.shapes if hasattr(sh, "image"))
        assert (pic.width, pic.height) == (box.width, box.height)
        iw, ih = pic.image.size  # cropped to the placeholder's proportions, not distorted
        shown_w = iw * (1 - pic.crop_left - pic.crop_right)
        shown_h = ih * (1 - pic.crop_top - pic.crop_bottom)
        assert shown_w / shown_h == pytest.approx(box.width / box.height, rel=0.01)


# --- charts equal the spreadsheets ---------------------------------------------------------------

def test_budget_chart_equals_the_budget_sheet(decks, settings):
    volet_of = {r["id"]: r["volet"] for r in rows_of(ROOT / "inputs" / "planning.xlsx")}
    ht = defaultdict(float)
    for r in rows_of(ROOT / "inputs" / "budget.xlsx"):
        ht[volet_of[r["action"]]] += r["quantite"] * r["prix_unitaire_ht"]
    labels = settings["decks"]["labels"]["volet"]
    (chart,) = _charts(decks["evaluation"][1], "Budget par volet")
    got = _series(chart)["Total HT"]
    assert got == {labels[v]: pytest.approx(round(x, 2)) for v, x in ht.items()}


def test_projects_chart_equals_the_projects_sheet(decks, settings):
    count = defaultdict(int)
    rows = rows_of(ROOT / "inputs" / "projets.xlsx")
    for r in rows:
        count[(r["phase"], r["volet"])] += 1
    labels = settings["decks"]["labels"]
    (chart,) = _charts(decks["evaluation"][1], "Projets par phase")
    series = _series(chart)
    for (phase, volet), n in count.items():
        assert series[labels["volet"][volet]][labels["phase"][phase]] == n
    assert sum(v for s in series.values() for v in s.values()) == len(rows)


def test_indicator_charts_equal_the_indicator_sheet(decks):
    raw = (ROOT / "inputs" / "indicateurs.csv").read_bytes().decode("cp1252")
    reader = csv.reader(io.StringIO(raw), delimiter=";")
    head = [normalise(h) for h in next(reader)]
    rows = [dict(zip(head, r, strict=True)) for r in reader if r]
    want = {r["indicateur"]: round(100 * float(r["realise"].replace(",", "."))
                                   / float(r["cible"].replace(",", ".")), 1) for r in rows}
    got = {}
    for slide in decks["evaluation"][1].slides:  # one chart per volet
        if slide.shapes.title.text.startswith("Résultats"):
            (chart,) = [sh.chart for sh in slide.shapes if sh.has_chart]
            got.update(_series(chart)["Réalisé en % de la cible"])
    assert got == pytest.approx(want)


# --- plans and determinism -----------------------------------------------------------------------

def test_plan_asking_for_an_unknown_field_names_plan_slide_and_field(staged, tmp_path, capsys):
    project, data = staged
    job = next(j for j in deck_jobs(data) if j.name == "evaluation")
    plan = tmp_path / "essai.yaml"
    plan.write_text("title: Essai\nslides:\n  - layout: title\n    title: Bonjour\n"
                    "    picture: terrils-silhouette.png\n"
                    "  - layout: text\n    title: Liste\n"
                    "    text: {data: planning, item: \"{intitule}\"}\n", encoding="utf-8")
    with pytest.raises(PlanError, match=r"essai.yaml › slide 2: unknown field \{intitule\}"):
        make_deck(str(plan), job.template, job.records, data.settings)
    with pytest.raises(SystemExit):
        build_deck(str(plan), job.template, job.records,
                   [data.setting(s) for s in ("decks", "event", "documents")],
                   str(tmp_path / "essai.pptx"))
    assert "unknown field {intitule}" in capsys.readouterr().err


def test_same_inputs_give_identical_bytes(staged, decks):
    project, data = staged
    for job in deck_jobs(data):
        again, _ = make_deck(job.plan, job.template, job.records, data.settings)
        assert again == decks[job.name][0], job.name


def test_chart_workbooks_carry_no_build_time(decks):
    blob = decks["evaluation"][0]
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        for name in z.namelist():
            assert z.getinfo(name).date_time == (1980, 1, 1, 0, 0, 0)
            if name.endswith(".xlsx"):
                inner = zipfile.ZipFile(io.BytesIO(z.read(name)))
                assert b"<dcterms:created xsi:type=\"dcterms:W3CDTF\">2020-07-15T00:00:00Z" in \
                    inner.read("docProps/core.xml")


# --- the workflow (slow: LibreOffice) ------------------------------------------------------------

@pytest.mark.slow
def test_workflow_builds_every_deck_and_libreoffice_converts_it(sample_build, tmp_path):
    import shutil

    from pypdf import PdfReader

    project = copy_built(sample_build, tmp_path / "p")
    for deck in DECKS:
        pptx = project / "build" / "decks" / f"{deck}.pptx"
        slides = len(Presentation(pptx).slides)
        if shutil.which("soffice"):
            pdf = project / "build" / "decks" / f"{deck}.pdf"
            assert len(PdfReader(pdf).pages) == slides, deck
    pptx = [f"build/decks/{d}.pptx" for d in DECKS]
    first = {p: (project / p).read_bytes() for p in pptx}
    for p in pptx:
        (project / p).unlink()
    snakemake(project, *pptx)  # the decks alone: their PDFs need not be converted again
    for p in pptx:
        assert (project / p).read_bytes() == first[p], p


def test_trail_map_is_shown_whole(decks):
    slide = next(s for s in decks["partenaires"][1].slides
                 if s.shapes.title.text.startswith("Le parcours"))
    box = slide.slide_layout.placeholders.get(idx=1)
    pic = next(sh for sh in slide.shapes if hasattr(sh, "image"))
    assert (pic.crop_left, pic.crop_right, pic.crop_top, pic.crop_bottom) == (0, 0, 0, 0)
    assert box.left <= pic.left and pic.left + pic.width <= box.left + box.width
    assert box.top <= pic.top and pic.top + pic.height <= box.top + box.height


def test_a_deck_depends_only_on_the_tables_its_plan_reads(staged):
    project, data = staged
    jobs = {j.name: j for j in deck_jobs(data)}
    tables = {name: {Path(r).parent.name for r in j.records} for name, j in jobs.items()}
    assert "produits" not in tables["olhain"] and "budget" not in tables["olhain"]
    assert {"budget", "planning", "indicateurs", "projets"} <= tables["evaluation"]
    assert "build/proofs/signage/carte-parcours.png" in jobs["partenaires"].pictures
