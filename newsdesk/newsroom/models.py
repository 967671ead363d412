"""What the newsroom stores for itself: editors' working copies of the article form.

The role groups are synced on post_migrate, which Django sends only to apps with a models
module; this one now holds tables too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class WorkingCopy(models.Model):
    """The article form as an editor left it, before "Sichern": one per editor and article.

    ``article`` is empty for a new article that was never saved. ``user`` is empty only for a
    form posted after its session ended; the editor claims it by logging in again in the same
    browser (``claim_token`` sits in that browser's session).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Redakteur"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("Artikel"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The version the editor opened: the base of a merge when the article moved on since.
    base_version = models.PositiveIntegerField(_("Ausgangsversion"), null=True, blank=True)
    # Form field name -> list of values, as the browser would post them.
    data = models.JSONField(_("Formularinhalt"))
    claim_token = models.CharField(max_length=64, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("gesichert"), auto_now=True)

    class Meta:
        verbose_name = _("Arbeitskopie")
        verbose_name_plural = _("Arbeitskopien")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=Q(user__isnull=False, article__isnull=False),
                name="one_working_copy_per_editor_and_article",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(user__isnull=False, article__isnull=True),
                name="one_working_copy_per_editor_for_a_new_article",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} / {self.article_id or 'neu'}"
