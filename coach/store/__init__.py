"""Local session history in SQLite (stdlib only: no Qt, no camera).

``HistoryStore.open(paths.db_path())`` returns the store and, when the old file had to be moved aside
or could not be used, a message for the user. Export with ``coach.store.export``.
"""

from coach.store.db import HistoryStore
from coach.store.errors import CorruptHistory, HistoryReadOnly, HistoryTooNew, StoreError

__all__ = ["CorruptHistory", "HistoryReadOnly", "HistoryStore", "HistoryTooNew", "StoreError"]
