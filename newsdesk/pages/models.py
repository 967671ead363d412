"""Editable standing pages: Impressum, Datenschutz and the like."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsdesk.core.models import TimeStamped


class Page(TimeStamped):
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(
        _("Kurzname"),
        max_length=100,
        unique=True,
        help_text=_("Adresse: /<kurzname>/, z. B. „impressum“."),
    )
    body = models.TextField(_("Text"), help_text=_("Markdown."))
    in_footer = models.BooleanField(_("im Fußbereich verlinkt"), default=True)
    footer_position = models.PositiveIntegerField(_("Position im Fußbereich"), default=0)

    class Meta:
        verbose_name = _("Seite")
        verbose_name_plural = _("Seiten")
        ordering = ["footer_position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pages:detail", kwargs={"slug": self.slug})
