"""What the first-run flow remembers (in the settings file, so it survives restarts): whether it was finished,
the red flags ticked and the usual-pain baseline; and whether it is due at this launch.

It is due when it was never finished and the history holds no session and no programme (someone who already
trained is not new). A history that can't be read doesn't block the app: only the flag is used then.
"""

from __future__ import annotations

import logging

from coach.core.errors import CoachError
from coach.ui.settings import Settings

log = logging.getLogger(__name__)

RED_FLAGS: dict[str, str] = {  # key -> the words on the check box
    "swelling": "Swelling around the knee or hip",
    "locking": "The knee locks, catches or gives way",
    "numbness": "Numbness or tingling in the leg or foot",
    "night_pain": "Pain that wakes you at night, or is there even at rest",
    "injury": "A recent fall, twist or other injury to the leg",
    "fever": "Fever, or a joint that is hot and red",
}


def red_flags(settings: Settings) -> list[str]:
    """The red-flag keys ticked last time (unknown words in the file are ignored)."""
    raw = str(settings.get("firstrun/red_flags"))
    return [k for k in raw.split(",") if k in RED_FLAGS]


def save_red_flags(settings: Settings, keys: list[str]) -> None:
    settings.set("firstrun/red_flags", ",".join(k for k in keys if k in RED_FLAGS))


def baseline(settings: Settings) -> int | None:
    """The usual pain (0-10) given in the flow, or None when it wasn't given."""
    v = int(settings.get("firstrun/baseline"))
    return v if 0 <= v <= 10 else None


def save_baseline(settings: Settings, value: int | None) -> None:
    settings.set("firstrun/baseline", -1 if value is None else max(0, min(10, int(value))))


def is_due(settings: Settings, store_has_history) -> bool:
    """True when the flow should open at launch. ``store_has_history()`` -> bool may raise CoachError/OSError."""
    if settings.get("firstrun/done"):
        return False
    try:
        if store_has_history():
            settings.set("firstrun/done", True)  # an existing user: never asked again
            return False
    except (CoachError, OSError) as err:
        log.warning("first run: the history can't be read (%s); going by the settings only", err)
    return True


def mark_done(settings: Settings) -> None:
    settings.set("firstrun/done", True)
