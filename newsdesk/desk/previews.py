"""Previews as reviewers need them: every embed shown, and a link to pass on.

A preview shows embeds readers cannot see yet (an unpublished gallery, a draft article), each
marked "nicht veröffentlicht", so a reviewer approves what will really go live. A preview link is
signed and expires (``NEWSDESK_PREVIEW_LINK_DAYS``), so a colleague or an external reviewer can
open a draft without a login.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from newsdesk.articles.embeds import hidden_objects, render_body
from newsdesk.articles.models import Article
from newsdesk.core.markup import find_embeds

SALT = "newsdesk.desk.preview-link"
DEFAULT_LINK_DAYS = 7


def link_days() -> int:
    return getattr(settings, "NEWSDESK_PREVIEW_LINK_DAYS", DEFAULT_LINK_DAYS)


def preview_blocks(article: Article, blocks: list) -> list:
    """``blocks`` of the reader page, with the embeds readers cannot see yet put back, marked."""
    hidden = hidden_objects(find_embeds(article.body))
    if not hidden:
        return blocks
    known = {block.embed: block.obj for block in blocks if block.embed}
    rendered = render_body(article.body, known={**known, **hidden}, sponsored=article.is_sponsored)
    for block in rendered:
        if block.embed in hidden:
            block.extra["unpublished"] = True
    return rendered


def preview_link(article: Article) -> str:
    """A signed address of the article's preview that works without a login, for a while."""
    token = signing.dumps(article.pk, salt=SALT)
    return settings.NEWSDESK_BASE_URL + reverse("desk:shared_preview", args=[token])


def link_expires(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) + dt.timedelta(days=link_days())


class LinkExpired(Exception):
    pass


def article_for_token(token: str) -> Article:
    """The article a preview link was made for; ``LinkExpired`` or ``Article.DoesNotExist``."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=dt.timedelta(days=link_days()))
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise Article.DoesNotExist from error
    return Article.objects.select_related("lead_image").get(pk=pk)
