"""Videos: hosted at YouTube or Vimeo, or uploaded. Provider players load only on a click."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.core.models import TimeStamped
from newsdesk.galleries.models import Image

from .uploads import validate_video_file, video_upload_to

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_URL = re.compile(
    r"(?:youtube(?:-nocookie)?\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/|live/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{11})"
)
VIMEO_URL = re.compile(r"vimeo\.com/(?:video/)?(\d+)")


class VideoQuerySet(models.QuerySet):
    def published(self) -> VideoQuerySet:
        return self.filter(is_published=True)


class Video(TimeStamped):
    class Provider(models.TextChoices):
        YOUTUBE = "youtube", "YouTube"
        VIMEO = "vimeo", "Vimeo"
        FILE = "file", _("Hochgeladene Datei")

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(
        _("Kurzname"), max_length=200, unique=True, help_text=_("Einbetten mit [[video:kurzname]].")
    )
    caption = models.CharField(
        _("Bildunterschrift"),
        max_length=300,
        help_text=_("Steht unter dem Video, z. B. „Galaxy S7 im Hands-On“."),
    )
    provider = models.CharField(_("Anbieter"), max_length=10, choices=Provider.choices)
    provider_id = models.CharField(
        _("Video-ID oder Adresse"),
        max_length=300,
        blank=True,
        help_text=_("Für YouTube und Vimeo: die Adresse des Videos oder nur seine ID."),
    )
    file = models.FileField(
        _("Videodatei"),
        upload_to=video_upload_to,
        blank=True,
        validators=[validate_video_file],
        help_text=_("MP4 oder WebM."),
    )
    poster = models.ForeignKey(
        Image,
        verbose_name=_("Vorschaubild"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_published = models.BooleanField(_("veröffentlicht"), default=False)

    objects = VideoQuerySet.as_manager()

    class Meta:
        verbose_name = _("Video")
        verbose_name_plural = _("Videos")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.provider == self.Provider.FILE:
            if not self.file:
                raise ValidationError({"file": _("Bitte eine Videodatei hochladen.")})
            return
        self.provider_id = normalise_provider_id(self.provider, self.provider_id)

    @property
    def watch_url(self) -> str:
        if self.provider == self.Provider.YOUTUBE:
            return f"https://www.youtube.com/watch?v={self.provider_id}"
        if self.provider == self.Provider.VIMEO:
            return f"https://vimeo.com/{self.provider_id}"
        return self.file.url if self.file else ""

    @property
    def embed_url(self) -> str:
        """The player address, requested only after the reader clicks."""
        if self.provider == self.Provider.YOUTUBE:
            return f"https://www.youtube-nocookie.com/embed/{self.provider_id}?autoplay=1"
        if self.provider == self.Provider.VIMEO:
            return f"https://player.vimeo.com/video/{self.provider_id}?autoplay=1&dnt=1"
        return ""


def normalise_provider_id(provider: str, value: str) -> str:
    value = (value or "").strip()
    if provider == Video.Provider.YOUTUBE:
        if YOUTUBE_ID.match(value):
            return value
        match = YOUTUBE_URL.search(value)
        if match:
            return match.group(1)
        raise ValidationError(
            {"provider_id": _("Das ist keine YouTube-Adresse oder -ID (11 Zeichen).")}
        )
    if provider == Video.Provider.VIMEO:
        if value.isdigit():
            return value
        match = VIMEO_URL.search(value)
        if match:
            return match.group(1)
        raise ValidationError({"provider_id": _("Das ist keine Vimeo-Adresse oder -ID.")})
    return value
