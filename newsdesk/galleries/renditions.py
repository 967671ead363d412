"""Resized copies of an uploaded image in JPEG and WebP, for ``srcset``.

Rendition names follow from the original's name and width alone, so a page can build every URL
without asking the database which renditions exist.
"""

from __future__ import annotations

import io
import math
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from PIL import Image as PILImage

# The focal point of an image nobody has set one for: its centre.
CENTRE = (0.5, 0.5)

# Widths a layout asks for: phone, phone@2x / tablet, desktop column, desktop@2x.
RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
FORMATS = {"jpeg": ("JPEG", "jpg"), "webp": ("WEBP", "webp")}


def rendition_widths(original_width: int) -> list[int]:
    """Standard widths below the original, plus the original itself when it is smaller."""
    if original_width <= 0:
        return [RENDITION_WIDTHS[0]]
    widths = [w for w in RENDITION_WIDTHS if w < original_width]
    if original_width <= RENDITION_WIDTHS[-1]:
        widths.append(original_width)
    return widths


def rendition_name(original_name: str, width: int, fmt: str) -> str:
    path = PurePosixPath(original_name)
    extension = FORMATS[fmt][1]
    return f"renditions/{path.parent}/{path.stem}-{width}.{extension}"


def make_renditions(
    original_name: str, storage: Storage | None = None, focal: tuple[float, float] = CENTRE
) -> list[str]:
    """Write every rendition of a stored image; returns the names written.

    ``focal`` is the point (fractions of width and height) the fixed-ratio crops keep in view.
    """
    storage = storage or default_storage
    with storage.open(original_name, "rb") as handle:
        source = PILImage.open(handle)
        source.load()
    if source.mode not in ("RGB", "L"):
        source = source.convert("RGB")
    written = []
    for width in rendition_widths(source.width):
        height = max(1, round(source.height * width / source.width))
        resized = source.resize((width, height), PILImage.Resampling.LANCZOS)
        for fmt, (pil_format, _extension) in FORMATS.items():
            buffer = io.BytesIO()
            options = {"quality": 82}
            if pil_format == "JPEG":
                options.update(optimize=True, progressive=True)
            resized.save(buffer, pil_format, **options)
            name = rendition_name(original_name, width, fmt)
            if storage.exists(name):
                storage.delete(name)
            storage.save(name, ContentFile(buffer.getvalue()))
            written.append(name)
    written += make_crops(original_name, storage, source, focal=focal)
    return written


# Fixed-ratio crops for structured data and social previews: Google wants 16:9, 4:3 and 1:1
# images of at least 50,000 pixels for an article. Crops keep the image's focal point in view
# (the centre unless an editor set one), at most CROP_WIDTH wide.
CROP_RATIOS = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}
CROP_WIDTH = 1200


def crop_name(original_name: str, ratio: str) -> str:
    path = PurePosixPath(original_name)
    return f"renditions/{path.parent}/{path.stem}-{ratio}.jpg"


def crop_box(
    width: int, height: int, ratio: str, focal: tuple[float, float] = CENTRE
) -> tuple[int, int, int, int]:
    """The largest box of ``ratio`` inside a ``width`` x ``height`` picture, centred on the
    focal point as far as the picture's edges allow."""
    across, down = CROP_RATIOS[ratio]
    box_width = min(width, height * across // down)
    box_height = min(height, box_width * down // across)
    focal_x, focal_y = (min(max(value, 0.0), 1.0) for value in focal)
    left = min(max(math.floor(focal_x * width - box_width / 2), 0), width - box_width)
    top = min(max(math.floor(focal_y * height - box_height / 2), 0), height - box_height)
    return left, top, left + box_width, top + box_height


def crop_size(width: int, height: int, ratio: str) -> tuple[int, int]:
    """Width and height of the stored crop of a ``width`` x ``height`` original."""
    left, top, right, bottom = crop_box(width, height, ratio)
    box_width, box_height = right - left, bottom - top
    if box_width <= CROP_WIDTH:
        return box_width, box_height
    return CROP_WIDTH, max(1, round(box_height * CROP_WIDTH / box_width))


def make_crops(
    original_name: str,
    storage: Storage | None = None,
    source: PILImage.Image | None = None,
    focal: tuple[float, float] = CENTRE,
) -> list[str]:
    """Write the 16:9, 4:3 and 1:1 crops of a stored image; returns the names written."""
    storage = storage or default_storage
    if source is None:
        with storage.open(original_name, "rb") as handle:
            source = PILImage.open(handle)
            source.load()
        if source.mode not in ("RGB", "L"):
            source = source.convert("RGB")
    written = []
    for ratio in CROP_RATIOS:
        size = crop_size(source.width, source.height, ratio)
        cropped = source.crop(crop_box(source.width, source.height, ratio, focal))
        cropped = cropped.resize(size, PILImage.Resampling.LANCZOS)
        buffer = io.BytesIO()
        cropped.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
        name = crop_name(original_name, ratio)
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, ContentFile(buffer.getvalue()))
        written.append(name)
    return written
