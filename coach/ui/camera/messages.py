"""What the camera panel says when it falls back to counting by hand: one plain sentence, shown in one place
(the camera picture's area), with the worker's own technical text kept for "Details".

The worker's reasons start with a fixed phrase (see ``coach.ui.camera.worker``): "No camera: …",
"Camera lost: …", "The pose model can't be used: …", "No pose model: …", "The video has ended."
"""

from __future__ import annotations

BY_HAND = "Reps are counted by hand for now."

_SENTENCES = (
    ("No camera", "No camera was found. Plug one in (or close other apps using it), then press Retry camera."),
    ("Camera lost", "The camera stopped sending pictures. Check its cable, then press Retry camera."),
    ("The pose model can't be used", "The pose model couldn't be loaded, so the camera can't count."),
    ("No pose model", "Camera preview only: there is no pose model to count with."),
    ("The video has ended", "The video has ended."),
)


def manual_sentence(reason: str) -> str:
    """The plain sentence for a worker's manual-mode ``reason``, ending with how reps are counted now."""
    for start, sentence in _SENTENCES:
        if reason.startswith(start):
            return f"{sentence} {BY_HAND}"
    return f"The camera stopped. {BY_HAND}"
