"""Page-cache invalidation for the comments app's own settings.

Comment rows themselves are handled in ``pagecache/receivers.py``. An article's comment policy
decides whether its page shows the form, so a change re-renders that page. The site-wide
settings reach cached pages within ``NEWSDESK_PAGE_CACHE_MAX_AGE``; posting checks them live, so
a thread closed by the site's time limit accepts nothing even while an older copy shows a form.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsdesk.pagecache.invalidation import invalidate_on_commit

from .models import ArticlePolicy


@receiver(post_save, sender=ArticlePolicy, dispatch_uid="comments_policy_saved")
@receiver(post_delete, sender=ArticlePolicy, dispatch_uid="comments_policy_deleted")
def article_policy_changed(sender, instance: ArticlePolicy, **kwargs) -> None:
    invalidate_on_commit({f"article-{instance.article_id}"})
