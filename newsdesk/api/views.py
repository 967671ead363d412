"""The content API under /api/v1/: what readers may see, with the pages' surrogate keys.

Every list and object comes from the queryset its reader page uses (``types``), so a draft, a
scheduled article before its time or an unpublished product never leaves here. Responses record
the objects they show like the pages do, so the page cache stores them under the same keys
and a change purges both together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Model, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Router, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import field_validator

from newsdesk.articles.models import Article, Author, Topic
from newsdesk.commerce.models import Offer, Product
from newsdesk.galleries.models import GalleryImage
from newsdesk.pagecache.dependencies import HOME, key_for, listing_key, record

from . import drafts, pagination, subscriptions
from .auth import RateLimited
from .errors import ApiProblem
from .representations import (
    article_data,
    author_data,
    gallery_data,
    product_data,
    topic_data,
    video_data,
)
from .schemas import (
    ArticleOut,
    ArticlePage,
    AuthorOut,
    AuthorPage,
    GalleryOut,
    GalleryPage,
    ProductOut,
    ProductPage,
    TopicOut,
    TopicPage,
    VideoOut,
    VideoPage,
    answers,
)
from .types import public

api = NinjaAPI(
    title="newsdesk Content API",
    version="1",
    description=(
        "Published articles, topics, authors, products, galleries and videos, as readers see "
        "them; drafts and webhooks with an API token. Labels travel with the content: show "
        "ad_label and every offer's label."
    ),
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url=None,  # our own page at /api/v1/docs/ loads nothing from elsewhere
)


@api.exception_handler(RateLimited)
def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = api.create_response(
        request, {"detail": "Too many requests for this token.", "problems": []}, status=429
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Parameters or a body that do not fit the document: each problem in one line."""
    problems = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body",))
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return api.create_response(
        request, {"detail": "The request does not fit the API.", "problems": problems}, status=422
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {"detail": "Send a live token: Authorization: Bearer nd_...", "problems": []},
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(ApiProblem)
def problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    response = api.create_response(
        request, {"detail": exc.detail, "problems": exc.problems}, status=exc.status
    )
    response["Cache-Control"] = "private, no-store"
    return response


# Fields of a list item only when asked for by ``fields=``: they cost the body's rendering.
DETAIL_FIELDS = {"topics", "products", "body_markdown", "body_html", "embeds"}


def surrogate(response: HttpResponse, *items: Model | str | Iterable | None) -> None:
    """Record what the response shows, as the pages do, and name it in the headers.

    The page cache stores the response under these keys when it may; a CDN in front sees them
    on every answer.
    """
    record(*items)
    keys: set[str] = set()
    for item in items:
        if item is None:
            continue
        if isinstance(item, (Model, str)):
            keys.add(key_for(item))
        else:
            keys.update(key_for(each) for each in item if each is not None)
    response["Surrogate-Key"] = " ".join(sorted(keys))
    response["Cache-Tag"] = ",".join(sorted(keys))


def private_if_authenticated(request: HttpRequest, response: HttpResponse) -> None:
    """A response to a token holder never lands in a shared cache."""
    if request.headers.get("Authorization"):
        response["Cache-Control"] = "private, no-store"


def selected(fields: str | None, allowed: Iterable[str]) -> set[str] | None:
    if not fields:
        return None
    names = {name.strip() for name in fields.split(",") if name.strip()}
    unknown = sorted(names - set(allowed))
    if unknown:
        raise HttpError(400, f"Unknown fields: {', '.join(unknown)}.")
    return names


def pick(data: dict, names: set[str] | None) -> dict:
    return data if names is None else {k: v for k, v in data.items() if k in names}


# Articles


class ArticleFilters(Schema):
    kind: Article.Kind | None = None
    topic: str | None = None
    author: str | None = None
    product: str | None = None
    published_after: dt.date | None = None
    published_before: dt.date | None = None
    updated_since: dt.datetime | None = None
    q: str | None = None
    fields: str | None = None
    cursor: str | None = None
    limit: int = pagination.DEFAULT_LIMIT

    @field_validator("published_after", "published_before", "updated_since")
    @classmethod
    def within_the_archive(cls, value):
        # Far-off years and odd UTC offsets (PostgreSQL takes at most ±15:59) answer 422 with a
        # plain message or are read in UTC, never a 500 from the database.
        if value is None:
            return value
        if not 1900 <= value.year <= 2100:
            raise ValueError("Bitte ein Datum zwischen 1900 und 2100 angeben.")
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return value.astimezone(dt.UTC)
        return value


articles = Router(tags=["articles"])


def _listing_keys(filters: ArticleFilters, narrowed: dict) -> list:
    keys: list = [HOME]  # every article change touches the home page's key
    if filters.kind:
        keys.append(f"kind-{filters.kind}")
    keys += [listing_key(obj) for obj in narrowed.values()]
    return keys


@articles.get(
    "/articles/",
    response=answers(ArticlePage),
    exclude_unset=True,
    summary="Published articles, newest first",
)
def list_articles(request: HttpRequest, response: HttpResponse, filters: Query[ArticleFilters]):
    limit = pagination.check_limit(filters.limit)
    names = selected(filters.fields, ArticleOut.model_fields)
    qs = public("articles")
    narrowed: dict[str, Model] = {}
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    for name, model in (("topic", Topic), ("author", Author), ("product", Product)):
        slug = getattr(filters, name)
        if slug:
            source = public("products") if model is Product else model.objects.all()
            obj = source.filter(slug=slug).first()
            if obj is None:
                raise HttpError(400, f"There is no {name} with the slug {slug!r}.")
            narrowed[name] = obj
            qs = qs.filter(**{f"{name}s": obj})
    if filters.published_after:
        qs = qs.filter(published_at__date__gte=filters.published_after)
    if filters.published_before:
        qs = qs.filter(published_at__date__lte=filters.published_before)
    if filters.updated_since:
        qs = qs.filter(modified_at__gte=filters.updated_since)
    if filters.q:
        items, cursor = _search(filters, qs, limit)
    else:
        items, cursor = pagination.newest_first(qs.for_listing(), filters.cursor, limit)
    detail = names is not None and bool(names & DETAIL_FIELDS)
    shown: list = []
    out = []
    for article in items:
        data, objects = article_data(article, detail=detail)
        out.append(pick(data, names))
        shown += objects
    surrogate(response, _listing_keys(filters, narrowed), items, shown)
    private_if_authenticated(request, response)
    return {"items": out, "next_cursor": cursor, "next": pagination.next_link(request, cursor)}


def _search(filters: ArticleFilters, qs, limit: int) -> tuple[list[Article], str | None]:
    """The site's search, narrowed by the other filters, in its ranking order."""
    from newsdesk.search.service import search

    ranked = [pk for pk, _score in search(filters.q).ranked]
    allowed = set(qs.filter(pk__in=ranked).values_list("pk", flat=True))
    ids, cursor = pagination.by_offset(
        [pk for pk in ranked if pk in allowed], filters.cursor, limit
    )
    found = Article.objects.published().for_listing().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found], cursor


