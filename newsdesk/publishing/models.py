"""The record of takedowns: who removed which address from public view, why and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Takedown(models.Model):
    """One run of ``newsdesk takedown``: a legal or editorial removal, kept for the record."""

    url = models.CharField(_("Adresse"), max_length=500)
    reason = models.TextField(_("Grund"))
    taken_down_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("veranlasst von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    taken_down_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True)
    # What the address showed ("article 12"), empty for a bare address.
    content = models.CharField(_("Inhalt"), max_length=200, blank=True)
    cleared = models.JSONField(
        _("Geräumt"),
        default=list,
        help_text=_("Jede Stelle, an der die Adresse entfernt wurde."),
    )
    complete = models.BooleanField(
        _("Vollständig"),
        default=True,
        help_text=_("Nein, wenn eine Stelle (etwa Varnish) die Löschung nicht bestätigt hat."),
    )

    class Meta:
        ordering = ["-taken_down_at"]
        verbose_name = _("Sperrung")
        verbose_name_plural = _("Sperrungen")

    def __str__(self) -> str:
        return self.url
