"""The programme as the Today screen and the morning check see it: one door to the programme files, the history
and the progression engine, so those views never touch the store.

Every call works on "today" from the injected wall clock (Unix seconds -> local date). ``refresh()`` catches the
programme up with the history (sessions judged once their next morning is known) and saves the new state.
Store problems become ``error`` signals and empty answers, never exceptions in a view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from coach.core.errors import CoachError
from coach.core.programme.loader import load_programmes
from coach.core.programme.model import Programme
from coach.core.programme.progression import ProgrammeState
from coach.core.programme.rules import Rules
from coach.core.programme.schedule import PlannedSession, TrainingTimes
from coach.core.programme.today import TodayPlan
from coach.core.routines.model import Routine
from coach.store.programme_desk import ProgrammeDesk

T = TypeVar("T")

log = logging.getLogger(__name__)


class ProgrammeService(QObject):
    changed = Signal()  # the plan, the state or the morning checks changed
    error = Signal(str)

    def __init__(
        self,
        store: Callable[[], object],
        routines: Callable[[], list[Routine]],
        folders: Callable[[], list],
        wall: Callable[[], float],
        rules: Callable[[], Rules | None] = lambda: None,  # None: the thresholds saved with the programme
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._store, self._routines, self._folders, self._wall, self._rules = store, routines, folders, wall, rules
        self._programmes: list[Programme] | None = None
        self.problems: list[str] = []

    # ---- what there is ---------------------------------------------------------------------------
    def wall(self) -> float:
        """Now, Unix seconds (the injected wall clock)."""
        return self._wall()

    def today(self) -> date:
        return datetime.fromtimestamp(self._wall()).date()

    def programmes(self) -> list[Programme]:
        if self._programmes is None:
            ids = {r.id for r in self._routines()}
            self._programmes, errors = load_programmes(self._folders(), routine_ids=ids)
            self.problems = [str(e) for e in errors]
        return self._programmes

    def _desk(self) -> ProgrammeDesk:
        return ProgrammeDesk(self._store(), self._routines(), self.programmes(), self._wall, self._rules())

    def _try(self, what: str, call: Callable[[ProgrammeDesk], T], fallback: T) -> T:
        """``call(desk)``; a store or state problem becomes an ``error`` signal and ``fallback``."""
        try:
            return call(self._desk())
        except (CoachError, ValueError) as err:
            self.error.emit(f"The programme can't {what}: {err}")
            return fallback

    def active(self) -> tuple[Programme, ProgrammeState] | None:
        return self._try("be read", lambda d: d.active(), None)

    # ---- set up, morning checks, catch up --------------------------------------------------------
    def start(self, programme_id: str, baseline: int | None) -> bool:
        ok = self._try("be saved", lambda d: d.start(programme_id, baseline), False)
        if ok:
            self.changed.emit()
        return ok

    def set_baseline(self, baseline: int | None) -> bool:
        """The programme followed goes on, judging the mornings from now on against ``baseline`` (usual pain)."""
        ok = self._try("be saved", lambda d: d.set_baseline(baseline), False)
        if ok:
            self.changed.emit()
        return ok

    def stop(self) -> None:
        self._try("be stopped", lambda d: d.store.clear_programme(), None)
        self.changed.emit()

    def morning_due(self) -> date | None:
        """Today's date if yesterday had a session and today's morning check hasn't been given yet."""
        return self._try("read the history", lambda d: d.morning_due(), None)

    def save_morning(self, pain: int | None, compared: str | None) -> bool:
        done = self._try("save the morning check", lambda d: d.save_morning(pain, compared) or True, False)
        if done:
            self.changed.emit()
        return bool(done)

    def refresh(self) -> None:
        """Judge the sessions whose next morning is known, save the state and the decisions, tell the views."""
        self._try("be brought up to date", lambda d: d.refresh(), None)
        self.changed.emit()

    def rules(self) -> Rules:
        """The thresholds in use (the ones chosen in Settings, or the defaults)."""
        return self._try("read its thresholds", lambda d: d.rules, Rules())

    def save_rules(self, rules: Rules | None) -> bool:
        """Save the thresholds (None: the defaults) where ``coach plan`` reads them too."""
        ok = self._try(
            "save its thresholds", lambda d: d.store.save_programme_rules(rules, self._wall()) or True, False
        )
        if ok:
            self.changed.emit()
        return bool(ok)

    def times(self, fallback: TrainingTimes | None = TrainingTimes()) -> TrainingTimes | None:
        """The training days and time chosen in Settings (the defaults until then); ``fallback`` when the history
        can't be read."""
        return self._try("read the training days", lambda d: d.store.programme_schedule(), fallback)

    def save_times(self, times: TrainingTimes) -> bool:
        ok = self._try(
            "save the training days", lambda d: d.store.save_programme_schedule(times, self._wall()) or True, False
        )
        return bool(ok)

    def trained_today(self) -> bool:
        return self._try("read the history", lambda d: d.trained_today(), False)

    def upcoming(self, weeks: int) -> tuple[Programme, list[PlannedSession]] | None:
        """The sessions planned on the training days for ``weeks`` weeks (for a calendar file)."""
        return self._try("read the history", lambda d: d.upcoming(weeks), None)

    # ---- the Today screen ------------------------------------------------------------------------
    def plan(self) -> TodayPlan | None:
        return self._try("read the history", lambda d: d.plan(), None)
