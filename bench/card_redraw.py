"""The Today run card's redraw timed two ways in one process, for ``bench/five_years.py`` (which imports it in its
measuring child): the old way (today's plan made again for its running flag, ``has_runs()`` and the whole summary,
with the load walking every run) and the new way (the phase from the programme's state, ``RunsDesk.card``: the
recent runs and the ladder's current streak). Times in milliseconds, wall and CPU (the process's own).
"""

from __future__ import annotations

import statistics
import time
from datetime import timedelta


def _old_card_refresh(card, programme) -> None:
    """The run card as it was drawn before it read only the recent runs: today's whole plan made again for its
    running flag, has_runs() and the whole summary, with the load walking every run (``LOOK_BACK`` made endless)."""
    import importlib

    from coach.core.runs.ladder import ladder_words

    advice_module = importlib.import_module("coach.core.runs.advice")
    plan = programme.plan()
    running_phase = bool(plan is not None and plan.running)
    card._running = running_phase
    look_back, advice_module.LOOK_BACK = advice_module.LOOK_BACK, timedelta(days=10**6)
    try:
        if not (running_phase or card.service.has_runs()):
            card.hide()
            return
        s = card.service.summary()
    finally:
        advice_module.LOOK_BACK = look_back
    if s is None:
        card.hide()
        return
    card.text.setText(ladder_words(s.ladder, card.service.unit))
    card.load.setText(" ".join(s.advice[:2]))
    card.show()


def measure_card_redraw(app, controller, window, n: int = 9) -> dict[str, float]:
    """A Today redraw (the programme's ``changed``: Today's view and the run card), median of ``n``, with the card
    drawn the old way (today's plan made again, every run read) and the new way (the phase from the state, the
    recent runs), alternating, in this one process; and the card's own redraw each way. ``card_same`` is 1.0 when
    both ways show the very same words (and the card shown or not alike), ``card_shown`` when it is shown."""
    from coach.ui.runs.today_card import in_running_phase

    card = window.ladder_card
    new_refresh = card.refresh
    programme = controller.programme
    redraw = {  # what the card does when the programme changes, each way
        "old": lambda: _old_card_refresh(card, programme),
        "new": lambda: new_refresh(in_running_phase(programme.active())),
    }
    times: dict[str, list[float]] = {k: [] for k in ("old", "new", "card_old", "card_new", "cpu_old", "cpu_new")}
    texts: dict[str, tuple[str, str, bool]] = {}
    for _ in range(n):
        for way in ("old", "new"):
            card.refresh = (lambda _running, way=way: redraw[way]()) if way == "old" else new_refresh
            t0, c0 = time.perf_counter(), time.process_time()
            controller.programme.changed.emit()
            app.processEvents()
            window.today.repaint()
            times[way].append((time.perf_counter() - t0) * 1000)
            times[f"cpu_{way}"].append((time.process_time() - c0) * 1000)
            t0 = time.perf_counter()
            redraw[way]()
            times[f"card_{way}"].append((time.perf_counter() - t0) * 1000)
            texts[way] = (card.text.text(), card.load.text(), card.isVisibleTo(window.today))
    card.refresh = new_refresh
    out = {f"redraw_{k}": statistics.median(v) for k, v in times.items()}
    out["card_same"] = float(texts["old"] == texts["new"])
    out["card_shown"] = float(texts["new"][2])
    return out
