"""French formatting of numbers, prices, dates and quantities (Babel, locale fr_FR)."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALE = "fr_FR"


def price(amount: float) -> str:
    """« 12,50 € » — always two decimals, as menus and labels show prices."""
    return format_currency(amount, "EUR", locale=LOCALE, format="#,##0.00\u00a0¤")


def number(value: float, decimals: int = 1) -> str:
    """« 1 234,5 » with French separators; no trailing « ,0 »."""
    fmt = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=fmt, locale=LOCALE)


def day(iso: str) -> str:
    """« 12/08/2020 »."""
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")


def long_day(iso: str) -> str:
    """« 28 mai 2020 »."""
    return format_date(dt.date.fromisoformat(iso), format="d MMMM y", locale=LOCALE)


def month_year(iso: str) -> str:
    """« août 2020 »."""
    return format_date(dt.date.fromisoformat(iso), format="MMMM y", locale=LOCALE)


# A figure: an amount, a count, a percentage or a quantity with its unit (« 12 500,00 € »,
# « 20 % », « 75 cl »): tables set such columns right-aligned.
FIGURE = re.compile(r"[-+−]?\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?(?:[\s\u00a0\u202f]?"
                    r"(?:€|%|km|m|cl|ml|l|g|kg|h|% vol))?")


def is_figure(text: str) -> bool:
    return bool(FIGURE.fullmatch(text.strip()))
