"""Muscles a routine may roll, and the one thing it may never roll: the IT band."""

from __future__ import annotations

import re
import unicodedata

ROLL_TARGETS: dict[str, str] = {
    "tfl": "TFL (tensor fasciae latae)",
    "vastus_lateralis": "Vastus lateralis (outer quad)",
    "glute_max": "Gluteus maximus",
    "glute_med": "Gluteus medius",
    "quads": "Quadriceps (front of thigh)",
    "hamstrings": "Hamstrings",
    "calves": "Calves",
    "adductors": "Adductors (inner thigh)",
}

IT_BAND_REASON = (
    "the IT band is dense fascia that can't be released by rolling (rolling it only bruises it); "
    "roll the TFL, vastus lateralis or glutes instead, then strengthen"
)

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _tokens(text: str) -> list[str]:
    """Lower-case ASCII-ish word pieces: NFKC folds full-width letters, casefold handles case."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [t for t in _NON_ALNUM.split(folded) if t]


def mentions_it_band(text: str) -> bool:
    """True if ``text`` names the iliotibial band under any spelling ("IT band", "ITB", "i.t. band", ...)."""
    tokens = _tokens(text)
    joined = "".join(tokens)
    if "iliotibial" in joined or "itband" in joined or "ittract" in joined:
        return True
    # "ITB", "I T B", "i.t.b.": up to three neighbouring pieces spelling itb
    for n in (1, 2, 3):
        for i in range(len(tokens) - n + 1):
            if "".join(tokens[i : i + n]) in ("itb", "itbs"):
                return True
    return False
