"""The recovery file: sessions (or their unsaved sets) the history could not take yet, as JSON.

Written atomically (temporary file, fsync, rename; mode 0600) the moment a save fails, so a crash loses at
most the set in progress; added to the history at the next launch by ``replay``. A record that can't be
read or that the history refuses (a value out of range) is moved, on its own, to a numbered
``<file>.rejected-N.json``; an unreadable file is kept as ``<file>.unreadable[-N]``. Kept copies are never
overwritten, and the good records still go in.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from coach.core.record import SessionRecord
from coach.store.db import HistoryStore
from coach.store.errors import StoreError
from coach.store.export import load_json
from coach.store.files import free_name
from coach.store.validate import record_problem

log = logging.getLogger(__name__)


def read(path: Path) -> list[SessionRecord]:
    """The readable records of a recovery file ([] if there is none). Raises ValueError if it is unreadable
    as a whole; records that can't be read on their own are skipped here (``replay`` keeps them aside)."""
    return [r for _raw, r, _why in _items(path) if r is not None]


def _items(path: Path) -> list[tuple[object, SessionRecord | None, str | None]]:
    """(raw JSON value, record or None, problem or None) for each entry of the file."""
    try:
        with open(path, encoding="utf-8") as fp:
            data = json.load(fp)
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as err:
        raise ValueError(f"{path} can't be read: {err}") from err
    if not isinstance(data, list):
        raise ValueError(f"{path} can't be read: not a list of sessions")
    out: list[tuple[object, SessionRecord | None, str | None]] = []
    for raw in data:
        try:
            rec = load_json_one(raw)
        except (ValueError, TypeError, KeyError, AttributeError) as err:
            out.append((raw, None, f"{type(err).__name__}: {err}"))
            continue
        why = record_problem(rec)
        out.append((raw, None if why else rec, why))
    return out


def load_json_one(raw: object) -> SessionRecord:
    """One entry of an ``export_json`` list as a record (raises on a wrong shape)."""
    import io

    return load_json(io.StringIO(json.dumps([raw])))[0]


def write(path: Path, records: list[SessionRecord]) -> None:
    """Replace ``path`` with ``records`` atomically (0600); an empty list removes the file."""
    if not records:
        path.unlink(missing_ok=True)
        return
    _write_raw(path, [asdict(r) for r in records])


def _write_raw(path: Path, data: list[Any]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fp:
            json.dump(data, fp, indent=2, ensure_ascii=False)
            fp.write("\n")
            fp.flush()
            os.fsync(fp.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def merge(path: Path, records: list[SessionRecord]) -> None:
    """Put ``records`` in the file, replacing earlier entries of the same sessions and keeping the others
    (an unreadable file is first kept aside under a new name)."""
    try:
        older = read(path)
    except ValueError:
        keep_unreadable(path)
        older = []
    ids = {r.id for r in records}
    write(path, [r for r in older if r.id not in ids] + records)


def forget(path: Path, ids: set[str]) -> None:
    """Remove the entries of sessions ``ids`` (now fully in the history) from the file."""
    if not ids or not path.exists():
        return
    try:
        items = _items(path)
    except ValueError:
        return
    keep = [raw for raw, rec, _why in items if rec is None or rec.id not in ids]
    if len(keep) != len(items):
        if keep:
            _write_raw(path, keep)
        else:
            path.unlink(missing_ok=True)


def keep_unreadable(path: Path) -> Path:
    """Rename an unreadable recovery file to a fresh ``.unreadable`` name (never over an earlier one)."""
    dest = free_name(path.with_name(path.name + ".unreadable"))
    path.replace(dest)
    return dest


def replay(path: Path, store: HistoryStore) -> tuple[int, int]:
    """Add the sessions in the recovery file to the history; returns (added, set aside). Each bad record
    is set aside on its own in a new ``.rejected-N.json`` file; records the history can't take for now
    (locked, disk) stay in the file for the next try; the file is removed once empty."""
    try:
        items = _items(path)
    except ValueError as err:
        log.warning("%s", err)
        keep_unreadable(path)
        return 0, 1
    added, rejected, later = 0, [], []
    for raw, rec, why in items:
        if rec is None:
            rejected.append((raw, why))
            continue
        try:
            store.finish_session(rec)  # inserts the header and any sets the history doesn't have yet
            added += 1
        except StoreError as err:
            if "CHECK" in str(err) or "constraint" in str(err):
                rejected.append((raw, str(err)))
            else:
                later.append(raw)
    if rejected:
        dest = free_name(path.with_name(f"{path.stem}.rejected.json"))
        _write_raw(dest, [raw for raw, _why in rejected])
        log.warning(
            "%d record(s) of %s could not be added and were kept in %s: %s",
            len(rejected),
            path,
            dest,
            "; ".join(str(why) for _raw, why in rejected),
        )
    if later:
        _write_raw(path, later)
    else:
        path.unlink(missing_ok=True)
    return added, len(rejected)
