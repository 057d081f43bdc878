"""Seeded histories for the physio's report: sessions on Monday, Wednesday and Friday with step-downs per side
(pelvic-drop peaks and flags when the camera is on), side-plank holds and a TFL roll, pain before and after,
next-morning checks, a note now and then, and the bundled programme with its dose decisions."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from coach import paths
from coach.core.programme.loader import load_programmes
from coach.core.programme.model import Programme
from coach.core.programme.outcomes import MorningCheck
from coach.core.programme.progression import Decision, ProgrammeState
from coach.core.programme.tracker import state_to_json
from coach.core.record import PelvicDropEvent, SessionRecord, SetRecord
from coach.store import HistoryStore


def bundled_programme() -> Programme:
    progs, errors = load_programmes(paths.programme_folders())
    assert not errors, errors
    return next(p for p in progs if p.id == "itband-return")


def at(day: date, hour: int = 18) -> float:
    return datetime(day.year, day.month, day.day, hour, 5).timestamp()


def session(day: date, n: int, *, camera: bool, drop_left: float, drop_right: float, note: str = "") -> SessionRecord:
    """One session on ``day``: 2 sets of step-downs per side, 2 side-plank holds per side, a roll."""
    t0 = at(day)
    sets: list[SetRecord] = []
    for i, (side, peak) in enumerate((("left", drop_left), ("right", drop_right))):
        for k in (1, 2):
            flagged = camera and peak > 5.0 and k == 2
            sets.append(
                SetRecord(
                    1,
                    "strength",
                    "step_down",
                    side,  # type: ignore[arg-type]
                    k,
                    target_reps=10,
                    achieved_reps=10 if k == 1 else 9,
                    started_at=t0 + 60 * (i * 2 + k),
                    ended_at=t0 + 60 * (i * 2 + k) + 40,
                    source="camera" if camera else "manual",
                    peak_drop_deg=peak if camera else None,
                    pelvic_drops=(PelvicDropEvent(side, peak, 12.0),) if flagged else (),  # type: ignore[arg-type]
                )
            )
    for side in ("left", "right"):
        for k in (1, 2):
            sets.append(
                SetRecord(
                    2,
                    "strength",
                    "side_plank",
                    side,
                    k,
                    target_hold_s=20,
                    achieved_hold_s=20.0 - k,  # type: ignore[arg-type]
                    started_at=t0 + 400,
                    ended_at=t0 + 420,
                    source="timer",
                )
            )
    sets.append(
        SetRecord(
            0,
            "roll",
            "tfl",
            "left",
            1,
            target_hold_s=60,
            achieved_hold_s=60,
            started_at=t0 + 10,
            ended_at=t0 + 70,
            source="timer",
        )
    )
    return SessionRecord(
        f"s{n:04d}",
        "build-glute-med",
        "Build the glute med",
        t0,
        t0 + 1500,
        pain_before=3 if n % 4 else 4,
        pain_after=2 + n % 3,
        notes=note,
        status="completed",
        steps_total=3,
        steps_done=3,
        camera_used=camera,
        sets_planned=len(sets),
        sets=tuple(sets),
    )


def seed(
    store: HistoryStore, first_day: date, days: int, *, camera: bool = True, programme: bool = True, seed_no: int = 1
) -> list[SessionRecord]:
    """Sessions on Mon/Wed/Fri of ``days`` days from ``first_day`` (a few skipped), mornings after each."""
    first = first_day
    rnd = random.Random(seed_no)
    out: list[SessionRecord] = []
    for i in range(days):
        day = first + timedelta(days=i)
        if day.weekday() not in (0, 2, 4) or (i // 2) % 5 == 4:
            continue
        n = len(out) + 1
        left = round(max(0.5, 7.5 - 0.35 * (i / 7) + rnd.uniform(-0.6, 0.6)), 1)
        right = round(max(0.5, 3.0 + rnd.uniform(-0.6, 0.6)), 1)
        note = "Knee niggly on the stairs after work." if n % 7 == 3 else ""
        r = session(day, n, camera=camera, drop_left=left, drop_right=right, note=note)
        store.begin_session(r)
        store.finish_session(r)
        store.add_morning_check(MorningCheck(day + timedelta(days=1), 1 + n % 2, "same"), at(day, 8))
        out.append(r)
    if programme and out:
        prog = bundled_programme()
        state = ProgrammeState.begin(prog, first, 1)
        doses = dict(state.doses)
        decisions = []
        for r in out[::4]:
            d = datetime.fromtimestamp(r.started_at).date() + timedelta(days=1)
            was = doses["step_down"]
            new = type(was)(was.exercise, was.variation, min(15, was.amount + 1), was.sets)
            doses["step_down"] = new
            decisions.append(
                Decision(
                    "step_down",
                    "progress",
                    new,
                    was,
                    f"Pain stayed at 2/10: {new.amount} reps next time (was {was.amount})",
                    d,
                )
            )
        decisions.append(
            Decision(
                "side_plank",
                "hold",
                doses["side_plank"],
                doses["side_plank"],
                "The next morning was not checked, so the dose holds.",
                d,
            )
        )
        state = ProgrammeState(prog.id, first, 1, first + timedelta(days=14), doses, 1, sessions_in_phase=len(out))
        store.save_programme(state_to_json(state, out[-1].started_at), decisions, out[-1].started_at)
    return out
