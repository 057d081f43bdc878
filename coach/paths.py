"""Where the app keeps things: one module, so tests can redirect everything with ``COACH_HOME``.

Data root: ``$COACH_HOME`` if set, else platformdirs' user data dir for "itband-coach"
(Linux: ``~/.local/share/itband-coach``). Bundled routines and assets are found in an
installed wheel (``coach/_data/...``) or, in a checkout, at the repository root.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "itband-coach"
_PKG = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The user's data root (created on demand)."""
    override = os.environ.get("COACH_HOME")
    if override:
        root = Path(override).expanduser()
    else:
        import platformdirs

        root = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    root.mkdir(parents=True, exist_ok=True)
    return root


def user_routines_dir() -> Path:
    """Folder for the user's own routine TOML files (created on demand)."""
    d = data_dir() / "routines"
    d.mkdir(parents=True, exist_ok=True)
    return d


def db_path() -> Path:
    """The SQLite history file."""
    return data_dir() / "history.sqlite3"


def models_dir() -> Path:
    """Folder where pose model bundles (``pose_landmarker_*.task``) are looked for and downloaded to."""
    d = data_dir() / "models"
    d.mkdir(parents=True, exist_ok=True)
    return d


def settings_file() -> Path:
    """INI file behind QSettings (kept under the data root so tests stay hermetic)."""
    return data_dir() / "settings.ini"


def _bundled(name: str) -> Path:
    installed = _PKG / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PKG.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bundled folder {name!r} not found in {installed} or {checkout}")


def bundled_routines_dir() -> Path:
    """Routines shipped with the app."""
    return _bundled("routines")


def assets_dir() -> Path:
    """Illustrations and sounds shipped with the app."""
    return _bundled("assets")


def programme_folders() -> list[tuple[Path, bool]]:
    """Where programme files are: (folder, bundled) pairs, the bundled ones first."""
    out: list[tuple[Path, bool]] = []
    try:
        out.append((bundled_routines_dir() / "programmes", True))
    except FileNotFoundError:
        pass
    try:
        out.append((user_routines_dir() / "programmes", False))
    except OSError:
        pass
    return out
