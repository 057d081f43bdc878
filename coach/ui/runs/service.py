"""RunsService: the Runs page's and the Today card's only door to the run log (``RunsDesk`` over the store, and
the importers). Store problems become an ``error`` signal and an empty answer, never an exception in a view.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from coach.core.errors import CoachError
from coach.core.programme.rules import Rules
from coach.core.runs import Run
from coach.core.runs.units import Unit, unit_or_km
from coach.store.runs_desk import CardSummary, RunsDesk, RunSummary

log = logging.getLogger(__name__)


class RunsService(QObject):
    changed = Signal()  # runs added, edited or removed
    error = Signal(str)

    def __init__(
        self,
        store: Callable[[], object],
        wall: Callable[[], float],
        unit: Callable[[], str] = lambda: "km",
        start_m: Callable[[], float] = lambda: 3000.0,
        rules: Callable[[], Rules] = Rules,
        save_start: Callable[[float], None] | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._store, self._wall, self._unit, self._start, self._rules = store, wall, unit, start_m, rules
        self._save_start = save_start
        self.problems: list[str] = []  # the last import's lines, one per file skipped or partly read
        self._seen: int | None = None  # the history's PRAGMA data_version at the last read

    @property
    def unit(self) -> Unit:
        return unit_or_km(self._unit())

    @property
    def start_m(self) -> float:
        """Where the return-to-run ladder starts (metres)."""
        return self._start()

    def set_start(self, metres: float) -> None:
        """Save where the ladder starts; the views redraw."""
        if self._save_start is not None:
            self._save_start(metres)
        self.changed.emit()

    def _desk(self) -> RunsDesk:
        return RunsDesk(self._store(), self._wall, self._rules())  # type: ignore[arg-type]

    def _fail(self, what: str, err: Exception) -> None:
        log.warning("runs: can't %s: %s", what, err)
        self.error.emit(f"Can't {what}: {err}")

    def _data_version(self) -> int | None:
        """SQLite's count of commits made by other connections (``coach runs import`` or ``delete`` while the app
        is open); None when the history can't be read."""
        try:
            return int(self._store().conn.execute("PRAGMA data_version").fetchone()[0])  # type: ignore[attr-defined]
        except (CoachError, sqlite3.Error, AttributeError, TypeError):
            return None

    def check_elsewhere(self) -> bool:
        """Emit ``changed`` (the views redraw) when another process changed the history since the runs were last
        read; True if it did. The Runs page asks each time the app becomes active again."""
        now = self._data_version()
        if now is None or self._seen is None or now == self._seen:
            return False
        self._seen = now
        self.changed.emit()
        return True

    def summary(self) -> RunSummary | None:
        self._seen = self._data_version()
        try:
            return self._desk().summary(self.unit, self._start())
        except (CoachError, ValueError, sqlite3.Error) as err:
            self._fail("read the runs", err)
            return None

    def card(self) -> CardSummary | None:
        """What Today's card shows (the ladder and the advice), read from the recent runs only."""
        try:
            return self._desk().card(self.unit, self._start())
        except (CoachError, ValueError, sqlite3.Error) as err:
            self._fail("read the runs", err)
            return None

    def has_runs(self) -> bool:
        try:
            return bool(self._desk().store.runs())
        except (CoachError, ValueError, sqlite3.Error):
            return False

    def import_paths(self, paths: Sequence[Path], on_file: Callable[[int], object] | None = None) -> str:
        """Import files and folders; returns the one-line result (and keeps the details in ``problems``).
        ``on_file(n)`` after each file; False stops the import there (the runs read so far are saved)."""
        from coach.importers import import_paths  # lazily: the readers load only when importing
        from coach.importers.files import import_line

        res = import_paths(paths, on_file)
        self.problems = res.problems
        if res.files == 0:  # nothing found, or a folder that can't be listed (said why)
            return (
                f"Nothing imported: {res.problems[0]}."
                if res.problems
                else "No GPX, TCX, FIT or activities.csv files there."
            )
        try:
            saved = self._desk().save(res.runs)
        except (CoachError, ValueError, sqlite3.Error) as err:
            self._fail("save the imported runs", err)
            return f"Nothing imported: {err}"
        skipped = res.skip_lines
        if saved.added:
            self.changed.emit()
        line = import_line(saved.added, saved.duplicates, skipped)
        return f"{line} (stopped after {res.files} files)" if res.stopped else line

    def add(self, run: Run) -> bool:
        """Save a run typed in by hand; False (and ``error``) if it can't be saved or is there already."""
        try:
            ok = self._desk().store.add_run(run, self._wall())
        except (CoachError, ValueError, sqlite3.Error) as err:
            self._fail("save the run", err)
            return False
        if not ok:
            self.error.emit("A run starting at that same time is already logged.")
            return False
        self.changed.emit()
        return True

    def update(self, run: Run) -> bool:
        try:
            self._desk().store.update_run(run)
        except (CoachError, ValueError, sqlite3.Error) as err:
            self._fail("save the run", err)
            self.check_elsewhere()  # deleted by `coach runs delete` meanwhile: the list drops it
            return False
        self.changed.emit()
        return True

    def delete(self, run_id: int) -> bool:
        try:
            self._desk().store.delete_run(run_id)
        except (CoachError, ValueError, sqlite3.Error) as err:
            self._fail("delete the run", err)
            return False
        self.changed.emit()
        return True
