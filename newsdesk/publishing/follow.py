"""What follows a change, in one place.

Receivers (``receivers.py``) and services only *note* what changed; this module decides what
that means and, once the transaction commits, does it, in this order:

1. search: bring the index entries of the changed objects up to date (once per object);
2. related: recompute the suggestions around the changed articles (``related.tasks``);
3. invalidate: one generation write for every touched surrogate key, one soft purge in front
   of the app, and for takedowns a hard purge plus dropping the cached pages of their address;
4. scheduled: pages of a scheduled article go stale at its publication time;
5. forget: drop cached derived values (footer links, shop domains, product terms).

Keys a later step notes while the pipeline runs (new related suggestions re-render their box)
join the same batch, so a change costs one purge.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Model
from django.utils import timezone

from . import changes, keys, registry
from .changes import ChangeSet

logger = logging.getLogger(__name__)

# What decides whether, where and in which order an article appears in listings.
ARTICLE_LISTING_FIELDS = ("status", "published_at", "kind")


# -- Noting a change ------------------------------------------------------------------------------


def stored_state(instance: Model) -> Model | None:
    """The row as stored before this save (one query), or None for a new object."""
    if not instance.pk:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).first()


def object_saved(instance: Model, before: Model | None, created: bool, raw: bool) -> None:
    """A registered content object was saved (``before``: the stored row before the save)."""
    content_type = registry.get(type(instance))
    if content_type is None:
        return
    was_public = before is not None and content_type.is_public(before)
    now_public = content_type.is_public(instance)
    found = content_type.object_keys(instance)
    if created or was_public != now_public or _moved_in_listings(before, instance):
        if was_public or now_public:
            found |= content_type.listing_keys(instance)
            if before is not None and getattr(before, "kind", None) != getattr(
                instance, "kind", None
            ):
                found.add(keys.kind(before.kind))  # it leaves its old section
    if content_type.embed_kind and (
        created or was_public != now_public or _slug(before) != _slug(instance)
    ):
        # Texts that embed it recorded the reference even while it was hidden or missing.
        found |= {keys.embed(content_type.embed_kind, s) for s in (_slug(before), _slug(instance))}
    found |= sitemap_keys(content_type, before, instance, created)
    changes.note_keys(k for k in found if k)
    if was_public and not now_public:
        takedown(content_type, before or instance)
    if raw:
        return  # loaded as it was (a restore, fixtures): derived data is loaded with it
    if not created and content_type.redirects and before is not None:
        _redirect_if_moved(content_type, before, instance)
    if content_type.search_kind:
        changes.note_search(content_type.search_kind, instance.pk)
    if content_type.name == "article":
        changes.note_related([instance.pk])
        _schedule_listings(instance, content_type)
    _note_extras(content_type)


def object_deleted(instance: Model) -> None:
    """A registered content object was deleted (its relations were read before, see
    ``before_delete``)."""
    content_type = registry.get(type(instance))
    if content_type is None:
        return
    found = content_type.object_keys(instance) | getattr(instance, "_publishing_listings", set())
    if content_type.embed_kind:
        found.add(keys.embed(content_type.embed_kind, _slug(instance)))
    found |= sitemap_keys(content_type, instance, None, created=False)
    changes.note_keys(found)
    if content_type.is_public(instance):
        takedown(content_type, instance)
    if content_type.search_kind:
        changes.note_search(content_type.search_kind, instance.pk)
    _note_extras(content_type)


def before_delete(instance: Model) -> None:
    """Read the listings an object is in while its relations still exist."""
    content_type = registry.get(type(instance))
    if content_type is not None:
        instance._publishing_listings = content_type.listing_keys(instance)
    if instance._meta.label == "articles.Article":
        # Webhook subscribers hear of it while the row (and its id) still exists; the delivery
        # is sent only if the deletion commits.
        from newsdesk.api.models import WebhookSubscription
        from newsdesk.api.webhooks import emit

        emit(WebhookSubscription.Event.ARTICLE_DELETED, instance)


def takedown(content_type: registry.ContentType, instance: Model) -> None:
    """Readers must not get this object's pages again, not even a stale copy."""
    url = content_type.url(instance)
    changes.note_takedown(content_type.object_keys(instance), [url] if url else [])


