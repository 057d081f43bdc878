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
from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord, plan_order
from coach.core.routines.model import Routine, StrengthStep
from coach.core.session.plan import Phase, Segment, build_plan, planned_keys, set_record
from coach.core.session.sets import SetKey, SetLog, SetProgress, with_late_drop
from coach.core.session.state import Cue, SessionError, SessionState, check_pain, make_state

BACK_GRACE_S = 3.0  # back() within this many seconds of a step's start goes to the previous step
AMEND_S = 20.0  # + / − still correct a finished rep set this long after it ended (wall s), or during its rest
COUNTDOWN = (3, 2, 1)


class SessionEngine:
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

    def state(self) -> SessionState:
        self._sync()
        return make_state(
            self.routine,
            self._plan,
            self._idx,
            reps=self._set.reps,
            partials=self._set.partials,
            elapsed=self._elapsed,
            paused=self._paused,
            drops=self._step_drops,
            last_set=self._last_of_step(),
            amend_reps=getattr(self._amendable(), "achieved_reps", None),
        )

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
        """End the current phase now; a set in progress is recorded (skipped=True) with what was achieved
        (a set finished earlier and passed over again keeps its result)."""
        self._sync()
        phase, now = self.phase, self._wall()
        if phase in (Phase.IDLE, Phase.FINISHED):
            return self._drain()
        if phase in (Phase.WORK, Phase.HOLD, Phase.ROLL):
            self._record_set(now, skipped=True)
        self._advance(now)
        return self._drain()

    def back(self) -> list[Cue]:
        """Restart the current step, or go to the previous one if under 3 s into this one.
        A set in progress is dropped; sets already finished stay recorded until they are done again."""
        self._sync()
        if self.phase in (Phase.IDLE, Phase.FINISHED):
            return self._drain()
        step = self._seg.step_index
        if self._step_elapsed < BACK_GRACE_S and step > 0:
            step -= 1
        first = next(i for i, s in enumerate(self._plan) if s.step_index == step)
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
        if phase in (Phase.WORK, Phase.HOLD, Phase.ROLL) and (self._set.eventful or self._elapsed >= 1.0):
            self._record_set(now, skipped=True)
        self._idx = len(self._plan)
        self._paused = False
        self._record = replace(self._record, ended_at=now, status="interrupted")
        self._emit("finished", "Session ended early")
        return self._drain()

    def finish(self, pain_after: int | None = None, notes: str = "") -> SessionRecord:
        """Close the session: "completed" if it reached the end with every set and roll side finished (a set
        skipped once and done again counts as finished), else "interrupted"."""
        pain = check_pain(pain_after, "Pain after")
        if not isinstance(notes, str):
            raise SessionError("Notes must be text")
        if self.phase != Phase.FINISHED:
            self.end_early()
        self._drain()
        status: Literal["completed", "interrupted"] = (
            "completed" if self._completed and set(self._planned) <= self._log.done_keys() else "interrupted"
        )
        self._record = replace(
            self._record,
            pain_after=pain,
            notes=notes.strip(),
            status=status,
            ended_at=self._record.ended_at or self._wall(),
        )
        return self.record

    # ----------------------------------------------------------------- events
    def add_rep(self, source: str = "manual", peak_drop_deg: float | None = None) -> list[Cue]:
        """Count a rep. Reaching the target ends the set. During the get-ready countdown of a rep set the set
        starts at once (a rep is never lost to the countdown). By hand, during the rest after a rep set (or
        up to AMEND_S after it), it corrects that set. Ignored otherwise or while paused.
        ``peak_drop_deg``: the pelvic drop the camera measured in this rep (kept as the set's peak if largest)."""
        self._sync()
        if self._paused:
            return self._drain()
        if self.phase == Phase.READY and self._next_is_work():
            self._advance(self._wall())
        if self.phase != Phase.WORK:
            if source == "manual":
                self._correct(+1)
            return self._drain()
        p = self._set
        p.reps += 1
        p.note_peak(peak_drop_deg)
        if source == "camera":
            p.camera_reps += 1
            self._camera_used = True
        self._emit("rep", str(p.reps), p.reps)
        step = self.routine.steps[self._seg.step_index]
        assert isinstance(step, StrengthStep)  # WORK is only ever a strength step's rep set
        target = step.reps or 0
        if p.reps >= target:
            now = self._wall()
            self._record_set(now)
            self._advance(now)
        return self._drain()

    def remove_rep(self) -> None:
        """Take a rep back: in the set in progress (a camera rep first), else from the rep set just finished."""
        self._sync()
        p = self._set
        if self.phase == Phase.WORK and p.reps > 0:
            p.reps -= 1
            p.camera_reps = min(p.camera_reps, p.reps)  # a correction undoes a camera rep first
        elif self.phase != Phase.WORK:
            self._correct(-1)
        self._drain()

    def complete_set(self) -> list[Cue]:
        """ "Done": the rep set in progress was done in full. Records the target reps (keeping any extra
        counted); + and − can correct it afterwards. Only in WORK, not while paused."""
        self._sync()
        if self.phase != Phase.WORK or self._paused:
            return self._drain()
        step = self.routine.steps[self._seg.step_index]
        assert isinstance(step, StrengthStep)  # WORK is only ever a strength step's rep set
        target = step.reps or 0
        self._set.reps = max(self._set.reps, target)
        now = self._wall()
        self._record_set(now)
        self._advance(now)
        return self._drain()

    def _correct(self, delta: int) -> None:
        rec = self._amendable()
        if rec is not None and rec.achieved_reps + delta >= 0:
            self._log.amend(
                replace(
                    rec,
                    achieved_reps=rec.achieved_reps + delta,
                    source="manual" if rec.source != "camera" else rec.source,
                )
            )

    def _amendable(self) -> SetRecord | None:
        """The rep set + / − would correct now: the last set recorded, if it is a finished rep set and we are in
        the rest right after it, or (outside a rep set or get-ready) within AMEND_S of its end."""
        last = self._log.last()
        if (
            last is None
            or last.kind != "strength"
            or last.target_reps is None
            or last.skipped
            or self.phase in (Phase.IDLE, Phase.WORK)
        ):
            return None
        if self.phase != Phase.FINISHED and self._seg.phase == Phase.REST and self._seg.step_index == last.step_index:
            return last
        if self.phase == Phase.READY:
            return None
        return last if self._wall() - last.ended_at <= AMEND_S else None

    def _last_of_step(self) -> SetRecord | None:
        """During a rest between sets: the set recorded last (what the rest shows as just done)."""
        last = self._log.last()
        if last is None or self.phase != Phase.REST or last.step_index != self._seg.step_index:
            return None
        return last

    def _next_is_work(self) -> bool:
        nxt = self._idx + 1
        return (
            nxt < len(self._plan)
            and self._plan[nxt].phase == Phase.WORK
            and self._plan[nxt].step_index == self._seg.step_index
        )

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
            self._log.amend(amended)
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
