"""``coach plan --ics FILE``: the planned sessions as a calendar file (see ``coach.store.calendar_file``)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from coach.core.errors import CoachError
from coach.core.programme.schedule import days_words
from coach.store.calendar_file import calendar, write_calendar
from coach.store.programme_desk import ProgrammeDesk


def save_ics(desk: ProgrammeDesk, path: str, weeks: int, force: bool) -> int:
    """Write the calendar (``path`` "-": standard output); print one line on stderr saying what was saved.
    Returns the number of events.
    Raises CoachError (StoreError) with a plain message."""
    got = desk.upcoming(weeks)
    if got is None:
        raise CoachError("no programme yet, so no calendar was saved: start one on the Today screen.")
    prog, sessions = got
    times = desk.store.programme_schedule()
    if not times.days:
        raise CoachError("no training days are chosen, so no calendar was saved: choose them in Settings → Programme.")
    now = datetime.fromtimestamp(desk.wall(), UTC)
    cal = calendar(prog.id, prog.title, sessions, now)
    if path == "-":  # standard output (the plan's text is left out then)
        sys.stdout.buffer.write(cal.to_ical())
        sys.stdout.flush()
        where = "to standard output"
    else:
        write_calendar(cal, Path(path), overwrite=force)
        where = (
            f"to {path}. Import it into your calendar; importing a newer file updates these events instead of "
            "adding copies"
        )
    print(
        f"Saved {len(sessions)} session(s) over {weeks} week(s), {days_words(times.days)} at "
        f"{times.at.strftime('%H:%M')}, {where}.",
        file=sys.stderr,
    )
    return len(sessions)
