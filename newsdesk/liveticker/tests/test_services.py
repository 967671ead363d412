"""Entries as rows of their own: versions, edits, tombstones, schedules."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.articles.tests.factories import AuthorFactory
from newsdesk.liveticker import services
from newsdesk.liveticker.models import LiveTicker, TickerEntry
from newsdesk.pagecache.models import ScheduledInvalidation

from .factories import LiveTickerFactory

pytestmark = pytest.mark.django_db


def test_each_post_raises_the_version_and_stamps_the_entry():
    ticker = LiveTickerFactory()
    first = services.post_entry(ticker, "Tim Cook betritt die Bühne.")
    second = services.post_entry(ticker, "Das neue iPhone ist da.")
    ticker.refresh_from_db()
    assert (first.version, second.version, ticker.version) == (1, 2, 2)
    assert list(ticker.entries.visible()) == [second, first]


def test_edit_marks_the_entry_edited_and_changes_its_version():
    ticker = LiveTickerFactory()
    entry = services.post_entry(ticker, "Preis: 999 Euro")
    services.edit_entry(entry, text="Preis: 1099 Euro")
    entry.refresh_from_db()
    assert entry.edited_at is not None
    assert entry.version == 2
    assert list(ticker.entries.changed_since(1)) == [entry]


def test_pinning_alone_is_not_an_edit_readers_see():
    ticker = LiveTickerFactory()
    entry = services.set_pinned(services.post_entry(ticker, "Alles Wichtige oben."), True)
    assert entry.is_pinned
    assert entry.edited_at is None


def test_delete_keeps_a_tombstone_for_open_pages():
    ticker = LiveTickerFactory()
    entry = services.post_entry(ticker, "Versehentlich gepostet")
    services.delete_entry(entry)
    assert not ticker.entries.visible().exists()
    assert list(ticker.entries.changed_since(1)) == [entry]
    assert TickerEntry.objects.get(pk=entry.pk).is_deleted


def test_a_scheduled_entry_stays_hidden_until_its_time():
    ticker = LiveTickerFactory()
    later = timezone.now() + timedelta(minutes=10)
    entry = services.post_entry(ticker, "Die Keynote beginnt gleich.", published_at=later)
    assert entry.is_scheduled
    assert not ticker.entries.visible().exists()
    assert not ticker.entries.changed_since(0).exists()


def test_the_posting_reporters_author_profile_is_the_byline(django_user_model):
    user = django_user_model.objects.create_user("reporterin")
    author = AuthorFactory(user=user)
    entry = services.post_entry(LiveTickerFactory(), "Erster Eindruck: leicht.", user=user)
    assert entry.author == author
    assert entry.created_by == user


def test_ending_a_ticker_stamps_its_end():
    ticker = LiveTickerFactory()
    services.set_state(ticker, LiveTicker.State.ENDED, summary="Drei neue iPhones.")
    ticker.refresh_from_db()
    assert ticker.ended_at is not None
    assert ticker.summary == "Drei neue iPhones."


def test_an_entry_change_renews_only_the_entry_list_and_the_tickers_teasers(
    monkeypatch, django_capture_on_commit_callbacks
):
    invalidated = []
    monkeypatch.setattr(
        "newsdesk.publishing.follow.invalidate",
        lambda soft, hard, paths, urgent=(): invalidated.append(soft | hard),
    )
    ticker = LiveTickerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.post_entry(ticker, "Neu")
    assert invalidated == [{f"liveticker-{ticker.pk}-entries", f"liveticker-{ticker.pk}-teaser"}]


def test_entries_scheduled_for_different_times_each_fire_at_theirs(
    django_capture_on_commit_callbacks,
):
    ticker = LiveTickerFactory()
    soon, later = timezone.now() + timedelta(minutes=5), timezone.now() + timedelta(minutes=50)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.post_entry(ticker, "Um fünf nach.", published_at=soon)
        second = services.post_entry(ticker, "Um zehn vor.", published_at=later)
    due = dict(ScheduledInvalidation.objects.values_list("owner", "due"))
    assert due == {
        f"tickerentry-{first.pk}": pytest.approx(soon.timestamp()),
        f"tickerentry-{second.pk}": pytest.approx(later.timestamp()),
    }
    assert set(ScheduledInvalidation.objects.first().keys) == {
        f"liveticker-{ticker.pk}-entries",
        f"liveticker-{ticker.pk}-teaser",
    }


def test_an_entry_is_purged_in_front_at_once_not_after_the_task_queue(
    monkeypatch, django_capture_on_commit_callbacks
):
    at_once, queued = [], []
    monkeypatch.setattr(
        "newsdesk.pagecache.tasks.purge_now",
        lambda keys, hard=False: at_once.append((set(keys), hard)),
    )
    monkeypatch.setattr(
        "newsdesk.pagecache.tasks.schedule_purge", lambda keys, hard=False: queued.append(set(keys))
    )
    ticker = LiveTickerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.post_entry(ticker, "Neu")
    keys = {f"liveticker-{ticker.pk}-entries", f"liveticker-{ticker.pk}-teaser"}
    assert (keys, False) in at_once
    assert not any(keys & found for found in queued)
