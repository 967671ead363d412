"""The API's response and request shapes; the OpenAPI document is generated from them.

Response fields are optional because ``fields=`` may select a few of them; without it every
field is present.
"""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field


class ImageOut(Schema):
    id: int
    url: str
    width: int
    height: int
    caption: str
    credit: str = Field(description="Bildnachweis: show it with the image (§ 13 UrhG).")
    alt_text: str


class TopicOut(Schema):
    id: int | None = None
    name: str | None = None
    slug: str | None = None
    description: str | None = None
    url: str | None = None


class AuthorOut(Schema):
    id: int | None = None
    name: str | None = None
    slug: str | None = None
    job_title: str | None = None
    bio: str | None = None
    url: str | None = None


class OfferOut(Schema):
    id: int
    shop: str
    text: str
    price: str | None
    url: str = Field(description="The tracked link the site uses; keep it as it is.")
    label: str = Field(description='Always "Werbung": show it beside the link.')
    rel: str = Field(description="The rel attribute the link must carry.")


class SpecOut(Schema):
    name: str
    value: str


class ProductOut(Schema):
    id: int | None = None
    name: str | None = None
    slug: str | None = None
    maker: str | None = None
    description: str | None = None
    specs: list[SpecOut] | None = None
    image: ImageOut | None = None
    url: str | None = None
    offers: list[OfferOut] | None = None


class GalleryOut(Schema):
    id: int | None = None
    title: str | None = None
    slug: str | None = None
    intro: str | None = None
    url: str | None = None
    images: list[ImageOut] | None = None


class VideoOut(Schema):
    id: int | None = None
    title: str | None = None
    slug: str | None = None
    caption: str | None = None
    provider: str | None = None
    watch_url: str | None = None
    poster: ImageOut | None = None


class VerdictOut(Schema):
    score: float | None
    text: str
    pros: list[str]
    cons: list[str]


class EmbedOut(Schema):
    kind: str = Field(description="gallery, video, product or article")
    slug: str
    object: dict


class ArticleOut(Schema):
    id: int | None = None
    kind: str | None = None
    kind_label: str | None = None
    headline: str | None = None
    slug: str | None = None
    teaser: str | None = None
    url: str | None = None
    status: str | None = Field(None, description="Only in draft responses.")
    version: int | None = Field(None, description="Only in draft responses: send it back on PATCH.")
    published_at: dt.datetime | None = None
    modified_at: dt.datetime | None = None
    updated_note_at: dt.datetime | None = None
    correction_note: str | None = None
    sponsored: bool | None = None
    ad_label: str | None = Field(None, description='"Anzeige" on paid content: show it.')
    sponsor_name: str | None = None
    lead_image: ImageOut | None = None
    authors: list[AuthorOut] | None = None
    comment_count: int | None = None
    verdict: VerdictOut | None = Field(None, description="Reviews only.")
    topics: list[TopicOut] | None = None
    products: list[ProductOut] | None = None
    body_markdown: str | None = Field(None, description="Markdown with [[kind:slug]] embeds.")
    body_html: str | None = Field(None, description="As the article page shows it.")
    embeds: list[EmbedOut] | None = None


class ArticlePage(Schema):
    items: list[ArticleOut]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page.")
    next: str | None = Field(description="The next page's address, or null on the last page.")


class TopicPage(Schema):
    items: list[TopicOut]
    next_cursor: str | None
    next: str | None


class AuthorPage(Schema):
    items: list[AuthorOut]
    next_cursor: str | None
    next: str | None


class ProductPage(Schema):
    items: list[ProductOut]
    next_cursor: str | None
    next: str | None


class GalleryPage(Schema):
    items: list[GalleryOut]
    next_cursor: str | None
    next: str | None


class VideoPage(Schema):
    items: list[VideoOut]
    next_cursor: str | None
    next: str | None


class ErrorOut(Schema):
    detail: str
    problems: list[str] = Field(default_factory=list)


class DraftIn(Schema):
    headline: str = Field(max_length=200)
    teaser: str = Field(max_length=600)
    body: str = ""
    kind: str = "news"
    authors: list[str] = Field(default_factory=list, description="Author slugs, in byline order.")
    topics: list[str] = Field(default_factory=list, description="Topic slugs.")
    products: list[str] = Field(default_factory=list, description="Product slugs.")
    sponsored: bool = False
    sponsor_name: str = ""


class DraftPatch(Schema):
    version: int = Field(description="The version the change is based on (409 when outdated).")
    headline: str | None = Field(None, max_length=200)
    teaser: str | None = Field(None, max_length=600)
    body: str | None = None
    kind: str | None = None
    authors: list[str] | None = None
    topics: list[str] | None = None
    products: list[str] | None = None
    sponsored: bool | None = None
    sponsor_name: str | None = None


class ImageUploadOut(Schema):
    image: ImageOut
    gallery: str


class WebhookIn(Schema):
    name: str = Field(max_length=100)
    url: str = Field(max_length=1000)
    events: list[str]


class WebhookOut(Schema):
    id: int
    name: str
    url: str
    events: list[str]
    is_active: bool
    secret: str | None = Field(None, description="Only in the answer that created it.")


PUBLIC_ERRORS = (400, 404, 422)
TOKEN_ERRORS = (400, 401, 403, 404, 422, 429)


def answers(ok: object, status: int = 200, token: bool = False, also: tuple = ()) -> dict:
    """An operation's documented answers: its own, and the errors every such operation has."""
    codes = (*(TOKEN_ERRORS if token else PUBLIC_ERRORS), *also)
    return {status: ok} | dict.fromkeys(codes, ErrorOut)
