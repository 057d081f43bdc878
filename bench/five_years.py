"""Five years of data: does the app still open fast? 1,000 sessions, 25,000 sets, a morning check after each
session, the programme's dose decisions (and 1,500 runs once the store has ``add_run``), against an empty
history in the same run.

    nice .venv/bin/python bench/five_years.py [--repeat 3] [--keep DIR]

Measures, each in a fresh process (offscreen Qt, or a real window with ``--xcb``), median of ``--repeat``:
  * launch: opening the history (``AppController.open_store``, which the app does after the first frame);
  * Today: the first show of the Today screen (catching the programme up, the plan, drawing it);
  * History: the first show of the History page (building the view, table and charts, drawing it);
  * ``coach plan``: the whole command, interpreter start included;
  * a Today redraw with the run card drawn from every run (as before) and from the recent runs (now), in the same
    process, and whether the card's words are the same both ways.
Targets: Today and History < 200 ms, ``coach plan`` < 1 s; each is printed with its ratio to the empty history.
Wall-clock times on a shared machine swing with its load, so the process's CPU time for Today and History is
printed too (the app's own work, whatever else runs).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO)]

SESSIONS, SETS_EACH, RUNS = 1000, 25, 1500
YEARS = 5
TARGETS_MS = {"today": 200.0, "history": 200.0, "plan": 1000.0}


# ---- generating ------------------------------------------------------------------------------------------
def _sets(routine, start: float, rng: random.Random) -> list:
    """Exactly ``SETS_EACH`` sets for one session of ``routine``, in its order, with a few pelvic-drop flags."""
    from coach.core.record import PelvicDropEvent, SetRecord
    from coach.core.routines.model import RollStep, StrengthStep

    out: list[SetRecord] = []
    t = start
    steps = [(i, s) for i, s in enumerate(routine.steps) if isinstance(s, StrengthStep | RollStep)]
    n = 0
    while len(out) < SETS_EACH:
        for i, step in steps:
            if len(out) >= SETS_EACH:
                break
            for side in step.sides:
                if isinstance(step, StrengthStep):
                    for k in range(1, step.sets + 1):
                        if len(out) >= SETS_EACH:
                            break
                        reps = step.reps
                        drops = ()
                        if side is not None and rng.random() < 0.2:
                            drops = (PelvicDropEvent(side, round(rng.uniform(5, 11), 1), rng.uniform(1, 30)),)
                        out.append(
                            SetRecord(
                                i,
                                "strength",
                                step.exercise,
                                side,
                                k + n,
                                target_reps=reps,
                                achieved_reps=(reps or 0) - rng.choice((0, 0, 0, 1)) if reps else 0,
                                target_hold_s=float(step.hold_seconds) if step.hold_seconds else None,
                                achieved_hold_s=float(step.hold_seconds or 0),
                                pelvic_drops=drops,
                                started_at=t,
                                ended_at=t + 40,
                                source="camera" if side else "manual",
                                peak_drop_deg=round(rng.uniform(1, 9), 1) if side else None,
                            )
                        )
                        t += 70
                elif len(out) < SETS_EACH:
                    secs = float(step.seconds_per_side)
                    out.append(
                        SetRecord(
                            i,
                            "roll",
                            step.target,
                            side,
                            1 + n,
                            target_hold_s=secs,
                            achieved_hold_s=secs,
                            started_at=t,
                            ended_at=t + secs,
                            source="timer",
                        )
                    )
                    t += secs + 5
        n += 10  # a second round through the routine numbers its sets on, so the count comes out exact
    return out


def seed_runs(store, n: int, first: datetime, rng: random.Random) -> int:
    """``n`` runs between ``first`` and now through ``HistoryStore.add_run`` (store v7); without it, say so."""
    add_run = getattr(store, "add_run", None)
    try:
        from coach.core.runs.model import Run  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        Run = None  # noqa: N806
    if add_run is None or Run is None:
        print("Runs were NOT seeded: this store has no add_run (the runs table comes with store v7).")
        return 0
    span = (datetime.now(UTC) - first).total_seconds()
    added = 0
    for k in range(n):
        start = first + timedelta(seconds=span * (k + rng.random()) / n)
        km = rng.uniform(3, 15)
        run = Run(
            started_at=start,
            distance_m=km * 1000,
            duration_s=km * rng.uniform(280, 380),
            effort=rng.randint(2, 8),
            pain_during=rng.randint(0, 4),
            pain_after=rng.randint(0, 3),
            name=f"Run {k + 1}",
        )
        added += bool(add_run(run))
    return added


def generate(home: Path, *, rng: random.Random) -> dict[str, int]:
    """Five years of history in ``home`` (COACH_HOME), ending with a session yesterday."""
    from dataclasses import replace

    from coach import paths
    from coach.core.programme.loader import load_programmes
    from coach.core.programme.outcomes import MorningCheck
    from coach.core.programme.progression import Decision, ProgrammeState
    from coach.core.programme.tracker import state_to_json
    from coach.core.record import SessionRecord
    from coach.store import HistoryStore

    os.environ["COACH_HOME"] = str(home)
    lib = paths.load_routines()
    by_id = {r.id: r for r in lib.routines}
    progs, _ = load_programmes(paths.programme_folders(), routine_ids=set(by_id))
    prog = next(p for p in progs if p.id == "itband-return")
    now = time.time()
    yesterday = datetime.fromtimestamp(now - 86400).replace(hour=18, minute=0, second=0, microsecond=0).timestamp()
    span = YEARS * 365 * 86400.0
    first = yesterday - span
    ids = [rid for ph in prog.phases for rid in ph.routines]
    counts = {"sessions": 0, "sets": 0, "morning_checks": 0, "decisions": 0, "runs": 0}
    store, _ = HistoryStore.open(paths.db_path())
    with store:
        doses = prog.first_doses()
        decisions: list[Decision] = []
        for k in range(SESSIONS):
            start = first + span * k / (SESSIONS - 1)
            routine = by_id[ids[k % len(ids)]]
            sets = _sets(routine, start + 120, rng)
            rec = SessionRecord(
                id=f"s{k:05d}",
                routine_id=routine.id,
                routine_title=routine.title,
                started_at=start,
                ended_at=sets[-1].ended_at + 60,
                pain_before=rng.randint(0, 4),
                pain_after=rng.randint(0, 5),
                status="completed",
                steps_total=len(routine.steps),
                steps_done=len(routine.steps),
                camera_used=True,
                sets_planned=SETS_EACH,
                sets=tuple(sets),
            )
            store.begin_session(rec)
            store.finish_session(rec)
            counts["sessions"] += 1
            counts["sets"] += len(sets)
            day = datetime.fromtimestamp(start).date()
            if k < SESSIONS - 1:  # yesterday's morning check is still to come
                store.add_morning_check(MorningCheck(day + timedelta(days=1), rng.randint(0, 3), "same"), start)
                counts["morning_checks"] += 1
                for ex in ("side_plank", "glute_bridge", "step_down"):
                    d = doses.get(ex)
                    if d is not None:
                        decisions.append(Decision(ex, "hold", d, d, "Pain stayed at 2/10: same dose next time.", day))
        state = ProgrammeState.begin(prog, date.fromtimestamp(first), baseline=1)
        state = replace(state, phase=len(prog.phases) - 1, phase_started=date.fromtimestamp(now) - timedelta(days=30))
        through = first + span * (SESSIONS - 2) / (SESSIONS - 1)  # judged up to the session before yesterday's
        store.save_programme(state_to_json(state, through), decisions, now)
        counts["decisions"] = len(decisions)
        counts["runs"] = seed_runs(store, RUNS, datetime.fromtimestamp(first, UTC), rng)
    return counts


def start_programme_only(home: Path) -> None:
    """The empty history's baseline: the same programme, just started, no sessions."""
    from coach import paths
    from coach.core.programme.loader import load_programmes
    from coach.store import HistoryStore
    from coach.store.programme_desk import ProgrammeDesk

    os.environ["COACH_HOME"] = str(home)
    routines = paths.load_routines().routines
    progs, _ = load_programmes(paths.programme_folders(), routine_ids={r.id for r in routines})
    store, _ = HistoryStore.open(paths.db_path())
    with store:
        ProgrammeDesk(store, routines, progs, time.time).start("itband-return", baseline=1)


