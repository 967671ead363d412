"""Articles and the people and topics around them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsdesk.commerce.models import Product
from newsdesk.core.models import TimeStamped
from newsdesk.core.text import strip_control_characters
from newsdesk.galleries.models import Image

from .addresses import detail_path
from .querysets import ArticleQuerySet


class Author(TimeStamped):
    name = models.CharField(
        _("Name"), max_length=120, help_text=_("Nur der Name, ohne Berufsbezeichnung.")
    )
    slug = models.SlugField(_("Kurzname"), max_length=120, unique=True)
    job_title = models.CharField(
        _("Funktion"), max_length=120, blank=True, help_text=_("z. B. „Redakteur Mobile“")
    )
    bio = models.TextField(_("Kurzbiografie"), blank=True)
    photo = models.ForeignKey(
        Image,
        verbose_name=_("Foto"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Newsroom-Konto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )

    class Meta:
        verbose_name = _("Autor")
        verbose_name_plural = _("Autoren")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name = strip_control_characters(self.name)
        self.job_title = strip_control_characters(self.job_title)
        self.bio = strip_control_characters(self.bio)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})


class Topic(TimeStamped):
    name = models.CharField(_("Name"), max_length=100, unique=True)
    slug = models.SlugField(_("Kurzname"), max_length=100, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name = strip_control_characters(self.name)
        self.description = strip_control_characters(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:topic", kwargs={"slug": self.slug})


class Article(TimeStamped):
    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        REVIEW = "review", _("Test")
        HANDS_ON = "hands_on", _("Hands-On")
        GUIDE = "guide", _("Ratgeber")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        IN_REVIEW = "in_review", _("In Prüfung")
        SCHEDULED = "scheduled", _("Geplant")
        PUBLISHED = "published", _("Veröffentlicht")

    # The first path segment of an article's address, per kind ("/test/galaxy-s7-im-test-12/").
    KIND_PATHS = {
        Kind.NEWS: "news",
        Kind.REVIEW: "test",
        Kind.HANDS_ON: "hands-on",
        Kind.GUIDE: "ratgeber",
    }

    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.NEWS)
    headline = models.CharField(_("Überschrift"), max_length=200)
    slug = models.SlugField(
        _("Kurzname"),
        max_length=200,
        unique=True,
        help_text=_("Teil der Adresse. Wird er geändert, leitet die alte Adresse weiter."),
    )
    teaser = models.TextField(
        _("Vorspann"),
        max_length=600,
        help_text=_("Ein bis drei Sätze; erscheint unter der Überschrift und in Listen."),
    )
    body = models.TextField(
        _("Text"),
        blank=True,
        help_text=_(
            "Markdown. Zwischenüberschriften mit „## “. Einbettungen allein auf einer "
            "Zeile: [[gallery:kurzname]], [[video:kurzname]], [[product:kurzname]], "
            "[[article:kurzname]]."
        ),
    )
    lead_image = models.ForeignKey(
        Image,
        verbose_name=_("Aufmacherbild"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    authors = models.ManyToManyField(
        Author, through="ArticleAuthor", related_name="articles", verbose_name=_("Autoren")
    )
    topics = models.ManyToManyField(
        Topic, related_name="articles", blank=True, verbose_name=_("Themen")
    )
    products = models.ManyToManyField(
        Product,
        related_name="articles",
        blank=True,
        verbose_name=_("Produkte"),
        help_text=_(
            "Produkte, um die es geht: der Artikel erscheint auf ihrer Produktseite, "
            "ihre Angebote unter dem Text."
        ),
    )
    related = models.ManyToManyField(
        "self",
        through="RelatedArticle",
        symmetrical=False,
        related_name="+",
        blank=True,
        verbose_name=_("Auch interessant"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("Veröffentlichung"), null=True, blank=True, db_index=True)
    updated_note_at = models.DateTimeField(
        _("Aktualisiert am"),
        null=True,
        blank=True,
        help_text=_("Leer lassen, wenn Lesern keine Aktualisierung angezeigt werden soll."),
    )
    comments_open = models.BooleanField(_("Kommentare offen"), default=True)
    correction_note = models.TextField(
        _("Korrektur"),
        blank=True,
        help_text=_(
            "Was korrigiert wurde, z. B. „In einer früheren Fassung stand ein falscher Preis.“ "
            "Erscheint als „Korrektur:“ unter der Überschrift; „Aktualisiert am“ springt bei "
            "einer neuen oder geänderten Korrektur auf jetzt, wenn Sie es nicht selbst ändern."
        ),
    )

    # Paid content (MStV, Pressekodex Ziffer 7): labelled "Anzeige" wherever it appears.
    is_sponsored = models.BooleanField(
        _("Anzeige (bezahlter Inhalt)"),
        default=False,
        help_text=_(
            "Erscheint überall mit „Anzeige“ über der Überschrift; Links im Text bekommen "
            'rel="sponsored".'
        ),
    )
    sponsor_name = models.CharField(
        _("Auftraggeber"),
        max_length=200,
        blank=True,
        help_text=_("Wer für den Inhalt bezahlt hat; Pflicht bei einer Anzeige."),
    )

    # Social previews: empty fields fall back to headline, teaser and lead image.
    og_title = models.CharField(
        _("Titel für soziale Netzwerke"),
        max_length=200,
        blank=True,
        help_text=_("Leer lassen für die Überschrift."),
    )
    og_description = models.CharField(
        _("Beschreibung für soziale Netzwerke"),
        max_length=300,
        blank=True,
        help_text=_("Leer lassen für den Vorspann."),
    )
    og_image = models.ForeignKey(
        Image,
        verbose_name=_("Bild für soziale Netzwerke"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leer lassen für das Aufmacherbild."),
    )

    # A review's verdict ("Fazit").
    score = models.DecimalField(
        _("Wertung"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_("Nur bei Tests: 0 bis 10."),
    )
    verdict = models.TextField(_("Fazit"), blank=True)
    pros = models.TextField(_("Pro"), blank=True, help_text=_("Ein Punkt pro Zeile."))
    cons = models.TextField(_("Contra"), blank=True, help_text=_("Ein Punkt pro Zeile."))

    # Optimistic locking: every save raises it; a save from an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("Artikel")
        verbose_name_plural = _("Artikel")
        ordering = ["-published_at", "-id"]
        # Listings read the newest articles first, overall and per kind: these indexes give
        # them in order, so a page of 20 does not sort the whole table.
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="article_newest_first"),
            models.Index(fields=["kind", "-published_at", "-id"], name="article_kind_newest_first"),
        ]
        permissions = [
            ("publish_article", _("Kann Artikel veröffentlichen und planen")),
            ("change_any_article", _("Kann Artikel aller Autoren bearbeiten")),
        ]

    def __str__(self) -> str:
        return self.headline

    def clean(self) -> None:
        super().clean()
        if self.is_sponsored and not self.sponsor_name.strip():
            raise ValidationError(
                {"sponsor_name": _("Bei einer Anzeige muss der Auftraggeber genannt werden.")}
            )

    def save(self, *args, **kwargs) -> None:
        # Browsers post CRLF line endings and forms drop microseconds: normalise both, so that
        # an unchanged field compares equal to its stored value (revisions, edit conflicts).
        for name in ("teaser", "body", "verdict", "pros", "cons", "correction_note"):
            value = getattr(self, name)
            if "\r" in value:
                setattr(self, name, value.replace("\r\n", "\n").replace("\r", "\n"))
        # Control characters pasted from elsewhere would break every feed and sitemap.
        for name in self.TEXT_FIELDS:
            setattr(self, name, strip_control_characters(getattr(self, name)))
        if self.correction_note.strip() and self._correction_needs_date(kwargs):
            # A correction is an update that readers and dateModified must both see.
            self.updated_note_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "updated_note_at"}
        for name in ("published_at", "updated_note_at"):
            value = getattr(self, name)
            if value is not None and value.microsecond:
                setattr(self, name, value.replace(microsecond=0))
        super().save(*args, **kwargs)

    def _correction_needs_date(self, save_kwargs: dict) -> bool:
        """Whether this save brings a correction without a new "Aktualisiert am" of its own.

        A first correction with the date empty, and a new or changed correction text while the
        editor left the date of an earlier update as it was: the note would otherwise appear
        under an old date, and dateModified would not move.
        """
        if self.updated_note_at is None:
            return True
        fields = save_kwargs.get("update_fields")
        if not self.pk or (fields is not None and "correction_note" not in fields):
            return False
        before = (
            Article.objects.filter(pk=self.pk).values("correction_note", "updated_note_at").first()
        )
        if before is None:
            return False
        changed = before["correction_note"].strip() != self.correction_note.strip()
        date_kept = before["updated_note_at"] == self.updated_note_at.replace(microsecond=0)
        return changed and date_kept

    TEXT_FIELDS = (
        "headline",
        "teaser",
        "body",
        "verdict",
        "pros",
        "cons",
        "correction_note",
        "sponsor_name",
        "og_title",
        "og_description",
    )

    @property
    def date_modified(self):
        """When readers were last told the article changed: the update note, else publication.

        Silent saves (a typo, a topic) do not count; a visible "Aktualisiert am" does.
        """
        if self.updated_note_at and self.published_at and self.updated_note_at > self.published_at:
            return self.updated_note_at
        return self.published_at

    def get_absolute_url(self) -> str:
        return detail_path(self.KIND_PATHS[self.kind], self.slug, self.pk)

    @property
    def is_review(self) -> bool:
        return self.kind == self.Kind.REVIEW

    def pro_list(self) -> list[str]:
        return [line.strip() for line in self.pros.splitlines() if line.strip()]

    def con_list(self) -> list[str]:
        return [line.strip() for line in self.cons.splitlines() if line.strip()]

    def ordered_authors(self) -> list[Author]:
        """Authors in byline order; uses ``for_listing()``'s prefetch when it is there."""
        authorships = getattr(self, "ordered_authorships", None)
        if authorships is None:
            authorships = self.articleauthor_set.select_related("author").order_by("position")
        return [authorship.author for authorship in authorships]


