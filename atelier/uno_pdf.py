"""A Writer document to PDF through LibreOffice's UNO API, with its indexes updated first.

``soffice --convert-to pdf`` exports a DOCX as loaded: its table of contents shows whatever
page numbers the file cached. Here LibreOffice loads the document, updates every index (table
of contents…) and field, twice — the second pass settles page numbers that moved when the
contents grew — then exports the PDF.

Run by the system Python that has LibreOffice's ``uno`` module (Debian: python3-uno), not by
the project's virtualenv, so this file imports nothing from the package:

    /usr/bin/python3 atelier/uno_pdf.py PROFILE_DIR IN.docx OUT.pdf

``atelier.office.soffice_pdf_updated`` runs it; exit status 0 on success, else the reason on
stderr.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import uno  # noqa: I001  (LibreOffice's bridge: only in the system Python)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def _props(**values):
    out = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


def _connect(pipe: str, proc, timeout: float = 90.0):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"LibreOffice did not start (exit {proc.poll()})") from None
            time.sleep(0.2)


def main(profile: str, src: str, out: str) -> None:
    pipe = f"atelier-{os.getpid()}"
    proc = subprocess.Popen(
        ["soffice", f"-env:UserInstallation={Path(profile).resolve().as_uri()}", "--headless",
         "--invisible", "--norestore", "--nologo", "--nodefault",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = _connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(Path(src).resolve().as_uri(), "_blank", 0,
                                           _props(Hidden=True, ReadOnly=True))
        if doc is None:
            raise SystemExit(f"LibreOffice could not open {src}")
        for _ in range(2):
            indexes = doc.getDocumentIndexes()
            for i in range(indexes.getCount()):
                indexes.getByIndex(i).update()
            doc.getTextFields().refresh()
            doc.refresh()
        doc.storeToURL(Path(out).resolve().as_uri(), _props(FilterName="writer_pdf_Export"))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 — the bridge drops as LibreOffice exits
            pass
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
