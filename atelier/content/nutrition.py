"""The nutrition declaration as printed: values rounded as the European Commission's guidance
on tolerances (December 2012) says, with its « < » forms, in French.

The one place every deliverable takes its nutrition figures from — labels, the strategy's
products appendix, the decks — so that a product says the same thing everywhere:

    declared("matieres_grasses", 38.04)   -> "38 g"
    declared("sucres", 38.5)              -> "39 g"     (≥ 10 g: to 1 g)
    declared("proteines", 7.84)           -> "7,8 g"    (0.5–10 g: to 0.1 g)
    declared("acides_gras_satures", 0.05) -> "< 0,1 g"
    declared("sel", 0.0)                  -> "< 0,01 g"
    energy(1523.6, 364.2)                 -> "1 524 kJ / 364 kcal"
    declaration(product)                  -> [Row(label, value, indent), …] per 100 g/ml

Rounding is half-up on the decimal value the spreadsheet holds (0,05 → 0,1), never the
binary float's neighbour.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .formats import number

NBSP = "\u00a0"

# Guidance table (Commission, Dec. 2012, § 6): per nutrient, the steps from the largest value
# down — (from this value, round to this step) — and the « < » form: at or under ``limit``
# (strictly under it for salt) the value is declared « < shown ».
_MACRO = ((Decimal(10), Decimal(1)), (Decimal(0), Decimal("0.1")))
_SATURATES = ((Decimal(10), Decimal(1)), (Decimal(0), Decimal("0.1")))
_SALT = ((Decimal(1), Decimal("0.1")), (Decimal(0), Decimal("0.01")))


@dataclass(frozen=True)
class _Rule:
    steps: tuple
    limit: Decimal
    shown: Decimal
    limit_included: bool = True

    def is_below(self, v: Decimal) -> bool:
        return v <= self.limit if self.limit_included else v < self.limit


_MACRO_RULE = _Rule(_MACRO, Decimal("0.5"), Decimal("0.5"))
RULES = {  # column of the produits sheet -> its rule
    "matieres_grasses": _MACRO_RULE,
    "glucides": _MACRO_RULE,
    "sucres": _MACRO_RULE,
    "proteines": _MACRO_RULE,
    "fibres": _MACRO_RULE,
    "acides_gras_satures": _Rule(_SATURATES, Decimal("0.1"), Decimal("0.1")),
    "sel": _Rule(_SALT, Decimal("0.0125"), Decimal("0.01"), limit_included=False),
}
ENERGY = ("energie_kj", "energie_kcal")  # to 1 kJ / 1 kcal

ROWS = [  # (column, French label, indented « dont … » row) in the order of Annex XV
    ("matieres_grasses", "Matières grasses", False),
    ("acides_gras_satures", "dont acides gras saturés", True),
    ("glucides", "Glucides", False),
    ("sucres", "dont sucres", True),
    ("fibres", "Fibres alimentaires", False),
    ("proteines", "Protéines", False),
    ("sel", "Sel", False),
]
OPTIONAL = {"fibres"}  # declared only when the sheet gives it


@dataclass(frozen=True)
class Rounded:
    """A declared value: ``value`` rounded (or the bound when ``below``), its decimals."""

    value: Decimal
    decimals: int
    below: bool = False  # declared as « < value »

    def text(self, unit: str = "g") -> str:
        figure = number(float(self.value), self.decimals)
        if self.decimals and "," not in figure:  # « 5,0 g »: the step is 0.1 g, say so
            figure += "," + "0" * self.decimals
        return f"{'<' + NBSP if self.below else ''}{figure}{NBSP}{unit}"


def _decimal(value: float) -> Decimal:
    # the value as the sheet wrote it (repr gives the shortest decimal of the float)
    return Decimal(repr(float(value)))


def _decimals(step: Decimal) -> int:
    return max(0, -step.as_tuple().exponent)


def rounded(nutrient: str, value: float) -> Rounded:
    """``value`` (g per 100 g/ml, or kJ/kcal) rounded per the guidance for ``nutrient``
    (a produits column: matieres_grasses, acides_gras_satures, glucides, sucres, fibres,
    proteines, sel, energie_kj, energie_kcal)."""
    v = _decimal(value)
    if nutrient in ENERGY:
        return Rounded(v.quantize(Decimal(1), ROUND_HALF_UP), 0)
    rule = RULES[nutrient]
    if rule.is_below(v):
        return Rounded(rule.shown, _decimals(rule.shown), below=True)
    step = next(s for bound, s in rule.steps if v >= bound)
    r = v.quantize(step, ROUND_HALF_UP)
    # 9,96 g rounds to 10,0 g: from 10 g the step is 1 g, so it is declared « 10 g »
    step = next(s for bound, s in rule.steps if r >= bound)
    return Rounded(r.quantize(step, ROUND_HALF_UP), _decimals(step))


def declared(nutrient: str, value: float, unit: str = "g") -> str:
    """The printed form: « 38 g », « 7,8 g », « < 0,5 g »."""
    return rounded(nutrient, value).text(unit)


def energy(kj: float, kcal: float) -> str:
    """« 1 524 kJ / 364 kcal »."""
    return f"{rounded('energie_kj', kj).text('kJ')} / {rounded('energie_kcal', kcal).text('kcal')}"


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    indent: bool = False


def declaration(product: dict) -> list[Row]:
    """The mandatory declaration (art. 30(1)) per 100 g/ml of a produits record, energy first;
    fibre only when given."""
    rows = [Row("Énergie", energy(product["energie_kj"], product["energie_kcal"]))]
    for col, label, indent in ROWS:
        if col in OPTIONAL and product.get(col) is None:
            continue
        rows.append(Row(label, declared(col, product[col]), indent))
    return rows
