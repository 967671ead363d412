from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    label = "search"
    verbose_name = _("Suche")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the index to content changes)
