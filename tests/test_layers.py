"""The import contract (pyproject.toml, checked by `make lint`) holds, and fails on a crossing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(package_parent))
    return subprocess.run([LINT_IMPORTS, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                          cwd=package_parent, env=env, capture_output=True, text=True)


def test_the_package_keeps_its_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_lower_layer_importing_a_higher_one_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "atelier", tmp_path / "atelier",
                    ignore=shutil.ignore_patterns("__pycache__"))
    label = tmp_path / "atelier" / "content" / "label.py"
    label.write_text(label.read_text(encoding="utf-8") + "\nfrom ..layout import codes  # noqa\n",
                     encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "atelier.content is not allowed to import atelier.layout" in result.stdout


def test_a_shared_helper_importing_a_layer_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "atelier", tmp_path / "atelier",
                    ignore=shutil.ignore_patterns("__pycache__"))
    files = tmp_path / "atelier" / "files.py"
    files.write_text(files.read_text(encoding="utf-8") + "\nfrom .jobs import incremental  # noqa\n",
                     encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "atelier.files is not allowed to import atelier.jobs" in result.stdout
