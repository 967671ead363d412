from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_newsroom_groups(sender, **kwargs) -> None:
    # The newsroom syncs its roles after its own migrations; this app comes later in
    # INSTALLED_APPS, so the Redaktion's right to edit synonyms exists only from here on.
    from newsdesk.newsroom.groups import sync_groups

    sync_groups()


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    label = "search"
    verbose_name = _("Suche")

    def ready(self) -> None:
        post_migrate.connect(sync_newsroom_groups, sender=self, dispatch_uid="search_groups")
