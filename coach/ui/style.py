"""Look and feel: Fusion style with a light or dark palette that follows the system scheme.

Colours come from the palette, plus three accents that read on both schemes. State is never shown by
colour alone: every coloured badge also carries text or a symbol.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLabel,
    QProxyStyle,
    QSlider,
    QStyle,
    QStyleOptionHeader,
    QWidget,
)

ACCENT = QColor("#2f7d8c")  # teal: progress, primary buttons
WARN = QColor("#d9822b")  # amber: pelvic drop, invalid routine (marks and borders; text uses warn_text())
GOOD = QColor("#3c8d4f")  # green: completed

# Text colours that reach WCAG AA (>= 4.5:1) on the theme's window, base and button colours
# (tests/test_contrast.py computes the ratios). The amber above is only 2.9:1 on white.
WARN_TEXT = {False: QColor("#9c4700"), True: QColor("#eb9a4f")}  # dark orange on light, light amber on dark
MUTED_TEXT = {False: QColor("#555d67"), True: QColor("#a9b0b7")}
FRAME = {False: QColor("#7d858f"), True: QColor("#8a929b")}  # control frames: >= 3:1 (WCAG 1.4.11)

SCHEMES = ("system", "light", "dark")


def _dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e2227"), QColor("#272b31"), QColor("#e8eaed")
    for group in (QPalette.Active, QPalette.Inactive):
        p.setColor(group, QPalette.Window, window)
        p.setColor(group, QPalette.WindowText, text)
        p.setColor(group, QPalette.Base, base)
        p.setColor(group, QPalette.AlternateBase, QColor("#2c3137"))
        p.setColor(group, QPalette.Text, text)
        p.setColor(group, QPalette.Button, QColor("#31363d"))
        p.setColor(group, QPalette.ButtonText, text)
        p.setColor(group, QPalette.ToolTipBase, QColor("#31363d"))
        p.setColor(group, QPalette.ToolTipText, text)
        p.setColor(group, QPalette.PlaceholderText, MUTED_TEXT[True])
        p.setColor(group, QPalette.Highlight, ACCENT)
        p.setColor(group, QPalette.HighlightedText, QColor("#ffffff"))
        p.setColor(group, QPalette.Link, QColor("#7cc4d1"))
        p.setColor(group, QPalette.Mid, QColor("#4a5058"))
        p.setColor(group, QPalette.Midlight, QColor("#3b4047"))  # disabled buttons' frame: quieter than Mid
        p.setColor(group, QPalette.Dark, QColor("#15181b"))
        p.setColor(group, QPalette.Light, QColor("#3b4048"))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, QColor("#80868b"))
    p.setColor(QPalette.Disabled, QPalette.Base, base)
    p.setColor(QPalette.Disabled, QPalette.Window, window)
    p.setColor(QPalette.Disabled, QPalette.Button, QColor("#2b2f35"))
    return p


def _light_palette() -> QPalette:
    p = QApplication.style().standardPalette()
    for group in (QPalette.Active, QPalette.Inactive):
        p.setColor(group, QPalette.Highlight, ACCENT)
        p.setColor(group, QPalette.HighlightedText, QColor("#ffffff"))
        p.setColor(group, QPalette.Window, QColor("#f4f5f7"))
        p.setColor(group, QPalette.Base, QColor("#ffffff"))
        p.setColor(group, QPalette.AlternateBase, QColor("#f0f2f4"))
        # Qt's default is the text colour at half alpha: grey #808080 on white, 3.9:1
        p.setColor(group, QPalette.PlaceholderText, MUTED_TEXT[False])
        p.setColor(group, QPalette.Link, QColor("#1a5a9e"))
    return p


def chosen(theme: str) -> str:
    """The scheme to apply for the theme chosen in Settings: ``COACH_THEME``, when set, overrides it."""
    return os.environ.get("COACH_THEME") or theme


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def is_dark(widget: QWidget | None = None) -> bool:
    """True when the palette in use is dark (judged from the window colour)."""
    pal = widget.palette() if widget is not None else QGuiApplication.palette()
    return pal.color(QPalette.Window).lightness() < 128


def apply(app: QApplication, scheme: str = "system") -> None:
    """Fusion style and a palette for ``scheme`` ("system" follows the desktop's light/dark setting)."""
    if not isinstance(app.style(), _FramedStyle):
        app.setStyle(_FramedStyle("Fusion"))
    dark = system_is_dark() if scheme not in ("light", "dark") else scheme == "dark"
    app.setPalette(_dark_palette() if dark else _light_palette())
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(stylesheet(dark))


_scheme_getter = [lambda: "system"]  # the latest app build's theme source (its Settings, or COACH_THEME)


def follow_system(app: QApplication, scheme_getter) -> None:
    """Re-apply the palette when the desktop switches between light and dark (connected once per app; the
    theme is read through the ``scheme_getter`` of the latest call, so a rebuilt app reads its own settings)."""
    _scheme_getter[0] = scheme_getter
    if app.property("coach_follows_scheme"):
        return
    app.setProperty("coach_follows_scheme", True)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: apply(app, _scheme_getter[0]()))


