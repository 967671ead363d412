"""The second pass of a WordPress import: posts, pages and their comments, in batches.

New posts are written with ``bulk_create`` (no per-row signals), so the batch notes itself which
listings and sitemaps changed (``publishing.changes``). Changed posts, pages and comments are
saved row by row: they are few, and the pipeline notes their changes. The whole run is one
``suppressed()`` job (``wordpress.py``): its follow-up runs once, at the end.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import Resolver404, resolve

from newsdesk.articles.models import Article, ArticleAuthor
from newsdesk.articles.services import record_revision
from newsdesk.core.text import german_slugify
from newsdesk.galleries.models import Gallery, GalleryImage, Image
from newsdesk.pages.models import Page
from newsdesk.publishing import changes, follow, keys, registry
from newsdesk.videos.models import Video

from .legacy import RedirectBatch, old_path
from .mapping import checksum
from .models import ArticleKeyword, ImportedObject
from .report import NEW, SKIPPED, UNCHANGED, UPDATED
from .wordpress_comments import CommentImport, countable
from .wp_content import ANY_SHORTCODE, ImageTarget, Resolver, convert, plain_text
from .wxr import WxrItem, parse_date

if TYPE_CHECKING:
    from .wordpress import WordPressImport

Kind = ImportedObject.Kind
TEASER_LENGTH = 300


def teaser_from(item: WxrItem) -> str:
    text = plain_text(item.excerpt) or plain_text(ANY_SHORTCODE.sub(" ", item.content))
    text = re.sub(r"https?://\S+", "", text).strip()
    if len(text) > TEASER_LENGTH:
        text = text[:TEASER_LENGTH].rsplit(" ", 1)[0] + " …"
    return text or item.title.strip()[:TEASER_LENGTH]


def article_status(item: WxrItem) -> str | None:
    """The newsdesk status of a post, or None when it is not imported at all."""
    if item.password:
        return Article.Status.DRAFT  # never publish what WordPress kept behind a password
    return {
        "publish": Article.Status.PUBLISHED,
        "future": Article.Status.SCHEDULED,
        "draft": Article.Status.DRAFT,
        "pending": Article.Status.IN_REVIEW,
        "private": Article.Status.DRAFT,
    }.get(item.status)


@dataclass
class PreparedPost:
    item: WxrItem
    article: Article
    author_id: int | None
    topic_ids: list[int]
    keywords: list[str]
    old_paths: list[str]
    digest: str
    warnings: list[str] = field(default_factory=list)


class PostImport:
    def __init__(self, run: WordPressImport):
        self.run = run
        self.report = run.report
        self.mapping = run.mapping
        # Only posts and pages that have attachments are remembered (for attachment pages'
        # redirects): memory stays flat however many posts the export has.
        self.parents = {parent for parent, _link in run.attachments.values() if parent != "0"}
        self.post_articles: dict[str, int] = {}
        self.page_ids: dict[str, int] = {}
        self._images: dict[int, Image] = {}
        self.comments = CommentImport(run)

    # -- batches ---------------------------------------------------------------------------

    def import_batch(self, batch: list[WxrItem]) -> None:
        if not batch:
            return
        with transaction.atomic():
            found = self.mapping.find(
                Kind.POST, [i.post_id for i in batch if i.post_type == "post"]
            )
            pages = self.mapping.find(
                Kind.PAGE, [i.post_id for i in batch if i.post_type == "page"]
            )
            new: list[PreparedPost] = []
            for item in batch:
                if item.post_type == "page":
                    self._page(item, pages.get(item.post_id))
                elif item.post_type != "post":
                    self.report.add(f"Übersprungen (Typ {item.post_type})", SKIPPED)
                elif article_status(item) is None:
                    self.report.warn(item.label, f"Status „{item.status}“, nicht übernommen.")
                    self.report.add("Artikel", SKIPPED)
                else:
                    prepared = self._prepare(item, found.get(item.post_id))
                    if prepared is not None:
                        new.append(prepared)
            self._create(new)

    # -- posts -----------------------------------------------------------------------------

    def _digest(self, item: WxrItem) -> str:
        comments = [
            (c.comment_id, c.approved, c.content, c.parent_id, c.author, c.date_gmt)
            for c in item.comments
        ]
        return checksum(
            item.title,
            item.content,
            item.excerpt,
            item.status,
            item.post_date,
            item.post_date_gmt,
            item.post_name,
            item.password != "",
            item.comment_status,
            sorted(item.terms),
            item.creator,
            item.meta.get("_thumbnail_id"),
            comments,
            self.run.options.tags_as,
        )

    def _prepare(self, item: WxrItem, found: ImportedObject | None) -> PreparedPost | None:
        digest = self._digest(item)
        if found and found.checksum == digest:
            self._remember(item.post_id, found.object_id)
            self.report.add("Artikel", UNCHANGED)
            self.report.add("Kommentare", UNCHANGED, countable(item.comments))
            return None
        article = Article.objects.get(pk=found.object_id) if found else Article()
        self._fill(article, item)
        prepared = PreparedPost(
            item=item,
            article=article,
            author_id=self.run.authors.get(item.creator),
            topic_ids=[
                self.run.topics[(("tag" if d == "post_tag" else d), slug)]
                for d, slug, _name in item.terms
                if (("tag" if d == "post_tag" else d), slug) in self.run.topics
            ],
            keywords=[
                self.run.keywords[slug]
                for d, slug, _name in item.terms
                if d == "post_tag" and slug in self.run.keywords
            ],
            old_paths=self._old_paths(item, "p"),
            digest=digest,
        )
        if item.creator and prepared.author_id is None:
            self.report.warn(item.label, f"Autor „{item.creator}“ fehlt in der Exportdatei.")
        if item.is_sticky:
            self.report.warn(
                item.label, "war oben angeheftet; newsdesk ordnet die Startseite nach Datum."
            )
        if item.password:
            self.report.warn(item.label, "war kennwortgeschützt: als Entwurf übernommen.")
        if item.status == "private":
            self.report.warn(item.label, "war privat: als Entwurf übernommen.")
        if found:
            self._update(prepared)
            return None
        return prepared

    def _fill(self, article: Article, item: WxrItem) -> None:
        """Set the article's fields from the item (body conversion may create galleries and
        videos, which need the slug: it is chosen first)."""
        headline = " ".join(html.unescape(item.title).split())
        if not headline:
            headline = f"(ohne Titel, WordPress {item.post_id})"
            self.report.warn(item.label, "hatte keinen Titel.")
        if len(headline) > 200:
            self.report.warn(item.label, "Titel auf 200 Zeichen gekürzt.")
        article.headline = headline[:200]
        if not article.pk:
            base = german_slugify(_unquote(item.post_name)) or german_slugify(headline)
            article.slug = self._free_slug(base or f"wp-{item.post_id}", item.post_id)
        article.kind = article.kind or Article.Kind.NEWS
        article.status = article_status(item)
        published = parse_date(item.post_date_gmt) or self.run.local_time(item.post_date)
        if article.status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED):
            article.published_at = published
        else:
            article.published_at = None
        article.teaser = teaser_from(item)[:600]
        article.comments_open = item.comment_status == "open"
        thumbnail = item.meta.get("_thumbnail_id", "")
        article.lead_image_id = self.run.images.get(thumbnail)
        converted = convert(item.content, self._resolver(item, article.slug))
        article.body = converted.body
        for warning in converted.warnings:
            self.report.warn(item.label, warning)

    def _free_slug(self, base: str, post_id: str) -> str:
        base = base[:200]
        if base not in self._batch_slugs and not Article.objects.filter(slug=base).exists():
            self._batch_slugs.add(base)
            return base
        slug = f"{base[: 200 - len(post_id) - 4]}-wp{post_id}"
        self._batch_slugs.add(slug)
        return slug

    @property
    def _batch_slugs(self) -> set[str]:
        if not hasattr(self, "_slugs"):
            self._slugs: set[str] = set()
        return self._slugs

    def _old_paths(self, item: WxrItem, parameter: str) -> list[str]:
        paths = [f"/?{parameter}={item.post_id}"]
        if item.link:
            paths.append(old_path(item.link))
        return paths

    def _create(self, prepared: list[PreparedPost]) -> None:
        if not prepared:
            return
        articles = Article.objects.bulk_create([p.article for p in prepared])
        ArticleAuthor.objects.bulk_create(
            [
                ArticleAuthor(article=a, author_id=p.author_id, position=0)
                for p, a in zip(prepared, articles, strict=True)
                if p.author_id
            ]
        )
        Through = Article.topics.through
        Through.objects.bulk_create(
            [
                Through(article_id=a.pk, topic_id=topic_id)
                for p, a in zip(prepared, articles, strict=True)
                for topic_id in dict.fromkeys(p.topic_ids)
            ],
            ignore_conflicts=True,
        )
        ArticleKeyword.objects.bulk_create(
            [
                ArticleKeyword(article=a, name=name)
                for p, a in zip(prepared, articles, strict=True)
                for name in dict.fromkeys(p.keywords)
            ],
            ignore_conflicts=True,
        )
        ImportedObject.objects.bulk_create(
            [
                self.mapping.row(Kind.POST, p.item.post_id, a, p.digest)
                for p, a in zip(prepared, articles, strict=True)
            ]
        )
        redirects = RedirectBatch()
        for p, article in zip(prepared, articles, strict=True):
            redirects.extend(p.old_paths, article.get_absolute_url())
            self._remember(p.item.post_id, article.pk)
        redirects.write()
        self._warn_too_long(redirects)
        self.comments.create([(p.item, a) for p, a in zip(prepared, articles, strict=True)])
        self.report.add("Artikel", NEW, len(articles))
        self._slugs = set()
        # Listings and sitemaps that may now show the new articles (the month's sitemap, the
        # news sitemap); their own pages were never cached.
        content_type = registry.get(Article)
        found = {keys.HOME, keys.FEEDS}
        for p, article in zip(prepared, articles, strict=True):
            found.add(keys.kind(article.kind))
            found |= {keys.listing("topic", pk) for pk in p.topic_ids}
            if p.author_id:
                found.add(keys.listing("author", p.author_id))
            found |= follow.sitemap_keys(content_type, None, article, created=True)
        changes.note_keys(found)

    def _remember(self, post_id: str, article_id: int) -> None:
        if post_id in self.parents:
            self.post_articles[post_id] = article_id

    def _update(self, prepared: PreparedPost) -> None:
        article = prepared.article
        article.version += 1
        article.save()
        if prepared.author_id and not article.authors.filter(pk=prepared.author_id).exists():
            ArticleAuthor.objects.create(article=article, author_id=prepared.author_id)
        article.topics.set(prepared.topic_ids)
        for name in prepared.keywords:
            ArticleKeyword.objects.get_or_create(article=article, name=name)
        record_revision(article, None, "WordPress-Import")
        redirects = RedirectBatch()
        redirects.extend(prepared.old_paths, article.get_absolute_url())
        redirects.write()
        self.comments.update(prepared.item, article)
        self.mapping.save(Kind.POST, prepared.item.post_id, article, prepared.digest)
        self._remember(prepared.item.post_id, article.pk)
        self.report.add("Artikel", UPDATED)

    def _warn_too_long(self, redirects: RedirectBatch) -> None:
        for path in redirects.too_long:
            self.report.warn(path[:80], "Adresse zu lang für die Weiterleitungstabelle.")

    # -- body references -------------------------------------------------------------------

    def _resolver(self, item: WxrItem, slug: str) -> Resolver:
        galleries = Counter()

        def image(attachment_id: str | None, src: str) -> ImageTarget | None:
            key = attachment_id if attachment_id in self.run.images else None
            key = key or self.run.image_for_src(src)
            picture = self._image(self.run.images.get(key or ""))
            if picture is None:
                return None
            return ImageTarget(src=picture.src if picture.width > 1 else "", alt=picture.alt_text)

        def gallery(ids: list[str]) -> str | None:
            galleries["n"] += 1
            return self._gallery(item, slug, galleries["n"], ids)

        def video(provider: str, provider_id: str) -> str | None:
            return self._video(item, provider, provider_id)

        def attached() -> list[str]:
            return [
                a for a, (parent, _link) in self.run.attachments.items() if parent == item.post_id
            ]

        return Resolver(image=image, gallery=gallery, video=video, attached=attached)

    def _image(self, pk: int | None) -> Image | None:
        if pk is None:
            return None
        if pk not in self._images:
            if len(self._images) > 2000:
                self._images.clear()  # bounded, so memory stays flat on huge exports
            self._images[pk] = Image.objects.filter(pk=pk).first()
        return self._images[pk]

    def _gallery(self, item: WxrItem, slug: str, number: int, ids: list[str]) -> str | None:
        images = [self.run.images[i] for i in ids if i in self.run.images]
        missing = [i for i in ids if i not in self.run.images]
        if missing:
            self.report.warn(item.label, f"Bilderstrecke: Bilder {', '.join(missing)} fehlen.")
        if not images:
            return None
        external_id = f"{item.post_id}:{number}"
        found = self.mapping.get(Kind.GALLERY, external_id)
        gallery = Gallery.objects.filter(pk=found.object_id).first() if found else None
        title = f"Bilderstrecke: {' '.join(item.title.split())}"[:200]
        if gallery is None:
            gallery = Gallery.objects.create(title=title, slug=gallery_slug(slug, number), intro="")
            self.report.add("Bilderstrecken", NEW)
        else:
            gallery.items.all().delete()
            self.report.add("Bilderstrecken", UPDATED)
        GalleryImage.objects.bulk_create(
            [
                GalleryImage(gallery=gallery, image_id=pk, position=position)
                for position, pk in enumerate(images)
            ]
        )
        uncredited = Image.objects.filter(pk__in=images, credit="").count()
        gallery.title = title
        # Published only when every picture has a credit (§ 13 UrhG); else the editor adds it.
        gallery.is_published = uncredited == 0
        gallery.save()
        if uncredited:
            self.report.warn(
                item.label, f"Bilderstrecke „{gallery.slug}“ unveröffentlicht: Bildnachweis fehlt."
            )
        self.mapping.save(Kind.GALLERY, external_id, gallery, "")
        return gallery.slug

    def _video(self, item: WxrItem, provider: str, provider_id: str) -> str:
        external_id = f"{provider}:{provider_id}"
        found = self.mapping.get(Kind.VIDEO, external_id)
        if found:
            video = Video.objects.filter(pk=found.object_id).first()
            if video is not None:
                return video.slug
        title = " ".join(item.title.split())[:200] or external_id
        video = Video.objects.create(
            title=title,
            slug=_free_model_slug(Video, german_slugify(f"{provider}-{provider_id}")),
            caption=title[:300],
            provider=provider,
            provider_id=provider_id,
            is_published=True,
        )
        self.mapping.save(Kind.VIDEO, external_id, video, "")
        self.report.add("Videos", NEW)
        return video.slug

    # -- pages -----------------------------------------------------------------------------

    def _page(self, item: WxrItem, found: ImportedObject | None) -> None:
        if item.status != "publish" or item.password:
            # newsdesk pages have no draft state: an unpublished page would go public.
            self.report.warn(item.label, f"Seite mit Status „{item.status}“ nicht übernommen.")
            self.report.add("Seiten", SKIPPED)
            return
        digest = checksum(item.title, item.content, item.post_name, item.link)
        if found and found.checksum == digest:
            self.page_ids[item.post_id] = found.object_id
            self.report.add("Seiten", UNCHANGED)
            return
        page = Page.objects.filter(pk=found.object_id).first() if found else None
        title = " ".join(html.unescape(item.title).split())[:200] or f"Seite {item.post_id}"
        if page is None:
            page = Page(slug=self._page_slug(item, title), in_footer=False)
        page.title = title
        converted = convert(item.content, self._resolver(item, page.slug))
        for warning in converted.warnings:
            self.report.warn(item.label, warning)
        page.body = converted.body
        page.save()
        redirects = RedirectBatch()
        redirects.extend(self._old_paths(item, "page_id"), page.get_absolute_url())
        redirects.write()
        self.mapping.save(Kind.PAGE, item.post_id, page, digest)
        self.page_ids[item.post_id] = page.pk
        self.report.add("Seiten", UPDATED if found else NEW)

    def _page_slug(self, item: WxrItem, title: str) -> str:
        """A free slug whose address really reaches the page (not "news", say, which belongs
        to the article lists)."""
        base = (german_slugify(_unquote(item.post_name)) or german_slugify(title))[:100]
        base = base or f"seite-{item.post_id}"
        candidate, number = base, 1
        while Page.objects.filter(slug=candidate).exists() or not _page_address_free(candidate):
            number += 1
            candidate = f"{base[:95]}-{number}"
        return candidate

    # -- attachment pages ------------------------------------------------------------------

    def attachment_redirects(self) -> None:
        """Attachment pages go to the article they belong to, else to the picture itself."""
        redirects = RedirectBatch()
        for attachment_id, (parent_id, link) in self.run.attachments.items():
            target = None
            if parent_id in self.post_articles:
                article = Article.objects.filter(pk=self.post_articles[parent_id]).first()
                target = article.get_absolute_url() if article else None
            elif parent_id in self.page_ids:
                page = Page.objects.filter(pk=self.page_ids[parent_id]).first()
                target = page.get_absolute_url() if page else None
            if target is None:
                picture = self._image(self.run.images.get(attachment_id))
                if picture is None or not picture.file or picture.width <= 1:
                    continue
                target = picture.file.url
            olds = [f"/?attachment_id={attachment_id}"] + ([old_path(link)] if link else [])
            redirects.extend(olds, target)
            if len(redirects.rows) >= 500:
                redirects.write()
        redirects.write()
        self._warn_too_long(redirects)


def _unquote(value: str) -> str:
    from urllib.parse import unquote

    return unquote(value)


def _page_address_free(slug: str) -> bool:
    try:
        return resolve(f"/{slug}/").view_name == "pages:detail"
    except Resolver404:
        return False


def _free_model_slug(model, base: str) -> str:
    candidate, number = base[:200], 1
    while model.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base[:190]}-{number}"
    return candidate


def gallery_slug(article_slug: str, number: int) -> str:
    return _free_model_slug(Gallery, f"{article_slug[:170]}-bilderstrecke-{number}")
