"""Writes for images and galleries, shared by the newsroom, the demo and the importers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Gallery, Image
from .renditions import make_renditions
from .uploads import normalise_upload


@transaction.atomic
def create_image(
    upload, *, title: str, credit: str, caption: str = "", alt_text: str = "", uploaded_by=None
) -> Image:
    """Validate, re-encode and store an upload, then write its renditions."""
    content = normalise_upload(upload)
    image = Image(
        title=title, credit=credit, caption=caption, alt_text=alt_text, uploaded_by=uploaded_by
    )
    image.file.save(content.name, content, save=False)
    image.save()
    # If a rendition fails the row is rolled back; the stray files are harmless leftovers.
    make_renditions(image.file.name)
    return image


def check_gallery_publishable(gallery: Gallery) -> None:
    """A gallery goes public only when it has images and every image has a credit."""
    images = list(gallery.ordered_images())
    if not images:
        raise ValidationError(_("Eine Bilderstrecke ohne Bilder kann nicht veröffentlicht werden."))
    missing = [image.title for image in images if not image.has_credit]
    if missing:
        raise ValidationError(
            _(
                "Ohne Bildnachweis kann die Bilderstrecke nicht veröffentlicht werden. "
                "Es fehlt bei: %(titles)s"
            )
            % {"titles": ", ".join(missing)}
        )
