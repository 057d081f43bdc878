"""Contrast and theme: every text colour of the app's palettes reaches WCAG AA (4.5:1) on the background it is
drawn on, in both themes; control frames stay visible in dark mode; the theme is chosen in Settings.

Ratios are WCAG 2.x: (L1 + 0.05) / (L2 + 0.05) of relative luminances, a translucent colour first blended
over its background (Qt's default placeholder text is the text colour at half alpha)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel

from coach.ui import style
from coach.ui.session.checkin import PainCheckIn
from coach.ui.settings import Settings
from coach.ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.usefixtures("qapp")
AA = 4.5


def _linear(v: float) -> float:
    v /= 255
    return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4


def luminance(c: QColor) -> float:
    return 0.2126 * _linear(c.red()) + 0.7152 * _linear(c.green()) + 0.0722 * _linear(c.blue())


def over(fg: QColor, bg: QColor) -> QColor:
    a = fg.alphaF()
    return QColor(
        *(
            round(f * a + b * (1 - a))
            for f, b in ((fg.red(), bg.red()), (fg.green(), bg.green()), (fg.blue(), bg.blue()))
        )
    )


def ratio(fg: QColor, bg: QColor) -> float:
    hi, lo = sorted((luminance(over(fg, bg)), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_ratio_matches_known_values():
    assert ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert ratio(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    half_black = QColor(0, 0, 0, 128)  # Qt's default placeholder text: grey, 3.9:1 (the old muted text)
    assert 3.5 < ratio(half_black, QColor("#f4f5f7")) < 4.0  # on the light window colour
    assert ratio(style.WARN, QColor("white")) < 3.0  # the amber the warnings used to be written in


def _pairs(pal: QPalette, dark: bool):
    """(name, text colour, background) for every text colour the app draws, on each background it meets."""
    window, base, button = pal.color(QPalette.Window), pal.color(QPalette.Base), pal.color(QPalette.Button)
    yield "text on window", pal.color(QPalette.WindowText), window
    yield "text on base", pal.color(QPalette.Text), base
    yield "button text", pal.color(QPalette.ButtonText), button
    yield "selected text", pal.color(QPalette.HighlightedText), pal.color(QPalette.Highlight)
    yield "primary button", QColor("white"), style.ACCENT
    for bg_name, bg in (("window", window), ("base", base)):  # labels sit on pages and on cards
        yield f"muted on {bg_name}", pal.color(QPalette.PlaceholderText), bg
        yield f"warning on {bg_name}", style.WARN_TEXT[dark], bg
        yield f"link on {bg_name}", pal.color(QPalette.Link), bg


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_colour_reaches_aa_in_both_themes(scheme):
    app = QApplication.instance()
    style.apply(app, scheme)
    pal = app.palette()
    dark = scheme == "dark"
    assert style.is_dark() is dark
    ratios = {name: round(ratio(fg, bg), 2) for name, fg, bg in _pairs(pal, dark)}
    failing = {k: v for k, v in ratios.items() if v < AA}
    assert not failing, f"{scheme}: below {AA}:1: {failing}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_labels_really_use_those_colours(qtbot, scheme):
    """The style sheet paints role=muted and role=warn labels in the checked colours (not the old amber)."""
    style.apply(QApplication.instance(), scheme)
    dark = scheme == "dark"
    checkin = PainCheckIn(before=True)
    qtbot.addWidget(checkin)
    checkin.resize(700, 500)
    checkin.set_pain(8)  # above the guide: a warning
    checkin.show()
    qtbot.waitExposed(checkin)
    assert checkin.zone.property("role") == "warn"
    image = checkin.zone.grab().toImage()
    colours = {QColor(image.pixel(x, y)).name() for y in range(image.height()) for x in range(image.width())}
    assert style.WARN_TEXT[dark].name() in colours
    assert style.WARN.name() not in colours
    muted = [w for w in checkin.findChildren(QLabel) if w.property("role") == "muted"]
    assert muted and all(w.palette().color(w.foregroundRole()) == style.MUTED_TEXT[dark] for w in muted)


def test_dark_mode_draws_a_visible_checkbox_frame_and_notes_border(qtbot):
    style.apply(QApplication.instance(), "dark")
    after = PainCheckIn(before=False)
    before = PainCheckIn(before=True)
    for w in (after, before):
        qtbot.addWidget(w)
        w.resize(700, 520)
        w.show()
        qtbot.waitExposed(w)
    base = after.palette().color(QPalette.Base)

    def frame_contrast(image, points) -> float:
        return max(ratio(QColor(image.pixel(x, y)), base) for x, y in points)

    notes = after.notes.grab().toImage()
    left_edge = [(x, notes.height() // 2) for x in range(0, 3)]
    top_edge = [(notes.width() // 2, y) for y in range(0, 3)]
    assert frame_contrast(notes, left_edge) >= 3.0 and frame_contrast(notes, top_edge) >= 3.0

    box: QCheckBox = before.camera
    image = box.grab().toImage()
    from PySide6.QtWidgets import QStyle, QStyleOptionButton

    opt = QStyleOptionButton()
    box.initStyleOption(opt)
    ind = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, opt, box)
    edge = [(ind.left() + i, ind.center().y()) for i in range(0, 3)]
    assert frame_contrast(image, edge) >= 3.0, "the check box frame melts into the background"


def test_theme_is_a_typed_setting_with_a_safe_default():
    s = Settings()
    assert s.theme == "system"
    s.theme = "dark"
    assert Settings().theme == "dark"
    s.set("ui/theme", "purple")  # a damaged value reads as the default
    assert s.theme == "system"
    with pytest.raises(ValueError):
        s.theme = "purple"


def test_choosing_a_theme_in_settings_applies_it_at_once(qtbot, monkeypatch):
    monkeypatch.delenv("COACH_THEME", raising=False)
    app = QApplication.instance()
    style.apply(app, "light")
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    assert dialog.theme.accessibleName() == "Theme"
    assert [dialog.theme.itemData(i) for i in range(dialog.theme.count())] == ["system", "light", "dark"]
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.accept()
    assert Settings().theme == "dark"
    assert style.is_dark()
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    assert dialog.theme.currentData() == "dark"
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    dialog.accept()
    assert not style.is_dark()


def test_the_app_starts_in_the_chosen_theme_and_coach_theme_overrides_it(qtbot, monkeypatch):
    from coach.ui import app as app_module

    monkeypatch.delenv("COACH_THEME", raising=False)
    Settings().theme = "dark"
    _app, _controller, window = app_module.build()
    qtbot.addWidget(window)
    assert style.is_dark()
    monkeypatch.setenv("COACH_THEME", "light")
    _app, _controller, window2 = app_module.build()
    qtbot.addWidget(window2)
    assert not style.is_dark()


def test_dark_mode_frames_line_edits_and_spin_boxes(qtbot):
    from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QVBoxLayout, QWidget

    style.apply(QApplication.instance(), "dark")
    host = QWidget()
    qtbot.addWidget(host)
    lay = QVBoxLayout(host)
    edit, spin = QLineEdit("x"), QDoubleSpinBox()
    lay.addWidget(edit)
    lay.addWidget(spin)
    host.resize(300, 120)
    host.show()
    qtbot.waitExposed(host)
    host.setFocus()
    base = host.palette().color(QPalette.Base)
    for w in (edit, spin):
        image = w.grab().toImage()
        edge = max(ratio(QColor(image.pixel(x, image.height() // 2)), base) for x in range(0, 3))
        assert edge >= 3.0, f"{type(w).__name__}: its frame melts into the background"


def test_a_chosen_theme_wins_over_the_desktop_switching(qtbot, monkeypatch):
    """Light chosen in Settings: the desktop going dark leaves the app light; "system" follows it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from coach.ui import app as app_module

    monkeypatch.delenv("COACH_THEME", raising=False)
    settings_theme = Settings()
    settings_theme.theme = "light"
    _app, _controller, window = app_module.build()
    qtbot.addWidget(window)
    monkeypatch.setattr(style, "system_is_dark", lambda: True)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not style.is_dark()
    settings_theme.theme = "system"
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert style.is_dark()


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_the_pain_sliders_tick_marks_stand_out_from_the_window(qtbot, scheme):
    """Each of the 11 ticks under the pain slider reaches 3:1 against the window (dark mode's were invisible)."""
    from coach.ui.session.pain_slider import PAD

    style.apply(QApplication.instance(), scheme)
    checkin = PainCheckIn(before=True)
    qtbot.addWidget(checkin)
    checkin.resize(700, 520)
    checkin.show()
    qtbot.waitExposed(checkin)
    slider = checkin.slider
    image = slider.grab().toImage()
    window = slider.palette().color(QPalette.Window)
    dpr = image.devicePixelRatio()
    seen = []
    for v in range(0, 11):  # the PainSlider paints its ticks from PAD + 6 to PAD + 11 px, under the track
        x = round(slider._x(v) * dpr)
        column = [QColor(image.pixel(x, round(y * dpr))) for y in range(int(PAD) + 6, int(PAD) + 11)]
        seen.append(max(ratio(c, window) for c in column))
    assert min(seen) >= 3.0, f"faint ticks: {[round(r, 1) for r in seen]}"


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_a_disabled_primary_button_still_reads(qtbot, scheme):
    """The morning check's Save waits for an answer: greyed out, its label still reaches 3:1 on its background
    (it was window colour on mid grey, about 1.6:1 in dark mode)."""
    from coach.ui.today.morning import MorningCheck

    style.apply(QApplication.instance(), scheme)
    card = MorningCheck()
    qtbot.addWidget(card)
    card.resize(700, 260)
    card.show()
    qtbot.waitExposed(card)
    btn = card.save_btn
    assert not btn.isEnabled()
    image = btn.grab().toImage()
    bg = QColor(image.pixel(5, image.height() // 2))
    h, w = image.height(), image.width()
    best = max(
        ratio(QColor(image.pixel(x, y)), bg) for x in range(w // 4, 3 * w // 4) for y in range(h // 3, 2 * h // 3)
    )
    assert best >= 3.0, f"disabled label at {best:.1f}:1"
