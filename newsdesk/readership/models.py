"""Readings per article and hour: the only thing the "Meistgelesen" box is made of.

A row holds a number and nothing else: no address, no browser, no time finer than the hour.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsdesk.articles.models import Article


class HourlyReads(models.Model):
    """How often an article was read in one hour (counted by the page's beacon)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="hourly_reads")
    hour = models.DateTimeField(_("Stunde"), db_index=True)
    reads = models.PositiveIntegerField(_("Lesungen"), default=0)

    class Meta:
        verbose_name = _("Lesungen einer Stunde")
        verbose_name_plural = _("Lesungen je Stunde")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="readership_one_row_per_hour")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}h: {self.reads}"
