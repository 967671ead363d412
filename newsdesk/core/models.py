"""Abstract bases shared by the domain apps. No concrete domain models live here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    modified_at = models.DateTimeField(_("geändert"), auto_now=True)

    class Meta:
        abstract = True
