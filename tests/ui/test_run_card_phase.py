"""Today's run card follows the programme's phase (read from its state, not from today's whole plan): shown in
the return-to-run phase before any run is logged, hidden in the other phases and without a programme."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from coach.core.programme.tracker import state_to_json
from support.ui_helpers import FakeClock, make_window

pytestmark = pytest.mark.usefixtures("qapp")


def test_the_card_shows_in_the_running_phase_and_goes_with_the_programme(qtbot):
    clock = FakeClock()
    controller, window = make_window(qtbot, clock)
    window.show_today()
    card, programme = window.ladder_card, controller.programme
    prog = next(p for p in programme.programmes() if any(ph.running for ph in p.phases))
    running = next(i for i, ph in enumerate(prog.phases) if ph.running)
    assert programme.start(prog.id, 2)
    assert not card.isVisibleTo(window.today)  # the first phase, no runs
    state = programme.active()[1]
    store = controller.store()
    for phase, shown in ((running, True), (0, False), (running, True)):
        store.save_programme(state_to_json(replace(state, phase=phase), 0.0), [], time.time())
        programme.changed.emit()  # as a refresh or a morning check does
        assert card.isVisibleTo(window.today) is shown, phase
    assert card.text.text().startswith("Next run: up to 3 km.")
    programme.stop()
    assert not card.isVisibleTo(window.today)
