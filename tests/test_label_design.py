"""Labels and stickers as one brand system (issue 17) and press-safe (issue 15): the ALL mark at
its size with its clear space, the name first in the hierarchy, no empty band, nothing but
background in the 4 mm safety zone — measured on the produced files, and a template breaking
each rule is refused."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pypdfium2
import pytest

from atelier import brand
from atelier.content.label import label_content
from atelier.render.labels import LabelError, check_template, draw_label
from atelier.render.svgdoc import load_template

from .conftest import ROOT, make_project, own_copy, snakemake

MM = 72 / 25.4
MAKER = {"nom": "Brasserie du Terril", "adresse": "12 rue des Mineurs", "code_postal": "62300",
         "commune": "Lens"}
BEER = {"sku": "biere-test", "nom_fr": "Bière noire", "nom_en": "Black beer", "nom_ja": "黒ビール",
        "ingredients_fr": "eau, malt d'orge, houblon, levure", "allergenes": ["gluten"],
        "quantite_nette": 33, "unite": "cl", "titre_alcoolique": 6.5,
        "conservation_fr": "À conserver au frais.", "type_date": "ddm",
        "duree_conservation_jours": 365, "lot": "L1", "url": "https://example.fr/p/biere-test",
        "exemption_nutrition": True, "format_etiquette": "bouteille", "quantite_impression": 4,
        "surface_emballage_cm2": 210}


@pytest.fixture(scope="module")
def built(sample_build) -> Path:
    """The sample as the whole workflow built it (shared, read only)."""
    return sample_build


def _entries(built: Path) -> dict:
    return {name: e for p in sorted((built / "build/state").glob("labels-*.json"))
            for name, e in json.loads(p.read_text()).items() if "checks" in e}


@pytest.mark.slow
def test_every_label_and_sticker_carries_the_mark_at_its_size(built):
    least = brand.tokens()["spacing"]["mark_min_width_mm"]
    entries = _entries(built)
    assert any(n.startswith("emporter-") for n in entries) and len(entries) > 40
    for name, e in entries.items():
        x, y, w, h = e["checks"]["mark"]["box_mm"]
        assert w >= least - 1e-6, name
        assert e["checks"]["mark"]["clear_mm"] == pytest.approx(h / 2, abs=0.01)


@pytest.mark.slow
def test_the_name_leads_the_hierarchy_and_translations_keep_80_percent(built):
    for name, e in _entries(built).items():
        ch = e["checks"]
        assert ch["name_pt"] >= ch["body_pt"], name
        assert ch["name_pt"] >= ch.get("nutrition_pt", 0), name
        if ch.get("translation_pt"):
            assert ch["translation_pt"] >= 0.8 * ch["name_pt"] - 0.01, name


@pytest.mark.slow
def test_no_empty_band_over_30_percent_of_the_live_area(built):
    for name, e in _entries(built).items():
        assert e["checks"]["empty_band_pct"] <= 30, name


@pytest.mark.slow
def test_nothing_but_background_in_the_4mm_safety_zone(built, settings):
    """Every character's box, read back by pdfium, lies 4 mm inside the trim."""
    formats = settings["labels"]["formats"]
    assert all(f["safety_margin_mm"] >= 4 for f in formats.values())
    pdfs = sorted([*(built / "build/print/labels").glob("*.pdf"),
                   *(built / "build/office/etiquettes").glob("*.pdf")])
    assert pdfs
    for pdf in pdfs:
        doc = pypdfium2.PdfDocument(str(pdf))
        try:
            page = doc[0]
            trim = [float(v) for v in page.get_trimbox()]
            tp = page.get_textpage()
            inner = (trim[0] + 4 * MM, trim[1] + 4 * MM, trim[2] - 4 * MM, trim[3] - 4 * MM)
            for i in range(tp.count_chars()):
                if tp.get_text_range(i, 1).isspace():
                    continue
                left, bottom, right, top = tp.get_charbox(i)
                assert left >= inner[0] - 0.3 and right <= inner[2] + 0.3, (pdf.name, i)
                assert bottom >= inner[1] - 0.3 and top <= inner[3] + 0.3, (pdf.name, i)
        finally:
            doc.close()


# --- counter-examples: templates that break a rule are refused -----------------------------------

