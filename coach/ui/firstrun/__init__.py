"""The first-run flow: what the app is and is not, red flags, usual pain, the programme set-up, a camera framing
check and a suggested start. ``attach(window)`` puts it in the main window (shown at the first launch, and from
Help → Set up again…)."""

from coach.ui.firstrun.flow import FirstRunFlow
from coach.ui.firstrun.hook import attach, open_flow

__all__ = ["FirstRunFlow", "attach", "open_flow"]
