"""Draw the Windows icon: a plain white page with grey lines, as any notes program has, so
the Start menu and the taskbar give no hint of what the app is for (the same page as the
decoy's icon in ui/neutral_icon.py). Run by installer/windows/check: make_icon.py OUT.ico"""

import sys

from PIL import Image, ImageDraw


def page(size: int) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    unit = size / 64
    width = max(1, round(2 * unit))
    draw.rounded_rectangle(
        (12 * unit, 6 * unit, 52 * unit, 58 * unit),
        radius=4 * unit,
        fill=(255, 255, 255, 255),
        outline=(107, 114, 128, 255),
        width=width,
    )
    for y in (20, 28, 36, 44):
        draw.line(
            (20 * unit, y * unit, 44 * unit, y * unit), fill=(107, 114, 128, 255), width=width
        )
    return image


if __name__ == "__main__":
    page(256).save(sys.argv[1], sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (256, 256)])
