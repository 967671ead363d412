from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_groups_after_migrate(sender, app_config, **kwargs) -> None:
    # post_migrate fires once per app; permissions of every app exist only after the last one.
    if app_config.label != "newsroom":
        return
    from .groups import sync_groups

    sync_groups()


class NewsroomConfig(AppConfig):
    name = "newsdesk.newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self) -> None:
        post_migrate.connect(sync_groups_after_migrate, dispatch_uid="newsroom_sync_groups")
