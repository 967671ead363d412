"""Loads the demo newsroom into the database: idempotent, in one transaction.

Every object is looked up by its slug (or name) first and left alone when it exists, so a second
run changes nothing, and an editor's changes to demo content survive a rerun. Pictures are drawn
and stored only together with the object they belong to.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from newsdesk.articles import services as article_services
from newsdesk.articles.models import (
    Article,
    ArticleAuthor,
    ArticleSource,
    Author,
    RelatedArticle,
    Topic,
)
from newsdesk.comments.models import Comment
from newsdesk.commerce.models import Offer, Product, Shop
from newsdesk.core.markup import find_embeds
from newsdesk.galleries.models import Gallery, GalleryImage, Image
from newsdesk.galleries.services import check_gallery_publishable, create_image
from newsdesk.newsroom.groups import EDITOR
from newsdesk.pages.models import Page
from newsdesk.videos.models import Video

from . import content
from .content.schema import ArticleText, Picture
from .drawing import LEAD_SIZE, draw_avatar, draw_picture

PRODUCT_IMAGE_SIZE = (1200, 900)

# Wraps the sequence of long-running steps, e.g. in a tqdm progress bar; identity by default.
Progress = Callable[[Sequence], Iterable]


@dataclass
class LoadReport:
    """What one run created, counted per kind of object ("Artikel", "Bilder", ...)."""

    created: Counter = field(default_factory=Counter)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # username, password, group

    @property
    def changed(self) -> bool:
        return sum(self.created.values()) > 0


class DemoLoader:
    """Creates demo objects on demand; ``ensure_*`` returns the existing row when there is one."""

    def __init__(self, now: dt.datetime | None = None) -> None:
        self.now = now or timezone.now()
        self.report = LoadReport()
        self._articles_in_progress: set[str] = set()
        self._editor = None

    # -- pictures -------------------------------------------------------------------------

    def picture(self, picture: Picture, seed: str, size: tuple[int, int] = LEAD_SIZE) -> Image:
        data = draw_picture(picture.motif, picture.label, seed, size)
        image = create_image(
            ContentFile(data, name="demo.jpg"),
            title=f"Demo: {picture.label or seed}",
            credit=picture.credit,
            caption=picture.caption,
            alt_text=picture.alt,
        )
        self.report.created["Bilder"] += 1
        return image

    # -- people and topics ----------------------------------------------------------------

    def ensure_topic(self, slug: str) -> Topic:
        topic = Topic.objects.filter(slug=slug).first()
        if topic:
            return topic
        text = next(t for t in content.TOPICS if t.slug == slug)
        self.report.created["Themen"] += 1
        return Topic.objects.create(slug=text.slug, name=text.name, description=text.description)

    def ensure_author(self, slug: str) -> Author:
        author = Author.objects.filter(slug=slug).first()
        if author:
            return author
        text = next(a for a in content.AUTHORS if a.slug == slug)
        photo = create_image(
            ContentFile(draw_avatar(text.name, f"avatar:{slug}"), name="avatar.jpg"),
            title=f"Demo: Porträt {text.name}",
            credit="Foto: Technikblatt",
            alt_text=f"Porträt von {text.name}",
        )
        self.report.created["Bilder"] += 1
        self.report.created["Autoren"] += 1
        return Author.objects.create(
            slug=slug, name=text.name, job_title=text.job_title, bio=text.bio, photo=photo
        )

    def ensure_accounts(self) -> None:
        """The demo logins; a password is set only when the account is created."""
        user_model = get_user_model()
        for text in content.ACCOUNTS:
            user = user_model.objects.filter(username=text.username).first()
            if user is None:
                user = user_model.objects.create_user(
                    text.username,
                    text.email,
                    text.password,
                    first_name=text.first_name,
                    last_name=text.last_name,
                    is_staff=True,
                )
                user.groups.add(Group.objects.get(name=text.group))
                self.report.created["Konten"] += 1
            if text.author:
                author = self.ensure_author(text.author)
                if author.user_id is None and not hasattr(user, "author_profile"):
                    author.user = user
                    author.save(update_fields=["user"])
            self.report.accounts.append((text.username, text.password, text.group))

    @property
    def editor(self):
        """The account recorded as creating and publishing demo articles (None before setup)."""
        if self._editor is None:
            self._editor = (
                get_user_model().objects.filter(username="redaktion", groups__name=EDITOR).first()
            )
        return self._editor

    # -- commerce ---------------------------------------------------------------------------

    def ensure_shop(self, name: str) -> Shop:
        shop = Shop.objects.filter(name=name).first()
        if shop:
            return shop
        text = next(s for s in content.SHOPS if s.name == name)
        self.report.created["Shops"] += 1
        return Shop.objects.create(name=text.name, domains=text.domains)

    def ensure_product(self, slug: str) -> Product:
        product = Product.objects.filter(slug=slug).first()
        if product:
            return product
        text = next(p for p in content.PRODUCTS if p.slug == slug)
        image = self.picture(
            Picture(
                text.motif,
                f"{text.maker} {text.name}",
                credit=f"Bild: {text.maker}",
                alt=f"Produktbild {text.maker} {text.name}",
            ),
            f"product:{slug}",
            PRODUCT_IMAGE_SIZE,
        )
        product = Product.objects.create(
            slug=slug,
            name=text.name,
            maker=text.maker,
            image=image,
            specs=text.specs,
            description=text.description,
            is_published=True,
        )
        for position, offer_text in enumerate(text.offers):
            offer = Offer(
                product=product,
                shop=self.ensure_shop(offer_text.shop),
                label=offer_text.label,
                price=Decimal(offer_text.price) if offer_text.price else None,
                url=offer_text.url,
                position=position,
            )
            offer.full_clean()  # https and the shop's own domains only
            offer.save()
            self.report.created["Angebote"] += 1
        self.report.created["Produkte"] += 1
        return product

    # -- galleries and videos -----------------------------------------------------------------

    def ensure_gallery(self, slug: str) -> Gallery:
        gallery = Gallery.objects.filter(slug=slug).first()
        if gallery:
            return gallery
        text = next(g for g in content.GALLERIES if g.slug == slug)
        gallery = Gallery.objects.create(slug=slug, title=text.title, intro=text.intro)
        for position, picture in enumerate(text.pictures):
            image = self.picture(picture, f"gallery:{slug}:{position}")
            GalleryImage.objects.create(gallery=gallery, image=image, position=position)
        check_gallery_publishable(gallery)
        gallery.is_published = True
        gallery.save(update_fields=["is_published"])
        self.report.created["Bilderstrecken"] += 1
        return gallery

    def ensure_video(self, slug: str) -> Video:
        video = Video.objects.filter(slug=slug).first()
        if video:
            return video
        text = next(v for v in content.VIDEOS if v.slug == slug)
        video = Video(
            slug=slug,
            title=text.title,
            caption=text.caption,
            provider=Video.Provider.YOUTUBE,
            provider_id=text.youtube_id,
            poster=self.picture(text.poster, f"video:{slug}"),
            is_published=True,
        )
        video.full_clean()
        video.save()
        self.report.created["Videos"] += 1
        return video

    # -- articles -----------------------------------------------------------------------------

    def ensure_embeds(self, body: str) -> None:
        """Create whatever the body embeds, so the article can be published."""
        ensure = {
            "gallery": self.ensure_gallery,
            "video": self.ensure_video,
            "product": self.ensure_product,
            "article": self.ensure_article,
        }
        for embed in find_embeds(body):
            ensure[embed.kind](embed.slug)

    def ensure_article(self, slug: str) -> Article:
        article = Article.objects.filter(slug=slug).first()
        if article:
            return article
        if slug in self._articles_in_progress:
            raise ValueError(f"Demo articles refer to each other in a circle: {slug}")
        self._articles_in_progress.add(slug)
        text = next(a for a in content.ARTICLES if a.slug == slug)
        self.ensure_embeds(text.body)
        related = [self.ensure_article(other) for other in text.related]
        article = self._create_article(text, related)
        self._articles_in_progress.discard(slug)
        return article

    def _create_article(self, text: ArticleText, related: list[Article]) -> Article:
        published_at = self.now - dt.timedelta(hours=text.hours_ago)
        article = Article(
            kind=text.kind,
            slug=text.slug,
            headline=text.headline,
            teaser=text.teaser,
            body=text.body,
            comments_open=text.comments_open,
            score=Decimal(text.score) if text.score else None,
            verdict=text.verdict,
            pros="\n".join(text.pros),
            cons="\n".join(text.cons),
            is_sponsored=bool(text.sponsor),
            sponsor_name=text.sponsor,
            correction_note=text.correction,
            lead_image=self.picture(text.lead, f"lead:{text.slug}") if text.lead else None,
        )
        article.full_clean(exclude=["authors", "topics", "products", "related"])
        article_services.save_article(article, self.editor, "angelegt")
        for position, author_slug in enumerate(text.authors):
            ArticleAuthor.objects.create(
                article=article, author=self.ensure_author(author_slug), position=position
            )
        article.topics.set([self.ensure_topic(slug) for slug in text.topics])
        article.products.set([self.ensure_product(slug) for slug in text.products])
        for position, (name, url) in enumerate(text.sources):
            ArticleSource.objects.create(article=article, name=name, url=url, position=position)
        for position, other in enumerate(related):
            RelatedArticle.objects.create(from_article=article, to_article=other, position=position)
        article_services.after_related_saved(article, self.editor, "Demo angelegt")
        if published_at > self.now:
            article_services.schedule_article(article, self.editor, published_at)
        else:
            article_services.change_status(
                article, self.editor, Article.Status.PUBLISHED, published_at
            )
        if text.updated_hours_ago is not None:
            Article.objects.filter(pk=article.pk).update(
                updated_note_at=self.now - dt.timedelta(hours=text.updated_hours_ago)
            )
        self._add_comments(article, text, published_at)
        self.report.created["Artikel"] += 1
        return article

    def _add_comments(self, article: Article, text: ArticleText, published_at) -> None:
        made: list[Comment] = []
        for comment_text in text.comments:
            written = published_at + dt.timedelta(hours=comment_text.hours_after)
            status = Comment.Status.PENDING if comment_text.pending else Comment.Status.APPROVED
            comment = Comment.objects.create(
                article=article,
                author_name=comment_text.name,
                author_email=comment_text.email,
                body=comment_text.body,
                status=status,
                parent=made[comment_text.reply_to] if comment_text.reply_to is not None else None,
                moderated_at=None if comment_text.pending else written,
                moderated_by=None if comment_text.pending else self.editor,
            )
            # created_at is auto_now_add: set the time the story says it was written.
            Comment.objects.filter(pk=comment.pk).update(created_at=written)
            made.append(comment)
            self.report.created["Kommentare"] += 1

    # -- pages --------------------------------------------------------------------------------

    def ensure_pages(self) -> None:
        """Impressum and Datenschutz, only where missing: an editor may have changed them."""
        for text in content.PAGES:
            if Page.objects.filter(slug=text.slug).exists():
                continue
            Page.objects.create(
                slug=text.slug,
                title=text.title,
                body=text.body,
                footer_position=text.footer_position,
            )
            self.report.created["Seiten"] += 1


def _identity(items: Sequence) -> Iterable:
    return items


@transaction.atomic
def load_demo(*, now: dt.datetime | None = None, progress: Progress = _identity) -> LoadReport:
    """Create the whole demo newsroom; returns what was created (nothing on a second run)."""
    loader = DemoLoader(now)
    loader.ensure_accounts()
    loader.ensure_pages()
    for topic in content.TOPICS:
        loader.ensure_topic(topic.slug)
    for author in content.AUTHORS:
        loader.ensure_author(author.slug)
    for shop in content.SHOPS:
        loader.ensure_shop(shop.name)
    steps: list[Callable[[], object]] = [
        *(lambda slug=p.slug: loader.ensure_product(slug) for p in content.PRODUCTS),
        *(lambda slug=g.slug: loader.ensure_gallery(slug) for g in content.GALLERIES),
        *(lambda slug=v.slug: loader.ensure_video(slug) for v in content.VIDEOS),
        *(lambda slug=a.slug: loader.ensure_article(slug) for a in content.ARTICLES),
    ]
    for step in progress(steps):
        step()
    # Liveticker: an ended keynote and a running trade-fair day (content in that app).
    from newsdesk.liveticker.demo import ensure_demo_tickers

    ensure_demo_tickers(loader)
    return loader.report


@transaction.atomic
def build_showcase(*, now: dt.datetime | None = None) -> Article:
    """Create only the showcase article and what it needs; returns the showcase Article.

    That is its gallery, video, product with offers in three shops, the review it embeds, its
    editor-picked related articles and its comments (approved, one threaded reply, one pending).
    Quick enough for browser tests; ``load_demo()`` later skips everything made here.
    """
    loader = DemoLoader(now)
    loader.ensure_accounts()
    for shop in content.SHOPS:
        loader.ensure_shop(shop.name)
    return loader.ensure_article(content.SHOWCASE_SLUG)
