"""Anonymous reads go to a replica; writes and a signed-in editor's reads to the primary."""

import pytest
from django.contrib.auth.models import User
from django.db import connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from newsdesk.articles.tests.factories import ArticleFactory
from newsdesk.core.routers import ReplicaRouter, use_primary

# The replica alias of the test settings mirrors the test database, as a streaming replica
# would; the tests commit (transaction=True) so that its separate connection sees their rows.
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica_0"])


@pytest.fixture
def replica_alias():
    return "replica_0"


def test_router_without_replicas_reads_from_primary(monkeypatch):
    monkeypatch.setattr("newsdesk.core.routers.replica_aliases", lambda: [])
    assert ReplicaRouter().db_for_read(User) == "default"


def test_router_reads_from_replica_and_writes_to_primary(replica_alias):
    router = ReplicaRouter()
    assert router.db_for_read(User) == replica_alias
    assert router.db_for_write(User) == "default"
    with use_primary():
        assert router.db_for_read(User) == "default"
    assert not router.allow_migrate(replica_alias, "articles")


@override_settings(DATABASE_ROUTERS=["newsdesk.core.routers.ReplicaRouter"])
def test_anonymous_page_view_reads_from_replica_editor_from_primary(client, replica_alias):
    article = ArticleFactory()
    with CaptureQueriesContext(connections[replica_alias]) as replica_queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(replica_queries) > 0

    editor = User.objects.create_user("redakteur", password="x", is_staff=True)
    client.force_login(editor)
    with CaptureQueriesContext(connections[replica_alias]) as replica_queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    assert len(replica_queries) == 0