def keys_changed(found: Iterable[str]) -> None:
    """Pages that recorded these keys re-render after the commit."""
    changes.note_keys(found)


def files_changed(found: Iterable[str]) -> None:
    """Files changed, not rows (new image crops): pages showing them re-render now, whether
    or not a transaction is open."""
    invalidate(set(found), set(), set())


def article_links_changed(article_ids: Iterable[int], model_name: str, pks: Iterable[int]):
    """Topics or products of articles were added or removed (``m2m_changed``)."""
    article_ids = set(article_ids)
    changes.note_keys(
        {keys.article(pk) for pk in article_ids} | {keys.listing(model_name, pk) for pk in pks}
    )
    for pk in article_ids:
        changes.note_search("article", pk)
    changes.note_related(article_ids)


def related_changed(article_id: int) -> None:
    """Editors pinned or excluded a suggestion."""
    changes.note_related([article_id])


def image_keys(image: Model) -> set[str]:
    """Everything that shows this image."""
    from newsdesk.articles.models import Article, Author
    from newsdesk.commerce.models import Product
    from newsdesk.galleries.models import GalleryImage
    from newsdesk.videos.models import Video

    found = {keys.of(image)}
    shown_by = [
        ("gallery", GalleryImage.objects.filter(image=image).values_list("gallery_id", flat=True)),
        ("article", Article.objects.filter(lead_image=image).values_list("pk", flat=True)),
        ("product", Product.objects.filter(image=image).values_list("pk", flat=True)),
        ("author", Author.objects.filter(photo=image).values_list("pk", flat=True)),
        ("video", Video.objects.filter(poster=image).values_list("pk", flat=True)),
    ]
    for model_name, pks in shown_by:
        found |= {keys.obj_key(model_name, pk) for pk in pks}
    return found


def shop_keys(shop: Model) -> set[str]:
    """A shop's name and domain show on the pages of the products it offers."""
    product_ids = shop.offers.values_list("product_id", flat=True).distinct()
    return {keys.of(shop)} | {keys.obj_key("product", pk) for pk in product_ids}


def sitemap_keys(
    content_type: registry.ContentType, before: Model | None, after: Model | None, created: bool
) -> set[str]:
    """The sitemap files that list this object (their lastmod moves with every change)."""
    if content_type.sitemap is None:
        return set()
    found = {keys.SITEMAP_INDEX}
    if content_type.sitemap != "articles":
        return found | {keys.sitemap_section(content_type.sitemap)}
    from newsdesk.seo.sitemaps import in_news_window

    dates = [obj.published_at for obj in (before, after) if obj is not None]
    found |= {keys.sitemap_month(timezone.localtime(d).date()) for d in dates if d}
    status_moved = before is None or after is None or before.status != after.status
    if created or status_moved or any(in_news_window(d) for d in dates):
        found.add(keys.SITEMAP_NEWS)
    return found


def _moved_in_listings(before: Model | None, after: Model) -> bool:
    if before is None or registry.get(type(after)).name != "article":
        return False
    return any(getattr(before, f) != getattr(after, f) for f in ARTICLE_LISTING_FIELDS)


def _slug(obj: Model | None) -> str:
    return getattr(obj, "slug", "") or ""


def _redirect_if_moved(content_type: registry.ContentType, before: Model, after: Model) -> None:
    from newsdesk.core.redirects import redirect_moved

    redirect_moved(content_type.url(before), content_type.url(after))


def _schedule_listings(article: Model, content_type: registry.ContentType) -> None:
    from newsdesk.articles.models import Article

    if article.status == Article.Status.SCHEDULED and article.published_at:
        if article.published_at > timezone.now():
            due = article.published_at.timestamp()
            changes.note_scheduled(due, content_type.listing_keys(article), owner=keys.of(article))


