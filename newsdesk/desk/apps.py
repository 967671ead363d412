from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    """The newsroom's working surface: start page, search, shareable previews, media record."""

    name = "newsdesk.desk"
    label = "desk"
    verbose_name = _("Schreibtisch")
