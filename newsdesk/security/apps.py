from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Response headers, media serving and deploy checks that hold against hostile input."""

    name = "newsdesk.security"
    label = "security"
    verbose_name = _("Sicherheit")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy checks)
