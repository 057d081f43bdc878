"""Helpers for the app-level Qt tests: a fake clock, the app built on it, and a keyboard-driven session."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from coach.core.session import Phase


class FakeClock:
    """Monotonic and wall clocks that only move when told to (seconds)."""

    def __init__(self, wall0: float = 1_760_000_000.0):
        self.t = 0.0
        self.wall0 = wall0

    def __call__(self) -> float:
        return self.t

    def wall(self) -> float:
        return self.wall0 + self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def _shown(qtbot, clock: FakeClock, size: tuple[int, int] | None, options: dict):
    """The real main window (as ``coach`` builds it) on a fake clock, shown and active."""
    from coach.ui.app import build
    from coach.ui.app_controller import LaunchOptions

    _app, controller, window = build(options=LaunchOptions(**options), clock=clock, wall=clock.wall)
    window._confirm_quit = lambda: True  # qtbot closes the window at teardown: no modal question then
    window._tell_unsaved = lambda note: None  # nor a modal warning
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # shortcuts need an active window and a focus widget, as for a user
        if size is not None:
            window.resize(*size)
        window.show()
        window.activateWindow()
    return controller, window


def make_window(qtbot, clock: FakeClock, **options):
    """The real main window on a fake clock, shown, on the library (the tests start routines from there)."""
    controller, window = _shown(qtbot, clock, None, options)
    window.show_library()
    return controller, window


def first_launch_window(qtbot, clock: FakeClock | None = None, **options):
    """The real main window at 800×600 as a launch shows it (on a first launch: the first-run flow)."""
    return _shown(qtbot, clock or FakeClock(wall0=1_767_600_000.0), (800, 600), options)


def key(widget, k, times: int = 1) -> None:
    for _ in range(times):
        QTest.keyClick(widget, k)


def card(window, title: str):
    return next(c for c in window.library.cards if c.routine.title == title)


def start_by_keyboard(qtbot, window, title: str, pain: int = 2):
    """Focus the routine's Start button, press Space, set pain with the arrow keys, press Return."""
    btn = card(window, title).button
    btn.setFocus()
    key(btn, Qt.Key_Space)
    flow = window.flow
    assert flow is not None and flow.currentWidget() is flow.before
    qtbot.waitUntil(lambda: flow.before.slider.hasFocus())
    key(flow.before.slider, Qt.Key_Right, pain)
    flow.before.camera.setChecked(False)
    key(flow.before.slider, Qt.Key_Return)
    qtbot.waitUntil(lambda: flow.player is not None and flow.currentWidget() is flow.player)
    qtbot.waitUntil(lambda: flow.player.hasFocus())
    return flow


def play_to_end(flow, clock: FakeClock, max_steps: int = 2000) -> list[Phase]:
    """Play the running session by keyboard: + for every rep, waiting out timed phases on the fake clock.
    Returns the phases seen, in order."""
    player, ctl = flow.player, flow.controller
    seen: list[Phase] = []
    for _ in range(max_steps):
        s = ctl.state()
        if not seen or seen[-1] != s.phase:
            seen.append(s.phase)
        if s.phase == Phase.FINISHED:
            return seen
        if s.phase == Phase.WORK:
            key(player, Qt.Key_Plus)
        else:
            clock.advance((s.remaining_s or 0.0) + 0.05)
            ctl.tick()
    raise AssertionError(f"session did not finish; phases seen: {seen}")
