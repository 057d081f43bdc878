"""Property: whatever bytes a routine file holds, ``load_routine`` returns a Routine or raises RoutineError.

Inputs start from the real bundled routines and are mutated at three levels: raw bytes, TOML values and
keys (re-serialised), and arbitrary text. About 200 examples in all.
"""

from __future__ import annotations

import math
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_routines import IT_BAND_SPELLINGS

from coach import paths
from coach.core.routines import RoutineError, load_routine
from coach.core.routines.model import RollStep, Routine
from coach.core.routines.targets import mentions_it_band
from support.routine_files import emit, emit_value, make_assets  # noqa: F401

BUNDLED = sorted(paths.bundled_routines_dir().glob("*.toml"))
SOURCES = [p.read_bytes() for p in BUNDLED]
FUZZ = settings(max_examples=70, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    return root / "routine.toml", make_assets(root / "assets")


def check(path, assets, data: bytes) -> None:
    path.write_bytes(data)
    try:
        r = load_routine(path, assets_dir=assets)
    except RoutineError as e:
        assert e.issues and all(i.file == str(path) and i.message for i in e.issues)
        return
    assert isinstance(r, Routine) and r.steps and math.isfinite(r.estimated_seconds)
    assert not any(isinstance(s, RollStep) and mentions_it_band(s.target) for s in r.steps)


def test_emitter_round_trips_the_bundled_routines(place):
    path, assets = place
    for src in SOURCES:
        doc = tomllib.loads(src.decode())
        assert tomllib.loads(emit(doc)) == doc
        path.write_text(emit(doc))
        assert load_routine(path, assets_dir=assets).steps


scalars = st.one_of(
    st.integers(),
    st.integers(-5, 1000),
    st.floats(),
    st.booleans(),
    st.text(max_size=30),
    st.sampled_from(IT_BAND_SPELLINGS + ["tfl", "side_plank", "roll", "strength", "rest", "front", "any", ""]),
    st.datetimes(),
    st.dates(),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def mutated_doc(draw) -> dict:
    doc = tomllib.loads(draw(st.sampled_from(SOURCES)).decode())
    for _ in range(draw(st.integers(1, 4))):
        steps = doc.get("steps") if isinstance(doc.get("steps"), list) else None
        table = doc
        if steps and draw(st.booleans()) and isinstance(steps[0], dict):
            i = draw(st.integers(0, len(steps) - 1))
            op = draw(st.sampled_from(["table", "drop_step", "dup_step", "swap"]))
            if op == "drop_step":
                steps.pop(i)
                continue
            if op == "dup_step":
                steps.insert(i, dict(steps[i]) if isinstance(steps[i], dict) else steps[i])
                continue
            if op == "swap":
                j = draw(st.integers(0, len(steps) - 1))
                steps[i], steps[j] = steps[j], steps[i]
                continue
            table = steps[i] if isinstance(steps[i], dict) else doc
        keys = sorted(table)
        op = draw(st.sampled_from(["replace", "delete", "add"]))
        if op == "add" or not keys:
            table[draw(st.text(min_size=1, max_size=12))] = draw(values)
        elif op == "delete":
            del table[draw(st.sampled_from(keys))]
        else:
            table[draw(st.sampled_from(keys))] = draw(values)
    return doc


@FUZZ
@given(
    src=st.sampled_from(SOURCES),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["flip", "insert", "delete", "truncate"]), st.integers(0, 10**6), st.integers(0, 255)
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_byte_mutations_only_raise_routine_error(place, src, edits):
    data = bytearray(src)
    for op, pos, byte in edits:
        pos %= max(1, len(data))
        if op == "flip" and data:
            data[pos] ^= byte or 0x80
        elif op == "insert":
            data.insert(pos, byte)
        elif op == "delete" and data:
            del data[pos]
        elif op == "truncate":
            del data[pos:]
    check(*place, bytes(data))


@FUZZ
@given(doc=mutated_doc())
def test_value_and_key_mutations_only_raise_routine_error(place, doc):
    check(*place, emit(doc).encode())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_arbitrary_text_only_raises_routine_error(place, text):
    check(*place, text.encode("utf-8", "surrogatepass"))
