"""The illustration set in assets/: complete, valid for Qt's SVG renderer, described, consistent.

Every file the bundled routines and docs/ARCHITECTURE.md name must exist, parse with QSvgRenderer
(SVG 1.2 Tiny), render to something that isn't blank, carry a <title> and <desc>, and share one
viewBox. Roll drawings mark the target muscle (id="target") and the roller (id="roller"); their
rendered boxes must touch (the roller sits under the target) and the target must actually be
visible in the accent colour. No text anywhere may put the roller on the IT band.
Rendering is offscreen (conftest sets QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from coach.core.routines.targets import mentions_it_band

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "assets"
ILLUSTRATIONS = ASSETS / "illustrations"
SVG_NS = "{http://www.w3.org/2000/svg}"

ROLLS = [
    "roll_tfl",
    "roll_vastus_lateralis",
    "roll_glute_max",
    "roll_glute_med",
    "roll_quads",
    "roll_hamstrings",
    "roll_calves",
]
DRILLS = [
    "side_plank",
    "side_plank_knees",
    "lateral_band_walk",
    "hip_abduction",
    "single_leg_squat",
    "step_down",
    "split_squat",
    "lunge",
    "squat",
    "glute_bridge",
    "single_leg_deadlift",
    "single_leg_balance",
]
OTHERS = ["rest", "education_band", "placeholder"]
REQUIRED = ROLLS + DRILLS + OTHERS
VIEWBOX = QRectF(0, 0, 480, 320)
ACCENT = "#e8552d"  # the target-muscle colour: used for nothing else
FORBIDDEN_TAGS = {"style", "filter", "foreignObject", "mask", "script", "image"}
NEGATION = re.compile(r"\b(don'?t|do not|never|not|no|avoid|instead)\b", re.IGNORECASE)
ROLLING = re.compile(r"\broll(s|ed|er|ers|ing)?\b", re.IGNORECASE)


@pytest.fixture(scope="module", autouse=True)
def qt_app():
    return QApplication.instance() or QApplication([])


def svg_path(name: str) -> Path:
    return ILLUSTRATIONS / f"{name}.svg"


def names_in_docs() -> set[str]:
    text = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## Illustrations", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"([a-z_]+)\.svg", section)) - {"icon"}


def names_in_routines() -> set[str]:
    found = set()
    for toml in (REPO / "routines").glob("*.toml"):
        data = tomllib.loads(toml.read_text(encoding="utf-8"))
        for step in data.get("steps", []):
            if "illustration" in step:
                found.add(step["illustration"])
    return found


def render(path: Path, width: int, height: int) -> QImage:
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid(), f"{path.name}: QSvgRenderer can't parse it"
    image = QImage(width, height, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def distinct_colours(image: QImage, step: int = 2) -> set[int]:
    return {image.pixel(x, y) for y in range(0, image.height(), step) for x in range(0, image.width(), step)}


def words(path: Path) -> list[str]:
    """The title, desc and every visible text line of an SVG."""
    root = ET.parse(path).getroot()
    out = []
    for tag in ("title", "desc", "text"):
        out += ["".join(el.itertext()).strip() for el in root.iter(f"{SVG_NS}{tag}")]
    return [w for w in out if w]


def says_roll_the_it_band(sentence_source: list[str]) -> list[str]:
    """Sentences that put rolling and the IT band together without a negation ("don't", "never", ...)."""
    bad = []
    for chunk in sentence_source:
        for sentence in re.split(r"(?<=[.!?])\s+", chunk):
            if mentions_it_band(sentence) and ROLLING.search(sentence) and not NEGATION.search(sentence):
                bad.append(sentence)
    return bad


def element_box(renderer: QSvgRenderer, element_id: str) -> QRectF:
    """Bounds of an element in viewBox units, parents' transforms applied."""
    return renderer.transformForElement(element_id).mapRect(renderer.boundsOnElement(element_id))


# ---------------------------------------------------------------- the set is complete


def test_the_required_list_matches_the_architecture_doc():
    assert names_in_docs() == set(REQUIRED)


def test_every_illustration_a_routine_names_exists():
    named = names_in_routines()
    assert named, "no routine names an illustration: the routines folder moved?"
    missing = sorted(n for n in named if not (ASSETS / n).is_file())
    assert not missing


@pytest.mark.parametrize("name", REQUIRED)
def test_required_file_exists_and_is_small(name):
    p = svg_path(name)
    assert p.is_file()
    assert 500 < p.stat().st_size < 8_000, f"{name}.svg is {p.stat().st_size} bytes"


def test_no_stray_files_in_the_folder():
    assert {p.stem for p in ILLUSTRATIONS.glob("*.svg")} == set(REQUIRED)


# ---------------------------------------------------------------- each file renders in Qt


@pytest.mark.parametrize("name", REQUIRED)
def test_valid_for_qt_and_one_viewbox(name):
    renderer = QSvgRenderer(str(svg_path(name)))
    assert renderer.isValid()
    assert renderer.viewBoxF() == VIEWBOX


@pytest.mark.parametrize("name", REQUIRED)
def test_only_svg_tiny_features(name):
    root = ET.parse(svg_path(name)).getroot()
    tags = {el.tag.replace(SVG_NS, "") for el in root.iter()}
    assert not tags & FORBIDDEN_TAGS
    assert not any("class" in el.attrib or "style" in el.attrib for el in root.iter())


