"""The routine library: a card per routine (illustration, title, level, duration, rolled targets, summary,
Start), and a card per user routine that failed to load, listing its problems instead of hiding it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from coach.core.routines import ROLL_TARGETS, RoutineFailure
from coach.core.routines.model import RollStep, Routine
from coach.ui import style
from coach.ui.illustration import Illustration
from coach.ui.layout import columns_for

CARD_MIN_WIDTH = 480  # px: below two of these side by side, the cards go in one column


def minutes_text(r: Routine) -> str:
    return f"≈ {r.estimated_minutes} min"


def card_picture(r: Routine) -> str | None:
    """The routine's first roll illustration (the signature of a roll-then-load routine), else its first."""
    for s in r.steps:
        if isinstance(s, RollStep):
            return s.illustration
    return r.steps[0].illustration if r.steps else None


def short_target(key: str) -> str:
    return ROLL_TARGETS.get(key, key).split(" (")[0]


class RoutineCard(QFrame):
    start = Signal(object)  # Routine
    preview = Signal(object)  # Routine: the card was clicked, or Enter pressed on it

    def __init__(self, r: Routine, parent=None):
        super().__init__(parent)
        self.routine = r
        self.setObjectName("card")
        self.setAccessibleName(f"Routine: {r.title}")
        self.setAccessibleDescription("Press Enter or click for a preview")
        self.setFocusPolicy(Qt.StrongFocus)
        self.setCursor(Qt.PointingHandCursor)
        self.setStyleSheet(f"QFrame#card:focus {{ border: 2px solid {style.ACCENT.name()}; }}")  # keyboard focus
        lay = QHBoxLayout(self)
        lay.setContentsMargins(14, 12, 14, 12)
        lay.setSpacing(14)
        pic = Illustration(card_picture(r), min_size=QSize(195, 130))
        pic.setMaximumWidth(240)
        lay.addWidget(pic)
        col = QVBoxLayout()
        title = QLabel(r.title)
        title.setTextFormat(Qt.PlainText)  # user routines' words are shown as typed, never as markup
        title.setFont(style.scaled_font(self, 1.2, bold=True))
        title.setWordWrap(True)
        col.addWidget(title)
        meta = QHBoxLayout()
        for text, name in (
            (r.level.capitalize(), "Level"),
            (minutes_text(r), "Duration"),
            ("Your routine" if not r.bundled else "", "Source"),
        ):
            if text:
                b = QLabel(text)
                b.setProperty("role", "badge")
                b.setAccessibleName(f"{name}: {text}")
                meta.addWidget(b)
        meta.addStretch(1)
        col.addLayout(meta)
        targets = ", ".join(short_target(t) for t in r.roll_targets) or "no rolling"
        rolls = QLabel(f"<b>Rolls:</b> {escape(targets)}")
        rolls.setAccessibleName(f"Rolls: {targets}")
        col.addWidget(rolls)
        summary = QLabel(r.summary)
        summary.setTextFormat(Qt.PlainText)
        summary.setWordWrap(True)
        summary.setProperty("role", "muted")
        col.addWidget(summary, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.button = QPushButton("Start")
        self.button.setProperty("primary", True)
        self.button.setAccessibleName(f"Start {r.title}")
        self.button.clicked.connect(lambda: self.start.emit(r))
        row.addWidget(self.button)
        col.addLayout(row)
        lay.addLayout(col, 1)

    def mouseReleaseEvent(self, e) -> None:
        if e.button() == Qt.LeftButton and self.rect().contains(e.position().toPoint()):
            self.preview.emit(self.routine)
        super().mouseReleaseEvent(e)

    def keyPressEvent(self, e) -> None:
        if e.key() in (Qt.Key_Return, Qt.Key_Enter) and self.hasFocus():
            self.preview.emit(self.routine)
        else:
            super().keyPressEvent(e)


class FailureCard(QFrame):
    def __init__(self, f: RoutineFailure, parent=None):
        super().__init__(parent)
        self.failure = f
        self.setObjectName("card")
        self.setProperty("invalid", True)
        self.setAccessibleName(f"Routine with problems: {f.path.name}")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 12, 14, 12)
        head = QLabel(f"⚠ {escape(f.path.name)} can't be used yet")
        head.setProperty("role", "warn")
        head.setWordWrap(True)
        lay.addWidget(head)
        where = QLabel(str(f.path))
        where.setProperty("role", "muted")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(where)
        items = "".join(f"<li>{escape(self._issue_text(i))}</li>" for i in f.issues)
        self.errors = QLabel(f"<ul style='margin:0'>{items}</ul>")
        self.errors.setWordWrap(True)
        self.errors.setTextFormat(Qt.RichText)
        self.errors.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.errors.setAccessibleName("Problems")
        lay.addWidget(self.errors)
        fix = QLabel("Fix the file and press Reload. Check it with: coach routines check FILE")
        fix.setProperty("role", "muted")
        fix.setWordWrap(True)
        lay.addWidget(fix)

    @staticmethod
    def _issue_text(issue) -> str:
        parts = [f"step {issue.step}" if issue.step is not None else "", issue.field or ""]
        where = ", ".join(p for p in parts if p)
        return f"{where}: {issue.message}" if where else issue.message


