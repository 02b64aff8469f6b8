"""Menu cards: content rules, flow, print file, QR, online page in a real browser, incremental
rebuild. The sample menus are built once by the real workflow (module fixture)."""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from atelier.content.menu import MenuContentError, available, haversine_km, menu_content
from atelier.jobs.menus import build_menu, make_menu
from atelier.plan import menus as plan
from atelier.records.store import load
from atelier.render import web
from atelier.render.menus import MenuError
from atelier.settings import load_settings

from . import pdfcheck
from .conftest import ROOT, copy_built, edit_cell, snakemake

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
MENUS = ["carin-gourmand", "olhain-carte"]
TEMPLATES = ROOT / "templates" / "menus"


@pytest.fixture(scope="module")
def built(sample_build, tmp_path_factory) -> Path:
    """A copy of the sample's build (a test edits a price in it)."""
    return copy_built(sample_build, tmp_path_factory.mktemp("menus") / "project")


def records(project: Path, table: str) -> list[dict]:
    return [load(p) for p in sorted((project / "build/records" / table).glob("*.json"))]


def flat(text: str) -> str:
    """PDF text without line breaks, hyphenation or spacing differences."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"-\s*\n", "", text)
    return re.sub(r"\s+", "", text)


def dishes_of(project: Path, menu: dict) -> tuple[list[dict], list[dict]]:
    day = dt.date.fromisoformat(menu["date_validite"])
    mine = [d for d in records(project, "plats") if d["menu"] == menu["id"]]
    return [d for d in mine if available(d, day)], [d for d in mine if not available(d, day)]


# -- the print file ---------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("mid", MENUS)
def test_every_available_dish_once_with_its_price(built, mid):
    menu = load(built / f"build/records/menus/{mid}.json")
    shown, hidden = dishes_of(built, menu)
    assert shown and hidden or mid == "carin-gourmand"
    text = flat(pdfcheck.text(built / f"build/print/menus/{mid}.pdf"))
    from atelier.content.formats import number, price
    from atelier.content.typography import french
    for d in shown:
        # the name, then its price (drinks: the volume served first), as the card prints them
        tag = price(d["prix_ttc"])
        if d.get("boisson"):
            tag = f"{number(d['volume_cl'])} cl · {tag}"
        entry = flat(french(d["nom_fr"])) + flat(tag)
        assert text.count(entry) == 1, f"{d['id']}: {entry} found {text.count(entry)} times"
    for d in hidden:
        assert flat(d["nom_fr"]) not in text, f"{d['id']} is out of season but printed"


@pytest.mark.slow
@pytest.mark.parametrize("mid", MENUS)
def test_legend_lists_exactly_the_allergens_used(built, mid):
    from atelier import allergens
    menu = load(built / f"build/records/menus/{mid}.json")
    shown, _ = dishes_of(built, menu)
    used = {c for d in shown for c in d.get("allergenes") or []}
    text = flat(pdfcheck.text(built / f"build/print/menus/{mid}.pdf"))
    for n, code in enumerate(allergens.CODES, start=1):
        name = allergens.name(code, "fr")
        row = flat(f"{n}\u2002{name[:1].upper()}{name[1:]}")
        if code in used:
            assert row in text, f"legend lacks {n} {code}"
            for lang in ("en", "ja"):
                assert flat(allergens.name(code, lang)).lower() in text.lower()
        else:
            assert row not in text, f"legend lists unused {code}"


@pytest.mark.slow
@pytest.mark.parametrize("mid", MENUS)
def test_qr_on_the_back_decodes_to_the_online_menu(built, mid):
    menu = load(built / f"build/records/menus/{mid}.json")
    pdf = built / f"build/print/menus/{mid}.pdf"
    with pikepdf.open(pdf) as doc:
        pages = len(doc.pages)
    codes = pdfcheck.decode_codes(pdf, page=pages - 1)
    assert codes == [("QR", f"{menu['url']}?utm_source=all&utm_medium=menu"
                             "&utm_campaign=parcours-noir-2020")]
    state = json.loads((built / f"build/state/menus-{mid}.json").read_text())[f"{mid}.pdf"]
    assert state["measured"]["qr"]["symbol_mm"] >= 30.0  # 1/10 of 30 cm
    assert state["codes"][0]["data"] == codes[0][1]  # what the preflight expects to read


@pytest.mark.slow
@pytest.mark.parametrize("mid", MENUS)
def test_print_boxes_pages_and_fonts(built, mid, settings):
    menu = load(built / f"build/records/menus/{mid}.json")
    fmt = settings["menus"]["formats"][menu["format"]]
    pdf = built / f"build/print/menus/{mid}.pdf"
    with pikepdf.open(pdf) as doc:
        assert len(doc.pages) == fmt["pages"]
    for page in range(fmt["pages"]):
        b = pdfcheck.boxes_mm(pdf, page)
        x0, y0, x1, y1 = b["TrimBox"]
        assert (round(x1 - x0, 1), round(y1 - y0, 1)) == (fmt["width_mm"], fmt["height_mm"])
        bx0, by0, bx1, by1 = b["BleedBox"]
        assert round(x0 - bx0, 2) == settings["printer"]["bleed_mm"] == round(bx1 - x1, 2)
        assert b["MediaBox"][2] > bx1  # room for the crop marks
    fonts = pdfcheck.fonts(pdf)
    assert fonts and all(fonts.values()), fonts
    assert any("NotoSansJP" in f for f in fonts)  # the Japanese is set in the Japanese face
    for n in range(1, fmt["pages"] + 1):
        assert (built / f"build/proofs/menus/{mid}-{n}.png").stat().st_size > 10_000


# -- the online menu, in a real browser --------------------------------------------------------
def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
@pytest.mark.slow
@pytest.mark.parametrize("mid", MENUS)
def test_online_menu_renders_in_chromium(built, mid, tmp_path):
    page = built / f"build/web/menus/{mid}/index.html"
    url = page.as_uri()
    dom = chromium(["--dump-dom", url], tmp_path / "profile").stdout
    menu = load(built / f"build/records/menus/{mid}.json")
    shown, hidden = dishes_of(built, menu)
    text = html.unescape(dom)
    from atelier.content.typography import typeset
    for d in shown:  # set by the typography of their language, as printed
        assert text.count(f"<h3>{typeset(d['nom_fr'], 'fr')}</h3>") == 1, d["id"]
        for lang in menu["langues"][1:]:
            assert f'lang="{lang}">{typeset(d[f"nom_{lang}"], lang)}<' in text
    for d in hidden:
        assert typeset(d["nom_fr"], "fr") not in text
    assert '<html lang="fr">' in dom and "<h1>" in dom
    words = re.sub(r"<[^>]+>", "", text)
    assert "Lait · Milk" in words  # allergens in words, not only numbers or icons
    shot = tmp_path / "shot.png"
    chromium([f"--screenshot={shot}", "--window-size=430,2000", url], tmp_path / "profile2")
    image = Image.open(shot).convert("RGB")
    assert image.size == (430, 2000)
    colours = image.getcolors(maxcolors=1 << 20)
    assert len(colours) > 50, "the page rendered blank"
    # the masthead is the brand's dark, the body the cream paper: the stylesheet was applied
    from atelier import brand
    from atelier.render.canvas import rgb
    dark = tuple(round(v * 255) for v in rgb(brand.colour("background.dark")))
    cream = tuple(round(v * 255) for v in rgb(brand.colour("background.cream")))
    assert image.getpixel((5, 5)) == dark
    assert image.getpixel((5, 1990)) == cream
    # the web fonts were used: glyph shapes need the subset fonts next to the page
    for name in plan.WEB_FILES:
        assert (page.parent / name).exists()


# -- rules, units ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_tables():
    """The sample inputs, read and validated as the pipeline reads them (no workflow run)."""
    from atelier.inputs import load_inputs

    settings = load_settings()
    tables, _ = load_inputs(ROOT / "inputs", settings)
    return {name: t.records for name, t in tables.items()}, settings


@pytest.fixture
def olhain(sample_tables):
    tables, settings = sample_tables
    menu = next(m for m in tables["menus"] if m["id"] == "olhain-carte")
    dishes = [d for d in tables["plats"] if d["menu"] == menu["id"]]
    partners = {p["id"]: p for p in tables["partenaires"]}
    return copy.deepcopy(menu), copy.deepcopy(dishes), partners, settings


def test_fait_maison_once_only_when_every_dish_qualifies(olhain):
    menu, dishes, partners, settings = olhain
    c = menu_content(menu, dishes, partners, settings)
    assert not c.all_fait_maison and c.any_fait_maison
    homemade = [copy.deepcopy(d) | {"fait_maison": True} for d in dishes]
    assert menu_content(menu, homemade, partners, settings).all_fait_maison


def test_meat_origin_and_drink_volume_lines(olhain):
    menu, dishes, partners, settings = olhain
    c = menu_content(menu, dishes, partners, settings)
    by_id = {d.id: d for s in c.sections for d in s.dishes}
    assert by_id["carbonade-flamande"].origin == "Né et élevé\u00a0: France / Abattu\u00a0: France"
    assert by_id["volaille-genievre"].origin == "Origine\u00a0: France"
    assert by_id["jus-pomme-trouble"].volume == "25\u00a0cl"
    assert by_id["jus-pomme-trouble"].price == "3,00\u00a0€"
    meatless = copy.deepcopy(dishes)
    for d in meatless:
        if d["id"] == "volaille-genievre":
            d["origine_viande"] = None
    with pytest.raises(MenuContentError, match="volaille-genievre"):
        menu_content(menu, meatless, partners, settings)


def test_producers_distance_from_the_site(olhain):
    menu, dishes, partners, settings = olhain
    c = menu_content(menu, dishes, partners, settings)
    assert [p.distance_km for p in c.producers] == sorted(p.distance_km for p in c.producers)
    site = partners[menu["site"]]
    p = c.producers[0]
    q = partners[p.id]
    assert p.distance_km == round(haversine_km(site["latitude"], site["longitude"],
                                               q["latitude"], q["longitude"]), 1)
    assert round(haversine_km(50.4318, 2.8317, 50.2910, 2.7770)) == 16  # Lens → Arras


def test_sections_in_order_of_their_first_dish(olhain):
    menu, dishes, partners, settings = olhain
    c = menu_content(menu, dishes, partners, settings)
    assert [s.title for s in c.sections] == ["Entrées", "Plats", "Fromages", "Desserts", "Boissons"]
    for s in c.sections:
        assert [d.id for d in s.dishes] == [d["id"] for d in sorted(
            (x for x in dishes if x["section"] == s.title and available(
                x, dt.date.fromisoformat(menu["date_validite"]))),
            key=lambda x: x["ordre"])]


def synthetic(dishes: list[dict], n: int) -> list[dict]:
    """``n`` dishes made from the sample ones, in 12 sections."""
    out = []
    for i in range(n):
        d = copy.deepcopy(dishes[i % len(dishes)])
        d.update(id=f"plat-{i:03d}", ordre=i, section=f"Section {i * 12 // n + 1}",
                 nom_fr=f"{d['nom_fr']} n° {i}", disponible_du=None, disponible_au=None)
        out.append(d)
    return out


def test_too_big_menu_fails_naming_menu_and_section(olhain, tmp_path):
    menu, dishes, partners, settings = olhain
    big = synthetic(dishes, 300)
    started = time.perf_counter()
    with pytest.raises(MenuError, match=r"section « Section \d+ » does not fit"):
        make_menu(menu, big, partners, settings, TEMPLATES, TEMPLATES / "web")
    assert time.perf_counter() - started < 10
    # through the job: exits (no traceback) naming the menu, its row and the section
    root = tmp_path / "records"
    paths = []
    for d in big:
        p = root / "plats" / f"{d['id']}.json"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(d, ensure_ascii=False))
        paths.append(str(p))
    for name, data in [("menus/olhain-carte", menu)] + [(f"partenaires/{k}", v)
                                                         for k, v in partners.items()]:
        (root / f"{name}.json").parent.mkdir(parents=True, exist_ok=True)
        (root / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False))
    for section, data in settings.items():
        (root / "_settings").mkdir(exist_ok=True)
        (root / "_settings" / f"{section}.json").write_text(json.dumps(data, ensure_ascii=False))
    with pytest.raises(SystemExit) as exc:
        build_menu(str(root / "menus/olhain-carte.json"), paths,
                   [str(p) for p in (root / "partenaires").glob("*.json")],
                   [str(p) for p in (root / "_settings").glob("*.json")], str(TEMPLATES),
                   str(TEMPLATES / "web"), str(tmp_path / "m.pdf"),
                   [str(tmp_path / f"m-{i}.png") for i in range(4)], str(tmp_path / "web"))
    message = str(exc.value)
    assert message.startswith("Menu « olhain-carte »") and "does not fit" in message
    assert not (tmp_path / "m.pdf").exists()


def test_web_page_escapes_sheet_text(olhain):
    menu, dishes, partners, settings = olhain
    evil = copy.deepcopy(dishes)
    evil[0]["nom_fr"] = '<script>alert("x")</script> Flamiche'
    c = menu_content(menu, evil, partners, settings)
    files = web.render_menu_page(c, TEMPLATES / "web")
    page = files["index.html"].decode()
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert sorted(files) == sorted(web.WEB_FILES) == sorted(plan.WEB_FILES)


def test_template_without_a_required_frame_is_refused(olhain, tmp_path):
    menu, dishes, partners, settings = olhain
    folder = tmp_path / "menus"
    shutil.copytree(TEMPLATES, folder)
    back = folder / "a3-plie" / "back.svg"
    back.write_text(back.read_text().replace('id="frame-legend"', 'id="legend"'))
    from atelier.render.svgdoc import TemplateError, load_template
    load_template.cache_clear()
    with pytest.raises(TemplateError, match="frame-legend"):
        make_menu(menu, dishes, partners, settings, folder, folder / "web")


# -- the workflow: a price edit rebuilds that menu only ----------------------------------------
@pytest.mark.slow
def test_price_edit_rebuilds_only_that_menu(built):
    before = {p: p.stat().st_mtime_ns for p in (built / "build").rglob("*")
              if p.is_file() and "menus" in p.parts and "carin-gourmand" in str(p)}
    olhain = built / "build/print/menus/olhain-carte.pdf"
    olhain_before = olhain.stat().st_mtime_ns
    edit_cell(built / "inputs/plats.xlsx", "id", "carbonade-flamande", "prix_ttc", 18.5)
    started = time.perf_counter()
    snakemake(built, "menus")  # (the build's summary no longer names each job: read the files)
    took = time.perf_counter() - started
    assert olhain.stat().st_mtime_ns != olhain_before
    after = {p: p.stat().st_mtime_ns for p in before}
    assert before == after
    text = flat(pdfcheck.text(built / "build/print/menus/olhain-carte.pdf"))
    assert flat("18,50 €") in text
    print(f"price edit → olhain-carte rebuilt in {took:.1f} s")


def test_every_format_has_templates_that_keep_the_contract(settings):
    from atelier.render.menus import columns, load_templates
    safety = settings["printer"]["safety_margin_mm"]
    for name, fmt in settings["menus"]["formats"].items():
        pages = load_templates(TEMPLATES / name, fmt, safety)
        kinds = ["cover"] + ["inner"] * (fmt["pages"] - 2) + ["back"]
        assert sum(len(columns(pages[k])) for k in kinds) >= 1, name


def test_frame_in_the_safety_margin_is_refused(settings, tmp_path):
    from atelier.render.menus import load_templates
    from atelier.render.svgdoc import TemplateError, load_template
    folder = tmp_path / "a4"
    shutil.copytree(TEMPLATES / "a4", folder)
    cover = folder / "cover.svg"
    cover.write_text(re.sub(r'id="frame-col-1" x="[0-9.]+"', 'id="frame-col-1" x="1"',
                            cover.read_text()))
    load_template.cache_clear()
    with pytest.raises(TemplateError, match="frame-col-1 comes closer than 4 mm"):
        load_templates(folder, settings["menus"]["formats"]["a4"], 4)
