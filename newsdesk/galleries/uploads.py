"""Checks an uploaded picture and re-encodes it before anything is stored.

Only an allow-list of formats is opened, decompression bombs are refused (Pillow only *warns*
between 1x and 2x its own limit, so the limit is checked here explicitly), and the pixels are
re-encoded so that no trailing bytes of a polyglot file survive. The stored name is generated:
nothing of the uploaded file name reaches the storage path.
"""

from __future__ import annotations

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

# Pillow format name -> (stored extension, save options)
ALLOWED_FORMATS = {
    "JPEG": ("jpg", {"quality": 90, "optimize": True}),
    "PNG": ("png", {"optimize": True}),
    "WEBP": ("webp", {"quality": 90}),
    "GIF": ("png", {}),  # stored as a still PNG: animation is not part of an article image
}


# A large picture packed into almost nothing is a decompression bomb, not a photo: from this
# many pixels on, a file needs at least one byte per BOMB_PIXELS_PER_BYTE pixels. (Photos
# carry 0.1 to 1 byte per pixel, flat screenshots and diagrams about 0.02; the 162 KB PNG of
# 7,070 x 7,070 pixels from the security review carries 0.003.)
BOMB_MIN_PIXELS = 8_000_000
BOMB_PIXELS_PER_BYTE = 200


def pillow_limit() -> int:
    """Pillow's own pixel limit (it warns above it and raises above twice of it)."""
    return PILImage.MAX_IMAGE_PIXELS or 2**63


def normalise_upload(upload) -> ContentFile:
    """Return a re-encoded copy of ``upload`` under a generated name, or raise ValidationError."""
    max_bytes = settings.NEWSDESK_MAX_IMAGE_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("Die Datei ist %(size)s MB groß; erlaubt sind höchstens %(max)s MB.")
            % {"size": round(upload.size / 1_048_576, 1), "max": max_bytes // 1_048_576},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            probe = PILImage.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS))
            width, height = probe.size
            if width * height > settings.NEWSDESK_MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _(
                        "Das Bild hat %(w)s × %(h)s Pixel; das ist zu groß (höchstens %(max)s "
                        "Millionen Pixel)."
                    )
                    % {
                        "w": width,
                        "h": height,
                        "max": settings.NEWSDESK_MAX_IMAGE_PIXELS // 1_000_000,
                    },
                    code="too_many_pixels",
                )
            if width * height >= BOMB_MIN_PIXELS and len(data) * BOMB_PIXELS_PER_BYTE < (
                width * height
            ):
                raise ValidationError(
                    _(
                        "Das Bild gibt %(w)s × %(h)s Pixel an, die Datei ist aber nur %(kb)s KB "
                        "groß. So stark gepackte Bilder (Dekompressionsbomben) werden zum Schutz "
                        "des Servers nicht angenommen; bitte das Bild als JPEG oder verkleinert "
                        "hochladen."
                    )
                    % {"w": width, "h": height, "kb": max(1, len(data) // 1024)},
                    code="decompression_bomb",
                )
            probe.load()
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        # Pillow's own limit (above ours only if NEWSDESK_MAX_IMAGE_PIXELS was raised): the same
        # error as ours, whether Pillow raised (above 2x) or only warned (1x to 2x).
        raise ValidationError(
            _("Das Bild hat zu viele Pixel (höchstens %(max)s Millionen Pixel).")
            % {"max": min(settings.NEWSDESK_MAX_IMAGE_PIXELS, pillow_limit()) // 1_000_000},
            code="too_many_pixels",
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            _("Diese Datei ist kein Bild im Format JPEG, PNG, WebP oder GIF."), code="format"
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("Das Bild ist beschädigt oder unvollständig und lässt sich nicht öffnen."),
            code="corrupt",
        ) from None

    fmt = probe.format or "PNG"
    extension, options = ALLOWED_FORMATS[fmt]
    image = ImageOps.exif_transpose(probe)  # keep the orientation the camera meant
    save_format = "PNG" if fmt == "GIF" else fmt
    if save_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if save_format == "PNG" and image.mode == "P":
        image = image.convert("RGBA")
    buffer = io.BytesIO()
    image.save(buffer, save_format, **options)  # no EXIF passed on: location data stays private
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
