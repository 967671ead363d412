"""Varnish purges go through the task queue: an unreachable Varnish costs the editor nothing,
and the purge is tried again until Varnish takes it."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsdesk.pagecache.purge import PurgeFailed, VarnishPurger
from newsdesk.publishing.follow import invalidate

pytestmark = pytest.mark.django_db(transaction=True)

UNREACHABLE = "http://127.0.0.1:9/"  # the discard port: nothing listens there


def test_a_purge_varnish_did_not_take_is_tried_again_later(real_queue, settings):
    settings.NEWSDESK_PURGE_BACKEND = "varnish"
    settings.NEWSDESK_PURGE_URLS = [UNREACHABLE]
    invalidate(soft={"article-1", "home"}, hard=set(), paths=set())
    task = DBTaskResult.objects.get(task_path="newsdesk.pagecache.tasks.purge_keys")
    assert task.args_kwargs["args"] == [["article-1", "home"]]

    real_queue.drain()
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    assert task.exception_class_path == "newsdesk.pagecache.purge.PurgeFailed"
    assert task.run_after > timezone.now()


def test_no_purge_task_without_a_cache_in_front(real_queue, settings):
    settings.NEWSDESK_PURGE_BACKEND = "none"
    invalidate(soft={"article-1"}, hard=set(), paths=set())
    assert not DBTaskResult.objects.exists()


def test_a_strict_purger_raises_once_every_url_was_tried():
    purger = VarnishPurger(urls=[UNREACHABLE, UNREACHABLE], strict=True)
    with pytest.raises(PurgeFailed) as failure:
        purger.purge({"home"})
    assert str(failure.value).count(UNREACHABLE) == 2