def icon(widget: QWidget, which: QStyle.StandardPixmap) -> QIcon:
    """A standard icon recoloured to the widget's button-text colour, so it reads on dark palettes too."""
    base = widget.style().standardIcon(which)
    colour = widget.palette().color(QPalette.ButtonText)
    out = QIcon()
    for size in (16, 24, 32, 48):
        src = base.pixmap(size, size)
        tinted = QPixmap(src.size())
        tinted.setDevicePixelRatio(src.devicePixelRatio())
        tinted.fill(Qt.transparent)
        p = QPainter(tinted)
        p.drawPixmap(0, 0, src)
        p.setCompositionMode(QPainter.CompositionMode_SourceIn)
        p.fillRect(tinted.rect(), colour)
        p.end()
        out.addPixmap(tinted)
    return out


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    f = QFont(widget.font())
    f.setPointSizeF(max(6.0, f.pointSizeF() * factor))
    f.setBold(bold)
    return f


def label(text: str = "", *, rich: bool = False, role: str = "", scale: float = 1.0, bold: bool = False) -> QLabel:
    """A wrapping label; plain text unless ``rich`` (user routines' words are never markup); ``role`` picks a
    palette role from the style sheet ("muted", "warn"...); ``scale`` the font size against the widget's."""
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if role:
        lab.setProperty("role", role)
    if scale != 1.0 or bold:
        lab.setFont(scaled_font(lab, scale, bold=bold))
    return lab


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """Blend of two colours, t in 0..1 (0 = a)."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


# Palette-relative rules; accents are the fixed colours above, text colours per theme (stylesheet()).
_RULES = f"""
QPushButton {{ padding: 6px 14px; border-radius: 6px; border: 1px solid palette(mid); background: palette(button); }}
QPushButton:hover {{ border-color: {ACCENT.name()}; }}
QPushButton:pressed {{ background: palette(mid); }}
QPushButton:focus {{ border: 2px solid palette(highlight); }}
QPushButton:disabled {{ border-color: palette(midlight); }}
QPushButton[primary="true"] {{ background: {ACCENT.name()}; color: white; font-weight: bold;
    border: 1px solid {ACCENT.darker(120).name()}; }}
QPushButton[primary="true"]:hover {{ background: {ACCENT.lighter(112).name()}; }}
QPushButton[primary="true"]:disabled {{ background: palette(button); color: palette(placeholder-text);
    border: 1px solid palette(mid); }}
QFrame#card {{ background: palette(base); border: 1px solid palette(mid); border-radius: 10px; }}
QFrame#card[invalid="true"] {{ border: 2px dashed {WARN.name()}; }}
QLabel[role="muted"] {{ color: palette(placeholder-text); }}
QLabel[role="badge"] {{ border: 1px solid palette(mid); border-radius: 8px; padding: 1px 8px; }}
QPlainTextEdit, QTextEdit {{ border: 1px solid @frame; border-radius: 4px; padding: 3px;
    background: palette(base); }}
QPlainTextEdit:focus, QTextEdit:focus {{ border: 2px solid palette(highlight); }}
QToolButton#nav {{ padding: 6px 14px; border: none; border-radius: 6px; }}
QToolButton#nav:checked {{ background: palette(highlight); color: palette(highlighted-text); }}
"""


def stylesheet(dark: bool) -> str:
    """The app's style sheet for a light or dark palette (warning text and frames differ per theme)."""
    return _RULES.replace("@frame", FRAME[dark].name()) + (
        f'QLabel[role="warn"] {{ color: {WARN_TEXT[dark].name()}; font-weight: bold; }}\n'
    )


