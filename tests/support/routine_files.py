"""Routine files for tests: a stand-in assets folder, and Python values written out as TOML text."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

# Illustration names from docs/ARCHITECTURE.md
ILLUSTRATIONS = (
    "roll_tfl roll_vastus_lateralis roll_glute_max roll_glute_med roll_quads roll_hamstrings roll_calves "
    "side_plank side_plank_knees lateral_band_walk hip_abduction single_leg_squat step_down split_squat lunge squat "
    "glute_bridge single_leg_deadlift single_leg_balance rest education_band placeholder"
).split()


def make_assets(root: Path) -> Path:
    """A stand-in assets folder holding every documented illustration name."""
    d = root / "illustrations"
    d.mkdir(parents=True, exist_ok=True)
    for name in ILLUSTRATIONS:
        (d / f"{name}.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    return root


def _s(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def emit_value(v) -> str:
    """Python value -> TOML value text (inline tables for dicts)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else repr(v)
    if isinstance(v, str):
        return _s(v)
    if isinstance(v, (dt.datetime, dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(emit_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_s(k)} = {emit_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v))


def emit(doc: dict) -> str:
    return "".join(f"{_s(k)} = {emit_value(v)}\n" for k, v in doc.items())
