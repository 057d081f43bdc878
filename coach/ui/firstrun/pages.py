"""The first-run pages that only ask: what the app is and is not, the red flags, the clinician advice, the
usual-pain baseline. Each page is a ``Page``: a heading, a scrolling body at most ``MAX_W`` px wide (so it reads
well at 1920×1080 and fits 800×600), and ``next_text`` for the flow's main button."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QSlider, QVBoxLayout, QWidget

from coach.core.pain import pain_words
from coach.ui import style
from coach.ui.firstrun.state import RED_FLAGS
from coach.ui.layout import scrolling_page

MAX_W = 760


label = style.label  # imported from here by the other first-run pages


class Page(QWidget):
    """A heading and a body; subclasses fill ``self.body`` and may set ``next_text`` and ``focus_first``."""

    next_text = "Next"

    def __init__(self, heading: str, parent=None):
        super().__init__(parent)
        self.setAccessibleName(heading)
        _scroll, inner = scrolling_page(self)
        row = QHBoxLayout(inner)
        row.setContentsMargins(24, 18, 24, 12)
        column = QWidget()
        column.setMaximumWidth(MAX_W)
        row.addStretch(1)
        row.addWidget(column, 20)
        row.addStretch(1)
        self.body = QVBoxLayout(column)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(12)
        self.heading = label(heading, scale=1.6, bold=True)
        self.heading.setAccessibleName("Heading")
        self.body.addWidget(self.heading)

    def finish_body(self) -> None:
        self.body.addStretch(1)


class WelcomePage(Page):
    def __init__(self, parent=None):
        super().__init__("Welcome to IT-band coach", parent)
        self.body.addWidget(
            label(
                "<p><b>What it is.</b> A coach for pain on the outside of the knee or hip, for runners, cyclists "
                "and dancers. It guides short foam rolling of the muscles around the IT band (never the band "
                "itself), then the strength work that actually helps, and it can count your reps with your "
                "webcam. Video stays on this computer: nothing is recorded or uploaded.</p>"
                "<p><b>What it is not.</b> It is <b>not a diagnosis</b> and <b>not a substitute for a "
                "clinician</b> (a physiotherapist or a doctor). It can't tell what causes your pain.</p>"
                "<p><b>The rule it follows.</b> Keep pain at or below 3–4 out of 10 while you exercise, let it "
                "settle to your usual level within a few hours, and stop anything that hurts sharply.</p>",
                rich=True,
            )
        )
        self.body.addWidget(
            label("The next few steps take about two minutes. Enter goes on, Esc goes back.", role="muted")
        )
        self.finish_body()


class SafetyPage(Page):
    """The red flags: any ticked sends the person to a clinician first."""

    def __init__(self, parent=None):
        super().__init__("First, a safety check", parent)
        self.body.addWidget(
            label("Do you have any of these now? Tick all that apply; if none do, just go on.", scale=1.05)
        )
        self.boxes: dict[str, QCheckBox] = {}
        for key, text in RED_FLAGS.items():
            box = QCheckBox(text)
            box.setAccessibleName(text)
            self.boxes[key] = box
            self.body.addWidget(box)
        self.body.addWidget(
            label("These can be signs of something exercise won't fix, so they need a clinician's look.", role="muted")
        )
        self.finish_body()
        self.setFocusProxy(next(iter(self.boxes.values())))

    def ticked(self) -> list[str]:
        return [k for k, b in self.boxes.items() if b.isChecked()]

    def set_ticked(self, keys: list[str]) -> None:
        for k, b in self.boxes.items():
            b.setChecked(k in keys)


class ClinicianPage(Page):
    """Shown only when a red flag was ticked: see a clinician before training; browsing stays open."""

    next_text = "Continue the set-up"

    def __init__(self, parent=None):
        super().__init__("Please see a clinician before you train", parent)
        self.which = label(rich=True)
        self.which.setAccessibleName("What you ticked")
        self.body.addWidget(self.which)
        self.body.addWidget(
            label(
                "A physiotherapist or a doctor should look at this before you start rolling or strength work. "
                "You can still look around and read the routines, and you can finish setting up; the coach "
                "will remind you on the Today screen. If it gets worse quickly, seek care today.",
            )
        )
        self.finish_body()

    def show_flags(self, keys: list[str]) -> None:
        items = "".join(f"<li>{escape(RED_FLAGS[k])}</li>" for k in keys if k in RED_FLAGS)
        self.which.setText(f"<p>You told us about:</p><ul>{items}</ul>")


class BaselinePage(Page):
    """The usual pain on a normal day, 0-10, by slider, arrow keys or digits; it may be left unrated."""

    def __init__(self, parent=None):
        super().__init__("Your usual pain", parent)
        self.body.addWidget(
            label(
                "On a normal day, how much does your knee or hip hurt? 0 = no pain, 10 = the worst you can "
                "imagine. The coach compares the next mornings with this to decide when to do more.",
            )
        )
        row = QHBoxLayout()
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, 10)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setAccessibleName("Usual pain from 0 to 10")
        self.value = label(scale=1.4, bold=True)
        self.value.setMinimumWidth(190)
        self.value.setAccessibleName("Usual pain")
        row.addWidget(self.slider, 1)
        row.addWidget(self.value)
        self.body.addLayout(row)
        self.body.addWidget(label("Drag, use the arrow keys or type 0–9. You can leave it unrated.", role="muted"))
        self.finish_body()
        self.rated = False
        self.slider.valueChanged.connect(self._rate)
        self.slider.sliderPressed.connect(lambda: self._rate(self.slider.value()))
        self.setFocusProxy(self.slider)
        self._show()

    @property
    def pain(self) -> int | None:
        return self.slider.value() if self.rated else None

    def set_pain(self, value: int | None) -> None:
        if value is None:
            self.rated = False
            self._show()
            return
        self.slider.setValue(value)
        self._rate(value)

    def _rate(self, _v: int) -> None:
        self.rated = True
        self._show()

    def _show(self) -> None:
        v = self.pain
        self.value.setText("Not rated" if v is None else f"{v} / 10 · {pain_words(v)}")

    def keyPressEvent(self, e) -> None:
        text = e.text()
        if len(text) == 1 and text.isdigit():
            self.set_pain(int(text))
        else:
            super().keyPressEvent(e)
