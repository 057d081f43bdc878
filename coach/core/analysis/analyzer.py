"""MovementAnalyzer: one object per set; feed it every pose frame, read counts, flags and guidance.

Input per frame: a (33, 4) landmark array (normalised x, y, z, visibility; see
``coach.core.landmarks``) or None, and a time in seconds from a monotonic clock. ``aspect`` =
image width / height, used to put x and y in the same unit before measuring angles.

Counting starts with the first frame: until the rest position (standing tall, or lying for floor
drills) has been seen, the movement signal is kept, and once the rest level is known those frames
are replayed through the rep counter, so a set that starts mid-rep still counts its first rep.
Per-rep bookkeeping (stance side, single-leg check) lives in ``rep_rules``.
The per-set state and the steps that are not counting (camera motion, hidden feet, pelvis, lost person)
are in ``coach.core.analysis.tracking`` (``BodyTracker``, the base class).
"""

from __future__ import annotations

import numpy as np

from coach.core.analysis.camera_motion import turned
from coach.core.analysis.geometry import Frame, is_empty
from coach.core.analysis.level import LEVEL_S
from coach.core.analysis.rep_rules import SINGLE_LEG_ONLY, Evidence, per_axis_frame
from coach.core.analysis.reps import RepResult
from coach.core.analysis.results import AnalysisSummary, AnalysisUpdate, RepEvent
from coach.core.analysis.summary import build_summary
from coach.core.analysis.tracking import AnalysisError, BodyTracker

from . import framing as fr
from . import signals as sg

__all__ = ["AnalysisError", "MovementAnalyzer"]

LEVEL_FEET = 0.12  # body units: ankles this level while standing tall = both feet down
LOST_RESET_S = 3.0  # nobody in view this long: the start position must be found again
END_BACK = 0.35  # a rep open at the end of the set: back below 35 % of its peak ...
END_SPEED = 0.5  # ... and settling (falling slower than half its peak per second) counts
REPLAY_S = 20.0  # frames kept before the rest position is known, replayed once it is
NORMALISED_ASPECT = 0.35  # width / height of a standing body (lying: the inverse), for per-axis-normalised files


