"""Native Office charts (DrawingML ``c:chartSpace`` + the embedded workbook), for decks and Word.

python-pptx writes the chart XML and the workbook; this module gives both families the same
look and the same fixes:

- the axis ids python-pptx writes are negative (``-2068027336``), which the schema forbids
  (``xsd:unsignedInt``; openxml-audit reports them): they are renumbered from 1;
- number formats carry the French locale (``[$-40C]``), so LibreOffice shows « 88,0 % » and
  « 12 500 € » whatever the machine's locale (PowerPoint and Word use the reader's separators),
  and the space before a unit is a no-break space;
- the text is set in the brand face, the series take the colours the caller names.

``chart_blobs`` gives a chart as parts for a Word document (python-docx has no chart support):
the same python-pptx chart part, styled, then its XML and workbook bytes.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Pt

from ..office import normalise_zip

__all__ = ["CHART_TYPES", "ChartSpecError", "chart_blobs", "chart_data", "fixed_workbook",
           "french_format", "renumber_axes", "style_chart"]

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS = {"c": C_NS}
CHART_TYPES = {"column": XL_CHART_TYPE.COLUMN_CLUSTERED, "bar": XL_CHART_TYPE.BAR_CLUSTERED,
               "stacked": XL_CHART_TYPE.COLUMN_STACKED, "stacked bar": XL_CHART_TYPE.BAR_STACKED,
               "line": XL_CHART_TYPE.LINE_MARKERS, "pie": XL_CHART_TYPE.PIE,
               "doughnut": XL_CHART_TYPE.DOUGHNUT}
FRENCH = "[$-40C]"  # LCID of fr-FR: the number format's own locale


class ChartSpecError(ValueError):
    """A chart asks for a type that does not exist."""


def french_format(code: str) -> str:
    """An Excel number format shown the French way: the fr-FR locale tag, and no-break spaces
    in its quoted literals (« 0.0" %" » → « [$-40C]0.0" %" » with U+00A0)."""
    code = re.sub(r'"[^"]*"', lambda m: m.group(0).replace(" ", "\u00a0"), code or "General")
    return code if code.startswith("[$-") else FRENCH + code


def chart_type(spec: dict):
    kind = CHART_TYPES.get(spec["type"])
    if kind is None:
        raise ChartSpecError(f"unknown chart type « {spec['type']} » — one of "
                             f"{', '.join(CHART_TYPES)}")
    return kind


def chart_data(spec: dict) -> CategoryChartData:
    """The chart's data (what goes into its workbook), in the spec's French number format."""
    data = CategoryChartData(number_format=french_format(spec["number_format"]))
    data.categories = spec["categories"]
    for name, values in spec["series"]:
        data.add_series(name, values)
    return data


def renumber_axes(chart_space) -> None:
    """Axis ids 1, 2, … in order of first use (python-pptx writes negative ones)."""
    ids: dict[str, str] = {}
    for el in chart_space.iter(f"{{{C_NS}}}axId", f"{{{C_NS}}}crossAx"):
        el.set("val", ids.setdefault(el.get("val"), str(len(ids) + 1)))


def _lang(chart_space, language: str) -> None:
    """``c:lang`` right after ``c:date1904`` (the schema's order)."""
    if chart_space.find("c:lang", NS) is not None:
        return
    lang = etree.Element(f"{{{C_NS}}}lang")
    lang.set("val", language)
    first = chart_space.find("c:date1904", NS)
    if first is not None:
        first.addnext(lang)
    else:
        chart_space.insert(0, lang)


def style_chart(chart, spec: dict, font: str, size_pt: float, colours: list[str] | None = None,
                language: str = "fr-FR") -> None:
    """The same look for every chart: brand face and size, legend below when it says something,
    every category named, bars from zero in the data's order, French data labels."""
    chart.font.size = Pt(size_pt)
    chart.font.name = font
    fmt = french_format(spec["number_format"])
    pie = spec["type"] in ("pie", "doughnut")
    chart.has_legend = len(spec["series"]) > 1 or pie
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    if not pie:
        axis = chart.category_axis
        # every category named (Impress otherwise skips labels it finds crowded) ...
        skip = etree.SubElement(axis._element, f"{{{C_NS}}}tickLblSkip")
        skip.set("val", "1")
        nomulti = axis._element.find("c:noMultiLvlLbl", NS)
        if nomulti is not None:
            nomulti.addprevious(skip)
        if spec["type"].startswith("bar"):  # ... and bars read top-down, in the data's order
            axis.reverse_order = True
        values = [v for _, vs in spec["series"] for v in vs if v is not None]
        if values and min(values) >= 0:  # bars measured from zero, not from an auto minimum
            chart.value_axis.minimum_scale = 0
        ticks = chart.value_axis.tick_labels
        # the axis counts in whole units (« 20 % », not « 20,0 % »); labels keep the decimals
        ticks.number_format = french_format(spec.get("axis_format")
                                            or re.sub(r"0\.0+", "0", spec["number_format"]))
        ticks.number_format_is_linked = False
    if colours and not pie:
        for series, colour in zip(chart.plots[0].series, colours, strict=False):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
    if spec.get("labels", True):
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format = fmt
        plot.data_labels.number_format_is_linked = False
    renumber_axes(chart._chartSpace)
    _lang(chart._chartSpace, language)


def fixed_workbook(blob: bytes, when: str) -> bytes:
    """The embedded workbook with its creation date fixed (XlsxWriter stamps 'now')."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "docProps/core.xml":
                root = etree.fromstring(data)
                for el in root:
                    if etree.QName(el).localname in ("created", "modified"):
                        el.text = when
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(name, data)
    return normalise_zip(out.getvalue())


def chart_blobs(spec: dict, font: str, size_pt: float, colours: list[str] | None,
                when: str) -> tuple[bytes, bytes]:
    """(chart XML, workbook) of a styled chart, for a package python-pptx does not write."""
    from pptx import Presentation
    from pptx.parts.chart import ChartPart

    package = Presentation().part.package  # a scratch package: only to name the parts
    part = ChartPart.new(chart_type(spec), chart_data(spec), package)
    style_chart(part.chart, spec, font, size_pt, colours)
    stamp = f"{when}T00:00:00Z" if len(when) == 10 else when
    xlsx = fixed_workbook(part.chart_workbook.xlsx_part.blob, stamp)
    return part.blob, xlsx
