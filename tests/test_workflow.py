"""The workflow as users run it: check, bad input, incremental staging, brand fonts only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from atelier.layout import fonts as brand_fonts

from .conftest import ROOT, copy_built, edit_cell, own_copy, planned_jobs, rows_of, snakemake


@pytest.mark.slow
def test_check_validates_only(project):
    proc = snakemake(project, "check")
    assert "The inputs are valid" in proc.stdout + proc.stderr
    built = {p.relative_to(project / "build").parts[0] for p in (project / "build").rglob("*")
             if p.is_file()}
    assert "print" not in built and "docs" not in built


@pytest.mark.slow
def test_bad_input_stops_before_anything_is_built(project):
    path = project / "inputs/produits.xlsx"
    skus = [p["sku"] for p in rows_of(path)]
    edit_cell(path, "sku", skus[0], "prix_ttc", "douze euros")
    edit_cell(path, "sku", skus[1], "fabricant", "inconnu")
    edit_cell(project / "inputs/plats.xlsx", "id", rows_of(project / "inputs/plats.xlsx")[0]["id"],
              "allergenes", "gluten, arachide")
    proc = snakemake(project, check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in out
    assert "3 error(s)" in out
    assert "produits.xlsx › produits › row 2 › Prix TTC" in out
    assert "«douze euros»" in out and "«inconnu»" in out and "arachide" in out
    assert not (project / "build").exists()  # nothing written, not even a record


@pytest.mark.slow
def test_with_a_bad_sheet_list_unlock_and_lint_work_and_a_dry_run_reports_it(project):
    snakemake(project, "check")
    built = {p: p.stat().st_mtime_ns for p in (project / "build").rglob("*") if p.is_file()}
    path = project / "inputs/produits.xlsx"
    edit_cell(path, "sku", rows_of(path)[0]["sku"], "prix_ttc", "douze euros")
    for args in (["--list"], ["--unlock"], ["--lint"]):
        proc = snakemake(project, *args, check=False)
        assert proc.returncode == 0, (args, proc.stdout + proc.stderr)
    dry = snakemake(project, "-n", check=False)
    assert dry.returncode != 0
    assert "produits.xlsx › produits › row 2 › Prix TTC" in dry.stderr and "Traceback" not in dry.stderr
    assert {p: p.stat().st_mtime_ns for p in (project / "build").rglob("*") if p.is_file()} == built


@pytest.mark.slow
def test_one_row_edit_plans_only_the_jobs_that_show_it(sample_build, tmp_path):
    project = copy_built(sample_build, tmp_path / "project")
    path = project / "inputs/produits.xlsx"
    product = next(p for p in rows_of(path) if p["format_etiquette"] == "pot")
    edit_cell(path, "sku", product["sku"], "prix_ttc", 99.9)
    jobs = planned_jobs(project)
    # label jobs are named labels_<format>_<n>: only the pot format's job that holds the product
    assert {j.rsplit("_", 1)[0] for j in jobs if j.startswith("labels_")} == {"labels_pot"}
    # the dry run wrote nothing; the run stages the job's batch and runs that job alone
    batch = next(p for p in (project / "build/records/_labels").glob("pot-*.json")
                 if product["sku"] in p.read_text())
    assert "99.9" not in batch.read_text()
    states = {p: p.stat().st_mtime_ns for p in (project / "build/state").glob("labels-*.json")}
    snakemake(project, "labels")
    ran = [p.stem.removeprefix("labels-") for p, t in states.items() if p.stat().st_mtime_ns != t]
    assert ran == [batch.stem]  # only that job's state file was written
    assert any(p["prix_ttc"] == 99.9 for p in json.loads(batch.read_text())["products"])


@pytest.mark.slow
def test_a_change_of_line_breaking_rules_reruns_every_family_that_sets_text(sample_build,
                                                                          tmp_path):
    project = copy_built(sample_build, tmp_path / "project")
    settings = own_copy(project, "config") / "settings.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("widow_max_chars: 8 ", "widow_max_chars: 9 "), encoding="utf-8")
    families = {j.split("_")[0] for j in planned_jobs(project)}
    assert {"labels", "menu", "signage"} <= families, families


@pytest.mark.slow
def test_staging_rewrites_only_changed_records(project):
    snakemake(project, "check")
    records = project / "build/records"
    before = {p: p.stat().st_mtime_ns for p in records.rglob("*.json")}
    path = project / "inputs/etapes.xlsx"
    stop = rows_of(path)[0]["id"]
    edit_cell(path, "id", stop, "horaires", "Tous les jours 9 h – 19 h")
    snakemake(project, "check")
    changed = sorted(p.relative_to(records).as_posix() for p, t in before.items()
                     if p.stat().st_mtime_ns != t)
    # the files that show the stops; the label batches, menus, settings… kept bytes and times
    assert changed == ["_signage/stops.json", "_tables/etapes/all.json"]


@pytest.mark.slow
def test_deleted_row_removes_its_record(project):
    snakemake(project, "check")
    path = project / "inputs/indicateurs.csv"
    lines = path.read_bytes().split(b"\r\n")
    path.write_bytes(b"\r\n".join(lines[:1] + lines[2:]))
    snakemake(project, "check")
    ids = json.loads((project / "build/records/_index.json").read_text())["indicateurs"]
    assert len(ids) == len([x for x in lines[1:] if x.strip()]) - 1


def test_fonts_resolve_from_brand_only():
    """cairo, through our fontconfig file, finds the brand's faces and nothing from the system."""
    conf = brand_fonts.ensure_fontconfig()
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    out = subprocess.run(["fc-list", "--format", "%{file}\n"], env=env, capture_output=True,
                         text=True).stdout.split()
    assert out and all(f.startswith(str(ROOT / "brand/fonts")) for f in out), out
    code = ("import cairocffi as c\n"
            "from atelier.layout import fonts\n"
            "s=c.PDFSurface(None,1,1); x=c.Context(s); x.select_font_face('DejaVu Sans')\n"
            "print(x.get_scaled_font().get_font_face().get_family())\n")
    # a family the brand lacks falls back to a brand face, never to a system one
    match = subprocess.run(["fc-match", "--format", "%{file}", "DejaVu Sans"], env=env,
                           capture_output=True, text=True).stdout
    assert match.startswith(str(ROOT / "brand/fonts")), match
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_readme_column_tables_match_the_schemas():
    proc = subprocess.run([sys.executable, str(ROOT / "tools/schema_docs.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout


def test_stamp_is_staged_only_when_a_file_really_changed(tmp_path, monkeypatch):
    from atelier import pipeline

    monkeypatch.chdir(tmp_path)
    files = [tmp_path / "a.svg", tmp_path / "b.ttf"]
    for f in files:
        f.write_text(f.name)
    paths = [str(f) for f in files]

    def parse():
        return pipeline.Staged({})

    first = parse()
    out = first.stamp("brand", paths)
    assert first.changed() == [out]  # never staged: the stage job writes it
    first.write(first.changed())
    os.utime(files[0], ns=(1, 1))  # saved again, same bytes: nothing to redo
    again = parse()
    again.stamp("brand", paths)
    assert again.changed() == []
    files[1].write_text("another font")
    edited = parse()
    edited.stamp("brand", paths)
    assert edited.changed() == [out]
    assert edited.marker() != again.marker()  # the stage job runs: its marker is new


def test_parsing_writes_nothing_and_the_marker_is_stable(tmp_path, monkeypatch):
    from atelier import pipeline

    monkeypatch.chdir(tmp_path)
    data = pipeline.Staged({"labels": {"a": 1}})
    data.put("build/records/_labels/x.json", "one\n")
    data.setting("labels")
    assert not (tmp_path / "build").exists()
    marker = data.marker()
    data.write(data.changed() + [marker])
    again = pipeline.Staged({"labels": {"a": 1}})
    again.put("build/records/_labels/x.json", "one\n")
    again.setting("labels")
    assert again.changed() == [] and again.marker() == marker
    assert Path(marker).exists()
    edited = pipeline.Staged({"labels": {"a": 2}})
    edited.put("build/records/_labels/x.json", "one\n")
    edited.setting("labels")
    assert edited.changed() == ["build/records/_settings/labels.json"]
    assert edited.marker() != marker


def test_label_jobs_own_whole_sheets_and_every_copy_of_a_label():
    import itertools
    import random

    from atelier.plan.labels import group_products

    def check(quantities, per_sheet, target):
        # the sheets slot by slot, as they are imposed: each product its quantity of times
        slots = [i for i, q in enumerate(quantities) for _ in range(q)]
        sheets = [slots[k:k + per_sheet] for k in range(0, len(slots), per_sheet)]
        groups = group_products(quantities, per_sheet, target)
        # one after the other, from the first product and sheet to the last
        assert groups[0].start == 0 and groups[0].first_sheet == 0
        for before, after in itertools.pairwise(groups):
            assert (after.start, after.first_sheet) == (before.end, before.end_sheet)
        assert groups[-1].end_sheet == len(sheets) and groups[-1].end == len(quantities)
        for g in groups:  # a job's sheets hold exactly its products, every copy of them
            on_its_sheets = {i for sheet in sheets[g.first_sheet:g.end_sheet] for i in sheet}
            assert on_its_sheets == set(range(g.start, g.end))
        # no job ends before reaching the target while a clean sheet end was available
        for g in groups[:-1]:
            assert g.end - g.start >= target
        return groups

    # 14 labels a sheet; the second product is printed 30 times and spans three sheets
    groups = check([10, 30] + [1] * 60, 14, 3)
    assert len(groups) > 3  # the work is still cut into several jobs
    rng = random.Random(7)
    for _ in range(300):
        check([rng.choice([1, 1, 2, 5, 14, 30, 200]) for _ in range(rng.randint(1, 60))],
              rng.choice([4, 14, 21]), rng.randint(1, 12))


def test_a_missing_undeclared_file_stages_its_jobs_batch_again(tmp_path, monkeypatch):
    # Jobs that declare one state file for many files (OWNED_FILES) rely on this to rerun: the
    # batch, unchanged, becomes an output of the stage job, whose marker is new.
    from atelier import pipeline

    monkeypatch.chdir(tmp_path)
    for name in ("a.pdf", "b.pdf", "c.pdf", "s1", "s2"):  # files, and the jobs' state files
        (tmp_path / name).write_text(name)

    def parse():
        data = pipeline.Staged({})
        data.put("build/records/_labels/one.json", "1\n")
        data.put("build/records/_labels/two.json", "2\n")
        data.restage_if_missing(["a.pdf", "b.pdf"], "build/records/_labels/one.json", "s1")
        data.restage_if_missing(["c.pdf"], "build/records/_labels/two.json", "s2")
        return data

    first = parse()
    first.write(first.changed() + [first.marker()])
    assert parse().changed() == [] and parse().marker() == first.marker()
    (tmp_path / "b.pdf").unlink()
    missing = parse()
    assert missing.changed() == ["build/records/_labels/one.json"]
    assert missing.marker() != first.marker()

def test_staging_interrupted_then_resumed_rewrites_what_it_left_wrong(project, monkeypatch):
    # A run killed while staging may leave a record cut short: the next parse compares every
    # staged file with what it should hold, so the record is staged again even when the row
    # went back to what it was.
    import pytest

    from atelier import pipeline
    from atelier.settings import load_settings

    monkeypatch.chdir(project)
    settings = load_settings()
    path = project / "inputs/etapes.xlsx"
    stop = rows_of(path)[0]
    pipeline.stage(settings)
    record = project / f"build/records/etapes/{stop['id']}.json"
    good = record.read_bytes()

    edit_cell(path, "id", stop["id"], "horaires", "Fermé pour travaux")
    real_write = pipeline.write_if_changed

    def killed_while_writing(target, data):
        if Path(target) == Path("build/records/etapes") / record.name:
            Path(target).write_bytes(data[: len(data) // 2])
            raise KeyboardInterrupt  # what a kill looks like from here
        return real_write(target, data)

    monkeypatch.setattr(pipeline, "write_if_changed", killed_while_writing)
    with pytest.raises(KeyboardInterrupt):
        pipeline.stage(settings)
    monkeypatch.setattr(pipeline, "write_if_changed", real_write)

    edit_cell(path, "id", stop["id"], "horaires", stop["horaires"])  # the row as it was
    pipeline.stage(settings)
    assert record.read_bytes() == good

def test_remembered_tables_and_rows_never_hide_a_problem(project, monkeypatch, capsys):
    # Staging keeps the tables and rows it validated (build/.cache): an unchanged sheet is not
    # read again, and only changed rows are checked. What it remembers must never let a mistake
    # through, nor give records other than a staging from scratch.
    import pytest

    from atelier.inputs.schema import TABLES
    from atelier.pipeline import LAST, MEMO, stage
    from atelier.settings import load_settings

    monkeypatch.chdir(project)
    settings = load_settings()
    products = project / "inputs/produits.xlsx"
    stage(settings, quiet=True)
    assert MEMO.exists()

    edit_cell(products, "sku", "moutarde-biere-noire", "prix_ttc", "douze euros")
    with pytest.raises(SystemExit):
        stage(settings, quiet=True)
    assert "«douze euros»" in capsys.readouterr().err

    # An image deleted under a row whose sheet did not change since the last staging.
    edit_cell(products, "sku", "moutarde-biere-noire", "prix_ttc", 7.5)
    stage(settings, quiet=True)
    image = project / "inputs/images/packshot-caramels.jpg"
    kept = image.read_bytes()
    image.unlink()
    with pytest.raises(SystemExit):
        stage(settings, quiet=True)
    err = capsys.readouterr().err
    assert "packshot-caramels.jpg" in err and "no such file" in err

    # With the image back and a row edited, the records staged from memory equal those of a
    # staging from scratch.
    image.write_bytes(kept)
    edit_cell(products, "sku", "caramels-chicoree", "lot", "L2026-0042")
    remembered = stage(settings, quiet=True)
    MEMO.unlink()
    LAST.unlink()
    fresh = stage(settings, quiet=True)
    for table in TABLES:
        assert remembered.table(table) == fresh.table(table), table
    assert next(p for p in fresh.table("produits") if p["sku"] == "caramels-chicoree")["lot"] \
        == "L2026-0042"



@pytest.mark.slow
def test_pack_plan_follows_a_renamed_product_despite_its_memo(project):
    # The pack plan is reused while what it is made from is unchanged (build/.cache); a new
    # product name changes its label's manifest title, so the plan must be made again.
    plan = project / "build/plan/pack.json"
    snakemake(project, "check")
    assert "édition hiver" not in plan.read_text()
    path = project / "inputs/produits.xlsx"
    product = rows_of(path)[0]
    edit_cell(path, "sku", product["sku"], "nom_fr", "Bière blonde des Terrils, édition hiver")
    snakemake(project, "check")
    titles = {f["path"]: f["job"] for f in json.loads(plan.read_text())["files"]}
    label = next(title for path, title in titles.items()
                 if path.endswith(f"/{product['sku']}.pdf"))
    assert label.endswith("Bière blonde des Terrils, édition hiver")
