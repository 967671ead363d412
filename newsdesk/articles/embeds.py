"""Resolve the embeds of an article body to published objects, one query per embed kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.commerce.models import Offer, Product
from newsdesk.core.markup import Block, Embed, render_markdown, split_body
from newsdesk.galleries.models import Gallery, GalleryImage
from newsdesk.pagecache.dependencies import record
from newsdesk.publishing import keys
from newsdesk.videos.models import Video


def _galleries(qs: QuerySet) -> QuerySet:
    return (
        qs.annotate(image_count=Count("items"))
        .select_related("cover")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=GalleryImage.objects.select_related("image"),
                to_attr="ordered_items",
            )
        )
    )


def _products(qs: QuerySet) -> QuerySet:
    return qs.prefetch_related(
        Prefetch(
            "offers",
            queryset=Offer.objects.live().select_related("shop"),
            to_attr="active_offers",
        )
    )


def _articles(qs: QuerySet) -> QuerySet:
    return qs.published().select_related("lead_image")


def _videos(qs: QuerySet) -> QuerySet:
    return qs.select_related("poster")


# kind -> (all objects of that kind, narrowing to what readers may see)
EMBED_SOURCES: dict[str, tuple[Callable[[], QuerySet], Callable[[QuerySet], QuerySet]]] = {
    "gallery": (lambda: Gallery.objects.all(), lambda qs: _galleries(qs.published())),
    "video": (lambda: Video.objects.all(), lambda qs: _videos(qs.published())),
    "product": (lambda: Product.objects.all(), lambda qs: _products(qs.published())),
    "article": (lambda: _article_model().objects.all(), _articles),
}

# kind -> the loading of EMBED_SOURCES without the narrowing: what a preview shows as well.
PREVIEW_LOADERS: dict[str, Callable[[QuerySet], QuerySet]] = {
    "gallery": _galleries,
    "video": _videos,
    "product": _products,
    "article": lambda qs: qs.select_related("lead_image"),
}

KIND_NAMES = {
    "gallery": gettext_lazy("Bilderstrecke"),
    "video": gettext_lazy("Video"),
    "product": gettext_lazy("Produkt"),
    "article": gettext_lazy("Artikel"),
}


def _article_model():
    from .models import Article

    return Article


def published_objects(embeds: Iterable[Embed]) -> dict[Embed, object]:
    """Published object for each embed that has one; missing or hidden ones are left out."""
    slugs_by_kind: dict[str, set[str]] = {}
    for embed in embeds:
        slugs_by_kind.setdefault(embed.kind, set()).add(embed.slug)
    found: dict[Embed, object] = {}
    for kind, slugs in slugs_by_kind.items():
        all_objects, visible = EMBED_SOURCES[kind]
        for obj in visible(all_objects().filter(slug__in=slugs)):
            found[Embed(kind, obj.slug)] = obj
    return found


def hidden_objects(embeds: Iterable[Embed]) -> dict[Embed, object]:
    """Objects of embeds that exist but readers may not see yet: for previews only."""
    embeds = list(embeds)
    visible = published_objects(embeds)
    slugs_by_kind: dict[str, set[str]] = {}
    for embed in embeds:
        if embed not in visible:
            slugs_by_kind.setdefault(embed.kind, set()).add(embed.slug)
    found: dict[Embed, object] = {}
    for kind, slugs in slugs_by_kind.items():
        all_objects, _visible = EMBED_SOURCES[kind]
        for obj in PREVIEW_LOADERS[kind](all_objects().filter(slug__in=slugs)):
            found[Embed(kind, obj.slug)] = obj
    return found


def render_body(
    text: str, known: dict[Embed, object] | None = None, sponsored: bool = False
) -> list[Block]:
    """The body as blocks ready for the template. Embeds readers may not see are skipped.

    ``known`` holds embed objects the caller has loaded already (with the same prefetching).
    ``sponsored``: the article is paid content, so its outbound links are ``rel="sponsored"``.
    """
    from newsdesk.seo.links import qualify_links

    parts = split_body(text)
    # Every reference, also to what readers may not see yet: publishing it re-renders the page.
    record(keys.embed(part.kind, part.slug) for part in parts if isinstance(part, Embed))
    objects = dict(known or {})
    objects.update(published_objects(p for p in parts if isinstance(p, Embed) and p not in objects))
    blocks = []
    for part in parts:
        if isinstance(part, Embed):
            obj = objects.get(part)
            if obj is not None:
                blocks.append(Block(embed=part, obj=obj))
        else:
            html = render_markdown(part)
            if html.strip():
                # Affiliate links in the text are advertising: marked like offer links.
                qualified = qualify_links(html, sponsored)
                extra = {"affiliate_links": qualified.affiliate_links}
                blocks.append(Block(html=qualified.html, extra=extra))
    return blocks


# Kinds whose drafts go public with the article that embeds them: the gallery builder and the
# video dialog make drafts that are "checked and published with the article".
PUBLISHED_WITH_ARTICLE = {"gallery": Gallery, "video": Video}


def embedded_drafts(text: str) -> list[Gallery | Video]:
    """The unpublished galleries and videos embedded in ``text``, in body order."""
    wanted: dict[str, list[str]] = {}
    for part in split_body(text):
        if isinstance(part, Embed) and part.kind in PUBLISHED_WITH_ARTICLE:
            wanted.setdefault(part.kind, []).append(part.slug)
    drafts = []
    for kind, slugs in wanted.items():
        found = PUBLISHED_WITH_ARTICLE[kind].objects.filter(slug__in=slugs, is_published=False)
        by_slug = {obj.slug: obj for obj in found}
        drafts += [by_slug[slug] for slug in dict.fromkeys(slugs) if slug in by_slug]
    return drafts


def embed_problems(text: str, *, with_drafts: bool = False) -> list[str]:
    """What an editor must fix before readers can see every embed, in plain words.

    ``with_drafts``: draft galleries and videos are fine, they go public with the article
    (``services.publish_embedded_drafts``); a gallery still needs every picture's credit.
    """
    from newsdesk.galleries.services import check_gallery_publishable

    parts = [part for part in split_body(text) if isinstance(part, Embed)]
    if not parts:
        return []
    visible = published_objects(parts)
    drafts = {(d._meta.model_name, d.slug): d for d in embedded_drafts(text)} if with_drafts else {}
    problems = []
    for embed in dict.fromkeys(parts):
        if embed in visible:
            continue
        draft = drafts.get((embed.kind, embed.slug))
        if isinstance(draft, Gallery):
            try:
                check_gallery_publishable(draft)
            except ValidationError as error:
                problems.append(
                    _("%(kind)s „%(slug)s“: %(problem)s")
                    % {
                        "kind": KIND_NAMES["gallery"],
                        "slug": draft.slug,
                        "problem": " ".join(error.messages),
                    }
                )
            continue
        if draft is not None:
            continue
        all_objects, _visible = EMBED_SOURCES[embed.kind]
        exists = all_objects().filter(slug=embed.slug).exists()
        name = KIND_NAMES[embed.kind]
        if exists:
            problems.append(
                _(
                    "%(kind)s „%(slug)s“ ist nicht veröffentlicht; "
                    "Leser sehen sie nicht (%(token)s)."
                )
                % {"kind": name, "slug": embed.slug, "token": embed.token}
            )
        else:
            problems.append(
                _("%(kind)s „%(slug)s“ gibt es nicht (%(token)s).")
                % {"kind": name, "slug": embed.slug, "token": embed.token}
            )
    return problems
