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
