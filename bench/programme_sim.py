"""Eight simulated weeks of the bundled programme for four kinds of people: prints each week's phase and doses.

    .venv/bin/python bench/programme_sim.py [--weeks 8]

Not a timing benchmark: a readable trace of the progression engine (coach.core.programme) on an injected
calendar, for people to check the rules do what they say (the same personas drive tests/core/programme).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from coach import paths  # noqa: E402
from coach.core.programme.loader import load_programme  # noqa: E402
from support.programme_personas import flare_in_week_3, never_rates, simulate, sloppy_form, steady  # noqa: E402

SHOW = ("side_plank", "glute_bridge", "hip_abduction", "single_leg_squat", "step_down", "split_squat")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--weeks", type=int, default=8)
    a = p.parse_args()
    lib = {r.id: r for r in paths.load_routines().routines}
    prog = load_programme(REPO / "routines" / "programmes" / "itband-return.toml", bundled=True, routine_ids=set(lib))
    start = date(2026, 1, 5)
    for name, persona in (
        ("steady responder", steady),
        ("flare in week 3", flare_in_week_3),
        ("never rates pain", never_rates),
        ("hips drop (camera)", sloppy_form),
    ):
        log = simulate(prog, lib, persona, weeks=a.weeks, start=start)
        print(f"\n== {name}")
        print("week  phase                              " + "  ".join(f"{x[:12]:>12}" for x in SHOW))
        for week in range(1, a.weeks + 1):
            days = [
                d for d in log.doses if start + timedelta(days=7 * (week - 1)) <= d < start + timedelta(days=7 * week)
            ]
            if not days:
                continue
            last = max(days)
            doses = log.doses[last]
            cells = []
            for ex in SHOW:
                lad, d = prog.ladder(ex), doses.get(ex)
                cells.append(f"{d.variation + 1}:{d.amount}{'s' if lad.unit == 'seconds' else ''}".rjust(12))
            print(f"{week:>4}  {prog.phases[log.phases[last]].title[:33]:<33}  " + "  ".join(cells))
        acts = [d.action for d in log.decisions]
        print(
            f"decisions: {acts.count('progress')} progress, {acts.count('hold')} hold, {acts.count('regress')} regress"
        )
        for day, why in log.phase_reasons:
            print(f"  {day}: {why}")
        if log.decisions:
            print(f"  e.g. {log.decisions[-1].reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
