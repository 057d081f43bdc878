"""Pictures that show what their step's cues say: the right variant, both positions of a movement, no props the
cues don't mention, roll pictures that differ by more than the roller's place, words large enough to read on a
card, and a mirrored version for the right side whose words still read left to right.
Rendering is offscreen (conftest sets QT_QPA_PLATFORM=offscreen)."""

from __future__ import annotations

import itertools
import re
import tomllib
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from test_illustrations import ILLUSTRATIONS, REPO, REQUIRED, ROLLS, SVG_NS, element_box, qt_app, svg_path  # noqa: F401

BAND = "#8a5cc0"
UNMIRRORED = {"education_band", "placeholder"}  # diagrams and the fallback: never flipped, laid out as labels
TWO_POSES = {
    "step_down": "other_pose",
    "hip_abduction": "other_pose",
    "side_plank_knees": "other_pose",
    "single_leg_squat": "figure_2",
    "squat": "other_pose",
    "split_squat": "other_pose",
    "lunge": "other_pose",
    "single_leg_deadlift": "other_pose",
    "glute_bridge": "other_pose",
    "side_plank": "other_pose",
}


def steps():
    """(routine id, step) for every step of every bundled routine that names a picture."""
    for toml in sorted((REPO / "routines").glob("*.toml")):
        data = tomllib.loads(toml.read_text(encoding="utf-8"))
        for step in data.get("steps", []):
            if "illustration" in step:
                yield data["id"], step


def stem(step) -> str:
    return re.fullmatch(r"illustrations/(\w+)\.svg", step["illustration"]).group(1)


def render_text_free(name: str, width: int = 240, height: int = 160, drop: str = "") -> QImage:
    """The picture with every text element removed (labels differ even when the drawings don't), and
    the group ``drop`` too if given."""
    text = re.sub(r"<text[^>]*>[^<]*</text>", "", svg_path(name).read_text(encoding="utf-8"))
    if drop:
        text, n = re.subn(rf'<g id="{drop}"[^>]*>.*?</g>', "", text, flags=re.S)
        assert n == 1, f"{name}: no group {drop}"
    renderer = QSvgRenderer(text.encode("utf-8"))
    assert renderer.isValid()
    image = QImage(width, height, QImage.Format_ARGB32)
    image.fill(Qt.white)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def differing_fraction(a: QImage, b: QImage) -> float:
    differ = 0
    for y in range(a.height()):
        for x in range(a.width()):
            ca, cb = QColor(a.pixel(x, y)), QColor(b.pixel(x, y))
            differ += abs(ca.red() - cb.red()) + abs(ca.green() - cb.green()) + abs(ca.blue() - cb.blue()) > 60
    return differ / (a.width() * a.height())


# ---------------------------------------------------------------- the right picture for each step


def test_every_step_names_an_existing_picture():
    named = [(rid, s["illustration"]) for rid, s in steps()]
    assert len(named) > 20
    assert [n for n in named if not (REPO / "assets" / n[1]).is_file()] == []


def test_a_from_the_knees_step_shows_the_knees_variant():
    plank_steps = [(rid, s) for rid, s in steps() if s.get("exercise") == "side_plank"]
    assert len(plank_steps) >= 3
    for rid, s in plank_steps:
        knees = "from the knees" in s["title"].lower()
        assert stem(s) == ("side_plank_knees" if knees else "side_plank"), (rid, s["title"])
    assert any("from the knees" in s["title"].lower() for _, s in plank_steps)


def test_a_strength_step_shows_its_own_exercise():
    for rid, s in steps():
        if s["kind"] == "strength":
            assert stem(s).startswith(s["exercise"]), (rid, s["title"], s["illustration"])


def test_a_band_is_drawn_only_where_the_cues_ask_for_one():
    for rid, s in steps():
        if s["kind"] != "strength":
            continue
        drawn = BAND in svg_path(stem(s)).read_text(encoding="utf-8")
        said = any("band" in c.lower() for c in s.get("cues", []))
        assert drawn == said, (rid, s["title"], "band drawn" if drawn else "band in the cues, not drawn")


def test_a_routine_card_promises_only_what_its_steps_contain():
    """The summary on the card (e.g. "side-lying strength") must match what the steps do."""
    for toml in sorted((REPO / "routines").glob("*.toml")):
        data = tomllib.loads(toml.read_text(encoding="utf-8"))
        summary = data["summary"].lower()
        said = " ".join(" ".join(s.get("cues", [])) + " " + s.get("title", "") for s in data["steps"]).lower()
        if "side-lying" in summary or "side lying" in summary:
            assert "on your side" in said or "side plank" in said, data["id"]
        if "band walk" in summary:
            assert "band walk" in said, data["id"]
        if "single-leg squat" in summary:
            assert "single-leg squat" in said, data["id"]


# ---------------------------------------------------------------- the movement is shown


@pytest.mark.parametrize("name,other", sorted(TWO_POSES.items()))
def test_movements_show_both_positions(name, other):
    renderer = QSvgRenderer(str(svg_path(name)))
    assert renderer.elementExists("figure") and renderer.elementExists(other)
    only_figure, only_other = render_text_free(name, drop=other), render_text_free(name, drop="figure")
    assert differing_fraction(only_figure, only_other) > 0.03, f"{name}: the two positions look alike"


