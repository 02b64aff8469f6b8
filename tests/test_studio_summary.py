"""The build's summary for designers (the ``atelier`` logger plugin) and ``snakemake --report``.

Done when: editing one product prints a summary naming that product and the reason, in ≤ 10
lines; Snakemake's full listing stays one flag away; the report is made with a note per
category."""

from __future__ import annotations

import json
import re
import time

import pytest

from atelier.records import changes
from atelier.studio.summary import Job, Redrawn, Snapshot, redrawn

from .conftest import copy_built, edit_cell, snakemake

EDITED = "biere-noire-parcours"


def test_changed_columns_and_pending_changes(tmp_path):
    assert changes.columns({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 0}) == ["b", "c"]
    assert changes.columns(None, {"a": 1}) == [changes.NEW]
    assert changes.columns({"a": 1}, None) == [changes.GONE]
    first = changes.Changes()
    first.note("produits", "x", ["prix_ttc"])
    first.save(tmp_path)
    second = changes.Changes()  # the build after a failed one: both edits are still told
    second.note("produits", "x", ["lot"])
    second.save(tmp_path)
    assert changes.read(tmp_path) == {"produits": {"x": ["lot", "prix_ttc"]}}
    changes.clear(tmp_path)
    assert changes.read(tmp_path) == {}


def test_redrawn_items_are_the_state_entries_whose_key_changed(tmp_path):
    state = tmp_path / "build/state"
    state.mkdir(parents=True)
    (state / "labels-pot-1.json").write_text(json.dumps(
        {"a": {"key": "1"}, "b": {"key": "1"}, "pot-01.pdf": {"key": "1"}}))
    before = Snapshot(tmp_path)
    (state / "labels-pot-1.json").write_text(json.dumps(
        {"a": {"key": "2"}, "b": {"key": "1"}, "pot-01.pdf": {"key": "2"}}))
    pending = changes.Changes()
    pending.note("produits", "a", ["prix_ttc"])
    pending.save(tmp_path / "build/records")
    job = Job("labels_pot_1", ["build/state/labels-pot-1.json"],
              "Updated input files: build/records/_labels/pot-1.json")
    lines = [g.line() for g in redrawn([job], before, str(tmp_path))]
    assert lines == ["1 étiquette redessinée : a (prix_ttc)",
                     "1 planche A4 réimposée : pot-01 (données)"]
    # a template edit: the reason is the job's input
    job = Job("labels_pot_1", ["build/state/labels-pot-1.json"],
              "Updated input files: templates/labels/pot.svg")
    changes.clear(tmp_path / "build/records")
    assert redrawn([job], before, str(tmp_path))[0].items == {"a": "modèle"}


def test_long_lists_are_cut():
    group = Redrawn("étiquette", "étiquettes", ("redessinée", "redessinées"),
                    {f"p{i}": "nouveau" for i in range(30)})
    assert group.line().endswith("… et 26 autres") and group.line().startswith("30 étiquettes")


@pytest.mark.slow
def test_one_edited_product_is_told_in_ten_lines(labels_build, tmp_path):
    project = copy_built(labels_build, tmp_path / "project")
    edit_cell(project / "inputs/produits.xlsx", "sku", EDITED, "lot", "L2020-SUMMARY")
    started = time.monotonic()
    proc = snakemake(project)
    seconds = time.monotonic() - started
    out = (proc.stdout + proc.stderr).strip().splitlines()
    text = "\n".join(out)
    assert len(out) <= 10, text
    assert re.search(rf"1 étiquette redessinée : {EDITED} \(lot\)", text), text
    assert "Pack imprimeur : build/print-pack.zip" in text and "1 sans BAT" not in text
    assert "rule " not in text and "jobid" not in text  # no job listing
    print(f"one-row edit, whole workflow of the small project: {seconds:.1f} s\n{text}")

    # the same edit told with Snakemake's full listing as well
    edit_cell(project / "inputs/produits.xlsx", "sku", EDITED, "lot", "L2020-LISTING")
    proc = snakemake(project, "--logger-atelier-listing")
    text = proc.stdout + proc.stderr
    assert "localrule labels_" in text and "reason:" in text
    assert re.search(rf"étiquette redessinée : {EDITED} \(lot\)", text)

    # nothing changed: it says so
    proc = snakemake(project)
    assert "Rien à redessiner" in proc.stdout + proc.stderr


@pytest.mark.slow
def test_snakemake_report_has_a_note_per_category(labels_build, tmp_path):
    project = copy_built(labels_build, tmp_path / "project")
    started = time.monotonic()
    proc = snakemake(project, "--report", "report.html")
    seconds = time.monotonic() - started
    html = (project / "report.html").read_text(encoding="utf-8", errors="replace")
    assert "Report created" in proc.stdout + proc.stderr
    assert "Every print file read back" in html  # the Preflight category's note
    assert "MANIFEST.csv" in html and "fiche-de-fabrication.pdf" in html
    print(f"snakemake --report: {seconds:.1f} s")
