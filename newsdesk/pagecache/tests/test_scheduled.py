"""Scheduled invalidations: one row per scheduled object, and nothing to read on a cache hit."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from newsdesk.articles.models import Article
from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.pagecache import scheduled, store
from newsdesk.pagecache.models import ScheduledInvalidation
from newsdesk.pagecache.tests import urls as test_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache():
    with override_settings(ROOT_URLCONF="newsdesk.pagecache.tests.urls", NEWSDESK_PAGE_CACHE=True):
        cache.clear()
        test_urls.renders.clear()
        yield test_urls.renders
        cache.clear()


def test_saving_a_scheduled_article_again_and_again_keeps_one_entry(
    django_capture_on_commit_callbacks,
):
    due = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(status=Article.Status.SCHEDULED, published_at=due)
    for minutes in range(1, 21):
        with django_capture_on_commit_callbacks(execute=True):
            article.headline = f"Fassung {minutes}"
            article.published_at = due + timedelta(minutes=minutes)
            article.save()
    entry = ScheduledInvalidation.objects.get()
    assert entry.owner == f"article-{article.pk}"
    assert entry.due == pytest.approx(article.published_at.timestamp())
    assert "home" in entry.keys


def test_articles_scheduled_at_the_same_moment_are_all_kept():
    due = time.time() + 600
    scheduled.schedule(due, {"article-1", "home"})
    scheduled.schedule(due, {"article-2", "home"})
    assert set(ScheduledInvalidation.objects.values_list("owner", flat=True)) == {
        "article-1",
        "article-2",
    }


def test_a_cache_hit_reads_neither_the_schedule_nor_the_database(
    client, page_cache, django_assert_num_queries
):
    for n in range(50):
        scheduled.schedule(time.time() + 3600 + n, {f"article-{100 + n}", "home"})
    client.get("/artikel-a/")
    client.get("/artikel-a/")
    with django_assert_num_queries(0):
        assert client.get("/artikel-a/")["X-Cache"] == "HIT"


def test_entries_leave_once_their_pages_were_renewed(client, page_cache):
    due = time.time() + 300
    scheduled.schedule(due, {"article-1", "topic-1-articles"})
    scheduled.schedule(due + 3600, {"article-9", "home"})
    client.get("/artikel-a/")
    client.get("/artikel-b/")
    with mock.patch("time.time", return_value=due + 1):
        assert client.get("/artikel-a/")["X-Cache"] == "MISS"
        assert client.get("/artikel-b/")["X-Cache"] == "HIT"
    assert list(ScheduledInvalidation.objects.values_list("owner", flat=True)) == ["article-9"]


def test_an_entry_moved_to_later_does_not_fire_at_its_old_time(client, page_cache):
    due = time.time() + 300
    scheduled.schedule(due, {"article-1"})
    scheduled.schedule(due + 3600, {"article-1"})
    client.get("/artikel-a/")
    with mock.patch("time.time", return_value=due + 1):
        assert client.get("/artikel-a/")["X-Cache"] == "HIT"
    assert store.cache().get(store.NEXT_DUE_KEY) == pytest.approx(due + 3600)


def test_the_task_worker_runs_due_entries_for_pages_only_varnish_serves(monkeypatch):
    """No request reaches the page cache while Varnish answers: the worker notices the time."""
    from newsdesk.taskqueue.worker import Worker

    invalidated = []
    monkeypatch.setattr(
        "newsdesk.publishing.follow.invalidate",
        lambda soft, hard, paths, urgent=(): invalidated.append(soft),
    )
    due = time.time() + 300
    scheduled.schedule(due, {"liveticker-1-entries"}, owner="tickerentry-7")
    Worker(publish_due_every=0).periodic()
    assert invalidated == []
    with mock.patch("time.time", return_value=due + 1):
        Worker(publish_due_every=0).periodic()
    assert invalidated == [{"liveticker-1-entries"}]
    assert not ScheduledInvalidation.objects.exists()
