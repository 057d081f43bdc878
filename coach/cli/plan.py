"""``coach plan [--json]`` and ``coach checkin morning --pain N [--compared same|better|worse]``.

``plan`` catches the programme up with the history (as the Today screen does), then prints the phase, the week
and today's session with each exercise's dose and the reason for its last change, or a rest day. ``checkin
morning`` saves this morning's check (pain 0-10 and/or compared with usual) and prints what it changed.
``plan --ics FILE [--weeks N] [--force]`` also saves the planned sessions on the training days chosen in Settings
as a calendar file (a message on stderr says where).
Exit 0 on success, 1 when the history can't be used, 2 on bad input (argparse).
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def register(subparsers) -> None:
    p = subparsers.add_parser("plan", help="the programme: phase, week, today's session and each dose with why")
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.add_argument(
        "--ics", metavar="FILE", help="also save the planned sessions as a calendar file (.ics; '-': standard output)"
    )
    p.add_argument("--weeks", type=int, default=8, choices=range(1, 53), metavar="N", help="weeks in the calendar")
    p.add_argument("--force", action="store_true", help="replace the calendar FILE if it exists")
    p.set_defaults(func=cmd_plan)
    c = subparsers.add_parser("checkin", help="check-ins outside a session")
    sub = c.add_subparsers(dest="kind", metavar="KIND", required=True)
    m = sub.add_parser("morning", help="how the knee or hip is this morning, the day after a session")
    m.add_argument("--pain", type=int, choices=range(11), metavar="N", help="pain now, 0-10")
    m.add_argument("--compared", choices=("same", "better", "worse"), help="compared with your usual")
    m.set_defaults(func=cmd_morning)


def _desk():
    from coach import paths
    from coach.core.programme.loader import load_programmes
    from coach.store import HistoryStore
    from coach.store.programme_desk import ProgrammeDesk

    routines = paths.load_routines().routines
    programmes, _errors = load_programmes(paths.programme_folders(), routine_ids={r.id for r in routines})
    store, message = HistoryStore.open(paths.db_path(), strict=True)
    if message:
        print(f"coach: {message}", file=sys.stderr)
    return ProgrammeDesk(store, routines, programmes, time.time)


def cmd_plan(args: argparse.Namespace) -> int:
    from coach.core.errors import CoachError
    from coach.core.programme.rules import rules_to_dict
    from coach.store.errors import BadTarget

    try:
        desk = _desk()
        try:
            desk.refresh()
            plan = desk.plan()
            rules = desk.rules
            if args.ics and plan is not None:
                from coach.cli.calendar import save_ics

                save_ics(desk, args.ics, args.weeks, args.force)
        finally:
            desk.store.close()
    except (CoachError, ValueError) as err:
        print(f"coach: {err}", file=sys.stderr)
        return 2 if isinstance(err, BadTarget) else 1  # a folder, device or missing folder given: bad input
    if plan is None and args.ics:
        print("coach: no programme yet, so no calendar was saved: start one on the Today screen.", file=sys.stderr)
        return 1
    if args.ics == "-":
        return 0  # standard output holds the calendar
    if plan is None:
        if args.json:
            print(json.dumps({"programme": None}))
        else:
            print("No programme yet: start one on the Today screen of the app (`coach`).")
        return 0
    out = {
        "phase": plan.phase_number,
        "phases": plan.phases_total,
        "phase_title": plan.phase_title,
        "week": plan.week,
        "streak_weeks": plan.streak_weeks,
        "sessions_this_week": plan.sessions_this_week,
        "sessions_per_week": plan.sessions_per_week,
        "today": None if plan.routine is None else {"routine": plan.routine.id, "title": plan.routine.title},
        "rest": plan.rest_reason or None,
        "next": plan.next_text or None,
        "doses": [{"exercise": d.exercise, "dose": d.text, "reason": d.reason or None} for d in plan.doses],
        "rules": rules_to_dict(rules),
    }
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"Week {plan.week} · phase {plan.phase_number} of {plan.phases_total}: {plan.phase_title}")
    print(
        f"{plan.sessions_this_week} of {plan.sessions_per_week} sessions this week · "
        f"{plan.streak_weeks} week(s) on plan in a row"
    )
    if plan.routine is not None:
        print(f"Today: {plan.routine.title} (about {plan.routine.estimated_minutes} min)")
    else:
        print(f"Today: rest. {plan.rest_reason} {plan.next_text}".rstrip())
    for d in plan.doses:
        print(f"  {d.text}" + (f"\n      {d.reason}" if d.reason else ""))
    print("How the programme moves on (change these in the app's Settings):")
    for line in rules.describe():
        print(f"  - {line}")
    return 0


def cmd_morning(args: argparse.Namespace) -> int:
    from coach.core.errors import CoachError

    if args.pain is None and args.compared is None:
        print("coach: give --pain N (0-10) and/or --compared same|better|worse", file=sys.stderr)
        return 2
    try:
        desk = _desk()
        try:
            made, phases = desk.save_morning(args.pain, args.compared)
        finally:
            desk.store.close()
    except (CoachError, ValueError) as err:
        print(f"coach: {err}", file=sys.stderr)
        return 1
    words = ", ".join(
        x
        for x in (
            f"pain {args.pain}/10" if args.pain is not None else "",
            f"{args.compared} than usual"
            if args.compared in ("better", "worse")
            else "about the same as usual"
            if args.compared == "same"
            else "",
        )
        if x
    )
    print(f"Saved this morning's check: {words}.")
    for d in made:
        print(f"  {d.reason}")
    for p in phases:
        print(f"  {p.reason}")
    return 0
