from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveTickerConfig(AppConfig):
    name = "newsdesk.liveticker"
    label = "liveticker"
    verbose_name = _("Liveticker")
