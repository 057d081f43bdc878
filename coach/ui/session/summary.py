"""The end-of-session summary: duration, sets, reps, pelvic-drop flags per side, pain before → after."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coach.core.exercises import EXERCISES, count_word
from coach.core.pain import pain_advice
from coach.core.record import SessionRecord
from coach.ui import style


def duration_text(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    s = int(round(seconds))
    return f"{s // 60} min {s % 60:02d} s" if s >= 60 else f"{s} s"


def _done_text(sets: list) -> str:
    """E.g. "3 done, 1 cut short" (a roll counts per side)."""
    cut = sum(1 for s in sets if s.skipped)
    return f"{len(sets) - cut} done" + (f", {cut} cut short" if cut else "")


def _name(key: str) -> str:
    return EXERCISES[key].name if key in EXERCISES else key


def summary_html(r: SessionRecord) -> str:
    strength = [s for s in r.sets if s.kind == "strength"]
    reps: dict[str, int] = {}
    holds: dict[str, float] = {}
    for s in strength:
        if s.target_reps is not None:
            reps[s.exercise] = reps.get(s.exercise, 0) + s.achieved_reps
        elif s.target_hold_s is not None:
            holds[s.exercise] = holds.get(s.exercise, 0.0) + s.achieved_hold_s
    drops = r.drops_by_side()
    peaks = r.peak_drop_by_side()
    status = "Completed ✓" if r.status == "completed" else "Ended early (saved as interrupted)"
    rows = [
        ("Status", status),
        ("Duration", duration_text(r.duration_s)),
        ("Strength sets", _done_text(strength)),
        (
            "Done",
            f"{r.sets_done} of {r.sets_planned} sets and roll sides ({r.completion:.0%})"
            if r.sets_planned
            else f"{r.steps_done} of {r.steps_total} steps",
        ),
        ("Rolls", _done_text([s for s in r.sets if s.kind == "roll"])),
    ]
    if reps or not holds:
        rows.append(
            (
                "Reps and steps" if any(count_word(k) == "steps" for k in reps) else "Reps",
                f"{sum(reps.values())} in all"
                + "".join(f"<br>&nbsp;&nbsp;{escape(_name(k))}: {v} {count_word(k, v)}" for k, v in reps.items()),
            )
        )
    if holds:
        rows.append(
            (
                "Holds",
                f"{duration_text(sum(holds.values()))} held in all"
                + "".join(f"<br>&nbsp;&nbsp;{escape(_name(k))}: {duration_text(v)}" for k, v in holds.items()),
            )
        )
    flag_text = (
        "none"
        if not (drops["left"] or drops["right"])
        else " · ".join(
            f"standing on {side}: {drops[side]}" + (f" (peak {peaks[side]:.0f}°)" if peaks[side] is not None else "")
            for side in ("left", "right")
        )
    )
    if not r.camera_used:
        flag_text = "not measured (camera off)"
    elif not r.drop_measured:
        flag_text = "not measured (no single-leg rep seen from the front or back)"
    rows.append(("Pelvic-drop flags", flag_text))
    if peaks["left"] is not None and peaks["right"] is not None:
        diff = peaks["left"] - peaks["right"]
        worse = "left" if diff > 0 else "right"
        rows.append(
            (
                "Left / right",
                f"peak drop {peaks['left']:.1f}° standing on the left, {peaks['right']:.1f}° on "
                f"the right" + (f": {abs(diff):.1f}° more on the {worse} leg" if abs(diff) >= 1 else ": even"),
            )
        )
    pb = "–" if r.pain_before is None else f"{r.pain_before}/10"
    pa = "–" if r.pain_after is None else f"{r.pain_after}/10"
    rows.append(("Pain", f"{pb} → {pa}"))
    body = "".join(f"<tr><td style='padding:3px 18px 3px 0'><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
    advice = pain_advice(r.pain_before, r.pain_after, completed=r.status == "completed")
    return f"<table>{body}</table>" + (f"<p>{escape(advice)}</p>" if advice else "")


class SummaryView(QWidget):
    showHistory = Signal(str)  # session id
    done = Signal()

    def __init__(self, record: SessionRecord, parent=None):
        super().__init__(parent)
        self.record = record
        self.setAccessibleName("Session summary")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        card = QFrame()
        card.setObjectName("card")
        card.setMaximumWidth(720)
        lay = QVBoxLayout(card)
        lay.setContentsMargins(28, 22, 28, 22)
        head = "Well done" if record.status == "completed" else "Session saved"
        title = QLabel(f"{head} — {record.routine_title}")
        title.setTextFormat(Qt.PlainText)
        title.setFont(style.scaled_font(self, 1.4, bold=True))
        title.setWordWrap(True)
        lay.addWidget(title)
        self.body = QLabel(summary_html(record))
        self.body.setTextFormat(Qt.RichText)
        self.body.setWordWrap(True)
        self.body.setAccessibleName("Summary")
        lay.addWidget(self.body)
        self.save_state = QLabel("Saving…")
        self.save_state.setProperty("role", "muted")
        self.save_state.setWordWrap(True)
        self.save_state.setAccessibleName("Save status")
        lay.addWidget(self.save_state)
        buttons = QHBoxLayout()
        self.history_btn = QPushButton("See it in history")
        self.history_btn.setAccessibleName("See it in history")
        self.history_btn.clicked.connect(lambda: self.showHistory.emit(record.id))
        self.done_btn = QPushButton("Back to routines")
        self.done_btn.setAccessibleName("Back to routines")
        self.done_btn.setProperty("primary", True)
        self.done_btn.clicked.connect(self.done)
        buttons.addWidget(self.history_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.done_btn)
        lay.addLayout(buttons)
        self.setFocusProxy(self.done_btn)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def set_saved(self, ok: bool, message: str = "") -> None:
        self.save_state.setText("✓ Saved to your history." if ok else f"⚠ {message}")
        self.save_state.setProperty("role", "muted" if ok else "warn")
        self.save_state.style().unpolish(self.save_state)
        self.save_state.style().polish(self.save_state)
