"""Programme files: the bundled one loads; a broken one names the file, the phase or ladder, and the field."""

from __future__ import annotations

import pytest

from coach.core.programme.loader import load_programme, load_programmes
from coach.core.routines.issues import RoutineError
from conftest import REPO

GOOD = """
id = "mine"
title = "My programme"
[[phases]]
key = "one"
title = "One"
routines = ["gentle-start"]
[[ladders]]
exercise = "side_plank"
variations = ["Knees", "Feet"]
unit = "seconds"
start = 15
top = 30
sets = 2
"""


def test_the_bundled_programme_has_four_phases_and_its_routines_exist():
    from coach import paths

    ids = {r.id for r in paths.load_routines().routines}
    p = load_programme(REPO / "routines" / "programmes" / "itband-return.toml", bundled=True, routine_ids=ids)
    assert [ph.key for ph in p.phases] == ["calm", "build", "length", "run"]
    assert p.phases[-1].running and all(ph.sessions_per_week >= 2 for ph in p.phases)
    assert p.ladder("side_plank").variations[0] == "Side plank from the knees"
    assert p.ladder("split_squat").variations == ("Split squat", "Bulgarian split squat")


def test_a_good_file_loads_with_defaults(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text(GOOD)
    p = load_programme(f, routine_ids={"gentle-start"})
    assert (p.phases[0].sessions_per_week, p.phases[0].move_on.min_weeks, p.phases[0].move_on.min_sessions) == (3, 2, 5)


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            ('routines = ["gentle-start"]', 'routines = ["nope"]'),
            "mine.toml: phase 1: routines: no routine has the id 'nope'",
        ),
        (('unit = "seconds"', 'unit = "reps"'), "mine.toml: ladder 1: unit: side_plank is held"),
        (("top = 30", "top = 10"), "mine.toml: ladder 1: top: must be at least start (15), got 10"),
        (('exercise = "side_plank"', 'exercise = "plank"'), "mine.toml: ladder 1: exercise: 'plank' is not one of"),
        (('key = "one"', 'key = "one"\nsets = 3'), "mine.toml: phase 1: sets: unknown key 'sets' for a phase"),
    ],
)
def test_errors_name_file_phase_and_field(tmp_path, change, expected):
    f = tmp_path / "mine.toml"
    f.write_text(GOOD.replace(*change))
    with pytest.raises(RoutineError) as err:
        load_programme(f, routine_ids={"gentle-start"})
    text = "\n".join(str(i) for i in err.value.issues)
    assert expected in text.replace(str(tmp_path) + "/", ""), text


def test_a_folder_keeps_good_files_and_reports_bad_ones(tmp_path):
    (tmp_path / "a.toml").write_text(GOOD)
    (tmp_path / "b.toml").write_text("id = ")
    (tmp_path / "c.toml").write_text(GOOD)  # the same id again
    found, errors = load_programmes([(tmp_path, False)], routine_ids={"gentle-start"})
    assert [p.id for p in found] == ["mine"]
    assert len(errors) == 2 and any("invalid TOML" in str(e) for e in errors)
    assert any("is used already" in str(e) for e in errors)
