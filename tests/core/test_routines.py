"""Routine validation: every rule, with messages that name the file, the step and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.errors import CoachError
from coach.core.routines import (
    ROLL_TARGETS,
    RoutineError,
    RoutineIssue,
    load_library,
    load_routine,
)
from coach.core.routines.model import RestStep, RollStep, StrengthStep
from coach.core.routines.targets import mentions_it_band
from support.routine_files import ILLUSTRATIONS, make_assets  # noqa: F401 (test_routines_bundled reads them here)

HEADER = """id = "test-routine"
title = "Test routine"
summary = "A routine for tests."
level = "beginner"
"""
ROLL = """
[[steps]]
kind = "roll"
title = "Roll the TFL"
target = "tfl"
seconds_per_side = 60
illustration = "illustrations/roll_tfl.svg"
cues = ["Roller in the front pocket of the hip."]
avoid = ["Don't roll on the band (ITB) itself."]
"""
PLANK = """
[[steps]]
kind = "strength"
title = "Side plank"
exercise = "side_plank"
sets = 3
hold_seconds = 20
rest_seconds = 30
illustration = "illustrations/side_plank.svg"
"""
SQUAT = """
[[steps]]
kind = "strength"
title = "Single-leg squat"
exercise = "single_leg_squat"
sets = 3
reps = 8
illustration = "illustrations/single_leg_squat.svg"
"""
REST = """
[[steps]]
kind = "rest"
seconds = 60
"""
EDU = """
[[steps]]
kind = "education"
title = "Why"
text = "Because."
illustration = "illustrations/education_band.svg"
"""


@pytest.fixture
def assets(tmp_path) -> Path:
    return make_assets(tmp_path / "assets")


@pytest.fixture
def write(tmp_path):
    def _write(text: str, name: str = "r.toml", folder: str = "in") -> Path:
        d = tmp_path / folder
        d.mkdir(exist_ok=True)
        p = d / name
        p.write_text(text, encoding="utf-8")
        return p

    return _write


def issues_of(path: Path, assets: Path) -> list[RoutineIssue]:
    with pytest.raises(RoutineError) as info:
        load_routine(path, assets_dir=assets)
    assert info.value.issues, "a RoutineError always lists its issues"
    return info.value.issues


def the_issue(path: Path, assets: Path) -> RoutineIssue:
    found = issues_of(path, assets)
    assert len(found) == 1, [str(i) for i in found]
    assert found[0].file == str(path)
    return found[0]


# ---------------------------------------------------------------- valid routines


def test_valid_routine_loads_with_defaults_and_computed_duration(write, assets):
    p = write(HEADER + EDU + ROLL + PLANK + REST + SQUAT)
    r = load_routine(p, assets_dir=assets)
    assert (r.id, r.title, r.level, r.source, r.bundled) == ("test-routine", "Test routine", "beginner", p, False)
    kinds = [s.kind for s in r.steps]
    assert kinds == ["education", "roll", "strength", "rest", "strength"]
    roll, plank, rest, squat = r.steps[1], r.steps[2], r.steps[3], r.steps[4]
    assert isinstance(roll, RollStep) and roll.per_side and roll.seconds_per_side == 60
    assert roll.avoid == ("Don't roll on the band (ITB) itself.",)  # the avoid text may name the band
    assert isinstance(plank, StrengthStep) and plank.hold_seconds == 20 and plank.reps is None
    assert plank.per_side is True and plank.view == "front"  # defaults from the catalogue
    assert isinstance(squat, StrengthStep) and squat.rest_seconds == 30 and squat.tempo == ""
    assert isinstance(rest, RestStep) and rest.illustration == "illustrations/rest.svg"
    assert r.estimated_seconds == pytest.approx(sum(s.estimated_seconds for s in r.steps))
    # education 20 + roll (2x60 + a 5 s changeover) + plank (2 ready x5 + 4 changeovers x5 + 6 sets x20 + 5 rests
    # x30) + rest 60 + squat (10 + 6x8x3 + 5x30)
    assert r.estimated_seconds == pytest.approx(20 + 125 + (10 + 20 + 120 + 150) + 60 + (10 + 144 + 150))
    assert r.roll_targets == ("tfl",)


def test_issue_string_format_and_error_type():
    issue = RoutineIssue("a.toml", 3, "target", "nope")
    assert str(issue) == "a.toml: step 3: target: nope"
    assert str(RoutineIssue("a.toml", None, "id", "nope")) == "a.toml: id: nope"
    assert str(RoutineIssue("a.toml", None, None, "nope")) == "a.toml: nope"
    assert issubclass(RoutineError, CoachError)


def test_roll_targets_include_the_muscles_we_roll():
    for key in ("tfl", "vastus_lateralis", "glute_max", "glute_med", "quads", "hamstrings", "calves", "adductors"):
        assert ROLL_TARGETS[key]
    assert not any(mentions_it_band(k) or mentions_it_band(v) for k, v in ROLL_TARGETS.items())


# ---------------------------------------------------------------- the IT band

IT_BAND_SPELLINGS = [
    "IT band",
    "ITB",
    "iliotibial",
    "it_band",
    "IT-band",
    "i.t. band",
    "itband",
    "It Band",
    " itb ",
    "I.T.B.",
    "iliotibial band",
    "IT tract",
    "it bands",
    "IT\u00a0band",
    "IT\u2014band",
    "\uff29\uff34\uff22",
    "Tractus iliotibialis",
    "left_ITB",
]


@pytest.mark.parametrize("spelling", IT_BAND_SPELLINGS)
def test_rolling_the_it_band_is_refused_under_any_spelling(write, assets, spelling):
    p = write(HEADER + ROLL.replace('target = "tfl"', f'target = "{spelling}"') + PLANK)
    issue = the_issue(p, assets)
    assert (issue.step, issue.field) == (1, "target")
    assert "fascia" in issue.message and "TFL" in issue.message and "strengthen" in issue.message
    assert str(issue).startswith(f"{p}: step 1: target: ")


@pytest.mark.parametrize("title", ["Roll the IT band", "ITB release", "Iliotibial smash"])
def test_a_roll_title_naming_the_it_band_is_refused(write, assets, title):
    p = write(HEADER + ROLL.replace('title = "Roll the TFL"', f'title = "{title}"') + PLANK)
    issue = the_issue(p, assets)
    assert (issue.step, issue.field) == (1, "title") and "fascia" in issue.message


@pytest.mark.parametrize("text", ["split band", "bit band", "with a band", "tibialis", "Roll it, then band walk"])
def test_ordinary_words_are_not_mistaken_for_the_it_band(text):
    assert not mentions_it_band(text)


def test_unknown_roll_target_lists_the_known_ones(write, assets):
    p = write(HEADER + ROLL.replace('target = "tfl"', 'target = "glute_medius"') + PLANK)
    issue = the_issue(p, assets)
    assert (issue.step, issue.field) == (1, "target")
    assert "'glute_medius'" in issue.message and "vastus_lateralis" in issue.message
    assert "did you mean 'glute_med'" in issue.message


# ---------------------------------------------------------------- roll, then load


@pytest.mark.parametrize(
    "body,step",
    [
        (ROLL, 1),
        (ROLL + REST + EDU, 1),
        (ROLL + PLANK + ROLL, 3),
        (ROLL + PLANK + ROLL + ROLL + REST, 4),
    ],
)
def test_rolling_must_be_followed_by_strength(write, assets, body, step):
    p = write(HEADER + body)
    issue = the_issue(p, assets)
    assert (issue.step, issue.field) == (step, "kind")
    assert "roll, then load" in issue.message


@pytest.mark.parametrize("body", [ROLL + REST + PLANK, ROLL + ROLL + EDU + SQUAT, EDU + REST, PLANK + ROLL + SQUAT])
def test_paired_or_roll_free_routines_pass(write, assets, body):
    assert load_routine(write(HEADER + body), assets_dir=assets).steps


# ---------------------------------------------------------------- keys, types, ranges


def test_unknown_keys_are_errors_with_a_suggestion(write, assets):
    p = write(HEADER.replace("title =", "titel =") + ROLL.replace("seconds_per_side", "secs_per_side") + PLANK)
    found = {(i.step, i.field): i.message for i in issues_of(p, assets)}
    assert "unknown key 'titel'" in found[(None, "titel")] and "did you mean 'title'" in found[(None, "titel")]
    assert "unknown key 'secs_per_side'" in found[(1, "secs_per_side")]
    assert found[(None, "title")] == "missing (required)"
    assert found[(1, "seconds_per_side")] == "missing (required)"


@pytest.mark.parametrize(
    "old,new,step,field,words",
    [
        ("sets = 3", 'sets = "3"', 2, "sets", "whole number"),
        ("sets = 3", "sets = 3.0", 2, "sets", "write 3"),
        ("sets = 3", "sets = true", 2, "sets", "whole number"),
        ("seconds_per_side = 60", "seconds_per_side = 60.5", 1, "seconds_per_side", "whole number"),
        ("cues = [", 'cues = "x"\nfoo = [', 1, "cues", "list of text"),
        ('target = "tfl"', "target = 7", 1, "target", "must be text"),
        ('title = "Side plank"', "title = 1979-05-27", 2, "title", "must be text"),
        ('[[steps]]\nkind = "roll"', '[[steps]]\nper_side = "yes"\nkind = "roll"', 1, "per_side", "true or false"),
        ('level = "beginner"', 'level = "expert"', None, "level", "beginner"),
        ('id = "test-routine"', 'id = "Test Routine"', None, "id", "lower-case"),
    ],
)
def test_wrong_types_and_values_name_step_and_field(write, assets, old, new, step, field, words):
    text = (HEADER + ROLL + PLANK).replace(old, new, 1)
    if "foo = [" in text:
        text = text.replace('foo = ["Roller in the front pocket of the hip."]\n', "")
    found = issues_of(write(text), assets)
    match = [i for i in found if (i.step, i.field) == (step, field)]
    assert match, [str(i) for i in found]
    assert words in match[0].message


def test_steps_must_be_tables(write, assets):
    found = issues_of(write(HEADER + "steps = [1, 2]\n"), assets)
    assert [(i.step, i.field) for i in found] == [(1, None), (2, None)] and "table" in found[0].message
    issue = the_issue(write(HEADER + 'steps = "roll"\n'), assets)
    assert issue.field == "steps" and "list" in issue.message
    issue = the_issue(write(HEADER), assets)
    assert issue.field == "steps" and "missing" in issue.message


@pytest.mark.parametrize(
    "block,old,new,field",
    [
        (ROLL, "seconds_per_side = 60", "seconds_per_side = 600", "seconds_per_side"),
        (ROLL, "seconds_per_side = 60", "seconds_per_side = -5", "seconds_per_side"),
        (ROLL, "seconds_per_side = 60", "seconds_per_side = 0", "seconds_per_side"),
        (PLANK, "hold_seconds = 20", "hold_seconds = 1000", "hold_seconds"),
        (PLANK, "sets = 3", "sets = 50", "sets"),
        (PLANK, "rest_seconds = 30", "rest_seconds = 1200", "rest_seconds"),
        (PLANK, "rest_seconds = 30", "rest_seconds = -1", "rest_seconds"),
        (SQUAT, "reps = 8", "reps = 500", "reps"),
        (SQUAT, "reps = 8", "reps = 0", "reps"),
        (REST, "seconds = 60", "seconds = 0", "seconds"),
        (REST, "seconds = 60", "seconds = 99999999999", "seconds"),
    ],
)
def test_absurd_durations_and_counts_are_refused(write, assets, block, old, new, field):
    body = block.replace(old, new)
    text = HEADER + body + (PLANK if block is ROLL else "")
    issue = the_issue(write(text), assets)
    assert (issue.step, issue.field) == (1, field)
    assert "out of range" in issue.message


def test_exercise_rules(write, assets):
    body = (
        PLANK.replace("hold_seconds = 20", "reps = 10")  # 1: hold exercise given reps
        + SQUAT.replace("reps = 8", "hold_seconds = 20")  # 2: rep exercise given a hold
        + SQUAT
        + 'view = "side"\n'  # 3: catalogue says front
        + SQUAT
        + "per_side = false\n"  # 4: unilateral exercise
        + SQUAT.replace('= "single_leg_squat"', '= "pistol_squat"')  # 5: unknown exercise
        + SQUAT.replace("reps = 8\n", "")
    )  # 6: reps missing
    found = {(i.step, i.field): i.message for i in issues_of(write(HEADER + body), assets)}
    assert "timed hold" in found[(1, "reps")]
    assert "use reps" in found[(2, "hold_seconds")]
    assert "disagrees with the catalogue" in found[(3, "view")]
    assert "must be true" in found[(4, "per_side")]
    assert "'pistol_squat'" in found[(5, "exercise")]
    assert "missing" in found[(6, "reps")]
    assert len(found) == 6


def test_view_any_in_the_catalogue_accepts_front_or_side(write, assets):
    split = SQUAT.replace("single_leg_squat", "split_squat")
    r = load_routine(write(HEADER + split + 'view = "side"\n' + split + 'view = "front"\n' + split), assets_dir=assets)
    assert [s.view for s in r.steps] == ["side", "front", "any"]


@pytest.mark.parametrize(
    "name,words",
    [
        ("illustrations/roll_itb.svg", "not found"),
        ("../secrets.svg", "inside the assets folder"),
        ("/etc/passwd", "inside the assets folder"),
        ("illustrations\\\\rest.svg", "inside the assets folder"),
    ],
)
def test_missing_or_outside_illustrations_are_errors(write, assets, name, words):
    p = write(HEADER + ROLL.replace("illustrations/roll_tfl.svg", name) + PLANK)
    issue = the_issue(p, assets)
    assert (issue.step, issue.field) == (1, "illustration") and words in issue.message


def test_every_problem_of_a_file_is_reported(write, assets):
    text = (
        HEADER.replace('level = "beginner"', "level = 3")
        + ROLL.replace('target = "tfl"', 'target = "ITB"').replace("= 60", "= 900")
        + PLANK.replace("sets = 3", "sets = 0")
    )
    found = [(i.step, i.field) for i in issues_of(write(text), assets)]
    assert found == [(None, "level"), (1, "target"), (1, "seconds_per_side"), (2, "sets")]


# ---------------------------------------------------------------- unreadable files


def test_bad_toml_names_the_line(write, assets):
    p = write(HEADER + '[[steps]]\nkind = "rest"\nseconds = = 60\n')
    issue = the_issue(p, assets)
    assert "invalid TOML at line 7" in issue.message and issue.step is None
    p = write(HEADER + "title2 = [\n", name="eof.toml")
    assert "invalid TOML at the end of the file (line 6)" in the_issue(p, assets).message


def test_non_utf8_file_is_an_error(write, assets):
    p = write("")
    p.write_bytes((HEADER + EDU).encode("utf-8") + b"\n# caf\xe9\n")
    issue = the_issue(p, assets)
    assert "not UTF-8" in issue.message and "line 12" in issue.message


def test_missing_file_and_folder_are_errors(tmp_path, assets):
    assert "not found" in the_issue(tmp_path / "nope.toml", assets).message
    assert "folder" in the_issue(tmp_path, assets).message


def test_utf8_bom_is_accepted(write, assets):
    p = write("")
    p.write_bytes(b"\xef\xbb\xbf" + (HEADER + EDU).encode())
    assert load_routine(p, assets_dir=assets).id == "test-routine"


# ---------------------------------------------------------------- the library


def test_library_keeps_good_routines_and_reports_bad_ones(write, assets, tmp_path):
    write(HEADER.replace("test-routine", "b1").replace("Test routine", "Zed") + EDU, "b1.toml", "bundled")
    write(HEADER.replace("test-routine", "b2").replace("Test routine", "Alpha") + EDU, "b2.toml", "bundled")
    write(HEADER.replace("test-routine", "u1").replace("Test routine", "Mine") + EDU, "a.toml", "user")
    write(HEADER.replace("test-routine", "u2") + ROLL, "b.toml", "user")  # unpaired roll
    write("id = [", "c.toml", "user")  # bad TOML
    write(HEADER.replace("test-routine", "b1") + EDU, "d.toml", "user")  # duplicate of bundled
    write(HEADER.replace("test-routine", "u1") + EDU, "e.toml", "user")  # duplicate of a.toml
    write(HEADER.replace("test-routine", "u3").replace("Test routine", "Also mine") + EDU, "f.toml", "user")
    (tmp_path / "user" / "notes.txt").write_text("not a routine")
    lib = load_library(tmp_path / "bundled", tmp_path / "user", assets_dir=assets)
    assert [(r.id, r.bundled) for r in lib.routines] == [("b2", True), ("b1", True), ("u3", False), ("u1", False)]
    failed = {f.path.name: f.issues for f in lib.failures}
    assert sorted(failed) == ["b.toml", "c.toml", "d.toml", "e.toml"]
    assert failed["d.toml"][0].field == "id" and "b1.toml" in failed["d.toml"][0].message
    assert failed["e.toml"][0].field == "id" and "a.toml" in failed["e.toml"][0].message
    assert lib.get("u3").title == "Also mine" and lib.get("b.toml") is None


def test_library_defaults_come_from_coach_paths(coach_home, assets, monkeypatch, tmp_path):
    from coach import paths

    (coach_home / "routines").mkdir()
    (coach_home / "routines" / "mine.toml").write_text(HEADER + EDU)
    empty = tmp_path / "no_bundled"
    empty.mkdir()
    monkeypatch.setattr(paths, "bundled_routines_dir", lambda: empty)
    monkeypatch.setattr(paths, "assets_dir", lambda: assets)
    lib = paths.load_routines()
    assert [r.source for r in lib.routines] == [coach_home / "routines" / "mine.toml"]
    assert lib.failures == []


@pytest.mark.parametrize(
    "body,words",
    [
        ("a = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ("a = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n", "nested too deeply"),
        ("# " + "x" * 300_000 + "\n", "too large"),
    ],
)
def test_pathological_files_are_refused_cleanly(write, assets, body, words):
    assert words in the_issue(write(body), assets).message


def test_unusable_user_folder_is_reported_not_raised(coach_home, assets, tmp_path, monkeypatch):
    from coach import paths

    (coach_home / "routines").write_text("a file where the folder should be")
    empty = tmp_path / "no_bundled"
    empty.mkdir()
    monkeypatch.setattr(paths, "bundled_routines_dir", lambda: empty)
    lib = paths.load_routines()
    assert lib.routines == [] and len(lib.failures) == 1
    assert "routines folder can't be used" in lib.failures[0].issues[0].message


@pytest.mark.parametrize(
    "field, line",
    [
        ("cues", 'cues = ["Roll your IT band hard every day."]'),
        ("avoid", 'avoid = ["Avoid the knee.", "Foam roll the ITB for 2 minutes"]'),
    ],
)
def test_cues_that_tell_people_to_roll_the_it_band_are_refused(write, assets, field, line):
    roll = ROLL.replace('cues = ["Roller in the front pocket of the hip."]', line if field == "cues" else "")
    roll = roll.replace('avoid = ["Don\'t roll on the band (ITB) itself."]', line if field == "avoid" else "")
    issue = the_issue(write(HEADER + roll + PLANK), assets)
    assert (issue.step, issue.field) == (1, field) and "fascia" in issue.message
    assert f"entry {1 if field == 'cues' else 2}" in issue.message


def test_education_text_that_says_to_roll_the_band_is_refused_but_warning_against_it_is_fine(write, assets):
    bad = EDU.replace('text = "Because."', 'text = "The band is tight. Roll the IT band to loosen it."')
    issue = the_issue(write(HEADER + bad + ROLL + PLANK), assets)
    assert (issue.step, issue.field) == (1, "text")
    good = EDU.replace('text = "Because."', 'text = "Don\'t roll the IT band: roll the TFL instead."')
    load_routine(write(HEADER + good + ROLL + PLANK, name="ok.toml"), assets_dir=assets)