@articles.get(
    "/articles/{article_id}/",
    response=answers(ArticleOut),
    exclude_unset=True,
    summary="One published article with its body as HTML and Markdown",
)
def get_article(
    request: HttpRequest, response: HttpResponse, article_id: int, fields: str | None = None
):
    names = selected(fields, ArticleOut.model_fields)
    article = get_object_or_404(
        public("articles").for_listing().select_related("lead_image"), pk=article_id
    )
    data, shown = article_data(article, detail=True)
    surrogate(response, article, shown)
    private_if_authenticated(request, response)
    return pick(data, names)


# Topics, authors, products, galleries, videos: lists by id, details by slug.


class ListParams(Schema):
    fields: str | None = None
    cursor: str | None = None
    limit: int = pagination.DEFAULT_LIMIT


content = Router(tags=["content"])


def _list(request, response, params: ListParams, name: str, qs, to_data, schema) -> dict:
    limit = pagination.check_limit(params.limit)
    names = selected(params.fields, schema.model_fields)
    items, cursor = pagination.by_id(qs, params.cursor, limit)
    # New objects of the type touch no key yet: the page cache's age bounds these lists.
    surrogate(response, f"api-{name}", items)
    private_if_authenticated(request, response)
    return {
        "items": [pick(to_data(obj), names) for obj in items],
        "next_cursor": cursor,
        "next": pagination.next_link(request, cursor),
    }


