"""File-level care of the history: connecting, backups before migrations, moving a bad file aside."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from coach.store.errors import CorruptHistory, HistoryTooNew
from coach.store.migrations import CURRENT_VERSION, check_schema, read_version

BUSY_TIMEOUT_MS = 5000
_SIDECARS = ("-wal", "-shm", "-journal")


def connect(path: Path) -> sqlite3.Connection:
    """Autocommit connection with foreign keys and a busy timeout; the file is checked for damage first and
    left unwritten (the caller migrates, then switches to WAL with ``use_wal``)."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        problems = [r[0] for r in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise CorruptHistory(f"SQLite reports damage: {problems[0]}")
        version = read_version(conn)  # before anything is written: a file we must not touch stays as it is
        if version > CURRENT_VERSION:
            raise HistoryTooNew(version, CURRENT_VERSION)
        if version == CURRENT_VERSION:
            check_schema(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def use_wal(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")


def is_damage(err: BaseException) -> bool:
    """True if ``err`` means the file's content is bad (not e.g. a lock or a permission problem)."""
    if isinstance(err, CorruptHistory):
        return True
    if isinstance(err, sqlite3.DatabaseError):
        name = getattr(err, "sqlite_errorname", "")
        return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or (
            not isinstance(err, sqlite3.OperationalError) and type(err) is sqlite3.DatabaseError)
    return False


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def _free(path: Path) -> Path:
    """``path`` or, if taken, ``path-1``, ``path-2``, ..."""
    n, out = 0, path
    while out.exists():
        n += 1
        out = path.with_name(f"{path.name}-{n}")
    return out


def db_file(conn: sqlite3.Connection) -> Path | None:
    """The main database file of a connection (None for an in-memory or temporary database)."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


def backup_before_migration(conn: sqlite3.Connection, version: int) -> Path | None:
    """Copy the database (consistently, via the SQLite backup API) to ``<file>.bak-v{version}-{timestamp}``."""
    src = db_file(conn)
    if src is None:
        return None
    dest = _free(src.with_name(f"{src.name}.bak-v{version}-{_stamp()}"))
    target = sqlite3.connect(str(dest))
    try:
        conn.backup(target)
    finally:
        target.close()
    return dest


def move_aside(path: Path) -> Path:
    """Rename a bad file (and its -wal/-shm) to ``<file>.corrupt-{timestamp}``; returns the new name."""
    dest = _free(path.with_name(f"{path.name}.corrupt-{_stamp()}"))
    path.rename(dest)
    for suffix in _SIDECARS:
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(dest.with_name(dest.name + suffix))
    return dest