class MovementAnalyzer(BodyTracker):
    """One set's analysis: ``update`` per pose frame, ``summary`` at the end; the constructor is
    ``BodyTracker.__init__`` (exercise, side, aspect, config)."""

    # ---- per frame -------------------------------------------------------------------------
    def update(
        self, landmarks: np.ndarray | None, t_s: float, camera_step: tuple[float, float] | None = None
    ) -> AnalysisUpdate:
        """``camera_step``: the background's (turn in degrees, scale) since the previous frame, when the
        caller tracks it (see ``camera_motion``); None = judge camera motion from the body alone."""
        t = float(t_s)
        dt = 0.0 if self.last_t is None else min(max(t - self.last_t, 0.0), 0.5)
        self.last_t = t
        self.frames += 1
        if is_empty(landmarks):
            if self.last_pose_t is not None and t - self.last_pose_t > LOST_RESET_S:
                self._lost()
            return self._idle(t, fr.NO_PERSON)
        assert landmarks is not None  # is_empty(None) is True
        self.frames_with_pose += 1
        self.last_pose_t = t
        normalised = per_axis_frame(landmarks)
        if normalised:
            # x, y each rescaled to 0..1 per frame: x is put back near body proportions (see
            # NORMALISED_ASPECT); every signal is a within-frame ratio, so the y scale cancels
            self.normalised_frames += 1
            self.aspect = NORMALISED_ASPECT if self.spec.posture == "standing" else 1.0 / NORMALISED_ASPECT
            if self.spec.posture == "standing" and landmarks[0, 1] > max(landmarks[27, 1], landmarks[28, 1]):
                landmarks = landmarks.copy()  # y pointing up (head below the feet): flip it to image y
                landmarks[:, 1] = 1.0 - landmarks[:, 1]
        lm = self.swap.apply(landmarks, t)
        if not normalised and self._camera(lm, t, camera_step):
            return self._idle(t, fr.CAMERA_MOVED)
        if self.roll:
            lm = turned(lm, -self.roll, self.aspect)  # as the picture was before the camera turned
        f = Frame(lm, self.aspect)
        view = self.view.update(f, t)
        sp = self.spec
        guidance, blocking = fr.framing(f, sp, view, self.aspect)
        if normalised and guidance in (fr.TOO_CLOSE, fr.TOO_FAR):
            guidance = None  # the body fills a normalised frame by construction
        assumed = False
        if blocking:
            assumed = self._assume_feet(f, view, t)
            blocking = not assumed
        elif sp.signal in ("hip_drop", "hinge"):
            self.legs = (t, f.y[27], f.y[28])
        # single-leg drills: the stance shin (a free leg swung toward the camera looks longer)
        single = self.stance.single if sp.key in SINGLE_LEG_ONLY else False
        unit = f.scale_side(self.stance.stance if single else None)
        if not (blocking or unit < 1e-4):
            # body size changes only with distance: median of 3 frames, then a short EMA
            if self.unit.value is not None and abs(unit / self.unit.value - 1.0) > 0.15:
                self.units.clear()  # a jump (a new detection): start over instead of lagging
                self.unit.reset()
            self.units.append(unit)
            unit = self.unit.update(sorted(self.units)[len(self.units) // 2], t)
        if blocking or unit < 1e-4:
            return self._idle(t, guidance or fr.NO_PERSON, view)
        # facing or away from the camera a roll tilts feet and body alike (normalised files lost the angles)
        self.stance.along_axis = view == "front" and not normalised
        offset = self.stance.offset(f, unit)
        unilateral_hip = sp.unilateral and sp.signal == "hip_drop"
        at_rest = sg.lying(f) if sp.posture == "lying" else sg.standing(f, both=not unilateral_hip)
        counting = self.counter is not None and self.counter.down
        if sp.stance_rule:
            if at_rest and not counting and not self.moving and abs(offset - (self.offset0 or 0.0)) < LEVEL_FEET:
                self.stance.single = False  # standing tall on level feet: both feet are down again
            # level feet: both knees straight, for a while (``level.FeetLevel``; a normalised file has
            # lost the body's angles and proportions, so its first level-looking frame is taken)
            both_down = at_rest and (bool(normalised) or not unilateral_hip or sg.standing(f))
            first = self.offset0 is None and not normalised  # one leg from the first frame is not known yet
            near = abs(offset) < 2 * LEVEL_FEET and (
                first or bool(normalised) or abs(offset - (self.offset0 or 0.0)) < LEVEL_FEET
            )
            level = both_down and (first or not self.stance.single) and not counting and near
            self.offset0 = self.feet.update(offset, t, level, 0.0 if normalised else LEVEL_S)
            if self.offset0 is not None:
                self.stance.calibrate(self.offset0)
            self.stance.update(f, unit, t, hold=counting or self.moving)
        if not normalised and (sp.stance_rule or self.pelvic is not None):
            self._level(lm, f, unit, t, view != "side" and at_rest and not counting and not self.moving)
        single = self.stance.single if sp.stance_rule else False
        stance = self.stance.stance if single else None
        if single:
            self.stance_frames += 1
        if view == "side":
            self.side_frames += 1
        new_reps: list[RepEvent] = []
        new_partials: list[RepEvent] = []
        holding = None
        if self.counter is not None:
            raw = self._raw(f, unit, stance)
            assert raw is not None  # every counted signal has a raw value (the plank and balance are holds)
            ev = self.book.evidence(
                f,
                unit,
                self.stance,
                single,
                view,
                Frame(landmarks, self.aspect) if sp.key == "split_squat" else None,
                assumed,
            )
            known = self.rest.value is not None
            self.rest.feed(raw, t, at_rest, not counting)
            if self.rest.value is None:
                self.waiting.append((t, raw, ev))
                while self.waiting and t - self.waiting[0][0] > REPLAY_S:
                    self.waiting.popleft()
                if guidance is None:
                    guidance = fr.GET_READY
            else:
                if not known:  # the rest level is known now: count what came before it
                    self.book.replaying = True
                    for tw, rw, ew in self.waiting:
                        self._count(self.rest.d(rw), tw, ew, new_reps, new_partials)
                    self.book.replaying = False
                    self.waiting.clear()
                d = self.rest.d(raw)
                self.moving = d is not None and d > sp.exit
                self._count(d, t, ev, new_reps, new_partials)
        else:
            holding = self.holds.update(f, self.stance.single, t, dt)
            if sp.signal == "plank" and sg.lying(f) and sg.plank_sag(f) > 12.0 and guidance is None:
                guidance = fr.PLANK_SAG
        new_drops = self._pelvis(f, view, stance, t)
        tilt = flag = None
        calibrating = False
        if self.pelvic is not None:
            tilt, flag = self.pelvic.level, self.pelvic.flag()
            calibrating = view != "side" and not self.pelvic.calibrated and not single
        return AnalysisUpdate(
            t,
            len(self.reps),
            self.book.by_side(),
            tuple(new_reps),
            tuple(new_partials),
            tuple(new_drops),
            view,
            guidance,
            None if tilt is None else round(tilt, 2),
            flag,
            calibrating,
            holding,
        )

    def _count(
        self, d: float | None, t: float, ev: Evidence, new_reps: list[RepEvent], new_partials: list[RepEvent]
    ) -> None:
        if d is not None:
            self.recent_d.append((t, d))
            while t - self.recent_d[0][0] > 0.2:
                self.recent_d.popleft()
        counter = self.counter
        assert counter is not None  # only called for counted (not hold) drills
        was_down = counter.down
        res = counter.update(d, t)
        self.book.track(d, ev, was_down, counter.down, t)
        if res is not None:
            ev_rep = self.book.finish(res, self.pelvic)
            if ev_rep is not None:
                (new_reps if ev_rep.full else new_partials).append(ev_rep)

    def _raw(self, f: Frame, unit: float, stance: str | None) -> float | None:
        s = self.spec.signal
        if s == "hip_drop":
            if not self.spec.unilateral:
                pick = None
            elif self.spec.key in SINGLE_LEG_ONLY:  # the stance ankle (a free foot may reach lower)
                pick = stance or self.spec.stance_rule
            else:  # lunges, split squats: both feet down, the floor is the lower ankle
                pick = self.spec.stance_rule
            return sg.hip_height(f, pick, unit)
        if s == "hinge":
            return sg.torso_height(f, unit)
        if s == "abduction":
            return sg.legs_angle(f)
        if s == "bridge":
            return sg.bridge_angle(f)
        if s == "band_steps":
            return sg.ankle_separation(f, unit)
        return None

    # ---- end of set ------------------------------------------------------------------------
    def close_open_rep(self) -> RepEvent | None:
        """End of the set: a rep still under way that reached full depth, has come most of the
        way back (the signal below ``END_BACK`` of its peak) and is settling (falling slower than
        ``END_SPEED`` peaks per second over the last 0.2 s) is counted; a lift still being lowered
        when the set ends is not. Called by ``summary``; a no-op the second time."""
        c = self.counter
        if c is None or not c.down or not self.recent_d:
            return None
        c.down = False
        (t0, d0), (t1, d1) = self.recent_d[0], self.recent_d[-1]
        speed = (d0 - d1) / max(t1 - t0, 1e-6)
        if c.peak < self.spec.full or d1 > END_BACK * c.peak or speed > END_SPEED * c.peak or c.last_seen is None:
            return None
        res = RepResult(c.t_start, c.last_seen, c.peak, c.last_seen - c.t_start >= c.min_rep_s)
        return self.book.finish(res, self.pelvic)

    def summary(self) -> AnalysisSummary:
        self.close_open_rep()
        if self.pelvic is not None:
            self.drops.extend(self.pelvic.flush())
        return build_summary(self)
