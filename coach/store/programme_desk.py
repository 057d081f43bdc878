"""The programme's one door to the history (no Qt): set it up, take morning checks, catch it up with the sessions,
and say what today holds. The Today screen (``coach.ui.today.service``) and ``coach plan`` both use it.

"Today" comes from the injected wall clock (Unix seconds -> local date). Store problems raise ``StoreError`` (a
CoachError); a state this version can't read raises ``ValueError`` with a plain message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta

from coach.core.programme.model import Programme
from coach.core.programme.outcomes import Compared, MorningCheck, local_day, outcome_from_record
from coach.core.programme.progression import Decision, PhaseDecision, ProgrammeState
from coach.core.programme.rules import Rules
from coach.core.programme.schedule import PlannedSession, upcoming
from coach.core.programme.today import TodayPlan, plan_today
from coach.core.programme.tracker import Pending, catch_up, state_from_json, state_to_json
from coach.core.record import SessionRecord
from coach.core.routines.model import Routine, StrengthStep
from coach.store.db import HistoryStore


class ProgrammeDesk:
    def __init__(
        self,
        store: HistoryStore,
        routines: list[Routine],
        programmes: list[Programme],
        wall: Callable[[], float],
        rules: Rules | None = None,
    ):
        self.store, self.routines, self.programmes, self.wall = store, routines, programmes, wall
        self.rules = (rules or store.programme_rules()).checked()  # by default the ones chosen in Settings

    def today(self) -> date:
        return datetime.fromtimestamp(self.wall()).date()

    def programme(self, pid: str) -> Programme | None:
        return next((p for p in self.programmes if p.id == pid), None)

    def state(self) -> tuple[ProgrammeState, float] | None:
        text = self.store.programme_state()
        return None if text is None else state_from_json(text)

    def active(self) -> tuple[Programme, ProgrammeState] | None:
        got = self.state()
        prog = self.programme(got[0].programme_id) if got else None
        return (prog, got[0]) if got and prog else None

    def start(self, programme_id: str, baseline: int | None) -> bool:
        prog = self.programme(programme_id)
        if prog is None:
            return False
        state = ProgrammeState.begin(prog, self.today(), baseline)
        self.store.save_programme(state_to_json(state, 0.0), [], self.wall())  # counts from today's sessions on
        return True

    def set_baseline(self, baseline: int | None) -> bool:
        """Use ``baseline`` (usual pain, 0-10) from now on in the programme followed, which goes on where it is:
        its phase, week and doses stay, sessions already judged keep their decisions. False without a programme."""
        got = self.state()
        if got is None:
            return False
        state, through = got
        if state.baseline != baseline:
            self.store.save_programme(state_to_json(replace(state, baseline=baseline), through), [], self.wall())
        return True

    def morning_due(self) -> date | None:
        """Today's date if yesterday had a session or a run and today's morning check hasn't been given yet."""
        today = self.today()
        yesterday = today - timedelta(days=1)
        since = datetime.combine(yesterday - timedelta(days=1), datetime.min.time()).astimezone()
        trained = any(
            local_day(r.started_at) == yesterday and r.status != "in_progress" for r in self._recent(2)
        ) or any(local_day(r.started_at.timestamp()) == yesterday for r in self.store.runs(since=since))
        return today if trained and today not in self.store.morning_checks() else None

    def save_morning(self, pain: int | None, compared: Compared | None) -> tuple[list[Decision], list[PhaseDecision]]:
        self.store.add_morning_check(MorningCheck(self.today(), pain, compared), self.wall())
        return self.refresh()

    def _planned(self, r: SessionRecord, prog: Programme) -> dict[str, int]:
        routine = next((x for x in self.routines if x.id == r.routine_id), None)
        out: dict[str, int] = {}
        for step in routine.steps if routine else ():
            if isinstance(step, StrengthStep):
                lad = prog.ladder(step.exercise)
                out[step.exercise] = out.get(step.exercise, 0) + (lad.sets if lad else step.sets) * len(step.sides)
        return out

    def refresh(self) -> tuple[list[Decision], list[PhaseDecision]]:
        """Judge the sessions whose next morning is known; save the state and the decisions made."""
        got = self.state()
        prog = self.programme(got[0].programme_id) if got else None
        if got is None or prog is None:
            return [], []
        state, through = got
        since = max(through, datetime.combine(state.started - timedelta(days=1), datetime.min.time()).timestamp())
        records = [r for r in self.store.sessions_since(since) if r.status != "in_progress"]
        pending = [
            Pending(r.started_at, outcome_from_record(r, self._planned(r, prog)))
            for r in records
            if local_day(r.started_at) >= state.started
        ]
        new, new_through, made, phases = catch_up(
            prog, state, through, pending, self.store.morning_checks(), self.today(), self.rules
        )
        if new != state or new_through != through:
            self.store.save_programme(state_to_json(new, new_through), made, self.wall())
        return made, phases

    def trained_today(self) -> bool:
        today = self.today()
        return any(local_day(r.started_at) == today for r in self._recent(1))

    def _recent(self, days: int) -> list[SessionRecord]:
        """The sessions of the last ``days`` local days (and a day more: time zones), without the older history."""
        since = datetime.combine(self.today() - timedelta(days=days + 1), datetime.min.time()).timestamp()
        return self.store.sessions_since(since)

    def upcoming(self, weeks: int) -> tuple[Programme, list[PlannedSession]] | None:
        """The sessions planned on the chosen training days for ``weeks`` weeks from today (from tomorrow when
        today already had a session), at today's doses; None without a programme."""
        act = self.active()
        if act is None:
            return None
        prog, state = act
        first = self.today() + timedelta(days=1 if self.trained_today() else 0)
        routines = {r.id: r for r in self.routines}
        return prog, upcoming(prog, state, routines, self.store.programme_schedule(), first, weeks)

    def plan(self) -> TodayPlan | None:
        act = self.active()
        if act is None:
            return None
        prog, state = act
        days = sorted({local_day(t) for t in self.store.session_starts()})
        return plan_today(
            prog, state, {r.id: r for r in self.routines}, days, self.store.decisions(latest=True), self.today()
        )
