"""Article writes: versions, revisions, workflow rules and publish-due."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from newsdesk.articles import services
from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory, TopicFactory
from newsdesk.newsroom.groups import AUTHOR, EDITOR
from newsdesk.newsroom.tests.helpers import newsroom_user

pytestmark = pytest.mark.django_db


def due_article(**kwargs):
    return ArticleFactory(
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() - timedelta(minutes=1),
        **kwargs,
    )


def test_publish_due_flips_due_articles_and_says_how_many():
    due = due_article()
    later = ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=1)
    )
    out = StringIO()
    call_command("publish_due", stdout=out)
    assert "1 Artikel veröffentlicht." in out.getvalue()
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == Article.Status.PUBLISHED
    assert later.status == Article.Status.SCHEDULED


def test_publish_due_run_twice_publishes_once():
    article = due_article()
    first, second = StringIO(), StringIO()
    call_command("publish_due", stdout=first)
    call_command("publish_due", stdout=second)
    assert "1 Artikel veröffentlicht." in first.getvalue()
    assert "0 Artikel veröffentlicht." in second.getvalue()
    assert article.revisions.filter(action="planmäßig veröffentlicht").count() == 1


def test_publish_due_help_says_to_run_it_from_cron():
    from newsdesk.articles.management.commands.publish_due import Command

    assert "every minute from cron" in Command.help


def test_autor_cannot_publish_through_the_service():
    autor = newsroom_user(AUTHOR)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    with pytest.raises(PermissionDenied):
        services.publish_article(article, autor)
    article.status = Article.Status.PUBLISHED
    with pytest.raises(PermissionDenied):
        services.save_article(article, autor)
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_redaktion_can_schedule_only_into_the_future():
    redaktion = newsroom_user(EDITOR)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    with pytest.raises(ValidationError):
        services.schedule_article(article, redaktion, timezone.now() - timedelta(minutes=5))
    at = (timezone.now() + timedelta(days=1)).replace(microsecond=0)  # stored to the second
    services.schedule_article(Article.objects.get(pk=article.pk), redaktion, at)
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.SCHEDULED, at)
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_save_from_an_older_version_raises_edit_conflict_naming_the_change():
    article = ArticleFactory(headline="Alt", status=Article.Status.DRAFT)
    services.ensure_revision(article)
    mine = Article.objects.get(pk=article.pk)
    theirs = Article.objects.get(pk=article.pk)
    theirs.headline = "Neu"
    services.save_article(theirs, None)
    services.after_related_saved(theirs, None, "")
    mine.teaser = "Mein Vorspann"
    with pytest.raises(services.EditConflict) as conflict:
        services.save_article(mine, None, expected_version=1)
    assert [c.field for c in conflict.value.changes] == ["headline"]
    assert Article.objects.get(pk=article.pk).teaser != "Mein Vorspann"


def test_restore_brings_back_text_and_relations_but_not_status():
    topic = TopicFactory()
    article = ArticleFactory(headline="Erste Fassung", topics=[topic])
    first = services.ensure_revision(article)
    article.headline = "Zweite Fassung"
    services.save_article(article, None)
    article.topics.clear()
    services.after_related_saved(article, None, "")
    services.restore_revision(article, first, None, expected_version=article.version)
    article.refresh_from_db()
    assert article.headline == "Erste Fassung"
    assert list(article.topics.all()) == [topic]
    assert article.status == Article.Status.PUBLISHED
