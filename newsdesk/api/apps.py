from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_newsroom_groups(sender, **kwargs) -> None:
    # The Admin role holds every permission; this app's (tokens, webhooks) exist only from its
    # own migrations on, after the newsroom synced its roles.
    from newsdesk.newsroom.groups import sync_groups

    sync_groups()


class ApiConfig(AppConfig):
    name = "newsdesk.api"
    label = "api"
    verbose_name = _("Schnittstelle (API)")

    def ready(self) -> None:
        post_migrate.connect(sync_newsroom_groups, sender=self, dispatch_uid="api_groups")