class LibraryView(QWidget):
    startRequested = Signal(object)  # Routine

    def __init__(self, controller, parent=None):
        """``controller`` provides ``library()``, ``reload_library()`` and ``user_routines_dir()``."""
        super().__init__(parent)
        self.controller = controller
        self.setAccessibleName("Routine library")
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 8)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        t = QLabel("Routines")
        t.setFont(style.scaled_font(self, 1.6, bold=True))
        sub = QLabel("Don't roll the IT band: roll the muscles around it, then load them.")
        sub.setProperty("role", "muted")
        titles.addWidget(t)
        titles.addWidget(sub)
        head.addLayout(titles, 1)
        self.folder_btn = QPushButton("Open my routines folder")
        self.folder_btn.setAccessibleName("Open my routines folder")
        self.folder_btn.clicked.connect(self._open_folder)
        self.reload_btn = QPushButton("Reload")
        self.reload_btn.setAccessibleName("Reload routines")
        self.reload_btn.clicked.connect(self.reload)
        head.addWidget(self.folder_btn)
        head.addWidget(self.reload_btn)
        root.addLayout(head)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.scroll.viewport().installEventFilter(self)
        root.addWidget(self.scroll, 1)
        self.cards: list[RoutineCard] = []
        self.failure_cards: list[FailureCard] = []
        self.populate(controller.library())

    def reload(self) -> None:
        self.populate(self.controller.reload_library())

    def populate(self, lib) -> None:
        inner = QWidget()
        self.grid = QGridLayout(inner)
        self.grid.setContentsMargins(0, 8, 8, 8)
        self.grid.setSpacing(14)
        self.cards = [RoutineCard(r) for r in lib.routines]
        self.failure_cards = [FailureCard(f) for f in lib.failures]
        for c in self.cards:
            c.start.connect(self.startRequested)
            c.preview.connect(self.open_preview)
        self.problems_label = None
        if self.failure_cards:
            self.problems_label = QLabel(f"Routines with problems ({len(self.failure_cards)})")
            self.problems_label.setFont(style.scaled_font(self, 1.15, bold=True))
        self.empty = None
        if not self.cards and not self.failure_cards:  # nothing to show: say why, and where routines go
            self.empty = QLabel(
                "No routines found. Put routine files (.toml) in your routines folder, then press Reload."
            )
            self.empty.setWordWrap(True)
            self.empty.setAlignment(Qt.AlignCenter)
            self.empty.setAccessibleName("No routines")
            self.grid.addWidget(self.empty, 0, 0, 1, 2)
        self.folder_btn.setProperty("primary", self.empty is not None)  # the way out of an empty library
        self.folder_btn.style().unpolish(self.folder_btn)
        self.folder_btn.style().polish(self.folder_btn)
        self.columns = 0
        self.scroll.setWidget(inner)
        self._reflow()

    def _reflow(self) -> None:
        """Two columns of cards when they fit side by side at CARD_MIN_WIDTH, else one (never a sideways
        scroll bar)."""
        width = self.scroll.viewport().width() - 8
        n = columns_for(width, CARD_MIN_WIDTH, self.grid.spacing())
        if n == self.columns:
            return
        self.columns = n
        grid = self.grid
        for w in [*self.cards, *self.failure_cards, self.problems_label]:
            if w is not None:
                grid.removeWidget(w)
        for i in range(grid.rowCount()):
            grid.setRowStretch(i, 0)
        for i, c in enumerate(self.cards):
            grid.addWidget(c, i // n, i % n)
        row = (len(self.cards) + n - 1) // n
        if self.problems_label is not None:
            grid.addWidget(self.problems_label, row, 0, 1, n)
            for j, c in enumerate(self.failure_cards):
                grid.addWidget(c, row + 1 + j // n, j % n)
            row += 1 + (len(self.failure_cards) + n - 1) // n
        grid.setRowStretch(row, 1)
        for col in range(2):
            grid.setColumnStretch(col, 1 if col < n else 0)

    def eventFilter(self, obj, e) -> bool:  # noqa: N802 (Qt's name)
        """The scroll area's viewport was resized (its width is final then, unlike in our own resizeEvent)."""
        if obj is self.scroll.viewport() and e.type() == QEvent.Type.Resize:
            self._reflow()
        return False

    def open_preview(self, routine: Routine) -> None:
        """The routine's preview (steps, kit, time, why); its Start starts the routine."""
        from coach.ui.preview import RoutinePreview

        dlg = RoutinePreview(routine, self)
        dlg.start.connect(self.startRequested)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: setattr(self, "preview_dialog", None))
        self.preview_dialog: RoutinePreview | None = dlg
        dlg.open()

    def _open_folder(self) -> None:
        """Open the folder in the file manager; where there is none, show its path with a Copy button."""
        folder = self.controller.user_routines_dir()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self._show_folder(folder)

    def _show_folder(self, folder) -> None:
        from coach.ui.dialogs import FolderDialog

        why = "No file manager opened it. Your own routines (.toml files) go in this folder:"
        self.folder_dialog = FolderDialog(folder, why, self)
        self.folder_dialog.open()
