"""The sample, built once by the real workflow, checked as a studio would sign it off:

- axe-core's WCAG 2.1 A/AA rules in a real Chromium, on the three pages people read in a
  browser: the online menus, the proof gallery and the preflight report (0 violations, each
  reported with its nodes when there is one);
- the layout lint's verdict in the preflight summary (no error anywhere; none at all on menus);
- the proofs against the committed references (visual regression; ``make accept-proofs``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from atelier.print.visual import REFERENCES, changed_share, proofs, reduce
from atelier.settings import load_settings

from .axe import AXE, CHROMIUM, describe, violations
from .conftest import ROOT

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
VISUAL = load_settings()["visual_regression"]


@pytest.fixture(scope="module")
def sample(sample_build) -> Path:
    """The sample as the whole workflow built it (shared, read only)."""
    return sample_build


PAGES = ["build/web/menus/olhain-carte/index.html", "build/web/menus/carin-gourmand/index.html",
         "build/proofs/index.html", "build/preflight/index.html"]


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("page", PAGES)
def test_no_axe_violation(sample, page, tmp_path):
    found = violations(sample / page, tmp_path / "profile")
    assert found == [], f"{page}:\n{describe(found)}"


@needs_chromium
def test_axe_sees_a_violation(tmp_path):
    """The counter-example: the diet tags' former colour (garden green on the paper, 4.39:1)
    and an image without text are reported."""
    assert AXE.exists()
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="fr"><head><title>t</title></head>'
                    '<body style="background:#F6EFE2"><main><h1>Menu</h1>'
                    '<p style="color:#4F7A3A;font-size:14px">Végétarien</p>'
                    '<img src="x.png"></main></body></html>', encoding="utf-8")
    found = {v["id"] for v in violations(page, tmp_path / "profile")}
    assert {"color-contrast", "image-alt"} <= found, found


@pytest.mark.slow
@needs_chromium
def test_the_menu_stylesheet_would_fail_with_the_old_diet_colour(sample, tmp_path):
    web = tmp_path / "web"
    shutil.copytree(sample / "build/web/menus/olhain-carte", web)
    css = web / "menu.css"
    css.write_text(css.read_text() + "\n.diet { color: var(--garden); }\n")
    found = violations(web / "index.html", tmp_path / "profile")
    assert [v["id"] for v in found] == ["color-contrast"]


# -- the layout lint on the sample ----------------------------------------------------------------
@pytest.mark.slow
def test_the_layout_lint_reports_no_error_and_nothing_on_the_menus(sample):
    summary = json.loads((sample / "build/preflight/summary.json").read_text())
    layout = {path: [f for f in r["findings"] if f["check"] == "layout"]
              for path, r in summary["results"].items() if not path.startswith("build/print-cmyk")}
    assert layout and all(layout.values()), "the lint ran on every print file"
    errors = [f["message"] for found in layout.values() for f in found if f["level"] == "error"]
    assert errors == []
    menus = {p: [f["message"] for f in found if f["level"] != "ok"]
             for p, found in layout.items() if "/menus/" in p}
    assert menus and all(v == [] for v in menus.values()), menus
    html = (sample / "build/preflight/index.html").read_text()
    shown = [f for found in layout.values() for f in found if f.get("image")]
    assert all((sample / f["image"]).exists() for f in shown)
    assert all(Path(f["image"]).name in html for f in shown)


# -- visual regression ----------------------------------------------------------------------------
@pytest.mark.slow
def test_the_proofs_match_their_references(sample):
    refs = {str(p.relative_to(ROOT / REFERENCES)): p
            for p in sorted((ROOT / REFERENCES).rglob("*.png"))}
    found = proofs(sample / "build")
    assert set(found) == set(refs), ("proofs and references differ: new "
                                     f"{sorted(set(found) - set(refs))}, gone "
                                     f"{sorted(set(refs) - set(found))} — make accept-proofs")
    failed = {}
    for name, path in found.items():
        with Image.open(refs[name]) as ref, Image.open(path) as proof:
            share = changed_share(ref, proof, VISUAL["pixel_tolerance"])
        if share > VISUAL["max_changed"]:
            failed[name] = f"{share:.1%} changed"
    assert failed == {}, f"{failed} (a deliberate change? make accept-proofs)"


def test_the_visual_difference_sees_a_change_and_ignores_antialiasing():
    ref_path = next((ROOT / REFERENCES).rglob("*.png"))
    with Image.open(ref_path) as ref:
        ref = ref.convert("RGB")
    big = ref.resize((ref.width * 4, ref.height * 4), Image.Resampling.BICUBIC)
    same = reduce(big, max(ref.size))  # re-reduced from a larger proof: resampling only
    assert changed_share(ref, same, VISUAL["pixel_tolerance"]) <= VISUAL["max_changed"]
    edited = ref.copy()
    w, h = edited.size
    ImageDraw.Draw(edited).rectangle([w * 0.3, h * 0.3, w * 0.5, h * 0.45], fill=(230, 40, 40))
    assert changed_share(ref, edited, VISUAL["pixel_tolerance"]) > VISUAL["max_changed"]
