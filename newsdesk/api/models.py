"""API tokens of newsroom accounts, and webhook subscriptions with their delivery log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A newsroom account's key for the API. Only its SHA-256 is stored; the key is shown once."""

    class Scope(models.TextChoices):
        READ_DRAFTS = "read_drafts", _("Entwürfe lesen")
        WRITE_DRAFTS = "write_drafts", _("Entwürfe schreiben")
        PUBLISH = "publish", _("Veröffentlichen")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Newsroom-Konto"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("Bezeichnung"), max_length=100, help_text=_("Wofür der Schlüssel ist, z. B. „App“.")
    )
    prefix = models.CharField(_("Anfang"), max_length=12, editable=False, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("Rechte"), default=list, blank=True)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("zuletzt benutzt"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-Schlüssel")
        verbose_name_plural = _("API-Schlüssel")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


class WebhookSubscription(models.Model):
    class Event(models.TextChoices):
        ARTICLE_PUBLISHED = "article.published", _("Artikel veröffentlicht")
        ARTICLE_UPDATED = "article.updated", _("Artikel geändert")
        ARTICLE_UNPUBLISHED = "article.unpublished", _("Artikel zurückgezogen")
        ARTICLE_DELETED = "article.deleted", _("Artikel gelöscht")
        COMMENT_APPROVED = "comment.approved", _("Kommentar freigegeben")
        TICKER_ENTRY = "liveticker.entry", _("Liveticker-Eintrag gepostet, geändert oder gelöscht")

    name = models.CharField(_("Bezeichnung"), max_length=100)
    url = models.URLField(_("Adresse"), max_length=1000, help_text=_("Nur https oder http."))
    events = models.JSONField(_("Ereignisse"), default=list)
    secret = models.CharField(
        _("Signaturschlüssel"),
        max_length=100,
        editable=False,
        help_text=_("Standard-Webhooks-Schlüssel (whsec_…), mit dem jede Sendung signiert wird."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    consecutive_failures = models.PositiveIntegerField(
        _("Fehlschläge in Folge"), default=0, editable=False
    )
    disabled_reason = models.CharField(_("abgeschaltet weil"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)

    class Meta:
        verbose_name = _("Webhook")
        verbose_name_plural = _("Webhooks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    """One event sent to one subscription; attempts are retried with growing pauses."""

    class Status(models.TextChoices):
        PENDING = "pending", _("ausstehend")
        DELIVERED = "delivered", _("zugestellt")
        FAILED = "failed", _("gescheitert")

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(_("Ereignis"), max_length=40)
    message_id = models.CharField(_("Nachrichten-ID"), max_length=40, unique=True)
    payload = models.JSONField(_("Inhalt"))
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("Versuche"), default=0)
    next_attempt_at = models.DateTimeField(_("nächster Versuch"), null=True, blank=True)
    response_status = models.PositiveIntegerField(_("Antwort-Code"), null=True, blank=True)
    error = models.CharField(_("Fehler"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("zugestellt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Webhook-Zustellung")
        verbose_name_plural = _("Webhook-Zustellungen")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription}"
