"""The shapes of the demo's written content. Plain data: nothing here touches the database."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Picture:
    """A picture to draw: ``motif`` is a key of ``drawing.MOTIFS``, ``label`` is drawn into it."""

    motif: str
    label: str
    caption: str = ""
    credit: str = "Foto: Technikblatt"
    alt: str = ""


@dataclass(frozen=True)
class AuthorText:
    slug: str
    name: str
    job_title: str
    bio: str


@dataclass(frozen=True)
class TopicText:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class AccountText:
    username: str
    password: str
    group: str
    first_name: str
    last_name: str
    email: str
    author: str = ""  # slug of the Author profile the account writes as


@dataclass(frozen=True)
class ShopText:
    name: str
    domains: str


@dataclass(frozen=True)
class OfferText:
    shop: str
    url: str
    price: str
    label: str = ""


@dataclass(frozen=True)
class ProductText:
    slug: str
    name: str
    maker: str
    motif: str
    specs: str
    description: str
    offers: tuple[OfferText, ...]


@dataclass(frozen=True)
class GalleryText:
    slug: str
    title: str
    intro: str
    pictures: tuple[Picture, ...]


@dataclass(frozen=True)
class VideoText:
    slug: str
    title: str
    caption: str
    youtube_id: str
    poster: Picture


@dataclass(frozen=True)
class CommentText:
    name: str
    email: str
    body: str
    hours_after: float  # after the article's publication
    reply_to: int | None = None  # index of the comment answered, within the same article
    pending: bool = False


@dataclass(frozen=True)
class ArticleText:
    """One article. ``hours_ago`` below zero means scheduled that many hours in the future."""

    slug: str
    kind: str  # a value of Article.Kind
    headline: str
    teaser: str
    body: str
    authors: tuple[str, ...]
    topics: tuple[str, ...]
    hours_ago: float
    lead: Picture | None = None
    products: tuple[str, ...] = ()
    sources: tuple[tuple[str, str], ...] = ()  # (name, url)
    related: tuple[str, ...] = ()
    score: str | None = None
    verdict: str = ""
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()
    updated_hours_ago: float | None = None
    comments_open: bool = True
    comments: tuple[CommentText, ...] = ()
    sponsor: str = ""  # paid content: the sponsor's name, shown with "Anzeige"
    correction: str = ""  # a "Korrektur:" note (with updated_hours_ago as its time)


@dataclass(frozen=True)
class PageText:
    slug: str
    title: str
    body: str
    footer_position: int
