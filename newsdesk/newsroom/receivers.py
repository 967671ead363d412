from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate, dispatch_uid="newsroom_sync_groups")
def sync_groups_after_migrate(sender, app_config, **kwargs) -> None:
    # post_migrate fires once per app; permissions of every app exist only after the last one.
    if app_config.label != "newsroom":
        return
    from .groups import sync_groups

    sync_groups()