class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    author = models.ForeignKey(Author, verbose_name=_("Autor"), on_delete=models.PROTECT)
    position = models.PositiveIntegerField(_("Position"), default=0)

    class Meta:
        verbose_name = _("Autor des Artikels")
        verbose_name_plural = _("Autoren des Artikels")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author"),
        ]

    def __str__(self) -> str:
        return str(self.author)


class ArticleSource(models.Model):
    """Shown at the end of the article as "Quelle: <name>"."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    name = models.CharField(_("Quelle"), max_length=200, help_text=_("z. B. „Bloomberg“"))
    url = models.URLField(_("Adresse"), max_length=1000, blank=True)
    position = models.PositiveIntegerField(_("Position"), default=0)

    class Meta:
        verbose_name = _("Quelle")
        verbose_name_plural = _("Quellen")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name = strip_control_characters(self.name)
        super().save(*args, **kwargs)


class RelatedArticle(models.Model):
    """An editor's pick for the "Auch interessant" box."""

    from_article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_links"
    )
    to_article = models.ForeignKey(
        Article, verbose_name=_("Artikel"), on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveIntegerField(_("Position"), default=0)

    class Meta:
        verbose_name = _("Auch interessant")
        verbose_name_plural = _("Auch interessant")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_article", "to_article"], name="unique_related_article"
            ),
        ]

    def __str__(self) -> str:
        return str(self.to_article)


class ArticleRevision(models.Model):
    """A snapshot of an article as one save left it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("Version"))
    created_at = models.DateTimeField(_("gespeichert"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("Aktion"), max_length=100, blank=True)
    data = models.JSONField(_("Inhalt"))

    class Meta:
        verbose_name = _("Revision")
        verbose_name_plural = _("Revisionen")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["article", "version"], name="unique_article_version"),
        ]

    def __str__(self) -> str:
        return f"{self.article} v{self.version}"
