"""Dry runs check files as an upload would be checked, without writing to the media storage."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from newsdesk.galleries.models import Image
from newsdesk.galleries.uploads import normalise_upload


def checked_image(file: Path, fields: dict[str, str]) -> Image:
    """An Image row (rolled back with the dry run) for a file that passed the upload checks."""
    normalise_upload(SimpleUploadedFile(file.name, file.read_bytes()))
    # Dimensions given, so that Django does not open the (never stored) file to measure it.
    return Image.objects.create(file=f"dry-run/{file.name}", width=1, height=1, **fields)
