"""Settings' Programme tab: a threshold changed there is the one `coach plan` and `coach checkin` use; unsafe
values are clamped with the reason shown; Restore defaults; reminders on the chosen days with an injected clock
(once a day, none after a session); the tray notification opens Today; the login entry is written and removed;
"Add to my calendar" writes a file icalendar reads back."""

from __future__ import annotations

import json
import time
from datetime import datetime

import icalendar
import pytest

from coach import paths
from coach.core.programme.rules import Rules
from coach.store import HistoryStore
from coach.ui import autostart
from coach.ui.settings_dialog import SettingsDialog
from support.plan_cli import coach
from support.plan_cli import seed_yesterday as _seed
from support.ui_helpers import FakeClock, make_window

pytestmark = pytest.mark.usefixtures("qapp")


def _dialog(window):
    dlg = SettingsDialog(window.app.settings, window, programme=window.app.programme)
    page = dlg.programme_page
    assert page is not None and dlg.tabs.count() == 2
    return dlg, page


def test_a_threshold_changed_in_settings_is_the_one_coach_plan_and_checkin_use(qtbot, coach_home):
    _seed(coach_home)  # yesterday's session with pain 2/10 after it
    _controller, window = make_window(qtbot, FakeClock(wall0=time.time()))
    dlg, page = _dialog(window)
    assert page.rule_boxes["pain_limit"].value() == 4 and not page.defaults_btn.isEnabled()
    page.rule_boxes["pain_limit"].setValue(1)
    assert "at or below 1/10" in page.rules_words.text() and not page.clamp_note.isVisible()
    dlg.accept()
    plan = json.loads(coach("plan", "--json", home=coach_home).stdout)
    assert plan["rules"]["pain_limit"] == 1
    out = coach("checkin", "morning", "--pain", "1", "--compared", "same", home=coach_home)
    assert out.returncode == 0, out.stderr
    assert "above 1/10" in out.stdout or "Pain went" in out.stdout, out.stdout  # 2/10 is now too much
    with HistoryStore.open(paths.db_path())[0] as store:
        assert [d.action for d in store.decisions()] == ["regress"]
    window.show_today()
    qtbot.waitUntil(lambda: "at or below 1/10" in window.today.rules.text())


def test_unsafe_values_are_clamped_with_the_reason_and_defaults_come_back(qtbot, coach_home):
    _controller, window = make_window(qtbot, FakeClock(wall0=time.time()))
    dlg, page = _dialog(window)
    page.rule_boxes["pain_limit"].setValue(9)
    page.rule_boxes["max_rise"].setValue(40)
    page.show()
    assert page.clamp_note.isVisibleTo(page)
    note = page.clamp_note.text()
    assert "The pain limit 9/10 is outside the safe range, so 6/10 will be used" in note
    assert "The largest rise 40% is outside the safe range, so 15% will be used" in note
    assert "at or below 6/10" in page.rules_words.text()  # the words show what will be used
    dlg.accept()
    with HistoryStore.open(paths.db_path())[0] as store:
        assert store.programme_rules() == Rules(pain_limit=6, max_rise=0.15)
    assert json.loads(coach("plan", "--json", home=coach_home).stdout) == {"programme": None}
    dlg2, page2 = _dialog(window)
    assert page2.rule_boxes["pain_limit"].value() == 6 and page2.defaults_btn.isEnabled()
    page2.defaults_btn.click()
    assert page2.rule_boxes["pain_limit"].value() == 4 and page2.rule_boxes["max_rise"].value() == 15
    assert not page2.clamp_note.isVisibleTo(page2) and not page2.defaults_btn.isEnabled()
    dlg2.accept()
    with HistoryStore.open(paths.db_path())[0] as store:
        assert store.programme_rules() == Rules()


def _local(y, m, d, hh, mm=0) -> float:
    return datetime(y, m, d, hh, mm).timestamp()


