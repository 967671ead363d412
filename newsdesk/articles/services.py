"""Every write to an article goes through these functions: they keep revisions and versions.

Views, the newsroom, commands and the demo call them; none of them chains ``.save()`` itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .embeds import embed_problems
from .models import Article, ArticleRevision

# Fields kept in a revision and compared when two editors collide, with their labels.
SNAPSHOT_FIELDS = (
    "kind", "headline", "slug", "teaser", "body", "lead_image_id", "status", "published_at",
    "updated_note_at", "comments_open", "score", "verdict", "pros", "cons",
)


def snapshot(article: Article) -> dict:
    data = {}
    for name in SNAPSHOT_FIELDS:
        value = getattr(article, name)
        if isinstance(value, dt.datetime):
            value = value.isoformat()
        elif value is not None and not isinstance(value, (str, int, bool)):
            value = str(value)
        data[name] = value
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


def record_revision(article: Article, user, action: str) -> ArticleRevision:
    return ArticleRevision.objects.create(
        article=article, version=article.version, created_by=user, action=action,
        data=snapshot(article),
    )


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: object
    after: object


def field_label(name: str) -> str:
    labels = {"authors": _("Autoren"), "topics": _("Themen"), "products": _("Produkte"),
              "related": _("Auch interessant"), "sources": _("Quellen")}
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


def check_version(article_id: int, expected_version: int) -> None:
    """Raise EditConflict unless the stored article is still at ``expected_version``.

    Locks the row for the rest of the transaction, so nobody can save in between.
    """
    current = Article.objects.select_for_update().get(pk=article_id)
    if current.version == expected_version:
        return
    base = ArticleRevision.objects.filter(article_id=article_id, version=expected_version).first()
    latest = ArticleRevision.objects.filter(article_id=article_id).order_by("-version").first()
    changes = diff_snapshots(base.data if base else {}, snapshot(current))
    saved_by = ""
    if latest and latest.created_by:
        saved_by = latest.created_by.get_full_name() or latest.created_by.get_username()
    raise EditConflict(current.version, changes, saved_by)


@transaction.atomic
def save_article(article: Article, user, action: str = "", expected_version: int | None = None
                 ) -> Article:
    """Save field changes made on ``article`` and keep a revision.

    ``expected_version`` is the version the editor's form was built from; when the stored
    article has moved on since, nothing is written and EditConflict says what changed.
    """
    if article.pk:
        check_version(article.pk, expected_version if expected_version is not None
                      else article.version)
        article.version = F("version") + 1
        article.save()
        article.refresh_from_db(fields=["version"])
    else:
        article.created_by = article.created_by or user
        article.save()
    return article


def after_related_saved(article: Article, user, action: str) -> ArticleRevision:
    """Call once the many-to-many and inline rows are saved too, to record the revision."""
    return record_revision(article, user, action or _("gespeichert"))


def publication_problems(article: Article) -> list[str]:
    """Why the article cannot go public yet, in plain words (empty when it can)."""
    problems = []
    if not article.headline.strip():
        problems.append(_("Die Überschrift fehlt."))
    if not article.teaser.strip():
        problems.append(_("Der Vorspann fehlt."))
    if article.pk and not article.articleauthor_set.exists():
        problems.append(_("Mindestens ein Autor muss eingetragen sein."))
    if article.lead_image_id and not article.lead_image.has_credit:
        problems.append(_("Das Aufmacherbild hat keinen Bildnachweis."))
    problems.extend(embed_problems(article.body))
    return problems


def _require(user, permission: str) -> None:
    if user is not None and not user.has_perm(permission):
        raise PermissionDenied(_("Dafür fehlt Ihnen die Berechtigung."))


@transaction.atomic
def change_status(article: Article, user, status: str, at: dt.datetime | None = None) -> Article:
    """Move an article through the workflow: draft, in review, scheduled, published."""
    if status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED):
        _require(user, "articles.publish_article")
        problems = publication_problems(article)
        if problems:
            raise ValidationError(problems)
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
    actions = {
        Article.Status.DRAFT: _("zurück in den Entwurf"),
        Article.Status.IN_REVIEW: _("zur Prüfung eingereicht"),
        Article.Status.SCHEDULED: _("geplant"),
        Article.Status.PUBLISHED: _("veröffentlicht"),
    }
    save_article(article, user, actions[status])
    record_revision(article, user, actions[status])
    return article


def submit_for_review(article: Article, user) -> Article:
    return change_status(article, user, Article.Status.IN_REVIEW)


def publish_article(article: Article, user) -> Article:
    return change_status(article, user, Article.Status.PUBLISHED)


def schedule_article(article: Article, user, at: dt.datetime) -> Article:
    return change_status(article, user, Article.Status.SCHEDULED, at)


def unpublish_article(article: Article, user) -> Article:
    _require(user, "articles.publish_article")
    return change_status(article, user, Article.Status.DRAFT)


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
    return published
