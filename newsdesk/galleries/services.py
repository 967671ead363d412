"""Writes for images and galleries, shared by the newsroom, the demo and the importers."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Gallery, GalleryImage, Image
from .renditions import make_renditions
from .storage_errors import stored_whole_or_not_at_all
from .tasks import enqueue_after_commit, make_image_crops, make_image_renditions
from .uploads import normalise_upload


@transaction.atomic
def create_image(
    upload, *, title: str, credit: str, caption: str = "", alt_text: str = "", uploaded_by=None
) -> Image:
    """Validate, re-encode and store an upload, then write its renditions.

    Raises ValidationError (German) for a bad picture or a media disk that refuses it; then no
    row and no file of the picture is left.
    """
    content = normalise_upload(upload)
    image = Image(
        title=title, credit=credit, caption=caption, alt_text=alt_text, uploaded_by=uploaded_by
    )
    with stored_whole_or_not_at_all(image):
        image.file.save(content.name, content, save=False)
        image.save()
        make_renditions(image.file.name)
    return image


@transaction.atomic
def upload_image(
    upload, *, title: str = "", credit: str = "", alt_text: str = "", uploaded_by=None
) -> Image:
    """Validate, re-encode and store one upload of a bulk upload; renditions come from a task.

    Raises ValidationError (with a German message for the editor) before anything is stored,
    or when the media disk refuses the picture (then nothing of it is left).
    """
    content = normalise_upload(upload)
    fallback = str(getattr(upload, "name", "") or _("Bild"))
    image = Image(
        title=(title or fallback)[:200],
        credit=credit,
        alt_text=alt_text,
        uploaded_by=uploaded_by,
    )
    with stored_whole_or_not_at_all(image):
        image.file.save(content.name, content, save=False)
        image.save()
    enqueue_after_commit(make_image_renditions, image.pk)
    return image


@dataclass
class BuilderItem:
    """One row of the gallery builder, in the order the editor left them."""

    image_id: int
    caption: str = ""
    credit: str = ""
    alt_text: str = ""


GERMAN_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def unique_gallery_slug(title: str, exclude_pk: int | None = None) -> str:
    """A readable, unused slug for ``title`` ("Größe" becomes "groesse")."""
    base = slugify(title.lower().translate(GERMAN_LETTERS))[:180] or "bilderstrecke"
    taken = set(
        Gallery.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def save_gallery(
    gallery: Gallery | None,
    *,
    title: str,
    items: list[BuilderItem],
    cover_id: int | None = None,
    intro: str | None = None,
) -> Gallery:
    """Create or rewrite a gallery from the builder: title, order, captions, credits, cover.

    All or nothing: a missing image or an empty list raises ValidationError and leaves the
    gallery and its images as they were. Publishing is not done here (it follows the rights
    of whoever publishes the article or the gallery).
    """
    title = title.strip()
    if not title:
        raise ValidationError(_("Bitte einen Titel für die Bilderstrecke angeben."))
    if not items:
        raise ValidationError(_("Die Bilderstrecke braucht mindestens ein Bild."))
    ids = [item.image_id for item in items]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("Ein Bild steht doppelt in der Bilderstrecke."))
    images = Image.objects.select_for_update().in_bulk(ids)
    if len(images) != len(ids):
        raise ValidationError(_("Ein Bild der Bilderstrecke gibt es nicht mehr."))
    if gallery is None:
        gallery = Gallery(title=title, slug=unique_gallery_slug(title))
    gallery.title = title
    if intro is not None:
        gallery.intro = intro
    gallery.cover = images.get(cover_id) if cover_id else None
    gallery.save()
    for item in items:
        image = images[item.image_id]
        fields = {"caption": item.caption, "credit": item.credit, "alt_text": item.alt_text}
        changed = [name for name, value in fields.items() if getattr(image, name) != value]
        if changed:
            for name in changed:
                setattr(image, name, fields[name])
            image.save(update_fields=[*changed, "modified_at"])
    gallery.items.all().delete()
    GalleryImage.objects.bulk_create(
        GalleryImage(gallery=gallery, image_id=item.image_id, position=position)
        for position, item in enumerate(items)
    )
    return gallery


@transaction.atomic
def set_focal_point(image: Image, x: float, y: float) -> Image:
    """Store where the picture's subject is; the crops are rewritten by a task."""
    if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
        raise ValidationError(_("Der Bildmittelpunkt muss innerhalb des Bildes liegen."))
    image.focal_x, image.focal_y = round(x, 4), round(y, 4)
    image.save(update_fields=["focal_x", "focal_y", "modified_at"])
    enqueue_after_commit(make_image_crops, image.pk)
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
