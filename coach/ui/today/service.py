"""The programme as the Today screen and the morning check see it: one door to the programme files, the history
and the progression engine, so those views never touch the store.

Every call works on "today" from the injected wall clock (Unix seconds -> local date). ``refresh()`` catches the
programme up with the history (sessions judged once their next morning is known) and saves the new state.
Store problems become ``error`` signals and empty answers, never exceptions in a view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QObject, Signal

from coach.core.errors import CoachError
from coach.core.programme.loader import load_programmes
from coach.core.programme.model import Programme
from coach.core.programme.outcomes import MorningCheck, local_day, outcome_from_record
from coach.core.programme.progression import ProgrammeState
from coach.core.programme.rules import Rules
from coach.core.programme.today import TodayPlan, plan_today
from coach.core.programme.tracker import Pending, catch_up, state_from_json, state_to_json
from coach.core.record import SessionRecord
from coach.core.routines.model import Routine, StrengthStep

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
        rules: Callable[[], Rules] = Rules,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._store, self._routines, self._folders, self._wall, self._rules = store, routines, folders, wall, rules
        self._programmes: list[Programme] | None = None
        self.problems: list[str] = []

    # ---- what there is ---------------------------------------------------------------------------
    def today(self) -> date:
        return datetime.fromtimestamp(self._wall()).date()

    def programmes(self) -> list[Programme]:
        if self._programmes is None:
            ids = {r.id for r in self._routines()}
            self._programmes, errors = load_programmes(self._folders(), routine_ids=ids)
            self.problems = [str(e) for e in errors]
        return self._programmes

    def _programme(self, pid: str) -> Programme | None:
        return next((p for p in self.programmes() if p.id == pid), None)

    def _state(self) -> tuple[ProgrammeState, float] | None:
        try:
            text = self._store().programme_state()
            return None if text is None else state_from_json(text)
        except (CoachError, ValueError) as err:
            self.error.emit(f"The programme can't be read: {err}")
            return None

    def active(self) -> tuple[Programme, ProgrammeState] | None:
        got = self._state()
        prog = self._programme(got[0].programme_id) if got else None
        return (prog, got[0]) if got and prog else None

    # ---- set up, morning checks, catch up --------------------------------------------------------
    def start(self, programme_id: str, baseline: int | None) -> bool:
        prog = self._programme(programme_id)
        if prog is None:
            return False
        state = ProgrammeState.begin(prog, self.today(), baseline)
        try:
            self._store().save_programme(state_to_json(state, 0.0), [], self._wall())  # from today's sessions on
        except CoachError as err:
            self.error.emit(f"The programme can't be saved: {err}")
            return False
        self.changed.emit()
        return True

    def stop(self) -> None:
        try:
            self._store().clear_programme()
        except CoachError as err:
            self.error.emit(f"The programme can't be stopped: {err}")
        self.changed.emit()

    def morning_due(self) -> date | None:
        """Today's date if yesterday had a session and today's morning check hasn't been given yet."""
        today = self.today()
        try:
            sessions = self._store().list_sessions()
            checks = self._store().morning_checks()
        except CoachError:
            return None
        yesterday = today - timedelta(days=1)
        trained = any(local_day(r.started_at) == yesterday and r.status != "in_progress" for r in sessions)
        return today if trained and today not in checks else None

    def save_morning(self, pain: int | None, compared: str | None) -> bool:
        try:
            self._store().add_morning_check(MorningCheck(self.today(), pain, compared), self._wall())  # type: ignore[arg-type]
        except CoachError as err:
            self.error.emit(f"The morning check can't be saved: {err}")
            return False
        self.refresh()
        return True

    def _planned(self, r: SessionRecord, prog: Programme) -> dict[str, int]:
        routine = next((x for x in self._routines() if x.id == r.routine_id), None)
        out: dict[str, int] = {}
        for step in routine.steps if routine else ():
            if isinstance(step, StrengthStep):
                lad = prog.ladder(step.exercise)
                out[step.exercise] = out.get(step.exercise, 0) + (lad.sets if lad else step.sets) * len(step.sides)
        return out

    def refresh(self) -> None:
        """Judge the sessions whose next morning is known, save the state and the decisions, tell the views."""
        got = self._state()
        prog = self._programme(got[0].programme_id) if got else None
        if got is None or prog is None:
            return
        state, through = got
        try:
            records = [r for r in self._store().list_sessions() if r.status != "in_progress"]
            mornings = self._store().morning_checks()
            pending = [
                Pending(r.started_at, outcome_from_record(r, self._planned(r, prog)))
                for r in records
                if r.started_at > through and local_day(r.started_at) >= state.started
            ]
            new, new_through, made, phases = catch_up(
                prog, state, through, pending, mornings, self.today(), self._rules().checked()
            )
            if new != state or new_through != through:
                self._store().save_programme(state_to_json(new, new_through), made, self._wall())
        except CoachError as err:
            self.error.emit(f"The programme can't be brought up to date: {err}")
            return
        self.changed.emit()

    # ---- the Today screen ------------------------------------------------------------------------
    def plan(self) -> TodayPlan | None:
        act = self.active()
        if act is None:
            return None
        prog, state = act
        try:
            days = sorted({local_day(r.started_at) for r in self._store().list_sessions()})
            decisions = self._store().decisions()
        except CoachError as err:
            self.error.emit(f"The history can't be read: {err}")
            days, decisions = [], []
        return plan_today(prog, state, {r.id: r for r in self._routines()}, days, decisions, self.today())
