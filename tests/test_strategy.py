"""The strategy document (issue #6): reopened with python-docx, its headings follow the texts and
the settings' outline, and every table's figures equal what the spreadsheets give — recomputed
here from the .xlsx/.csv files, independently of atelier.content.strategy."""

from __future__ import annotations

import csv
import io
import re
import shutil
import time
import zipfile
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from atelier.jobs.strategy import TABLES, build_docx
from atelier.office import normalise_zip
from atelier.plan.strategy import read_chapters
from tests.conftest import ROOT, make_project, rows_of, snakemake

DOCX = "build/docs/strategie-culinaire-all.docx"
PDF = "build/docs/strategie-culinaire-all.pdf"
VALUES = ["fierte", "passion", "fidelite", "chaleur", "spontaneite", "authenticite",
          "solidarite", "simplicite", "volonte"]
CENT = Decimal("0.01")


@pytest.fixture(scope="module")
def built(sample_build) -> Path:
    """The sample as the whole workflow built it, the strategy with the rest (shared, read
    only)."""
    return sample_build


@pytest.fixture(scope="module")
def document(built):
    return docx.Document(str(built / DOCX))


def _build(project: Path, out: Path, template: Path | None = None) -> dict:
    """The DOCX job called directly (no Snakemake), on the project's staged records."""
    staged = project / "build/records"
    records = []
    for t in TABLES:  # the whole table as the job reads it (atelier.pipeline.Staged.whole)
        whole = [staged / "_tables" / t / "all.json", staged / t / "all.json"]
        records += [str(next(p for p in whole if p.is_file()))]
    settings = [str(project / f"build/records/_settings/{s}.json") for s in ("documents", "event")]
    return build_docx(str(template or project / "templates/strategie.docx"), records, settings,
                      str(out), texts=project / "inputs/textes")


def _settings() -> dict:
    return yaml.safe_load((ROOT / "config/settings.yaml").read_text(encoding="utf-8"))


def _eur(text: str) -> Decimal:
    """« 1 234,50 € » → Decimal('1234.50')."""
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text).replace(",", ".")
    return Decimal(cleaned)


def _table_after(document, caption_words: str):
    """The table whose numbered caption contains ``caption_words``."""
    body = document.element.body
    captions = [p for p in body.iter(qn("w:p"))
                if caption_words in "".join(t.text or "" for t in p.iter(qn("w:t")))
                and p.getnext() is not None and p.getnext().tag == qn("w:tbl")]
    assert captions, f"no table captioned « {caption_words} »"
    tbl = captions[0].getnext()
    return next(t for t in document.tables if t._tbl is tbl)


def _plain(text: str) -> str:
    """The sheet's text as typed: the document sets it by French typography (’, no-break
    spaces: tests/test_office_finish.py checks that), the sheets hold ' and spaces."""
    return text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")


def _rows(table) -> list[list[str]]:
    out = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:  # merged cells come back once per grid column
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                cells.append(_plain(cell.text))
        out.append(cells)
    return out


# --- headings ----------------------------------------------------------------------------------