def test_reminders_come_on_the_chosen_days_at_the_time_once_a_day(qtbot, monkeypatch):
    from coach.ui import tray

    monkeypatch.setattr(tray, "tray_available", lambda: False)  # no tray: the status bar carries it
    clock = FakeClock(wall0=_local(2026, 1, 5, 9))  # Monday 09:00 local
    controller, window = make_window(qtbot, clock)
    window.show_today()
    qtbot.waitUntil(lambda: window.today.setup.isVisible())
    assert controller.programme.start(controller.programme.programmes()[0].id, 2)  # the programme starts today
    dlg, page = _dialog(window)
    assert [cb.isChecked() for cb in page.day_boxes] == [True, False, True, False, True, False, False]
    page.remind.setChecked(True)
    dlg.accept()
    _tray, reminders = tray.install(controller, window)
    reminders.timer.stop()  # no real waiting: the test ticks it
    shown = []
    reminders.due.connect(lambda t, x: shown.append(t))
    assert reminders.check() is None  # 09:00: not yet
    clock.advance(9 * 3600)  # 18:00
    got = reminders.check()
    assert got is not None and got[0].startswith("Time for ") and "Click to open Today" in got[1]
    assert "Time for" in window.statusBar().currentMessage()
    assert reminders.check() is None  # once a day
    clock.advance(24 * 3600)  # Tuesday 18:00: not a training day
    assert reminders.check() is None
    clock.advance(24 * 3600)  # Wednesday 18:00
    assert reminders.check() is not None
    controller.settings.set("reminders/enabled", False)
    clock.advance(2 * 24 * 3600)  # Friday, switched off
    assert reminders.check() is None
    assert len(shown) == 2


def test_no_reminder_after_todays_session(qtbot):
    from coach.core.record import SessionRecord
    from coach.ui import tray

    clock = FakeClock(wall0=_local(2026, 1, 5, 18, 30))
    controller, window = make_window(qtbot, clock)
    controller.settings.set("reminders/enabled", True)
    reminders = tray.Reminders(controller.settings, controller.programme, clock.wall)
    t = clock.wall() - 3600
    rec = SessionRecord(id="s", routine_id="gentle-start", routine_title="Gentle start", started_at=t, ended_at=t + 600)
    controller.store().begin_session(rec)
    controller.store().finish_session(rec)
    assert reminders.check() is None


def test_clicking_the_notification_opens_today_from_the_tray(qtbot, monkeypatch):
    from coach.ui import tray

    monkeypatch.setattr(tray, "tray_available", lambda: True)
    controller, window = make_window(qtbot, FakeClock(wall0=_local(2026, 1, 5, 18)))
    icon, reminders = tray.install(controller, window, hidden=True)
    reminders.timer.stop()
    assert icon.icon is not None and icon.icon.isVisible()  # started hidden: the icon is the way in
    window.hide()
    window.show_library()
    icon.icon.messageClicked.emit()
    qtbot.waitUntil(lambda: window.isVisible())
    assert window.stack.currentWidget() is window.today and window.act_today.isChecked()
    texts = [a.text() for a in icon.menu.actions() if a.text()]
    assert texts == ["Open Today", "Quit the coach"]


