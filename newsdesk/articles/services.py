"""Every write to an article goes through these functions: they keep revisions and versions.

Views, the newsroom, commands and the demo call them; none of them chains ``.save()`` itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsdesk.commerce.models import Product
from newsdesk.galleries.models import Image

from .embeds import embed_problems, embedded_drafts
from .models import (
    Article,
    ArticleAuthor,
    ArticleRevision,
    ArticleSource,
    Author,
    RelatedArticle,
    Topic,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Fields kept in a revision and compared when two editors collide, with their labels.
SNAPSHOT_FIELDS = (
    "kind",
    "headline",
    "slug",
    "teaser",
    "body",
    "lead_image_id",
    "status",
    "published_at",
    "updated_note_at",
    "comments_open",
    "correction_note",
    "is_sponsored",
    "sponsor_name",
    "og_title",
    "og_description",
    "og_image_id",
    "score",
    "verdict",
    "pros",
    "cons",
)


def snapshot_value(value: object) -> object:
    """A field value as a revision stores it, so that equal values compare equal.

    Times in UTC to the second, text with LF line endings, model instances as their id.
    """
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(microsecond=0).isoformat()
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return value.pk
    if value is not None and not isinstance(value, (int, bool)):
        return str(value)
    return value


def snapshot(article: Article) -> dict:
    """The article's fields and relations as plain JSON values."""
    data = {name: snapshot_value(getattr(article, name)) for name in SNAPSHOT_FIELDS}
    if article.pk:
        data["authors"] = list(
            article.articleauthor_set.order_by("position").values_list("author_id", flat=True)
        )
        data["topics"] = sorted(article.topics.values_list("id", flat=True))
        data["products"] = sorted(article.products.values_list("id", flat=True))
        data["related"] = list(
            article.related_links.order_by("position").values_list("to_article_id", flat=True)
        )
        data["sources"] = [
            {"name": s.name, "url": s.url} for s in article.sources.order_by("position")
        ]
    return data


def record_revision(article: Article, user: User | None, action: str) -> ArticleRevision:
    return ArticleRevision.objects.create(
        article=article,
        version=article.version,
        created_by=user,
        action=action,
        data=snapshot(article),
    )


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: object
    after: object


def field_label(name: str) -> str:
    labels = {
        "authors": _("Autoren"),
        "topics": _("Themen"),
        "products": _("Produkte"),
        "related": _("Auch interessant"),
        "sources": _("Quellen"),
    }
    if name in labels:
        return labels[name]
    field_name = name.removesuffix("_id")
    return str(Article._meta.get_field(field_name).verbose_name)


def diff_snapshots(before: dict, after: dict) -> list[FieldChange]:
    changes = []
    for name in list(SNAPSHOT_FIELDS) + ["authors", "topics", "products", "related", "sources"]:
        if before.get(name) != after.get(name):
            changes.append(FieldChange(name, field_label(name), before.get(name), after.get(name)))
    return changes


class EditConflict(Exception):
    """Somebody saved the article after this editor opened it."""

    def __init__(self, current_version: int, changes: list[FieldChange], saved_by: str):
        super().__init__(f"article changed to version {current_version}")
        self.current_version = current_version
        self.changes = changes
        self.saved_by = saved_by


def check_version(article_id: int, expected_version: int) -> Article:
    """Raise EditConflict unless the stored article is still at ``expected_version``.

    Locks the row for the rest of the transaction, so nobody can save in between, and returns
    the stored article as it is now.
    """
    current = Article.objects.select_for_update().get(pk=article_id)
    if current.version == expected_version:
        return current
    base = ArticleRevision.objects.filter(article_id=article_id, version=expected_version).first()
    latest = ArticleRevision.objects.filter(article_id=article_id).order_by("-version").first()
    changes = diff_snapshots(base.data if base else {}, snapshot(current))
    saved_by = ""
    if latest and latest.created_by:
        saved_by = latest.created_by.get_full_name() or latest.created_by.get_username()
    raise EditConflict(current.version, changes, saved_by)


def _publication_touched(stored: Article | None, article: Article) -> bool:
    """Whether this save moves the article into or out of public view, or moves its time."""
    if stored is None:
        return is_public(article.status)
    if stored.status != article.status:
        return is_public(stored.status) or is_public(article.status)
    return is_public(article.status) and stored.published_at != article.published_at


@transaction.atomic
def save_article(
    article: Article, user: User | None, action: str = "", expected_version: int | None = None
) -> Article:
    """Save field changes made on ``article``; the revision follows in ``after_related_saved``.

    ``expected_version`` is the version the editor's form was built from; when the stored
    article has moved on since, nothing is written and EditConflict says what changed.
    Publishing, scheduling and taking an article back need ``articles.publish_article``.
    """
    if article.pk:
        stored = check_version(
            article.pk, expected_version if expected_version is not None else article.version
        )
        if _publication_touched(stored, article):
            _require(user, "articles.publish_article")
        article.version = F("version") + 1
        article.save()
        article.refresh_from_db(fields=["version"])
        _announce(is_visible(stored), article)
        submitted = stored.status != Article.Status.IN_REVIEW
    else:
        if _publication_touched(None, article):
            _require(user, "articles.publish_article")
        article.created_by = article.created_by or user
        article.save()
        _announce(False, article)
        submitted = True
    if article.status == Article.Status.PUBLISHED and can_publish(user):
        publish_embedded_drafts(article, user)
    if submitted and article.status == Article.Status.IN_REVIEW:
        from newsdesk.desk import notices

        notices.article_submitted(article, user)
    return article