@pytest.mark.parametrize("name", REQUIRED)
@pytest.mark.parametrize("size", [(960, 640), (240, 160)])
def test_renders_a_real_picture(name, size):
    image = render(svg_path(name), *size)
    colours = distinct_colours(image)
    assert len(colours) > 20, f"{name} at {size}: {len(colours)} colours, looks blank"
    # the card fills the frame: the centre pixel is painted (not transparent)
    assert QColor(image.pixel(size[0] // 2, size[1] // 2)).alpha() == 255


@pytest.mark.parametrize("name", REQUIRED)
def test_has_title_and_desc_in_plain_words(name):
    root = ET.parse(svg_path(name)).getroot()
    title = root.find(f"{SVG_NS}title")
    desc = root.find(f"{SVG_NS}desc")
    assert title is not None and len(title.text.strip()) >= 4
    assert desc is not None and len(desc.text.split()) >= 12


# ---------------------------------------------------------------- roll drawings


@pytest.mark.parametrize("name", ROLLS)
def test_roll_target_and_roller_touch(name):
    renderer = QSvgRenderer(str(svg_path(name)))
    assert renderer.elementExists("target") and renderer.elementExists("roller")
    target, roller = element_box(renderer, "target"), element_box(renderer, "roller")
    assert not target.isEmpty() and not roller.isEmpty()
    assert VIEWBOX.contains(target) and VIEWBOX.contains(roller)
    assert target.intersects(roller), f"{name}: target {target} and roller {roller} don't touch"
    assert roller.center().y() > target.center().y(), f"{name}: the roller is not under the target"


@pytest.mark.parametrize("name", ROLLS)
def test_roll_target_is_visible_in_the_accent_colour(name):
    renderer = QSvgRenderer(str(svg_path(name)))
    box = element_box(renderer, "target")
    scale = 2
    image = render(svg_path(name), 480 * scale, 320 * scale)
    accent = QColor(ACCENT)
    hits = sum(
        1
        for y in range(int(box.top() * scale), int(box.bottom() * scale))
        for x in range(int(box.left() * scale), int(box.right() * scale))
        if QColor(image.pixel(x, y)) == accent
    )
    assert hits > 60, f"{name}: only {hits} accent pixels where the target is"


@pytest.mark.parametrize("name", REQUIRED)
def test_accent_colour_marks_only_muscles_to_roll(name):
    root = ET.parse(svg_path(name)).getroot()
    accented = [el for el in root.iter() if ACCENT in (el.get("fill", ""), el.get("stroke", ""))]
    if name in ROLLS:
        assert [el.get("id") for el in accented] == ["target"]
    elif name == "education_band":
        group = root.find(f".//{SVG_NS}g[@id='targets']")
        in_group = set(group.iter()) if group is not None else set()
        legend = [el for el in accented if el not in in_group]
        assert len(in_group & set(accented)) >= 4 and len(legend) == 1
    else:
        assert accented == []


# ---------------------------------------------------------------- never the IT band


def test_the_it_band_check_catches_a_bad_caption():
    assert says_roll_the_it_band(["Roller under the IT band on the side of the thigh."])
    assert says_roll_the_it_band(["Roll the ITB slowly."])
    assert says_roll_the_it_band(["Foam rolling: IT band."])
    assert not says_roll_the_it_band(["Don't roll on the IT band itself."])
    assert not says_roll_the_it_band(["The IT band is fascia running down the thigh."])
    assert not says_roll_the_it_band(["Roller under the vastus lateralis."])


@pytest.mark.parametrize("name", REQUIRED)
def test_no_text_puts_the_roller_on_the_it_band(name):
    assert says_roll_the_it_band(words(svg_path(name))) == []


@pytest.mark.parametrize("name", ROLLS)
def test_roll_drawings_name_a_muscle_not_the_band(name):
    root = ET.parse(svg_path(name)).getroot()
    ids = [el.get("id", "") for el in root.iter()]
    assert not any(mentions_it_band(i) for i in ids)
    labels = [" ".join(el.itertext()) for el in root.iter(f"{SVG_NS}text")]
    assert labels and not any(mentions_it_band(t) for t in labels)


def test_education_diagram_labels_the_band_and_has_no_roller():
    path = svg_path("education_band")
    renderer = QSvgRenderer(str(path))
    assert renderer.elementExists("it_band") and not renderer.elementExists("roller")
    text = " ".join(" ".join(el.itertext()) for el in ET.parse(path).getroot().iter(f"{SVG_NS}text"))
    assert "IT band: fascia, don't roll it" in text
    for muscle in ("TFL", "Vastus lateralis", "Glute med", "Glute max"):
        assert muscle in text


@pytest.mark.parametrize("name", REQUIRED)
def test_the_app_widget_shows_the_drawing_not_the_placeholder(name):
    illustration = pytest.importorskip("coach.ui.illustration", reason="the UI's illustration widget isn't built yet")
    widget = illustration.Illustration(f"illustrations/{name}.svg")
    widget.resize(480, 320)
    try:
        assert widget.placeholder is False
        image = widget.grab().toImage()
        assert len(distinct_colours(image)) > 20
    finally:
        widget.deleteLater()


# ---------------------------------------------------------------- app icon


@pytest.mark.parametrize("px", [16, 32, 256])
def test_icon_renders_square_at_all_sizes(px):
    icon = ASSETS / "icon.svg"
    renderer = QSvgRenderer(str(icon))
    assert renderer.isValid()
    assert renderer.viewBoxF().width() == renderer.viewBoxF().height()
    image = render(icon, px, px)
    assert len(distinct_colours(image, step=1)) >= (4 if px == 16 else 10)
    root = ET.parse(icon).getroot()
    assert root.find(f"{SVG_NS}title") is not None and root.find(f"{SVG_NS}desc") is not None