def test_starting_at_login_writes_and_removes_an_autostart_entry(qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr("coach.ui.programme_settings.tray_available", lambda: True)
    _controller, window = make_window(qtbot, FakeClock(wall0=time.time()))
    dlg, page = _dialog(window)
    assert page.login.isEnabled() and not page.login.isChecked()
    page.login.setChecked(True)
    dlg.accept()
    entry = tmp_path / "config" / "autostart" / "itband-coach.desktop"
    text = entry.read_text()
    assert "--tray" in text and "Type=Application" in text and autostart.MARK in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert "/coach --tray" in exec_line or "-m coach --tray" in exec_line
    assert "COACH_HOME=" in text  # the data folder in use goes with it
    dlg2, page2 = _dialog(window)
    assert page2.login.isChecked()
    page2.login.setChecked(False)
    dlg2.accept()
    assert not entry.exists()
    entry.write_text("[Desktop Entry]\nName=someone else's\n")
    assert autostart.disable() is False and entry.exists()  # never removes a file it didn't write


def test_without_a_tray_settings_says_so(qtbot, monkeypatch):
    monkeypatch.setattr("coach.ui.programme_settings.tray_available", lambda: False)
    _controller, window = make_window(qtbot, FakeClock(wall0=time.time()))
    _dlg, page = _dialog(window)
    page.show()
    assert page.tray_note.isVisibleTo(page) and "no system tray" in page.tray_note.text()
    assert not page.login.isEnabled()


def test_add_to_my_calendar_from_settings(qtbot, coach_home, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    _seed(coach_home)
    _controller, window = make_window(qtbot, FakeClock(wall0=time.time()))
    _dlg, page = _dialog(window)
    for i, cb in enumerate(page.day_boxes):
        cb.setChecked(i in (0, 3))  # Monday and Thursday
    page.weeks.setValue(3)
    assert "Your current phase asks for 3 sessions a week" in page.days_note.text()
    out = tmp_path / "mine.ics"
    msg = page.export_calendar(str(out))
    assert msg.startswith("Saved ") and str(out) in msg
    events = list(icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert 5 <= len(events) <= 6 and {e.decoded("dtstart").weekday() for e in events} == {0, 3}
    with HistoryStore.open(paths.db_path())[0] as store:  # the days were saved: the CLI uses them too
        assert store.programme_schedule().days == frozenset({0, 3})


def test_started_in_the_tray_closing_hides_and_quit_from_the_menu_quits(qtbot, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from coach.ui import tray

    monkeypatch.setattr(tray, "tray_available", lambda: True)
    quits = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(1))
    controller, window = make_window(qtbot, FakeClock(wall0=_local(2026, 1, 5, 18)))
    icon, reminders = tray.install(controller, window, hidden=True)
    reminders.timer.stop()
    window.close()
    assert not window.isVisible() and controller._store is not None  # hidden, the history still open
    icon.icon.messageClicked.emit()
    qtbot.waitUntil(lambda: window.isVisible())
    icon.quitRequested.emit()
    assert not window.isVisible() and controller._store is None and quits == [1]  # closed for real: saved, shut


def test_started_normally_closing_the_window_quits(qtbot, monkeypatch):
    from coach.ui import tray

    monkeypatch.setattr(tray, "tray_available", lambda: True)
    controller, window = make_window(qtbot, FakeClock(wall0=_local(2026, 1, 5, 18)))
    controller.store()
    _icon, reminders = tray.install(controller, window, hidden=False)
    reminders.timer.stop()
    window.close()
    assert not window.isVisible() and controller._store is None


def test_the_login_entrys_command_line_is_quoted_for_a_desktop_file():
    assert autostart._quote("/usr/bin/coach") == "/usr/bin/coach"
    assert autostart._quote("/home/a b/.venv/bin/python") == '"/home/a b/.venv/bin/python"'
    assert autostart._quote('/x/"$HOME"`%') == r'"/x/\"\$HOME\"\`%%"'


def test_add_to_my_calendar_without_a_programme_says_what_to_do(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    _controller, window = make_window(qtbot, FakeClock(wall0=time.time()))
    _dlg, page = _dialog(window)
    out = tmp_path / "none.ics"
    msg = page.export_calendar(str(out))
    assert "Start a programme on Today first" in msg and told == [msg] and not out.exists()
    for cb in page.day_boxes:
        cb.setChecked(False)
    assert not page.ics_btn.isEnabled() and "Choose at least one day" in page.days_note.text()


def test_a_history_that_cant_be_used_leaves_settings_working_and_says_what_was_not_saved(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from coach.store import StoreError

    controller, window = make_window(qtbot, FakeClock(wall0=time.time()))

    def broken():
        raise StoreError("The history file is busy")

    monkeypatch.setattr(controller.programme, "_store", broken)
    errors = []
    controller.programme.error.connect(errors.append)
    dlg, page = _dialog(window)
    assert page.rule_boxes["pain_limit"].value() == 4  # the defaults shown
    page.rule_boxes["pain_limit"].setValue(3)
    dlg.accept()
    assert "The thresholds couldn't be saved." in dlg.note and "training days couldn't be saved" in dlg.note
    assert any("busy" in e for e in errors)
    warned = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: warned.append(a[2]))
    assert page.export_calendar("/nonexistent/x.ics") == "The training days couldn't be saved."


def test_a_calendar_that_cant_be_written_is_one_plain_message(qtbot, coach_home, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    _seed(coach_home)
    _controller, window = make_window(qtbot, FakeClock(wall0=time.time()))
    _dlg, page = _dialog(window)
    msg = page.export_calendar(str(tmp_path / "no-such-folder" / "plan.ics"))
    assert warned == [msg] and "does not exist" in msg
    (tmp_path / "a-folder.ics").mkdir()
    msg = page.export_calendar(str(tmp_path / "a-folder.ics"))
    assert "is a folder" in msg and not (tmp_path / "a-folder.ics" / "plan.ics").exists()


def test_no_reminder_when_the_training_days_cant_be_read(qtbot, monkeypatch):
    from coach.store import StoreError
    from coach.ui import tray

    clock = FakeClock(wall0=_local(2026, 1, 5, 18, 30))  # a Monday, a default training day, after 18:00
    controller, _window = make_window(qtbot, clock)
    controller.settings.set("reminders/enabled", True)
    reminders = tray.Reminders(controller.settings, controller.programme, clock.wall)

    def broken():
        raise StoreError("The history file is busy")

    monkeypatch.setattr(controller.programme, "_store", broken)
    assert reminders.check() is None and controller.settings.get("reminders/last_day") == ""