def _detail(request, response, obj, to_data, schema, fields, *also) -> dict:
    names = selected(fields, schema.model_fields)
    surrogate(response, obj, *also)
    private_if_authenticated(request, response)
    return pick(to_data(obj), names)


def _products():
    return (
        public("products")
        .select_related("image")
        .prefetch_related(
            Prefetch("offers", Offer.objects.live().select_related("shop"), to_attr="active_offers")
        )
    )


def _galleries():
    return public("galleries").prefetch_related(
        Prefetch(
            "items",
            GalleryImage.objects.select_related("image").order_by("position", "id"),
            to_attr="ordered_items",
        )
    )


@content.get("/topics/", response=answers(TopicPage), exclude_unset=True)
def list_topics(request: HttpRequest, response: HttpResponse, params: Query[ListParams]):
    return _list(request, response, params, "topics", public("topics"), topic_data, TopicOut)


@content.get("/topics/{slug}/", response=answers(TopicOut), exclude_unset=True)
def get_topic(request: HttpRequest, response: HttpResponse, slug: str, fields: str | None = None):
    topic = get_object_or_404(public("topics"), slug=slug)
    return _detail(request, response, topic, topic_data, TopicOut, fields)


@content.get("/authors/", response=answers(AuthorPage), exclude_unset=True)
def list_authors(request: HttpRequest, response: HttpResponse, params: Query[ListParams]):
    return _list(request, response, params, "authors", public("authors"), author_data, AuthorOut)


@content.get("/authors/{slug}/", response=answers(AuthorOut), exclude_unset=True)
def get_author(request: HttpRequest, response: HttpResponse, slug: str, fields: str | None = None):
    author = get_object_or_404(public("authors"), slug=slug)
    return _detail(request, response, author, author_data, AuthorOut, fields)


@content.get("/products/", response=answers(ProductPage), exclude_unset=True)
def list_products(request: HttpRequest, response: HttpResponse, params: Query[ListParams]):
    return _list(request, response, params, "products", _products(), product_data, ProductOut)


@content.get(
    "/products/{slug}/",
    response=answers(ProductOut),
    exclude_unset=True,
    summary="A published product with its live offers, each labelled Werbung",
)
def get_product(request: HttpRequest, response: HttpResponse, slug: str, fields: str | None = None):
    product = get_object_or_404(_products(), slug=slug)
    return _detail(request, response, product, product_data, ProductOut, fields)


@content.get("/galleries/", response=answers(GalleryPage), exclude_unset=True)
def list_galleries(request: HttpRequest, response: HttpResponse, params: Query[ListParams]):
    return _list(request, response, params, "galleries", _galleries(), gallery_data, GalleryOut)


@content.get(
    "/galleries/{slug}/",
    response=answers(GalleryOut),
    exclude_unset=True,
)
def get_gallery(request: HttpRequest, response: HttpResponse, slug: str, fields: str | None = None):
    gallery = get_object_or_404(_galleries(), slug=slug)
    return _detail(request, response, gallery, gallery_data, GalleryOut, fields)


@content.get("/videos/", response=answers(VideoPage), exclude_unset=True)
def list_videos(request: HttpRequest, response: HttpResponse, params: Query[ListParams]):
    videos = public("videos").select_related("poster")
    return _list(request, response, params, "videos", videos, video_data, VideoOut)


@content.get("/videos/{slug}/", response=answers(VideoOut), exclude_unset=True)
def get_video(request: HttpRequest, response: HttpResponse, slug: str, fields: str | None = None):
    video = get_object_or_404(public("videos").select_related("poster"), slug=slug)
    return _detail(request, response, video, video_data, VideoOut, fields)


api.add_router("", articles)
api.add_router("", content)
api.add_router("", drafts.router)
api.add_router("", subscriptions.router)
