"""Programme TOML files (``routines/programmes/*.toml``, bundled and the user's own) -> validated ``Programme``s.

Read like routine files (same size cap and TOML checks); every problem becomes a ``RoutineIssue`` naming the file,
the phase or ladder (``part``) and the field, and ``load_programme`` raises ``RoutineError`` with all of them.

    id = "itband-return"
    title = "..."
    summary = "..."
    [[phases]]                       # 1-8, in order
    key = "calm"; title = "Calm and learn"; text = "..."
    routines = ["gentle-start", "lateral-hip-reset"]   # routine ids, played in turn
    sessions_per_week = 3            # 1-7 (default 3)
    min_weeks = 2                    # move on after at least this many weeks (default 2) ...
    min_sessions = 5                 # ... and this many sessions in the phase (default 5)
    running = false                  # the return-to-run phase
    [[ladders]]
    exercise = "side_plank"          # a key of coach.core.exercises.EXERCISES
    variations = ["Side plank from the knees", "Side plank"]   # easiest first
    unit = "seconds"                 # "reps" or "seconds" (hold exercises)
    start = 15; top = 40; sets = 2   # per set; each variation starts at ``start`` and tops out at ``top``
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from coach.core.exercises import EXERCISES
from coach.core.programme.model import Ladder, MoveOn, Programme, ProgrammePhase
from coach.core.routines.fields import MISSING, FieldReader, type_name
from coach.core.routines.issues import RoutineError, RoutineIssue
from coach.core.routines.loader import read_toml

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TOP = ("id", "title", "summary", "phases", "ladders")
_PHASE = ("key", "title", "text", "routines", "sessions_per_week", "min_weeks", "min_sessions", "running")
_LADDER = ("exercise", "variations", "unit", "start", "top", "sets")


def _tables(r: FieldReader, data: dict[str, Any], key: str, most: int) -> list[dict[str, Any]]:
    raw = data.get(key, MISSING)
    if raw is MISSING:
        r.add(key, f"missing (required): add at least one [[{key}]] table")
    elif not isinstance(raw, list) or not all(isinstance(t, dict) for t in raw):
        r.add(key, f"must be a list of [[{key}]] tables, got {type_name(raw)}")
    elif not 1 <= len(raw) <= most:
        r.add(key, f"has {len(raw)} tables, 1 to {most} allowed")
    else:
        return raw
    return []


def _phase(
    t: dict[str, Any], n: int, file: str, issues: list[RoutineIssue], routine_ids: set[str] | None
) -> ProgrammePhase:
    r = FieldReader(t, file=file, step=n, issues=issues, allowed=_PHASE, what="a phase", part="phase")
    key, title = r.text("key", max_len=40), r.text("title", max_len=80)
    text = r.text("text", required=False, max_len=600)
    routines = r.texts("routines", max_items=8, max_len=64)
    if routines is not MISSING and not routines:
        r.add("routines", "missing or empty: name at least one routine id")
    for rid in routines if routines is not MISSING and routine_ids is not None else ():
        if routine_ids is not None and rid not in routine_ids:  # (the loop runs only when it is not None)
            r.add("routines", f"no routine has the id {rid!r}")
    per_week = r.integer("sessions_per_week", 1, 7, required=False, default=3)
    weeks = r.integer("min_weeks", 1, 26, unit="weeks", required=False, default=2)
    sessions = r.integer("min_sessions", 1, 100, required=False, default=5)
    running = r.boolean("running", False)
    return ProgrammePhase(
        key,
        title,
        text,
        tuple(routines) if routines is not MISSING else (),
        per_week,
        MoveOn(weeks, sessions),
        bool(running),
    )


def _ladder(t: dict[str, Any], n: int, file: str, issues: list[RoutineIssue]) -> Ladder | None:
    r = FieldReader(t, file=file, step=n, issues=issues, allowed=_LADDER, what="a ladder", part="ladder")
    ex = r.choice("exercise", EXERCISES)
    variations = r.texts("variations", max_items=6, max_len=80)
    if variations is not MISSING and not variations:
        r.add("variations", "missing or empty: name at least one variation, easiest first")
    unit = r.choice("unit", ("reps", "seconds"))
    start, top = r.integer("start", 1, 600), r.integer("top", 1, 600)
    sets = r.integer("sets", 1, 6)
    if ex is not MISSING and unit is not MISSING:
        hold = EXERCISES[ex].mode == "hold"
        if hold != (unit == "seconds"):
            r.add(
                "unit", f'{ex} is {"held" if hold else "counted in reps"}: use unit = "{"seconds" if hold else "reps"}"'
            )
    if start is not MISSING and top is not MISSING and start > top:
        r.add("top", f"must be at least start ({start}), got {top}")
    if not r.ok:
        return None
    return Ladder(ex, tuple(variations), unit, start, top, sets)


def load_programme(path: Path, *, bundled: bool = False, routine_ids: set[str] | None = None) -> Programme:
    """Read and validate one programme file; ``routine_ids`` (when given) are the routines it may name."""
    path = Path(path)
    file = str(path)
    data = read_toml(path, file)
    issues: list[RoutineIssue] = []
    r = FieldReader(data, file=file, step=None, issues=issues, allowed=_TOP, what="a programme")
    pid = r.text("id", max_len=64)
    if pid is not MISSING and not _ID.fullmatch(pid):
        r.add("id", f"{pid!r} must use only lower-case letters, digits and single dashes")
    title, summary = r.text("title", max_len=80), r.text("summary", required=False, max_len=600)
    phases = [_phase(t, i, file, issues, routine_ids) for i, t in enumerate(_tables(r, data, "phases", 8), 1)]
    ladders = [_ladder(t, i, file, issues) for i, t in enumerate(_tables(r, data, "ladders", 20), 1)]
    seen: set[str] = set()
    for i, lad in enumerate(ladders, 1):
        if lad is not None and lad.exercise in seen:
            issues.append(RoutineIssue(file, i, "exercise", f"{lad.exercise} has a ladder already", "ladder"))
        seen.add(lad.exercise if lad else "")
    if issues:
        raise RoutineError(issues)
    return Programme(pid, title, summary, tuple(phases), tuple(lad for lad in ladders if lad), path, bundled)


def load_programmes(
    folders: list[tuple[Path, bool]], routine_ids: set[str] | None = None
) -> tuple[list[Programme], list[RoutineError]]:
    """Every ``*.toml`` in each (folder, bundled) pair: the valid programmes, and the errors of the others."""
    found: list[Programme] = []
    errors: list[RoutineError] = []
    for folder, bundled in folders:
        try:
            files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".toml" and not p.name.startswith("."))
        except OSError:
            continue
        for p in files:
            try:
                prog = load_programme(p, bundled=bundled, routine_ids=routine_ids)
            except RoutineError as err:
                errors.append(err)
                continue
            if any(q.id == prog.id for q in found):
                errors.append(RoutineError([RoutineIssue(str(p), None, "id", f"{prog.id!r} is used already")]))
            else:
                found.append(prog)
    return found, errors
