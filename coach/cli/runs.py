"""``coach runs import|add|list|load|delete``: the run log from the command line.

``import PATH...``   GPX, TCX, FIT files, a Strava activities.csv, or folders of them (recursive, .gz too)
``add --km D --minutes M [--pain-during N] [--pain-after N] [--effort N] [--date YYYY-MM-DD[THH:MM]]``
``list``             every run, oldest first
``load``             weekly totals, next week's cap, the runs that broke the 30-day spike rule, the advice
``delete ID``        remove one run
Distances show in the unit set in the app's Settings (km or miles; ``--unit`` overrides). Exit 0 on success,
1 when the history can't be used, 2 on bad input (one line).
Settings, the run desk and JSON helpers are in ``coach.cli.runs_support``.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from coach.cli.runs_support import _fail, _one_line, _run_json, _settings, _with_desk


def register(subparsers) -> None:
    p = subparsers.add_parser("runs", help="the run log: import, add, list, weekly load and spikes")
    sub = p.add_subparsers(dest="runs_command", metavar="ACTION", required=True)
    unit = argparse.ArgumentParser(add_help=False)
    unit.add_argument("--unit", choices=("km", "mi"), help="distance unit (default: the app's setting)")
    unit.add_argument("--json", action="store_true", help="one JSON object (distances in metres)")
    i = sub.add_parser("import", parents=[unit], help="import run files or folders")
    i.add_argument("paths", nargs="+", metavar="PATH")
    i.set_defaults(func=cmd_import)
    a = sub.add_parser("add", parents=[unit], help="log a run by hand")
    dist = a.add_mutually_exclusive_group(required=True)
    dist.add_argument("--km", type=float, metavar="D")
    dist.add_argument("--miles", type=float, metavar="D")
    a.add_argument("--minutes", type=float, required=True, metavar="M")
    for name in ("pain-during", "pain-after", "effort"):
        a.add_argument(f"--{name}", type=int, choices=range(11), metavar="N", help=f"{name.replace('-', ' ')}, 0-10")
    a.add_argument("--date", metavar="WHEN", help="local date or date and time: 2025-05-04 or 2025-05-04T07:30")
    a.set_defaults(func=cmd_add)
    sub.add_parser("list", parents=[unit], help="every run, oldest first").set_defaults(func=cmd_list)
    sub.add_parser("load", parents=[unit], help="weekly totals, the cap, spikes and advice").set_defaults(func=cmd_load)
    d = sub.add_parser("delete", help="remove a run (its ID from `coach runs list`)")
    d.add_argument("id", type=int)
    d.set_defaults(func=cmd_delete)
    for parser in (p, i, a, d, *sub.choices.values()):
        parser.error = _one_line(parser.prog)  # type: ignore[method-assign]


def cmd_import(args: argparse.Namespace) -> int:
    from coach.importers import import_paths
    from coach.importers.files import import_line

    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        return _fail(f"no such file or folder: {missing[0]}")
    from coach.importers.files import count_files

    total = count_files(paths)
    bar = None
    if total >= 50:  # a big folder: show progress on stderr (stdout carries the result and --json)
        from coach.cli.progress import ProgressBar

        bar = ProgressBar(total, "Importing", unit=lambda d, t: f"{d}/{t} files", rate=" files/s")
    try:
        res = import_paths(paths, None if bar is None else (lambda n: bar.update(n)))
    finally:
        if bar is not None:
            bar.close()
    if res.files == 0:  # nothing found, or a folder that can't be listed (said why)
        return _fail(res.problems[0] if res.problems else "no GPX, TCX, FIT or activities.csv files there")

    def save(desk) -> int:
        saved = desk.save(res.runs)
        skipped = res.skip_lines
        if args.json:
            print(
                json.dumps(
                    {
                        "files": res.files,
                        "added": saved.added,
                        "duplicates": saved.duplicates,
                        "problems": res.problems,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            print(import_line(saved.added, saved.duplicates, skipped))
            if len(res.problems) > 1 or (res.problems and not skipped):
                for line in res.problems:
                    print(f"  {line}")
        return 2 if not res.runs and res.problems else 0  # nothing but bad files: bad input

    return _with_desk(save)


def _when(text: str | None) -> datetime:
    if not text:
        return datetime.now().astimezone()
    try:
        t = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"--date must look like 2025-05-04 or 2025-05-04T07:30, not {text!r}") from None
    if len(text.strip()) == 10:
        t = t.replace(hour=12)  # a day without a time: midday, so the local day is the same in any zone nearby
    return t.astimezone() if t.tzinfo is None else t


def cmd_add(args: argparse.Namespace) -> int:
    from coach.core.runs import Run, RunError
    from coach.core.runs.units import from_unit

    try:
        given, unit = (args.km, "km") if args.km is not None else (args.miles, "mi")
        if not 0 < given <= (1000 if unit == "km" else 621):
            flag = "--km" if unit == "km" else "--miles"
            raise ValueError(f"{flag} must be more than 0 and at most {1000 if unit == 'km' else 621}, not {given:g}")
        metres = from_unit(given, unit)
        if not 0 < args.minutes <= 7 * 24 * 60:
            raise ValueError(f"--minutes must be more than 0, not {args.minutes:g}")
        run = Run(_when(args.date), metres, args.minutes * 60, args.effort, args.pain_during, args.pain_after)
    except (RunError, ValueError) as err:
        return _fail(str(err))

    def save(desk) -> int:
        from coach.core.runs import units

        if not desk.store.add_run(run, desk.wall()):
            return _fail("a run starting at that very second is already logged")
        unit = args.unit or _settings()[0]
        if args.json:
            print(json.dumps(_run_json(run)))
        else:
            print(
                f"Saved: {units.distance(run.distance_m, unit)} in {units.duration(run.duration_s)} on "
                f"{run.started_at.astimezone():%a %d %b %Y %H:%M}."
            )
        return 0

    return _with_desk(save)


def cmd_list(args: argparse.Namespace) -> int:
    from coach.core.runs import units

    unit = args.unit or _settings()[0]

    def show(desk) -> int:
        runs = desk.store.runs()
        if args.json:
            print(json.dumps({"runs": [_run_json(r) for r in runs]}, ensure_ascii=False))
            return 0
        if not runs:
            print("No runs yet: `coach runs add --km 3 --minutes 20` or `coach runs import FOLDER`.")
            return 0
        print(f"{'ID':>5}  {'Date':16}  {'Distance':>9}  {'Time':>8}  {'Pace':>10}  Pain  Source")
        for r in runs:
            pain = "/".join("-" if v is None else str(v) for v in (r.pain_during, r.pain_after))
            print(
                f"{r.id:>5}  {r.started_at.astimezone():%Y-%m-%d %H:%M}  {units.distance(r.distance_m, unit):>9}  "
                f"{units.duration(r.duration_s):>8}  {units.pace(r.pace_s_per_km, unit):>10}  {pain:4}  {r.source}"
            )
        return 0

    return _with_desk(show)


def cmd_load(args: argparse.Namespace) -> int:
    from coach.core.runs import units
    from coach.core.runs.ladder import ladder_words

    unit, start_m = _settings()
    unit = args.unit or unit

    def show(desk) -> int:
        s = desk.summary(unit, start_m)
        broke = [x for x in s.spikes if x.broke_rule]
        if args.json:
            print(
                json.dumps(
                    {
                        "weeks": [
                            {
                                "start": w.start.isoformat(),
                                "distance_m": round(w.distance_m, 1),
                                "runs": w.runs,
                                "over_cap": w.over_cap,
                            }
                            for w in s.weeks
                        ],
                        "this_week_m": round(s.load.this_week_m, 1),
                        "this_week_cap_m": round(s.load.this_week_cap_m, 1),
                        "next_week_cap_m": round(s.load.next_week_cap_m, 1),
                        "longest_30d_m": s.load.longest_30d_m,
                        "single_run_max_m": None
                        if s.load.single_run_max_m is None
                        else round(s.load.single_run_max_m, 1),
                        "spikes": [
                            {
                                **_run_json(x.run),
                                "level": x.level,
                                "longest_before_m": x.longest_before_m,
                                "hazard": x.hazard,
                            }
                            for x in broke
                        ],
                        "next_run_m": round(s.ladder.next_m, 1),
                        "advice": s.advice,
                    },
                    ensure_ascii=False,
                )
            )
            return 0
        for w in s.weeks[-8:]:
            flag = "  over the cap" if w.over_cap else ""
            print(f"Week of {w.start:%d %b %Y}: {units.distance(w.distance_m, unit):>9} in {w.runs} run(s){flag}")
        if broke:
            print("Runs that broke the 30-day rule:")
            for x in broke:
                print(
                    f"  {x.run.started_at.astimezone():%Y-%m-%d}: {units.distance(x.run.distance_m, unit)}, "
                    f"{x.level} spike ({x.hazard:.2f}× the injury rate)"
                )
        for line in s.advice:
            print(line)
        print(ladder_words(s.ladder, unit))
        return 0

    return _with_desk(show)


def cmd_delete(args: argparse.Namespace) -> int:
    def delete(desk) -> int:
        if all(r.id != args.id for r in desk.store.runs()):
            return _fail(f"no run with ID {args.id} (see `coach runs list`)")
        desk.store.delete_run(args.id)
        print(f"Deleted run {args.id}.")
        return 0

    return _with_desk(delete)
