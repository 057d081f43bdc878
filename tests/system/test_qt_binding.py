"""The Qt binding itself must be sound: PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every
call of a method that returns nothing, and the app dies with "none_dealloc" within seconds of a session.
This catches such a wheel before a user does (pyproject.toml excludes the known-bad release)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QWidget


def test_void_qt_calls_keep_none_alive(qapp):
    label, widget = QLabel("x"), QWidget()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("abc")
        widget.setVisible(False)
        widget.update()
    # 6000 void calls: a sound binding leaves None's count where it was (a few refs of slack for the
    # interpreter itself); the broken wheel loses exactly one per call.
    assert abs(sys.getrefcount(None) - before) < 100
