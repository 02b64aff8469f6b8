"""The 14 Annex II allergens: names in three languages and the ingredient words that imply them.

The vocabulary lives in ``schemas/allergenes.yaml`` so that it can be extended without code.
``find_allergen_words`` returns character spans, so the label renderer can set exactly those
words in bold (art. 21) and the validator can check that the declared allergens agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from . import yamlfile
from .paths import SCHEMAS

CODES = ["gluten", "crustaces", "oeufs", "poissons", "arachides", "soja", "lait", "fruits-a-coque",
         "celeri", "moutarde", "sesame", "sulfites", "lupin", "mollusques"]


@functools.cache
def vocabulary() -> dict[str, dict]:
    with open(SCHEMAS / "allergenes.yaml", encoding="utf-8") as f:
        return yamlfile.safe_load(f)


def name(code: str, lang: str = "fr") -> str:
    return vocabulary()[code][f"name_{lang}"]


class _FoldTable(dict):
    """``str.translate`` table: character code -> lowercase, unaccented, œ -> o — one character
    in, one character out, so spans found in the folded text are spans of the original. Each
    character is worked out once, on first sight (5,000 ingredient lists fold in milliseconds)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in "œŒ":
            out = "o"  # one char, so spans stay aligned; the vocabulary lists both œuf and oeuf
        else:
            base = unicodedata.normalize("NFKD", ch)[0].lower()
            out = base if len(base) == 1 else ch.lower()
        self[code] = out
        return out


_FOLD = _FoldTable()


def _fold(text: str) -> str:
    return text.translate(_FOLD)


@functools.cache
def _matchers():
    """One regex for every trigger word (longest first) and one for every exclusion, with the
    folded word -> allergen code table: two scans per text instead of 28."""
    codes: dict[str, str] = {}
    nots: list[str] = []
    for code, entry in vocabulary().items():
        for w in entry["words"]:
            codes.setdefault(_fold(w), code)
        nots += [_fold(w) for w in entry.get("not", [])]

    def alternation(words):
        parts = [re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]")
                 for w in sorted(set(words), key=len, reverse=True)]
        return rf"(?<![a-z0-9])({'|'.join(parts)})(?:s|x|es)?(?![a-z0-9])"

    return re.compile(alternation(codes)), re.compile(alternation(nots)), codes


def _code_of(word: str, codes: dict[str, str]) -> str:
    return codes.get(re.sub(r"\s+", " ", word.replace("’", "'")), "")


def find_allergen_words(text: str) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, code)`` of allergen words in an ingredient list, in text order."""
    words, nots, codes = _matchers()
    folded = _fold(text)
    excluded = [(m.start(), m.end()) for m in nots.finditer(folded)]
    spans = []
    for m in words.finditer(folded):
        if any(a <= m.start() < b for a, b in excluded):
            continue
        code = _code_of(m[1], codes)
        if code:
            spans.append((m.start(), m.end(), code))
    return spans


# Texts already matched: those of the last staging (``remember``, from pipeline.stage, which
# drops them with the vocabulary or this code) and this run's. At 5,000 products matching every
# ingredient list again after a one-row edit took ~0.15 s.
_MATCHED: dict[str, dict] = {"before": {}, "now": {}}


def remember(matched: dict[str, dict[str, list[str]]]) -> None:
    _MATCHED.update(before=matched, now={})


def remembered() -> dict[str, dict[str, list[str]]]:
    """The texts matched since ``remember``, for the next run."""
    return _MATCHED["now"]


def implied_allergens(text: str) -> dict[str, list[str]]:
    """Allergen code -> the words of ``text`` that imply it (do not modify: it is shared)."""
    out = _MATCHED["now"].get(text) or _MATCHED["before"].get(text)
    if out is None:
        out = {}
        for a, b, code in find_allergen_words(text):
            out.setdefault(code, []).append(text[a:b])
    _MATCHED["now"][text] = out
    return out
