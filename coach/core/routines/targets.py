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


_SENTENCE = re.compile(r"[.!?;\n]+")
_ROLLING = ("roll", "foam", "massag", "smash")  # word starts: roll, rolling, roller, foam, massage...
_NEGATION = (
    "dont",
    "don",
    "not",
    "never",
    "avoid",
    "instead",
    "cant",
    "cannot",
    "wont",
    "no",
    "rather",
    "skip",
    "stop",
    "nothing",
)


def tells_to_roll_it_band(text: str) -> bool:
    """True if a sentence of ``text`` talks about rolling the IT band without saying not to
    ("Roll your IT band" yes; "Don't roll the IT band", "roll the TFL instead of the band" no)."""
    for sentence in _SENTENCE.split(text):
        words = [w.replace("'", "") for w in re.findall(r"[\w']+", unicodedata.normalize("NFKC", sentence).casefold())]
        if (
            mentions_it_band(sentence)
            and any(w.startswith(_ROLLING) for w in words)
            and not any(w in _NEGATION for w in words)
        ):
            return True
    return False


def mentions_it_band(text: str) -> bool:
    """True if ``text`` names the iliotibial band under any spelling ("IT band", "ITB", "i.t. band", ...).

    Word pieces are joined across punctuation and spaces, but only from a word boundary, so
    "i.t. band" and "it_band" match while "split band" does not.
    """
    tokens = _tokens(text)
    if any("iliotibial" in t for t in tokens):
        return True
    for n in range(1, 5):
        for i in range(len(tokens) - n + 1):
            word = "".join(tokens[i : i + n])
            if word in ("itb", "itbs") or word.startswith(("itband", "ittract")):
                return True
    return False
