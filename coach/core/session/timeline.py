"""Session timeline: the engine's state and phase machinery, driven by an injected monotonic clock (no Qt).

``SessionTimeline`` holds what the engine knows (plan position, active seconds in the phase and step, the
set in progress, the set log, pending cues) and moves through the plan: ``_sync`` advances timed phases by
the active clock time since the last call (seconds; paused time dropped), replaying every transition of a
large jump in order; ``_record_set`` stamps a finished set with wall-clock ``ended_at`` (epoch s);
``_drain`` hands new sets to ``on_set`` and returns the pending cues. The public controls and events live
in ``coach.core.session.engine.SessionEngine``, which builds on this class.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import replace

from coach.core.record import SessionRecord, SetRecord, plan_order
from coach.core.routines.model import Routine
from coach.core.session.plan import Phase, Segment, build_plan, planned_keys, set_record
from coach.core.session.sets import SetKey, SetLog, SetProgress
from coach.core.session.state import Cue

COUNTDOWN = (3, 2, 1)  # seconds left in a timed phase that get a countdown cue


class SessionTimeline:
    """State and phase transitions of a session (see the module docstring); not used on its own."""

    def __init__(
        self,
        routine: Routine,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        on_set: Callable[[SetRecord], None] | None = None,
        session_id: str | None = None,
    ):
        self.routine = routine
        self._clock, self._wall, self._on_set = clock, wall, on_set
        self._plan = build_plan(routine)
        self._idx = -1  # -1: IDLE; len(plan): FINISHED
        self._paused = False
        self._last: float | None = None
        self._elapsed = 0.0  # active seconds in the current phase
        self._step_elapsed = 0.0
        self._cues: list[Cue] = []
        self._log = SetLog()
        self._planned = planned_keys(self._plan)
        self._passed: set[int] = set()  # steps played to their end (what counts for steps without sets)
        self._completed = False
        self._camera_used = False
        self._step_drops = {"left": 0, "right": 0}
        self._record = SessionRecord(
            id=session_id or uuid.uuid4().hex,
            routine_id=routine.id,
            routine_title=routine.title,
            started_at=0.0,
            steps_total=len(routine.steps),
        )
        self._reset_phase(0.0)

    # ----------------------------------------------------------------- snapshots
    @property
    def record(self) -> SessionRecord:
        done = self._log.done_keys()
        return replace(
            self._record,
            steps_done=self._steps_done(done),
            camera_used=self._camera_used,
            sets=tuple(sorted(self._log.sets, key=plan_order)),
            sets_planned=len(self._planned),
        )

    def _steps_done(self, done: set[SetKey]) -> int:
        """Steps with every set and roll side finished; steps without sets count once played to their end."""
        count = 0
        for i in range(len(self.routine.steps)):
            keys = [k for k in self._planned if k[0] == i]
            count += all(k in done for k in keys) if keys else i in self._passed
        return count

    @property
    def phase(self) -> Phase:
        if self._idx < 0:
            return Phase.IDLE
        return Phase.FINISHED if self._idx >= len(self._plan) else self._seg.phase

    @property
    def _seg(self) -> Segment:
        return self._plan[self._idx]

    # ----------------------------------------------------------------- internals
    def _emit(self, kind: str, text: str, value: int | None = None) -> None:
        self._cues.append(Cue(kind, text, value))

    def _drain(self) -> list[Cue]:
        """Hand new sets to ``on_set`` (state is consistent by now, so a failing callback can't derail
        the engine; a set whose callback raised is not offered again), then return the pending cues."""
        while self._log.unsent:
            rec = self._log.unsent.pop(0)
            if self._on_set is not None:
                self._on_set(rec)
        out, self._cues = self._cues, []
        return out

    def _reset_phase(self, wall_at: float) -> None:
        self._elapsed = 0.0
        self._set = SetProgress(wall_at)
        self._counted: set[int] = set()

    def _sync(self) -> None:
        """Advance timed phases by the active clock time since the last sync, transition by transition."""
        now = self._clock()
        dt = 0.0 if self._last is None else max(0.0, now - self._last)
        self._last = now
        if self._paused or self.phase in (Phase.IDLE, Phase.FINISHED) or dt == 0.0:
            return
        self._elapsed += dt
        self._step_elapsed += dt
        wall = self._wall()
        while self.phase not in (Phase.IDLE, Phase.FINISHED, Phase.WORK):
            seg = self._seg
            assert seg.duration_s is not None  # every phase but WORK (and IDLE, FINISHED) is timed
            over = self._elapsed - seg.duration_s
            if over < 0:
                self._countdown(-over)
                return
            at = wall - over
            if seg.phase in (Phase.HOLD, Phase.ROLL):
                self._record_set(at)
            if self._advance(at):
                self._step_elapsed = over
            self._elapsed = over

    def _countdown(self, remaining: float) -> None:
        duration = self._seg.duration_s
        assert duration is not None  # called from _sync for timed phases only
        crossed = [k for k in COUNTDOWN if remaining <= k < duration and k not in self._counted]
        if crossed:
            self._counted.update(crossed)
            self._emit("countdown", str(min(crossed)), min(crossed))

    def _record_set(self, at: float, skipped: bool = False) -> None:
        seg = self._seg
        rec = set_record(
            self.routine.steps[seg.step_index],
            seg,
            side=seg.side,
            progress=self._set,
            done_s=self._elapsed,
            ended_at=at,
            skipped=skipped,
        )
        self._log.keep(rec)
        more_sides = rec.kind == "roll" and seg.side_index < seg.sides_total - 1  # the switch cue says it
        if not skipped and not more_sides:
            self._emit("set_done", "Roll done" if rec.kind == "roll" else f"Set {rec.set_number} done")

    def _advance(self, at: float) -> bool:
        """Leave the current segment for the next one; True if that opened a new step."""
        if self._seg.last_of_step:
            self._passed.add(self._seg.step_index)
        return self._enter(self._idx + 1, at)

    def _enter(self, idx: int, at: float) -> bool:
        """Start plan segment ``idx`` (a "step" cue when it opens a new step; past the end: finished)."""
        prev = self._plan[self._idx].step_index if 0 <= self._idx < len(self._plan) else None
        if idx >= len(self._plan):
            self._idx = len(self._plan)
            self._completed = True
            self._record = replace(self._record, ended_at=at, status="completed")
            self._emit("finished", "Session complete")
            return False
        self._idx = idx
        self._reset_phase(at)
        seg = self._plan[idx]
        if seg.step_index == prev:
            self._announce_changeover(seg)
            return False
        self._step_elapsed = 0.0
        self._step_drops = {"left": 0, "right": 0}
        self._emit("step", self.routine.steps[seg.step_index].title, seg.step_index)
        return True

    def _announce_changeover(self, seg: Segment) -> None:
        """A get-ready within a step: the other side, or the next hold set."""
        if seg.phase != Phase.READY:
            return
        if seg.side_index > 0 and seg.set_number <= 1:
            self._emit("switch_side", f"Switch to the {seg.side} side")
        elif seg.set_number > 1:
            self._emit("ready", f"Get ready: set {seg.set_number} of {seg.sets_total}", seg.set_number)
