"""axe-core's WCAG 2.1 A/AA rules in a real Chromium, on the three pages people read in a
browser: the online menus, the proof gallery and the preflight report — built by the real
workflow from the sample. 0 violations, each reported with its nodes when there is one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .axe import AXE, CHROMIUM, describe, violations
from .conftest import make_project, snakemake

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("a11y") / "project")
    snakemake(project, "print", "menus", timeout=1800)
    return project


PAGES = ["build/web/menus/olhain-carte/index.html", "build/web/menus/carin-gourmand/index.html",
         "build/proofs/index.html", "build/preflight/index.html"]


@pytest.mark.parametrize("page", PAGES)
def test_no_axe_violation(sample, page, tmp_path):
    found = violations(sample / page, tmp_path / "profile")
    assert found == [], f"{page}:\n{describe(found)}"


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


def test_the_menu_stylesheet_would_fail_with_the_old_diet_colour(sample, tmp_path):
    web = tmp_path / "web"
    shutil.copytree(sample / "build/web/menus/olhain-carte", web)
    css = web / "menu.css"
    css.write_text(css.read_text() + "\n.diet { color: var(--garden); }\n")
    found = violations(web / "index.html", tmp_path / "profile")
    assert [v["id"] for v in found] == ["color-contrast"]
