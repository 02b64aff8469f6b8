"""Japanese text: which characters are CJK, and where its phrases start (BudouX).

Kept apart from the text engine (which loads cairo and the fonts) so that readers of produced
files — the layout lint — segment Japanese exactly as the engine broke it, at no import cost.
"""

from __future__ import annotations

import functools


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x3000 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF
            or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x31F0 <= o <= 0x31FF)


@functools.cache
def _phraser():
    import budoux

    return budoux.load_default_japanese_parser()


@functools.lru_cache(maxsize=4096)
def phrase_starts(text: str) -> frozenset[int]:
    """Offsets in ``text`` where a Japanese phrase starts (BudouX), 0 excluded."""
    starts, k = set(), 0
    for chunk in _phraser().parse(text):
        if k:
            starts.add(k)
        k += len(chunk)
    return frozenset(starts)
