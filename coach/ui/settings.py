"""Typed access to the user's preferences (QSettings in INI format under ``paths.settings_file()``).

One ``Settings`` object per app; every value has a default, and a damaged value falls back to it.
Keys are listed in docs/ARCHITECTURE.md ("Settings").
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QSettings

from coach import paths

DEFAULTS: dict[str, object] = {
    "audio/muted": False,
    "audio/speak": True,
    "camera/enabled": True,
    "camera/index": 0,
    "camera/width": 640,
    "camera/height": 480,
    "camera/mirror": True,
    "pose/variant": "lite",
    "pose/model_path": "",
    "analysis/drop_deg": 5.0,
    "analysis/marked_deg": 8.0,
    "ui/theme": "system",
    "ui/large_text": False,  # across-the-room mode in the player (F)
    "firstrun/done": False,  # the first-run flow was finished (or a history already existed)
    "firstrun/red_flags": "",  # red-flag keys ticked in the first-run flow, comma-separated
    "firstrun/baseline": -1,  # usual pain 0-10 given in the first-run flow; -1: not given
    "runs/unit": "km",  # distances shown in "km" or "mi" (runs are stored in metres)
    "runs/start_km": 3.0,  # where the return-to-run ladder starts (km)
    "reminders/enabled": False,  # a tray notification on the training days (the days and time live in the store)
    "reminders/last_day": "",  # ISO date of the last reminder handled (one a day, across restarts)
}
log = logging.getLogger(__name__)
NOT_SAVED = "Settings couldn't be saved (is the disk full, or the folder read-only?); they last until you quit."
VARIANTS = ("lite", "full", "heavy")
THEMES = ("system", "light", "dark")


class Settings:
    """Preferences with defaults. ``qsettings`` may be injected (tests); otherwise the app's INI file."""

    def __init__(self, qsettings: QSettings | None = None):
        self.q = qsettings if qsettings is not None else QSettings(str(paths.settings_file()), QSettings.IniFormat)
        self.problem = ""  # why the last save didn't reach the disk ("" when it did)

    # ---- generic ---------------------------------------------------------------------------------
    def get(self, key: str):
        default = DEFAULTS[key]
        raw = self.q.value(key, default)
        if isinstance(default, bool):
            if isinstance(raw, str):
                return raw.strip().lower() in ("1", "true", "yes", "on")
            return bool(raw)
        try:
            return type(default)(raw)
        except (TypeError, ValueError):
            return default

    def set(self, key: str, value) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self.q.setValue(key, value)
        self.sync()

    def sync(self) -> bool:
        """Write the settings to disk; False (and ``problem`` set) when the file couldn't be written. The values
        stay in use meanwhile and the next save tries again. QSettings' error status never clears, so after an
        error a fresh QSettings (holding every value) does the next write, and its status is the truth."""
        self.q.sync()
        if self.q.status() != QSettings.Status.NoError:
            old = self.q
            fresh = QSettings(old.fileName(), old.format())
            for key in old.allKeys():
                fresh.setValue(key, old.value(key))
            fresh.sync()
            self.q = fresh
        ok = self.q.status() == QSettings.Status.NoError
        self.problem = "" if ok else NOT_SAVED
        if not ok:
            log.warning("settings: can't write %s (QSettings status %s)", self.q.fileName(), self.q.status())
        return ok

    # ---- typed shortcuts -------------------------------------------------------------------------
    @property
    def muted(self) -> bool:
        return self.get("audio/muted")

    @muted.setter
    def muted(self, value: bool) -> None:
        self.set("audio/muted", bool(value))

    @property
    def pose_variant(self) -> str:
        v = self.get("pose/variant")
        return v if v in VARIANTS else "lite"

    @property
    def theme(self) -> str:
        """ "system" (follow the desktop), "light" or "dark"; anything else reads as "system"."""
        v = str(self.get("ui/theme")).strip().lower()
        return v if v in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"theme must be one of {THEMES}, not {value!r}")
        self.set("ui/theme", value)

    @property
    def distance_unit(self) -> str:
        """ "km" or "mi" (anything else reads as km)."""
        return "mi" if str(self.get("runs/unit")).strip().lower() in ("mi", "miles") else "km"

    @property
    def run_start_m(self) -> float:
        """The return-to-run ladder's start in metres, 1-20 km."""
        return min(max(float(self.get("runs/start_km")), 1.0), 20.0) * 1000

    @property
    def drop_thresholds(self) -> tuple[float, float]:
        """(flag, marked) pelvic-drop thresholds in degrees, sanitised (0 < flag <= marked <= 30)."""
        drop = min(max(self.get("analysis/drop_deg"), 1.0), 30.0)
        marked = min(max(self.get("analysis/marked_deg"), drop), 30.0)
        return drop, marked

    def geometry(self) -> QByteArray | None:
        g = self.q.value("window/geometry")
        return g if isinstance(g, QByteArray) and not g.isEmpty() else None

    def save_geometry(self, geometry: QByteArray, state: QByteArray | None = None) -> None:
        self.q.setValue("window/geometry", geometry)
        if state is not None:
            self.q.setValue("window/state", state)
        self.sync()
