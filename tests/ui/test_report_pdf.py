"""The physio's report as a PDF, from seeded histories in a real store: its text read back with ``pdftotext``,
fonts with ``pdffonts``, the page size with ``pdfinfo``, and page 1 rasterised with ``pdftoppm`` (poppler-utils)."""

from __future__ import annotations

import re
import subprocess
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QImage

from coach import paths
from coach.core.programme.loader import load_programmes
from coach.core.report import DROP_ERROR_DEG
from coach.store import HistoryStore
from coach.store.report_source import gather_report
from coach.ui.report.pdf import page_size, write_report
from support.report_history import seed, session

NOW = datetime.now().replace(microsecond=0)
TODAY = NOW.date()


def pdf_text(pdf: Path, page: int | None = None, *, flow: bool = False) -> str:
    """The text (``flow``: in reading order with lines joined, for text in columns; else laid out as printed)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    layout = [] if flow else ["-layout"]
    out = subprocess.run(["pdftotext", *layout, *pages, str(pdf), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", out.stdout) if flow else re.sub(r"[ \t]+", " ", out.stdout)


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def page_one_png(pdf: Path, tmp: Path) -> QImage:
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp / "p")], check=True)
    (png,) = tmp.glob("p-*1.png")
    return QImage(str(png))


def make(tmp_path: Path, first: date, last: date = TODAY, name: str = "", **seed_kw) -> tuple[Path, float]:
    store, _ = HistoryStore.open(paths.db_path())
    if seed_kw:
        seed(store, **seed_kw)
    routines = paths.load_routines().routines
    progs, _ = load_programmes(paths.programme_folders())
    t0 = time.perf_counter()
    report = gather_report(store, routines, progs, first, last, NOW, name)
    out = tmp_path / "report.pdf"
    write_report(report, out)
    store.close()
    return out, time.perf_counter() - t0


def test_six_weeks_of_history(tmp_path, qapp):
    first = TODAY - timedelta(days=41)
    out, _ = make(tmp_path, first, name="Alex Morgan", first_day=first, days=42)
    text = pdf_text(out, 1)
    assert "Name: Alex Morgan" in text and f"{first.day} {first:%b %Y} – {TODAY.day} {TODAY:%b %Y}" in text
    assert "phase 2 of 4: Build the glute med" in text
    assert re.search(r"Adherence: \d+ of \d+ planned sessions done \(\d+ %\)", text)
    assert "Pelvic-drop peak per side, per week" in text and "Flags L / R" in text
    flow = pdf_text(out, 1, flow=True)
    assert re.search(r"Standing on the left leg: \d+\.\d° \(week of [^)]*\) → \d+\.\d° [^:]*: down \d+\.\d°", flow)
    assert f"within ±{DROP_ERROR_DEG:g}°" in text
    assert "No runs logged in this range." in text
    assert "Step-down: 3 × " in text and "Pain stayed at 2/10" in text
    later = pdf_text(out)
    assert "Knee niggly on the stairs after work." in later and "Reps or hold per set" in later
    assert "10, 9 reps (target 10)" in later and "camera" in later and "not measured" not in later
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    rows = [ln.split() for ln in fonts.splitlines()[2:]]
    assert rows and all("yes" in r[-5:-3] for r in rows)  # embedded
    img = page_one_png(out, tmp_path)
    w_in, h_in = img.width() / 60, img.height() / 60
    letter = page_size(QLocale()).id().name == "Letter"
    assert (round(w_in, 1), round(h_in, 1)) == ((8.5, 11.0) if letter else (8.3, 11.7))
    px = [img.pixelColor(x, y) for x in range(0, img.width(), 2) for y in range(0, img.height() // 2, 2)]
    assert sum(c.blue() - c.red() > 80 for c in px) > 50  # the blue series (left leg, pain before) was painted
    assert sum(c.red() - c.blue() > 80 for c in px) > 50  # and the orange ones
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2  # only the listing's header: every page is vector


def test_empty_history(tmp_path, qapp):
    out, _ = make(tmp_path, TODAY - timedelta(days=41))
    text = pdf_text(out)
    assert "Name: ____" in text and "Programme: none set up" in text
    assert "No pain ratings in this range." in text and "Pelvic drop: not measured in this range" in text
    assert "Sessions (0)" in text and "No sessions in this range." in text and pages(out) == 2


def test_one_session(tmp_path, qapp):
    store, _ = HistoryStore.open(paths.db_path())
    r = session(TODAY - timedelta(days=1), 1, camera=True, drop_left=6.5, drop_right=2.0)
    store.begin_session(r)
    store.finish_session(r)
    store.close()
    out, _ = make(tmp_path, TODAY - timedelta(days=41))
    text = pdf_text(out)
    assert "Sessions (1)" in text and "peak 6.5°, 1 drop flagged" in text and "peak 2.0°, no drop flagged" in text
    assert "measured in one week only" in text


def test_camera_off_history_says_not_measured(tmp_path, qapp):
    first = TODAY - timedelta(days=41)
    out, _ = make(tmp_path, first, first_day=first, days=42, camera=False)
    one = pdf_text(out, 1)
    assert "Pelvic drop: not measured in this range (camera off, side view, or no single-leg rep)." in one
    assert "Standing on the left leg: not measured." in one and "Left/right asymmetry: not measured" in one
    later = pdf_text(out)
    assert "not measured (camera off)" in later and "no drop flagged" not in later and not re.search(r"peak \d", later)


def test_a_year_of_data_is_written_fast_and_tables_break_cleanly(tmp_path, qapp):
    first = TODAY - timedelta(days=364)
    out, seconds = make(tmp_path, first, first_day=first, days=365)
    assert seconds < 5.0, f"{seconds:.2f} s"
    n = pages(out)
    assert n > 10
    for p in range(2, n + 1):
        text = pdf_text(out, p)
        assert f"Page {p}" in text
        if re.search(r"\d+/\d+ +\d+", text) and "Step-down (left leg)" in text:
            assert "Reps or hold per set" in text  # a table continued on a new page repeats its header
    assert "Pelvic-drop peak per side, every week" in pdf_text(out, n) or "every week" in pdf_text(out)


def test_a_table_longer_than_a_page_repeats_its_header_on_every_page(tmp_path, qapp):
    from PySide6.QtGui import QPainter, QPdfWriter

    from coach.ui.report.layout import DPI, Column, PageWriter

    writer = QPdfWriter(str(tmp_path / "t.pdf"))
    writer.setResolution(DPI)
    painter = QPainter(writer)
    w = PageWriter(writer, painter, lambda n: None)
    w.table((Column("Alpha head", 0.5), Column("Beta head", 0.5)), [[f"row {i}", "x " * (i % 40)] for i in range(300)])
    painter.end()
    n = pages(tmp_path / "t.pdf")
    assert n >= 4
    rows = []
    for p in range(1, n + 1):
        text = pdf_text(tmp_path / "t.pdf", p)
        assert text.lstrip().startswith("Alpha head Beta head")
        rows += [int(m) for m in re.findall(r"row (\d+)", text)]
    assert rows == list(range(300))  # every row once, in order: none split or lost at a page break


def test_letter_where_the_locale_measures_in_inches():
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    uk = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert page_size(us).id().name == "Letter" and page_size(uk).id().name == "A4"


@pytest.fixture
def qapp():
    from coach.ui.report.pdf import ensure_app

    return ensure_app()


def test_a_note_longer_than_a_page_flows_on_and_runs_are_charted_against_the_cap(tmp_path, qapp):
    from dataclasses import replace

    from coach.core.report import build_report

    mon = date(2026, 11, 2)
    note = "My knee felt tight on the stairs today. " * 450 + "x" * 2500 + " END-OF-NOTE"
    rec = replace(session(mon, 1, camera=True, drop_left=6.1, drop_right=2.0), notes=note)
    runs = [(mon - timedelta(days=7 * i), 10.0 + i) for i in range(6)]
    report = build_report(
        [rec],
        mon - timedelta(days=35),
        mon + timedelta(days=6),
        now=NOW,
        runs=runs,
        run_cap_km=14.0,
        runs_over=[mon - timedelta(days=21)],
        name="<b>Jo",
    )
    out = tmp_path / "long.pdf"
    n = write_report(report, out)
    assert n == pages(out) >= 4
    text = pdf_text(out)
    assert text.count("My knee felt tight on the stairs today.") == 450 and "END-OF-NOTE" in text
    assert "Name: <b>Jo" in text  # plain text, never markup
    one = pdf_text(out, 1)
    assert "No runs logged" not in one and "Next week: up to 14 km." in one
    assert "More than 15 % above the week before in 1 of 6 weeks." in one
    for p in range(1, n + 1):  # nothing painted over the footer: each page's text ends with its page number
        assert pdf_text(out, p).rstrip().endswith(f"Page {p}")
