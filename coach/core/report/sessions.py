"""The report's per-session tables (pure): one line per exercise and side, with the sets done of planned, the
reps or hold seconds of each set, where the numbers came from (camera, manual, timer) and the pelvic-drop
result, "not measured" kept apart from "no drop". Times are local."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coach.core.exercises import EXERCISES
from coach.core.programme.outcomes import MorningCheck
from coach.core.record import SessionRecord, SetRecord
from coach.core.report.programme import exercise_name
from coach.core.routines.targets import ROLL_TARGETS


@dataclass(frozen=True)
class SetLine:
    exercise: str  # "Step-down (left leg)"
    sets: str  # "3/3" (done of recorded; "2/3, 1 skipped")
    per_set: str  # "10, 10, 8 reps (target 10)" or "30, 30 s (target 30 s)"
    source: str  # "camera", "manual", "timer" (joined when mixed)
    flags: str  # "peak 4.2°, 1 drop flagged", "no drop beyond 5°", "not measured", or "" (not judged)


@dataclass(frozen=True)
class SessionTable:
    when: str  # "Mon 2 Nov 2026, 18:05"
    routine: str
    sets: str  # "14 of 16 planned sets"
    pain: str  # "before 3, after 2, next morning 2" (0-10)
    status: str
    lines: tuple[SetLine, ...]
    notes: str


def _label(s: SetRecord) -> str:
    name = f"Roll: {ROLL_TARGETS.get(s.exercise, s.exercise)}" if s.kind == "roll" else exercise_name(s.exercise)
    return name if s.side is None else f"{name} ({s.side} {'side' if s.kind == 'roll' else 'leg'})"


def _per_set(sets: list[SetRecord]) -> str:
    if all(s.target_reps is None for s in sets):
        target = next((s.target_hold_s for s in sets if s.target_hold_s is not None), None)
        vals = ", ".join(f"{s.achieved_hold_s:.0f}" for s in sets)
        return f"{vals} s" + ("" if target is None else f" (target {target:.0f} s)")
    info = EXERCISES.get(sets[0].exercise)
    unit = "steps" if info is not None and info.mode == "steps" else "reps"
    target = next((s.target_reps for s in sets if s.target_reps is not None), None)
    vals = ", ".join(str(s.achieved_reps) for s in sets)
    return f"{vals} {unit}" + ("" if target is None else f" (target {target})")


def _flags(sets: list[SetRecord], camera: bool) -> str:
    info = EXERCISES.get(sets[0].exercise)
    if sets[0].kind == "roll" or info is None or not info.pelvic_drop:
        return ""
    peaks = [s.peak_drop_deg for s in sets if s.peak_drop_deg is not None]
    events = [e for s in sets for e in s.pelvic_drops]
    peaks += [e.peak_deg for e in events]
    if not peaks:
        return "not measured" + ("" if camera else " (camera off)")
    head = f"peak {max(peaks):.1f}°"
    if not events:
        return f"{head}, no drop flagged"
    return f"{head}, {len(events)} drop{'s' if len(events) != 1 else ''} flagged"


def _score(v: int | None) -> str:
    return "—" if v is None else str(v)


def _morning(m: MorningCheck | None) -> str:
    """The next morning's check: "2", "2, same as usual", "better than usual" or "—" (not given)."""
    if m is None:
        return "—"
    words = {"same": "same as usual", "better": "better than usual", "worse": "worse than usual"}
    parts = [str(m.pain) if m.pain is not None else "", words.get(m.compared or "", "")]
    return ", ".join(p for p in parts if p) or "—"


def session_table(r: SessionRecord, morning: MorningCheck | None) -> SessionTable:
    """The session's table; ``morning``: the check of the morning after it (None: none given)."""
    groups: dict[tuple[int, str, str | None], list[SetRecord]] = {}
    for s in r.sets:
        groups.setdefault((s.step_index, s.exercise, s.side), []).append(s)
    lines = []
    for sets in groups.values():
        done = [s for s in sets if not s.skipped]
        skipped = len(sets) - len(done)
        shown = done or sets
        lines.append(
            SetLine(
                _label(sets[0]),
                f"{len(done)}/{len(sets)}" + (f", {skipped} skipped" if skipped else ""),
                _per_set(shown),
                ", ".join(sorted({s.source for s in sets})),
                _flags(shown, r.camera_used),
            )
        )
    pain = f"before {_score(r.pain_before)}, after {_score(r.pain_after)} (0–10); next morning {_morning(morning)}"
    planned = f"{r.sets_done} of {r.sets_planned} planned sets" if r.sets_planned else f"{r.sets_done} sets"
    start = datetime.fromtimestamp(r.started_at)
    return SessionTable(
        f"{start:%a} {start.day} {start:%b %Y, %H:%M}",
        r.routine_title,
        planned,
        pain,
        r.status.replace("_", " "),
        tuple(lines),
        r.notes.strip(),
    )
