"""Session engine: plays a routine phase by phase from an injected monotonic clock (no Qt).

Drive it with ``tick()`` (~10 Hz) and events (``add_rep`` from camera or by hand, ``skip``, ...). Each
call returns the cues to announce. Only active time counts: clock time while paused is dropped. A
large clock jump replays every transition in order (each set recorded, each cue given); countdown
cues are given only for the phase still running, once per second value. ``on_set(SetRecord)`` is called
for each set or roll side as soon as it completes, from the call that returns its cues (tick, add_rep,
skip, end_early, finish), once the engine's state is consistent, so the store can commit it at once.
A set done again (after ``back``) or amended (a pelvic-drop flag that arrives just after its set ended)
is offered again with the same (step, kind, side, set number): the store replaces the earlier one.

This module holds the public controls and events; the state, clock sync and phase transitions are in
``coach.core.session.timeline``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord
from coach.core.routines.model import StrengthStep
from coach.core.session.plan import Phase
from coach.core.session.sets import with_late_drop
from coach.core.session.state import Cue, SessionError, SessionState, check_pain, make_state
from coach.core.session.timeline import COUNTDOWN, SessionTimeline

__all__ = ["AMEND_S", "BACK_GRACE_S", "COUNTDOWN", "SessionEngine"]

BACK_GRACE_S = 3.0  # back() within this many seconds of a step's start goes to the previous step
AMEND_S = 20.0  # + / − still correct a finished rep set this long after it ended (wall s), or during its rest


class SessionEngine(SessionTimeline):
    """Controls (start, pause, skip, back, end, finish) and events (reps, partials, pelvic drops) on top of
    ``SessionTimeline``; the constructor is ``SessionTimeline.__init__``."""

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
