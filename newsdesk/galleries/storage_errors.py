"""What an editor reads when the media disk refuses a picture, and cleaning up after it.

The storage writes each file whole or not at all (newsdesk.core.storage); what is left to do
here is to remove the files of an image whose later steps failed (its row is rolled back, so
nothing may point at them and nothing may keep them) and to say why in German.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, default_storage
from django.utils.translation import gettext as _

from newsdesk.core.storage import is_disk_full

from .renditions import CROP_RATIOS, FORMATS, crop_name, rendition_name, rendition_widths

logger = logging.getLogger("newsdesk.media")


class MediaNotStored(ValidationError):
    """The media storage refused a picture; the message says so to the editor in German."""


def storage_error(error: OSError) -> MediaNotStored:
    """The German message for a write the media storage refused; the operator's log says why."""
    logger.error("Media storage refused a picture: %s", error)
    if is_disk_full(error):
        return MediaNotStored(
            _(
                "Der Speicherplatz für Bilder ist voll; das Bild wurde nicht gespeichert. "
                "Bitte der Technik Bescheid geben und es danach noch einmal hochladen."
            ),
            code="disk_full",
        )
    return MediaNotStored(
        _(
            "Das Bild ließ sich nicht speichern (Fehler des Bildspeichers); es wurde nichts "
            "übernommen. Bitte später noch einmal versuchen."
        ),
        code="storage",
    )


@contextmanager
def stored_whole_or_not_at_all(image) -> Iterator[None]:
    """Around the writes of a new picture (original, row, renditions): if any of them fails,
    the files already written go again, and a refused write becomes :class:`MediaNotStored`."""
    try:
        yield
    except BaseException as error:
        # An uncommitted file is one the storage never took (its partial bytes are gone).
        if image.file and getattr(image.file, "_committed", True):
            remove_image_files(image.file.name, image.width)
        if isinstance(error, OSError):
            raise storage_error(error) from error
        raise


def remove_image_files(name: str, width: int, storage: Storage | None = None) -> None:
    """Delete a stored original and every rendition and crop made from it, where they exist."""
    storage = storage or default_storage
    names = [name]
    names += [rendition_name(name, w, fmt) for w in rendition_widths(width) for fmt in FORMATS]
    names += [crop_name(name, ratio) for ratio in CROP_RATIOS]
    for stored in names:
        try:
            storage.delete(stored)
        except OSError:
            logger.exception("Could not remove %s after a failed upload", stored)
