"""Where the app keeps things: one module, so tests can redirect everything with ``COACH_HOME``.

Data root: ``$COACH_HOME`` if set, else platformdirs' user data dir for "itband-coach"
(Linux: ``~/.local/share/itband-coach``). Bundled routines and assets are found in an
installed wheel (``coach/_data/...``) or, in a checkout, at the repository root.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

APP_NAME = "itband-coach"
_PKG = Path(__file__).resolve().parent
PRIVATE_DIR = 0o700  # the data folder: only its owner may list or enter it
PRIVATE_FILE = 0o600  # history, settings and recovery files: only their owner may read them
log = logging.getLogger(__name__)
_warned: set[str] = set()


def data_dir() -> Path:
    """The user's data root, created on demand with mode 0700 (an existing one of ours is tightened to it).
    A folder that can't be created is logged once and returned anyway: each use then fails with its own
    plain message (the history can't be opened, ...) instead of the whole app failing at launch."""
    override = os.environ.get("COACH_HOME")
    if override:
        root = Path(override).expanduser()
    else:
        import platformdirs

        root = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    try:
        root.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        make_private(root, PRIVATE_DIR)
    except OSError as err:
        if str(root) not in _warned:
            _warned.add(str(root))
            log.info("the data folder %s can't be created: %s", root, err.strerror or err)
    return root


def make_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Set ``mode`` on ``path`` if it exists, is ours and is looser (files other users could read)."""
    try:
        st = path.stat()
        if st.st_uid == os.getuid() and st.st_mode & 0o777 & ~mode:
            os.chmod(path, mode)
    except (OSError, AttributeError):  # gone, not ours, or no getuid (Windows: ACLs apply instead)
        pass


def create_private(path: Path) -> None:
    """Create ``path`` as an empty 0600 file if missing (programs that write it later keep the mode), or
    tighten an existing one."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE))
    except OSError:
        return
    make_private(path)


def _subdir(name: str) -> Path:
    """A folder under the data root, created on demand (if it can't be, its users find it missing)."""
    d = data_dir() / name
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    return d


def user_routines_dir() -> Path:
    """Folder for the user's own routine TOML files (created on demand; raises OSError if it can't be,
    which the routine library reports as a failure)."""
    d = data_dir() / "routines"
    d.mkdir(parents=True, exist_ok=True)
    return d


def db_path() -> Path:
    """The SQLite history file."""
    return data_dir() / "history.sqlite3"


def models_dir() -> Path:
    """Folder where pose model bundles (``pose_landmarker_*.task``) are looked for and downloaded to."""
    return _subdir("models")


def settings_file() -> Path:
    """INI file behind QSettings (kept under the data root so tests stay hermetic); made 0600 before
    QSettings first writes it (it keeps the mode of the file it replaces)."""
    f = data_dir() / "settings.ini"
    create_private(f)
    return f


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


def load_routines():
    """The routine library from the app's folders: the bundled routines, the user's own and the assets. A folder
    that can't be used is listed among the library's failures with a plain sentence."""
    from coach.core.routines import RoutineFailure, RoutineIssue, load_library

    problems: list[RoutineFailure] = []
    bundled: Path | None = None
    user: Path | None = None
    try:
        bundled = bundled_routines_dir()
    except FileNotFoundError as e:
        problems.append(RoutineFailure(Path("routines"), [RoutineIssue("routines", None, None, str(e))]))
    try:
        user = user_routines_dir()
    except OSError as e:
        where = str(getattr(e, "filename", None) or "routines folder")
        problems.append(
            RoutineFailure(
                Path(where), [RoutineIssue(where, None, None, f"your routines folder can't be used: {e.strerror or e}")]
            )
        )
    return load_library(bundled, user, assets_dir=assets_or_none(), problems=problems)


def assets_or_none() -> Path | None:
    try:
        return assets_dir()
    except FileNotFoundError:
        return None
