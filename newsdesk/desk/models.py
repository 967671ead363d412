"""The newsroom's own records: search text, correction proposals and notices."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import Article


class ArticleSearchText(models.Model):
    """Headline, teaser and body of one article as the search app's terms.

    The public index (``newsdesk.search``) holds only what readers may find; the newsroom also
    searches drafts. Terms are ``[a-z0-9]+``, folded and stemmed (``search.analysis``), stored as
    " term term … " so a term or its beginning is a plain substring match. A row older than its
    article is renewed before the next search (``desk.search``).
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="desk_search_text",
        verbose_name=_("Artikel"),
    )
    terms = models.TextField(_("Suchbegriffe"), blank=True)
    analysed_at = models.DateTimeField(_("analysiert"))

    class Meta:
        verbose_name = _("Suchtext eines Artikels")
        verbose_name_plural = _("Suchtexte der Artikel")

    def __str__(self) -> str:
        return str(self.article_id)


class CorrectionProposal(models.Model):
    """An Autor's correction of her published article, waiting for the Redaktion.

    Readers keep seeing the live article until the Redaktion takes the proposal over; the
    article itself is not touched before that. ``data`` holds the proposed fields in the form a
    revision keeps them (``articles.services.snapshot``); ``base_version`` is the live version
    the Autor corrected, so that what the Redaktion changed since is merged, not overwritten.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("wartet auf die Redaktion")
        PUBLISHED = "published", _("übernommen und veröffentlicht")
        REJECTED = "rejected", _("abgelehnt")
        WITHDRAWN = "withdrawn", _("zurückgezogen")

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="correction_proposals",
        verbose_name=_("Artikel"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("vorgeschlagen von"),
    )
    base_version = models.PositiveIntegerField(_("Ausgangsversion"))
    data = models.JSONField(_("vorgeschlagene Fassung"))
    status = models.CharField(
        _("Stand"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("eingereicht"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("geprüft von"),
    )
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    reason = models.TextField(_("Begründung der Ablehnung"), blank=True)
    # The article's version that took the proposal over.
    published_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("Korrekturvorschlag")
        verbose_name_plural = _("Korrekturvorschläge")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "proposed_by"],
                condition=models.Q(status="open"),
                name="one_open_correction_per_author_and_article",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} ({self.get_status_display()})"


class Notice(models.Model):
    """A message for one newsroom user, shown on the start page and in the header until seen.

    ``key`` names what it is about (an article submitted in one version, a proposal decided);
    one user gets one notice per key, so resubmitting the same version tells nobody twice.
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("zur Prüfung eingereicht")
        CORRECTION = "correction", _("Korrekturvorschlag eingereicht")
        CORRECTION_PUBLISHED = "correction_published", _("Korrektur veröffentlicht")
        CORRECTION_REJECTED = "correction_rejected", _("Korrektur abgelehnt")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="newsroom_notices",
        verbose_name=_("für"),
    )
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("Artikel")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("von"),
    )
    text = models.CharField(_("Mitteilung"), max_length=500)
    url = models.CharField(_("Adresse"), max_length=300)
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(_("erstellt"), auto_now_add=True)
    seen_at = models.DateTimeField(_("gesehen"), null=True, blank=True)

    class Meta:
        verbose_name = _("Mitteilung")
        verbose_name_plural = _("Mitteilungen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="one_notice_per_key"),
        ]
        indexes = [models.Index(fields=["recipient", "seen_at"], name="notice_unseen")]

    def __str__(self) -> str:
        return self.text
