"""A database that goes away costs readers a plain 503 for those seconds, said once in the log;
a replica that goes away in the middle of a page costs them nothing (issue 15).

The real restarts are in taskqueue/tests/test_database_restart.py and bench/db_outage.py; here
the failure is raised where Django would raise it.
"""

from __future__ import annotations

import logging

import pytest
from django.db import OperationalError, connections
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.core import replicas

from .test_routers import replica_alias  # noqa: F401  (fixture)

AWAY = {"on": True}


def page(request):
    if AWAY["on"]:
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')
    return HttpResponse("Startseite")


urlpatterns = [path("seite/", page)]


@pytest.fixture
def database_away():
    AWAY["on"] = True
    yield AWAY
    AWAY["on"] = True


@pytest.mark.urls(__name__)
def test_a_reader_gets_a_plain_503_while_the_database_is_away_and_the_log_says_it_once(
    client, database_away, caplog
):
    with caplog.at_level(logging.WARNING, logger="newsdesk.database"):
        first = client.get("/seite/")
        second = client.get("/seite/")
        database_away["on"] = False
        back = client.get("/seite/")
        client.get("/seite/")
    for response in (first, second):
        assert response.status_code == 503
        assert response["Retry-After"] == "10"
        assert response["Cache-Control"] == "no-store"
        assert "Die Seite ist gleich wieder da." in response.content.decode()
    assert back.status_code == 200
    messages = [record.getMessage() for record in caplog.records]
    assert sum("Database unreachable" in m for m in messages) == 1
    assert sum("Database reachable again" in m for m in messages) == 1


@pytest.mark.django_db(transaction=True, databases=["default", "replica_0"])
@override_settings(DATABASE_ROUTERS=["newsdesk.core.routers.ReplicaRouter"])
def test_a_reader_whose_replica_goes_away_mid_page_gets_the_page_from_the_primary(
    client,
    replica_alias,  # noqa: F811
):
    article = ArticleFactory(headline="Der Akku hält zwei Tage")
    replica = connections[replica_alias]

    def replica_stops(execute, sql, params, many, context):
        # The replica answered when the request chose it; it stops while the page is read.
        if "articles_article" in sql:
            replica.errors_occurred = True  # as Django marks a connection whose server left
            raise OperationalError("terminating connection due to administrator command")
        return execute(sql, params, many, context)

    with replica.execute_wrapper(replica_stops):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Der Akku hält zwei Tage" in response.content.decode()
    assert not replicas.in_rotation(replica_alias)  # the next readers go to the primary