# ---- measuring (in a child process) ----------------------------------------------------------------------
def measure_gui() -> dict[str, float]:
    """In this process (COACH_HOME set by the parent): launch's history open, Today's and History's first show."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from coach.ui.app import build

    app, controller, window = build()
    window.resize(1280, 820)
    out = {}
    t0 = time.perf_counter()
    controller.open_store()
    out["launch_open"] = (time.perf_counter() - t0) * 1000
    t0, c0 = time.perf_counter(), time.process_time()
    window.show()  # Today is the first page: its showEvent catches the programme up and draws the plan
    app.processEvents()
    window.today.repaint()
    out["today"] = (time.perf_counter() - t0) * 1000
    out["today_cpu"] = (time.process_time() - c0) * 1000
    from card_redraw import measure_card_redraw  # beside this file

    out.update(measure_card_redraw(app, controller, window))
    t0, c0 = time.perf_counter(), time.process_time()
    window.show_history()
    app.processEvents()
    window._history_page.repaint()
    out["history"] = (time.perf_counter() - t0) * 1000
    out["history_cpu"] = (time.process_time() - c0) * 1000
    out["history_rows"] = float(window.history_view.table.model().rowCount()) if window.history_view else -1.0
    controller.close()
    QApplication.quit()
    return out


def _child(home: Path, xcb: bool) -> dict[str, float]:
    env = {**os.environ, "COACH_HOME": str(home), "QT_QPA_PLATFORM": "xcb" if xcb else "offscreen"}
    res = subprocess.run(
        [sys.executable, __file__, "--measure"], env=env, cwd=REPO, capture_output=True, text=True, timeout=300
    )
    if res.returncode != 0:
        raise SystemExit(f"measuring failed in {home}:\n{res.stderr}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def _plan_ms(home: Path) -> float:
    env = {**os.environ, "COACH_HOME": str(home)}
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "coach", "plan"], env=env, cwd=REPO, capture_output=True, text=True)
    ms = (time.perf_counter() - t0) * 1000
    if res.returncode != 0:
        raise SystemExit(f"coach plan failed: {res.stderr}")
    return ms


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--keep", metavar="DIR", help="generate into DIR (kept) instead of a temporary folder")
    p.add_argument("--xcb", action="store_true", help="measure in a real window on $DISPLAY (default: offscreen)")
    p.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.measure:
        print(json.dumps(measure_gui()))
        return 0
    root = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="five-years-"))
    empty, full = root / "empty", root / "five-years"
    for h in (empty, full):
        h.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    if not (full / "history.sqlite3").exists():
        counts = generate(full, rng=random.Random(5))
        print(f"generated in {time.perf_counter() - t0:.1f} s: {counts}")
    if not (empty / "history.sqlite3").exists():
        start_programme_only(empty)
    size = (full / "history.sqlite3").stat().st_size / 1e6
    print(f"history file: {size:.1f} MB ({full})")
    rows: dict[str, dict[str, list[float]]] = {"empty": {}, "five years": {}}
    for _ in range(a.repeat):
        for name, home in (("empty", empty), ("five years", full)):
            got = _child(home, a.xcb)
            got["plan"] = _plan_ms(home)
            for k, v in got.items():
                rows[name].setdefault(k, []).append(v)
    where = f"xcb on {os.environ.get('DISPLAY')}" if a.xcb else "offscreen"
    print(f"\nmedian of {a.repeat}, {where} (ms)")
    print("                             empty   five years   ratio   target")
    ok = True
    for key, label in (
        ("launch_open", "launch: open history"),
        ("today", "Today, first show"),
        ("history", "History, first show"),
        ("plan", "coach plan"),
        ("today_cpu", "  Today, CPU time"),
        ("history_cpu", "  History, CPU time"),
    ):
        e, f = statistics.median(rows["empty"][key]), statistics.median(rows["five years"][key])
        target = TARGETS_MS.get(key)
        verdict = "" if target is None else f"< {target:.0f} ms  {'ok' if f < target else 'MISSED'}"
        ok &= target is None or f < target
        print(f"{label:26s} {e:8.1f} {f:12.1f} {f / e:7.2f}   {verdict}")
    print(f"history rows shown: {statistics.median(rows['five years']['history_rows']):.0f}")
    print("\nToday redraw with the run card, in the same processes (ms, median):")
    print("                             old: every run   new: recent runs   old / new")
    for key, label in (
        ("redraw_", "Today redraw"),
        ("redraw_cpu_", "  Today redraw, CPU time"),
        ("redraw_card_", "  the card's own redraw"),
    ):
        for name in ("empty", "five years"):
            o, n = statistics.median(rows[name][key + "old"]), statistics.median(rows[name][key + "new"])
            print(f"{label + ', ' + name:36s} {o:8.1f} {n:18.1f} {o / n:11.2f}")
    same = all(v == 1.0 for name in rows for v in rows[name]["card_same"])
    shown = statistics.median(rows["five years"]["card_shown"]) == 1.0
    print(f"the card's words the same both ways: {'yes' if same else 'NO'}; shown with five years: {shown}")
    ok &= same and shown
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
