"""Property-based tests: the readers and the text layout engine never crash on odd input."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atelier.inputs.coerce import Invalid, coerce
from atelier.inputs.problems import ProblemLog
from atelier.inputs.read import read_table
from atelier.inputs.schema import load_schema
from atelier.layout.fonts import MissingGlyph
from atelier.layout.text import Fonts, Overset, Paragraph, Run, fit

FONTS = Fonts("Noto Sans", "Noto Sans JP ALL")
PRODUCTS = load_schema("produits")
cells = st.one_of(st.none(), st.text(max_size=40), st.integers(), st.floats(allow_nan=True),
                  st.booleans(), st.dates().map(lambda d: dt.datetime(d.year, d.month, d.day)))


@given(cells)
@settings(max_examples=300)
def test_coercion_only_ever_says_invalid(value):
    for column in PRODUCTS.columns.values():
        if value is None:
            continue
        try:
            coerce(column, value)
        except Invalid:
            pass


@given(st.binary(max_size=400))
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_as_csv_are_read_or_reported(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("csv") / "produits.csv"
    path.write_bytes(data)
    log = ProblemLog()
    read_table(path, "produits", log)  # must not raise


@given(st.binary(max_size=400))
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_as_xlsx_are_reported(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("xlsx") / "produits.xlsx"
    path.write_bytes(data)
    log = ProblemLog()
    assert read_table(path, "produits", log) is None
    assert log.errors


words = st.text(alphabet=st.sampled_from(list("abcdeéèàôœ -,.'«»()") +
                                         list("あいうえおカタカナ漢字、。「」")), max_size=200)


@given(words, st.floats(min_value=5, max_value=80), st.floats(min_value=3, max_value=40))
@settings(max_examples=200, deadline=None)
def test_layout_fits_its_frame_or_says_overset(text, width, height):
    try:
        lay = fit([Paragraph([Run(text)])], FONTS, width, height, 12, 5, "fuzz")
    except Overset:
        return
    except MissingGlyph:
        raise AssertionError("the brand fonts cover this alphabet") from None
    assert lay.height <= height + 1e-6
    for line in lay.lines:
        assert line.width <= width + 1e-6  # never overflow sideways: shrink or say Overset
    starts = [line.spans[0].text[0] for line in lay.lines[1:] if line.spans and line.spans[0].text]
    assert not any(c in "、。」" for c in starts), "kinsoku: no line starts with closing marks"
