"""`coach plan --ics FILE`: the planned sessions on the chosen training days as a calendar file, read back with
icalendar; saving again updates the same events (same UIDs) instead of adding copies."""

from __future__ import annotations

import time
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path

import icalendar

from coach import paths
from coach.core.programme.schedule import TrainingTimes
from coach.store import HistoryStore
from support.plan_cli import coach
from support.plan_cli import seed_yesterday as _seed


def _events(path):
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return [c for c in cal.walk("VEVENT")]


def test_the_calendar_holds_each_session_with_its_doses_at_the_chosen_time(coach_home, tmp_path):
    _seed(coach_home)
    with HistoryStore.open(paths.db_path())[0] as store:
        store.save_programme_schedule(TrainingTimes(frozenset({1, 3, 5}), clock_time(7, 30)), now=time.time())
    out_file = tmp_path / "plan.ics"
    out = coach("plan", "--ics", str(out_file), "--weeks", "4", home=coach_home)
    assert out.returncode == 0, out.stderr
    assert "Tuesday, Thursday and Saturday at 07:30" in out.stderr and str(out_file) in out.stderr
    events = _events(out_file)
    assert 10 <= len(events) <= 12  # 3 a week for 4 weeks from today (today's own week may be partial)
    starts = [e.decoded("dtstart") for e in events]
    assert all(isinstance(s, datetime) and s.tzinfo is None for s in starts)  # floating: local wall time
    assert {s.weekday() for s in starts} == {1, 3, 5} and {(s.hour, s.minute) for s in starts} == {(7, 30)}
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert str(first["summary"]).startswith("IT-band coach: ")
    text = str(first["description"])
    assert "Calm and learn" in text and "×" in text  # the phase and the doses ("2 × 15 s hold")
    assert first.walk("VALARM"), "a reminder on the phone"
    uids = sorted(str(e["uid"]) for e in events)
    assert len(set(uids)) == len(uids) and all(u.startswith("itband-return-") for u in uids)
    seq = {int(e["sequence"]) for e in events}

    refused = coach("plan", "--ics", str(out_file), "--weeks", "4", home=coach_home)
    assert refused.returncode == 1 and "already exists" in refused.stderr
    again = coach("plan", "--ics", str(out_file), "--weeks", "4", "--force", home=coach_home)
    assert again.returncode == 0, again.stderr
    events2 = _events(out_file)
    assert sorted(str(e["uid"]) for e in events2) == uids  # re-importing updates these events
    assert min(int(e["sequence"]) for e in events2) >= max(seq)
    to_stdout = coach("plan", "--ics", "-", "--weeks", "1", home=coach_home)
    assert to_stdout.returncode == 0 and "to standard output" in to_stdout.stderr
    cal = icalendar.Calendar.from_ical(to_stdout.stdout.encode())
    assert 1 <= len(list(cal.walk("VEVENT"))) <= 3 and "Week" not in to_stdout.stdout  # only the calendar
    nowhere = coach("plan", "--ics", str(tmp_path / "nowhere" / "x.ics"), home=coach_home)
    assert nowhere.returncode == 2 and "does not exist" in nowhere.stderr
    for bad, words in ((tmp_path, "is a folder"), (Path("/dev/null"), "a device")):
        refused = coach("plan", "--ics", str(bad), "--force", home=coach_home)
        assert refused.returncode == 2 and words in refused.stderr and "Traceback" not in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert not Path("/dev/null").is_file()


def test_no_programme_or_no_days_means_no_calendar_and_says_so(coach_home, tmp_path):
    out_file = tmp_path / "plan.ics"
    out = coach("plan", "--ics", str(out_file), home=coach_home)
    assert out.returncode == 1 and "no programme yet" in out.stderr and not out_file.exists()
    _seed(coach_home)
    with HistoryStore.open(paths.db_path())[0] as store:
        store.save_programme_schedule(TrainingTimes(frozenset(), clock_time(7, 30)), now=time.time())
    out = coach("plan", "--ics", str(out_file), home=coach_home)
    assert out.returncode == 1 and "no training days" in out.stderr and not out_file.exists()
