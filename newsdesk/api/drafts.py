"""The write API for drafts: a tool or an assistant files a draft, an editor reviews it.

Every write goes through the article services (revisions, versions, edit conflicts) inside one
transaction: a request that fails writes nothing. Publishing runs the newsroom's own checks.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from newsdesk.articles import services
from newsdesk.articles.models import Article, ArticleAuthor, Author, Topic
from newsdesk.commerce.models import Product
from newsdesk.core.text import german_slugify
from newsdesk.galleries.models import Gallery, GalleryImage
from newsdesk.galleries.services import create_image
from newsdesk.newsroom.permissions import articles_for, may_change_article

from .auth import TokenAuth
from .errors import ApiProblem
from .models import ApiToken
from .representations import article_data, image_data
from .schemas import ArticleOut, DraftIn, DraftPatch, ImageUploadOut, answers

Scope = ApiToken.Scope
router = Router(tags=["drafts"])

# What a token may read and change here: never what readers already see (that is /articles/).
DRAFT_STATUSES = (Article.Status.DRAFT, Article.Status.IN_REVIEW, Article.Status.SCHEDULED)


def _user(request: HttpRequest) -> User:
    return request.auth.user


def draft_data(article: Article) -> dict:
    data, _shown = article_data(article, detail=True)
    data |= {"status": article.status, "version": article.version}
    if article.status == Article.Status.SCHEDULED:
        data["published_at"] = article.published_at
    return data


def _drafts_for(user: User):
    visible = Article.objects.published().values("pk")
    return articles_for(user, Article.objects.filter(status__in=DRAFT_STATUSES)).exclude(
        pk__in=visible
    )


def _by_slugs(model, slugs: list[str], name: str, problems: list[str]) -> list:
    found = model.objects.in_bulk(slugs, field_name="slug")
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        problems.append(f"Unknown {name}: {', '.join(missing)}.")
    return [found[slug] for slug in dict.fromkeys(slugs) if slug in found]


def _apply(article: Article, data: dict, problems: list[str]) -> dict:
    """Copy ``data`` onto ``article``; returns the relations to set. Collects every problem."""
    fields = {
        "headline": "headline",
        "teaser": "teaser",
        "body": "body",
        "kind": "kind",
        "sponsored": "is_sponsored",
        "sponsor_name": "sponsor_name",
    }
    for name, field in fields.items():
        if data.get(name) is not None:
            setattr(article, field, data[name])
    if article.kind not in Article.Kind.values:
        problems.append(f"kind must be one of {', '.join(Article.Kind.values)}.")
    if not article.headline.strip():
        problems.append("The headline is empty.")
    if not article.teaser.strip():
        problems.append("The teaser is empty.")
    if article.is_sponsored and not article.sponsor_name.strip():
        problems.append("A sponsored draft needs the sponsor_name.")
    relations = {}
    for name, model in (("authors", Author), ("topics", Topic), ("products", Product)):
        if data.get(name) is not None:
            relations[name] = _by_slugs(model, data[name], name, problems)
    return relations


def _unique_slug(headline: str, pk: int | None = None) -> str:
    base = (german_slugify(headline) or "entwurf")[:180]
    slug, number = base, 1
    while Article.objects.filter(slug=slug).exclude(pk=pk).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _save_relations(article: Article, relations: dict) -> None:
    if "authors" in relations:
        article.articleauthor_set.all().delete()
        for position, author in enumerate(relations["authors"]):
            ArticleAuthor.objects.create(article=article, author=author, position=position)
    if "topics" in relations:
        article.topics.set(relations["topics"])
    if "products" in relations:
        article.products.set(relations["products"])


@router.get(
    "/drafts/",
    auth=TokenAuth(Scope.READ_DRAFTS),
    response=answers(list[ArticleOut], token=True),
    exclude_unset=True,
    summary="Drafts, articles in review and scheduled ones this account may open",
)
def list_drafts(request: HttpRequest, response: HttpResponse):
    response["Cache-Control"] = "private, no-store"
    drafts = _drafts_for(_user(request)).order_by("-modified_at", "-id")[:100]
    return [draft_data(article) for article in drafts]


@router.get(
    "/drafts/{article_id}/",
    auth=TokenAuth(Scope.READ_DRAFTS),
    response=answers(ArticleOut, token=True),
    exclude_unset=True,
)
def get_draft(request: HttpRequest, response: HttpResponse, article_id: int):
    response["Cache-Control"] = "private, no-store"
    return draft_data(get_object_or_404(_drafts_for(_user(request)), pk=article_id))


@router.post(
    "/drafts/",
    auth=TokenAuth(Scope.WRITE_DRAFTS),
    response=answers(ArticleOut, 201, token=True),
    exclude_unset=True,
    summary="File a new draft",
)
def create_draft(request: HttpRequest, response: HttpResponse, payload: DraftIn):
    response["Cache-Control"] = "private, no-store"
    user = _user(request)
    if not user.has_perm("articles.add_article"):
        raise ApiProblem(403, "This account may not write articles.")
    problems: list[str] = []
    article = Article(status=Article.Status.DRAFT, created_by=user)
    relations = _apply(article, payload.dict(), problems)
    if not relations.get("authors"):
        own = Author.objects.filter(user=user).first()
        if own is None and not problems:
            problems.append("Name at least one author (their slugs in authors).")
        relations["authors"] = [own] if own else []
    if problems:
        raise ApiProblem(422, "The draft was not saved.", problems)
    with transaction.atomic():
        article.slug = _unique_slug(article.headline)
        services.save_article(article, user, "über die API angelegt")
        _save_relations(article, relations)
        services.after_related_saved(article, user, "über die API angelegt")
    return Status(201, draft_data(article))


@router.patch(
    "/drafts/{article_id}/",
    auth=TokenAuth(Scope.WRITE_DRAFTS),
    response=answers(ArticleOut, token=True, also=(409,)),
    exclude_unset=True,
    summary="Change a draft; send the version it is based on",
)
def update_draft(
    request: HttpRequest, response: HttpResponse, article_id: int, payload: DraftPatch
):
    response["Cache-Control"] = "private, no-store"
    user = _user(request)
    article = get_object_or_404(_drafts_for(user), pk=article_id)
    if not may_change_article(user, article):
        raise ApiProblem(403, "This account may not change this article.")
    problems: list[str] = []
    relations = _apply(article, payload.dict(exclude_unset=True), problems)
    if relations.get("authors") == []:
        problems.append("A draft keeps at least one author.")
    if problems:
        raise ApiProblem(422, "The draft was not changed.", problems)
    try:
        with transaction.atomic():
            services.save_article(article, user, "über die API geändert", payload.version)
            _save_relations(article, relations)
            services.after_related_saved(article, user, "über die API geändert")
    except services.EditConflict as conflict:
        changed = [change.field for change in conflict.changes]
        raise ApiProblem(
            409,
            f"The draft is at version {conflict.current_version} now; "
            "read it again and send your change on top of it.",
            [f"changed since: {', '.join(changed)}"] if changed else [],
        ) from None
    article.refresh_from_db()
    return draft_data(article)


@router.post(
    "/drafts/{article_id}/images/",
    auth=TokenAuth(Scope.WRITE_DRAFTS),
    response=answers(ImageUploadOut, 201, token=True),
    summary="Upload an image into the draft's gallery (made on first upload, unpublished)",
)
def upload_image(
    request: HttpRequest,
    article_id: int,
    file: File[UploadedFile],
    credit: Form[str],
    caption: Form[str] = "",
    alt_text: Form[str] = "",
):
    user = _user(request)
    article = get_object_or_404(_drafts_for(user), pk=article_id)
    if not may_change_article(user, article) or not user.has_perm("galleries.add_image"):
        raise ApiProblem(403, "This account may not add images to this draft.")
    if not credit.strip():
        raise ApiProblem(422, "The image was not saved.", ["credit is required (§ 13 UrhG)."])
    slug = f"{article.slug}-bilder"[:200]
    gallery = Gallery.objects.filter(slug=slug).first()
    if gallery is not None and gallery.is_published:
        raise ApiProblem(422, f"The gallery {slug} is public already; ask an editor.")
    try:
        with transaction.atomic():
            image = create_image(
                file,
                title=f"{article.headline[:150]} ({file.name})"[:200],
                credit=credit,
                caption=caption,
                alt_text=alt_text,
                uploaded_by=user,
            )
            if gallery is None:
                gallery = Gallery.objects.create(
                    title=article.headline[:200], slug=slug, is_published=False
                )
            position = gallery.items.count()
            GalleryImage.objects.create(gallery=gallery, image=image, position=position)
    except ValidationError as error:
        raise ApiProblem(422, "The image was not saved.", error.messages) from None
    return Status(201, {"image": image_data(image), "gallery": gallery.slug})


@router.post(
    "/drafts/{article_id}/publish/",
    auth=TokenAuth(Scope.PUBLISH),
    response=answers(ArticleOut, token=True),
    exclude_unset=True,
    summary="Publish a draft now, after the newsroom's checks",
)
def publish_draft(request: HttpRequest, response: HttpResponse, article_id: int):
    response["Cache-Control"] = "private, no-store"
    user = _user(request)
    article = get_object_or_404(
        _drafts_for(user).filter(~Q(status=Article.Status.SCHEDULED)), pk=article_id
    )
    try:
        services.publish_article(article, user)
    except PermissionDenied:
        raise ApiProblem(403, "This account may not publish.") from None
    except ValidationError as error:
        raise ApiProblem(422, "The article was not published.", error.messages) from None
    article.refresh_from_db()
    data, _shown = article_data(article, detail=True)
    return data
