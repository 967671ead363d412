"""Uploaded video files: only MP4 and WebM, recognised by their content, stored under a new name.

A file is served from the site's own domain, so anything that a browser could run (HTML, SVG,
scripts renamed to .mp4) must never be accepted as a "video".
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

WEBM_MAGIC = b"\x1a\x45\xdf\xa3"


def detected_extension(head: bytes) -> str | None:
    """ "mp4" or "webm" when the first bytes say so, else None."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(WEBM_MAGIC):
        return "webm"
    return None


def validate_video_file(upload) -> None:
    limit = getattr(settings, "NEWSDESK_MAX_VIDEO_BYTES", 500 * 1024 * 1024)
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("Das Video ist größer als %(max)s MB.") % {"max": limit // 1_048_576},
            code="too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(64)
    upload.seek(position)
    if detected_extension(head) is None:
        raise ValidationError(
            _("Diese Datei ist kein Video im Format MP4 oder WebM."), code="format"
        )


def video_upload_to(instance, filename: str) -> str:
    """A generated name; the extension comes from the content, not from the uploaded name."""
    head = b""
    file = getattr(instance, "file", None)
    if file is not None:
        try:
            file.seek(0)
            head = file.read(64)
            file.seek(0)
        except (OSError, ValueError):
            head = b""
    extension = detected_extension(head) or PurePosixPath(filename).suffix.lstrip(".").lower()
    if extension not in ("mp4", "webm"):
        extension = "bin"
    return f"videos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"
