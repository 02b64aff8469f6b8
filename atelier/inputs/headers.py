"""Header matching: « Prix TTC », "prix ttc" and "PRIX_TTC" all mean ``prix_ttc``."""

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})


def normalise(text: object) -> str:
    """Canonical column name: lowercase, no accents, runs of anything else become ``_``."""
    s = str(text).translate(_LIGATURES)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_")
