"""Equipment and "why": derived from the steps, named in a file when needed, validated with one clear issue."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach import paths
from coach.core.routines import RoutineError, load_routine
from coach.core.routines.equipment import EQUIPMENT, default_equipment, equipment_names
from support.routine_files import make_assets

HEAD = 'id = "kit"\ntitle = "Kit"\nsummary = "s"\nlevel = "beginner"\n'
ROLL = (
    '[[steps]]\nkind = "roll"\ntitle = "Roll"\ntarget = "tfl"\nseconds_per_side = 30\n'
    'illustration = "illustrations/roll_tfl.svg"\n'
)
WALK = (
    '[[steps]]\nkind = "strength"\ntitle = "Walk"\nexercise = "lateral_band_walk"\nsets = 1\nreps = 10\n'
    'illustration = "illustrations/lateral_band_walk.svg"\n'
)
SQUAT = (
    '[[steps]]\nkind = "strength"\ntitle = "Squat"\nexercise = "single_leg_squat"\nsets = 1\nreps = 5\n'
    'illustration = "illustrations/single_leg_squat.svg"\n'
)


@pytest.fixture
def assets(tmp_path) -> Path:
    return make_assets(tmp_path / "assets")


def load(tmp_path: Path, assets: Path, text: str):
    p = tmp_path / "r.toml"
    p.write_text(text, encoding="utf-8")
    return load_routine(p, assets_dir=assets)


def test_equipment_comes_from_the_steps_in_order_without_repeats(tmp_path, assets):
    r = load(tmp_path, assets, HEAD + ROLL + WALK + SQUAT + ROLL + WALK)
    assert r.equipment == ("foam_roller", "mini_band", "chair")
    assert equipment_names(r.equipment) == ["Foam roller", "Mini band (a loop band)", "Chair"]


def test_a_step_can_name_its_own_kit_or_none(tmp_path, assets):
    r = load(tmp_path, assets, HEAD + WALK + SQUAT.replace("reps = 5\n", 'reps = 5\nequipment = ["wall", "wall"]\n'))
    assert r.steps[1].equipment == ("wall",)
    assert r.equipment == ("mini_band", "wall")
    r = load(tmp_path, assets, HEAD + SQUAT.replace("reps = 5\n", "reps = 5\nequipment = []\n"))
    assert r.equipment == ()


@pytest.mark.parametrize(
    "value, words",
    [('["kettlebell"]', "'kettlebell' is not known"), ('"chair"', "must be a list of text")],
)
def test_unknown_or_malformed_equipment_is_one_clear_issue(tmp_path, assets, value, words):
    with pytest.raises(RoutineError) as info:
        load(tmp_path, assets, HEAD + SQUAT.replace("reps = 5\n", f"reps = 5\nequipment = {value}\n"))
    issues = info.value.issues
    assert len(issues) == 1 and issues[0].field == "equipment" and issues[0].step == 1
    assert words in issues[0].message


def test_why_is_optional_text_and_checked(tmp_path, assets):
    assert load(tmp_path, assets, HEAD + WALK).why == ""
    assert load(tmp_path, assets, HEAD + 'why = " It helps. "\n' + WALK).why == "It helps."
    with pytest.raises(RoutineError) as info:
        load(tmp_path, assets, HEAD + "why = 3\n" + WALK)
    assert [i.field for i in info.value.issues] == ["why"]


def test_every_bundled_routine_says_why_and_lists_the_kit_its_cues_mention():
    lib = paths.load_routines()
    assert lib.routines and not lib.failures
    for r in lib.routines:
        assert len(r.why) > 80, r.id
        text = " ".join(c for s in r.steps for c in getattr(s, "cues", ())).lower()
        for word, key in (("loop band", "mini_band"), ("chair", "chair"), ("wall", "wall")):
            if word in text:
                assert key in r.equipment or (key == "chair" and "bench" in r.equipment), (r.id, word)
        assert set(r.equipment) <= set(EQUIPMENT)


def test_defaults_know_only_catalogue_keys():
    assert default_equipment("lateral_band_walk") == ("mini_band",)
    assert default_equipment("no_such_exercise") == ()