def _variant(tmp_path: Path, fmt: str, frame: str, **attrs) -> Path:
    import re

    src = (ROOT / "templates/labels" / f"{fmt}.svg").read_text()
    rect = re.search(rf'<rect id="{frame}"[^>]*>', src)[0]
    new = rect
    for k, v in attrs.items():
        new = re.sub(rf' {k}="[^"]*"', f' {k}="{v}"', new)
    out = tmp_path / f"{fmt}.svg"
    out.write_text(src.replace(rect, new))
    load_template.cache_clear()
    return out


def _draw(settings, path: Path, product=BEER, fmt="bouteille"):
    return draw_label(label_content(product, MAKER, settings), load_template(path),
                      settings["labels"]["formats"][fmt], settings)


def test_a_mark_under_its_minimum_width_is_refused(tmp_path):
    path = _variant(tmp_path, "bouteille", "frame-mark", width="10", height="4")
    with pytest.raises(LabelError, match="minimum"):
        check_template(load_template(path))


def test_content_in_the_marks_clear_space_is_refused(tmp_path, settings):
    path = _variant(tmp_path, "bouteille", "frame-mark", y="28.5")  # right under the QR code
    with pytest.raises(LabelError, match="clear space"):
        _draw(settings, path)


def test_a_frame_in_the_safety_zone_is_refused(tmp_path, settings):
    path = _variant(tmp_path, "bouteille", "frame-name", x="2")
    with pytest.raises(LabelError, match="safety zone"):
        _draw(settings, path)


def test_an_empty_band_is_refused(tmp_path, settings):
    # the body given the whole lower half with its text stacked at the top
    path = _variant(tmp_path, "bouteille", "frame-body-full", **{"data-valign": "top"})
    strict = copy.deepcopy(settings)
    strict["labels"]["empty_band_max_pct"] = 15
    with pytest.raises(LabelError, match="empty band"):
        _draw(strict, path)


@pytest.mark.slow
def test_the_label_job_names_a_template_without_the_mark(tmp_path):
    project = make_project(tmp_path / "p")
    templates = own_copy(project, "templates")
    svg = templates / "labels/l7160.svg"
    svg.write_text("\n".join(ln for ln in svg.read_text().splitlines() if "frame-mark" not in ln))
    proc = snakemake(project, "labels", check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in out
    assert "frame-mark" in out and "l7160" in out


# --- EAN-13 sizing (PRESS.md, Barcodes) -----------------------------------------------------------

def test_ean_module_is_whole_printer_dots_at_or_above_100_percent():
    from atelier.layout.codes import CodeTooSmall, ean13, ean_module

    dot = 25.4 / 300
    module = ean_module(40, 1.0, 0.8, 300)
    assert module == pytest.approx(4 * dot) and module >= 0.33  # 102 %
    assert ean_module(40, 1.0, 0.8) == pytest.approx(0.33)  # press: exactly 100 %
    assert ean_module(30, 1.0, 0.8) == pytest.approx(30 / 113)  # narrower frame: ≥ 80 % still
    with pytest.raises(CodeTooSmall, match="38.3 mm"):
        ean_module(35, 1.0, 0.8, 300)  # 3 dots would be 77 %: refused, never printed
    with pytest.raises(CodeTooSmall, match="half|50"):
        ean13("3760123400084", 0, 0, 40, 13, 0.8, module, 0.5)  # bars cut below half height
    code = ean13("3760123400084", 0, 0, 40, 28, 0.8, module, 0.5)
    assert code.box[2] == pytest.approx(113 * module)


@pytest.mark.slow
def test_the_layout_lint_reads_every_label_clean(built):
    """The label jobs declare their texts and the mark to the layout lint (its own reader of the
    PDF): no finding on any printer's label, the mark found at the wordmark's minimum."""
    from atelier.print import layout_lint

    entries = _entries(built)
    pdfs = sorted((built / "build/print/labels").glob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        declaration = entries[pdf.stem]["layout"]
        marks = [b for b in declaration["boxes"] if b["role"] == "mark"]
        assert len(marks) == 1 and marks[0]["min_width_mm"] == brand.tokens()["spacing"]["mark_min_width_mm"]
        doc = pypdfium2.PdfDocument(str(pdf))
        try:
            trims = [[float(v) for v in doc[i].get_trimbox()] for i in range(len(doc))]
        finally:
            doc.close()
        findings = layout_lint.check_file(str(pdf), declaration, trims, thumb_dir=None)
        assert all(f.level == "ok" for f in findings), (pdf.name, [f.message for f in findings])
