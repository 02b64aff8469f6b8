"""Atelier ALL: the spreadsheets of the ALL culinary design programme in, print-ready deliverables out.

Layers, each a sub-package (lower layers never import higher ones):

- ``inputs``   read spreadsheets, validate them against ``schemas/``, report problems
- ``records``  stage validated rows as one small JSON file per record; load them back
- ``layout``   fonts, text fitting, QR and barcodes, geometry
- ``render``   SVG/PDF, DOCX, PPTX and HTML writers: functions of records and templates
- ``print``    boxes and marks, imposition, preflight, manifest, the printer's pack

``atelier.paths`` says where things live; ``atelier.settings`` loads ``config/settings.yaml``.
"""

__version__ = "0.1.0"
