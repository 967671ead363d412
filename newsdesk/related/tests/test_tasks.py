"""``schedule_refresh``: the pipeline's way to recompute suggestions out of the request, once
per transaction however often an article was noted."""

from __future__ import annotations

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from newsdesk.articles.tests.factories import ArticleFactory, TopicFactory
from newsdesk.related.models import Suggestion
from newsdesk.related.tasks import refresh_articles, schedule_refresh

pytestmark = pytest.mark.django_db

TASK_PATH = "newsdesk.related.tasks.refresh_articles"


def queued_batches() -> list[list[int]]:
    return [
        row.args_kwargs["args"][0]
        for row in DBTaskResult.objects.filter(task_path=TASK_PATH).order_by("enqueued_at")
    ]


def test_one_transaction_enqueues_one_refresh_for_all_it_noted(
    real_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            schedule_refresh([3, 1])
            schedule_refresh(iter([1, 2]))
            assert queued_batches() == []  # nothing before the commit
    assert queued_batches() == [[1, 2, 3]]


def test_a_rolled_back_change_enqueues_nothing(real_queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                schedule_refresh([1])
                raise RuntimeError("the save failed")
        schedule_refresh([])
    assert queued_batches() == []


def test_the_refresh_task_recomputes_suggestions_of_articles_and_neighbours(
    django_capture_on_commit_callbacks,
):
    phones = TopicFactory(name="Smartphones")
    with django_capture_on_commit_callbacks(execute=True):
        first = ArticleFactory(headline="Neue Smartphones im Herbst", topics=[phones])
        second = ArticleFactory(headline="Smartphones werden teurer", topics=[phones])
    Suggestion.objects.all().delete()

    refreshed = refresh_articles.call([second.pk])

    assert refreshed >= 1
    assert Suggestion.objects.filter(article=second, candidate=first).exists()
