"""Across-the-room mode: F / Ctrl+L over the player, remembered, big enough at 1280×800, keys still work; the
Settings checkbox; spoken counts offered only with a voice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest

from coach.core.routines.model import StrengthStep
from coach.core.session import Phase
from coach.ui.session.across_room import COUNT_MIN_PX, count_text
from coach.ui.settings import Settings
from support.ui_helpers import FakeClock, key, make_window, start_by_keyboard

pytestmark = pytest.mark.usefixtures("qapp")


def to_first_rep_set(flow) -> None:
    ctl = flow.controller
    for _ in range(40):
        s = ctl.state()
        if isinstance(s.step, StrengthStep) and s.phase == Phase.WORK:
            return
        key(flow.player, Qt.Key_Right)
    raise AssertionError("no rep set reached")


@pytest.fixture
def session(qtbot):
    _controller, window = make_window(qtbot, FakeClock())
    window.resize(1280, 800)
    flow = start_by_keyboard(qtbot, window, "Glute med builder")
    to_first_rep_set(flow)
    return window, flow


def test_f_shows_the_large_view_and_it_is_remembered(qtbot, session):
    window, flow = session
    player = flow.player
    layer = player.large_text
    assert not layer.isVisible()
    key(player, Qt.Key_F)
    assert layer.isVisible() and layer.geometry() == player.rect()
    assert Settings().get("ui/large_text") is True
    QTest.keyClick(player, Qt.Key_L, Qt.ControlModifier)
    assert not layer.isVisible() and Settings().get("ui/large_text") is False
    QTest.keyClick(player, Qt.Key_L, Qt.ControlModifier)
    assert layer.isVisible()
    assert "F large text" in " ".join(w.text() for w in player.findChildren(type(player.step_label)))


def test_the_count_is_at_least_48_px_at_1280x800_and_follows_the_keys(qtbot, session):
    window, flow = session
    player, layer = flow.player, flow.player.large_text
    key(player, Qt.Key_F)
    qtbot.waitUntil(lambda: layer.height() > 0)
    assert window.width() >= 1280 and window.height() >= 800
    assert layer.count.font().pixelSize() >= COUNT_MIN_PX
    assert QFontMetrics(layer.count.font()).capHeight() >= 0.6 * COUNT_MIN_PX
    s = flow.controller.state()
    assert layer.count.text() == f"Set 1 of {s.sets_total} · 0 / {s.reps_target}"
    key(player, Qt.Key_Plus, 2)  # the player's keys work under the layer
    assert layer.count.text() == f"Set 1 of {s.sets_total} · 2 / {s.reps_target}"
    assert layer.ring.big == f"2/{s.reps_target}"
    assert layer.side.text() == "Lift your left leg; stand on the right"
    assert layer.cue.text() == s.step.cues[0]
    assert layer.cue.font().pixelSize() >= 32 and layer.side.font().pixelSize() >= 36
    key(player, Qt.Key_Space)
    assert flow.controller.state().paused and layer.phase.text() == "Paused"
    key(player, Qt.Key_Space)
    layer.normal_btn.click()
    assert not layer.isVisible()


def test_a_new_session_opens_in_large_text_when_it_was_chosen(qtbot):
    Settings().set("ui/large_text", True)
    _controller, window = make_window(qtbot, FakeClock())
    flow = start_by_keyboard(qtbot, window, "Gentle start")
    assert flow.player.large_text.isVisible()


def test_count_text_for_holds_and_steps_without_sets():
    class S:
        sets_total, set_number, phase, reps_target, hold_target_s, reps_done = 2, 1, Phase.HOLD, None, 20.0, 0

    assert count_text(S()) == "Set 1 of 2 · hold 20 s"
    S.sets_total, S.phase = 0, Phase.ROLL
    assert count_text(S()) == "Roll"


@pytest.mark.parametrize("voice", [True, False])
def test_settings_offers_large_text_always_and_spoken_counts_only_with_a_voice(qtbot, monkeypatch, voice):
    from coach.ui import settings_dialog

    monkeypatch.setattr(settings_dialog, "speech_available", lambda: voice)
    s = Settings()
    assert s.get("audio/speak") is True  # on by default
    dlg = settings_dialog.SettingsDialog(s)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.speak.isVisible() is voice
    assert dlg.large_text.isVisible() and not dlg.large_text.isChecked()
    dlg.large_text.setChecked(True)
    dlg.accept()
    assert Settings().get("ui/large_text") is True
