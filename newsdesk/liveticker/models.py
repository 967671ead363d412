"""Live tickers: a keynote or a trade fair minute by minute, one row per entry.

Each entry is its own row, so several reporters post at once without locking each other out.
The ticker's ``version`` counts entry changes; every entry carries the version of its last
change, so a reader's page asks only for what changed since the version it has.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import Author, Topic
from newsdesk.commerce.models import Product
from newsdesk.core.models import TimeStamped
from newsdesk.core.text import strip_control_characters
from newsdesk.galleries.models import Image


class LiveTickerQuerySet(models.QuerySet):
    def published(self) -> LiveTickerQuerySet:
        """Tickers readers may see: published, including upcoming ones (they show the start)."""
        return self.filter(is_published=True)

    def running(self) -> LiveTickerQuerySet:
        return self.published().filter(state=LiveTicker.State.LIVE)


class LiveTicker(TimeStamped):
    class State(models.TextChoices):
        UPCOMING = "upcoming", _("Demnächst")
        LIVE = "live", _("Live")
        ENDED = "ended", _("Beendet")

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True)
    teaser = models.TextField(_("Vorspann"), max_length=600)
    lead_image = models.ForeignKey(
        Image,
        verbose_name=_("Aufmacherbild"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    authors = models.ManyToManyField(
        Author, related_name="livetickers", blank=True, verbose_name=_("Autoren")
    )
    topics = models.ManyToManyField(
        Topic, related_name="livetickers", blank=True, verbose_name=_("Themen")
    )
    products = models.ManyToManyField(
        Product, related_name="livetickers", blank=True, verbose_name=_("Produkte")
    )
    starts_at = models.DateTimeField(_("Beginn"), default=timezone.now)
    ended_at = models.DateTimeField(_("Ende"), null=True, blank=True)
    state = models.CharField(
        _("Zustand"), max_length=10, choices=State.choices, default=State.UPCOMING, db_index=True
    )
    summary = models.TextField(
        _("Zusammenfassung"),
        blank=True,
        help_text=_("Markdown. Steht nach dem Ende über allen Einträgen."),
    )
    is_published = models.BooleanField(_("veröffentlicht"), default=False, db_index=True)
    # Counts entry changes; only ever raised through services.bump_version().
    version = models.PositiveIntegerField(_("Version"), default=0, editable=False)

    objects = LiveTickerQuerySet.as_manager()

    class Meta:
        verbose_name = _("Liveticker")
        verbose_name_plural = _("Liveticker")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.title = strip_control_characters(self.title)
        self.teaser = strip_control_characters(self.teaser)
        self.summary = strip_control_characters(self.summary)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("liveticker:detail", kwargs={"slug": self.slug})

    @property
    def is_live(self) -> bool:
        return self.state == self.State.LIVE

    @property
    def is_ended(self) -> bool:
        return self.state == self.State.ENDED

    @property
    def entries_key(self) -> str:
        """Surrogate key of the entry list: the fragment and the page both show it."""
        return f"liveticker-{self.pk}-entries"

    @property
    def teaser_key(self) -> str:
        """Surrogate key of the pages whose LIVE teaser shows this ticker's latest entry."""
        return f"liveticker-{self.pk}-teaser"


class TickerEntryQuerySet(models.QuerySet):
    def visible(self) -> TickerEntryQuerySet:
        """Entries readers see now: not deleted, and due if scheduled."""
        return self.filter(deleted_at__isnull=True, published_at__lte=timezone.now())

    def changed_since(self, version: int) -> TickerEntryQuerySet:
        """Entries a reader holding ``version`` must add, replace or remove (tombstones too)."""
        return self.filter(version__gt=version).filter(
            Q(published_at__lte=timezone.now()) | Q(deleted_at__isnull=False)
        )


class TickerEntry(models.Model):
    ticker = models.ForeignKey(
        LiveTicker, on_delete=models.CASCADE, related_name="entries", verbose_name=_("Ticker")
    )
    text = models.TextField(
        _("Text"),
        help_text=_(
            "Markdown wie im Artikeltext. Einbettungen allein auf einer Zeile: "
            "[[gallery:kurzname]], [[video:kurzname]], [[product:kurzname]], "
            "[[article:kurzname]]."
        ),
    )
    author = models.ForeignKey(
        Author,
        verbose_name=_("Autor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        Image,
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Erscheint unter dem Text, mit Bildunterschrift und Bildnachweis."),
    )
    # The time readers see; in the future for a scheduled entry.
    published_at = models.DateTimeField(_("Zeit"), default=timezone.now, db_index=True)
    is_pinned = models.BooleanField(_("angeheftet"), default=False)
    is_key_event = models.BooleanField(_("Das Wichtigste"), default=False)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    edited_at = models.DateTimeField(_("bearbeitet"), null=True, blank=True)
    # A deleted entry stays as a tombstone, so open reader pages learn to remove it.
    deleted_at = models.DateTimeField(_("gelöscht"), null=True, blank=True)
    version = models.PositiveIntegerField(_("Version"), default=0, editable=False, db_index=True)

    objects = TickerEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ticker-Eintrag")
        verbose_name_plural = _("Ticker-Einträge")
        permissions = [("change_any_tickerentry", _("Kann Einträge anderer ändern und löschen"))]
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["ticker", "version"])]

    def __str__(self) -> str:
        return f"{self.ticker}: {self.text[:60]}"

    def save(self, *args, **kwargs) -> None:
        self.text = strip_control_characters(self.text)
        super().save(*args, **kwargs)

    @property
    def anchor(self) -> str:
        return f"eintrag-{self.pk}"

    @property
    def sort_key(self) -> str:
        """The page's order as one string that sorts like ``Meta.ordering``: time to the
        microsecond, then id. Reader pages place arriving entries by it; the visible time has
        whole seconds only, and two entries posted in the same second must not swap."""
        micros = int(self.published_at.timestamp() * 1_000_000)
        return f"{micros:020d}.{self.pk or 0:012d}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_scheduled(self) -> bool:
        return self.published_at > timezone.now()