def publish_embedded_drafts(article: Article, user: User | None) -> list:
    """Publish the draft galleries and videos in the body of an article that readers see.

    They were made for it (in the media dialog) and reviewed with it; the change is recorded
    for each of them under the name of whoever published the article.
    """
    from newsdesk.desk.media import record_media_change

    drafts = embedded_drafts(article.body)
    for draft in drafts:
        draft.is_published = True
        draft.save(update_fields=["is_published", "modified_at"])
        if user is not None:
            record_media_change(
                user,
                draft,
                _("Mit dem Artikel „%(headline)s“ veröffentlicht.")
                % {"headline": article.headline},
            )
    return drafts


def _announce(visible_before: bool, article: Article) -> None:
    """Tell webhook subscribers what this save did for readers, once it commits."""
    visible_now = is_visible(article)
    if visible_now:
        emit_event("article.updated" if visible_before else "article.published", article)
    elif visible_before:
        emit_event("article.unpublished", article)


def after_related_saved(article: Article, user: User | None, action: str) -> ArticleRevision:
    """Call once the many-to-many and inline rows are saved too, to record the revision."""
    return record_revision(article, user, action or _("gespeichert"))


def ensure_revision(article: Article) -> ArticleRevision:
    """The revision of the article's current version, kept now as a baseline if it is missing.

    Articles written by importers or older code may have none; without it a later edit
    conflict or revision diff would have nothing to compare against.
    """
    revision = article.revisions.filter(version=article.version).first()
    if revision is not None:
        return revision
    try:
        with transaction.atomic():
            return record_revision(article, None, _("Ausgangsstand"))
    except IntegrityError:  # another editor opened the article at the same moment
        return article.revisions.get(version=article.version)


def publication_problems(article: Article, *, with_drafts: bool = False) -> list[str]:
    """Why the article cannot go public yet, in plain words (empty when it can).

    The author check needs a saved article; forms check their author rows themselves.
    ``with_drafts``: embedded draft galleries and videos will be published with the article.
    """
    problems = []
    if not article.headline.strip():
        problems.append(_("Die Überschrift fehlt."))
    if not article.teaser.strip():
        problems.append(_("Der Vorspann fehlt."))
    if article.pk and not article.articleauthor_set.exists():
        problems.append(_("Mindestens ein Autor muss eingetragen sein."))
    if article.lead_image_id and not article.lead_image.has_credit:
        problems.append(_("Das Aufmacherbild hat keinen Bildnachweis."))
    if article.og_image_id and not article.og_image.has_credit:
        problems.append(_("Das Bild für soziale Netzwerke hat keinen Bildnachweis."))
    if article.is_sponsored and not article.sponsor_name.strip():
        problems.append(_("Bei einer Anzeige muss der Auftraggeber genannt werden."))
    from newsdesk.seo.credits import uncredited_pictures  # video posters, product images

    problems.extend(uncredited_pictures(article))
    problems.extend(embed_problems(article.body, with_drafts=with_drafts))
    return problems


def is_public(status: str) -> bool:
    return status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED)


def is_visible(article: Article) -> bool:
    """Whether readers see the article now (``ArticleQuerySet.published()`` for one row)."""
    return (
        is_public(article.status)
        and article.published_at is not None
        and article.published_at <= timezone.now()
    )


def emit_event(event: str, article: Article) -> None:
    """Tell webhook subscribers, once the surrounding transaction commits."""
    from newsdesk.api.webhooks import emit

    emit(event, article)


def can_publish(user: User | None) -> bool:
    return user is None or user.has_perm("articles.publish_article")


def _require(user: User | None, permission: str) -> None:
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(_("Dafür fehlt Ihnen die Berechtigung."))


STATUS_ACTIONS = {
    Article.Status.DRAFT: gettext_lazy("zurück in den Entwurf"),
    Article.Status.IN_REVIEW: gettext_lazy("zur Prüfung eingereicht"),
    Article.Status.SCHEDULED: gettext_lazy("geplant"),
    Article.Status.PUBLISHED: gettext_lazy("veröffentlicht"),
}


