"""What goes where in the report. Page 1, readable in a minute: who and when, the programme's phase and week,
adherence, pain over time, the pelvic-drop peak per side per week (changes only beyond the measurement's error,
"not measured" where it wasn't), the left/right asymmetry, weekly running distance, and the current doses with the
last decision and its reason. Page 2 on: the notes, then a table per session. Text sizes are in points."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from coach.core.report import DROP_ERROR_DEG, Report
from coach.core.report.drops import asymmetry_text, change_text, trend_text
from coach.ui.report.charts import WEEKLY_AFTER_DAYS, paint_trend, report_trends
from coach.ui.report.layout import MUTED, Column, PageWriter, font

TITLE = "IT-band coach — report for a physiotherapist"
PAGE1_WEEKS = 6  # the weekly pelvic-drop table on page 1 shows the latest weeks; all of them follow the sessions
DROP_COLUMNS = (
    Column("Week of", 0.14),
    Column("Standing on left: peak", 0.17),
    Column("change", 0.18),
    Column("Standing on right: peak", 0.17),
    Column("change", 0.18),
    Column("Flags L / R", 0.16),
)
DOSE_COLUMNS = (Column("Dose now", 0.30), Column("Last decision", 0.17), Column("Why", 0.53))
SESSION_COLUMNS = (
    Column("Exercise", 0.27),
    Column("Sets", 0.08),
    Column("Reps or hold per set", 0.27),
    Column("Source", 0.12),
    Column("Pelvic drop", 0.26),
)


def _range(r: Report) -> str:
    days = (r.last - r.first).days + 1
    return f"{r.first.day} {r.first:%b %Y} – {r.last.day} {r.last:%b %Y} ({days} days)"


def _peak(v: float | None) -> str:
    return "not measured" if v is None else f"{v:.1f}°"


def drop_rows(r: Report, weeks: int | None = None) -> list[list[str]]:
    rows = r.drops[-weeks:] if weeks else r.drops
    out = []
    for w in rows:
        flags = "—" if w.left.peak is None and w.right.peak is None else f"{w.left.flags} / {w.right.flags}"
        out.append(
            [
                f"{w.week.day} {w.week:%b %Y}",
                _peak(w.left.peak),
                "—" if w.left.peak is None else change_text(w.left),
                _peak(w.right.peak),
                "—" if w.right.peak is None else change_text(w.right),
                flags,
            ]
        )
    return out


def running_text(r: Report) -> str:
    """The latest week's distance, next week's cap and the weeks that rose too fast, in words."""
    if not r.runs:
        return "No runs logged in this range."
    week, km = max(r.runs)  # the latest week
    lines = [f"Week of {week.day} {week:%b}: {km:.1f} km."]
    if r.run_cap_km is not None:
        lines[0] += f" Next week: up to {r.run_cap_km:g} km."
    n = len(r.runs)
    lines.append(
        f"More than 15 % above the week before in {len(r.runs_over)} of {n} week{'s' if n != 1 else ''}."
        if r.runs_over
        else "No week rose more than 15 % over the one before."
    )
    return "\n".join(lines)


def page_one(w: PageWriter, r: Report) -> None:
    small, body, bold = font(8), font(9.5), font(9.5, bold=True)
    w.text(TITLE, font(16, bold=True), gap=6)
    w.text(f"Name: {r.name}" if r.name else "Name: ________________________________", font(11))
    since = f"; first session {r.since.day} {r.since:%b %Y}" if r.since and (r.since - r.first).days > 13 else ""
    w.text(f"Dates: {_range(r)}{since}", font(11), gap=2)
    made = f"Made {r.made.day} {r.made:%b %Y %H:%M} from the app's own records: pain is self-rated (0–10), "
    w.text(made + "reps and pelvic drop come from the camera where it was on.", small, colour=MUTED)
    w.text(f"Programme: {r.programme}" if r.programme else "Programme: none set up", bold)
    a = r.adherence
    if a.planned:
        head = f"Adherence: {a.done} of {a.planned} planned sessions done ({a.percent} %)"
    elif a.planned is None:
        head = f"Adherence: {a.done} session day{'s' if a.done != 1 else ''} in whole weeks (none planned)"
    else:
        head = "Adherence: no whole programme week in this range yet"
    if a.this_week_planned is not None:
        head += f"; this week so far {a.this_week_done} of {a.this_week_planned}"
    w.text(head + ".", bold, gap=1)
    w.text(a.meaning, small, colour=MUTED)
    w.rule()
    trends = report_trends(r)
    half, gap, h = (w.width - 16) / 2, 16.0, 205.0
    w.ensure(h + 20)
    long = (r.last - max(r.first, r.since or r.first)).days > WEEKLY_AFTER_DAYS
    weekly = "weekly means" if long else "before, after, next morning"
    titles = (f"Pain (0–10), {weekly}", "Pelvic-drop peak per side, per week (°)")
    for i, (key, title) in enumerate(zip(("pain", "drops"), titles)):
        x = i * (half + gap)
        w.text_at(title, bold, QRectF(x, w.y, half, 16))
        trend = trends[key]
        if trend is None:
            empty = "No pain ratings in this range." if key == "pain" else "Not measured in this range."
            w.text_at(empty, body, QRectF(x, w.y + 22, half, 40), MUTED)
        else:
            paint_trend(trend, w.p, QRectF(x, w.y + 18, half, h - 18))
    w.y += h + 4
    w.text(
        "Pain: the shaded band is 3–4/10, the most the graded return allows during activity; by the next morning "
        "it should be back to usual. "
        f"Pelvic drop: a drop of the lifted-leg hip beyond {r.flag_deg:g}° for 150 ms is flagged. "
        f"A week's change is shown only when it is larger than ±{DROP_ERROR_DEG:g}°, the camera's measured error: "
        "the spread of the measurement on a still stance (bench/pelvic_noise.py). "
        "Peaks are per week over every rep, flagged or not.",
        small,
        colour=MUTED,
    )
    if any(d.left.peak is not None or d.right.peak is not None for d in r.drops):
        w.table(DROP_COLUMNS, drop_rows(r, PAGE1_WEEKS))
        if len(r.drops) > PAGE1_WEEKS:
            w.text(f"The latest {PAGE1_WEEKS} weeks; every week is listed after the sessions.", small, colour=MUTED)
    else:
        w.text("Pelvic drop: not measured in this range (camera off, side view, or no single-leg rep).", body)
    summary = "\n".join([trend_text(r.drops, "left"), trend_text(r.drops, "right"), asymmetry_text(r.drops)])
    h = max(w.text_height(summary, body, half), w.text_height(running_text(r), body, half))
    chart_h = 0.0 if trends["runs"] is None else 140.0
    w.ensure(22 + max(h, chart_h + h))
    w.text_at("Pelvic drop, first to last week", bold, QRectF(0, w.y, half, 18))
    w.text_at("Running", bold, QRectF(half + gap, w.y, half, 18))
    w.y += 20
    left = w.text_at(summary, body, QRectF(0, w.y, half, h))
    trend = trends["runs"]
    if trend is not None:
        paint_trend(trend, w.p, QRectF(half + gap, w.y, half, chart_h))
    right = chart_h + w.text_at(running_text(r), body, QRectF(half + gap, w.y + chart_h, half, h))
    w.y += max(left, right) + 6
    w.heading("Doses now and the last decision for each", keep=40)
    if not r.doses and not r.decisions and not r.not_started:
        w.text("No programme doses: the person trains from routines of their own choice.", body)
        return
    last = {d.exercise: d for d in r.decisions}
    rows = []
    for name, text, _reason in r.doses:
        d = last.get(name)
        rows.append([text, f"{d.action} ({d.day:%d %b})" if d else "—", d.reason if d else "Starting dose."])
    if not rows:  # decisions left from a programme that is no longer set up
        rows = [[d.dose, f"{d.action} ({d.day:%d %b})", d.reason] for d in r.decisions]
    if rows:
        w.table(DOSE_COLUMNS, rows)
    if r.not_started:
        w.text(f"At their first dose, not done in this range: {', '.join(r.not_started)}.", font(8), colour=MUTED)


def later_pages(w: PageWriter, r: Report) -> None:
    w.new_page()
    small, body = font(8), font(9.5)
    w.heading("Notes", size=13)
    notes = [(s.when, s.notes) for s in r.sessions if s.notes]
    if not notes:
        w.text("No notes in this range.", body)
    for when, text in notes:
        w.text(when, font(9.5, bold=True), gap=1)
        w.text(text, body)
    w.heading(f"Sessions ({r.sessions_count})", size=13)
    if not r.sessions:
        w.text("No sessions in this range.", body)
    for s in r.sessions:
        w.heading(f"{s.when} — {s.routine}", size=10, keep=95)
        w.text(f"{s.sets} · {s.status} · pain {s.pain}", small, colour=MUTED, gap=2)
        if s.lines:
            w.table(SESSION_COLUMNS, [[x.exercise, x.sets, x.per_set, x.source, x.flags or "—"] for x in s.lines])
        else:
            w.text("No sets recorded.", small)
    if len(r.drops) > PAGE1_WEEKS and any(d.left.peak is not None or d.right.peak is not None for d in r.drops):
        w.heading("Pelvic-drop peak per side, every week", size=13)
        w.table(DROP_COLUMNS, drop_rows(r))
