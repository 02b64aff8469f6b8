"""French (and English) typography for text the deliverables print.

The rules are those of the *Lexique des règles typographiques en usage à l'Imprimerie nationale*
as DESIGN.md states them, applied once, at the content layer, to text written by people (names,
descriptions, mentions). Renderers then only place the characters they are given.

Public API — three functions and two constants::

    french("Prix : 12,50 €, n°3 ; ouvert 10h-18h !")
    # 'Prix\u00a0: 12,50\u00a0€, n°\u00a03\u202f; ouvert 10\u00a0h–18\u00a0h\u202f!'
    english("Open 10-18 ; isn't it ?")     # 'Open 10–18; isn’t it?'
    typeset(text, lang)                     # french / english / unchanged for other languages

- ``NNBSP`` (U+202F, narrow no-break space) goes before ``; ! ?`` and inside « guillemets »;
- ``NBSP`` (U+00A0, no-break space) goes before ``:``, between a number and its unit or currency
  (« 75 cl », « 12,50 € », « 27 km », « 10 h 30 »), after « n° », as the thousands separator
  (« 5 000 ») and before a spaced dash (« 10 h – 18 h ») so that a dash never starts a line,
  between a day and its month (« 28 mai ») and a street number and its street (« 99 rue »), and
  after the dash of a range of days (« 28 mai – 30 juin » is read as one);
- the apostrophe is ’ (U+2019), the range dash – (U+2013), « ... » becomes « … ».

Never touched: URLs, e-mail addresses, @handles and codes — any token mixing letters and digits
such as lot numbers, SKUs, EAN or approval marks (« L2403-B », « FR-62.123.001-CE »), except a
number glued to its unit (« 75cl », « 10h30 ») which is typography, not a code.
Both functions are idempotent: applying them to their own output changes nothing.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"  # no-break space
NNBSP = "\u202f"  # narrow no-break space
_SP = " \t\u00a0\u202f\u2009"  # spaces a writer may have typed around punctuation (class body)

# -- what is never touched -------------------------------------------------------------------
_URL = r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>«»\"]*[^\s<>«»\".,;:!?)\]’']"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_HANDLE = r"(?<![\w])[@#]\w+"
_CODE = (r"(?<![\w@/])(?=[A-Za-z0-9_./#-]*[0-9])(?=[A-Za-z0-9_./#-]*[A-Za-z])"
         r"[A-Za-z0-9][A-Za-z0-9_./#-]*[A-Za-z0-9]")
_PROTECT = re.compile("|".join((_URL, _EMAIL, _HANDLE, _CODE)), re.IGNORECASE)

# Units and currencies that stay on the line of their number.
_UNITS = ("€", "$", "£", "%", "‰", "°C", "°F", "°", "mm", "cm", "dm", "km", "m²", "m³", "m",
          "ha", "mg", "kg", "g", "t", "ml", "mL", "cl", "cL", "dl", "dL", "hl", "l", "L",
          "kcal", "kJ", "h", "min", "s", "kWh", "kW", "W", "EUR")
_UNIT = "(?:" + "|".join(re.escape(u) for u in _UNITS) + ")"
_NUM = r"\d+(?:[.,]\d+)?"
# A number glued to its unit, or a time, is typography, not a code.
_ONE_MEASURE = rf"(?:\d{{1,2}}h\d{{2}}|{_NUM}(?:{_UNIT})?)"
_MEASURE = re.compile(rf"{_ONE_MEASURE}(?:[-–/]{_ONE_MEASURE})*")


def _protect(text: str) -> tuple[str, list[str]]:
    """Replace every URL, e-mail and code by one private-use character, remembered in order."""
    kept: list[str] = []

    def hide(m: re.Match) -> str:
        if _MEASURE.fullmatch(m.group()):
            return m.group()
        kept.append(m.group())
        return chr(0xF0000 + len(kept) - 1)  # plane 15 private use: never in real text

    return _PROTECT.sub(hide, text), kept


def _restore(text: str, kept: list[str]) -> str:
    if not kept:
        return text
    return re.sub("[\U000f0000-\U000fffff]", lambda m: kept[ord(m.group()) - 0xF0000], text)


# -- shared rules ----------------------------------------------------------------------------
_ELLIPSIS = re.compile(r"\.\.\.")
_DOUBLE_HYPHEN = re.compile(r"(?<=\S)[ \u00a0]*--[ ]*(?=\S)")
_SPACED_DASH = re.compile(rf"(?<=\S)[{_SP}]+[-–][ ]+(?=\S)")
# « 10-18 », « 2019-2020 »: two short numbers, the second without a leading zero (« 2024-0012 »
# is a code), not part of a longer chain (dates, phone numbers).
_NUM_RANGE = re.compile(r"(?<![\w.,/–-])(\d{1,4})-([1-9]\d{0,3})(?![\w/–-]|[.,]\d)")
# « 10h-18h » / « 10 h-18 h »: a range of times
_TIME_RANGE = re.compile(rf"(?<=h)[{_SP}]*-[{_SP}]*(?=\d)")


def _dashes(text: str) -> str:
    text = _ELLIPSIS.sub("…", text)
    text = _DOUBLE_HYPHEN.sub(NBSP + "– ", text)
    text = _SPACED_DASH.sub(NBSP + "– ", text)
    text = _NUM_RANGE.sub("\\1–\\2", text)
    return text


def _number_unit(text: str, insert: bool) -> str:
    """NBSP between a number and its unit; with ``insert``, also when they were glued."""
    space = f"[{_SP}]" + ("?" if insert else "")
    pattern = rf"(?<![\w.,])({_NUM}){space}({_UNIT})(?![\w²³])"
    return re.sub(pattern, f"\\1{NBSP}\\2", text)


# -- French ----------------------------------------------------------------------------------
_FR_APOSTROPHE = re.compile(r"'")
_FR_QUOTES = re.compile(r"\"([^\"\n]+)\"")
_OPEN_GUILLEMET = re.compile(rf"«[{_SP}]*")
_CLOSE_GUILLEMET = re.compile(rf"[{_SP}]*»")
# ; ! ? as punctuation: after something, before a space, the end or closing punctuation
_HIGH_PUNCT = re.compile(rf"(?<=[^\s;!?(\[«])[{_SP}]*([;!?]+)(?=$|[\s»)\].,…’”]|[\U000f0000-\U000fffff])")
_COLON = re.compile(rf"(?<=[^\s:])[{_SP}]*:(?=$|[\s»)\]]|[\U000f0000-\U000fffff])")
_NUMERO = re.compile(rf"\b([Nn]°)[{_SP}]*(?=\d|[\U000f0000-\U000fffff])")
_TIME = re.compile(rf"(?<![\w.,])(\d{{1,2}})[{_SP}]?h[{_SP}]?(\d{{2}})(?!\d)")
_THOUSANDS = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u202f\u2009\u00a0]\d{3})+(?![\d])")
# a day and its month (« 28 mai »), a street number and its street (« 99 rue Paul Bert »)
_MONTHS = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
           "novembre|décembre|decembre")
_DAY_MONTH = re.compile(rf"(?<![\w.,])(\d{{1,2}})[{_SP}]+(?=(?:{_MONTHS})\b)", re.I)
# a short range of days (« 28 mai – 30 juin ») is read as one: it is not broken at its dash
_DAY_RANGE = re.compile(rf"\b({_MONTHS}){NBSP}–[{_SP}]+(?=\d{{1,2}}{NBSP}(?:{_MONTHS})\b)", re.I)
_STREETS = "rue|avenue|boulevard|bd|place|chemin|route|allée|impasse|quai|cours|square"
_STREET_NUMBER = re.compile(
    rf"(?<![\w.,])(\d{{1,4}}(?:[{_SP}]?(?:bis|ter))?)[{_SP}]+(?=(?:{_STREETS})\b)", re.I)


def french(text: str) -> str:
    """``text`` set by French rules (see the module's docstring)."""
    if not text:
        return text
    text, kept = _protect(text)
    text = _FR_APOSTROPHE.sub("’", text)
    text = _FR_QUOTES.sub("«\\1»", text)
    text = _OPEN_GUILLEMET.sub("«" + NNBSP, text)
    text = _CLOSE_GUILLEMET.sub(NNBSP + "»", text)
    text = _dashes(text)
    text = _TIME_RANGE.sub("–", text)
    text = _THOUSANDS.sub(lambda m: re.sub(r"[ \u202f\u2009\u00a0]", NBSP, m.group()), text)
    text = _TIME.sub(f"\\1{NBSP}h{NBSP}\\2", text)
    text = _number_unit(text, insert=True)
    text = _NUMERO.sub(f"\\1{NBSP}", text)
    text = _DAY_MONTH.sub(f"\\1{NBSP}", text)
    text = _DAY_RANGE.sub(f"\\1{NBSP}–{NBSP}", text)
    text = _STREET_NUMBER.sub(f"\\1{NBSP}", text)
    text = _COLON.sub(NBSP + ":", text)
    text = _HIGH_PUNCT.sub(NNBSP + "\\1", text)
    return _restore(text, kept)


# -- English ---------------------------------------------------------------------------------
_EN_APOSTROPHE = re.compile(r"(?<=[\w\d])'|'(?=\d)")
_EN_OPEN_SINGLE = re.compile(r"'")
_EN_QUOTES = re.compile(r"\"([^\"\n]+)\"")
_GUILLEMETS = re.compile(rf"«[{_SP}]*([^»]*?)[{_SP}]*»")
_EN_PUNCT_SPACE = re.compile(rf"(?<=[^\s])[{_SP}]+(?=[;:!?]+(?:$|[\s)\]”’]|[\U000f0000-\U000fffff]))")


def english(text: str) -> str:
    """``text`` set by English rules: no space before ``; : ! ?``, curly quotes and apostrophes,
    en dash for ranges, no-break space between a number and its unit when a space is there."""
    if not text:
        return text
    text, kept = _protect(text)
    text = _EN_APOSTROPHE.sub("’", text)
    text = _EN_OPEN_SINGLE.sub("‘", text)
    text = _EN_QUOTES.sub("“\\1”", text)
    text = _GUILLEMETS.sub("“\\1”", text)
    text = _dashes(text)
    text = _EN_PUNCT_SPACE.sub("", text)
    text = _number_unit(text, insert=False)
    return _restore(text, kept)


def typeset(text: str, lang: str) -> str:
    """``text`` set by the rules of ``lang`` (``fr``, ``en``); other languages are returned
    unchanged (Japanese has its own punctuation and no spaces to manage)."""
    if lang == "fr":
        return french(text)
    if lang == "en":
        return english(text)
    return text