STYLESHEET = stylesheet(False)


class _FramedStyle(QProxyStyle):
    """Fusion, with the frames of check boxes, radio buttons, line edits and spin boxes drawn in a colour that
    stands out from the base (Fusion derives them from the window colour: on the dark palette they vanish)."""

    _INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorRadioButton)

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802 (Qt's name)
        super().drawPrimitive(element, option, painter, widget)
        if element in self._INDICATORS:
            self._frame(painter, option, round_=element == QStyle.PrimitiveElement.PE_IndicatorRadioButton)
        elif (
            element == QStyle.PrimitiveElement.PE_FrameLineEdit
            and not isinstance(widget, QAbstractSpinBox)
            and not option.state & QStyle.StateFlag.State_HasFocus
        ):  # Fusion's focus frame stays
            self._frame(painter, option)

    def drawComplexControl(self, control, option, painter, widget=None) -> None:  # noqa: N802 (Qt's name)
        super().drawComplexControl(control, option, painter, widget)
        if (
            control == QStyle.ComplexControl.CC_SpinBox
            and getattr(option, "frame", True)
            and not option.state & QStyle.StateFlag.State_HasFocus
        ):
            self._frame(painter, option)
        elif control == QStyle.ComplexControl.CC_Slider and option.subControls & QStyle.SubControl.SC_SliderTickmarks:
            self._ticks(painter, option, widget)

    def _ticks(self, painter: QPainter, option, widget) -> None:
        """A horizontal slider's tick marks again, where Fusion puts them, in the frame colour (Fusion's are the
        window colour darkened: on the dark palette they vanish)."""
        if option.orientation != Qt.Horizontal or option.tickPosition == QSlider.NoTicks:
            return
        dark = option.palette.color(QPalette.Window).lightness() < 128
        tick = self.pixelMetric(QStyle.PixelMetric.PM_SliderTickmarkOffset, option, widget)
        length = self.pixelMetric(QStyle.PixelMetric.PM_SliderLength, option, widget)
        interval = option.tickInterval if option.tickInterval > 0 else max(1, option.singleStep)
        painter.save()
        painter.setPen(QPen(FRAME[dark], 1))
        r = option.rect
        for v in range(option.minimum, option.maximum + 1, interval):
            x = (
                r.x()
                + length // 2
                + QStyle.sliderPositionFromValue(
                    option.minimum, option.maximum, v, r.width() - length, option.upsideDown
                )
            )
            extra = 1 if v in (option.minimum, option.maximum) else 2
            if option.tickPosition in (QSlider.TicksBelow, QSlider.TicksBothSides):
                painter.drawLine(x, r.bottom() - extra, x, r.bottom() - tick)
            if option.tickPosition in (QSlider.TicksAbove, QSlider.TicksBothSides):
                painter.drawLine(x, r.top() + extra, x, r.top() + tick)
        painter.restore()

    @staticmethod
    def _frame(painter: QPainter, option, round_: bool = False) -> None:
        dark = option.palette.color(QPalette.Base).lightness() < 128
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(FRAME[dark], 1.2))
        painter.setBrush(Qt.NoBrush)
        r = QRectF(option.rect).adjusted(0.6, 0.6, -0.6, -0.6)
        if round_:
            painter.drawEllipse(r)
        else:
            painter.drawRoundedRect(r, 2, 2)
        painter.restore()


class _SortArrowStyle(QProxyStyle):
    """The app's style, with a header's sort arrow pointing the way its rows run: ▼ when the first row holds
    the newest or largest value (Qt draws "up" for descending order)."""

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802 (Qt's name)
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(option, QStyleOptionHeader):
            flipped = QStyleOptionHeader(option)
            up, down = QStyleOptionHeader.SortIndicator.SortUp, QStyleOptionHeader.SortIndicator.SortDown
            flipped.sortIndicator = (
                down if option.sortIndicator == up else up if option.sortIndicator == down else option.sortIndicator
            )
            option = flipped
        super().drawPrimitive(element, option, painter, widget)


def sort_arrows_follow_rows(header: QWidget) -> None:
    """Make ``header`` (a QHeaderView) draw ▼ for descending order, ▲ for ascending."""
    style = _SortArrowStyle(QApplication.style().name())
    style.setParent(header)  # lives as long as the header
    header.setStyle(style)