@pytest.mark.slow
def test_headings_follow_texts_and_outline(document):
    settings = _settings()["documents"]["strategy"]
    texts = []
    for path in sorted((ROOT / "inputs/textes").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        meta = yaml.safe_load(front)
        texts.append((meta["ordre"], meta["titre"], body))
    narrative: list[tuple[int, str]] = []
    for _, title, body in sorted(texts):
        narrative.append((1, title))
        for line in body.splitlines():
            m = re.match(r"^(#{1,6})\s+(.*)$", line)
            if m:  # # and ## → Heading 2, deeper → Heading 3
                narrative.append((2 if len(m.group(1)) <= 2 else 3, m.group(2).strip()))
    got = [(int(p.style.name[-1]), _plain(p.text)) for p in document.paragraphs
           if p.style.name.startswith("Heading")]
    assert settings["outline"][0] == "textes"
    assert got[:len(narrative)] == narrative
    h1 = [t for level, t in got[len(narrative):] if level == 1]
    data_titles = [settings["chapters"][p] for p in settings["outline"]
                   if p not in ("textes", "sites")]
    assert [t for t in h1 if t in data_titles] == data_titles
    sites = {r["site"] for r in rows_of(ROOT / "inputs/menus.xlsx")}
    names = {r["id"]: r["nom"] for r in rows_of(ROOT / "inputs/partenaires.xlsx")}
    assert sorted(t for t in h1 if t not in data_titles) == sorted(names[s] for s in sites), \
        "one chapter per menu site"


# --- figures -----------------------------------------------------------------------------------

@pytest.mark.slow
def test_budget_equals_the_sheet(document):
    lines = rows_of(ROOT / "inputs/budget.xlsx")
    actions = {r["id"]: r for r in rows_of(ROOT / "inputs/planning.xlsx")}

    def amounts(r):
        ht = (Decimal(str(r["quantite"])) * Decimal(str(r["prix_unitaire_ht"]))).quantize(
            CENT, ROUND_HALF_UP)
        tva = (ht * Decimal(str(r["taux_tva"])) / 100).quantize(CENT, ROUND_HALF_UP)
        return ht, tva, ht + tva

    total = [sum(amounts(r)[k] for r in lines) for k in range(3)]
    rows = _rows(_table_after(document, "Budget détaillé par action"))
    assert rows[0][0] == "Poste"
    grand = rows[-1]
    assert grand[0] == "Total général"
    assert [_eur(c) for c in grand[1:] if c] == total  # HT, TVA, TTC (no rate on totals)

    # Each line as in the sheet; each action's subtotal equals its lines.
    body = [r for r in rows[1:] if len(r) == 8]
    assert len(body) == len(lines)
    for line in lines:
        ht, tva, ttc = amounts(line)
        match = [r for r in body if r[0] == line["poste"]]
        assert match, line["poste"]
        assert (_eur(match[0][4]), _eur(match[0][6]), _eur(match[0][7])) == (ht, tva, ttc)
    by_action = Counter()
    for line in lines:
        by_action[line["action"]] += amounts(line)[0]
    subtotals = {r[0].removeprefix("Sous-total — "): _eur(r[1]) for r in rows
                 if r[0].startswith("Sous-total — ")}
    assert subtotals == {actions[a]["action"]: v for a, v in by_action.items()}
    by_volet = Counter()
    for line in lines:
        by_volet[actions[line["action"]]["volet"]] += amounts(line)[2]
    summary = {r[0]: _eur(r[3]) for r in _rows(_table_after(document, "Budget par volet"))[1:]}
    assert summary.pop("Total général") == total[2]
    labels = _settings()["documents"]["strategy"]["labels"]["volets"]
    assert summary == {labels[v]: amount for v, amount in by_volet.items()}


@pytest.mark.slow
def test_census_equals_the_sheet(document):
    partners = rows_of(ROOT / "inputs/partenaires.xlsx")
    labels = _settings()["documents"]["strategy"]["labels"]
    rows = _rows(_table_after(document, "par territoire et par type"))
    header = rows[0]
    type_of = {labels["types"][k]: k for k in labels["types"]}
    ter_of = {labels["territoires"][k]: k for k in labels["territoires"]}
    counts = Counter((p["territoire"], p["type"]) for p in partners)
    for row in rows[1:-1]:
        ter = ter_of[row[0]]
        for name, value in zip(header[1:-1], row[1:-1], strict=True):
            assert int(value) == counts[(ter, type_of[name])], (row[0], name)
        assert int(row[-1]) == sum(1 for p in partners if p["territoire"] == ter)
    assert rows[-1][0] == "Total" and int(rows[-1][-1]) == len(partners)
    assert len(rows) - 2 == 7, "all seven territories"
    engaged = _rows(_table_after(document, "Partenaires engagés"))[1:]
    wanted = {p["nom"] for p in partners if p["statut"] in ("engage", "partenaire")}
    assert {r[0] for r in engaged} == wanted


@pytest.mark.slow
def test_project_scores_and_selection(document):
    projects = {p["titre"]: p for p in rows_of(ROOT / "inputs/projets.xlsx")}
    seen = 0
    for table in document.tables:
        rows = _rows(table)
        if rows[0][:2] != ["Projet", "Fierté"]:
            continue
        for row in rows[1:]:
            p = projects[row[0]]
            assert [int(v) for v in row[1:10]] == [p[v] for v in VALUES]
            assert int(row[10]) == sum(p[v] for v in VALUES)
            selected = p["phase"] not in ("idee",)
            assert row[12] == ("oui" if selected else "non")
            seen += 1
    assert seen == len(projects)


@pytest.mark.slow
def test_indicators_target_and_actual(document):
    with open(ROOT / "inputs/indicateurs.csv", encoding="cp1252") as f:
        sheet = list(csv.reader(f, delimiter=";"))
    head = sheet[0]
    items = {r[head.index("Indicateur")]: r for r in sheet[1:] if r}
    rows = _rows(_table_after(document, "cible et réalisé"))[1:]
    assert len(rows) == len(items)
    for row in rows:
        src = items[row[0]]
        target = float(src[head.index("Cible")].replace(",", "."))
        done = float(src[4].replace(",", "."))  # « Réalisé » (cp1252 header)
        assert float(row[2].replace(" ", "").replace(",", ".")) == target
        assert float(row[3].replace(" ", "").replace(",", ".")) == done
        assert row[5] == f"{round(100 * done / target)} %"


@pytest.mark.slow
def test_products_appendix_lists_every_product(document):
    products = rows_of(ROOT / "inputs/produits.xlsx")
    rows = _rows(_table_after(document, "Les produits culinaires ALL"))[1:]
    assert sorted(r[0] for r in rows) == sorted(p["nom_fr"] for p in products)
    prices = {p["nom_fr"]: Decimal(str(p["prix_ttc"])).quantize(CENT) for p in products}
    assert all(_eur(r[4]) == prices[r[0]] for r in rows)


# --- Word features -----------------------------------------------------------------------------

@pytest.mark.slow
def test_real_word_features(built, document):
    xml = document.element.xml
    assert 'TOC \\o "1-2"' in xml
    captions = [p for p in document.paragraphs if p.style.name == "Caption"]
    seq = re.findall(r"SEQ (Figure|Tableau)", xml)
    assert len(seq) == len(captions) > 20
    # Each caption's number follows its kind's sequence.
    numbers: dict[str, list[int]] = {}
    for p in captions:
        kind, n = re.match(r"(Figure|Tableau) (\d+)", p.text).groups()
        numbers.setdefault(kind, []).append(int(n))
    assert all(v == list(range(1, len(v) + 1)) for v in numbers.values())
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer
    for table in document.tables:  # header row repeated on every page
        first = table.rows[0]._tr.trPr
        assert first is not None and first.find(qn("w:tblHeader")) is not None
    props = document.core_properties
    settings = _settings()["documents"]
    assert props.title == settings["strategy"]["title"]
    assert props.author == settings["author"]
    assert props.language == "fr-FR"
    assert props.created.date().isoformat() == settings["date"]
    assert props.modified == props.created
    pictures = list(document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
    assert pictures and all(p.get("descr") for p in pictures), "every image has alt text"
    assert "updateFields" in document.settings.element.xml
    styles = document.styles.element.xml
    assert 'w:val="fr-FR"' in styles
    with zipfile.ZipFile(built / DOCX) as z:
        assert any(n.endswith(".svg") for n in z.namelist()), "Gantt as vectors for Word"
        assert z.namelist()[0] == "[Content_Types].xml"


@pytest.mark.slow
def test_numbered_lists_restart(document):
    ids = []
    for p in document.paragraphs:
        if p.style.name == "List Number":
            num = p._p.find(qn("w:pPr") + "/" + qn("w:numPr") + "/" + qn("w:numId"))
            ids.append(num.get(qn("w:val")))
    assert len(set(ids)) >= 2, "each Markdown numbered list starts again at 1"


# --- errors ------------------------------------------------------------------------------------

@pytest.mark.slow
def test_missing_style_is_named(built, tmp_path, monkeypatch):
    template = tmp_path / "strategie.docx"
    doc = docx.Document(str(built / "templates/strategie.docx"))
    doc.styles["Caption"].element.getparent().remove(doc.styles["Caption"].element)
    doc.save(str(template))
    monkeypatch.chdir(built)
    with pytest.raises(SystemExit) as exc:
        _build(built, tmp_path / "out.docx", template)
    message = str(exc.value)
    assert "« Caption »" in message and str(template) in message
    assert "numbered captions" in message
    assert not (tmp_path / "out.docx").exists()


def test_text_problems_are_located(tmp_path):
    (tmp_path / "images").mkdir()
    shutil.copy(ROOT / "inputs/images/valeurs-all.png", tmp_path / "images")
    textes = tmp_path / "textes"
    textes.mkdir()
    (textes / "a.md").write_text("---\nordre: 1\n---\n\nTexte.\n", encoding="utf-8")
    (textes / "b.md").write_text('---\nordre: 2\ntitre: "B"\n---\n\n## Titre\n\n'
                                 "![Alt](../images/absente.png)\n", encoding="utf-8")
    (textes / "c.md").write_text("Pas de front matter.\n", encoding="utf-8")
    chapters, problems = read_chapters(textes, tmp_path / "images")
    text = "\n".join(str(p) for p in problems)
    assert "a.md › titre" in text
    assert "b.md › line 8 (image) › «../images/absente.png» › a file that exists" in text
    assert "c.md › line 1 (front matter)" in text
    assert [c.titre for c in chapters] == ["B"]


@pytest.mark.slow
def test_bad_text_stops_the_run_before_anything_is_built(tmp_path):
    project = make_project(tmp_path / "p")
    path = project / "inputs/textes/03-parcours-noir.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "parcours-noir-texture.jpg", "texture-perdue.jpg"), encoding="utf-8")
    proc = snakemake(project, "-n", "strategy", check=False)
    assert proc.returncode == 1
    assert "03-parcours-noir.md › line 18 (image) › «../images/texture-perdue.jpg»" in proc.stderr
    assert "Traceback" not in proc.stderr


# --- determinism -------------------------------------------------------------------------------

def _build_in_fresh_process(project: Path, out: Path) -> None:
    """As a Snakemake job does: in its own interpreter. (In the test process, cairo's
    process-wide surface counters, advanced by earlier tests, number the Gantt's SVG ids
    differently: the build is deterministic per job, not per long-lived process.)"""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from tests.test_strategy import _build; "
            "_build(Path(sys.argv[1]), Path(sys.argv[2]))")
    subprocess.run([sys.executable, "-c", code, str(project), str(out)], check=True, cwd=project,
                   env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.slow
def test_same_inputs_same_bytes(built, tmp_path):
    _build_in_fresh_process(built, tmp_path / "a.docx")
    time.sleep(1.1)  # zip timestamps have a 2 s resolution: make a clock leak visible
    _build_in_fresh_process(built, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    assert (tmp_path / "a.docx").read_bytes() == (built / DOCX).read_bytes()


def test_normalise_zip_fixes_timestamps_and_order():
    def package(names):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for n in names:
                z.writestr(zipfile.ZipInfo(n, date_time=time.localtime()[:6]), n)
        return buf.getvalue()

    a = normalise_zip(package(["word/document.xml", "[Content_Types].xml", "_rels/.rels"]))
    b = normalise_zip(package(["_rels/.rels", "word/document.xml", "[Content_Types].xml"]))
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# --- LibreOffice -------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_it(built):
    import pypdf

    snakemake(built, "strategy")
    reader = pypdf.PdfReader(str(built / PDF))
    assert len(reader.pages) > 20
    text = "\n".join(page.extract_text() for page in reader.pages[:3])
    titles = [c.titre for c in read_chapters(built / "inputs/textes",
                                             built / "inputs/images")[0]]
    assert titles[0] in text
    # The table of contents shows page numbers (second LibreOffice pass).
    assert re.search(re.escape(titles[0]) + r"\.{3,}\s*\d+", text)
    assert reader.metadata.title == _settings()["documents"]["strategy"]["title"]


def test_markdown_maps_to_template_styles(tmp_path):
    from atelier.plan.strategy import Chapter
    from atelier.render.docx import DocxWriter
    from atelier.render.markdown_docx import STYLES, MarkdownWriter

    body = ("# Grand titre\n\n### Petit titre\n\nUn **gras**, un *italique* et "
            "[un lien](https://www.autourdulouvrelens.fr/).\n\n3. trois\n4. quatre\n\n"
            "- puce\n  - sous-puce\n\n> Citation\n\n| A | B |\n|---|---|\n| 1 | 2 |\n")
    writer = DocxWriter(ROOT / "templates/strategie.docx",
                        {**STYLES, "Tableau ALL": ("table", ""), "Table Heading": ("paragraph", ""),
                         "Table Text": ("paragraph", ""), "Table Total": ("paragraph", ""),
                         "Caption": ("paragraph", ""), "Figure": ("paragraph", "")})
    MarkdownWriter(writer, Chapter(tmp_path / "x.md", 1, "X", body, 1), 120).write()
    writer.finish(tmp_path / "x.docx", "t", "", "a", "fr-FR", "2020-07-15")
    d = docx.Document(str(tmp_path / "x.docx"))
    styles = [(p.style.name, p.text) for p in d.paragraphs]
    assert styles[:2] == [("Heading 2", "Grand titre"), ("Heading 3", "Petit titre")]
    para = d.paragraphs[2]
    assert [r.text for r in para.runs if r.bold] == ["gras"]
    assert [r.text for r in para.runs if r.italic] == ["italique"]
    assert "https://www.autourdulouvrelens.fr/" in [r.target_ref for r in d.part.rels.values()]
    assert ("List Number", "trois") in styles and ("List Bullet", "sous-puce") in styles
    assert ("Quote", "Citation") in styles
    first = next(p for p in d.paragraphs if p.text == "trois")
    num_id = int(first._p.pPr.numPr.numId.val)
    num = next(n for n in d.part.numbering_part.element.num_lst if n.numId == num_id)
    assert num.xpath("./w:lvlOverride/w:startOverride/@w:val") == ["3"]
    assert _rows(d.tables[0]) == [["A", "B"], ["1", "2"]]
