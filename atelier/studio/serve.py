"""Watch mode's web server: the proof gallery on 127.0.0.1, reloaded when a build ends.

The standard library's threading HTTP server, serving ``build/`` (so the gallery's relative
links — proofs, diffs, the pack — work as they do offline). HTML pages get a small script: it
listens to ``/__atelier/events`` (Server-Sent Events) and reloads the page when a build ends,
and adds an « Approuver (BAT) » form to each printer file's card (``data-asset``,
``data-sha256``), which posts to ``/__atelier/bat``. While the last build failed, the gallery's
address shows that build's located errors instead of the proofs. The files on disk never
contain the script: what the printer gets stays the offline gallery.
"""

from __future__ import annotations

import html
import json
import queue
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

GALLERY = "/proofs/index.html"
EVENTS = "/__atelier/events"
STATUS = "/__atelier/status"
APPROVE = "/__atelier/bat"
KEEPALIVE_S = 10.0

SCRIPT = """<script>
(function () {
  var shown = %(build)d;
  var events = new EventSource("%(events)s");
  events.addEventListener("build", function (e) {
    if (JSON.parse(e.data).build > shown) { location.reload(); }
  });
  var who = localStorage.getItem("atelier-bat-par") || "";
  document.querySelectorAll("[data-asset][data-sha256]").forEach(function (card, i) {
    if (card.dataset.bat === "approuvé") { return; }
    var form = document.createElement("form");
    form.className = "bat-form";
    form.innerHTML = '<label>Par <input name="par" required></label> ' +
      '<label>Remarques <input name="remarques"></label> ' +
      '<button type="submit">Approuver (BAT)</button> <output></output>';
    form.par.value = who;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      localStorage.setItem("atelier-bat-par", form.par.value);
      fetch("%(approve)s", {method: "POST", headers: {"Content-Type": "application/json"},
        body: JSON.stringify({asset: card.dataset.asset, sha256: card.dataset.sha256,
                              par: form.par.value, remarques: form.remarques.value})})
        .then(function (r) { return r.json(); })
        .then(function (r) { form.querySelector("output").textContent = r.message; });
    });
    (card.querySelector("figcaption") || card).appendChild(form);
  });
})();
</script>
"""

ERROR_PAGE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Erreurs — Atelier ALL</title>
<style>body {{ font-family: "Noto Sans", sans-serif; margin: 2rem; }}
pre {{ white-space: pre-wrap; background: #fff; border: 3px solid {accent}; padding: 1rem; }}
h1 {{ color: {accent}; }}</style></head>
<body><h1>La fabrication n° {build} s'est arrêtée</h1>
<p>Corrigez ce qui est indiqué ci-dessous et enregistrez : les épreuves reviennent dès que la
fabrication réussit. Rien n'a été modifié dans build/.</p>
<pre id="errors">{errors}</pre>
</body></html>
"""


class Status:
    """What the server tells the pages: the last finished build, its outcome, its errors."""

    def __init__(self):
        self.lock = threading.Lock()
        self.build = 0
        self.ok = True
        self.errors = ""
        self.listeners: list[queue.Queue] = []

    def finished(self, ok: bool, errors: str = "") -> None:
        with self.lock:
            self.build += 1
            self.ok, self.errors = ok, errors
            event = {"build": self.build, "ok": ok}
            for q in self.listeners:
                q.put(event)

    def listen(self) -> queue.Queue:
        q: queue.Queue = queue.Queue()
        with self.lock:
            self.listeners.append(q)
        return q

    def forget(self, q: queue.Queue) -> None:
        with self.lock:
            if q in self.listeners:
                self.listeners.remove(q)

    def as_dict(self) -> dict:
        with self.lock:
            return {"build": self.build, "ok": self.ok, "errors": self.errors}


class Server(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream must not keep the process alive at Ctrl-C

    def __init__(self, address, root: Path, status: Status, approve, accent: str):
        self.root, self.status, self.approve, self.accent = root, status, approve, accent
        self.stopping = threading.Event()
        super().__init__(address, Handler)


class Handler(SimpleHTTPRequestHandler):
    server: Server

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(args[2].root), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 — the terminal is the build's
        pass

    def do_GET(self):  # noqa: N802
        path = urlsplit(self.path).path
        if path in ("/", "/proofs", "/proofs/"):
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", GALLERY)
            self.end_headers()
            return
        if path == EVENTS:
            return self._events()
        if path == STATUS:
            return self._json(HTTPStatus.OK, self.server.status.as_dict())
        status = self.server.status.as_dict()
        if path == GALLERY and not status["ok"]:
            page = ERROR_PAGE.format(build=status["build"], errors=html.escape(status["errors"]),
                                     accent=self.server.accent)
            return self._html(page, status["build"])
        if path.endswith(".html"):
            file = Path(self.translate_path(path))
            if file.is_file():
                return self._html(file.read_text(encoding="utf-8"), status["build"])
        return super().do_GET()

    def do_POST(self):  # noqa: N802
        if urlsplit(self.path).path != APPROVE:
            return self.send_error(HTTPStatus.NOT_FOUND)
        try:
            length = int(self.headers.get("Content-Length", "0"))
            data = json.loads(self.rfile.read(min(length, 1 << 16)) or b"{}")
            message = self.server.approve(str(data.get("asset", "")), str(data.get("sha256", "")),
                                          str(data.get("par", "")), str(data.get("remarques", "")))
        except ValueError as exc:  # BatError, bad JSON
            return self._json(HTTPStatus.CONFLICT, {"ok": False, "message": str(exc)})
        return self._json(HTTPStatus.OK, {"ok": True, "message": message})

    # -- responses ---------------------------------------------------------------------------
    def _html(self, page: str, build: int) -> None:
        script = SCRIPT % {"build": build, "events": EVENTS, "approve": APPROVE}
        page = page.replace("</body>", script + "</body>", 1) if "</body>" in page \
            else page + script
        body = page.encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, code, data: dict) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        # proofs change under the same name at every build: never from the browser's cache
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        q = self.server.status.listen()
        try:
            # the build the page may have missed while it loaded
            self._send_event(self.server.status.as_dict())
            while not self.server.stopping.is_set():
                try:
                    self._send_event(q.get(timeout=KEEPALIVE_S))
                except queue.Empty:
                    self.wfile.write(b": ping\n\n")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self.server.status.forget(q)

    def _send_event(self, event: dict) -> None:
        self.wfile.write(f"event: build\ndata: {json.dumps({'build': event['build']})}\n\n"
                         .encode())
        self.wfile.flush()
