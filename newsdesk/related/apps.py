from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelatedConfig(AppConfig):
    name = "newsdesk.related"
    label = "related"
    verbose_name = _("Auch interessant")
