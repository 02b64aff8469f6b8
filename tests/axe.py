"""Run axe-core (vendored, tests/vendor/axe-core, npm axe-core 4.14.1, MPL-2.0) on a page in the
Debian Chromium, headless: a copy of the page with axe injected is opened from its own folder (so
its CSS, fonts and images load as they would), axe runs its WCAG 2.0/2.1 A and AA rules, and the
result is written into the DOM, which Chromium dumps. No network, no driver."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """
<script src="{axe}"></script>
<script>
axe.run(document, {{runOnly: {{type: "tag", values: {tags}}}, resultTypes: ["violations"]}})
  .then(r => {{
    const out = r.violations.map(v => ({{id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({{target: n.target.join(" "), summary: n.failureSummary}}))}}));
    const pre = document.createElement("pre");
    pre.id = "axe-results";
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }})
  .catch(e => {{
    const pre = document.createElement("pre");
    pre.id = "axe-results";
    pre.textContent = JSON.stringify([{{id: "axe-error", help: String(e), nodes: []}}]);
    document.body.appendChild(pre);
  }});
</script>
"""


def violations(page: Path, profile: Path) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on ``page`` (an HTML file), as dicts."""
    page = page.resolve()
    source = page.read_text(encoding="utf-8")
    inject = _RUN.format(axe=AXE.resolve().as_uri(), tags=json.dumps(TAGS))
    probe = page.with_name(f".axe-{page.name}")
    probe.write_text(re.sub(r"</body>", inject + "</body>", source, count=1) if "</body>" in source
                     else source + inject, encoding="utf-8")
    try:
        dom = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--allow-file-access-from-files", f"--user-data-dir={profile}",
             "--virtual-time-budget=60000", "--dump-dom", probe.as_uri()],
            capture_output=True, text=True, timeout=180).stdout
    finally:
        probe.unlink()
    m = re.search(r'<pre id="axe-results">(.*?)</pre>', dom, re.S)
    if not m:
        raise AssertionError(f"axe-core did not report on {page} (Chromium output: {dom[:300]})")
    return json.loads(html.unescape(m.group(1)))


def describe(found: list[dict]) -> str:
    """The violations as lines a person can act on."""
    lines = []
    for v in found:
        lines.append(f"{v['id']} ({v.get('impact')}): {v['help']} — {len(v['nodes'])} node(s)")
        lines += [f"    {n['target']}: {(n.get('summary') or '').splitlines()[-1:]}"
                  for n in v["nodes"][:5]]
    return "\n".join(lines)
