"""The bundled routines: they load, they tell the rehab story faithfully, and `coach routines` agrees."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys

import pytest
from test_routines import EDU, HEADER, ILLUSTRATIONS, PLANK, ROLL, make_assets

from coach import paths
from coach.cli import routines as cli_routines
from coach.core.routines import load_routine
from coach.core.routines.model import EducationStep, RollStep, StrengthStep
from coach.core.routines.targets import mentions_it_band
from conftest import REPO

EXPECTED = {"lateral-hip-reset", "lateral-thigh", "glute-med-builder", "runners-full-session", "gentle-start"}


@pytest.fixture
def stub_assets(tmp_path, monkeypatch):
    """Stand-in illustrations, so content checks don't wait for the real drawings."""
    d = make_assets(tmp_path / "assets")
    monkeypatch.setattr(paths, "assets_dir", lambda: d)
    return d


@pytest.fixture
def routines(stub_assets):
    lib = paths.load_routines()
    assert not lib.failures, [str(i) for f in lib.failures for i in f.issues]
    return {r.id: r for r in lib.routines}


def test_bundled_routines_load_with_the_real_illustrations():
    files = sorted(paths.bundled_routines_dir().glob("*.toml"))
    assert len(files) >= 5
    for f in files:
        r = load_routine(
            f, bundled=True, assets_dir=paths.assets_dir()
        )  # real assets folder: every named illustration must exist
        assert r.bundled and r.steps


def test_bundled_routines_are_all_there(routines):
    assert EXPECTED <= set(routines)
    assert all(r.bundled for r in routines.values())
    assert {r.level for r in routines.values()} >= {"beginner", "intermediate", "advanced"}


def test_illustrations_are_documented_names(routines):
    for r in routines.values():
        for s in r.steps:
            assert re.fullmatch(r"illustrations/(\w+)\.svg", s.illustration).group(1) in ILLUSTRATIONS


def test_every_roll_says_where_and_not_on_the_band(routines):
    n = 0
    for r in routines.values():
        for s in r.steps:
            if isinstance(s, RollStep):
                n += 1
                assert s.cues and s.avoid, (r.id, s.title)
                assert any(mentions_it_band(a) and "fascia" in a for a in s.avoid), (r.id, s.title)
                assert not any(mentions_it_band(c) for c in s.cues), (r.id, s.title)  # cues say where to roll
                assert 45 <= s.seconds_per_side <= 90 and s.per_side
    assert n >= 8


def test_doses_are_realistic(routines):
    for r in routines.values():
        for s in r.steps:
            if isinstance(s, StrengthStep):
                assert 2 <= s.sets <= 3, (r.id, s.title)
                assert s.reps is None or 8 <= s.reps <= 12, (r.id, s.title)
                assert s.hold_seconds is None or 15 <= s.hold_seconds <= 30, (r.id, s.title)
                assert 30 <= s.rest_seconds <= 60, (r.id, s.title)
                assert s.cues and s.faults, (r.id, s.title)
        assert 5 * 60 <= r.estimated_seconds <= 45 * 60, r.id


def _exercises(r):
    return {s.exercise for s in r.steps if isinstance(s, StrengthStep)}


def test_routines_follow_the_story(routines):
    reset = routines["lateral-hip-reset"]
    assert reset.roll_targets == ("tfl",) and "side_plank" in _exercises(reset)
    thigh = routines["lateral-thigh"]
    assert thigh.roll_targets == ("vastus_lateralis",) and _exercises(thigh) & {"split_squat", "step_down"}
    glute = routines["glute-med-builder"]
    assert set(glute.roll_targets) <= {"glute_med", "glute_max"} and glute.roll_targets
    assert {"hip_abduction", "lateral_band_walk", "single_leg_squat"} <= _exercises(glute)
    full = routines["runners-full-session"]
    assert {"tfl", "vastus_lateralis"} <= set(full.roll_targets) and set(full.roll_targets) & {"glute_max", "glute_med"}
    assert {"single_leg_balance", "single_leg_deadlift"} <= _exercises(full)
    gentle = routines["gentle-start"]
    assert gentle.level == "beginner" and {"glute_bridge", "single_leg_balance"} <= _exercises(gentle)
    assert all(s.hold_seconds <= 20 for s in gentle.steps if isinstance(s, StrengthStep) and s.hold_seconds)
    # each roll is followed by strength before the next roll (stricter than the loader's rule)
    for r in routines.values():
        kinds = [s.kind for s in r.steps if s.kind in ("roll", "strength")]
        assert all(b == "strength" for a, b in zip(kinds, kinds[1:]) if a == "roll") and kinds[-1] == "strength"


def test_education_explains_the_band_and_graded_return(routines):
    texts = [s.text for r in routines.values() for s in r.steps if isinstance(s, EducationStep)]
    assert any("fascia" in t and "TFL" in t for t in texts)
    graded = [t for t in texts if "3-4 out of 10" in t and "10-15 %" in t and "hours" in t]
    assert len(graded) >= 2


# ---------------------------------------------------------------- the CLI


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="coach")
    cli_routines.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return args.func(args)


def test_list_shows_routines_and_bad_user_files(stub_assets, coach_home, capsys):
    user = paths.user_routines_dir()
    (user / "mine.toml").write_text(HEADER + EDU)
    (user / "broken.toml").write_text(HEADER.replace("test-routine", "broken") + ROLL)
    assert run_cli("routines", "list") == 0
    out = capsys.readouterr().out
    assert re.search(
        r"runners-full-session\s+Runner's full session\s+advanced\s+\d+ min\s+TFL, Vastus lateralis, "
        r"Gluteus maximus\s+bundled",
        out,
    ), out
    assert re.search(r"test-routine\s+Test routine\s+beginner\s+1 min\s+-\s+user", out)
    assert f"{user / 'broken.toml'}: step 1: kind: rolling (step 1) is not followed by a strength step" in out


def test_check_files_prints_every_error_and_fails(stub_assets, tmp_path, capsys):
    good = tmp_path / "good.toml"
    good.write_text(HEADER + ROLL + PLANK)
    bad = tmp_path / "bad.toml"
    bad.write_text(
        HEADER.replace("test-routine", "bad") + ROLL.replace('"tfl"', '"IT band"').replace("= 60", "= 999") + PLANK
    )
    assert run_cli("routines", "check", str(good)) == 0
    assert "all 1 routine(s) OK" in capsys.readouterr().out
    assert run_cli("routines", "check", str(good), str(bad)) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{bad}: step 1: target: 'IT band' is not allowed: the IT band is dense fascia")
    assert lines[1].startswith(f"{bad}: step 1: seconds_per_side: 999 s is out of range")
    assert lines[2].startswith("2 problem(s) in 1 file(s)")
    assert run_cli("routines", "check", str(tmp_path)) == 1  # a folder: both files again
    assert run_cli("routines", "check", str(tmp_path / "empty_dir_missing")) == 1


def test_check_without_files_checks_the_library(stub_assets, capsys):
    assert run_cli("routines", "check") == 0
    assert re.search(r"all \d+ routine\(s\) OK in the routine library", capsys.readouterr().out)
    (paths.user_routines_dir() / "x.toml").write_bytes(b"\xff\xfe")
    assert run_cli("routines", "check") == 1
    assert "x.toml: is not UTF-8 text" in capsys.readouterr().out


def test_python_m_coach_routines_check_passes_on_the_bundled_library(coach_home):
    out = subprocess.run(
        [sys.executable, "-m", "coach", "routines", "check"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert re.search(r"all ([5-9]|\d\d+) routine\(s\) OK", out.stdout), out.stdout
