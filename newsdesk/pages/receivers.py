"""A renamed standing page keeps its old address; the cached footer links follow changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from newsdesk.core.redirects import redirect_on_url_change

from .footer import forget_footer_pages
from .models import Page

redirect_on_url_change(Page)


def _footer_changed(sender, **kwargs) -> None:
    # Now for this process, and again after the commit, in case another request re-read the
    # old rows in between.
    forget_footer_pages()
    transaction.on_commit(forget_footer_pages)


post_save.connect(_footer_changed, sender=Page, dispatch_uid="pages_footer_saved")
post_delete.connect(_footer_changed, sender=Page, dispatch_uid="pages_footer_deleted")
