"""The text engine's share of drawing a label, in one process (no PDF/PNG writing).

    .venv/bin/python bench/text_share.py [--n 1000]

Draws the sample's labels (every format, from the built ``build/records/_labels/``) round-robin
until N labels are drawn, three times, and prints the best CPU time per label (process time:
figures that hold on a loaded machine) and the time spent
inside ``atelier.layout.text`` (``lay_out`` and ``fit``, measured with a wrapper). Run it inside a
built project (``make build`` first). The text engine's caches keyed by the text (BudouX phrases)
are emptied before each label, as if every label were a different product.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atelier.content.label import label_content  # noqa: E402
from atelier.layout import text as engine  # noqa: E402
from atelier.paths import CONFIG  # noqa: E402
from atelier.render import labels as render  # noqa: E402
from atelier.render.svgdoc import load_template  # noqa: E402
from atelier.yamlfile import safe_load  # noqa: E402

SPENT = [0.0]


def timed(fn):
    def wrapper(*a, **kw):
        t = time.process_time()
        try:
            return fn(*a, **kw)
        finally:
            SPENT[0] += time.process_time() - t
    return wrapper


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    n = ap.parse_args().n
    with open(CONFIG / "settings.yaml", encoding="utf-8") as f:
        settings = {"settings": safe_load(f)}
    conf = settings["settings"]
    items = []
    for path in sorted((ROOT / "build" / "records" / "_labels").glob("*.json")):
        job = json.loads(path.read_text())
        fmt = conf["labels"]["formats"][job["format"]]
        tpl = load_template(ROOT / "templates" / "labels" / f"{job['format']}.svg")
        for p in job["products"]:
            items.append((p, job["makers"][p["fabricant"]], tpl, fmt))
    render.lay_out, render.fit = timed(engine.lay_out), timed(engine.fit)
    best = None
    for _ in range(3):
        SPENT[0] = 0.0
        start = time.process_time()
        drawn = 0
        for k in range(n):
            p, maker, tpl, fmt = items[k % len(items)]
            if hasattr(engine, "phrase_starts"):
                engine.phrase_starts.cache_clear()
            try:
                c = label_content(p, maker, conf)
                render.draw_label(c, tpl, fmt, conf)
                drawn += 1
            except Exception:  # noqa: BLE001 — a product its format refuses: drawn no further
                pass
        wall = time.process_time() - start
        if best is None or wall < best[0]:
            best = (wall, SPENT[0], drawn)
    wall, text, drawn = best
    print(f"{drawn} labels: {wall / drawn * 1000:.2f} ms per label, of which the text engine "
          f"{text / drawn * 1000:.2f} ms ({text / wall:.0%})")


if __name__ == "__main__":
    main()
