"""Persistent generations of surrogate keys, for processes that do not share the cache.

The page cache reads generations from the cache; ``newsdesk bake --changed`` runs in its own
process (with a per-process cache when none is configured) and reads them from here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeyGeneration(models.Model):
    key = models.CharField(_("Schlüssel"), max_length=100, unique=True)
    generation = models.FloatField(_("Generation"), help_text=_("Zeit der letzten Änderung"))

    class Meta:
        verbose_name = _("Cache-Schlüssel")
        verbose_name_plural = _("Cache-Schlüssel")

    def __str__(self) -> str:
        return f"{self.key}@{self.generation}"


class ScheduledInvalidation(models.Model):
    """Pages that must change at a set time: a scheduled article enters its listings at its
    time, not when the next ``publish-due`` run saves it.

    One row per object (``owner``, such as "article-12"): saving a scheduled article again
    moves its row instead of adding one, so the table stays as small as the number of
    scheduled objects. Rows are removed once their keys have been invalidated.
    """

    owner = models.CharField(_("Objekt"), max_length=100, unique=True)
    due = models.FloatField(_("Fällig"), db_index=True, help_text=_("Unix-Zeit"))
    keys = models.JSONField(_("Schlüssel"), default=list)

    class Meta:
        verbose_name = _("Geplante Cache-Erneuerung")
        verbose_name_plural = _("Geplante Cache-Erneuerungen")

    def __str__(self) -> str:
        return f"{self.owner}@{self.due}"
