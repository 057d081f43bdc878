"""Shared pieces of ``coach runs``: one-line errors, the app's run settings, the run desk, a run as JSON.

``_settings`` reads the distance unit (km or mi) and the ladder start (metres) from the app's settings
file; ``_with_desk`` opens the history database as a ``RunsDesk`` for one command and closes it; ``_run_json``
gives a run with distances in metres, durations in seconds and ``started_at`` as ISO 8601.
"""

from __future__ import annotations

import sys
import time


def _one_line(prog: str):
    """argparse's error, as one line and exit 2 (no usage block)."""

    def error(message: str):
        print(f"{prog}: {message} (see {prog} --help)", file=sys.stderr)
        sys.exit(2)

    return error


def _fail(message: str, code: int = 2) -> int:
    print(f"coach: {message}", file=sys.stderr)
    return code


def _settings() -> tuple[str, float]:
    """(unit, ladder start in metres) from the app's settings file; defaults when it can't be read."""
    import configparser

    from coach import paths
    from coach.core.runs.load import DEFAULT_START_M
    from coach.core.runs.units import unit_or_km

    cp = configparser.ConfigParser(interpolation=None)
    try:
        cp.read(paths.settings_file(), encoding="utf-8")
        unit = unit_or_km(cp.get("runs", "unit", fallback="km"))
        start = float(cp.get("runs", "start_km", fallback="0")) * 1000
    except (configparser.Error, ValueError, OSError, UnicodeError):
        return "km", DEFAULT_START_M
    return unit, start if 1000 <= start <= 20_000 else DEFAULT_START_M


def _desk():
    from coach import paths
    from coach.store import HistoryStore
    from coach.store.runs_desk import RunsDesk

    store, message = HistoryStore.open(paths.db_path(), strict=True)
    if message:
        print(f"coach: {message}", file=sys.stderr)
    return RunsDesk(store, time.time)


def _with_desk(call):
    from coach.core.errors import CoachError

    try:
        desk = _desk()
        try:
            return call(desk)
        finally:
            desk.store.close()
    except (CoachError, ValueError) as err:
        return _fail(str(err), 1)


def _run_json(r) -> dict:
    from coach.store.runs_export import run_fields

    return {"id": r.id, **run_fields(r)}