def _note_extras(content_type: registry.ContentType) -> None:
    for name in content_type.extra:
        changes.note_forget(name, FORGET[name])


def _forget_footer() -> None:
    from newsdesk.pages.footer import forget_footer_pages

    forget_footer_pages()


def _forget_product_terms() -> None:
    from django.core.cache import cache

    from newsdesk.search.service import PRODUCT_TERMS_KEY

    cache.delete(PRODUCT_TERMS_KEY)


def _forget_shop_domains() -> None:
    from newsdesk.seo.links import forget_shop_domains

    forget_shop_domains()


def _forget_synonyms() -> None:
    from newsdesk.search.service import forget_synonyms

    forget_synonyms()


FORGET = {
    "footer": _forget_footer,
    "product-terms": _forget_product_terms,
    "shop-domains": _forget_shop_domains,
    "synonyms": _forget_synonyms,
}


# -- Running the follow-up after the commit ----------------------------------------------------


def run(batch: ChangeSet) -> None:
    """Every follow-up step of one committed change set, each once."""
    with changes.collecting_into(batch):
        if "search" not in batch.skip:
            update_search(batch.search)
        if "related" not in batch.skip and batch.related:
            from newsdesk.related.tasks import schedule_refresh

            schedule_refresh(sorted(batch.related))
    if "invalidate" not in batch.skip:
        invalidate(batch.keys, batch.hard_keys, batch.takedown_paths, urgent=batch.urgent)
        schedule(batch.scheduled)
    if "forget" not in batch.skip:
        for forget in batch.forget.values():
            forget()


def update_search(entries: dict[tuple[str, int], object]) -> None:
    if not entries:
        return
    from newsdesk.search import indexing

    by_kind = {ct.search_kind: ct for ct in indexing.searchable_types()}
    for (kind, pk), _obj in sorted(entries.items()):
        indexing.index(by_kind[kind], pk)


def invalidate(
    soft: set[str], hard: set[str], paths: set[str], urgent: set[str] = frozenset()
) -> None:
    """Mark the pages stale, purge them in front of the app; takedowns without any grace;
    ``urgent`` soft keys at once, without waiting for a task worker."""
    from newsdesk.pagecache import store
    from newsdesk.pagecache.tasks import purge_now, schedule_purge

    everything = soft | hard
    if not everything:
        return
    store.invalidate(everything)
    # An ordinary change is purged by the task queue, which retries while Varnish is away; a
    # takedown is purged before the request ends (and retried by the queue if that failed).
    urgent = (set(urgent) & soft) - hard
    schedule_purge(soft - hard - urgent)
    purge_now(urgent)
    purge_now(hard, hard=True)
    if paths:
        drop_cached_pages(paths)


def drop_cached_pages(paths: Iterable[str]) -> None:
    """Delete the app's cached copies of these addresses, for every host name the site answers
    to: a stale copy must not be served while the page renders anew."""
    from newsdesk.pagecache import store

    names = [f"{store.PAGE_PREFIX}{host}{path}?" for path in paths for host in site_hosts()]
    store.cache().delete_many(names)


def site_hosts() -> set[str]:
    """Host names (with the port the site is served at) that cached pages are stored under."""
    base = urlsplit(getattr(settings, "NEWSDESK_BASE_URL", ""))
    hosts = {base.netloc} if base.netloc else set()
    for host in settings.ALLOWED_HOSTS:
        if host == "*" or not host.strip("."):
            continue
        host = host.lstrip(".")
        hosts.add(host)
        if base.port:
            hosts.add(f"{host}:{base.port}")
    return hosts


def schedule(entries: list[tuple[float, frozenset[str], str | None]]) -> None:
    from newsdesk.pagecache import store

    for due, found, owner in entries:
        store.schedule_invalidation(due, found, owner=owner)
