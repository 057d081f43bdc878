"""Routine TOML files -> validated ``Routine``s; the routine library (bundled + the user's own).

Everything that can go wrong with a file (unreadable, not UTF-8, bad TOML, wrong fields, IT-band
rolling, missing illustration, duplicate id) becomes a ``RoutineIssue``; ``load_routine`` raises
only ``RoutineError`` with all of a file's issues; ``load_library`` never raises for a bad file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.core.routines.fields import MISSING, FieldReader, type_name
from coach.core.routines.issues import RoutineError, RoutineIssue
from coach.core.routines.model import Routine, Step
from coach.core.routines.prescan import NotARegularFile, nesting_problem, read_regular_file
from coach.core.routines.steps import check_roll_then_load, parse_step

MAX_FILE_BYTES = 256 * 1024
MAX_STEPS = 60
LEVELS = ("beginner", "intermediate", "advanced")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TOP_KEYS = ("id", "title", "summary", "why", "level", "tags", "steps")
_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


@dataclass(frozen=True)
class RoutineFailure:
    """A routine file that could not be loaded, with every problem found in it."""

    path: Path
    issues: list[RoutineIssue]


@dataclass
class Library:
    """Valid routines (bundled first, then the user's; by title within each) and the files that failed."""

    routines: list[Routine] = field(default_factory=list)
    failures: list[RoutineFailure] = field(default_factory=list)

    def get(self, routine_id: str) -> Routine | None:
        return next((r for r in self.routines if r.id == routine_id), None)


def read_toml(path: Path, file: str) -> dict[str, Any]:
    """File -> TOML table; raises RoutineError (one issue) when it can't be read or parsed."""

    def fail(message: str, fld: str | None = None) -> RoutineError:
        return RoutineError([RoutineIssue(file, None, fld, message)])

    try:
        data = read_regular_file(path, MAX_FILE_BYTES)  # never a FIFO or device; at most the cap + 1 byte
    except NotARegularFile as e:
        raise fail(str(e)) from None
    except FileNotFoundError:
        raise fail("file not found") from None
    except IsADirectoryError:
        raise fail("is a folder, not a routine file") from None
    except (OSError, ValueError) as e:
        raise fail(f"can't be read: {getattr(e, 'strerror', None) or e}") from None
    if len(data) > MAX_FILE_BYTES:
        raise fail(f"file is too large (over {MAX_FILE_BYTES} bytes); is it really a routine?")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise fail(f"is not UTF-8 text (byte 0x{data[e.start]:02x} at line {line}); save it as UTF-8") from None
    deep = nesting_problem(text)
    if deep:
        raise fail(f"refused before parsing: values are nested too deeply ({deep}); a routine needs 2 levels")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = _TOML_POS.search(msg)
        if m:
            where, msg = f"line {m.group(1)}, column {m.group(2)}", _TOML_POS.sub("", msg)
        else:
            where = f"the end of the file (line {text.count(chr(10)) + 1})"
            msg = msg.replace("(at end of document)", "").strip()
        raise fail(f"invalid TOML at {where}: {msg}") from None
    except RecursionError:
        raise fail("invalid TOML: values are nested too deeply") from None


def load_routine(path: Path, *, assets_dir: Path | None, bundled: bool = False) -> Routine:
    """Read and validate one routine file. Raises ``RoutineError`` (only) listing every problem.

    ``assets_dir`` is where illustrations must exist (None: the app's assets were not found, so every
    illustration is reported as unchecked).
    """
    path = Path(path)
    file = str(path)
    data = read_toml(path, file)
    assets = assets_dir
    issues: list[RoutineIssue] = []
    r = FieldReader(data, file=file, step=None, issues=issues, allowed=_TOP_KEYS, what="a routine")
    rid = r.text("id", max_len=64)
    if rid is not MISSING and not _ID.fullmatch(rid):
        r.add("id", f'{rid!r} must use only lower-case letters, digits and single dashes, e.g. "lateral-hip-reset"')
        rid = MISSING
    title = r.text("title", max_len=80)
    summary = r.text("summary", max_len=600)
    why = r.text("why", required=False, default="", max_len=800, allow_empty=True)
    level = r.choice("level", LEVELS)
    tags = r.texts("tags", max_items=12, max_len=40)
    raw_steps = data.get("steps", MISSING)
    steps: list[Step] = []
    if raw_steps is MISSING:
        r.add("steps", "missing (required): add at least one [[steps]] table")
    elif not isinstance(raw_steps, list):
        r.add("steps", f"must be a list of [[steps]] tables, got {type_name(raw_steps)}")
    elif not raw_steps:
        r.add("steps", "is empty: add at least one [[steps]] table")
    elif len(raw_steps) > MAX_STEPS:
        r.add("steps", f"has {len(raw_steps)} steps, at most {MAX_STEPS}")
    else:
        steps = [parse_step(s, number=i, file=file, issues=issues, assets=assets) for i, s in enumerate(raw_steps, 1)]
        check_roll_then_load(raw_steps, file=file, issues=issues)
    if issues:
        raise RoutineError(issues)
    return Routine(
        id=rid,
        title=title,
        summary=summary,
        level=level,
        steps=tuple(steps),
        source=path,
        bundled=bundled,
        tags=tags,
        why=why,
    )


def _routine_files(folder: Path | None) -> list[Path]:
    if folder is None:
        return []
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".toml" and not p.name.startswith("."))
    except OSError:
        return []


def check_files(
    files: list[Path], *, assets_dir: Path | None, bundled: bool = False, library: Library | None = None
) -> Library:
    """Load ``files`` in order into ``library`` (new if None); a later file reusing an id fails."""
    lib = library if library is not None else Library()
    owners = {r.id: r.source for r in lib.routines}
    loaded: list[Routine] = []
    for path in files:
        try:
            routine = load_routine(path, bundled=bundled, assets_dir=assets_dir)
        except RoutineError as e:
            lib.failures.append(RoutineFailure(Path(path), e.issues))
            continue
        if routine.id in owners:
            msg = f"{routine.id!r} is already used by {owners[routine.id]}; routine ids must be unique"
            lib.failures.append(RoutineFailure(Path(path), [RoutineIssue(str(path), None, "id", msg)]))
            continue
        owners[routine.id] = routine.source
        loaded.append(routine)
    lib.routines.extend(sorted(loaded, key=lambda r: (r.title.casefold(), r.id)))
    return lib


def load_library(
    bundled_dir: Path | None,
    user_dir: Path | None,
    *,
    assets_dir: Path | None,
    problems: list[RoutineFailure] | None = None,
) -> Library:
    """Bundled routines, then the user's own; bad files go to ``failures``, after ``problems`` (folders the
    caller couldn't use). ``coach.paths.load_routines()`` gives the app's own folders."""
    lib = check_files(_routine_files(bundled_dir), bundled=True, assets_dir=assets_dir)
    lib.failures[:0] = list(problems or ())
    return check_files(_routine_files(user_dir), library=lib, assets_dir=assets_dir)
