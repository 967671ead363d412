"""Reader comments: plain text, held for moderation by default, threaded one level deep."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import Article

MAX_COMMENT_LENGTH = 5000


class CommentQuerySet(models.QuerySet):
    def approved(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Wartet auf Freigabe")
        APPROVED = "approved", _("Freigegeben")
        REMOVED = "removed", _("Entfernt")

    article = models.ForeignKey(
        Article, verbose_name=_("Artikel"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Antwort auf"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author_name = models.CharField(_("Name"), max_length=80)
    # Never shown to readers; used for moderation and, later, reply notifications.
    author_email = models.EmailField(_("E-Mail"), max_length=254)
    body = models.TextField(_("Kommentar"), max_length=MAX_COMMENT_LENGTH)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("geschrieben"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("moderiert"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderiert von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")
        ordering = ["created_at", "id"]
        permissions = [("moderate_comment", _("Kann Kommentare moderieren"))]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:50]}"
