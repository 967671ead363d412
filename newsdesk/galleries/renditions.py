"""Resized copies of an uploaded image in JPEG and WebP, for ``srcset``.

Rendition names follow from the original's name and width alone, so a page can build every URL
without asking the database which renditions exist.
"""

from __future__ import annotations

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from PIL import Image as PILImage

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


def make_renditions(original_name: str, storage: Storage | None = None) -> list[str]:
    """Write every rendition of a stored image; returns the names written."""
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
    return written
