"""The 14 Annex II allergens: names in three languages and the ingredient words that imply them.

The vocabulary lives in ``schemas/allergenes.yaml`` so that it can be extended without code.
``find_allergen_words`` returns character spans, so the label renderer can set exactly those
words in bold (art. 21) and the validator can check that the declared allergens agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import yaml

from .paths import SCHEMAS

CODES = ["gluten", "crustaces", "oeufs", "poissons", "arachides", "soja", "lait", "fruits-a-coque",
         "celeri", "moutarde", "sesame", "sulfites", "lupin", "mollusques"]


@functools.cache
def vocabulary() -> dict[str, dict]:
    with open(SCHEMAS / "allergenes.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def name(code: str, lang: str = "fr") -> str:
    return vocabulary()[code][f"name_{lang}"]


def _fold(text: str) -> str:
    """Lowercase, no accents, œ -> oe — one character in, one character out, so spans survive."""
    out = []
    for ch in text:
        if ch in "œŒ":
            out.append("o")  # one char, so spans stay aligned; the vocabulary lists both œuf and oeuf
            continue
        base = unicodedata.normalize("NFKD", ch)[0].lower()
        out.append(base if len(base) == 1 else ch.lower())
    return "".join(out)


def _word_pattern(word: str) -> str:
    w = re.escape(_fold(word))
    w = w.replace(r"\ ", r"\s+").replace("'", "['’]")
    return rf"(?<![a-z0-9]){w}(?:s|x|es)?(?![a-z0-9])"


@functools.cache
def _patterns():
    pats = {}
    for code, entry in vocabulary().items():
        words = sorted(entry["words"], key=len, reverse=True)
        nots = entry.get("not", [])
        pats[code] = (
            re.compile("|".join(_word_pattern(w) for w in words)),
            re.compile("|".join(_word_pattern(w) for w in nots)) if nots else None,
        )
    return pats


def find_allergen_words(text: str) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, code)`` of allergen words in an ingredient list, in text order."""
    folded = _fold(text)
    spans = []
    for code, (pat, nots) in _patterns().items():
        excluded = [(m.start(), m.end()) for m in nots.finditer(folded)] if nots else []
        for m in pat.finditer(folded):
            if any(a <= m.start() < b for a, b in excluded):
                continue
            spans.append((m.start(), m.end(), code))
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for s in spans:  # overlapping hits (« jaune d'œuf » and « œuf ») keep the longest, first
        if merged and s[0] < merged[-1][1]:
            continue
        merged.append(s)
    return merged


def implied_allergens(text: str) -> dict[str, list[str]]:
    """Allergen code -> the words of ``text`` that imply it."""
    out: dict[str, list[str]] = {}
    for a, b, code in find_allergen_words(text):
        out.setdefault(code, []).append(text[a:b])
    return out
