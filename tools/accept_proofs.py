"""Accept the current proofs as the visual-regression references (``make accept-proofs``).

    .venv/bin/python tools/accept_proofs.py

Reads ``build/proofs/{labels,menus,signage}/*.png`` (build them first) and writes them, reduced,
to ``tests/visual/``; commit that folder. See ``atelier/print/visual.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atelier.print.visual import REFERENCES, accept  # noqa: E402
from atelier.settings import load_settings  # noqa: E402

if __name__ == "__main__":
    conf = load_settings().get("visual_regression", {})
    n = accept(ROOT / "build", ROOT / REFERENCES, int(conf.get("size_px", 200)))
    print(f"{n} reference proof(s) written to {REFERENCES}/ — commit them")
