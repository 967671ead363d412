"""Pictures for the demo newsroom, drawn with Pillow: no file comes from anywhere else.

Every picture is a function of its seed string, so a second run draws the same pixels.
"""

from __future__ import annotations

import hashlib
import io
import random
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

LEAD_SIZE = (1600, 900)
AVATAR_SIZE = 480
FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
JPEG_QUALITY = 88

# (background top, background bottom, accent) per palette.
PALETTES = [
    ((18, 32, 64), (64, 110, 170), (255, 196, 77)),
    ((40, 18, 60), (150, 60, 120), (120, 230, 220)),
    ((10, 50, 45), (40, 140, 110), (250, 240, 200)),
    ((60, 20, 20), (200, 90, 60), (255, 230, 150)),
    ((25, 25, 30), (90, 95, 110), (120, 200, 255)),
    ((20, 40, 80), (230, 120, 90), (255, 255, 255)),
    ((35, 55, 35), (160, 180, 90), (40, 40, 40)),
    ((50, 30, 90), (90, 160, 220), (255, 120, 170)),
]
DEVICE_COLOURS = [(28, 28, 32), (210, 212, 218), (70, 80, 110), (140, 110, 90), (235, 225, 205)]


def seeded(seed: str) -> random.Random:
    """A random generator that gives the same numbers for the same seed on every run."""
    return random.Random(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big"))


@lru_cache(maxsize=16)
def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if FONT_PATH.exists():
        return ImageFont.truetype(str(FONT_PATH), size)
    return ImageFont.load_default(size=size)


def gradient(size: tuple[int, int], top: tuple, bottom: tuple) -> Image.Image:
    """A vertical two-colour gradient, built from Pillow's 256-step ramp and stretched."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _glow(canvas: Image.Image, rng: random.Random, colour: tuple) -> None:
    """Soft light spots behind the motif, so the backgrounds do not all look alike."""
    w, h = canvas.size
    layer = Image.new("RGBA", (w // 4, h // 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(3):
        r = rng.randint(h // 16, h // 6)
        x, y = rng.randint(0, w // 4), rng.randint(0, h // 4)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, 70))
    layer = layer.filter(ImageFilter.GaussianBlur(12)).resize((w, h))
    canvas.paste(layer, (0, 0), layer)


def _screen(
    draw: ImageDraw.ImageDraw, box: tuple, rng: random.Random, accent: tuple, radius: int
) -> None:
    """A lit display with a few app tiles on it."""
    x0, y0, x1, y1 = box
    draw.rounded_rectangle(box, radius, fill=(12, 14, 20))
    inset = max(4, (x1 - x0) // 30)
    top = tuple(min(255, c + rng.randint(0, 40)) for c in (30, 60, 140))
    draw.rounded_rectangle(
        (x0 + inset, y0 + inset, x1 - inset, y1 - inset), max(2, radius - inset), fill=top
    )
    tile = max(8, (x1 - x0) // 6)
    gap = tile // 3
    cols = max(1, (x1 - x0 - 2 * inset) // (tile + gap))
    rows = max(1, min(4, (y1 - y0) // (tile + gap) - 1))
    for row in range(rows):
        for col in range(cols):
            tx = x0 + inset + gap + col * (tile + gap)
            ty = y0 + inset + gap * 2 + row * (tile + gap)
            if tx + tile > x1 - inset or ty + tile > y1 - inset:
                continue
            shade = accent if rng.random() < 0.3 else (255, 255, 255)
            draw.rounded_rectangle((tx, ty, tx + tile, ty + tile), tile // 4, fill=(*shade, 200))


def _phone(draw, w, h, rng, accent, body, wide=False, fold=False):
    ph = int(h * 0.72)
    pw = int(ph * (0.9 if wide else 0.48))
    x0 = w // 2 - pw // 2 + rng.randint(-w // 6, w // 6)
    y0 = (h - ph) // 2
    draw.rounded_rectangle((x0, y0, x0 + pw, y0 + ph), pw // 7, fill=body)
    _screen(draw, (x0 + 12, y0 + 12, x0 + pw - 12, y0 + ph - 12), rng, accent, pw // 8)
    if fold:
        draw.line((x0 + pw // 2, y0 + 14, x0 + pw // 2, y0 + ph - 14), fill=(0, 0, 0), width=3)
    draw.ellipse((x0 + pw // 2 - 8, y0 + 26, x0 + pw // 2 + 8, y0 + 42), fill=(5, 5, 5))


def _watch(draw, w, h, rng, accent, body):
    cw = int(h * 0.42)
    x0 = w // 2 - cw // 2 + rng.randint(-w // 8, w // 8)
    y0 = (h - cw) // 2
    band = tuple(max(0, c - 40) for c in body)
    draw.rounded_rectangle((x0 + cw // 5, 0, x0 + cw - cw // 5, h), cw // 10, fill=band)
    draw.rounded_rectangle((x0, y0, x0 + cw, y0 + cw), cw // 4, fill=body)
    _screen(draw, (x0 + 14, y0 + 14, x0 + cw - 14, y0 + cw - 14), rng, accent, cw // 5)
    draw.rounded_rectangle((x0 + cw - 4, y0 + cw // 3, x0 + cw + 14, y0 + cw // 2), 6, fill=body)


def _laptop(draw, w, h, rng, accent, body):
    sw = int(w * 0.5)
    sh = int(sw * 0.62)
    x0 = (w - sw) // 2 + rng.randint(-w // 10, w // 10)
    y0 = int(h * 0.14)
    draw.rounded_rectangle((x0, y0, x0 + sw, y0 + sh), 18, fill=body)
    _screen(draw, (x0 + 16, y0 + 16, x0 + sw - 16, y0 + sh - 16), rng, accent, 8)
    base_y = y0 + sh
    draw.polygon(
        [(x0 - 60, base_y + 40), (x0 + sw + 60, base_y + 40), (x0 + sw, base_y), (x0, base_y)],
        fill=tuple(min(255, c + 25) for c in body),
    )
    draw.rounded_rectangle((x0 - 60, base_y + 36, x0 + sw + 60, base_y + 52), 8, fill=body)


def _earbuds(draw, w, h, rng, accent, body):
    cx = w // 2 + rng.randint(-w // 8, w // 8)
    cy = h // 2 + 60
    draw.rounded_rectangle((cx - 190, cy - 20, cx + 190, cy + 200), 90, fill=body)
    draw.line((cx - 180, cy + 60, cx + 180, cy + 60), fill=(0, 0, 0), width=3)
    for dx in (-110, 110):
        bx, by = cx + dx, cy - 170
        draw.ellipse((bx - 60, by - 60, bx + 60, by + 60), fill=body)
        draw.rounded_rectangle((bx - 22, by, bx + 22, by + 170), 22, fill=body)
        draw.ellipse((bx - 28, by - 28, bx + 28, by + 28), fill=accent)


def _chart(draw, w, h, rng, accent, body):
    base = int(h * 0.78)
    bars = 7
    bw = w // (bars * 2 + 4)
    for i in range(bars):
        bh = rng.randint(h // 8, int(h * 0.55))
        x = w // 6 + i * bw * 2
        draw.rounded_rectangle(
            (x, base - bh, x + bw, base), 10, fill=accent if i == bars - 1 else (235, 235, 240)
        )
    draw.line((w // 8, base + 6, w - w // 8, base + 6), fill=(255, 255, 255), width=4)


def _chip(draw, w, h, rng, accent, body):
    s = int(h * 0.42)
    x0 = w // 2 - s // 2 + rng.randint(-w // 8, w // 8)
    y0 = (h - s) // 2
    for i in range(8):
        off = s // 9 * (i + 1)
        for a, b in (
            ((x0 + off, y0 - 40), (x0 + off, y0)),
            ((x0 + off, y0 + s), (x0 + off, y0 + s + 40)),
            ((x0 - 40, y0 + off), (x0, y0 + off)),
            ((x0 + s, y0 + off), (x0 + s + 40, y0 + off)),
        ):
            draw.line((a, b), fill=(210, 190, 120), width=8)
    draw.rounded_rectangle((x0, y0, x0 + s, y0 + s), 24, fill=(30, 32, 36))
    draw.rounded_rectangle(
        (x0 + s // 4, y0 + s // 4, x0 + 3 * s // 4, y0 + 3 * s // 4), 12, fill=accent
    )


def _waves(draw, w, h, rng, accent, body):
    """Antenna and radio waves: networks, mobile contracts, smart home."""
    cx = w // 2 + rng.randint(-w // 6, w // 6)
    cy = int(h * 0.62)
    for i in range(1, 5):
        r = i * h // 9
        draw.arc((cx - r, cy - r, cx + r, cy + r), 200, 340, fill=(255, 255, 255), width=14)
    draw.polygon([(cx - 40, h), (cx + 40, h), (cx + 8, cy), (cx - 8, cy)], fill=body)
    draw.ellipse((cx - 24, cy - 24, cx + 24, cy + 24), fill=accent)


def _shield(draw, w, h, rng, accent, body):
    """Security and privacy stories."""
    cx = w // 2 + rng.randint(-w // 6, w // 6)
    top, s = int(h * 0.16), int(h * 0.34)
    draw.polygon(
        [(cx - s, top), (cx + s, top), (cx + s, top + s), (cx, top + 2 * s), (cx - s, top + s)],
        fill=(235, 238, 245),
    )
    draw.rounded_rectangle(
        (cx - s // 3, top + s // 2, cx + s // 3, top + s + s // 4), 14, fill=accent
    )
    draw.arc(
        (cx - s // 4, top + s // 5, cx + s // 4, top + s // 2 + s // 5),
        180,
        360,
        fill=accent,
        width=18,
    )


MOTIFS = {
    "phone": _phone,
    "foldable": lambda *a: _phone(*a, wide=True, fold=True),
    "tablet": lambda *a: _phone(*a, wide=True),
    "watch": _watch,
    "laptop": _laptop,
    "earbuds": _earbuds,
    "chart": _chart,
    "chip": _chip,
    "waves": _waves,
    "shield": _shield,
}


def _label(canvas: Image.Image, text: str) -> None:
    if not text:
        return
    w, h = canvas.size
    size = max(18, h // 16)
    face = font(size)
    band = Image.new("RGBA", (w, size * 2), (0, 0, 0, 120))
    canvas.paste(band, (0, h - size * 2), band)
    ImageDraw.Draw(canvas).text((size, h - size * 1.55), text, font=face, fill=(255, 255, 255))


def draw_picture(motif: str, label: str, seed: str, size: tuple[int, int] = LEAD_SIZE) -> bytes:
    """A JPEG of a device or symbol on a gradient with a caption band; same seed, same bytes."""
    rng = seeded(seed)
    top, bottom, accent = PALETTES[rng.randrange(len(PALETTES))]
    canvas = gradient(size, top, bottom)
    _glow(canvas, rng, accent)
    draw = ImageDraw.Draw(canvas, "RGBA")
    body = DEVICE_COLOURS[rng.randrange(len(DEVICE_COLOURS))]
    MOTIFS[motif](draw, size[0], size[1], rng, accent, body)
    _label(canvas, label)
    return to_jpeg(canvas)


def draw_avatar(name: str, seed: str, size: int = AVATAR_SIZE) -> bytes:
    """A portrait placeholder: head-and-shoulders silhouette with the person's initials."""
    rng = seeded(seed)
    top, bottom, accent = PALETTES[rng.randrange(len(PALETTES))]
    canvas = gradient((size, size), bottom, top)
    draw = ImageDraw.Draw(canvas)
    skin = [(240, 205, 180), (200, 150, 115), (140, 95, 70), (250, 225, 200)][rng.randrange(4)]
    draw.ellipse((size * 0.1, size * 0.62, size * 0.9, size * 1.4), fill=accent)
    draw.ellipse((size * 0.3, size * 0.18, size * 0.7, size * 0.62), fill=skin)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    face = font(size // 7)
    draw.text((size * 0.06, size * 0.05), initials, font=face, fill=(255, 255, 255))
    return to_jpeg(canvas)


def to_jpeg(canvas: Image.Image) -> bytes:
    buffer = io.BytesIO()
    canvas.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()