def test_step_down_stands_on_the_step_and_lowers_the_free_heel_to_the_floor():
    renderer = QSvgRenderer(str(svg_path("step_down")))
    step, start, low = (element_box(renderer, i) for i in ("step", "figure", "other_pose"))
    floor = 282
    assert start.bottom() < floor - 25, "at the start the free foot hangs above the floor"
    assert abs(start.bottom() - step.top()) < 25, "the standing foot is on the step"
    assert low.bottom() > floor - 12, "the free heel comes down to the floor"
    assert low.top() > start.top() + 20, "the body lowers"


def test_single_leg_squat_sits_back_towards_a_chair_not_through_it():
    renderer = QSvgRenderer(str(svg_path("single_leg_squat")))
    for chair, body in (("chair", "figure"), ("chair_2", "figure_2")):
        c, b = element_box(renderer, chair), element_box(renderer, body)
        assert c.center().x() < b.center().x(), f"{chair} is behind the person"
        assert c.right() < b.left() + 25, f"{chair} is drawn through {body}"
    standing, sitting = element_box(renderer, "figure"), element_box(renderer, "figure_2")
    assert sitting.top() > standing.top() + 40, "the second frame squats"


# ---------------------------------------------------------------- rolls look different


@pytest.mark.parametrize("a,b", list(itertools.combinations(ROLLS, 2)))
def test_no_two_roll_pictures_are_near_identical(a, b):
    """The old TFL and vastus lateralis drawings differed by 4.8 % of pixels (only the roller moved)."""
    assert differing_fraction(render_text_free(a), render_text_free(b)) > 0.065


def test_tfl_roller_is_at_the_hip_and_vastus_lateralis_roller_under_the_thigh():
    tfl, vl = (QSvgRenderer(str(svg_path(n))) for n in ("roll_tfl", "roll_vastus_lateralis"))
    tfl_target, vl_target = element_box(tfl, "target"), element_box(vl, "target")
    assert vl_target.width() > 2 * tfl_target.width(), "the outer quad runs along the thigh; the TFL is small"
    assert tfl_target.center().x() < element_box(tfl, "roller").right(), "the TFL target sits over the roller"
    for name in ("roll_tfl", "roll_vastus_lateralis"):  # the words name the muscle, never the band
        text = " ".join(" ".join(el.itertext()) for el in ET.parse(svg_path(name)).getroot().iter(f"{SVG_NS}text"))
        assert text and "band" not in text.lower()


# ---------------------------------------------------------------- words: large, and never mirrored


@pytest.mark.parametrize("name", sorted(set(REQUIRED) - UNMIRRORED))
def test_words_are_large_and_kept_apart_for_mirroring(name):
    root = ET.parse(svg_path(name)).getroot()
    group = root.find(f".//{SVG_NS}g[@id='words']")
    grouped = set(group.iter()) if group is not None else set()
    for el in root.iter(f"{SVG_NS}text"):
        assert float(el.get("font-size", "0")) >= 20, f"{name}: {''.join(el.itertext())!r} is too small"
        assert el in grouped, f"{name}: {''.join(el.itertext())!r} is outside <g id='words'>"


def _grab(name: str, mirrored: bool) -> QImage:
    from coach.ui.illustration import Illustration

    widget = Illustration(f"illustrations/{name}.svg", mirror=mirrored)
    widget.resize(480, 320)
    try:
        return widget.grab().toImage().convertToFormat(QImage.Format_RGB32)
    finally:
        widget.deleteLater()


def test_the_widget_mirrors_a_picture_for_the_right_side():
    plain, mirrored = _grab("step_down", False), _grab("step_down", True)
    assert differing_fraction(plain, mirrored) > 0.05
    assert differing_fraction(plain.flipped(Qt.Orientation.Horizontal), mirrored) < 0.01


def test_mirrored_words_still_read_left_to_right():
    from coach.ui.illustration import Illustration

    plain, mirrored = _grab("roll_tfl", False), _grab("roll_tfl", True)
    box = element_box(QSvgRenderer(str(svg_path("roll_tfl"))), "words").toRect()
    assert box.width() > 60
    same = plain.copy(box), mirrored.copy(box)
    assert differing_fraction(*same) < 0.01, "the words were flipped"
    assert differing_fraction(plain.flipped(Qt.Orientation.Horizontal).copy(box), mirrored.copy(box)) > 0.02
    widget = Illustration("illustrations/roll_tfl.svg")
    assert widget.mirrored is False
    widget.set_mirrored(True)
    assert widget.mirrored is True
    widget.deleteLater()


@pytest.mark.parametrize("name", sorted(UNMIRRORED))
def test_diagram_labels_are_readable_too(name):
    """The IT-band diagram and the placeholder are never mirrored; their labels are laid out around the drawing,
    at 17 px or more (the old 13 px captions were a blur at card size)."""
    for el in ET.parse(svg_path(name)).getroot().iter(f"{SVG_NS}text"):
        assert float(el.get("font-size", "0")) >= 17, f"{name}: {''.join(el.itertext())!r} is too small"
