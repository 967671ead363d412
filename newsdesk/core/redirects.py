"""Keep old addresses alive: when an object's URL changes, the old path answers with a 301.

Rows go into ``django.contrib.redirects``; its fallback middleware answers them on a 404.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.db.models import Model
from django.db.models.signals import post_save, pre_save


def _remember_old_url(sender, instance: Model, **kwargs) -> None:
    if not instance.pk:
        return
    try:
        previous = sender.objects.get(pk=instance.pk)
    except sender.DoesNotExist:
        return
    instance._old_absolute_url = previous.get_absolute_url()


def _redirect_old_url(sender, instance: Model, created: bool, **kwargs) -> None:
    old_path = getattr(instance, "_old_absolute_url", None)
    if not old_path or created:
        return
    new_path = instance.get_absolute_url()
    instance._old_absolute_url = new_path
    if old_path == new_path:
        return
    # Earlier redirects that pointed at the old path now go straight to the new one.
    Redirect.objects.filter(site_id=settings.SITE_ID, new_path=old_path).update(new_path=new_path)
    Redirect.objects.filter(site_id=settings.SITE_ID, old_path=new_path).delete()
    Redirect.objects.update_or_create(
        site_id=settings.SITE_ID, old_path=old_path, defaults={"new_path": new_path}
    )


def redirect_on_url_change(model: type[Model]) -> None:
    """Connect the receivers that turn a URL change of ``model`` into a redirect row."""
    uid = f"redirect_on_url_change:{model._meta.label}"
    pre_save.connect(_remember_old_url, sender=model, dispatch_uid=uid + ":pre")
    post_save.connect(_redirect_old_url, sender=model, dispatch_uid=uid + ":post")
