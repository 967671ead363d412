"""Images (with credit, caption and alt text) and galleries ("Bilderstrecken") built from them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsdesk.core.models import TimeStamped

from .renditions import rendition_name, rendition_widths


class Image(TimeStamped):
    """An uploaded picture. Every place that shows it shows its credit (§ 13 UrhG)."""

    title = models.CharField(
        _("Titel"), max_length=200, help_text=_("Nur intern, zum Wiederfinden im Newsroom.")
    )
    file = models.ImageField(
        _("Datei"), upload_to="images/%Y/%m/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("Breite"), editable=False, default=0)
    height = models.PositiveIntegerField(_("Höhe"), editable=False, default=0)
    caption = models.CharField(_("Bildunterschrift"), max_length=500, blank=True)
    alt_text = models.CharField(
        _("Alternativtext"),
        max_length=300,
        blank=True,
        help_text=_("Beschreibt das Bild für Menschen, die es nicht sehen."),
    )
    credit = models.CharField(
        _("Bildnachweis"),
        max_length=200,
        blank=True,
        help_text=_(
            "Fotograf oder Quelle, z. B. „Foto: Anna Beispiel“. Pflicht vor der Veröffentlichung."
        ),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Where the picture's subject is, as fractions of width and height (0 = left or top edge):
    # the 16:9, 4:3 and 1:1 crops keep this point in view.
    focal_x = models.FloatField(
        _("Bildmitte waagerecht"),
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
    )
    focal_y = models.FloatField(
        _("Bildmitte senkrecht"),
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
    )

    class Meta:
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def widths(self) -> list[int]:
        return rendition_widths(self.width)

    def rendition_url(self, width: int, fmt: str = "jpeg") -> str:
        from django.core.files.storage import default_storage

        return default_storage.url(rendition_name(self.file.name, width, fmt))

    def srcset(self, fmt: str = "jpeg") -> str:
        return ", ".join(f"{self.rendition_url(w, fmt)} {w}w" for w in self.widths)

    def url_for(self, max_width: int, fmt: str = "jpeg") -> str:
        """The smallest rendition at least ``max_width`` wide (or the largest there is)."""
        widths = self.widths
        fitting = [w for w in widths if w >= max_width]
        return self.rendition_url(fitting[0] if fitting else widths[-1], fmt)

    @property
    def srcset_jpeg(self) -> str:
        return self.srcset("jpeg")

    @property
    def srcset_webp(self) -> str:
        return self.srcset("webp")

    @property
    def src(self) -> str:
        """A fallback ``src`` for browsers without ``srcset``."""
        return self.url_for(960)

    @property
    def thumbnail_url(self) -> str:
        return self.url_for(320)

    @property
    def has_credit(self) -> bool:
        return bool(self.credit.strip())

    @property
    def focal_point(self) -> tuple[float, float]:
        return (self.focal_x, self.focal_y)


class GalleryQuerySet(models.QuerySet):
    def published(self) -> GalleryQuerySet:
        return self.filter(is_published=True)


class Gallery(TimeStamped):
    """A slideshow of its own: one page per image, each with caption and credit."""

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(
        _("Kurzname"),
        max_length=200,
        unique=True,
        help_text=_("Teil der Adresse; einbetten mit [[gallery:kurzname]]."),
    )
    intro = models.TextField(_("Einleitung"), blank=True)
    is_published = models.BooleanField(_("veröffentlicht"), default=False)
    images = models.ManyToManyField(
        Image, through="GalleryImage", related_name="galleries", verbose_name=_("Bilder")
    )
    cover = models.ForeignKey(
        Image,
        verbose_name=_("Titelbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Steht für die Bilderstrecke in Übersichten; ohne Angabe das erste Bild."),
    )

    objects = GalleryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bilderstrecke")
        verbose_name_plural = _("Bilderstrecken")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("galleries:overview", kwargs={"slug": self.slug})

    def get_slide_url(self, number: int) -> str:
        return reverse("galleries:slide", kwargs={"slug": self.slug, "number": number})

    def ordered_images(self) -> models.QuerySet[Image]:
        return self.images.order_by("galleryimage__position", "galleryimage__id")

    def cover_image(self) -> Image | None:
        """The chosen cover, or the first image when none is chosen."""
        if self.cover_id:
            return self.cover
        return self.ordered_images().first()

    def images_without_credit(self) -> list[Image]:
        return [image for image in self.ordered_images() if not image.has_credit]


class GalleryImage(models.Model):
    gallery = models.ForeignKey(Gallery, on_delete=models.CASCADE, related_name="items")
    image = models.ForeignKey(Image, verbose_name=_("Bild"), on_delete=models.PROTECT)
    position = models.PositiveIntegerField(_("Position"), default=0)

    class Meta:
        verbose_name = _("Bild der Bilderstrecke")
        verbose_name_plural = _("Bilder der Bilderstrecke")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.gallery} #{self.position}"
