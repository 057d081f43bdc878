"""The routine preview (click or Enter on a card; steps, doses, kit, time, why; Start / Close) and the question
Start asks at pain >= 7/10 (a calmer routine, rolling only, anyway, back)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from coach import paths
from coach.core.routines.model import RollStep, StrengthStep
from coach.ui.preview import dose_text
from coach.ui.session.gentler import HIGH_PAIN, calmer_routine, gentler_options, question, rolling_only
from support.ui_helpers import FakeClock, card, key, make_window

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def window(qtbot):
    _controller, win = make_window(qtbot, FakeClock())
    return win


def routines():
    return paths.load_routines().routines


def by_id(rid: str):
    return next(r for r in routines() if r.id == rid)


# ---------------------------------------------------------------- preview
def test_clicking_a_card_opens_its_preview_with_steps_kit_time_and_why(qtbot, window):
    c = card(window, "Glute med builder")
    QTest.mouseClick(c, Qt.LeftButton, pos=QPoint(c.width() - 30, 20))
    dlg = window.library.preview_dialog
    assert dlg is not None and dlg.isVisible() and dlg.routine.id == "glute-med-builder"
    r = dlg.routine
    assert len(dlg.rows) == len(r.steps)
    assert [row.step for row in dlg.rows] == list(r.steps)
    kit = dlg.kit.text()
    for word in ("Foam roller", "Mini band", "Chair", "Wall"):
        assert word in kit
    assert f"about {r.estimated_minutes} min" in dlg.facts.text() and "3 of them strength work" in dlg.facts.text()
    assert dlg.why.text() == r.why and r.why
    walk = next(row for row in dlg.rows if getattr(row.step, "exercise", "") == "lateral_band_walk")
    assert "3 × 12 steps each way" in walk.dose.text()
    assert all(row.picture.isVisible() for row in dlg.rows)
    dlg.close_btn.click()
    assert window.flow is None  # Close starts nothing


def test_enter_on_a_focused_card_opens_the_preview_and_its_start_starts_the_routine(qtbot, window):
    c = card(window, "Quick lateral-hip reset")
    c.setFocus()
    qtbot.waitUntil(c.hasFocus)
    key(c, Qt.Key_Return)
    dlg = window.library.preview_dialog
    assert dlg is not None and dlg.routine.id == "lateral-hip-reset" and dlg.start_btn.isDefault()
    key(dlg, Qt.Key_Return)  # the default button: Start
    assert window.flow is not None and window.flow.routine.id == "lateral-hip-reset"
    assert not dlg.isVisible()


def test_the_start_button_on_a_card_still_starts_without_a_preview(qtbot, window):
    card(window, "Gentle start").button.click()
    assert window.flow is not None and window.library.__dict__.get("preview_dialog") is None


def test_dose_words():
    r = by_id("lateral-hip-reset")
    roll = next(s for s in r.steps if isinstance(s, RollStep))
    plank = next(s for s in r.steps if isinstance(s, StrengthStep))
    assert dose_text(roll) == f"{roll.seconds_per_side} s per side"
    assert dose_text(plank).startswith(f"{plank.sets} × {plank.hold_seconds} s hold per side")


# ---------------------------------------------------------------- high pain
def test_gentler_options_are_a_calmer_routine_and_this_routines_rolling():
    full = by_id("runners-full-session")
    opts = gentler_options(full, routines())
    assert opts["calmer"].id == "gentle-start"
    roll = opts["rolling"]
    assert roll.id == "runners-full-session-rolling-only" and roll.title.endswith("rolling only")
    assert not any(isinstance(s, StrengthStep) for s in roll.steps)
    assert [s for s in roll.steps if isinstance(s, RollStep)] == [s for s in full.steps if isinstance(s, RollStep)]
    gentle = by_id("gentle-start")
    assert calmer_routine(gentle, routines()) is None  # nothing is calmer than the calm routine
    assert rolling_only(rolling_only(full)) is None
    assert gentler_options(gentle, routines()).keys() == {"rolling"}


def test_the_question_names_what_each_button_does(qtbot):
    r = by_id("glute-med-builder")
    dlg = question(None, 8, r, gentler_options(r, routines()))
    qtbot.addWidget(dlg)
    words = {k: b.text() for k, b in dlg.buttons.items()}
    assert words["calmer"].startswith("Start Gentle start instead")
    assert words["rolling"].startswith("Roll only")
    assert words["anyway"] == "Start Glute med builder anyway" and words["back"] == "Go back"
    assert dlg.buttons["calmer"].isDefault()
    dlg.show()
    key(dlg, Qt.Key_Escape)
    assert dlg.answer == "back"
    dlg.buttons["rolling"].click()
    assert dlg.answer == "rolling"


@pytest.mark.parametrize("answer", ["calmer", "rolling", "anyway", "back"])
def test_start_at_high_pain_asks_first_and_plays_the_choice(qtbot, window, answer):
    card(window, "Glute med builder").button.click()
    flow = window.flow
    asked = []

    def ask(pain):
        asked.append(pain)
        options = gentler_options(flow.routine, routines())
        return answer, options.get(answer, flow.routine)

    flow._ask_gentler = ask
    flow.before.camera.setChecked(False)
    flow.before.set_pain(8)
    key(flow.before.slider, Qt.Key_Return)
    assert asked == [8]
    if answer == "back":
        assert flow.player is None and flow.currentWidget() is flow.before
        flow.before.set_pain(HIGH_PAIN - 1)  # below the line: no question
        key(flow.before.slider, Qt.Key_Return)
        assert asked == [8] and flow.player is not None
        return
    expected = {"calmer": "gentle-start", "rolling": "glute-med-builder-rolling-only", "anyway": "glute-med-builder"}
    assert flow.player is not None and flow.controller.routine.id == expected[answer]
    assert flow.controller.running
    assert flow.player.title.text() == flow.controller.routine.title
