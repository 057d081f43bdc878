"""Regenerate the cue sounds in assets/sounds/ (16-bit mono WAV, 22.05 kHz), stdlib only.

Each cue has its own shape so they can be told apart without looking: a rising chime to start, short
ticks for the last 3 seconds, a two-note "ding-dong" to switch sides, a bright three-note arpeggio when a
set is done, a soft blip per rep, a low descending two-tone for a pelvic-drop flag and a longer
arpeggio when the session finishes.  Run:  python tools/make_sounds.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parent.parent / "assets" / "sounds"

# cue -> list of (frequency Hz, duration s, gap after s); a 0 Hz note is silence
CUES = {
    "start": [(523.25, 0.12, 0.02), (783.99, 0.22, 0.0)],
    "countdown": [(880.0, 0.07, 0.0)],
    "switch_side": [(659.25, 0.16, 0.05), (493.88, 0.24, 0.0)],
    "set_done": [(523.25, 0.09, 0.01), (659.25, 0.09, 0.01), (783.99, 0.20, 0.0)],
    "rep": [(1046.5, 0.05, 0.0)],
    "pelvic_drop": [(349.23, 0.14, 0.03), (261.63, 0.22, 0.0)],
    "finished": [(523.25, 0.10, 0.01), (659.25, 0.10, 0.01), (783.99, 0.10, 0.01), (1046.5, 0.35, 0.0)],
}


def tone(freq: float, dur: float, volume: float = 0.45) -> list[float]:
    n = int(RATE * dur)
    attack, release = int(RATE * 0.008), int(RATE * min(0.08, dur / 2))
    out = []
    for i in range(n):
        env = min(1.0, i / attack if attack else 1.0, (n - i) / release if release else 1.0)
        s = math.sin(2 * math.pi * freq * i / RATE) + 0.25 * math.sin(4 * math.pi * freq * i / RATE)
        out.append(volume * env * s / 1.25)
    return out


def render(notes) -> bytes:
    samples: list[float] = []
    for freq, dur, gap in notes:
        samples += tone(freq, dur) if freq else [0.0] * int(RATE * dur)
        samples += [0.0] * int(RATE * gap)
    return b"".join(struct.pack("<h", int(max(-1.0, min(1.0, s)) * 32767)) for s in samples)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, notes in CUES.items():
        with wave.open(str(OUT / f"{name}.wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(render(notes))
        print(OUT / f"{name}.wav")


if __name__ == "__main__":
    main()
