from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "newsdesk.publishing"
    label = "publishing"
    verbose_name = _("Veröffentlichung")

    def ready(self) -> None:
        from . import checks, receivers  # noqa: F401  (checks register themselves)
        from .types import register_newsdesk_types

        register_newsdesk_types()
        receivers.connect()