def apply_status(
    article: Article, user: User | None, status: str, at: dt.datetime | None = None
) -> str:
    """Set status and publication time on ``article`` without saving; returns the action name.

    Raises PermissionDenied when ``user`` may not publish, ValidationError when the article is
    not ready or a schedule lies in the past.
    """
    if is_public(status):
        _require(user, "articles.publish_article")
        # Draft galleries and videos go public with an article published now, not ahead of a
        # scheduled one.
        problems = publication_problems(article, with_drafts=status == Article.Status.PUBLISHED)
        if problems:
            raise ValidationError(problems)
    elif is_public(article.status):
        _require(user, "articles.publish_article")
    now = timezone.now()
    if status == Article.Status.SCHEDULED:
        if at is None or at <= now:
            raise ValidationError(_("Für die Planung braucht es einen Zeitpunkt in der Zukunft."))
        article.published_at = at
    elif status == Article.Status.PUBLISHED:
        article.published_at = at or article.published_at or now
        if article.published_at > now:
            article.published_at = now
    article.status = status
    return str(STATUS_ACTIONS[status])


@transaction.atomic
def change_status(
    article: Article, user: User | None, status: str, at: dt.datetime | None = None
) -> Article:
    """Move an article through the workflow: draft, in review, scheduled, published."""
    action = apply_status(article, user, status, at)
    save_article(article, user, action)
    record_revision(article, user, action)
    return article


def submit_for_review(article: Article, user: User | None) -> Article:
    return change_status(article, user, Article.Status.IN_REVIEW)


def publish_article(article: Article, user: User | None) -> Article:
    return change_status(article, user, Article.Status.PUBLISHED)


def schedule_article(article: Article, user: User | None, at: dt.datetime) -> Article:
    return change_status(article, user, Article.Status.SCHEDULED, at)


def unpublish_article(article: Article, user: User | None) -> Article:
    _require(user, "articles.publish_article")
    return change_status(article, user, Article.Status.DRAFT)


# Restoring brings back what an article says, not where it stands: status, publication time
# and slug stay as they are (an old slug may belong to another article by now).
RESTORED_FIELDS = tuple(
    name for name in SNAPSHOT_FIELDS if name not in ("status", "published_at", "slug")
)


def restored_value(name: str, value: object) -> object:
    if value is None:
        return None
    if name == "score":
        return Decimal(str(value))
    if name == "updated_note_at":
        return dt.datetime.fromisoformat(str(value))
    if name in ("lead_image_id", "og_image_id"):
        return value if Image.objects.filter(pk=value).exists() else None
    return value


@transaction.atomic
def restore_revision(
    article: Article, revision: ArticleRevision, user: User | None, expected_version: int
) -> Article:
    """Make the article say again what ``revision`` kept; a new revision records the step.

    Authors, topics, products and related articles that were deleted since are left out.
    """
    data = revision.data
    for name in RESTORED_FIELDS:
        if name in data:
            setattr(article, name, restored_value(name, data[name]))
    action = _("Version %(version)s wiederhergestellt") % {"version": revision.version}
    save_article(article, user, action, expected_version=expected_version)
    _restore_relations(article, data)
    record_revision(article, user, action)
    return article


def _restore_relations(article: Article, data: dict) -> None:
    # Row by row rather than bulk_create: the few rows involved must send their save signals,
    # which the page cache listens to.
    if "authors" in data:
        authors = set(Author.objects.filter(pk__in=data["authors"]).values_list("pk", flat=True))
        article.articleauthor_set.all().delete()
        for position, author_id in enumerate(a for a in data["authors"] if a in authors):
            ArticleAuthor.objects.create(article=article, author_id=author_id, position=position)
    if "topics" in data:
        article.topics.set(Topic.objects.filter(pk__in=data["topics"]))
    if "products" in data:
        article.products.set(Product.objects.filter(pk__in=data["products"]))
    if "related" in data:
        existing = set(Article.objects.filter(pk__in=data["related"]).values_list("pk", flat=True))
        article.related_links.all().delete()
        for position, pk in enumerate(p for p in data["related"] if p in existing):
            RelatedArticle.objects.create(from_article=article, to_article_id=pk, position=position)
    if "sources" in data:
        article.sources.all().delete()
        for position, source in enumerate(data["sources"]):
            ArticleSource.objects.create(
                article=article, name=source["name"], url=source["url"], position=position
            )


def publish_due(now: dt.datetime | None = None) -> list[Article]:
    """Flip scheduled articles whose time has come to published; safe to run concurrently.

    Each row is locked while it is flipped and rows locked by another worker are skipped, so
    two cron runs never publish the same article twice.
    """
    published = []
    now = now or timezone.now()
    with transaction.atomic():
        due = (
            Article.objects.select_for_update(skip_locked=True)
            .filter(status=Article.Status.SCHEDULED, published_at__lte=now)
            .order_by("published_at")
        )
        for article in due:
            article.status = Article.Status.PUBLISHED
            article.version = F("version") + 1
            article.save(update_fields=["status", "version", "modified_at"])
            article.refresh_from_db(fields=["version"])
            record_revision(article, None, _("planmäßig veröffentlicht"))
            published.append(article)
            emit_event("article.published", article)
    return published
