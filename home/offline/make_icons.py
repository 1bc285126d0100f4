"""Draw the app icons once (``.venv/bin/python -m home.offline.make_icons``); the PNGs are committed under static/icons/.

The site's mark as the header shows it: the header's dark blue, "AK" in white, and a wave for the Hochrhein.
Everything sits inside the middle 80 % so the same file is a maskable icon (Android crops to a circle).
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

TARGET = Path(__file__).resolve().parents[2] / "static" / "icons"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
DARK = "#073763"
WAVE = "#8fbce6"


def draw(size):
    scale = 4  # drawn large, scaled down: smooth edges
    big = size * scale
    image = Image.new("RGB", (big, big), DARK)
    canvas = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(big * 0.34))
    canvas.text((big / 2, big * 0.44), "AK", font=font, fill="white", anchor="mm")
    width = int(big * 0.035)
    points = []
    for step in range(0, 101):
        x = big * (0.24 + 0.52 * step / 100)
        y = big * 0.66 + big * 0.035 * math.sin(step / 100 * 2 * math.pi * 2)
        points.append((x, y))
    canvas.line(points, fill=WAVE, width=width, joint="curve")
    return image.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    for size in (192, 512):
        draw(size).save(TARGET / f"app-{size}.png", optimize=True)
