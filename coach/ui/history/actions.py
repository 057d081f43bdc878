"""The History tab's actions: delete the selected session, export every session (CSV or JSON).

``HistoryActions`` is mixed into ``HistoryView`` (which supplies ``controller``, ``message`` and
``selected_record``). Its dialogs sit behind the hooks ``_confirm_delete`` and ``_ask_export_path`` so tests
can answer them without a modal loop. Dates shown are local (``fmt_date``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from coach.core.record import SessionRecord
from coach.store.errors import StoreError
from coach.store.safe_write import file_target
from coach.ui.dialogs import ask
from coach.ui.history.table_model import fmt_date

FILTERS = {"csv": "CSV files (*.csv)", "json": "JSON files (*.json)"}


class HistoryActions:
    """Delete and export for ``HistoryView`` (see the module docstring)."""

    # ---- actions ----------------------------------------------------------------------------------
    def delete_selected(self) -> bool:
        """Ask, then delete the selected session; True when it was deleted."""
        r = self.selected_record()
        if r is None or not self._confirm_delete(r):
            return False
        if not self.controller.delete(r.id):
            return False
        self.message.show_message(f"Deleted the session of {fmt_date(r.started_at)} ({r.routine_title}).", "info")
        return True

    def export(self, fmt: str) -> int:
        """Ask for a file and export every session as ``fmt`` ("csv" | "json"); sessions written, or -1."""
        path = self._ask_export_path(fmt)
        if path is None:
            return -1
        try:  # ".csv" added to a bare new or regular file's name only: never "/dev/null.csv"
            path = file_target(path, f".{fmt}", "export", bare_only=True)
        except StoreError as err:
            self.message.show_message(str(err), "error")
            return -1
        n = self.controller.export(path, fmt)
        if n >= 0:
            runs = f", and {self.controller.runs_note}" if getattr(self.controller, "runs_note", "") else ""
            self.message.show_message(f"Exported {n} session{'s' if n != 1 else ''} to {path}{runs}", "info")
        return n

    # ---- dialog hooks (tests override these) --------------------------------------------------------
    def _confirm_delete(self, record: SessionRecord) -> bool:
        return ask(
            self,
            "Delete session?",
            f"Delete the session of {fmt_date(record.started_at)} ({record.routine_title}) with all its sets?\n"
            "This can't be undone.",
            "Delete",
            "Keep it",
        )

    def _ask_export_path(self, fmt: str) -> Path | None:
        default = Path.home() / f"coach-history-{date.today():%Y-%m-%d}.{fmt}"
        name, _ = QFileDialog.getSaveFileName(self, f"Export history as {fmt.upper()}", str(default), FILTERS[fmt])
        return Path(name) if name else None
