from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "newsdesk.pages"
    label = "pages"
    verbose_name = _("Seiten")
