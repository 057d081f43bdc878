"""Review tool, not a benchmark: render every illustration SVG to PNG, plus one contact sheet.

Renders with Qt's own SVG renderer (the one the app uses), offscreen:

    .venv/bin/python bench/render_illustrations.py [--out DIR] [--width 960] [--dark]

Writes ``DIR/<name>.png`` for each ``assets/illustrations/*.svg`` and ``assets/icon.svg``,
and ``DIR/contact_sheet.png`` (all illustrations in a grid, plus the icon at 16-256 px).
``--dark`` paints the sheet background in a dark window colour to judge the cards in a dark theme.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def render(svg: Path, width: int, height: int, background: QColor | None = None) -> QImage:
    """Render ``svg`` into a ``width`` x ``height`` ARGB image (transparent unless ``background``)."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: Qt could not parse this SVG")
    image = QImage(width, height, QImage.Format_ARGB32_Premultiplied)
    image.fill(background if background is not None else Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def contact_sheet(svgs: list[Path], icon: Path | None, cell_w: int, dark: bool) -> QImage:
    cols = 4
    cell_h = cell_w * 2 // 3
    pad, label_h = 16, 24
    rows = (len(svgs) + cols - 1) // cols
    icon_h = 280 if icon else 0
    sheet = QImage(
        cols * (cell_w + pad) + pad, rows * (cell_h + label_h + pad) + pad + icon_h, QImage.Format_ARGB32_Premultiplied
    )
    bg = QColor("#2b2b2b") if dark else QColor("#efefef")
    fg = QColor("#eeeeee") if dark else QColor("#202020")
    sheet.fill(bg)
    p = QPainter(sheet)
    p.setRenderHint(QPainter.Antialiasing)
    p.setFont(QFont("DejaVu Sans", 11))
    p.setPen(fg)
    for i, svg in enumerate(svgs):
        x = pad + (i % cols) * (cell_w + pad)
        y = pad + (i // cols) * (cell_h + label_h + pad)
        QSvgRenderer(str(svg)).render(p, QRectF(x, y, cell_w, cell_h))
        p.drawText(QRectF(x, y + cell_h, cell_w, label_h), Qt.AlignCenter, svg.stem)
    if icon:
        y = pad + rows * (cell_h + label_h + pad)
        x = pad
        for size in (16, 24, 32, 48, 64, 128, 256):
            QSvgRenderer(str(icon)).render(p, QRectF(x, y, size, size))
            x += size + 24
    p.end()
    return sheet


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("illustration_review"), help="output folder")
    ap.add_argument("--width", type=int, default=960, help="PNG width in px (height = 2/3 of it)")
    ap.add_argument("--dark", action="store_true", help="dark background for the contact sheet")
    args = ap.parse_args(argv)
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svgs = sorted((ASSETS / "illustrations").glob("*.svg"))
    icon = ASSETS / "icon.svg"
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        for svg in svgs:
            render(svg, args.width, args.width * 2 // 3).save(str(args.out / f"{svg.stem}.png"))
        if icon.is_file():
            render(icon, 256, 256).save(str(args.out / "icon.png"))
        sheet = contact_sheet(svgs, icon if icon.is_file() else None, 360, args.dark)
        sheet.save(str(args.out / "contact_sheet.png"))
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(f"{len(svgs)} illustrations rendered to {args.out}/ (contact_sheet.png)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
