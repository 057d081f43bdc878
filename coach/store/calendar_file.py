"""The planned sessions as an iCalendar (.ics) file, so a phone's calendar can remind the user too.

Each event is one planned session (``coach.core.programme.schedule.PlannedSession``) at the chosen local time
(floating: it stays at 18:00 wherever the phone is), lasting the routine's estimated minutes, with a reminder
alarm at the start. The UID is made of the programme and the day, so importing a newer file updates those days'
events instead of adding copies; SEQUENCE grows with each export (minutes since 2024) so calendars take the newer.
Written through a temporary file renamed into place, like the history export.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from coach.core.programme.schedule import PlannedSession
from coach.store.safe_write import write_file

PRODID = "-//itband-coach//programme//EN"
_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)


def uid(programme_id: str, session: PlannedSession) -> str:
    """Stable for a programme and a day: re-importing replaces that day's event."""
    return f"{programme_id}-{session.day.isoformat()}@itband-coach"


def calendar(programme_id: str, programme_title: str, sessions: list[PlannedSession], now: datetime) -> Calendar:
    """``now``: an aware datetime (the export time, DTSTAMP)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", programme_title)
    sequence = max(0, int((now - _EPOCH).total_seconds() // 60))
    for s in sessions:
        ev = Event()
        ev.add("uid", uid(programme_id, s))
        ev.add("dtstamp", now.astimezone(UTC))
        ev.add("last-modified", now.astimezone(UTC))
        ev.add("sequence", sequence)
        ev.add("summary", f"IT-band coach: {s.routine.title}")
        ev.add("dtstart", s.start)
        ev.add("dtend", s.start + timedelta(minutes=s.routine.estimated_minutes))
        lines = [f"{s.phase_title}. About {s.routine.estimated_minutes} min."]
        lines += [f"• {d}" for d in s.doses]
        lines.append(
            f"Doses as planned on {now.astimezone().date().isoformat()}; the app adjusts them after each session "
            "and morning check, so open Today for the latest."
        )
        ev.add("description", "\n".join(lines))
        ev.add("categories", ["Exercise"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Time for {s.routine.title}")
        alarm.add("trigger", timedelta(0))
        ev.add_component(alarm)
        cal.add_component(ev)
    return cal


def write_calendar(cal: Calendar, path: Path, *, overwrite: bool = True) -> None:
    """Write ``cal`` to ``path`` (a new file, or a regular file when ``overwrite``); raises StoreError with a
    plain message."""
    write_file(path, lambda fp: fp.write(cal.to_ical()), what="save the calendar", overwrite=overwrite, mode=0o644)
