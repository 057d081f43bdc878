"""The app around the session: library (with a broken user routine), bad assets, DB errors with retry,
sound cues, window geometry and accessible names. Offscreen Qt, real files in a per-test COACH_HOME."""

from __future__ import annotations

import logging
import wave

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QWidget,
)

from coach import paths
from coach.core.session import Cue, Phase
from coach.store import HistoryStore
from coach.ui import audio as audio_mod
from coach.ui.audio import SOUND_FOR, AudioCues
from coach.ui.illustration import Illustration, renderer
from coach.ui.settings import Settings
from coach.ui.settings_dialog import SettingsDialog
from support.ui_helpers import FakeClock, make_window, play_to_end, start_by_keyboard

pytestmark = pytest.mark.usefixtures("qapp")

IT_BAND_ROUTINE = """
id = "my-band-roll"
title = "My band roll"
summary = "Rolling the band"
level = "beginner"

[[steps]]
kind = "roll"
title = "Roll the IT band"
target = "IT band"
seconds_per_side = 60
per_side = true
illustration = "illustrations/roll_tfl.svg"
cues = ["roll it"]
"""


def test_library_lists_bundled_routines_with_details(qtbot):
    _c, window = make_window(qtbot, FakeClock())
    cards = {c.routine.id: c for c in window.library.cards}
    assert len(cards) >= 5
    reset = cards["lateral-hip-reset"]
    labels = [w.accessibleName() for w in reset.findChildren(QWidget)]
    assert "Rolls: TFL" in labels
    minutes = -(-int(reset.routine.estimated_seconds) // 60)  # rounded up, as `coach routines list` shows it
    assert f"Duration: ≈ {minutes} min" in labels and "Level: Beginner" in labels
    assert reset.button.accessibleName() == "Start Quick lateral-hip reset"
    full = cards["runners-full-session"]
    assert "Rolls: TFL, Vastus lateralis, Gluteus maximus" in [w.accessibleName() for w in full.findChildren(QWidget)]


def test_library_shows_a_broken_user_routine_with_its_errors(qtbot):
    (paths.user_routines_dir() / "band.toml").write_text(IT_BAND_ROUTINE)
    (paths.user_routines_dir() / "garbage.toml").write_text("id = [unclosed")
    _c, window = make_window(qtbot, FakeClock())
    failures = {c.failure.path.name: c for c in window.library.failure_cards}
    assert set(failures) == {"band.toml", "garbage.toml"}
    band = failures["band.toml"].errors.text()
    assert "step 1" in band and "target" in band and "fascia" in band
    assert "line 1" in failures["garbage.toml"].errors.text()
    assert len(window.library.cards) >= 5  # the good ones still load


def test_reload_picks_up_a_fixed_routine(qtbot):
    bad = paths.user_routines_dir() / "band.toml"
    bad.write_text(IT_BAND_ROUTINE)
    _c, window = make_window(qtbot, FakeClock())
    n = len(window.library.cards)
    bad.write_text(
        IT_BAND_ROUTINE.replace('"IT band"', '"tfl"').replace("Roll the IT band", "Roll the TFL")
        + '\n[[steps]]\nkind = "strength"\ntitle = "Side plank"\nexercise = "side_plank"\nsets = 1\n'
        'hold_seconds = 20\nper_side = true\nrest_seconds = 10\nillustration = "illustrations/side_plank.svg"\n'
    )
    window.library.reload_btn.click()
    assert len(window.library.cards) == n + 1 and not window.library.failure_cards
    mine = next(c for c in window.library.cards if c.routine.id == "my-band-roll")
    assert "Source: Your routine" in [w.accessibleName() for w in mine.findChildren(QWidget)]


def test_missing_or_broken_illustration_shows_the_placeholder_and_warns(qtbot, caplog, tmp_path):
    caplog.set_level(logging.WARNING)
    renderer.cache_clear()
    w = Illustration("illustrations/does_not_exist.svg")
    qtbot.addWidget(w)
    assert w.placeholder and "does_not_exist" in caplog.text
    broken = paths.assets_dir() / "illustrations" / "zz_broken_test.svg"
    try:
        broken.write_text("<svg this is not xml")
        renderer.cache_clear()
        w.set_path("illustrations/zz_broken_test.svg")
        assert w.placeholder and "not a valid SVG" in caplog.text
        w.grab()  # paints without raising
    finally:
        broken.unlink()
        renderer.cache_clear()
    w.set_path("illustrations/roll_tfl.svg")
    assert not w.placeholder
    assert "TFL" in w.accessibleDescription()  # the drawing's own title and description


def test_a_db_error_mid_session_keeps_the_session_and_retries(qtbot):
    clock = FakeClock()
    controller, window = make_window(qtbot, clock)
    controller.saver._timer.setInterval(50)
    flow = start_by_keyboard(qtbot, window, "Quick lateral-hip reset")
    controller.store().conn.close()  # the connection breaks under the session...
    clock.advance(30)
    flow.controller.tick()  # ...a set completes: the write fails, a fresh connection takes it
    assert controller.saver.pending == 0 and not controller.saver.failing
    _break_history(controller)  # now the file itself can't be opened
    clock.advance(150)
    flow.controller.tick()
    assert controller.saver.failing and controller.saver.pending > 0
    assert any("kept in memory" in b.text() for b in window.alerts)
    qtbot.wait(150)
    assert controller.saver.failing  # still retrying, nothing lost
    sid = flow.controller.engine.record.id
    paths.db_path().rmdir()  # fixed: the next retry writes everything, in order
    qtbot.waitUntil(lambda: controller.saver.pending == 0, timeout=3000)
    assert not controller.saver.failing
    assert not window.alerts  # the stale warning closes itself once saving works again
    play_to_end(flow, clock)
    flow.after.ok_btn.click()
    qtbot.waitUntil(lambda: "Saved" in flow.summary.save_state.text())
    with HistoryStore.open(paths.db_path())[0] as s:
        rec = s.get_session(sid)
    assert rec.status == "completed" and len(rec.sets) == len(flow.controller.record.sets)


def test_every_cue_kind_has_its_own_sound_file():
    folder = paths.assets_dir() / "sounds"
    frames = {}
    for name in set(SOUND_FOR.values()):
        with wave.open(str(folder / f"{name}.wav")) as w:
            assert w.getnchannels() == 1 and w.getframerate() >= 16000 and w.getnframes() > 0
            frames[name] = w.readframes(w.getnframes())
    assert len(set(frames.values())) == len(frames)  # all distinct
    for kind in ("start", "countdown", "switch_side", "set_done", "rep"):
        assert kind in SOUND_FOR


def test_audio_plays_distinct_cues_and_stays_quiet_when_muted(qapp):
    a = AudioCues(Settings())
    for kind in ("start", "countdown", "switch_side", "set_done", "rep"):
        a.play(Cue(kind, "x", 1))
    assert list(a.played) == ["start", "countdown", "switch_side", "set_done", "rep"]
    a.set_muted(True)
    a.play(Cue("rep", "2", 2))
    assert len(a.played) == 5
    assert AudioCues(Settings()).muted  # persisted


def test_audio_failure_turns_sound_off_without_crashing(qapp, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_multimedia(name, *args, **kw):
        if name.startswith("PySide6.QtMultimedia"):
            raise ImportError("libpulse.so.0: cannot open shared object file")
        return real_import(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_multimedia)
    a = AudioCues(Settings())
    problems = []
    a.problem.connect(problems.append)
    a.play(Cue("start", "go"))
    a.play(Cue("rep", "1", 1))
    assert problems and "libpulse" in problems[0]
    assert list(a.played) == ["start", "rep"]  # the session went on


def test_spoken_text_is_short_and_plain():
    assert audio_mod.spoken_text(Cue("countdown", "3", 3)) == "3"
    assert audio_mod.spoken_text(Cue("switch_side", "Switch to the right side")) == "Switch sides"
    assert audio_mod.spoken_text(Cue("set_done", "Set 1 done")) is None


def test_window_remembers_its_size(qtbot):
    _c, window = make_window(qtbot, FakeClock())
    window.resize(770, 520)  # the offscreen screen is 800 x 600
    window.move(10, 30)
    window.close()
    _c2, window2 = make_window(qtbot, FakeClock())
    assert (window2.width(), window2.height()) == (770, 520)
    assert (window2.x(), window2.y()) == (window.x(), window.y())


def test_every_control_has_an_accessible_name(qtbot):
    clock = FakeClock()
    _c, window = make_window(qtbot, clock)
    flow = start_by_keyboard(qtbot, window, "Glute med builder")
    while flow.controller.state().phase != Phase.WORK:
        clock.advance((flow.controller.state().remaining_s or 0) + 0.05)
        flow.controller.tick()
    dialog = SettingsDialog(Settings(), window)
    qtbot.addWidget(dialog)
    kinds = (QAbstractButton, QSlider, QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)
    controls = {
        w
        for top in (window, dialog)
        for k in kinds
        for w in top.findChildren(k)
        if not w.objectName().startswith("qt_")
    }  # Qt's own internals (toolbar extension, spin arrows)
    assert len(controls) > 30  # library cards, check-ins, player, settings
    unnamed = [f"{type(w).__name__}:{getattr(w, 'text', lambda: '')()}" for w in controls if not w.accessibleName()]
    assert not unnamed, unnamed


def test_follows_the_system_switching_to_dark_and_back(qtbot, monkeypatch):
    """The desktop's colour-scheme signal re-themes the app, charts included. (Offscreen Qt can't change the
    scheme itself, so the test reports the scheme the desktop would and emits Qt's own change signal.)"""
    from PySide6.QtGui import QGuiApplication, QPalette

    from coach.ui import style

    monkeypatch.delenv("COACH_THEME", raising=False)
    _c, window = make_window(qtbot, FakeClock())
    window.show_history()
    hints = QGuiApplication.styleHints()
    assert window.palette().color(QPalette.Window).lightness() > 200
    monkeypatch.setattr(style, "system_is_dark", lambda: True)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    qtbot.waitUntil(lambda: window.palette().color(QPalette.Window).lightness() < 80)
    chart = window.history_view.trends.pain.chart
    qtbot.waitUntil(lambda: chart.backgroundBrush().color().lightness() < 80)  # the charts follow too
    monkeypatch.setattr(style, "system_is_dark", lambda: False)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: chart.backgroundBrush().color().lightness() > 200)


def _break_history(controller) -> None:
    """The history file becomes unusable (here: a folder where the file was)."""
    controller._drop_store()
    for p in paths.db_path().parent.glob("history.sqlite3*"):
        if p.is_file():  # the file, its WAL and shm (not the folder of live-session locks)
            p.unlink()
    paths.db_path().mkdir()


def test_quitting_with_unsaved_work_keeps_it_for_the_next_launch(qtbot):
    clock = FakeClock()
    controller, window = make_window(qtbot, clock)
    told = []
    window._tell_unsaved = told.append  # instead of a modal box
    controller.saver._timer.setInterval(50)
    flow = start_by_keyboard(qtbot, window, "Quick lateral-hip reset", pain=4)
    _break_history(controller)
    clock.advance(155)  # the reading, the roll and its changeover are done: their sets can't be written
    flow.controller.tick()
    qtbot.wait(200)  # a few retries, all failing
    assert controller.saver.failing and controller.saver.pending == 3  # the header again, the roll's two sides
    sid = flow.controller.engine.record.id
    window.close()  # quit mid-session (confirmed by the test helper)
    assert told and "will be added the next time" in told[0]
    assert controller.recovery_path.is_file()
    paths.db_path().rmdir()  # the disk problem is fixed
    controller2, window2 = make_window(qtbot, clock)
    assert controller2.open_store() is None
    assert not controller2.recovery_path.exists()
    with HistoryStore.open(paths.db_path())[0] as store:
        rec = store.get_session(sid)
    assert rec.pain_before == 4 and rec.status == "interrupted"
    assert [(s.kind, s.side, s.skipped) for s in rec.sets] == [  # the plank in progress at quit, cut short
        ("roll", "left", False),
        ("roll", "right", False),
        ("strength", "left", True),
    ]


def test_an_unreadable_recovery_file_is_kept_not_deleted(qtbot):
    controller, _w = make_window(qtbot, FakeClock())
    controller.recovery_path.write_text("{not json")
    assert controller.open_store() is None
    assert not controller.recovery_path.exists()
    assert controller.recovery_path.with_name("unsaved-sessions.json.unreadable").read_text() == "{not json"


def test_settings_dialog_saves_validated_values_and_a_model_file_overrides_the_size(qtbot):
    s = Settings()
    dlg = SettingsDialog(s)
    qtbot.addWidget(dlg)
    assert dlg.variant.isEnabled()
    dlg.model_path.setText("~/models/my.task")
    assert not dlg.variant.isEnabled()  # a chosen file wins: the size choice is greyed out
    dlg.drop.setValue(7.0)
    dlg.marked.setValue(6.0)  # below the flag threshold: raised to it
    dlg.camera_index.setValue(2)
    dlg.accept()
    fresh = Settings()
    assert fresh.get("pose/model_path").endswith("models/my.task") and "~" not in fresh.get("pose/model_path")
    assert fresh.drop_thresholds == (7.0, 7.0) and fresh.get("camera/index") == 2
    dlg2 = SettingsDialog(fresh)
    qtbot.addWidget(dlg2)
    next(b for b in dlg2.findChildren(QPushButton) if b.text() == "Clear").click()
    assert dlg2.variant.isEnabled() and dlg2.model_path.text() == ""


def test_user_routine_text_is_shown_as_typed_not_as_markup(qtbot):
    text = IT_BAND_ROUTINE.replace('"IT band"', '"tfl"').replace(
        'title = "My band roll"', 'title = "Hips <b>& knees</b>"'
    )
    text += (
        '\n[[steps]]\nkind = "strength"\ntitle = "Side plank"\nexercise = "side_plank"\nsets = 1\nhold_seconds = 20\n'
        'per_side = true\nrest_seconds = 10\nillustration = "illustrations/side_plank.svg"\n'
    )
    (paths.user_routines_dir() / "mine.toml").write_text(text.replace("Roll the IT band", "Roll the TFL"))
    _c, window = make_window(qtbot, FakeClock())
    card = next(c for c in window.library.cards if c.routine.id == "my-band-roll")
    labels = [w for w in card.findChildren(QLabel) if "knees" in w.text()]
    assert labels and labels[0].text() == "Hips <b>& knees</b>" and labels[0].textFormat() == Qt.PlainText
