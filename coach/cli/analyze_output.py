"""What ``coach analyze`` prints: the result dict (``--json``) and its text form.

``_result`` turns an ``AnalysisSummary`` into a JSON-ready dict (times in seconds, rounded to ms; pelvic
angles in degrees, + = the free side's hip lower); ``format_text`` renders that dict as the text report.
"""

from __future__ import annotations

from pathlib import Path


def _result(s, path: Path, kind: str, fps: float, side: str, model: str | None) -> dict:
    return {
        "exercise": s.exercise,
        "side": side,
        "path": str(path),
        "kind": kind,
        "reps": s.reps,
        "partial_reps": s.partial_reps,
        "rep_times_s": list(s.rep_times_s),
        "reps_by_side": dict(s.reps_by_side),
        "pelvic_drop_events": [
            {"t_s": round(e.t_s, 3), "side": e.side, "peak_deg": round(e.peak_deg, 2)} for e in s.pelvic_drop_events
        ],
        "drops_by_side": dict(s.drops_by_side),
        "peak_drop_by_side": dict(s.peak_by_side),
        "asymmetry_deg": s.asymmetry_deg,
        "hold_s": s.hold_s,
        "rep_sides": list(s.rep_sides),
        "rep_peak_drop_deg": list(s.rep_peak_drop_deg),
        # "not measured" (0 frames, a reason) is never "no drop" (frames measured, 0 events)
        "pelvic_measured": s.pelvic_measured_frames > 0,
        "pelvic_measured_frames": s.pelvic_measured_frames,
        "pelvic_stance_frames": s.pelvic_stance_frames,
        "pelvic_not_measured_reason": s.pelvic_reason,
        "normalised_input": s.normalised_input,
        "camera_moved_s": list(s.camera_moved_s),
        "camera_moving_frames": s.camera_moving_frames,
        "frames": s.frames,
        "frames_with_pose": s.frames_with_pose,
        "fps": round(float(fps), 3),
        "model": model,
    }


def format_text(r: dict) -> str:
    share = r["frames_with_pose"] / r["frames"] if r["frames"] else 0.0
    lines = [
        f"{Path(r['path']).name}: {r['exercise']} (side: {r['side']})",
        f"Reps: {r['reps']}"
        + (f"  (left {r['reps_by_side']['left']}, right {r['reps_by_side']['right']})" if r["reps_by_side"] else ""),
        "Rep times (s): " + (", ".join(f"{t:.2f}" for t in r["rep_times_s"]) or "-"),
        f"Partial reps: {r['partial_reps']}",
    ]
    if r["hold_s"]:
        lines.append(f"Time in the hold position: {r['hold_s']:.1f} s")
    if r.get("rep_sides") and any(r["rep_sides"]):
        lines.append("Rep sides (stance leg): " + ", ".join(x or "-" for x in r["rep_sides"]))
    if r.get("rep_peak_drop_deg"):
        lines.append(
            "Peak pelvic drop per rep (deg, + = the free side's hip lower): "
            + ", ".join("not measured" if x is None else f"{x:.1f}" for x in r["rep_peak_drop_deg"])
        )
    events = r["pelvic_drop_events"]
    if r.get("pelvic_measured", True):
        lines.append(
            f"Pelvic-drop events: {len(events) or 'none'}"
            + (
                f"  (hip line measured on {r['pelvic_measured_frames']} frames)"
                if "pelvic_measured_frames" in r
                else ""
            )
        )
    else:
        lines.append(f"Pelvic drop: not measured ({r.get('pelvic_not_measured_reason') or 'no measurement'})")
    if r.get("normalised_input"):
        lines.append(
            "Note: the landmarks look normalised per axis (x, y, z each spanning 0..1 in every frame); "
            "counted from scale-free signals, angles are not meaningful"
        )
    for e in events:
        lines.append(f"  at {e['t_s']:6.2f} s  standing on the {e['side']} leg  peak drop {e['peak_deg']:.1f} deg")
    if r.get("people_note"):
        lines.append(r["people_note"])
    if r.get("camera_moved_s"):
        times = ", ".join(f"{t:.1f} s" for t in r["camera_moved_s"])
        lines.append(
            f"The camera moved ({len(r['camera_moved_s'])}x, at {times}; {r['camera_moving_frames']} frames): "
            "nothing was counted or flagged while it moved, and the start position and hip line were measured again"
        )
    lines.append(f"Frames: {r['frames']} at {r['fps']:g} fps, a pose in {r['frames_with_pose']} ({share:.0%})")
    return "\n".join(lines)
