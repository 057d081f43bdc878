"""Several processes open an old (v2/v3) history at the same moment, as `coach history list & coach history
list` or three app windows started together do: the file is migrated once and never moved aside."""

from __future__ import annotations

import multiprocessing as mp

from coach.store import HistoryStore
from reliability.race_worker import old_history, work

RUNS = 50
WORKERS = 3  # one reader and two writers per run


def test_concurrent_opens_of_an_old_history_migrate_once_and_lose_nothing(tmp_path):
    templates = {}
    for version in (2, 3):
        templates[version] = tmp_path / f"template-v{version}.sqlite3"
        old_history(templates[version], version)
    paths = []
    for i in range(RUNS):
        d = tmp_path / f"run{i}"
        d.mkdir()
        paths.append(d / "history.sqlite3")
        paths[-1].write_bytes(templates[2 + i % 2].read_bytes())
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(WORKERS), ctx.Queue()
    procs = [ctx.Process(target=work, args=(w, [str(p) for p in paths], barrier, results)) for w in range(WORKERS)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in range(RUNS * WORKERS)]
    for p in procs:
        p.join(30)
    problems = [o for o in outcomes if o[2] is not None]
    moved = sorted(str(f.relative_to(tmp_path)) for f in tmp_path.glob("run*/*corrupt*"))
    lost = []
    for i, path in enumerate(paths):
        with HistoryStore.open(path, strict=True)[0] as store:
            ids = {r.id for r in store.list_sessions()}
            sets = {r.id: len(r.sets) for r in store.list_sessions()}
        want = {"old-0", "old-1", "old-2"} | {f"w{w}" for w in range(1, WORKERS)}
        if ids != want or set(sets.values()) != {1}:
            lost.append((i, sorted(want - ids)))
    print(
        f"{RUNS} runs x {WORKERS} processes: {len(moved)} moved aside, {len(lost)} runs lost sessions, "
        f"{len(problems)} problems"
    )
    for p in problems[:3]:
        print(p)
    assert moved == [] and lost == [] and problems == [], (moved[:5], lost[:5], problems[:5])
