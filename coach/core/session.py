"""Session engine: plays a routine phase by phase from an injected monotonic clock (no Qt).

Drive it with ``tick()`` (~10 Hz) and events (``add_rep`` from camera or by hand, ``skip``, ...). Each
call returns the cues to announce. Only active time counts: clock time while paused is dropped. A
large clock jump replays every transition in order (each set recorded, each cue given); countdown
cues are given only for the phase still running, once per second value. ``on_set(SetRecord)`` is called
for each set or roll side as soon as it completes, from the call that returns its cues (tick, add_rep,
skip, end_early, finish), once the engine's state is consistent, so the store can commit it at once.
A set done again (after ``back``) or amended (a pelvic-drop flag that arrives just after its set ended)
is offered again with the same (step, kind, side, set number): the store replaces the earlier one.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import replace
from typing import Callable

from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord
from coach.core.routine import Routine
from coach.core.session_log import LATE_DROP_S, SetLog, with_late_drop
from coach.core.session_plan import Phase, Segment, build_plan, set_record
from coach.core.session_types import Cue, SessionError, SessionState, SetProgress, check_pain, make_state

__all__ = ["Cue", "LATE_DROP_S", "Phase", "SessionEngine", "SessionError", "SessionState"]

BACK_GRACE_S = 3.0  # back() within this many seconds of a step's start goes to the previous step
COUNTDOWN = (3, 2, 1)


class SessionEngine:
    def __init__(self, routine: Routine, *, clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], float] = time.time, on_set: Callable[[SetRecord], None] | None = None,
                 session_id: str | None = None):
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
        self._steps_done: set[int] = set()
        self._skipped_steps: set[int] = set()  # steps with a set or roll cut short by skip
        self._completed = False
        self._camera_used = False
        self._step_drops = {"left": 0, "right": 0}
        self._record = SessionRecord(id=session_id or uuid.uuid4().hex, routine_id=routine.id,
                                     routine_title=routine.title, started_at=0.0,
                                     steps_total=len(routine.steps))
        self._reset_phase(0.0)

    # ----------------------------------------------------------------- snapshots
    @property
    def record(self) -> SessionRecord:
        return replace(self._record, steps_done=len(self._steps_done), camera_used=self._camera_used,
                       sets=tuple(self._log.sets))

    @property
    def phase(self) -> Phase:
        if self._idx < 0:
            return Phase.IDLE
        return Phase.FINISHED if self._idx >= len(self._plan) else self._seg.phase

    @property
    def _seg(self) -> Segment:
        return self._plan[self._idx]

    def state(self) -> SessionState:
        self._sync()
        return make_state(self.routine, self._plan, self._idx, switched=self._switched, reps=self._set.reps,
                          partials=self._set.partials, elapsed=self._elapsed, paused=self._paused,
                          drops=self._step_drops)

    # ----------------------------------------------------------------- controls
    def start(self, pain_before: int | None = None) -> list[Cue]:
        pain = check_pain(pain_before, "Pain before")
        if self._idx >= 0:
            return self._drain()
        now = self._wall()
        self._record = replace(self._record, started_at=now, pain_before=pain)
        self._last = self._clock()
        self._emit("start", self.routine.title)
        self._enter(0, now)
        return self._drain()

    def tick(self) -> list[Cue]:
        self._sync()
        return self._drain()

    def pause(self) -> None:
        self._sync()
        if self.phase not in (Phase.IDLE, Phase.FINISHED):
            self._paused = True

    def resume(self) -> None:
        self._sync()
        self._paused = False

    def toggle_pause(self) -> None:
        self.resume() if self._paused else self.pause()

    @property
    def paused(self) -> bool:
        return self._paused

    def skip(self) -> list[Cue]:
        """End the current phase now; a set in progress is recorded (skipped=True) with what was achieved.
        In the first half of a two-sided roll, skip jumps to the other side."""
        self._sync()
        phase, now = self.phase, self._wall()
        if phase in (Phase.IDLE, Phase.FINISHED):
            return self._drain()
        if phase == Phase.ROLL and self._seg.sides_total == 2 and not self._switched:
            self._switch_side(now, skipped=True)
            self._elapsed = self._seg.duration_s / 2
            return self._drain()
        if phase in (Phase.WORK, Phase.HOLD, Phase.ROLL):
            self._record_set(now, skipped=True)
        self._advance(now)
        return self._drain()

    def back(self) -> list[Cue]:
        """Restart the current step, or go to the previous one if under 3 s into this one.
        A set in progress is dropped (sets already completed stay recorded)."""
        self._sync()
        if self.phase in (Phase.IDLE, Phase.FINISHED):
            return self._drain()
        step = self._seg.step_index
        if self._step_elapsed < BACK_GRACE_S and step > 0:
            step -= 1
        first = next(i for i, s in enumerate(self._plan) if s.step_index == step)
        self._skipped_steps = {i for i in self._skipped_steps if i < step}  # done again from here
        self._steps_done = {i for i in self._steps_done if i < step}
        self._idx = -1  # force a "step" cue on entering
        self._enter(first, self._wall())
        return self._drain()

    def end_early(self) -> list[Cue]:
        """Stop here; what was achieved in a set in progress is recorded. finish() then says "interrupted"."""
        self._sync()
        phase, now = self.phase, self._wall()
        if phase == Phase.FINISHED:
            return self._drain()
        if phase == Phase.IDLE:
            self._record = replace(self._record, started_at=now)
        if phase in (Phase.WORK, Phase.HOLD, Phase.ROLL) and (self._set.eventful or self._part_elapsed() >= 1.0):
            self._record_set(now, skipped=True)
        self._idx = len(self._plan)
        self._paused = False
        self._record = replace(self._record, ended_at=now, status="interrupted")
        self._emit("finished", "Session ended early")
        return self._drain()

    def finish(self, pain_after: int | None = None, notes: str = "") -> SessionRecord:
        """Close the session: "completed" if it reached the end with no set or roll skipped, else "interrupted"."""
        pain = check_pain(pain_after, "Pain after")
        if not isinstance(notes, str):
            raise SessionError("Notes must be text")
        if self.phase != Phase.FINISHED:
            self.end_early()
        self._drain()
        status = "completed" if self._completed and not self._skipped_steps else "interrupted"
        self._record = replace(self._record, pain_after=pain, notes=notes.strip(), status=status,
                               ended_at=self._record.ended_at or self._wall())
        return self.record

    # ----------------------------------------------------------------- events
    def add_rep(self, source: str = "manual", peak_drop_deg: float | None = None) -> list[Cue]:
        """Count a rep (WORK only; ignored otherwise or while paused). Reaching the target ends the set.
        ``peak_drop_deg``: the pelvic drop the camera measured in this rep (kept as the set's peak if largest)."""
        self._sync()
        if self.phase != Phase.WORK or self._paused:
            return self._drain()
        p = self._set
        p.reps += 1
        p.note_peak(peak_drop_deg)
        if source == "camera":
            p.camera_reps += 1
            self._camera_used = True
        self._emit("rep", str(p.reps), p.reps)
        target = self.routine.steps[self._seg.step_index].reps or 0
        if p.reps >= target:
            now = self._wall()
            self._record_set(now)
            self._advance(now)
        return self._drain()

    def remove_rep(self) -> None:
        self._sync()
        p = self._set
        if self.phase == Phase.WORK and p.reps > 0:
            p.reps -= 1
            p.camera_reps = min(p.camera_reps, p.reps)  # a correction undoes a camera rep first

    def add_partial(self, source: str = "manual") -> None:
        self._sync()
        if self.phase == Phase.WORK and not self._paused:
            self._set.partials += 1
            self._camera_used |= source == "camera"

    def add_pelvic_drop(self, event: PelvicDropEvent) -> list[Cue]:
        """Flag a pelvic drop in the set in progress (WORK or HOLD), or in the set that ended moments ago
        (see ``session_log.with_late_drop``). Its ``t_s`` is re-stamped as seconds since the set began."""
        self._sync()
        if event.side not in self._step_drops:
            return self._drain()
        if self.phase in (Phase.WORK, Phase.HOLD) and not self._paused:
            self._set.drops.append(replace(event, t_s=round(self._elapsed, 3)))
            self._set.note_peak(event.peak_deg)
            self._step_drops[event.side] += 1
        else:  # just after its set ended? then it belongs to that set (offered to on_set again)
            amended = with_late_drop(self._log.last(), event, self._wall())
            if amended is None:
                return self._drain()
            self._log.keep(amended)
            if self.phase != Phase.FINISHED and self._seg.step_index == amended.step_index:
                self._step_drops[event.side] += 1
        self._camera_used = True
        self._emit("pelvic_drop", "Keep your hips level", round(event.peak_deg))
        return self._drain()

    def mark_camera_used(self) -> None:
        """The player ran the camera during this session."""
        self._camera_used = True

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
        self._switched = False
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
            if seg.phase == Phase.ROLL and seg.sides_total == 2 and not self._switched \
                    and self._elapsed >= seg.duration_s / 2:
                self._switch_side(wall - (self._elapsed - seg.duration_s / 2))
                continue
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

    def _part_elapsed(self) -> float:
        """Active seconds in the current set, or on the current side of a roll."""
        seg = self._seg
        if seg.phase == Phase.ROLL and self._switched:
            return self._elapsed - seg.duration_s / seg.sides_total
        return self._elapsed

    def _countdown(self, remaining: float) -> None:
        crossed = [k for k in COUNTDOWN if remaining <= k < self._seg.duration_s and k not in self._counted]
        if crossed:
            self._counted.update(crossed)
            self._emit("countdown", str(min(crossed)), min(crossed))

    def _switch_side(self, at: float, skipped: bool = False) -> None:
        self._record_set(at, skipped=skipped, cue=False)
        self._switched = True
        self._set = SetProgress(at)
        self._emit("switch_side", "Switch to the right side")

    def _record_set(self, at: float, skipped: bool = False, cue: bool = True) -> None:
        seg = self._seg
        side = "right" if self._switched else seg.side
        rec = set_record(self.routine.steps[seg.step_index], seg, side=side, progress=self._set,
                         done_s=self._part_elapsed(), ended_at=at, skipped=skipped)
        self._log.keep(rec)
        if skipped:
            self._skipped_steps.add(seg.step_index)
        if cue and not skipped:
            self._emit("set_done", "Roll done" if rec.kind == "roll" else f"Set {rec.set_number} done")

    def _advance(self, at: float) -> bool:
        """Leave the current segment for the next one; True if that opened a new step."""
        seg = self._seg
        if seg.last_of_step and seg.step_index not in self._skipped_steps:
            self._steps_done.add(seg.step_index)
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
            return False
        self._step_elapsed = 0.0
        self._step_drops = {"left": 0, "right": 0}
        self._emit("step", self.routine.steps[seg.step_index].title, seg.step_index)
        return True
