"""Computed "Auch interessant" suggestions with their reasons, and editors' exclusions.

Editors' pins are ``articles.RelatedArticle``; they always come first on the page.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import Article


class Suggestion(models.Model):
    """A candidate for an article's related box, as last computed (best first)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_suggestions"
    )
    candidate = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()
    score = models.FloatField()
    # In words, for editors: "gleiches Produkt: Galaxy S7 · Themen: Xiaomi, Smartphones".
    reasons = models.CharField(max_length=400)

    class Meta:
        verbose_name = _("Vorschlag")
        verbose_name_plural = _("Vorschläge")
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "candidate"], name="unique_related_suggestion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} -> {self.candidate_id} ({self.score:.2f})"


class Exclusion(models.Model):
    """An editor's "never suggest this one here"."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_exclusions"
    )
    excluded = models.ForeignKey(
        Article, verbose_name=_("Artikel"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Ausgeschlossener Vorschlag")
        verbose_name_plural = _("Ausgeschlossene Vorschläge")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "excluded"], name="unique_related_exclusion"
            ),
        ]

    def __str__(self) -> str:
        return str(self.excluded)
