"""Shared fixtures: copies of the sample inputs, a project folder to run Snakemake in, and
helpers to edit a spreadsheet the way a designer would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from atelier.inputs.headers import normalise
from atelier.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))
LINKED = ["Snakefile", "rules", "templates", "brand", "schemas", "config", "profiles", "report"]


@pytest.fixture(scope="session")
def settings() -> dict:
    return load_settings()


@pytest.fixture
def inputs(tmp_path) -> Path:
    """A private copy of the sample inputs."""
    dst = tmp_path / "inputs"
    shutil.copytree(ROOT / "inputs", dst)
    return dst


def make_project(where: Path, inputs_from: Path | None = None) -> Path:
    """A folder that runs the real workflow on its own inputs/ and build/."""
    where.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        (where / name).symlink_to(ROOT / name)
    shutil.copytree(inputs_from or ROOT / "inputs", where / "inputs")
    return where


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "project")


def own_copy(project: Path, name: str) -> Path:
    """The project's own copy of a linked folder (``config``, ``templates``…), to edit without
    touching the repository's; kept when it is already a copy."""
    path = project / name
    if path.is_symlink():
        path.unlink()
        shutil.copytree(ROOT / name, path)
    return path


def copy_built(built: Path, dest: Path) -> Path:
    """A project in ``dest`` in the state ``built`` is in (inputs, build/ and Snakemake's files,
    modification times kept): Snakemake finds it up to date, and a test may edit it."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(built, dest, symlinks=True)  # links to the repository stay links
    return dest


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """The whole sample built once by the real workflow (its default target), shared by the
    tests that read what it produced. Never change it: a test that edits takes
    ``copy_built(sample_build, tmp_path / ...)``."""
    project = make_project(tmp_path_factory.mktemp("sample") / "p")
    snakemake(project, timeout=1800)
    return project


@pytest.fixture(scope="session")
def labels_build(tmp_path_factory) -> Path:
    """The small labels-only project (tests/studio_project.py) built once by the real workflow,
    shared like ``sample_build``: copy it before changing it."""
    from .studio_project import labels_only_project

    project = labels_only_project(tmp_path_factory.mktemp("labels-only") / "p")
    snakemake(project)
    return project


# The test being run (pytest_runtest_setup): ``snakemake`` refuses to build the workflow for a
# test not marked slow, so `pytest -m "not slow"` never builds it.
_RUNNING: dict = {}


def pytest_runtest_setup(item):
    _RUNNING["test"] = item


def pytest_runtest_teardown(item):
    _RUNNING.pop("test", None)


def require_slow() -> None:
    """Fail the running test unless it is marked slow (it is about to run the workflow)."""
    test = _RUNNING.get("test")
    if test is not None and test.get_closest_marker("slow") is None:
        raise AssertionError(f"{test.nodeid} runs Snakemake: mark it @pytest.mark.slow")


# The project folders the tests ran Snakemake in: their warm label processes
# (atelier/jobs/label_server.py) are stopped when the session ends.
_FOLDERS: set[Path] = set()


def watched_folder(project: Path) -> None:
    """Note a folder where a test runs Snakemake by other means than ``snakemake`` below."""
    _FOLDERS.add(Path(project))


def pytest_sessionfinish(session):
    from atelier.jobs import label_server

    for folder in _FOLDERS:
        label_server.stop(folder)


def snakemake(project: Path, *args: str, check: bool = True, timeout: int = 900):
    require_slow()
    watched_folder(project)
    # a test's runs on one project follow each other within seconds; dozens of projects idle
    # for 10 minutes each would hold gigabytes
    env = {"ATELIER_WARM_MINUTES": "1", **os.environ}
    proc = subprocess.run([SNAKEMAKE, *args], cwd=project, capture_output=True, text=True,
                          env=env, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"snakemake {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def planned_jobs(project: Path, *targets: str) -> set[str]:
    """The jobs a dry run plans (``snakemake -n``), by rule name."""
    out = snakemake(project, *targets, "-n", "--quiet", "rules").stdout
    return {line.split()[0] for line in out.splitlines() if line.strip()
            and not line.startswith(("Using", "Job", "Building", "---", "total", "job", "Atelier",
                                     "Rules with", "This was", "Assuming"))
            and "provenance" not in line}


def label_pdf(project: Path, sku: str, fmt: dict) -> Path:
    """Where a product's label PDF is: the printer's (build/print/labels/, CMYK PDF/X) or, for
    formats printed in the office, the source of the office's A4 sheets (RGB)."""
    if fmt.get("production") == "printer":
        return project / "build/print/labels" / f"{sku}.pdf"
    return project / "build/office/etiquettes" / f"{sku}.pdf"


def built_label(project: Path, name: str) -> Path:
    """A label's PDF wherever its format sends it (printer or office); the printer's path when
    there is none (for assertions that it was not written)."""
    office = project / "build/office/etiquettes" / f"{name}.pdf"
    return office if office.exists() else project / "build/print/labels" / f"{name}.pdf"


def label_states(project: Path, fmt: str = "*") -> dict:
    """The entries of the label jobs' state files (one per job: ``labels-<format>-<n>.json``)."""
    return {name: entry for path in sorted((project / "build/state").glob(f"labels-{fmt}-*.json"))
            for name, entry in json.loads(path.read_text()).items()}


def edit_cell(path: Path, key_column: str, key: str, column: str, value) -> None:
    """Set ``column`` of the row whose ``key_column`` is ``key`` (headers matched like the
    pipeline matches them)."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    headers = {normalise(c.value): c.column for c in ws[1] if c.value}
    for row in ws.iter_rows(min_row=2):
        if str(row[headers[key_column] - 1].value) == key:
            ws.cell(row=row[0].row, column=headers[column], value=value)
            break
    else:
        raise KeyError(key)
    wb.save(path)


def rows_of(path: Path) -> list[dict]:
    ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    head = [normalise(h) if h else None for h in rows[0]]
    return [dict(zip(head, r, strict=False)) for r in rows[1:] if any(v is not None for v in r)]
