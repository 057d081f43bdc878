"""Every page of the main window fits an 800 × 600 window with nothing cut off (issue 14, item 5).

The pages are the screenshot tour's (``support.tour_pages``), opened in the real main window on a fake clock;
the checks are the tour's too (``support.layout_checks``). The real-window screenshots are in tests/e2e.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QLayout

from coach.ui.layout import columns_for
from coach.ui.library import CARD_MIN_WIDTH
from support.layout_checks import clipped_labels, horizontal_scrollbars, outside, overlapping
from support.tour_pages import PAGES, Tour, scripted_camera
from support.ui_helpers import FakeClock, make_window

pytestmark = pytest.mark.usefixtures("qapp")
SMALL = (800, 600)


@pytest.fixture
def tour(qtbot):
    clock = FakeClock()
    controller, window = make_window(qtbot, clock)
    scripted_camera(controller)
    t = Tour(window, controller, clock, [])
    yield t
    for d in t.dialogs:  # qtbot closes the window (which saves a running session as interrupted)
        d.close()


@pytest.mark.parametrize("name", [n for n, _ in PAGES])
def test_each_page_fits_800_by_600_with_nothing_cut_off(tour, name):
    opener = dict(PAGES)[name]
    widget = opener(tour)
    window = tour.window
    hint = window.minimumSizeHint()
    assert hint.width() <= SMALL[0] and hint.height() <= SMALL[1], f"{name}: minimum size {hint.toTuple()}"
    window.resize(*SMALL)
    if widget is not window:  # a dialog: at its own size, capped to the small screen (it scrolls inside)
        widget.resize(widget.sizeHint().boundedTo(QSize(*SMALL)))
    tour.settle(80)
    QApplication.processEvents()
    assert widget.width() <= SMALL[0] and widget.height() <= SMALL[1], (name, widget.size().toTuple())
    assert clipped_labels(widget) == []
    assert outside(widget) == []
    assert horizontal_scrollbars(widget) == []
    assert overlapping(widget) == []


def test_the_library_goes_to_one_column_when_two_cards_do_not_fit(tour):
    window = tour.window
    window.show_library()
    window.resize(*SMALL)
    tour.settle(50)
    lib = window.library
    assert lib.columns == 1
    xs = {c.geometry().x() for c in lib.cards}
    assert len(xs) == 1  # every card in the same column
    window.show_today()  # resized while another page is on show, as when the window is maximised on Today
    window.resize(1600, 900)
    tour.settle(50)
    window.show_library()
    tour.settle(50)
    assert lib.columns == 2 and len({c.geometry().x() for c in lib.cards}) == 2
    assert all(c.width() >= CARD_MIN_WIDTH - 20 for c in lib.cards)
    assert horizontal_scrollbars(window) == []


def test_columns_for():
    assert columns_for(2 * 480 + 14, 480, 14) == 2
    assert columns_for(2 * 480 + 13, 480, 14) == 1
    assert columns_for(100, 480, 14) == 1


def test_the_checks_catch_a_cut_off_label(qtbot):
    """The layout checks themselves: a label too small for its words, and a widget out of its window."""
    from PySide6.QtWidgets import QLabel, QWidget

    root = QWidget()
    qtbot.addWidget(root)
    root.resize(200, 100)
    label = QLabel("A sentence much too long for forty pixels", root)
    label.setGeometry(0, 0, 40, 20)
    wrapped = QLabel("Words that wrap onto several lines in a narrow label", root)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 30, 60, 16)
    far = QLabel("x", root)
    far.setGeometry(190, 90, 30, 30)
    root.show()
    cut = clipped_labels(root)
    assert any("much too long" in c for c in cut) and any("Words that wrap" in c for c in cut)
    assert any("'x'" in o for o in outside(root))
    from PySide6.QtWidgets import QHBoxLayout

    box = QWidget(root)
    row = QHBoxLayout(box)
    a, b = QLabel("left"), QLabel("right")
    row.addWidget(a)
    row.addWidget(b)
    box.setGeometry(0, 50, 200, 40)
    box.show()
    assert overlapping(root) == []
    b.setGeometry(a.geometry().translated(5, 0))  # drawn over its neighbour, as a counter over a ring
    assert any("'left'" in o and "'right'" in o for o in overlapping(root))


def test_the_checks_leave_no_layout_item_wrappers_that_could_dangle(qtbot):
    """The overlap check sees widgets in nested layouts, and creates no Python wrapper of a QLayoutItem: such a
    wrapper is kept alive by its layout and dangles once Qt deletes the item (its widget went away). The tour
    segfaulted in shiboken's BindingManager::releaseWrapper after that, and once got a 'QWidgetItem' where
    a QLayout was expected."""
    import shiboken6
    from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayoutItem, QVBoxLayout, QWidget

    def item_wrappers() -> int:
        return sum(isinstance(o, QLayoutItem) and not isinstance(o, QLayout) for o in shiboken6.getAllValidWrappers())

    root = QWidget()
    qtbot.addWidget(root)
    outer = QVBoxLayout(root)
    inner = QHBoxLayout()
    outer.addLayout(inner)
    a, b, c = QLabel("left"), QLabel("right"), QLabel("below")
    inner.addWidget(a)
    inner.addWidget(b)
    outer.addWidget(c)
    root.resize(300, 120)
    root.show()
    before = item_wrappers()
    assert overlapping(root) == []
    b.setGeometry(a.geometry().translated(5, 0))  # a widget in the nested layout is checked too
    assert any("'left'" in o and "'right'" in o for o in overlapping(root))
    assert item_wrappers() == before


def test_a_narrow_history_hides_minor_columns_not_the_routine(tour):
    from coach.ui.history.columns import DROP_ORDER, ROUTINE_MIN_PX
    from coach.ui.history.table_model import ROUTINE
    from support.tour_pages import open_history, open_summary

    open_summary(tour)  # one finished session in the history
    open_history(tour)
    window = tour.window
    table = window.history_view.table
    head = table.horizontalHeader()
    window.resize(1600, 900)
    tour.settle(50)
    assert not any(head.isSectionHidden(c) for c in range(head.count()))
    window.resize(*SMALL)
    tour.settle(50)
    assert head.sectionSize(ROUTINE) >= ROUTINE_MIN_PX
    hidden = [c for c in DROP_ORDER if head.isSectionHidden(c)]
    assert hidden and hidden == list(DROP_ORDER[: len(hidden)])  # the least needed first
    window.resize(1600, 900)
    tour.settle(50)
    assert not any(head.isSectionHidden(c) for c in range(head.count()))


def test_every_step_of_every_routine_fits_800_by_600(tour):
    """Long cues, long titles, education texts: every step of every bundled routine, in an 800 × 600 window."""
    window = tour.window
    window.resize(*SMALL)
    seen = 0
    for routine in tour.controller.library().routines:
        flow = tour.start(routine.title)
        ctl = flow.controller
        for _ in range(len(routine.steps)):
            tour.settle(60)  # the step's new words are laid out (posted layout requests run)
            QApplication.processEvents()
            where = f"{routine.title}, step {ctl.state().step_index + 1} ({ctl.state().phase.value})"
            assert window.size().toTuple() == SMALL, where
            assert clipped_labels(window) == [], where
            assert outside(window) == [], where
            assert overlapping(window) == [], where
            seen += 1
            ctl.skip()
            if not ctl.running:
                break
        tour.home()
    assert seen >= sum(len(r.steps) for r in tour.controller.library().routines) - 5


def test_a_first_launch_fits_the_screen_it_opens_on(qtbot):
    """No saved size: 1280×820, or the screen's free area when that is smaller (offscreen: 800×600). Before,
    a first launch on an 800×600 screen put the set-up's Next button past the right edge."""
    _controller, window = make_window(qtbot, FakeClock())
    free = window.screen().availableGeometry()
    assert free.width() < 1280 or free.height() < 820  # the case that matters: a screen smaller than the default
    assert window.width() <= free.width() and window.height() <= free.height()
    assert window.isMaximized()  # the window manager fits it, frame and all
