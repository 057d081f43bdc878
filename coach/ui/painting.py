"""``guarded_paint``: a ``paintEvent`` that raises must not take the app down later.

An exception escaping a Python ``paintEvent`` is printed by PySide and kept in ``sys.last_traceback``; its
frames keep the method's ``QPainter`` alive, and when that traceback is dropped (the next error printed, a
gc pass) the painter is ended outside the paint event, often on a widget deleted since: a segfault in
``QPainter::end``. The decorator logs the error once per widget and clears the frames at once, so the painter
ends inside its own paint event."""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)


def guarded_paint(method: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    @functools.wraps(method)
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        try:
            method(self, event)
        except Exception as e:
            if not getattr(self, "_paint_error_logged", False):
                self._paint_error_logged = True
                log.error("%s could not be painted:\n%s", type(self).__name__, traceback.format_exc())
            traceback.clear_frames(e.__traceback__)  # the painter ends now, in this paint event

    return paintEvent
